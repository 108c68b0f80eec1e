package dev.portico.synth.validate.istio;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.istio.IstioRuleTables.ok;
import static dev.portico.synth.validate.istio.IstioRuleTables.q;
import static dev.portico.synth.validate.istio.IstioRuleTables.reject;
import static dev.portico.synth.validate.istio.IstioRuleTables.warn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Severity;
import io.fabric8.istio.api.api.networking.v1alpha3.Port;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSCertificate;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSProtocol;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSmode;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.GatewayBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link IstioGatewayRules}: rejected single mutations of a valid baseline, and accepted near misses. */
class IstioGatewayRulesTest {
  private static final String S0 = "spec.servers[0]";
  private static final String S1 = "spec.servers[1]";
  private static final String S2 = "spec.servers[2]";
  private static final String S3 = "spec.servers[3]";

  // ================================================================= the baseline

  /**
   * Gateway/shop/shop-gateway on the ingress gateway: servers[0] HTTP 80 for shop/shop.example.com
   * redirecting to HTTPS; servers[1] HTTPS 443 for shop.example.com and *.example.com, SIMPLE with the
   * Secret shop-tls; servers[2] TLS 15443 passed through for * / *.internal.example.com; servers[3]
   * HTTPS 8443 for ./partner.example.com, MUTUAL with the Secret partner-tls.
   */
  static Gateway gateway() {
    return new GatewayBuilder()
        .withNewMetadata().withName("shop-gateway").withNamespace("shop").endMetadata()
        .withNewSpec()
        .addToSelector("istio", "ingressgateway")
        .addToServers(new ServerBuilder().withPort(new Port("http", 80L, "HTTP", null))
            .withHosts("shop/shop.example.com").withNewTls().withHttpsRedirect(true).endTls().build())
        .addToServers(new ServerBuilder().withPort(new Port("https", 443L, "HTTPS", null))
            .withHosts("shop/shop.example.com", "*.example.com")
            .withNewTls().withMode(ServerTLSSettingsTLSmode.SIMPLE).withCredentialName("shop-tls").endTls().build())
        .addToServers(new ServerBuilder().withPort(new Port("tls-passthrough", 15_443L, "TLS", null))
            .withHosts("*/*.internal.example.com")
            .withNewTls().withMode(ServerTLSSettingsTLSmode.PASSTHROUGH).endTls().build())
        .addToServers(new ServerBuilder().withPort(new Port("mtls", 8443L, "HTTPS", null))
            .withHosts("./partner.example.com")
            .withNewTls().withMode(ServerTLSSettingsTLSmode.MUTUAL).withCredentialName("partner-tls").endTls().build())
        .endSpec()
        .build();
  }

  static Gateway gateway(Consumer<Gateway> mutation) {
    Gateway gateway = gateway();
    mutation.accept(gateway);
    return gateway;
  }

  static List<Finding> check(Gateway gateway) {
    return IstioRuleTables.check(IstioGatewayRules::check, gateway);
  }

  private static Server server(Gateway g, int i) {
    return g.getSpec().getServers().get(i);
  }

  private static Port port(Gateway g, int i) {
    return server(g, i).getPort();
  }

  private static ServerTLSSettings tls(Gateway g, int i) {
    return server(g, i).getTls();
  }

  private static void host(Gateway g, int i, String host) {
    server(g, i).getHosts().set(0, host);
  }

  /** Server 1 with certificate files instead of a credential. */
  private static ServerTLSSettings files(Gateway g) {
    ServerTLSSettings tls = tls(g, 1);
    tls.setCredentialName(null);
    tls.setServerCertificate("/etc/certs/cert.pem");
    tls.setPrivateKey("/etc/certs/key.pem");
    return tls;
  }

  private static ServerTLSSettingsTLSCertificate certificate(String cert, String key) {
    return new ServerTLSSettingsTLSCertificate(null, key, cert);
  }

  // ================================================================= rejected inputs

