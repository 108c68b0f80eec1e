package dev.portico.synth.validate.gatewayapi;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.list;
import static dev.portico.synth.validate.Fixtures.validate;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRouteRule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Field and CEL rules of a TLSRoute v1 (standard since Gateway API v1.5). */
class TlsRouteRulesTest {

  /** TLSRoute/shop/db on Gateway gw's listener "tls" for db.example.com, passing TLS through to db:5432. */
  static TLSRoute route() {
    return new TLSRouteBuilder()
        .withNewMetadata().withName("db").withNamespace("shop").endMetadata()
        .withNewSpec()
        .addNewParentRef().withName("gw").withSectionName("tls").endParentRef()
        .addToHostnames("db.example.com")
        .addNewRule().addNewBackendRef().withName("db").withPort(5432).endBackendRef().endRule()
        .endSpec()
        .build();
  }

  static TLSRoute route(Consumer<TLSRoute> mutation) {
    TLSRoute route = route();
    mutation.accept(route);
    return route;
  }

  static TLSRouteRule rule(TLSRoute r) {
    return r.getSpec().getRules().get(0);
  }

  static BackendRef backend(TLSRoute r) {
    return rule(r).getBackendRefs().get(0);
  }

  static BackendRef backendRef(String name, Integer port) {
    return new BackendRef(null, null, name, null, port, null);
  }

  static <T> ArrayList<T> times(int n, java.util.function.IntFunction<T> item) {
    return IntStream.range(0, n).mapToObj(item).collect(Collectors.toCollection(ArrayList::new));
  }

  static List<Finding> check(TLSRoute route) {
    return validate(route).stream()
        .filter(f -> f.object().startsWith("TLSRoute/"))
        .filter(f -> f.rule().startsWith("tlsroute.") || f.rule().startsWith("metadata."))
        .toList();
  }

