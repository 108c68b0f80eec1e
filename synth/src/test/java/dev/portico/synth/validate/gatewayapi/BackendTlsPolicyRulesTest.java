package dev.portico.synth.validate.gatewayapi;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.list;
import static dev.portico.synth.validate.Fixtures.validate;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicyBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicyValidation;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalPolicyTargetReferenceWithSectionName;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SubjectAltName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Field and CEL rules of a BackendTLSPolicy (v1, standard since Gateway API v1.4; checked against v1.5). */
class BackendTlsPolicyRulesTest {

  /**
   * BackendTLSPolicy/shop/web-tls for Service web's port "https": verify web.shop.svc.cluster.local with
   * the CA in ConfigMap web-ca, also accepting the SPIFFE ID of web's service account.
   */
  static BackendTLSPolicy policy() {
    return new BackendTLSPolicyBuilder()
        .withNewMetadata().withName("web-tls").withNamespace("shop").endMetadata()
        .withNewSpec()
        .addNewTargetRef().withGroup("").withKind("Service").withName("web").withSectionName("https").endTargetRef()
        .withNewValidation()
        .withHostname("web.shop.svc.cluster.local")
        .addNewCaCertificateRef().withGroup("").withKind("ConfigMap").withName("web-ca").endCaCertificateRef()
        .addNewSubjectAltName().withType("URI").withUri("spiffe://cluster.local/ns/shop/sa/web").endSubjectAltName()
        .endValidation()
        .endSpec()
        .build();
  }

  static BackendTLSPolicy policy(Consumer<BackendTLSPolicy> mutation) {
    BackendTLSPolicy policy = policy();
    mutation.accept(policy);
    return policy;
  }

  static LocalPolicyTargetReferenceWithSectionName target(BackendTLSPolicy p) {
    return p.getSpec().getTargetRefs().get(0);
  }

  static BackendTLSPolicyValidation validation(BackendTLSPolicy p) {
    return p.getSpec().getValidation();
  }

  static SubjectAltName san(BackendTLSPolicy p) {
    return validation(p).getSubjectAltNames().get(0);
  }

  static LocalPolicyTargetReferenceWithSectionName service(String name, String section) {
    return new LocalPolicyTargetReferenceWithSectionName("", "Service", name, section);
  }

  static <T> ArrayList<T> times(int n, java.util.function.IntFunction<T> item) {
    return IntStream.range(0, n).mapToObj(item).collect(Collectors.toCollection(ArrayList::new));
  }

  static List<Finding> check(BackendTLSPolicy policy) {
    return validate(policy).stream()
        .filter(f -> f.object().startsWith("BackendTLSPolicy/"))
        .filter(f -> f.rule().startsWith("backendtlspolicy.") || f.rule().startsWith("metadata."))
        .toList();
  }

