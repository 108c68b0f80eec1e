package dev.portico.synth.validate.istio;

import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSCertificate;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSProtocol;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSmode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code validateTLSOptions} of istio/istio {@code pkg/config/validation/validation.go}: the TLS settings
 * of a Gateway server and of a Sidecar ingress listener. Each kind reports under its own rule ids
 * ({@link Ids}).
 */
final class ServerTlsRules {
  /**
   * The rule ids a kind reports TLS findings under.
   *
   * @param tls certificates missing, conflicting or not allowed with the mode
   * @param version a minimum version below TLS 1.2 without cipher suites (warning)
   * @param cipherSuites unknown or repeated cipher suites (warning)
   * @param passthroughCerts certificates on a mode that does not terminate TLS (warning)
   * @param certificates more than two tlsCertificates (warning)
   * @param credentialSecrets whether the kind can take certificates from a Secret (credentialName), which
   *     the message for a missing certificate then suggests
   */
  record Ids(String tls, String version, String cipherSuites, String passthroughCerts, String certificates,
      boolean credentialSecrets) {}

  private ServerTlsRules() {}

  static void check(Check check, Ids ids, String path, ServerTLSSettings tls) {
    if (tls == null) {
      return;
    }
    ServerTLSSettingsTLSProtocol min = tls.getMinProtocolVersion();
    List<String> ciphers = tls.getCipherSuites() == null ? List.of() : tls.getCipherSuites();
    boolean oldTls = min == ServerTLSSettingsTLSProtocol.TLSV1_0 || min == ServerTLSSettingsTLSProtocol.TLSV1_1;
    if (oldTls && ciphers.isEmpty()) {
      check.warning(ids.version(), path + ".minProtocolVersion", Messages.quote(min.name())
          + " needs cipherSuites that TLS below 1.2 can use; the defaults include none");
    }
    Set<String> invalid = new TreeSet<>();
    Set<String> valid = new LinkedHashSet<>();
    Set<String> duplicate = new TreeSet<>();
    for (String cipher : ciphers) {
      if (!IstioFormats.isValidCipherSuite(cipher)) {
        invalid.add(cipher);
      } else if (!valid.add(cipher)) {
        duplicate.add(cipher);
      }
    }
    if (!invalid.isEmpty()) {
      check.warning(ids.cipherSuites(), path + ".cipherSuites", Messages.list(invalid) + " are not cipher "
          + "suites Envoy supports and are ignored; use names such as \"ECDHE-RSA-AES128-GCM-SHA256\"");
    }
    if (!duplicate.isEmpty()) {
      check.warning(ids.cipherSuites(), path + ".cipherSuites", Messages.list(duplicate)
          + " are listed more than once; the repeats are ignored");
    }
    ServerTLSSettingsTLSmode mode = tls.getMode() == null ? ServerTLSSettingsTLSmode.PASSTHROUGH : tls.getMode();
    List<ServerTLSSettingsTLSCertificate> certificates =
        tls.getTlsCertificates() == null ? List.of() : tls.getTlsCertificates();
    boolean credentialNames = tls.getCredentialNames() != null && !tls.getCredentialNames().isEmpty();
    if (mode == ServerTLSSettingsTLSmode.ISTIO_MUTUAL) {
      List<String> set = new ArrayList<>();
      addIf(set, !isEmpty(tls.getServerCertificate()), "serverCertificate");
      addIf(set, !isEmpty(tls.getPrivateKey()), "privateKey");
      addIf(set, !isEmpty(tls.getCaCertificates()), "caCertificates");
      addIf(set, !certificates.isEmpty(), "tlsCertificates");
      addIf(set, !isEmpty(tls.getCredentialName()), "credentialName");
      addIf(set, credentialNames, "credentialNames");
      for (String field : set) {
        check.error(ids.tls(), path + "." + field, "must not be set with mode \"ISTIO_MUTUAL\", which uses "
            + "the mesh's own certificates; drop it, or use mode MUTUAL");
      }
      return;
    }
    if (mode == ServerTLSSettingsTLSmode.PASSTHROUGH || mode == ServerTLSSettingsTLSmode.AUTO_PASSTHROUGH) {
      if (!isEmpty(tls.getCaCrl()) || !isEmpty(tls.getServerCertificate()) || !isEmpty(tls.getPrivateKey())
          || !isEmpty(tls.getCaCertificates()) || !certificates.isEmpty() || !isEmpty(tls.getCredentialName())
          || credentialNames) {
        check.warning(ids.passthroughCerts(), path, "mode " + Messages.quote(mode.name())
            + " does not terminate TLS, so its certificates are ignored; drop them, or use mode SIMPLE");
      }
    }
    int sources = 0;
    sources += !isEmpty(tls.getServerCertificate()) && !isEmpty(tls.getPrivateKey()) ? 1 : 0;
    sources += !isEmpty(tls.getCredentialName()) ? 1 : 0;
    sources += credentialNames ? 1 : 0;
    sources += !certificates.isEmpty() ? 1 : 0;
    if (sources > 1) {
      check.error(ids.tls(), path, "sets more than one certificate source; use only one of "
          + "credentialName, credentialNames, serverCertificate with privateKey, and tlsCertificates");
    }
    boolean terminating = mode == ServerTLSSettingsTLSmode.SIMPLE || mode == ServerTLSSettingsTLSmode.MUTUAL
        || mode == ServerTLSSettingsTLSmode.OPTIONAL_MUTUAL;
    if (terminating && (!isEmpty(tls.getCredentialName()) || credentialNames)) {
      // credentials come from the Secret
      return;
    }
    if (terminating) {
      String modeName = Messages.quote(mode.name());
      boolean mutual = mode != ServerTLSSettingsTLSmode.SIMPLE;
      if (mutual && isEmpty(tls.getCaCertificates())) {
        check.error(ids.tls(), path + ".caCertificates", "is required for mode " + modeName + " (the CA "
            + "that signs client certificates), or set credentialName to a Secret holding it");
      }
      if (certificates.size() > 2) {
        check.warning(ids.certificates(), path + ".tlsCertificates", certificates.size()
            + " certificates are given; Istio supports at most 2 (one RSA, one ECDSA)");
      }
      if (certificates.isEmpty()) {
        if (isEmpty(tls.getServerCertificate()) && ids.credentialSecrets()) {
          check.error(ids.tls(), path + ".credentialName", "is required for mode " + modeName + ": the "
              + "name of a TLS Secret (or set serverCertificate and privateKey)");
        } else if (isEmpty(tls.getServerCertificate())) {
          check.error(ids.tls(), path + ".serverCertificate", "is required for mode " + modeName + ": the path "
              + "of the server certificate file (with privateKey)");
          if (isEmpty(tls.getPrivateKey())) {
            check.error(ids.tls(), path + ".privateKey", "is required for mode " + modeName + ": the path of the "
                + "server's private key file");
          }
        } else if (isEmpty(tls.getPrivateKey())) {
          check.error(ids.tls(), path + ".privateKey", "is required with serverCertificate for mode "
              + modeName);
        }
      }
      for (int i = 0; i < certificates.size(); i++) {
        ServerTLSSettingsTLSCertificate certificate = certificates.get(i);
        String itemPath = path + ".tlsCertificates[" + i + "]";
        if (certificate == null || isEmpty(certificate.getServerCertificate())) {
          check.error(ids.tls(), itemPath + ".serverCertificate", "is required for mode " + modeName);
        }
        if (certificate == null || isEmpty(certificate.getPrivateKey())) {
          check.error(ids.tls(), itemPath + ".privateKey", "is required for mode " + modeName);
        }
      }
    }
    if (!isEmpty(tls.getCaCrl())) {
      if (!isEmpty(tls.getCredentialName())) {
        check.error(ids.tls(), path + ".caCrl", "cannot be combined with credentialName; put the CRL in "
            + "the credential Secret");
      }
      if (mode == ServerTLSSettingsTLSmode.SIMPLE) {
        check.error(ids.tls(), path + ".caCrl", "is not supported with mode \"SIMPLE\" (no client "
            + "certificates to revoke); drop it or use mode MUTUAL");
      }
    }
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }

  private static void addIf(List<String> list, boolean condition, String value) {
    if (condition) {
      list.add(value);
    }
  }
}