  private static Arguments reject(String name, String rule, String path, String text, Consumer<TLSRoute> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.ERROR, path, text);
  }

  private static Arguments warn(String name, String rule, String path, String text, Consumer<TLSRoute> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.WARNING, path, text);
  }

  private static Arguments ok(String name, Consumer<TLSRoute> mutation) {
    return Arguments.of(Named.of(name, mutation));
  }

  private static String q(String value) {
    return "\"" + value + "\"";
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        reject("no spec", "tlsroute.spec", "spec", "spec is required", r -> r.setSpec(null)),
        reject("v1alpha2 (listed by the v1.5 CRD, not served)", "tlsroute.api-version", "apiVersion",
            q("gateway.networking.k8s.io/v1alpha2") + " is not served by Gateway API v1.5",
            r -> r.setApiVersion("gateway.networking.k8s.io/v1alpha2")),
        reject("v1alpha3", "tlsroute.api-version", "apiVersion", "use " + q("gateway.networking.k8s.io/v1"),
            r -> r.setApiVersion("gateway.networking.k8s.io/v1alpha3")),
        reject("no hostnames", "tlsroute.hostnames-required", "spec.hostnames", "at least one hostname is required",
            r -> r.getSpec().setHostnames(list())),
        reject("hostname is an IP", "tlsroute.hostname-ip", "spec.hostnames[0]", q("192.0.2.10") + " is an IP address",
            r -> r.getSpec().setHostnames(list("192.0.2.10"))),
        reject("wildcard not first", "tlsroute.hostname", "spec.hostnames[0]", q("db.*.example.com"),
            r -> r.getSpec().setHostnames(list("db.*.example.com"))),
        reject("hostname with port", "tlsroute.hostname", "spec.hostnames[0]", q("db.example.com:5432"),
            r -> r.getSpec().setHostnames(list("db.example.com:5432"))),
        reject("17 hostnames", "tlsroute.too-many", "spec.hostnames", "17 hostnames given",
            r -> r.getSpec().setHostnames(times(17, i -> "h" + i + ".example.com"))),
        reject("no rules", "tlsroute.rules-required", "spec.rules", "one rule is required",
            r -> r.getSpec().setRules(list())),
        reject("two rules", "tlsroute.too-many", "spec.rules", "2 rules given; at most 1",
            r -> r.getSpec().getRules().add(new TLSRouteRule(list(backendRef("db-2", 5432)), null))),
        reject("rule without backendRefs", "tlsroute.backend-refs-required", "spec.rules[0].backendRefs",
            "at least one backendRef is required", r -> rule(r).setBackendRefs(list())),
        reject("17 backendRefs", "tlsroute.too-many", "spec.rules[0].backendRefs", "17 backendRefs given",
            r -> rule(r).setBackendRefs(times(17, i -> backendRef("db-" + i, 5432)))),
        reject("rule name uppercase", "tlsroute.rule-name", "spec.rules[0].name", "try " + q("primary"),
            r -> rule(r).setName("Primary")),
        reject("backend without port", "tlsroute.service-port-required", "spec.rules[0].backendRefs[0].port",
            "is required for Service " + q("db"), r -> backend(r).setPort(null)),
        reject("backend port 70000", "tlsroute.port", "spec.rules[0].backendRefs[0].port", "70000",
            r -> backend(r).setPort(70_000)),
        reject("backend weight above a million", "tlsroute.weight", "spec.rules[0].backendRefs[0].weight", "1000001",
            r -> backend(r).setWeight(1_000_001)),
        reject("backend name empty", "tlsroute.ref-name", "spec.rules[0].backendRefs[0].name", "must not be empty",
            r -> backend(r).setName("")),
        reject("backend group uppercase", "tlsroute.ref-group", "spec.rules[0].backendRefs[0].group", q("Example.com"),
            r -> backend(r).setGroup("Example.com")),
        reject("backend kind with dot", "tlsroute.ref-kind", "spec.rules[0].backendRefs[0].kind", q("v1.Service"),
            r -> backend(r).setKind("v1.Service")),
        reject("backend namespace with underscore", "tlsroute.ref-namespace", "spec.rules[0].backendRefs[0].namespace",
            q("data_base"), r -> backend(r).setNamespace("data_base")),
        reject("sectionName uppercase", "tlsroute.section-name", "spec.parentRefs[0].sectionName", "try " + q("tls"),
            r -> r.getSpec().getParentRefs().get(0).setSectionName("TLS")),
        reject("same parent with and without sectionName", "tlsroute.parent-ref-section-required",
            "spec.parentRefs[1].sectionName", "references the same parent",
            r -> r.getSpec().getParentRefs().add(new ParentReferenceBuilder().withName("gw").build())),
        reject("same parent twice, differing only by port (the experimental channel's relaxation)",
            "tlsroute.parent-ref-duplicate", "spec.parentRefs[1].sectionName", "is not set here nor in spec.parentRefs[0]",
            r -> r.getSpec().setParentRefs(list(new ParentReferenceBuilder().withName("gw").withPort(443).build(),
                new ParentReferenceBuilder().withName("gw").withPort(8443).build()))),
        warn("useDefaultGateways", "tlsroute.experimental", "spec.useDefaultGateways",
            "is in Gateway API v1.5's experimental channel only", r -> r.getSpec().setUseDefaultGateways("All")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<TLSRoute> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(route(mutation)), rule, severity, path, text);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", r -> { }),
        ok("apiVersion v1", r -> r.setApiVersion("gateway.networking.k8s.io/v1")),
        ok("wildcard hostname", r -> r.getSpec().setHostnames(list("*.example.com"))),
        ok("a dotted quad with a leading zero is not an IP to the CEL rule", r -> r.getSpec()
            .setHostnames(list("010.0.0.1"))),
        ok("digits-only labels", r -> r.getSpec().setHostnames(list("1.2.3.example"))),
        ok("16 hostnames and 16 backendRefs", r -> {
          r.getSpec().setHostnames(times(16, i -> "h" + i + ".example.com"));
          rule(r).setBackendRefs(times(16, i -> backendRef("db-" + i, 5432)));
        }),
        ok("rule name", r -> rule(r).setName("primary")),
        ok("backend of another kind without port", r -> rule(r).setBackendRefs(list(
            new BackendRef("example.com", "Pool", "db-pool", null, null, null)))),
        ok("backend in another namespace (the ReferenceGrant is checked across objects)",
            r -> backend(r).setNamespace("data")),
        ok("no parentRefs", r -> r.getSpec().setParentRefs(list())),
        ok("parents distinguished by sectionName", r -> r.getSpec().getParentRefs().add(
            new ParentReferenceBuilder().withName("gw").withSectionName("tls-alt").build())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<TLSRoute> mutation) {
    assertClean(check(route(mutation)));
  }

  /** The ids TLSRoute reaches through the shared checks ({@link RuleIds}); it has no filters or matches. */
  static final List<String> SHARED = List.of("spec", "hostname", "too-many", "ref-name", "ref-group", "ref-kind",
      "ref-namespace", "port", "section-name", "parent-ref-section-required", "parent-ref-duplicate", "rule-name",
      "service-port-required", "weight", "experimental", "api-version");

  static final List<String> RULE_IDS = Stream.concat(SHARED.stream().map(s -> "tlsroute." + s), Stream.of(
      "tlsroute.hostnames-required", "tlsroute.hostname-ip", "tlsroute.rules-required",
      "tlsroute.backend-refs-required")).toList();

  @Test
  void everyRuleIdOfTheSourceIsListedAndExercised() {
    RuleIds.assertListedAndExercised("tlsroute", "TlsRouteRules.java", SHARED, RULE_IDS, rejected());
  }
}
