package dev.portico.synth.validate.gatewayapi;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicySpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicyValidation;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalPolicyTargetReferenceWithSectionName;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SubjectAltName;
import java.util.List;
import java.util.Objects;

/**
 * A gateway.networking.k8s.io/v1 BackendTLSPolicy (standard since v1.4) as the Gateway API v1.5 standard
 * channel's CRD (kubernetes-sigs/gateway-api
 * {@code config/crd/standard/gateway.networking.k8s.io_backendtlspolicies.yaml}, tag v1.5.1) checks it:
 * 1 to 16 targetRefs (group, kind and name required) with the CEL rules "sectionName must be specified /
 * unique when targetRefs includes 2 or more references to the same target"; {@code validation} with a
 * required precise {@code hostname}, "must specify either CACertificateRefs or WellKnownCACertificates"
 * and "must not contain both", at most 8 caCertificateRefs, wellKnownCACertificates "System" or a
 * domain-prefixed name, and at most 5 subjectAltNames whose type (Hostname or URI) decides which of
 * hostname and uri is set; at most 16 options. The deprecated {@code v1alpha3}, which v1.5 lists but does not
 * serve, is read with v1's rules and reported ({@code backendtlspolicy.api-version}).
 */
final class BackendTlsPolicyRules {
  static final String KIND = "backendtlspolicy";
  static final List<String> SAN_TYPES = List.of("Hostname", "URI");
  static final int MAX_TARGET_REFS = 16;
  static final int MAX_CA_CERTIFICATE_REFS = 8;
  static final int MAX_SUBJECT_ALT_NAMES = 5;

  private BackendTlsPolicyRules() {}

  static void check(Check check, BackendTLSPolicy policy) {
    MetadataRules.check(check, policy.getMetadata(), Formats::dns1123Subdomain);
    GatewayApiCheck c = new GatewayApiCheck(check, KIND);
    c.servedVersion(policy.getApiVersion());
    BackendTLSPolicySpec spec = policy.getSpec();
    if (spec == null) {
      c.error("backendtlspolicy.spec", "spec", "spec is required: targetRefs (the Services to reach over TLS) and "
          + "validation (the hostname and CA certificates to verify them with)");
      return;
    }
    targetRefs(c, GatewayApiFormats.orEmpty(spec.getTargetRefs()));
    validation(c, spec.getValidation());
    c.options("backendtlspolicy.option", "spec.options", spec.getOptions());
  }

  // ================================================================= spec.targetRefs

  private static void targetRefs(GatewayApiCheck c, List<LocalPolicyTargetReferenceWithSectionName> refs) {
    if (refs.isEmpty()) {
      c.error("backendtlspolicy.target-refs-required", "spec.targetRefs", "at least one target is required, e.g. "
          + "[{group: \"\", kind: Service, name: web}]");
      return;
    }
    c.tooMany("spec.targetRefs", refs.size(), MAX_TARGET_REFS, "targetRefs");
    for (int i = 0; i < refs.size(); i++) {
      LocalPolicyTargetReferenceWithSectionName ref = refs.get(i);
      String path = "spec.targetRefs[" + i + "]";
      c.localReference(path, ref.getGroup(), ref.getKind(), ref.getName(), "target");
      c.sectionName(path + ".sectionName", ref.getSectionName());
    }
    for (int j = 1; j < refs.size(); j++) {
      sections(c, refs, j);
    }
  }

  /** The two targetRefs CEL rules, reported once at the later of the first clashing pair. */
  private static void sections(GatewayApiCheck c, List<LocalPolicyTargetReferenceWithSectionName> refs, int j) {
    var later = refs.get(j);
    String path = "spec.targetRefs[" + j + "].sectionName";
    for (int i = 0; i < j; i++) {
      var earlier = refs.get(i);
      if (!Objects.equals(earlier.getGroup(), later.getGroup()) || !Objects.equals(earlier.getKind(), later.getKind())
          || !Objects.equals(earlier.getName(), later.getName())) {
        continue;
      }
      String target = later.getKind() + " " + Messages.quote(later.getName());
      boolean laterEmpty = RouteRules.isEmpty(later.getSectionName());
      if (RouteRules.isEmpty(earlier.getSectionName()) != laterEmpty) {
        c.error("backendtlspolicy.target-ref-section-required", path, (laterEmpty ? "is not set" : "is set")
            + ", but spec.targetRefs[" + i + "] references the same target " + target
            + (laterEmpty ? " with" : " without") + " one; when targetRefs name one target more than once, every "
            + "reference must name a sectionName");
        return;
      }
      if (laterEmpty || later.getSectionName().equals(earlier.getSectionName())) {
        c.error("backendtlspolicy.target-ref-duplicate", path, (laterEmpty ? "is not set here nor in"
            : Messages.quote(later.getSectionName()) + " is also used by") + " spec.targetRefs[" + i
            + "], which references the same target " + target + "; references to one target must name different "
            + "sectionNames (ports)");
        return;
      }
    }
  }

