package dev.portico.synth.validate.gatewayapi;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.list;
import static dev.portico.synth.validate.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPCORSFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPCORSFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPExternalAuthFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathModifier;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestMirrorFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestRedirectFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRetryBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SessionPersistenceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Field and CEL rules of an HTTPRoute (Gateway API v1.5 standard channel), one table of rejected
 * inputs and one of near misses. Each rejected row mutates the valid baseline {@link #route()} in one
 * way and names the rule, the exact field path and a text the message must contain (the bad value
 * wherever there is one).
 */
class HttpRouteRulesTest {

  /**
   * HTTPRoute/shop/web on Gateway gw's listener "https", for shop.example.com:
   * rule 0 routes /api (GET, header x-env: prod, ?version=2) and /health to web:80 (90) and web-canary:80 (10),
   * setting request headers, with timeouts 10s / 5s; rule 1 rewrites the prefix /old to /new for web:80;
   * rule 2 redirects /moved to https://www.example.com with a 301.
   */
  static HTTPRoute route() {
    return new HTTPRouteBuilder()
        .withNewMetadata().withName("web").withNamespace("shop").endMetadata()
        .withNewSpec()
        .addNewParentRef().withName("gw").withSectionName("https").endParentRef()
        .addToHostnames("shop.example.com")
        .addNewRule()
        .addNewMatch().withNewPath().withType("PathPrefix").withValue("/api").endPath()
        .addNewHeader().withName("x-env").withValue("prod").endHeader()
        .addNewQueryParam().withName("version").withValue("2").endQueryParam()
        .withMethod("GET").endMatch()
        .addNewMatch().withNewPath().withType("Exact").withValue("/health").endPath().endMatch()
        .addNewFilter().withType("RequestHeaderModifier").withNewRequestHeaderModifier()
        .addNewSet().withName("x-set").withValue("1").endSet()
        .addNewAdd().withName("x-add").withValue("2").endAdd()
        .addToRemove("x-remove").endRequestHeaderModifier().endFilter()
        .addNewBackendRef().withName("web").withPort(80).withWeight(90).endBackendRef()
        .addNewBackendRef().withName("web-canary").withPort(80).withWeight(10).endBackendRef()
        .withNewTimeouts().withRequest("10s").withBackendRequest("5s").endTimeouts()
        .endRule()
        .addNewRule()
        .addNewMatch().withNewPath().withType("PathPrefix").withValue("/old").endPath().endMatch()
        .addNewFilter().withType("URLRewrite").withNewUrlRewrite().withNewPath().withType("ReplacePrefixMatch")
        .withReplacePrefixMatch("/new").endPath().endUrlRewrite().endFilter()
        .addNewBackendRef().withName("web").withPort(80).endBackendRef()
        .endRule()
        .addNewRule()
        .addNewMatch().withNewPath().withType("Exact").withValue("/moved").endPath().endMatch()
        .addNewFilter().withType("RequestRedirect").withNewRequestRedirect().withScheme("https")
        .withHostname("www.example.com").withStatusCode(301).endRequestRedirect().endFilter()
        .endRule()
        .endSpec()
        .build();
  }

  static HTTPRoute route(Consumer<HTTPRoute> mutation) {
    HTTPRoute route = route();
    mutation.accept(route);
    return route;
  }

  // ================================================================= accessors and builders

  static HTTPRouteSpec spec(HTTPRoute r) {
    return r.getSpec();
  }

  static ParentReference parent(HTTPRoute r, int i) {
    return r.getSpec().getParentRefs().get(i);
  }

  static HTTPRouteRule rule(HTTPRoute r, int i) {
    return r.getSpec().getRules().get(i);
  }

  static HTTPRouteMatch match(HTTPRoute r, int i, int j) {
    return rule(r, i).getMatches().get(j);
  }

  static HTTPPathMatch path(HTTPRoute r, int i, int j) {
    return match(r, i, j).getPath();
  }

  static HTTPHeaderMatch header(HTTPRoute r) {
    return match(r, 0, 0).getHeaders().get(0);
  }

  static HTTPQueryParamMatch query(HTTPRoute r) {
    return match(r, 0, 0).getQueryParams().get(0);
  }

  static HTTPRouteFilter filter(HTTPRoute r, int i, int k) {
    return rule(r, i).getFilters().get(k);
  }

  static HTTPHeaderFilter modifier(HTTPRoute r) {
    return filter(r, 0, 0).getRequestHeaderModifier();
  }

  static HTTPBackendRef backend(HTTPRoute r, int i, int k) {
    return rule(r, i).getBackendRefs().get(k);
  }

  static HTTPRequestRedirectFilter redirect(HTTPRoute r) {
    return filter(r, 2, 0).getRequestRedirect();
  }

  static HTTPPathModifier rewritePath(HTTPRoute r) {
    return filter(r, 1, 0).getUrlRewrite().getPath();
  }

  static HTTPRouteTimeouts timeouts(HTTPRoute r) {
    return rule(r, 0).getTimeouts();
  }

  static ParentReference parentRef(String name, String sectionName) {
    return new ParentReferenceBuilder().withName(name).withSectionName(sectionName).build();
  }

  static HTTPRouteMatch prefix(String value) {
    return new HTTPRouteMatchBuilder().withNewPath().withType("PathPrefix").withValue(value).endPath().build();
  }

  static HTTPBackendRef service(String name, Integer port) {
    return new HTTPBackendRefBuilder().withName(name).withPort(port).build();
  }

  static HTTPRouteFilter requestHeaders(String name) {
    return new HTTPRouteFilterBuilder().withType("RequestHeaderModifier").withNewRequestHeaderModifier()
        .addNewSet().withName(name).withValue("v").endSet().endRequestHeaderModifier().build();
  }

  static HTTPRouteFilter responseHeaders() {
    return new HTTPRouteFilterBuilder().withType("ResponseHeaderModifier").withNewResponseHeaderModifier()
        .addToRemove("server").endResponseHeaderModifier().build();
  }

  static HTTPRouteFilter rewritePrefix(String prefix) {
    return new HTTPRouteFilterBuilder().withType("URLRewrite").withNewUrlRewrite().withNewPath()
        .withType("ReplacePrefixMatch").withReplacePrefixMatch(prefix).endPath().endUrlRewrite().build();
  }

  static HTTPRouteFilter redirectTo(String hostname) {
    return new HTTPRouteFilterBuilder().withType("RequestRedirect").withNewRequestRedirect().withHostname(hostname)
        .endRequestRedirect().build();
  }

  static HTTPRouteFilter mirror(String name, Integer port) {
    return new HTTPRouteFilterBuilder().withType("RequestMirror").withNewRequestMirror().withNewBackendRef()
        .withName(name).withPort(port).endBackendRef().endRequestMirror().build();
  }

  static HTTPRequestMirrorFilter addMirror(HTTPRoute r) {
    HTTPRouteFilter filter = mirror("web-shadow", 80);
    rule(r, 0).getFilters().add(filter);
    return filter.getRequestMirror();
  }

  static HTTPRouteFilter extension(String group, String kind, String name) {
    return new HTTPRouteFilterBuilder().withType("ExtensionRef")
        .withExtensionRef(new LocalObjectReference(group, kind, name)).build();
  }

  /** Adds a CORS filter as spec.rules[0].filters[1] and returns its configuration. */
  static HTTPCORSFilter cors(HTTPRoute r) {
    HTTPCORSFilter cors = new HTTPCORSFilterBuilder().withAllowOrigins("https://shop.example.com", "https://*.example.com:8443")
        .withAllowMethods("GET", "POST").withAllowHeaders("x-api-key").withExposeHeaders("x-request-id")
        .withAllowCredentials(true).withMaxAge(600).build();
    HTTPRouteFilter filter = new HTTPRouteFilterBuilder().withType("CORS").withCors(cors).build();
    rule(r, 0).getFilters().add(filter);
    return filter.getCors(); // the builder copies cors
  }

  static void pathMatch(HTTPRoute r, String type, String value) {
    path(r, 0, 0).setType(type);
    path(r, 0, 0).setValue(value);
  }

  static void timeouts(HTTPRoute r, String request, String backendRequest) {
    timeouts(r).setRequest(request);
    timeouts(r).setBackendRequest(backendRequest);
  }

  static <T> ArrayList<T> times(int n, java.util.function.IntFunction<T> item) {
    return IntStream.range(0, n).mapToObj(item).collect(Collectors.toCollection(ArrayList::new));
  }

  static HTTPRouteRule ruleWithMatches(int n) {
    return new HTTPRouteRuleBuilder().withMatches(times(n, i -> prefix("/m" + i)))
        .addNewBackendRef().withName("web").withPort(80).endBackendRef().build();
  }

  /**
   * The findings of the route's own field rules (httproute.* and metadata.*), from {@link Fixtures#validate};
   * cross-resource analyzers (a backendRef naming a Service that is not there) and the fixture's apps are
   * tested elsewhere.
   */
  static List<Finding> check(HTTPRoute route) {
    return validate(route).stream()
        .filter(f -> f.object().startsWith("HTTPRoute/"))
        .filter(f -> f.rule().startsWith("httproute.") || f.rule().startsWith("metadata."))
        .toList();
  }

  private static Arguments reject(String name, String rule, String path, String text, Consumer<HTTPRoute> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.ERROR, path, text);
  }

  private static Arguments warn(String name, String rule, String path, String text, Consumer<HTTPRoute> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.WARNING, path, text);
  }

  private static Arguments ok(String name, Consumer<HTTPRoute> mutation) {
    return Arguments.of(Named.of(name, mutation));
  }

  private static String q(String value) {
    return "\"" + value + "\"";
  }

  // ================================================================= rejected inputs

  static Stream<Arguments> rejected() {
    String long254 = "a".repeat(250) + ".com";
    return Stream.of(
        // ---- metadata (shared rules) and spec
        reject("name uppercase", "metadata.name", "metadata.name", q("Web"), r -> r.getMetadata().setName("Web")),
        reject("no spec", "httproute.spec", "spec", "required", r -> r.setSpec(null)),
        // ---- httproute.hostname: Hostname, 1..253, optional leading "*."
        reject("hostname uppercase", "httproute.hostname", "spec.hostnames[0]", q("Shop.example.com") + " must be",
            r -> spec(r).setHostnames(list("Shop.example.com"))),
        reject("hostname suggestion", "httproute.hostname", "spec.hostnames[0]", "try " + q("shop.example.com"),
            r -> spec(r).setHostnames(list("Shop.Example.com"))),
        reject("hostname two wildcards", "httproute.hostname", "spec.hostnames[0]", q("*.*.example.com"),
            r -> spec(r).setHostnames(list("*.*.example.com"))),
        reject("hostname inner wildcard", "httproute.hostname", "spec.hostnames[0]", q("shop.*.com"),
            r -> spec(r).setHostnames(list("shop.*.com"))),
        reject("hostname bare wildcard", "httproute.hostname", "spec.hostnames[0]", q("*"),
            r -> spec(r).setHostnames(list("*"))),
        reject("hostname trailing dot", "httproute.hostname", "spec.hostnames[0]", q("shop.example.com."),
            r -> spec(r).setHostnames(list("shop.example.com."))),
        reject("hostname with port", "httproute.hostname", "spec.hostnames[1]", q("shop.example.com:8443"),
            r -> spec(r).setHostnames(list("shop.example.com", "shop.example.com:8443"))),
        reject("hostname underscore", "httproute.hostname", "spec.hostnames[0]", q("shop_1.example.com"),
            r -> spec(r).setHostnames(list("shop_1.example.com"))),
        reject("hostname empty", "httproute.hostname", "spec.hostnames[0]", q("") + " must not be empty",
            r -> spec(r).setHostnames(list(""))),
        reject("hostname 254", "httproute.hostname", "spec.hostnames[0]", "no more than 253 characters (it has 254)",
            r -> spec(r).setHostnames(list(long254))),
        // ---- httproute.too-many: every MaxItems
        reject("17 hostnames", "httproute.too-many", "spec.hostnames", "17 hostnames given; at most 16",
            r -> spec(r).setHostnames(times(17, i -> "h" + i + ".example.com"))),
        reject("33 parentRefs", "httproute.too-many", "spec.parentRefs", "33 parentRefs given; at most 32",
            r -> spec(r).setParentRefs(times(33, i -> parentRef("gw" + i, null)))),
        reject("17 rules", "httproute.too-many", "spec.rules", "17 rules given; at most 16",
            r -> spec(r).setRules(times(17, i -> ruleWithMatches(1)))),
        reject("65 matches", "httproute.too-many", "spec.rules[3].matches", "65 matches given; at most 64",
            r -> spec(r).getRules().add(ruleWithMatches(65))),
        reject("17 header matches", "httproute.too-many", "spec.rules[0].matches[0].headers", "17 header matches",
            r -> match(r, 0, 0).setHeaders(times(17, i -> new HTTPHeaderMatch("h" + i, null, "v")))),
        reject("17 query param matches", "httproute.too-many", "spec.rules[0].matches[0].queryParams",
            "17 query param matches",
            r -> match(r, 0, 0).setQueryParams(times(17, i -> new HTTPQueryParamMatch("q" + i, null, "v")))),
        reject("17 backendRefs", "httproute.too-many", "spec.rules[0].backendRefs", "17 backendRefs given",
            r -> rule(r, 0).setBackendRefs(times(17, i -> service("web" + i, 80)))),
        reject("17 filters", "httproute.too-many", "spec.rules[0].filters", "17 filters given",
            r -> rule(r, 0).setFilters(times(17, i -> mirror("m" + i, 80)))),
        reject("17 backendRef filters", "httproute.too-many", "spec.rules[0].backendRefs[0].filters",
            "17 filters given", r -> backend(r, 0, 0).setFilters(times(17, i -> mirror("m" + i, 80)))),
        reject("17 set headers", "httproute.too-many", "spec.rules[0].filters[0].requestHeaderModifier.set",
            "17 headers given", r -> modifier(r).setSet(times(17, i -> new HTTPHeader("h" + i, "v")))),
        reject("17 removed headers", "httproute.too-many", "spec.rules[0].filters[0].requestHeaderModifier.remove",
            "17 header names given", r -> modifier(r).setRemove(times(17, i -> "h" + i))),
        // ---- httproute.total-matches: at most 128 across rules (CEL)
        reject("130 matches across rules", "httproute.total-matches", "spec.rules", "130 matches in all",
            r -> spec(r).setRules(list(ruleWithMatches(64), ruleWithMatches(64), ruleWithMatches(2)))),
        reject("129 matches counting default matches", "httproute.total-matches", "spec.rules", "129 matches",
            r -> spec(r).setRules(list(ruleWithMatches(64), ruleWithMatches(64), ruleWithMatches(0)))),
        // ---- httproute.ref-name / ref-group / ref-kind / ref-namespace
        reject("parentRef without name", "httproute.ref-name", "spec.parentRefs[0].name", "required",
            r -> parent(r, 0).setName(null)),
        reject("parentRef name empty", "httproute.ref-name", "spec.parentRefs[0].name", q("") + " must not be empty",
            r -> parent(r, 0).setName("")),
        reject("backendRef without name", "httproute.ref-name", "spec.rules[1].backendRefs[0].name", "required",
            r -> backend(r, 1, 0).setName(null)),
        reject("backendRef name 254", "httproute.ref-name", "spec.rules[0].backendRefs[1].name", "(it has 254)",
            r -> backend(r, 0, 1).setName("w".repeat(254))),
        reject("extensionRef without name", "httproute.ref-name", "spec.rules[0].filters[1].extensionRef.name",
            "required", r -> rule(r, 0).getFilters().add(extension("example.com", "Auth", null))),
        reject("parentRef group uppercase", "httproute.ref-group", "spec.parentRefs[0].group",
            q("Gateway.Networking.k8s.io") + " must be an API group",
            r -> parent(r, 0).setGroup("Gateway.Networking.k8s.io")),
        reject("backendRef group with version", "httproute.ref-group", "spec.rules[0].backendRefs[0].group",
            q("apps/v1"), r -> backend(r, 0, 0).setGroup("apps/v1")),
        reject("extensionRef without group", "httproute.ref-group", "spec.rules[0].filters[1].extensionRef.group",
            "required", r -> rule(r, 0).getFilters().add(extension(null, "Auth", "auth"))),
        reject("parentRef kind trailing dash", "httproute.ref-kind", "spec.parentRefs[0].kind", q("Gateway-"),
            r -> parent(r, 0).setKind("Gateway-")),
        reject("backendRef kind leading digit", "httproute.ref-kind", "spec.rules[0].backendRefs[0].kind",
            q("1Service"), r -> backend(r, 0, 0).setKind("1Service")),
        reject("extensionRef without kind", "httproute.ref-kind", "spec.rules[0].filters[1].extensionRef.kind",
            "required", r -> rule(r, 0).getFilters().add(extension("example.com", null, "auth"))),
        reject("parentRef namespace uppercase", "httproute.ref-namespace", "spec.parentRefs[0].namespace",
            q("Infra") + " must be a namespace name", r -> parent(r, 0).setNamespace("Infra")),
        reject("parentRef namespace suggestion", "httproute.ref-namespace", "spec.parentRefs[0].namespace",
            "try " + q("infra"), r -> parent(r, 0).setNamespace("Infra")),
        reject("backendRef namespace with dot", "httproute.ref-namespace", "spec.rules[0].backendRefs[0].namespace",
            q("shop.prod"), r -> backend(r, 0, 0).setNamespace("shop.prod")),
        reject("mirror namespace 64", "httproute.ref-namespace",
            "spec.rules[0].filters[1].requestMirror.backendRef.namespace", "(it has 64)",
            r -> addMirror(r).getBackendRef().setNamespace("n".repeat(64))),
        // ---- httproute.port
        reject("parentRef port 0", "httproute.port", "spec.parentRefs[0].port", "0 must be between 1 and 65535",
            r -> parent(r, 0).setPort(0)),
        reject("backendRef port 65536", "httproute.port", "spec.rules[0].backendRefs[1].port", "65536",
            r -> backend(r, 0, 1).setPort(65_536)),
        reject("redirect port 70000", "httproute.port", "spec.rules[2].filters[0].requestRedirect.port", "70000",
            r -> redirect(r).setPort(70_000)),
        reject("mirror port -1", "httproute.port", "spec.rules[0].filters[1].requestMirror.backendRef.port", "-1",
            r -> addMirror(r).getBackendRef().setPort(-1)),
        // ---- httproute.section-name
        reject("sectionName uppercase", "httproute.section-name", "spec.parentRefs[0].sectionName",
            q("HTTPS") + " must be a DNS-1123 subdomain", r -> parent(r, 0).setSectionName("HTTPS")),
        reject("sectionName suggestion", "httproute.section-name", "spec.parentRefs[0].sectionName",
            "try " + q("https"), r -> parent(r, 0).setSectionName("HTTPS")),
        reject("sectionName underscore", "httproute.section-name", "spec.parentRefs[0].sectionName", q("web_https"),
            r -> parent(r, 0).setSectionName("web_https")),
        reject("sectionName empty", "httproute.section-name", "spec.parentRefs[0].sectionName", "must not be empty",
            r -> parent(r, 0).setSectionName("")),
        // ---- httproute.parent-ref-section-required / parent-ref-duplicate (CEL)
        reject("same parent, one without sectionName", "httproute.parent-ref-section-required",
            "spec.parentRefs[1].sectionName", "is not set, but spec.parentRefs[0] references the same parent Gateway "
                + q("gw") + " with sectionName " + q("https"),
            r -> spec(r).getParentRefs().add(parentRef("gw", null))),
        reject("same parent, first without sectionName", "httproute.parent-ref-section-required",
            "spec.parentRefs[1].sectionName", q("http") + " is set, but spec.parentRefs[0]", r -> {
              parent(r, 0).setSectionName(null);
              spec(r).getParentRefs().add(parentRef("gw", "http"));
            }),
        reject("same parent and sectionName", "httproute.parent-ref-duplicate", "spec.parentRefs[1].sectionName",
            q("https") + " is also used by spec.parentRefs[0]",
            r -> spec(r).getParentRefs().add(parentRef("gw", "https"))),
        reject("same parent twice, no sectionNames", "httproute.parent-ref-duplicate", "spec.parentRefs[1].sectionName",
            "is not set here nor in spec.parentRefs[0], which references the same parent Gateway " + q("gw"), r -> {
              parent(r, 0).setSectionName(null);
              spec(r).getParentRefs().add(parentRef("gw", null));
            }),
        reject("same parent spelled with defaults", "httproute.parent-ref-duplicate", "spec.parentRefs[1].sectionName",
            q("https"), r -> spec(r).getParentRefs().add(new ParentReferenceBuilder()
                .withGroup("gateway.networking.k8s.io").withKind("Gateway").withName("gw").withSectionName("https")
                .build())),
        // ---- httproute.rule-name / rule-name-duplicate
        reject("rule name uppercase", "httproute.rule-name", "spec.rules[0].name", "try " + q("api"),
            r -> rule(r, 0).setName("API")),
        warn("rule names equal (a CEL rule of the experimental channel only)", "httproute.rule-name-duplicate",
            "spec.rules[1].name", q("api") + " is also the name of spec.rules[0]; Gateway API v1.5's experimental "
                + "channel rejects this", r -> {
              rule(r, 0).setName("api");
              rule(r, 1).setName("api");
            }),
        // ---- httproute.path-type / path-value
        reject("path type Prefix", "httproute.path-type", "spec.rules[0].matches[0].path.type",
            q("Prefix") + " is not supported; use " + q("Exact") + ", " + q("PathPrefix") + " or "
                + q("RegularExpression"), r -> path(r, 0, 0).setType("Prefix")),
        reject("path type lowercase", "httproute.path-type", "spec.rules[0].matches[0].path.type",
            "try " + q("PathPrefix"), r -> path(r, 0, 0).setType("pathprefix")),
        reject("path 1025 characters", "httproute.path-value", "spec.rules[0].matches[0].path.value",
            "no more than 1024 characters (it has 1025)", r -> pathMatch(r, "RegularExpression", "/" + "a".repeat(1024))),
        // ---- httproute.path-absolute and the other Exact/PathPrefix CEL rules
        reject("path relative", "httproute.path-absolute", "spec.rules[0].matches[0].path.value",
            q("api") + " must be an absolute path", r -> pathMatch(r, "PathPrefix", "api")),
        reject("path relative suggestion", "httproute.path-absolute", "spec.rules[0].matches[1].path.value",
            "try " + q("/health"), r -> path(r, 0, 1).setValue("health")),
        reject("path empty", "httproute.path-absolute", "spec.rules[0].matches[1].path.value", q(""),
            r -> path(r, 0, 1).setValue("")),
        reject("path relative, type defaulted", "httproute.path-absolute", "spec.rules[0].matches[0].path.value",
            "when type is " + q("PathPrefix"), r -> pathMatch(r, null, "api")),
        reject("path //", "httproute.path-segments", "spec.rules[0].matches[0].path.value",
            q("/a//b") + " must not contain " + q("//"), r -> pathMatch(r, "PathPrefix", "/a//b")),
        reject("path /./", "httproute.path-segments", "spec.rules[0].matches[1].path.value", q("/a/./b"),
            r -> path(r, 0, 1).setValue("/a/./b")),
        reject("path /../", "httproute.path-segments", "spec.rules[0].matches[0].path.value",
            q("/a/../b") + " must not contain " + q("/../"), r -> pathMatch(r, "Exact", "/a/../b")),
        reject("path ends /..", "httproute.path-segments", "spec.rules[0].matches[0].path.value",
            q("/a/..") + " must not end with " + q("/.."), r -> pathMatch(r, "PathPrefix", "/a/..")),
        reject("path ends /.", "httproute.path-segments", "spec.rules[0].matches[0].path.value",
            q("/a/.") + " must not end with " + q("/."), r -> pathMatch(r, "PathPrefix", "/a/.")),
        reject("path %2F", "httproute.path-encoded-slash", "spec.rules[0].matches[0].path.value",
            q("/a%2Fb") + " must not contain an encoded '/'", r -> pathMatch(r, "PathPrefix", "/a%2Fb")),
        reject("path %2f", "httproute.path-encoded-slash", "spec.rules[0].matches[1].path.value", q("/a%2fb"),
            r -> path(r, 0, 1).setValue("/a%2fb")),
        reject("path #", "httproute.path-fragment", "spec.rules[0].matches[0].path.value", q("/a#top"),
            r -> pathMatch(r, "PathPrefix", "/a#top")),
        reject("path space", "httproute.path-characters", "spec.rules[0].matches[0].path.value",
            q("/a b") + " has " + q(" ") + " at index 2", r -> pathMatch(r, "PathPrefix", "/a b")),
        reject("path bad escape", "httproute.path-characters", "spec.rules[0].matches[0].path.value",
            q("/a%zz") + " has " + q("%") + " at index 2", r -> pathMatch(r, "Exact", "/a%zz")),
        reject("path non-ASCII", "httproute.path-characters", "spec.rules[0].matches[0].path.value", q("/caf\u00e9"),
            r -> pathMatch(r, "PathPrefix", "/caf\u00e9")),
        reject("path query string", "httproute.path-characters", "spec.rules[0].matches[0].path.value", q("?"),
            r -> pathMatch(r, "Exact", "/search?q=1")),
        // ---- httproute.header-name / header-value / header-duplicate
        reject("header match name with space", "httproute.header-name", "spec.rules[0].matches[0].headers[0].name",
            q("x env") + " must be an HTTP header name", r -> header(r).setName("x env")),
        reject("header match name with colon", "httproute.header-name", "spec.rules[0].matches[0].headers[0].name",
            q("x-env:"), r -> header(r).setName("x-env:")),
        reject("header match name missing", "httproute.header-name", "spec.rules[0].matches[0].headers[0].name",
            "required", r -> header(r).setName(null)),
        reject("header match name 257", "httproute.header-name", "spec.rules[0].matches[0].headers[0].name",
            "(it has 257)", r -> header(r).setName("h".repeat(257))),
        reject("set header name invalid", "httproute.header-name",
            "spec.rules[0].filters[0].requestHeaderModifier.set[0].name", q("x set"),
            r -> modifier(r).getSet().get(0).setName("x set")),
        reject("add header name missing", "httproute.header-name",
            "spec.rules[0].filters[0].requestHeaderModifier.add[0].name", "required",
            r -> modifier(r).getAdd().get(0).setName(null)),
        reject("header match value empty", "httproute.header-value", "spec.rules[0].matches[0].headers[0].value",
            q("") + " must not be empty", r -> header(r).setValue("")),
        reject("header match value missing", "httproute.header-value", "spec.rules[0].matches[0].headers[0].value",
            "required", r -> header(r).setValue(null)),
        reject("set header value 4097", "httproute.header-value",
            "spec.rules[0].filters[0].requestHeaderModifier.set[0].value", "(it has 4097)",
            r -> modifier(r).getSet().get(0).setValue("v".repeat(4097))),
        reject("add header value missing", "httproute.header-value",
            "spec.rules[0].filters[0].requestHeaderModifier.add[0].value", "required",
            r -> modifier(r).getAdd().get(0).setValue(null)),
        reject("header match twice", "httproute.header-duplicate", "spec.rules[0].matches[0].headers[1].name",
            q("x-env") + " is already listed at spec.rules[0].matches[0].headers[0]",
            r -> match(r, 0, 0).getHeaders().add(new HTTPHeaderMatch("x-env", "RegularExpression", "p.*"))),
        reject("set header twice", "httproute.header-duplicate",
            "spec.rules[0].filters[0].requestHeaderModifier.set[1].name", q("x-set"),
            r -> modifier(r).getSet().add(new HTTPHeader("x-set", "2"))),
        reject("removed header twice", "httproute.header-duplicate",
            "spec.rules[0].filters[0].requestHeaderModifier.remove[1]", q("x-remove"),
            r -> modifier(r).getRemove().add("x-remove")),
        // ---- httproute.query-param-name / query-param-value / query-param-duplicate
        reject("query param name with =", "httproute.query-param-name",
            "spec.rules[0].matches[0].queryParams[0].name", q("v=1"), r -> query(r).setName("v=1")),
        reject("query param name missing", "httproute.query-param-name",
            "spec.rules[0].matches[0].queryParams[0].name", "required", r -> query(r).setName(null)),
        reject("query param value 1025", "httproute.query-param-value",
            "spec.rules[0].matches[0].queryParams[0].value", "(it has 1025)", r -> query(r).setValue("v".repeat(1025))),
        reject("query param value empty", "httproute.query-param-value",
            "spec.rules[0].matches[0].queryParams[0].value", "must not be empty", r -> query(r).setValue("")),
        reject("query param twice", "httproute.query-param-duplicate",
            "spec.rules[0].matches[0].queryParams[1].name", q("version"),
            r -> match(r, 0, 0).getQueryParams().add(new HTTPQueryParamMatch("version", null, "3"))),
        // ---- httproute.match-type
        reject("header match type lowercase", "httproute.match-type", "spec.rules[0].matches[0].headers[0].type",
            q("exact") + " is not supported; use " + q("Exact") + " or " + q("RegularExpression"),
            r -> header(r).setType("exact")),
        reject("query param match type Prefix", "httproute.match-type",
            "spec.rules[0].matches[0].queryParams[0].type", q("Prefix"), r -> query(r).setType("Prefix")),
        // ---- httproute.method
        reject("method lowercase", "httproute.method", "spec.rules[0].matches[0].method", "try " + q("GET"),
            r -> match(r, 0, 0).setMethod("get")),
        reject("method unknown", "httproute.method", "spec.rules[0].matches[0].method", q("FETCH"),
            r -> match(r, 0, 0).setMethod("FETCH")),
        // ---- httproute.service-port-required (CEL "Must have port for Service reference")
        reject("backendRef without port", "httproute.service-port-required", "spec.rules[0].backendRefs[0].port",
            "is required for Service " + q("web"), r -> backend(r, 0, 0).setPort(null)),
        reject("explicit core Service without port", "httproute.service-port-required",
            "spec.rules[1].backendRefs[0].port", q("web"), r -> {
              backend(r, 1, 0).setGroup("");
              backend(r, 1, 0).setKind("Service");
              backend(r, 1, 0).setPort(null);
            }),
        reject("mirror backend without port", "httproute.service-port-required",
            "spec.rules[0].filters[1].requestMirror.backendRef.port", q("web-shadow"),
            r -> addMirror(r).getBackendRef().setPort(null)),
        // ---- httproute.weight
        reject("weight -1", "httproute.weight", "spec.rules[0].backendRefs[1].weight", "-1 must be from 0 to 1000000",
            r -> backend(r, 0, 1).setWeight(-1)),
        reject("weight 1000001", "httproute.weight", "spec.rules[0].backendRefs[0].weight", "1000001",
            r -> backend(r, 0, 0).setWeight(1_000_001)),
        // ---- httproute.filter-type
        reject("filter type missing", "httproute.filter-type", "spec.rules[0].filters[0].type", "required",
            r -> filter(r, 0, 0).setType(null)),
        reject("filter type misspelt", "httproute.filter-type", "spec.rules[0].filters[0].type",
            q("RequestHeaderModifer") + " is not supported", r -> filter(r, 0, 0).setType("RequestHeaderModifer")),
        reject("filter type case", "httproute.filter-type", "spec.rules[1].filters[0].type", "try " + q("URLRewrite"),
            r -> filter(r, 1, 0).setType("UrlRewrite")),
        reject("filter type CORS without its configuration", "httproute.filter-config",
            "spec.rules[0].filters[0].cors", "is required when type is " + q("CORS"), r -> filter(r, 0, 0).setType("CORS")),
        // ---- httproute.filter-config (12 CEL rules)
        reject("config of another type", "httproute.filter-config",
            "spec.rules[0].filters[0].requestHeaderModifier", "must not be set when type is " + q("ResponseHeaderModifier"),
            r -> filter(r, 0, 0).setType("ResponseHeaderModifier")),
        reject("config of the type missing", "httproute.filter-config",
            "spec.rules[0].filters[0].responseHeaderModifier", "is required when type is " + q("ResponseHeaderModifier"),
            r -> filter(r, 0, 0).setType("ResponseHeaderModifier")),
        reject("URLRewrite without urlRewrite", "httproute.filter-config", "spec.rules[1].filters[0].urlRewrite",
            "is required when type is " + q("URLRewrite"), r -> filter(r, 1, 0).setUrlRewrite(null)),
        reject("redirect config on a mirror", "httproute.filter-config", "spec.rules[2].filters[0].requestRedirect",
            "must not be set when type is " + q("RequestMirror"), r -> filter(r, 2, 0).setType("RequestMirror")),
        reject("ExtensionRef without extensionRef", "httproute.filter-config",
            "spec.rules[0].backendRefs[0].filters[0].extensionRef", "is required when type is " + q("ExtensionRef"),
            r -> backend(r, 0, 0).setFilters(list(new HTTPRouteFilterBuilder().withType("ExtensionRef").build()))),
        // ---- httproute.filter-repeated
        reject("RequestHeaderModifier twice", "httproute.filter-repeated", "spec.rules[0].filters[1].type",
            q("RequestHeaderModifier") + " is already listed at spec.rules[0].filters[0]",
            r -> rule(r, 0).getFilters().add(requestHeaders("x-other"))),
        reject("ResponseHeaderModifier twice", "httproute.filter-repeated", "spec.rules[0].filters[2].type",
            q("ResponseHeaderModifier"), r -> rule(r, 0).getFilters().addAll(list(responseHeaders(), responseHeaders()))),
        reject("URLRewrite twice", "httproute.filter-repeated", "spec.rules[1].filters[1].type", q("URLRewrite"),
            r -> rule(r, 1).getFilters().add(rewritePrefix("/newer"))),
        reject("RequestRedirect twice", "httproute.filter-repeated", "spec.rules[2].filters[1].type",
            q("RequestRedirect"), r -> rule(r, 2).getFilters().add(redirectTo("b.example.com"))),
        reject("backendRef filter repeated", "httproute.filter-repeated", "spec.rules[0].backendRefs[0].filters[1].type",
            q("RequestHeaderModifier"),
            r -> backend(r, 0, 0).setFilters(list(requestHeaders("a"), requestHeaders("b")))),
        // ---- httproute.redirect-and-rewrite
        reject("redirect after rewrite", "httproute.redirect-and-rewrite", "spec.rules[1].filters[1].type",
            q("RequestRedirect") + " cannot be combined with the URLRewrite filter at spec.rules[1].filters[0]",
            r -> rule(r, 1).getFilters().add(redirectTo("b.example.com"))),
        reject("rewrite after redirect", "httproute.redirect-and-rewrite", "spec.rules[2].filters[1].type",
            q("URLRewrite"), r -> rule(r, 2).getFilters().add(rewritePrefix("/x"))),
        // ---- httproute.redirect-with-backends
        reject("redirect with backendRefs", "httproute.redirect-with-backends",
            "spec.rules[2].filters[0].requestRedirect", "must not be used together with backendRefs (the rule has 1)",
            r -> rule(r, 2).getBackendRefs().add(service("web", 80))),
        // ---- httproute.replace-prefix-match (4 CEL rules)
        reject("rewrite prefix with two matches", "httproute.replace-prefix-match",
            "spec.rules[1].filters[0].urlRewrite.path.replacePrefixMatch", q("/new") + " needs the rule to have "
                + "exactly one match", r -> rule(r, 1).getMatches().add(prefix("/older"))),
        reject("rewrite prefix with Exact match", "httproute.replace-prefix-match",
            "spec.rules[1].filters[0].urlRewrite.path.replacePrefixMatch", "its match has path type " + q("Exact"),
            r -> path(r, 1, 0).setType("Exact")),
        reject("redirect prefix with Exact match", "httproute.replace-prefix-match",
            "spec.rules[2].filters[0].requestRedirect.path.replacePrefixMatch", q("/new-home"),
            r -> redirect(r).setPath(new HTTPPathModifier(null, "/new-home", "ReplacePrefixMatch"))),
        reject("backendRef rewrite prefix with two matches", "httproute.replace-prefix-match",
            "spec.rules[0].backendRefs[1].filters[0].urlRewrite.path.replacePrefixMatch", "the rule has 2 matches",
            r -> backend(r, 0, 1).setFilters(list(rewritePrefix("/v2")))),
        reject("backendRef redirect prefix with RegularExpression", "httproute.replace-prefix-match",
            "spec.rules[1].backendRefs[0].filters[0].requestRedirect.path.replacePrefixMatch",
            "path type " + q("RegularExpression"), r -> {
              rule(r, 1).setFilters(list());
              path(r, 1, 0).setType("RegularExpression");
              backend(r, 1, 0).setFilters(list(new HTTPRouteFilterBuilder().withType("RequestRedirect")
                  .withNewRequestRedirect().withPath(new HTTPPathModifier(null, "/x", "ReplacePrefixMatch"))
                  .endRequestRedirect().build()));
            }),
        // ---- httproute.precise-hostname
        reject("redirect hostname wildcard", "httproute.precise-hostname",
            "spec.rules[2].filters[0].requestRedirect.hostname", q("*.example.com") + " must be a precise hostname",
            r -> redirect(r).setHostname("*.example.com")),
        reject("rewrite hostname uppercase", "httproute.precise-hostname", "spec.rules[1].filters[0].urlRewrite.hostname",
            "try " + q("www.example.com"), r -> filter(r, 1, 0).getUrlRewrite().setHostname("WWW.example.com")),
        // ---- httproute.redirect-scheme / redirect-status-code
        reject("redirect scheme uppercase", "httproute.redirect-scheme", "spec.rules[2].filters[0].requestRedirect.scheme",
            q("HTTPS") + " is not supported; use " + q("http") + " or " + q("https"),
            r -> redirect(r).setScheme("HTTPS")),
        reject("redirect scheme ftp", "httproute.redirect-scheme", "spec.rules[2].filters[0].requestRedirect.scheme",
            q("ftp"), r -> redirect(r).setScheme("ftp")),
        reject("redirect 304", "httproute.redirect-status-code", "spec.rules[2].filters[0].requestRedirect.statusCode",
            "304 is not supported; use 301, 302 (the default), 303, 307 or 308", r -> redirect(r).setStatusCode(304)),
        reject("redirect 300", "httproute.redirect-status-code", "spec.rules[2].filters[0].requestRedirect.statusCode",
            "300", r -> redirect(r).setStatusCode(300)),
        reject("redirect 309", "httproute.redirect-status-code", "spec.rules[2].filters[0].requestRedirect.statusCode",
            "309", r -> redirect(r).setStatusCode(309)),
        // ---- httproute.path-modifier-type / path-modifier
        reject("path modifier type missing", "httproute.path-modifier-type",
            "spec.rules[1].filters[0].urlRewrite.path.type", "required", r -> rewritePath(r).setType(null)),
        reject("path modifier type unknown", "httproute.path-modifier-type",
            "spec.rules[1].filters[0].urlRewrite.path.type", q("ReplacePrefix"),
            r -> rewritePath(r).setType("ReplacePrefix")),
        reject("ReplaceFullPath without replaceFullPath", "httproute.path-modifier",
            "spec.rules[1].filters[0].urlRewrite.path.replaceFullPath", "is required when type is " + q("ReplaceFullPath"),
            r -> rewritePath(r).setType("ReplaceFullPath")),
        reject("replacePrefixMatch with ReplaceFullPath", "httproute.path-modifier",
            "spec.rules[1].filters[0].urlRewrite.path.replacePrefixMatch",
            q("/new") + " may only be set when type is " + q("ReplacePrefixMatch"),
            r -> rewritePath(r).setType("ReplaceFullPath")),
        reject("replaceFullPath with ReplacePrefixMatch", "httproute.path-modifier",
            "spec.rules[2].filters[0].requestRedirect.path.replaceFullPath", q("/home"),
            r -> redirect(r).setPath(new HTTPPathModifier("/home", null, "ReplacePrefixMatch"))),
        reject("replaceFullPath 1025", "httproute.path-modifier",
            "spec.rules[2].filters[0].requestRedirect.path.replaceFullPath", "(it has 1025)",
            r -> redirect(r).setPath(new HTTPPathModifier("/" + "p".repeat(1024), null, "ReplaceFullPath"))),
        // ---- httproute.mirror-backend / mirror-fraction
        reject("mirror without backendRef", "httproute.mirror-backend", "spec.rules[0].filters[1].requestMirror.backendRef",
            "required", r -> addMirror(r).setBackendRef(null)),
        reject("mirror percent 101", "httproute.mirror-fraction", "spec.rules[0].filters[1].requestMirror.percent",
            "101 must be from 0 to 100", r -> addMirror(r).setPercent(101)),
        reject("mirror percent -1", "httproute.mirror-fraction", "spec.rules[0].filters[1].requestMirror.percent", "-1",
            r -> addMirror(r).setPercent(-1)),
        reject("mirror fraction above 1", "httproute.mirror-fraction",
            "spec.rules[0].filters[1].requestMirror.fraction.numerator",
            "3 must be less than or equal to the denominator 2",
            r -> addMirror(r).setFraction(new io.fabric8.kubernetes.api.model.gatewayapi.v1.Fraction(2, 3))),
        reject("mirror fraction above default denominator", "httproute.mirror-fraction",
            "spec.rules[0].filters[1].requestMirror.fraction.numerator", "101 must be less than or equal to the "
                + "denominator 100",
            r -> addMirror(r).setFraction(new io.fabric8.kubernetes.api.model.gatewayapi.v1.Fraction(null, 101))),
        reject("mirror fraction without numerator", "httproute.mirror-fraction",
            "spec.rules[0].filters[1].requestMirror.fraction.numerator", "required",
            r -> addMirror(r).setFraction(new io.fabric8.kubernetes.api.model.gatewayapi.v1.Fraction(10, null))),
        reject("mirror fraction negative numerator", "httproute.mirror-fraction",
            "spec.rules[0].filters[1].requestMirror.fraction.numerator", "-1 must be at least 0",
            r -> addMirror(r).setFraction(new io.fabric8.kubernetes.api.model.gatewayapi.v1.Fraction(10, -1))),
        reject("mirror fraction denominator 0", "httproute.mirror-fraction",
            "spec.rules[0].filters[1].requestMirror.fraction.denominator", "0 must be at least 1",
            r -> addMirror(r).setFraction(new io.fabric8.kubernetes.api.model.gatewayapi.v1.Fraction(0, 0))),
        reject("mirror percent and fraction", "httproute.mirror-fraction", "spec.rules[0].filters[1].requestMirror",
            "percent 10 and fraction 1/10 are both set", r -> {
              HTTPRequestMirrorFilter mirror = addMirror(r);
              mirror.setPercent(10);
              mirror.setFraction(new io.fabric8.kubernetes.api.model.gatewayapi.v1.Fraction(10, 1));
            }),
        // ---- httproute.timeout / timeout-order
        reject("timeout without unit", "httproute.timeout", "spec.rules[0].timeouts.request",
            q("10") + " must be a Gateway API duration", r -> timeouts(r, "10", null)),
        reject("timeout fraction", "httproute.timeout", "spec.rules[0].timeouts.request", q("1.5s"),
            r -> timeouts(r, "1.5s", null)),
        reject("timeout days", "httproute.timeout", "spec.rules[0].timeouts.backendRequest", q("1d"),
            r -> timeouts(r, null, "1d")),
        reject("timeout six digits", "httproute.timeout", "spec.rules[0].timeouts.request", q("100000s"),
            r -> timeouts(r, "100000s", null)),
        reject("timeout five parts", "httproute.timeout", "spec.rules[0].timeouts.request", q("1h1m1s1ms1h"),
            r -> timeouts(r, "1h1m1s1ms1h", null)),
        reject("timeout with space", "httproute.timeout", "spec.rules[0].timeouts.request", q("10 s"),
            r -> timeouts(r, "10 s", null)),
        reject("timeout microseconds", "httproute.timeout", "spec.rules[0].timeouts.backendRequest", q("10us"),
            r -> timeouts(r, "10s", "10us")),
        reject("backend timeout longer", "httproute.timeout-order", "spec.rules[0].timeouts.backendRequest",
            q("20s") + " is longer than the request timeout " + q("10s"), r -> timeouts(r, "10s", "20s")),
        reject("backend timeout longer in other units", "httproute.timeout-order",
            "spec.rules[0].timeouts.backendRequest", q("1h"), r -> timeouts(r, "59m59s999ms", "1h")),
        // ---- the CORS filter (standard since v1.5): httproute.cors-*
        reject("CORS origin with a path", "httproute.cors-origin", "spec.rules[0].filters[1].cors.allowOrigins[0]",
            q("https://shop.example.com/app") + " must be \"*\" or an origin", r -> cors(r).getAllowOrigins()
                .set(0, "https://shop.example.com/app")),
        reject("CORS origin without scheme", "httproute.cors-origin", "spec.rules[0].filters[1].cors.allowOrigins[0]",
            q("shop.example.com"), r -> cors(r).getAllowOrigins().set(0, "shop.example.com")),
        reject("CORS origin ftp", "httproute.cors-origin", "spec.rules[0].filters[1].cors.allowOrigins[1]",
            q("ftp://files.example.com"), r -> cors(r).getAllowOrigins().set(1, "ftp://files.example.com")),
        reject("CORS origin port of six digits", "httproute.cors-origin",
            "spec.rules[0].filters[1].cors.allowOrigins[0]", q("https://shop.example.com:443443"),
            r -> cors(r).getAllowOrigins().set(0, "https://shop.example.com:443443")),
        reject("CORS origin empty", "httproute.cors-origin", "spec.rules[0].filters[1].cors.allowOrigins[0]",
            "must not be empty", r -> cors(r).getAllowOrigins().set(0, "")),
        reject("CORS method lowercase", "httproute.cors-method", "spec.rules[0].filters[1].cors.allowMethods[1]",
            q("post") + " is not supported", r -> cors(r).getAllowMethods().set(1, "post")),
        reject("CORS header with a space", "httproute.cors-header", "spec.rules[0].filters[1].cors.allowHeaders[0]",
            q("x api key") + " must be an HTTP header name", r -> cors(r).getAllowHeaders().set(0, "x api key")),
        reject("CORS expose header with a colon", "httproute.cors-header",
            "spec.rules[0].filters[1].cors.exposeHeaders[0]", q("x-id:"), r -> cors(r).getExposeHeaders().set(0, "x-id:")),
        reject("CORS origin twice (a set)", "httproute.cors-duplicate", "spec.rules[0].filters[1].cors.allowOrigins[1]",
            q("https://shop.example.com") + " is already listed at spec.rules[0].filters[1].cors.allowOrigins[0]",
            r -> cors(r).getAllowOrigins().set(1, "https://shop.example.com")),
        reject("CORS method twice", "httproute.cors-duplicate", "spec.rules[0].filters[1].cors.allowMethods[1]",
            q("GET"), r -> cors(r).getAllowMethods().set(1, "GET")),
        reject("CORS '*' beside an origin", "httproute.cors-wildcard", "spec.rules[0].filters[1].cors.allowOrigins",
            "has \"*\" alongside other origins", r -> cors(r).getAllowOrigins().set(1, "*")),
        reject("CORS '*' beside a method", "httproute.cors-wildcard", "spec.rules[0].filters[1].cors.allowMethods",
            "alongside other methods", r -> cors(r).getAllowMethods().add("*")),
        reject("CORS '*' beside a header", "httproute.cors-wildcard", "spec.rules[0].filters[1].cors.allowHeaders",
            "alongside other headers", r -> cors(r).getAllowHeaders().add("*")),
        reject("CORS maxAge 0", "httproute.cors-max-age", "spec.rules[0].filters[1].cors.maxAge",
            "0 must be at least 1", r -> cors(r).setMaxAge(0)),
        reject("CORS 65 origins", "httproute.too-many", "spec.rules[0].filters[1].cors.allowOrigins",
            "65 origins given; at most 64", r -> cors(r).setAllowOrigins(times(65, i -> "https://o" + i + ".example.com"))),
        reject("CORS filter twice", "httproute.filter-repeated", "spec.rules[0].filters[2].type", q("CORS"),
            r -> {
              cors(r);
              cors(r);
            }),
        reject("CORS in a backendRef's filters, checked too", "httproute.cors-method",
            "spec.rules[0].backendRefs[0].filters[0].cors.allowMethods[0]", q("FETCH"),
            r -> backend(r, 0, 0).setFilters(list(new HTTPRouteFilterBuilder().withType("CORS")
                .withNewCors().withAllowMethods("FETCH").endCors().build()))),
        // ---- httproute.experimental: fields of the v1.5 experimental channel only are warnings
        warn("retry", "httproute.experimental", "spec.rules[0].retry", "retry is in Gateway API v1.5's experimental "
            + "channel only", r -> rule(r, 0).setRetry(new HTTPRouteRetryBuilder().withAttempts(3).build())),
        warn("sessionPersistence", "httproute.experimental", "spec.rules[1].sessionPersistence",
            "sessionPersistence is in Gateway API v1.5's experimental channel only",
            r -> rule(r, 1).setSessionPersistence(new SessionPersistenceBuilder().withType("Cookie").build())),
        warn("useDefaultGateways", "httproute.experimental", "spec.useDefaultGateways", "useDefaultGateways (" + q("All")
            + ") is in Gateway API v1.5's experimental channel only", r -> spec(r).setUseDefaultGateways("All")),
        warn("ExternalAuth filter type", "httproute.experimental", "spec.rules[0].filters[1].type",
            "filter type " + q("ExternalAuth") + " is in Gateway API v1.5's experimental channel only",
            r -> rule(r, 0).getFilters().add(new HTTPRouteFilterBuilder().withType("ExternalAuth")
                .withNewExternalAuth().withProtocol("HTTP").endExternalAuth().build())),
        warn("externalAuth configuration on another filter type", "httproute.experimental",
            "spec.rules[0].filters[0].externalAuth", "the externalAuth filter configuration is in Gateway API v1.5's "
                + "experimental channel only", r -> filter(r, 0, 0).setExternalAuth(
                    new HTTPExternalAuthFilterBuilder().withProtocol("GRPC").build())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<HTTPRoute> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(route(mutation)), rule, severity, path, text);
  }

  // ================================================================= near misses: accepted

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", r -> { }),
        ok("CORS filter (standard since v1.5.0)", r -> r.getSpec().getRules().get(0).getFilters().set(0,
            new io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilterBuilder().withType("CORS")
                .withNewCors().withAllowOrigins("https://shop.example.com").endCors().build())),
        ok("CORS filter with every field", HttpRouteRulesTest::cors),
        ok("CORS wildcards alone", r -> {
          HTTPCORSFilter cors = cors(r);
          cors.setAllowOrigins(list("*"));
          cors.setAllowMethods(list("*"));
          cors.setAllowHeaders(list("*"));
        }),
        ok("CORS origins: http, a wildcard host, a port of five digits, host '*'", r -> cors(r).setAllowOrigins(
            list("http://localhost", "https://*.shop.example.com", "https://a.example.com:65535", "https://*:8443"))),
        ok("CORS maxAge 1 and 9 methods", r -> {
          HTTPCORSFilter cors = cors(r);
          cors.setMaxAge(1);
          cors.setAllowMethods(list("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"));
        }),
        ok("CORS exposeHeaders may hold '*' beside others (no CEL rule for them)",
            r -> cors(r).setExposeHeaders(list("*", "x-request-id"))),
        // hostnames
        ok("wildcard hostname", r -> spec(r).setHostnames(list("*.example.com"))),
        ok("single-label hostname", r -> spec(r).setHostnames(list("localhost"))),
        ok("hostname 253", r -> spec(r).setHostnames(list("a".repeat(249) + ".com"))),
        ok("hostname label longer than 63 (no per-label limit)", r -> spec(r).setHostnames(list("a".repeat(70) + ".io"))),
        ok("16 hostnames", r -> spec(r).setHostnames(times(16, i -> "h" + i + ".example.com"))),
        ok("no hostnames", r -> spec(r).setHostnames(list())),
        // parentRefs
        ok("same parent, different sectionNames", r -> spec(r).getParentRefs().add(parentRef("gw", "http"))),
        ok("two parents without sectionName", r -> spec(r).setParentRefs(list(parentRef("gw", null),
            parentRef("gw-internal", null)))),
        ok("same name in another namespace", r -> {
          ParentReference other = parentRef("gw", "https");
          other.setNamespace("infra");
          spec(r).getParentRefs().add(other);
        }),
        ok("same name of another kind", r -> {
          ParentReference service = parentRef("gw", null);
          service.setKind("Service");
          service.setGroup("");
          spec(r).getParentRefs().add(service);
        }),
        ok("parentRef with port", r -> parent(r, 0).setPort(443)),
        ok("sectionName with dots", r -> parent(r, 0).setSectionName("https.v1")),
        ok("32 parentRefs", r -> spec(r).setParentRefs(times(32, i -> parentRef("gw" + i, null)))),
        // rules and matches
        ok("16 rules", r -> spec(r).setRules(times(16, i -> ruleWithMatches(1)))),
        ok("64 matches in a rule", r -> spec(r).getRules().set(0, ruleWithMatches(64))),
        ok("128 matches in all", r -> spec(r).setRules(list(ruleWithMatches(64), ruleWithMatches(64)))),
        ok("no rules (defaulted)", r -> spec(r).setRules(list())),
        ok("rule without matches (defaulted)", r -> rule(r, 0).setMatches(list())),
        ok("rule names distinct", r -> {
          rule(r, 0).setName("api");
          rule(r, 1).setName("legacy.old");
        }),
        // paths
        ok("path /", r -> pathMatch(r, "PathPrefix", "/")),
        ok("path with trailing slash", r -> pathMatch(r, "PathPrefix", "/api/")),
        ok("path with encoded space", r -> pathMatch(r, "PathPrefix", "/a%20b")),
        ok("path with sub-delims and tilde", r -> pathMatch(r, "Exact", "/~user/a;b=c,d:e@f!$&'()*+")),
        ok("path with dot segments inside names", r -> pathMatch(r, "PathPrefix", "/.well-known/a..b/.c")),
        ok("path 1024 characters", r -> pathMatch(r, "PathPrefix", "/" + "a".repeat(1023))),
        ok("encoded slash in a RegularExpression", r -> pathMatch(r, "RegularExpression", "/a%2Fb")),
        ok("regular expression with any characters", r -> pathMatch(r, "RegularExpression", "^/api/(v1|v2)/.*#?$")),
        ok("relative RegularExpression", r -> pathMatch(r, "RegularExpression", ".*\\.png")),
        ok("path value defaulted to /", r -> pathMatch(r, "Exact", null)),
        ok("path type defaulted to PathPrefix", r -> pathMatch(r, null, "/api")),
        ok("match without path", r -> match(r, 0, 0).setPath(null)),
        // headers, query params, method
        ok("header name with token characters", r -> header(r).setName("X-Custom_Header.v1!#$%&'*+^`|~")),
        ok("header names differing in case (list keys compare exactly)",
            r -> match(r, 0, 0).getHeaders().add(new HTTPHeaderMatch("X-Env", null, "prod"))),
        ok("header match RegularExpression", r -> {
          header(r).setType("RegularExpression");
          header(r).setValue("^prod|staging$");
        }),
        ok("header name 256", r -> header(r).setName("h".repeat(256))),
        ok("header value 4096", r -> header(r).setValue("v".repeat(4096))),
        ok("16 header matches", r -> match(r, 0, 0).setHeaders(times(16, i -> new HTTPHeaderMatch("h" + i, null, "v")))),
        ok("query param names differing in case",
            r -> match(r, 0, 0).getQueryParams().add(new HTTPQueryParamMatch("Version", "Exact", "3"))),
        ok("query param value 1024", r -> query(r).setValue("v".repeat(1024))),
        ok("method PATCH", r -> match(r, 0, 0).setMethod("PATCH")),
        ok("method CONNECT", r -> match(r, 0, 0).setMethod("CONNECT")),
        // backendRefs
        ok("weight 0", r -> backend(r, 0, 1).setWeight(0)),
        ok("weight 1000000", r -> backend(r, 0, 0).setWeight(1_000_000)),
        ok("weight defaulted", r -> backend(r, 0, 0).setWeight(null)),
        ok("ServiceImport without port", r -> {
          backend(r, 1, 0).setGroup("multicluster.x-k8s.io");
          backend(r, 1, 0).setKind("ServiceImport");
          backend(r, 1, 0).setPort(null);
        }),
        ok("custom backend kind in core group without port", r -> {
          backend(r, 1, 0).setKind("Backend");
          backend(r, 1, 0).setPort(null);
        }),
        ok("backendRef in another namespace", r -> backend(r, 0, 0).setNamespace("shop-canary")),
        ok("port 1 and 65535", r -> {
          backend(r, 0, 0).setPort(1);
          backend(r, 0, 1).setPort(65_535);
        }),
        ok("16 backendRefs", r -> rule(r, 0).setBackendRefs(times(16, i -> service("web" + i, 80)))),
        // filters
        ok("request and response header modifiers", r -> rule(r, 0).getFilters().add(responseHeaders())),
        ok("mirror repeated", r -> rule(r, 0).getFilters().addAll(list(mirror("a", 80), mirror("b", 80)))),
        ok("mirror percent 0 and 100", r -> {
          HTTPRouteFilter a = mirror("a", 80);
          HTTPRouteFilter b = mirror("b", 80);
          a.getRequestMirror().setPercent(0);
          b.getRequestMirror().setPercent(100);
          rule(r, 0).getFilters().addAll(list(a, b));
        }),
        ok("mirror fraction 1/1000", r -> addMirror(r).setFraction(
            new io.fabric8.kubernetes.api.model.gatewayapi.v1.Fraction(1000, 1))),
        ok("mirror fraction equal to default denominator", r -> addMirror(r).setFraction(
            new io.fabric8.kubernetes.api.model.gatewayapi.v1.Fraction(null, 100))),
        ok("mirror to a non-Service backend without port", r -> addMirror(r).setBackendRef(
            new BackendObjectReferenceBuilder().withGroup("example.com").withKind("Sink").withName("sink").build())),
        ok("extensionRef in the core group", r -> rule(r, 0).getFilters().add(extension("", "ConfigMap", "auth"))),
        ok("extensionRef repeated", r -> rule(r, 0).getFilters().addAll(list(extension("example.com", "Auth", "a"),
            extension("example.com", "Auth", "b")))),
        ok("redirect 302", r -> redirect(r).setStatusCode(302)),
        ok("redirect status defaulted", r -> redirect(r).setStatusCode(null)),
        ok("redirect 302", r -> redirect(r).setStatusCode(302)),
        ok("redirect 303 (standard since v1.4)", r -> redirect(r).setStatusCode(303)),
        ok("redirect 307 (standard since v1.4)", r -> redirect(r).setStatusCode(307)),
        ok("redirect 308 (standard since v1.4)", r -> redirect(r).setStatusCode(308)),
        ok("redirect scheme http and port", r -> {
          redirect(r).setScheme("http");
          redirect(r).setPort(8080);
        }),
        ok("redirect full path in an Exact rule", r -> redirect(r).setPath(
            new HTTPPathModifier("/home", null, "ReplaceFullPath"))),
        ok("rewrite full path with several matches", r -> {
          rewritePath(r).setType("ReplaceFullPath");
          rewritePath(r).setReplacePrefixMatch(null);
          rewritePath(r).setReplaceFullPath("/");
          rule(r, 1).getMatches().add(prefix("/older"));
        }),
        ok("rewrite prefix with the default match", r -> rule(r, 1).setMatches(list())),
        ok("rewrite prefix with a match without path", r -> match(r, 1, 0).setPath(null)),
        ok("rewrite prefix with a path without type", r -> path(r, 1, 0).setType(null)),
        ok("replacePrefixMatch empty", r -> rewritePath(r).setReplacePrefixMatch("")),
        ok("rewrite hostname only", r -> filter(r, 1, 0).getUrlRewrite().setPath(null)),
        ok("rewrite prefix in two backendRefs (exists_one does not fire)", r -> {
          rule(r, 0).getFilters().clear();
          backend(r, 0, 0).setFilters(list(rewritePrefix("/a")));
          backend(r, 0, 1).setFilters(list(rewritePrefix("/b")));
        }),
        ok("redirect without backendRefs and a header filter", r -> rule(r, 2).getFilters().add(requestHeaders("x"))),
        // timeouts
        ok("timeout 1h30m", r -> timeouts(r, "1h30m", "1h")),
        ok("timeout four parts", r -> timeouts(r, "1h1m1s1ms", "1h")),
        ok("timeout 99999h", r -> timeouts(r, "99999h", null)),
        ok("timeout in ms", r -> timeouts(r, "500ms", "250ms")),
        ok("backendRequest equal to request", r -> timeouts(r, "10s", "10s")),
        ok("backendRequest equal in other units", r -> timeouts(r, "1m", "60000ms")),
        ok("request 0s disables the check", r -> timeouts(r, "0s", "1h")),
        ok("backendRequest only", r -> timeouts(r, null, "1h")),
        ok("repeated unit adds up", r -> timeouts(r, "1m1m", "2m")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<HTTPRoute> mutation) {
    assertClean(check(route(mutation)));
  }

  // ================================================================= details

  /** The ids HTTPRoute reaches through the shared checks ({@link RuleIds}). */
  static final List<String> SHARED = List.of("spec", "hostname", "too-many", "ref-name", "ref-group", "ref-kind",
      "ref-namespace", "port", "section-name", "parent-ref-section-required", "parent-ref-duplicate", "rule-name",
      "rule-name-duplicate", "service-port-required", "weight", "experimental", "match-type", "header-name",
      "header-value", "header-duplicate", "filter-type", "filter-config", "filter-repeated", "mirror-backend",
      "mirror-fraction");

  static final List<String> RULE_IDS = Stream.concat(SHARED.stream().map(s -> "httproute." + s), Stream.of(
      "httproute.total-matches", "httproute.path-type", "httproute.path-value", "httproute.path-absolute",
      "httproute.path-segments", "httproute.path-encoded-slash", "httproute.path-fragment", "httproute.path-characters",
      "httproute.query-param-name", "httproute.query-param-value", "httproute.query-param-duplicate",
      "httproute.method", "httproute.redirect-and-rewrite", "httproute.redirect-with-backends",
      "httproute.replace-prefix-match", "httproute.precise-hostname", "httproute.redirect-scheme",
      "httproute.redirect-status-code", "httproute.path-modifier-type", "httproute.path-modifier",
      "httproute.cors-origin", "httproute.cors-method", "httproute.cors-header", "httproute.cors-duplicate",
      "httproute.cors-wildcard", "httproute.cors-max-age", "httproute.timeout", "httproute.timeout-order")).toList();

  @Test
  void everyRuleIdOfTheSourceIsListedAndExercised() {
    RuleIds.assertListedAndExercised("httproute", "HttpRouteRules.java", SHARED, RULE_IDS, rejected());
  }

  @Test
  void onlyExperimentalFeaturesAndRuleNameClashesAreWarnings() {
    Set<String> warnings = rejected().filter(a -> a.get()[2] == Severity.WARNING).map(a -> (String) a.get()[1])
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("httproute.experimental", "httproute.rule-name-duplicate"), warnings);
  }

  @Test
  void aClashingParentRefIsReportedOnce() {
    List<Finding> findings = check(route(r -> spec(r).getParentRefs().addAll(list(parentRef("gw", "https"),
        parentRef("gw", "https")))));
    assertEquals(2, findings.stream().filter(f -> f.rule().equals("httproute.parent-ref-duplicate")).count(),
        Fixtures.describe(findings));
  }

  @Test
  void eachPathRuleIsItsOwnFinding() {
    // "/a//b#c" breaks the '//' rule, the '#' rule and the character set, as the CRD's three CEL rules do
    List<Finding> findings = check(route(r -> pathMatch(r, "PathPrefix", "/a//b#c")));
    assertEquals(List.of("httproute.path-characters", "httproute.path-fragment", "httproute.path-segments"),
        findings.stream().map(Finding::rule).sorted().toList(), Fixtures.describe(findings));
  }

  @Test
  void aFilterOfTheWrongTypeReportsBothSides() {
    List<Finding> findings = check(route(r -> filter(r, 1, 0).setType("RequestRedirect")));
    Fixtures.find(findings, "httproute.filter-config", "spec.rules[1].filters[0].urlRewrite");
    Fixtures.find(findings, "httproute.filter-config", "spec.rules[1].filters[0].requestRedirect");
  }

  @Test
  void durationsAreAddedUpAsGoDoes() {
    assertEquals(5_400_000L, GatewayApiFormats.durationMillis("1h30m"));
    assertEquals(500L, GatewayApiFormats.durationMillis("500ms"));
    assertEquals(120_000L, GatewayApiFormats.durationMillis("1m1m"));
    assertEquals(3_661_001L, GatewayApiFormats.durationMillis("1h1m1s1ms"));
    assertEquals(0L, GatewayApiFormats.durationMillis("0s"));
    assertEquals(99_999L * 3_600_000L, GatewayApiFormats.durationMillis("99999h"));
    assertThrows(IllegalArgumentException.class, () -> GatewayApiFormats.durationMillis("1d"));
    assertThrows(IllegalArgumentException.class, () -> GatewayApiFormats.durationMillis(null));
  }

  @Test
  void theInputIsNotChanged() {
    HTTPRoute route = route(r -> {
      pathMatch(r, null, null);
      backend(r, 0, 0).setWeight(null);
      redirect(r).setStatusCode(null);
    });
    HTTPRoute before = new HTTPRouteBuilder(route).build();
    check(route);
    assertEquals(before, route);
  }
}