  private static Arguments reject(String name, String rule, String path, String text,
      Consumer<BackendTLSPolicy> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.ERROR, path, text);
  }

  private static Arguments ok(String name, Consumer<BackendTLSPolicy> mutation) {
    return Arguments.of(Named.of(name, mutation));
  }

  private static String q(String value) {
    return "\"" + value + "\"";
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        reject("no spec", "backendtlspolicy.spec", "spec", "spec is required", p -> p.setSpec(null)),
        reject("v1alpha3 (listed by the v1.5 CRD, not served)", "backendtlspolicy.api-version", "apiVersion",
            q("gateway.networking.k8s.io/v1alpha3") + " is not served by Gateway API v1.5",
            p -> p.setApiVersion("gateway.networking.k8s.io/v1alpha3")),
        reject("no targetRefs", "backendtlspolicy.target-refs-required", "spec.targetRefs",
            "at least one target is required", p -> p.getSpec().setTargetRefs(list())),
        reject("17 targetRefs", "backendtlspolicy.too-many", "spec.targetRefs", "17 targetRefs given; at most 16",
            p -> p.getSpec().setTargetRefs(times(17, i -> service("s" + i, null)))),
        reject("target group missing", "backendtlspolicy.ref-group", "spec.targetRefs[0].group", "is required",
            p -> target(p).setGroup(null)),
        reject("target kind missing", "backendtlspolicy.ref-kind", "spec.targetRefs[0].kind", "is required",
            p -> target(p).setKind(null)),
        reject("target name missing", "backendtlspolicy.ref-name", "spec.targetRefs[0].name", "is required",
            p -> target(p).setName(null)),
        reject("sectionName uppercase", "backendtlspolicy.section-name", "spec.targetRefs[0].sectionName",
            "try " + q("https"), p -> target(p).setSectionName("HTTPS")),
        reject("same target with and without sectionName", "backendtlspolicy.target-ref-section-required",
            "spec.targetRefs[1].sectionName", "references the same target Service " + q("web"),
            p -> p.getSpec().getTargetRefs().add(service("web", null))),
        reject("same target and sectionName twice", "backendtlspolicy.target-ref-duplicate",
            "spec.targetRefs[1].sectionName", q("https") + " is also used by spec.targetRefs[0]",
            p -> p.getSpec().getTargetRefs().add(service("web", "https"))),
        reject("no validation", "backendtlspolicy.validation", "spec.validation", "is required",
            p -> p.getSpec().setValidation(null)),
        reject("hostname missing", "backendtlspolicy.hostname", "spec.validation.hostname", "is required",
            p -> validation(p).setHostname(null)),
        reject("hostname wildcard", "backendtlspolicy.hostname", "spec.validation.hostname",
            q("*.shop.svc") + " must be a precise hostname", p -> validation(p).setHostname("*.shop.svc")),
        reject("both CA references and well-known CAs", "backendtlspolicy.ca-certificates", "spec.validation",
            "must not contain both", p -> validation(p).setWellKnownCACertificates("System")),
        reject("neither CA references nor well-known CAs", "backendtlspolicy.ca-certificates", "spec.validation",
            "must specify either", p -> validation(p).setCaCertificateRefs(list())),
        reject("well-known CAs lowercase", "backendtlspolicy.well-known-ca", "spec.validation.wellKnownCACertificates",
            q("system") + " must be \"System\" or a domain-prefixed name", p -> {
              validation(p).setCaCertificateRefs(list());
              validation(p).setWellKnownCACertificates("system");
            }),
        reject("9 CA references", "backendtlspolicy.too-many", "spec.validation.caCertificateRefs",
            "9 caCertificateRefs given; at most 8", p -> validation(p).setCaCertificateRefs(
                times(9, i -> new LocalObjectReference("", "ConfigMap", "ca" + i)))),
        reject("CA reference kind missing", "backendtlspolicy.ref-kind", "spec.validation.caCertificateRefs[0].kind",
            "is required", p -> validation(p).getCaCertificateRefs().get(0).setKind(null)),
        reject("SAN type missing", "backendtlspolicy.san-type", "spec.validation.subjectAltNames[0].type",
            "is required", p -> san(p).setType(null)),
        reject("SAN type lowercase", "backendtlspolicy.san-type", "spec.validation.subjectAltNames[0].type",
            "try " + q("URI"), p -> san(p).setType("uri")),
        reject("SAN Hostname without hostname", "backendtlspolicy.san-hostname",
            "spec.validation.subjectAltNames[0].hostname", "is required when type is " + q("Hostname"),
            p -> san(p).setType("Hostname")),
        reject("SAN URI with a hostname too", "backendtlspolicy.san-hostname",
            "spec.validation.subjectAltNames[0].hostname", q("web.example.com") + " must not be set when type is "
                + q("URI"), p -> san(p).setHostname("web.example.com")),
        reject("SAN hostname uppercase", "backendtlspolicy.san-hostname", "spec.validation.subjectAltNames[0].hostname",
            q("Web.example.com") + " must be a hostname", p -> {
              san(p).setType("Hostname");
              san(p).setUri(null);
              san(p).setHostname("Web.example.com");
            }),
        reject("SAN URI without an authority", "backendtlspolicy.san-uri", "spec.validation.subjectAltNames[0].uri",
            q("urn:shop:web") + " must be an absolute URI", p -> san(p).setUri("urn:shop:web")),
        reject("SAN URI missing", "backendtlspolicy.san-uri", "spec.validation.subjectAltNames[0].uri",
            "is required when type is " + q("URI"), p -> san(p).setUri(null)),
        reject("6 SANs", "backendtlspolicy.too-many", "spec.validation.subjectAltNames",
            "6 subjectAltNames given; at most 5", p -> validation(p).setSubjectAltNames(
                times(6, i -> new SubjectAltName("h" + i + ".example.com", "Hostname", null)))),
        reject("option value 4097", "backendtlspolicy.option", "spec.options[example.com/min-version]",
            "(it has 4097)", p -> p.getSpec().setOptions(Map.of("example.com/min-version", "1".repeat(4097)))),
        reject("17 options", "backendtlspolicy.too-many", "spec.options", "17 options given; at most 16",
            p -> p.getSpec().setOptions(IntStream.range(0, 17).boxed().collect(Collectors.toMap(i -> "k" + i,
                i -> "v")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<BackendTLSPolicy> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(policy(mutation)), rule, severity, path, text);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", p -> { }),
        ok("apiVersion v1", p -> p.setApiVersion("gateway.networking.k8s.io/v1")),
        ok("system CAs instead of references", p -> {
          validation(p).setCaCertificateRefs(list());
          validation(p).setWellKnownCACertificates("System");
        }),
        ok("implementation-specific CA set", p -> {
          validation(p).setCaCertificateRefs(null);
          validation(p).setWellKnownCACertificates("example.com/corporate-cas");
        }),
        ok("two ports of one Service", p -> p.getSpec().getTargetRefs().add(service("web", "grpc"))),
        ok("two Services", p -> p.getSpec().getTargetRefs().add(service("api", null))),
        ok("no sectionNames on different Services", p -> {
          target(p).setSectionName(null);
          p.getSpec().getTargetRefs().add(service("api", null));
        }),
        ok("SAN hostname with wildcard", p -> validation(p).setSubjectAltNames(list(
            new SubjectAltName("*.shop.example.com", "Hostname", null)))),
        ok("5 SANs and 8 CAs", p -> {
          validation(p).setSubjectAltNames(times(5, i -> new SubjectAltName(null, "URI", "https://h" + i + ".example")));
          validation(p).setCaCertificateRefs(times(8, i -> new LocalObjectReference("", "ConfigMap", "ca" + i)));
        }),
        ok("16 options", p -> p.getSpec().setOptions(IntStream.range(0, 16).boxed()
            .collect(Collectors.toMap(i -> "example.com/o" + i, i -> "v")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<BackendTLSPolicy> mutation) {
    assertClean(check(policy(mutation)));
  }

  static final List<String> SHARED = List.of("too-many", "ref-name", "ref-group", "ref-kind", "section-name",
      "api-version");

  static final List<String> RULE_IDS = Stream.concat(SHARED.stream().map(s -> "backendtlspolicy." + s), Stream.of(
      "backendtlspolicy.spec", "backendtlspolicy.target-refs-required", "backendtlspolicy.target-ref-section-required",
      "backendtlspolicy.target-ref-duplicate", "backendtlspolicy.validation", "backendtlspolicy.hostname",
      "backendtlspolicy.ca-certificates", "backendtlspolicy.well-known-ca", "backendtlspolicy.san-type",
      "backendtlspolicy.san-hostname", "backendtlspolicy.san-uri", "backendtlspolicy.option")).toList();

  @Test
  void everyRuleIdOfTheSourceIsListedAndExercised() {
    RuleIds.assertListedAndExercised("backendtlspolicy", "BackendTlsPolicyRules.java", SHARED, RULE_IDS, rejected());
  }
}