  // ================================================================= spec.validation

  private static void validation(GatewayApiCheck c, BackendTLSPolicyValidation validation) {
    String path = "spec.validation";
    if (validation == null) {
      c.error("backendtlspolicy.validation", path, "is required: the hostname to verify the backend's certificate "
          + "for, and caCertificateRefs or wellKnownCACertificates: \"System\"");
      return;
    }
    String hostname = validation.getHostname();
    if (hostname == null) {
      c.error("backendtlspolicy.hostname", path + ".hostname", "is required: the name the backend's certificate "
          + "must be valid for (also sent as SNI), e.g. \"web.shop.svc.cluster.local\"");
    } else {
      c.formatErrors("backendtlspolicy.hostname", path + ".hostname", hostname,
          GatewayApiFormats.preciseHostname(hostname), GatewayApiFormats.lowerIfValid(hostname,
              GatewayApiFormats::preciseHostname));
    }
    List<LocalObjectReference> refs = GatewayApiFormats.orEmpty(validation.getCaCertificateRefs());
    c.tooMany(path + ".caCertificateRefs", refs.size(), MAX_CA_CERTIFICATE_REFS, "caCertificateRefs");
    for (int i = 0; i < refs.size(); i++) {
      LocalObjectReference ref = refs.get(i);
      c.localReference(path + ".caCertificateRefs[" + i + "]", ref.getGroup(), ref.getKind(), ref.getName(),
          "CA certificate");
    }
    String wellKnown = validation.getWellKnownCACertificates();
    if (wellKnown != null) {
      c.formatErrors("backendtlspolicy.well-known-ca", path + ".wellKnownCACertificates", wellKnown,
          GatewayApiFormats.wellKnownCaCertificates(wellKnown), GatewayApiFormats.caseVariant(wellKnown,
              List.of("System")));
    }
    boolean hasRefs = !refs.isEmpty();
    boolean hasWellKnown = wellKnown != null && !wellKnown.isEmpty();
    if (hasRefs && hasWellKnown) {
      c.error("backendtlspolicy.ca-certificates", path, "has both caCertificateRefs and wellKnownCACertificates "
          + Messages.quote(wellKnown) + "; must not contain both: keep one");
    } else if (!hasRefs && !hasWellKnown) {
      c.error("backendtlspolicy.ca-certificates", path, "has neither caCertificateRefs nor wellKnownCACertificates; "
          + "must specify either, e.g. caCertificateRefs: [{group: \"\", kind: ConfigMap, name: web-ca}] or "
          + "wellKnownCACertificates: \"System\"");
    }
    subjectAltNames(c, path + ".subjectAltNames", GatewayApiFormats.orEmpty(validation.getSubjectAltNames()));
  }

  /**
   * At most 5 SubjectAltNames: type required (Hostname or URI); "SubjectAltName element must contain
   * Hostname, if Type is set to Hostname" and "must not contain Hostname, if Type is not set to
   * Hostname", and the same two for URI.
   */
  private static void subjectAltNames(GatewayApiCheck c, String path, List<SubjectAltName> names) {
    c.tooMany(path, names.size(), MAX_SUBJECT_ALT_NAMES, "subjectAltNames");
    for (int i = 0; i < names.size(); i++) {
      SubjectAltName name = names.get(i);
      String itemPath = path + "[" + i + "]";
      String type = name.getType();
      if (type == null) {
        c.error("backendtlspolicy.san-type", itemPath + ".type", "is required: " + Messages.oneOf(SAN_TYPES));
      } else {
        c.oneOf("backendtlspolicy.san-type", itemPath + ".type", type, SAN_TYPES);
      }
      sanValue(c, itemPath, type, "Hostname", "hostname", name.getHostname());
      sanValue(c, itemPath, type, "URI", "uri", name.getUri());
    }
  }

  private static void sanValue(GatewayApiCheck c, String path, String type, String valueType, String field,
      String value) {
    String rule = "Hostname".equals(valueType) ? "backendtlspolicy.san-hostname" : "backendtlspolicy.san-uri";
    boolean set = value != null && !value.isEmpty();
    if (valueType.equals(type) && !set) {
      c.error(rule, path + "." + field, "is required when type is " + Messages.quote(valueType));
      return;
    }
    if (set && type != null && !valueType.equals(type)) {
      c.error(rule, path + "." + field, Messages.quote(value) + " must not be set when type is "
          + Messages.quote(type) + " (set type to " + Messages.quote(valueType) + ", or remove " + field + ")");
    }
    if (value != null) {
      c.formatErrors(rule, path + "." + field, value, "Hostname".equals(valueType)
          ? GatewayApiFormats.hostname(value) : GatewayApiFormats.absoluteUri(value), null);
    }
  }
}
