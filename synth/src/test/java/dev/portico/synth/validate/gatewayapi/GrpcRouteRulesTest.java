package dev.portico.synth.validate.gatewayapi;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.list;
import static dev.portico.synth.validate.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCMethodMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteRuleBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SessionPersistenceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Field and CEL rules of a GRPCRoute (Gateway API v1.5 standard channel): one table of rejected inputs
 * and one of near misses, each row changing the valid baseline {@link #route()} in one way.
 */
class GrpcRouteRulesTest {

  /**
   * GRPCRoute/shop/cart on Gateway gw's listener "grpc", for grpc.example.com: rule 0 sends
   * shop.v1.Cart/GetCart with header x-env: prod to cart:9090, setting a request header and mirroring to
   * cart-shadow:9090; rule 1 sends every shop.v1.Cart call to cart:9090 (90) and cart-next:9090 (10).
   */
  static GRPCRoute route() {
    return new GRPCRouteBuilder()
        .withNewMetadata().withName("cart").withNamespace("shop").endMetadata()
        .withNewSpec()
        .addNewParentRef().withName("gw").withSectionName("grpc").endParentRef()
        .addToHostnames("grpc.example.com")
        .addNewRule()
        .addNewMatch().withNewMethod().withService("shop.v1.Cart").withMethod("GetCart").endMethod()
        .addNewHeader().withName("x-env").withValue("prod").endHeader().endMatch()
        .addNewFilter().withType("RequestHeaderModifier").withNewRequestHeaderModifier()
        .addNewSet().withName("x-route").withValue("cart").endSet().endRequestHeaderModifier().endFilter()
        .addNewFilter().withType("RequestMirror").withNewRequestMirror().withNewBackendRef().withName("cart-shadow")
        .withPort(9090).endBackendRef().endRequestMirror().endFilter()
        .addNewBackendRef().withName("cart").withPort(9090).endBackendRef()
        .endRule()
        .addNewRule()
        .addNewMatch().withNewMethod().withType("Exact").withService("shop.v1.Cart").endMethod().endMatch()
        .addNewBackendRef().withName("cart").withPort(9090).withWeight(90).endBackendRef()
        .addNewBackendRef().withName("cart-next").withPort(9090).withWeight(10).endBackendRef()
        .endRule()
        .endSpec()
        .build();
  }

  static GRPCRoute route(Consumer<GRPCRoute> mutation) {
    GRPCRoute route = route();
    mutation.accept(route);
    return route;
  }

  static GRPCRouteRule rule(GRPCRoute r, int i) {
    return r.getSpec().getRules().get(i);
  }

  static GRPCMethodMatch method(GRPCRoute r, int i) {
    return rule(r, i).getMatches().get(0).getMethod();
  }

  static GRPCHeaderMatch header(GRPCRoute r) {
    return rule(r, 0).getMatches().get(0).getHeaders().get(0);
  }

  static GRPCRouteFilter filter(GRPCRoute r, int k) {
    return rule(r, 0).getFilters().get(k);
  }

  static GRPCRouteMatch serviceMatch(int i) {
    return new GRPCRouteMatchBuilder().withNewMethod().withService("shop.v1.S" + i).endMethod().build();
  }

  static <T> ArrayList<T> times(int n, java.util.function.IntFunction<T> item) {
    return IntStream.range(0, n).mapToObj(item).collect(Collectors.toCollection(ArrayList::new));
  }

  /** The route's own findings (grpcroute.* and metadata.*). */
  static List<Finding> check(GRPCRoute route) {
    return validate(route).stream()
        .filter(f -> f.object().startsWith("GRPCRoute/"))
        .filter(f -> f.rule().startsWith("grpcroute.") || f.rule().startsWith("metadata."))
        .toList();
  }

  private static Arguments reject(String name, String rule, String path, String text, Consumer<GRPCRoute> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.ERROR, path, text);
  }

  private static Arguments warn(String name, String rule, String path, String text, Consumer<GRPCRoute> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.WARNING, path, text);
  }

  private static Arguments ok(String name, Consumer<GRPCRoute> mutation) {
    return Arguments.of(Named.of(name, mutation));
  }

  private static String q(String value) {
    return "\"" + value + "\"";
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        reject("name uppercase", "metadata.name", "metadata.name", q("Cart"), r -> r.getMetadata().setName("Cart")),
        reject("no spec", "grpcroute.spec", "spec", "spec is required", r -> r.setSpec(null)),
        // ---- shared route parts
        reject("hostname uppercase", "grpcroute.hostname", "spec.hostnames[0]", "try " + q("grpc.example.com"),
            r -> r.getSpec().setHostnames(list("GRPC.example.com"))),
        reject("17 hostnames", "grpcroute.too-many", "spec.hostnames", "17 hostnames given; at most 16",
            r -> r.getSpec().setHostnames(times(17, i -> "h" + i + ".example.com"))),
        reject("parentRef without name", "grpcroute.ref-name", "spec.parentRefs[0].name", "is required",
            r -> r.getSpec().getParentRefs().get(0).setName(null)),
        reject("parentRef group with version", "grpcroute.ref-group", "spec.parentRefs[0].group",
            q("gateway.networking.k8s.io/v1"), r -> r.getSpec().getParentRefs().get(0)
                .setGroup("gateway.networking.k8s.io/v1")),
        reject("parentRef kind with space", "grpcroute.ref-kind", "spec.parentRefs[0].kind", q("Listener Set"),
            r -> r.getSpec().getParentRefs().get(0).setKind("Listener Set")),
        reject("parentRef namespace uppercase", "grpcroute.ref-namespace", "spec.parentRefs[0].namespace",
            "try " + q("infra"), r -> r.getSpec().getParentRefs().get(0).setNamespace("Infra")),
        reject("parentRef port 0", "grpcroute.port", "spec.parentRefs[0].port", "0 must be between 1 and 65535",
            r -> r.getSpec().getParentRefs().get(0).setPort(0)),
        reject("sectionName underscore", "grpcroute.section-name", "spec.parentRefs[0].sectionName", q("grpc_tls"),
            r -> r.getSpec().getParentRefs().get(0).setSectionName("grpc_tls")),
        reject("same parent with and without sectionName", "grpcroute.parent-ref-section-required",
            "spec.parentRefs[1].sectionName", "is not set, but spec.parentRefs[0] references the same parent",
            r -> r.getSpec().getParentRefs().add(new ParentReferenceBuilder().withName("gw").build())),
        reject("same parent and sectionName twice", "grpcroute.parent-ref-duplicate", "spec.parentRefs[1].sectionName",
            q("grpc") + " is also used by spec.parentRefs[0]", r -> r.getSpec().getParentRefs()
                .add(new ParentReferenceBuilder().withName("gw").withSectionName("grpc").build())),
        reject("rule name with underscore", "grpcroute.rule-name", "spec.rules[0].name", q("get_cart"),
            r -> rule(r, 0).setName("get_cart")),
        warn("rule names equal (a CEL rule of the experimental channel only)", "grpcroute.rule-name-duplicate",
            "spec.rules[1].name", q("cart") + " is also the name of spec.rules[0]", r -> {
              rule(r, 0).setName("cart");
              rule(r, 1).setName("cart");
            }),
        reject("backend without port", "grpcroute.service-port-required", "spec.rules[0].backendRefs[0].port",
            "is required for Service " + q("cart"), r -> rule(r, 0).getBackendRefs().get(0).setPort(null)),
        reject("backend weight -1", "grpcroute.weight", "spec.rules[1].backendRefs[1].weight",
            "-1 must be from 0 to 1000000", r -> rule(r, 1).getBackendRefs().get(1).setWeight(-1)),
        reject("17 rules", "grpcroute.too-many", "spec.rules", "17 rules given; at most 16",
            r -> r.getSpec().setRules(times(17, i -> new GRPCRouteRuleBuilder().build()))),
        warn("useDefaultGateways", "grpcroute.experimental", "spec.useDefaultGateways",
            "is in Gateway API v1.5's experimental channel only", r -> r.getSpec().setUseDefaultGateways("All")),
        warn("sessionPersistence", "grpcroute.experimental", "spec.rules[0].sessionPersistence",
            "sessionPersistence is in Gateway API v1.5's experimental channel only",
            r -> rule(r, 0).setSessionPersistence(new SessionPersistenceBuilder().withType("Header").build())),
        // ---- grpcroute.total-matches: a rule without matches counts none
        reject("129 matches across rules", "grpcroute.total-matches", "spec.rules", "129 matches in all",
            r -> r.getSpec().setRules(times(3, i -> new GRPCRouteRuleBuilder()
                .withMatches(times(i == 2 ? 1 : 64, GrpcRouteRulesTest::serviceMatch)).build()))),
        // ---- method matches
        reject("method type lowercase", "grpcroute.method-type", "spec.rules[1].matches[0].method.type",
            q("exact") + " is not supported; use " + q("Exact") + " or " + q("RegularExpression"),
            r -> method(r, 1).setType("exact")),
        reject("method match naming neither", "grpcroute.method-required", "spec.rules[0].matches[0].method",
            "names neither a service nor a method", r -> {
              method(r, 0).setService(null);
              method(r, 0).setMethod(null);
            }),
        reject("regex method match naming neither", "grpcroute.method-required", "spec.rules[1].matches[0].method",
            "one or both of service or method must be specified", r -> {
              method(r, 1).setType("RegularExpression");
              method(r, 1).setService(null);
            }),
        reject("service with a slash", "grpcroute.method-service", "spec.rules[0].matches[0].method.service",
            q("shop.v1/Cart") + " must be a gRPC service name", r -> method(r, 0).setService("shop.v1/Cart")),
        reject("service starting with a digit", "grpcroute.method-service", "spec.rules[0].matches[0].method.service",
            q("1shop.Cart"), r -> method(r, 0).setService("1shop.Cart")),
        reject("service empty", "grpcroute.method-service", "spec.rules[0].matches[0].method.service",
            q("") + " must be a gRPC service name", r -> method(r, 0).setService("")),
        reject("regex service 1025", "grpcroute.method-service", "spec.rules[1].matches[0].method.service",
            "(it has 1025)", r -> {
              method(r, 1).setType("RegularExpression");
              method(r, 1).setService("s".repeat(1025));
            }),
        reject("method as a full path", "grpcroute.method-name", "spec.rules[0].matches[0].method.method",
            q("/shop.v1.Cart/GetCart") + " must be a gRPC method name", r -> method(r, 0)
                .setMethod("/shop.v1.Cart/GetCart")),
        reject("method with a dash", "grpcroute.method-name", "spec.rules[0].matches[0].method.method", q("get-cart"),
            r -> method(r, 0).setMethod("get-cart")),
        // ---- header matches (shared with HTTPRoute)
        reject("header name with colon", "grpcroute.header-name", "spec.rules[0].matches[0].headers[0].name",
            q(":authority"), r -> header(r).setName(":authority")),
        reject("header value missing", "grpcroute.header-value", "spec.rules[0].matches[0].headers[0].value",
            "is required", r -> header(r).setValue(null)),
        reject("header match type Prefix", "grpcroute.match-type", "spec.rules[0].matches[0].headers[0].type",
            q("Prefix"), r -> header(r).setType("Prefix")),
        reject("header matched twice", "grpcroute.header-duplicate", "spec.rules[0].matches[0].headers[1].name",
            q("x-env") + " is already listed", r -> rule(r, 0).getMatches().get(0).getHeaders()
                .add(new GRPCHeaderMatch("x-env", null, "staging"))),
        // ---- filters (shared with HTTPRoute; GRPCRoute has four types)
        reject("filter type RequestRedirect (HTTPRoute only)", "grpcroute.filter-type", "spec.rules[0].filters[0].type",
            q("RequestRedirect") + " is not supported; use " + q("ResponseHeaderModifier"),
            r -> filter(r, 0).setType("RequestRedirect")),
        reject("filter type missing", "grpcroute.filter-type", "spec.rules[0].filters[1].type", "is required",
            r -> filter(r, 1).setType(null)),
        reject("filter config of another type", "grpcroute.filter-config",
            "spec.rules[0].filters[0].requestHeaderModifier", "must not be set when type is " + q("ExtensionRef"),
            r -> filter(r, 0).setType("ExtensionRef")),
        reject("RequestHeaderModifier twice", "grpcroute.filter-repeated", "spec.rules[0].filters[2].type",
            q("RequestHeaderModifier") + " is already listed at spec.rules[0].filters[0]",
            r -> rule(r, 0).getFilters().add(new GRPCRouteFilterBuilder().withType("RequestHeaderModifier")
                .withNewRequestHeaderModifier().addToRemove("x-old").endRequestHeaderModifier().build())),
        reject("header set with empty value", "grpcroute.header-value",
            "spec.rules[0].filters[0].requestHeaderModifier.set[0].value", "must not be empty",
            r -> filter(r, 0).getRequestHeaderModifier().getSet().get(0).setValue("")),
        reject("mirror without backendRef", "grpcroute.mirror-backend", "spec.rules[0].filters[1].requestMirror.backendRef",
            "is required", r -> filter(r, 1).getRequestMirror().setBackendRef(null)),
        reject("mirror percent 101", "grpcroute.mirror-fraction", "spec.rules[0].filters[1].requestMirror.percent",
            "101 must be from 0 to 100", r -> filter(r, 1).getRequestMirror().setPercent(101)),
        reject("mirror to a Service without port", "grpcroute.service-port-required",
            "spec.rules[0].filters[1].requestMirror.backendRef.port", q("cart-shadow"),
            r -> filter(r, 1).getRequestMirror().getBackendRef().setPort(null)),
        reject("backendRef filter of an unknown type", "grpcroute.filter-type",
            "spec.rules[1].backendRefs[0].filters[0].type", q("URLRewrite"),
            r -> rule(r, 1).getBackendRefs().set(0, new GRPCBackendRefBuilder().withName("cart").withPort(9090)
                .addNewFilter().withType("URLRewrite").endFilter().build())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<GRPCRoute> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(route(mutation)), rule, severity, path, text);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", r -> { }),
        ok("no hostnames and no matches (every call)", r -> {
          r.getSpec().setHostnames(list());
          rule(r, 1).setMatches(list());
        }),
        ok("service only", r -> method(r, 0).setMethod(null)),
        ok("method only", r -> method(r, 0).setService(null)),
        ok("service with a leading dot, underscores and uppercase (the pattern is case-insensitive)",
            r -> method(r, 0).setService(".Shop_V1.Cart_Service")),
        ok("regex service and method with characters Exact rejects", r -> {
          method(r, 1).setType("RegularExpression");
          method(r, 1).setService("shop\\.v[0-9]+\\..*");
          method(r, 1).setMethod("Get.*");
        }),
        ok("128 matches across rules, rules without matches counting none", r -> r.getSpec().setRules(
            times(3, i -> new GRPCRouteRuleBuilder().withMatches(times(i == 2 ? 0 : 64,
                GrpcRouteRulesTest::serviceMatch)).build()))),
        ok("16 rules", r -> r.getSpec().setRules(times(16, i -> new GRPCRouteRuleBuilder().build()))),
        ok("rule names distinct", r -> {
          rule(r, 0).setName("get-cart");
          rule(r, 1).setName("cart");
        }),
        ok("mirror and extension filters may repeat", r -> rule(r, 0).getFilters().addAll(list(
            new GRPCRouteFilterBuilder().withType("RequestMirror").withNewRequestMirror().withNewBackendRef()
                .withName("cart-audit").withPort(9090).endBackendRef().withPercent(5).endRequestMirror().build(),
            new GRPCRouteFilterBuilder().withType("ExtensionRef").withNewExtensionRef().withGroup("example.com")
                .withKind("Limit").withName("a").endExtensionRef().build(),
            new GRPCRouteFilterBuilder().withType("ExtensionRef").withNewExtensionRef().withGroup("example.com")
                .withKind("Limit").withName("b").endExtensionRef().build()))),
        ok("ResponseHeaderModifier beside RequestHeaderModifier", r -> rule(r, 0).getFilters().add(
            new GRPCRouteFilterBuilder().withType("ResponseHeaderModifier").withNewResponseHeaderModifier()
                .addToRemove("x-internal").endResponseHeaderModifier().build())),
        ok("backend of another kind without port", r -> rule(r, 1).getBackendRefs().set(0,
            new GRPCBackendRefBuilder().withGroup("example.com").withKind("Pool").withName("p").build())),
        ok("header match RegularExpression", r -> {
          header(r).setType("RegularExpression");
          header(r).setValue("prod|staging");
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<GRPCRoute> mutation) {
    assertClean(check(route(mutation)));
  }

  /** The ids GRPCRoute reaches through the shared checks ({@link RuleIds}). */
  static final List<String> SHARED = List.of("spec", "hostname", "too-many", "ref-name", "ref-group", "ref-kind",
      "ref-namespace", "port", "section-name", "parent-ref-section-required", "parent-ref-duplicate", "rule-name",
      "rule-name-duplicate", "service-port-required", "weight", "experimental", "match-type", "header-name",
      "header-value", "header-duplicate", "filter-type", "filter-config", "filter-repeated", "mirror-backend",
      "mirror-fraction");

  static final List<String> RULE_IDS = Stream.concat(SHARED.stream().map(s -> "grpcroute." + s), Stream.of(
      "grpcroute.total-matches", "grpcroute.method-type", "grpcroute.method-required", "grpcroute.method-service",
      "grpcroute.method-name")).toList();

  @Test
  void everyRuleIdOfTheSourceIsListedAndExercised() {
    RuleIds.assertListedAndExercised("grpcroute", "GrpcRouteRules.java", SHARED, RULE_IDS, rejected());
  }

  @Test
  void onlyExperimentalFeaturesAndRuleNameClashesAreWarnings() {
    Set<String> warnings = rejected().filter(a -> a.get()[2] == Severity.WARNING).map(a -> (String) a.get()[1])
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("grpcroute.experimental", "grpcroute.rule-name-duplicate"), warnings);
  }

  @Test
  void aMethodMatchOfNeitherIsOneFinding() {
    List<Finding> findings = check(route(r -> {
      method(r, 0).setService(null);
      method(r, 0).setMethod(null);
    }));
    assertEquals(1, findings.size(), Fixtures.describe(findings));
  }
}