  static Stream<Arguments> rejected() {
    return Stream.<Arguments>of(
        // ---- the Gateway itself
        reject("name uppercase", "metadata.name", "metadata.name", q("Shop-Gateway"),
            (Gateway g) -> g.getMetadata().setName("Shop-Gateway")),
        reject("name with a dot", "istio-gateway.name", "metadata.name", q("shop.gateway") + " must be a DNS-1123 label",
            (Gateway g) -> g.getMetadata().setName("shop.gateway")),
        reject("name with a dot suggestion", "istio-gateway.name", "metadata.name", "try " + q("shop-gateway"),
            (Gateway g) -> g.getMetadata().setName("shop.gateway")),
        reject("name of 64 characters", "istio-gateway.name", "metadata.name", "at most 63 characters",
            (Gateway g) -> g.getMetadata().setName("g".repeat(64))),
        reject("no servers", "istio-gateway.servers-required", "spec.servers", "at least one server",
            (Gateway g) -> g.getSpec().setServers(new ArrayList<>())),
        reject("no spec", "istio-gateway.servers-required", "spec", "at least one server", (Gateway g) -> g.setSpec(null)),
        reject("null server", "istio-gateway.null-entry", "spec.servers[4]", "is null",
            (Gateway g) -> g.getSpec().getServers().add(null)),
        // ---- hosts: ValidateNamespaceSlashWildcardHostname
        reject("server without hosts", "istio-gateway.hosts-required", S1 + ".hosts", "at least one host",
            (Gateway g) -> server(g, 1).setHosts(new ArrayList<>())),
        reject("short name", "istio-gateway.host", S1 + ".hosts[0]", q("shop/productpage") + " is a short name",
            (Gateway g) -> host(g, 1, "shop/productpage")),
        reject("short name without namespace", "istio-gateway.host", S1 + ".hosts[0]", q("productpage"),
            (Gateway g) -> host(g, 1, "productpage")),
        reject("partial wildcard", "istio-gateway.host", S1 + ".hosts[1]", q("*shop.example.com")
            + " has a partial wildcard", (Gateway g) -> server(g, 1).getHosts().set(1, "*shop.example.com")),
        reject("partial wildcard *-", "istio-gateway.host", S1 + ".hosts[1]", "partial wildcard",
            (Gateway g) -> server(g, 1).getHosts().set(1, "*-shop.example.com")),
        reject("wildcard in the middle", "istio-gateway.host", S1 + ".hosts[1]", q("shop.*.example.com"),
            (Gateway g) -> server(g, 1).getHosts().set(1, "shop.*.example.com")),
        reject("namespace invalid", "istio-gateway.host", S1 + ".hosts[0]", "has an invalid namespace " + q("shop_ns"),
            (Gateway g) -> host(g, 1, "shop_ns/shop.example.com")),
        reject("namespace ~ (only for converted Gateway API)", "istio-gateway.host", S1 + ".hosts[0]", q("~"),
            (Gateway g) -> host(g, 1, "~/shop.example.com")),
        reject("namespace empty", "istio-gateway.host", S1 + ".hosts[0]", "must name both parts",
            (Gateway g) -> host(g, 1, "/shop.example.com")),
        reject("host part empty", "istio-gateway.host", S1 + ".hosts[0]", q("shop/"), (Gateway g) -> host(g, 1, "shop/")),
        reject("host invalid label", "istio-gateway.host", S1 + ".hosts[0]", q("shop/shop_1.example.com")
            + " has an invalid label", (Gateway g) -> host(g, 1, "shop/shop_1.example.com")),
        reject("host numeric top-level domain", "istio-gateway.host", S1 + ".hosts[0]", "all-numeric",
            (Gateway g) -> host(g, 1, "shop/10.0.0.300")),
        reject("host empty", "istio-gateway.host", S1 + ".hosts[0]", q(""), (Gateway g) -> host(g, 1, "")),
        // ---- ports
        reject("port missing", "istio-gateway.port", S1 + ".port", "is required", (Gateway g) -> server(g, 1).setPort(null)),
        reject("port number 0", "istio-gateway.port", S1 + ".port.number", "0 must be a port number",
            (Gateway g) -> port(g, 1).setNumber(0L)),
        reject("port number 70000", "istio-gateway.port", S1 + ".port.number", "70000",
            (Gateway g) -> port(g, 1).setNumber(70_000L)),
        reject("port name missing", "istio-gateway.port", S1 + ".port.name", "is required",
            (Gateway g) -> port(g, 1).setName("")),
        reject("protocol unknown", "istio-gateway.protocol", S1 + ".port.protocol", q("HTTP3") + " is not a protocol",
            (Gateway g) -> port(g, 1).setProtocol("HTTP3")),
        reject("protocol missing", "istio-gateway.protocol", S1 + ".port.protocol", q(""),
            (Gateway g) -> port(g, 1).setProtocol(null)),
        reject("target port", "istio-gateway.target-port", S1 + ".port.targetPort", "8443 has no effect on a Gateway",
            (Gateway g) -> port(g, 1).setTargetPort(8443L)),
        reject("port names repeated", "istio-gateway.port-name-duplicate", S3 + ".port.name",
            q("https") + " is already the port name of spec.servers[1]", (Gateway g) -> port(g, 3).setName("https")),
        reject("bind not an IP", "istio-gateway.bind", S1 + ".bind", q("localhost") + " must be an IP address",
            (Gateway g) -> server(g, 1).setBind("localhost")),
        reject("bind unix relative", "istio-gateway.bind", S1 + ".bind", q("unix://run/gw.sock"),
            (Gateway g) -> server(g, 1).setBind("unix://run/gw.sock")),
        reject("bind unix with a port number", "istio-gateway.bind", S1 + ".port.number", "443 must be 0",
            (Gateway g) -> server(g, 1).setBind("unix:///run/gw.sock")),
        // ---- TLS per protocol
        reject("HTTPS without tls", "istio-gateway.tls-required", S1 + ".tls", "is required for protocol " + q("HTTPS"),
            (Gateway g) -> server(g, 1).setTls(null)),
        reject("TLS without tls", "istio-gateway.tls-required", S2 + ".tls", q("TLS"),
            (Gateway g) -> server(g, 2).setTls(null)),
        reject("HTTP terminating TLS", "istio-gateway.tls-not-allowed", S0 + ".tls", "cannot terminate TLS on plain-text",
            (Gateway g) -> tls(g, 0).setMode(ServerTLSSettingsTLSmode.SIMPLE)),
        reject("HTTP with a certificate", "istio-gateway.tls-not-allowed", S0 + ".tls", q("HTTP"),
            (Gateway g) -> tls(g, 0).setServerCertificate("/etc/cert.pem")),
        reject("TCP with tls", "istio-gateway.tls-not-allowed", S2 + ".tls", "is not allowed for protocol " + q("TCP"),
            (Gateway g) -> port(g, 2).setProtocol("TCP")),
        warn("https redirect on HTTPS", "istio-gateway.https-redirect", S1 + ".tls.httpsRedirect",
            "only has an effect on plain-text HTTP servers", (Gateway g) -> tls(g, 1).setHttpsRedirect(true)),
        // ---- validateTLSOptions
        reject("simple without certificate", "istio-gateway.tls", S1 + ".tls.credentialName",
            "is required for mode " + q("SIMPLE"), (Gateway g) -> tls(g, 1).setCredentialName(null)),
        reject("simple certificate without key", "istio-gateway.tls", S1 + ".tls.privateKey",
            "is required with serverCertificate", (Gateway g) -> files(g).setPrivateKey(null)),
        reject("mutual without CA", "istio-gateway.tls", S3 + ".tls.caCertificates", "is required for mode "
            + q("MUTUAL"), (Gateway g) -> {
              tls(g, 3).setCredentialName(null);
              tls(g, 3).setServerCertificate("/c.pem");
              tls(g, 3).setPrivateKey("/k.pem");
            }),
        reject("optional mutual without CA", "istio-gateway.tls", S3 + ".tls.caCertificates", q("OPTIONAL_MUTUAL"),
            (Gateway g) -> {
              tls(g, 3).setMode(ServerTLSSettingsTLSmode.OPTIONAL_MUTUAL);
              tls(g, 3).setCredentialName(null);
              tls(g, 3).setServerCertificate("/c.pem");
              tls(g, 3).setPrivateKey("/k.pem");
            }),
        reject("two certificate sources", "istio-gateway.tls", S1 + ".tls", "more than one certificate source",
            (Gateway g) -> {
              tls(g, 1).setServerCertificate("/c.pem");
              tls(g, 1).setPrivateKey("/k.pem");
            }),
        reject("tls certificate without key", "istio-gateway.tls", S1 + ".tls.tlsCertificates[0].privateKey",
            "is required", (Gateway g) -> {
              tls(g, 1).setCredentialName(null);
              tls(g, 1).setTlsCertificates(new ArrayList<>(List.of(certificate("/rsa.pem", null))));
            }),
        reject("istio mutual with a credential", "istio-gateway.tls", S1 + ".tls.credentialName",
            "must not be set with mode " + q("ISTIO_MUTUAL"), (Gateway g) -> tls(g, 1).setMode(
                ServerTLSSettingsTLSmode.ISTIO_MUTUAL)),
        reject("istio mutual with a certificate", "istio-gateway.tls", S1 + ".tls.serverCertificate", "ISTIO_MUTUAL",
            (Gateway g) -> {
              files(g).setMode(ServerTLSSettingsTLSmode.ISTIO_MUTUAL);
            }),
        reject("CRL with SIMPLE", "istio-gateway.tls", S1 + ".tls.caCrl", "not supported with mode " + q("SIMPLE"),
            (Gateway g) -> files(g).setCaCrl("/crl.pem")),
        reject("CRL with a credential (passthrough)", "istio-gateway.tls", S2 + ".tls.caCrl",
            "cannot be combined with credentialName", (Gateway g) -> {
              tls(g, 2).setCaCrl("/crl.pem");
              tls(g, 2).setCredentialName("internal-tls");
            }),
        warn("passthrough with certificates", "istio-gateway.tls-passthrough-certs", S2 + ".tls",
            "mode " + q("PASSTHROUGH") + " does not terminate TLS", (Gateway g) -> tls(g, 2).setCredentialName("x")),
        warn("HTTP redirect-only tls with a credential is passthrough", "istio-gateway.tls-passthrough-certs",
            S0 + ".tls", "PASSTHROUGH", (Gateway g) -> tls(g, 0).setCredentialName("shop-tls")),
        warn("TLS 1.0 without ciphers", "istio-gateway.tls-version", S1 + ".tls.minProtocolVersion", q("TLSV1_0"),
            (Gateway g) -> tls(g, 1).setMinProtocolVersion(ServerTLSSettingsTLSProtocol.TLSV1_0)),
        warn("cipher suite unknown", "istio-gateway.cipher-suites", S1 + ".tls.cipherSuites",
            q("TLS_AES_128_GCM_SHA256") + "] are not cipher suites", (Gateway g) -> tls(g, 1).setCipherSuites(
                new ArrayList<>(List.of("TLS_AES_128_GCM_SHA256")))),
        warn("cipher suite repeated", "istio-gateway.cipher-suites", S1 + ".tls.cipherSuites",
            q("AES128-SHA") + "] are listed more than once", (Gateway g) -> tls(g, 1).setCipherSuites(
                new ArrayList<>(List.of("AES128-SHA", "AES128-SHA")))),
        warn("three certificates", "istio-gateway.tls-certificates", S1 + ".tls.tlsCertificates",
            "3 certificates are given", (Gateway g) -> {
              tls(g, 1).setCredentialName(null);
              tls(g, 1).setTlsCertificates(new ArrayList<>(List.of(certificate("/a.pem", "/a.key"),
                  certificate("/b.pem", "/b.key"), certificate("/c.pem", "/c.key"))));
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<Gateway> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(gateway(mutation)), rule, severity, path, text);
  }

  // ================================================================= accepted near misses

  static Stream<Arguments> accepted() {
    return Stream.<Arguments>of(
        ok("baseline", (Gateway g) -> { }),
        ok("name 63 characters", (Gateway g) -> g.getMetadata().setName("g".repeat(63))),
        ok("host *", (Gateway g) -> host(g, 1, "*")),
        ok("host */*", (Gateway g) -> host(g, 1, "*/*")),
        ok("host ./*.example.org", (Gateway g) -> host(g, 1, "./*.example.org")),
        ok("host without namespace", (Gateway g) -> host(g, 1, "shop.example.com")),
        ok("host IPv4 (gateways accept IPs)", (Gateway g) -> host(g, 1, "shop/10.0.0.7")),
        ok("host upper case (Istio's labels allow it)", (Gateway g) -> host(g, 1, "shop/Shop.Example.com")),
        ok("host with a trailing dot", (Gateway g) -> host(g, 1, "shop/shop.example.com.")),
        ok("protocol any case", (Gateway g) -> port(g, 1).setProtocol("https")),
        ok("every protocol Istio knows", (Gateway g) -> {
          for (String protocol : IstioFormats.PROTOCOLS) {
            if (!IstioFormats.isTls(protocol)) {
              g.getSpec().getServers().add(new ServerBuilder().withHosts("*.example.com")
                  .withPort(new Port("p-" + protocol.toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                      10_000L + protocol.length(), protocol, null)).build());
            }
          }
        }),
        ok("port 65535", (Gateway g) -> port(g, 1).setNumber(65_535L)),
        ok("target port 0", (Gateway g) -> port(g, 1).setTargetPort(0L)),
        ok("bind an IP", (Gateway g) -> server(g, 1).setBind("0.0.0.0")),
        ok("bind a unix socket with port 0", (Gateway g) -> {
          server(g, 1).setBind("unix:///var/run/gw.sock");
          port(g, 1).setNumber(0L);
        }),
        ok("bind an abstract unix socket", (Gateway g) -> {
          server(g, 1).setBind("unix://@gateway");
          port(g, 1).setNumber(0L);
        }),
        ok("HTTP with tls mode unset (passthrough) and no redirect", (Gateway g) -> tls(g, 0).setHttpsRedirect(false)),
        ok("HTTP without tls", (Gateway g) -> server(g, 0).setTls(null)),
        ok("HTTP2 redirecting", (Gateway g) -> port(g, 0).setProtocol("HTTP2")),
        ok("simple with files", IstioGatewayRulesTest::files),
        ok("simple with two certificates", (Gateway g) -> {
          tls(g, 1).setCredentialName(null);
          tls(g, 1).setTlsCertificates(new ArrayList<>(List.of(certificate("/rsa.pem", "/rsa.key"),
              certificate("/ecdsa.pem", "/ecdsa.key"))));
        }),
        ok("simple with credential names", (Gateway g) -> {
          tls(g, 1).setCredentialName(null);
          tls(g, 1).setCredentialNames(new ArrayList<>(List.of("shop-rsa", "shop-ecdsa")));
        }),
        ok("mutual with files and CA", (Gateway g) -> {
          tls(g, 3).setCredentialName(null);
          tls(g, 3).setServerCertificate("/c.pem");
          tls(g, 3).setPrivateKey("/k.pem");
          tls(g, 3).setCaCertificates("/ca.pem");
          tls(g, 3).setCaCrl("/crl.pem");
        }),
        ok("mutual credential with CRL (the credential path returns first)", (Gateway g) -> tls(g, 3).setCaCrl(
            "/crl.pem")),
        ok("istio mutual alone", (Gateway g) -> {
          tls(g, 1).setMode(ServerTLSSettingsTLSmode.ISTIO_MUTUAL);
          tls(g, 1).setCredentialName(null);
        }),
        ok("auto passthrough", (Gateway g) -> tls(g, 2).setMode(ServerTLSSettingsTLSmode.AUTO_PASSTHROUGH)),
        ok("TLS 1.0 with ciphers", (Gateway g) -> {
          tls(g, 1).setMinProtocolVersion(ServerTLSSettingsTLSProtocol.TLSV1_0);
          tls(g, 1).setCipherSuites(new ArrayList<>(List.of("ECDHE-RSA-AES128-SHA")));
        }),
        ok("cipher expressions", (Gateway g) -> tls(g, 1).setCipherSuites(new ArrayList<>(List.of("ALL", "-AES128-SHA",
            "[ECDHE-ECDSA-AES128-GCM-SHA256|ECDHE-ECDSA-CHACHA20-POLY1305]")))),
        ok("TLS 1.2 minimum", (Gateway g) -> tls(g, 1).setMinProtocolVersion(ServerTLSSettingsTLSProtocol.TLSV1_2)),
        ok("selector without labels (not validated upstream)", (Gateway g) -> g.getSpec().setSelector(null)),
        ok("server name anything (not validated upstream)", (Gateway g) -> server(g, 1).setName("Any Name")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<Gateway> mutation) {
    assertClean(check(gateway(mutation)));
  }

  // ================================================================= details

  @Test
  void everyRuleIdHasARejectedCase() throws Exception {
    IstioRuleTables.assertEveryRuleRejected("IstioGatewayRules", rejected());
  }

  @Test
  void anInvalidPortSkipsTheProtocolTlsCheck() {
    // upstream checks TLS against the protocol only when the port is valid
    List<Finding> findings = check(gateway(g -> {
      port(g, 1).setName(null);
      server(g, 1).setTls(null);
    }));
    assertTrue(findings.stream().noneMatch(f -> f.rule().equals("istio-gateway.tls-required")),
        Fixtures.describe(findings));
  }

  @Test
  void hollowInputIsReportedNotThrown() {
    // every field, list element and map value in turn null, {}, [] or ""
    assertTrue(IstioRuleTables.assertNoThrowOnHollowInput(gateway(), Gateway.class,
        IstioGatewayRules::check) > 40);
  }

  @Test
  void theInputIsNotChanged() {
    Gateway gateway = gateway();
    Gateway before = new GatewayBuilder(gateway).build();
    check(gateway);
    assertEquals(before, gateway);
  }
}
