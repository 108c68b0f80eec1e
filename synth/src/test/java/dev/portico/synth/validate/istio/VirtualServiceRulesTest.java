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
import io.fabric8.istio.api.api.networking.v1alpha3.CorsPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.Delegate;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPBody;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPBodyString;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPDirectResponse;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjection;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbort;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortGrpcStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortHttpStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayExponentialDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayFixedDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequestBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMirrorPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirect;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirectDerivePort;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirectPort;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirectRedirectPortSelection;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetry;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRewrite;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestinationBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.Headers;
import io.fabric8.istio.api.api.networking.v1alpha3.HeadersHeaderOperations;
import io.fabric8.istio.api.api.networking.v1alpha3.L4MatchAttributes;
import io.fabric8.istio.api.api.networking.v1alpha3.L4MatchAttributesBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;
import io.fabric8.istio.api.api.networking.v1alpha3.PortSelector;
import io.fabric8.istio.api.api.networking.v1alpha3.RegexRewrite;
import io.fabric8.istio.api.api.networking.v1alpha3.RouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.RouteDestinationBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.fabric8.istio.api.api.networking.v1alpha3.TCPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.TCPRouteBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSMatchAttributes;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSMatchAttributesBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSRouteBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link VirtualServiceRules}: a table of rejected single mutations of a valid baseline (rule id,
 * severity, exact path, a text of the message) and a table of accepted near misses. The rules class
 * runs alone; {@link Validator} adds cross-resource findings.
 */
class VirtualServiceRulesTest {
  private static final String H0 = "spec.http[0]";
  private static final String H1 = "spec.http[1]";
  private static final String H2 = "spec.http[2]";
  private static final String H3 = "spec.http[3]";
  private static final String H4 = "spec.http[4]";
  private static final String M0 = H0 + ".match[0]";
  private static final String TLS0 = "spec.tls[0]";
  private static final String TCP0 = "spec.tcp[0]";

  // ================================================================= the baseline

  /**
   * VirtualService/shop/reviews for hosts reviews and reviews.example.com, bound to the gateway
   * shop/shop-gateway and the mesh. http[0] "jason": header end-user=jason and uri prefix /reviews to
   * subset v2, with retries and a timeout; http[1] "moved": /old redirected to /reviews (301);
   * http[2] "health": /healthz answered 200 "ok"; http[3] "api": POST /api rewritten to / with CORS;
   * http[4] "canary" (no match): 90/10 between v1 and v3 with a delay and an abort, mirrored to
   * reviews-shadow, setting a header. tls[0]: SNI reviews.example.com to reviews:443; tcp[0]: port
   * 3306 to mysql.
   */
  static VirtualService virtualService() {
    return new VirtualServiceBuilder()
        .withNewMetadata().withName("reviews").withNamespace("shop").endMetadata()
        .withNewSpec()
        .withHosts("reviews", "reviews.example.com")
        .withGateways("shop/shop-gateway", "mesh")
        .addToHttp(new HTTPRouteBuilder().withName("jason")
            .addToMatch(new HTTPMatchRequestBuilder().addToHeaders("end-user", exact("jason")).withUri(prefix("/reviews"))
                .build())
            .addToRoute(to("reviews", "v2", null))
            .withNewRetries().withAttempts(3).withPerTryTimeout("2s").withRetryOn("5xx,connect-failure,503").endRetries()
            .withTimeout("10s")
            .build())
        .addToHttp(new HTTPRouteBuilder().withName("moved")
            .addToMatch(new HTTPMatchRequestBuilder().withUri(exact("/old")).build())
            .withNewRedirect().withUri("/reviews").withRedirectCode(301L).endRedirect()
            .build())
        .addToHttp(new HTTPRouteBuilder().withName("health")
            .addToMatch(new HTTPMatchRequestBuilder().withUri(exact("/healthz")).build())
            .withNewDirectResponse().withStatus(200L).withNewBody().withNewHTTPBodyStringSpecifier("ok").endBody()
            .endDirectResponse()
            .build())
        .addToHttp(new HTTPRouteBuilder().withName("api")
            .addToMatch(new HTTPMatchRequestBuilder().withUri(prefix("/api")).withMethod(exact("POST")).build())
            .withNewRewrite().withUri("/").endRewrite()
            .addToRoute(to("reviews", "v1", null))
            .withNewCorsPolicy().withAllowOrigins(exact("https://shop.example.com")).withAllowMethods("GET", "POST")
            .withAllowHeaders("content-type").withMaxAge("24h").endCorsPolicy()
            .build())
        .addToHttp(new HTTPRouteBuilder().withName("canary")
            .addToRoute(to("reviews", "v1", 90), to("reviews", "v3", 10))
            .withNewFault()
            .withNewDelay().withNewHTTPFaultInjectionDelayFixedDelayHttpType("5s").withNewPercentage(10.0).endDelay()
            .withNewAbort().withNewHTTPFaultInjectionAbortHttpStatusErrorType(503).withNewPercentage(1.0).endAbort()
            .endFault()
            .withNewMirror().withHost("reviews-shadow").endMirror()
            .withNewMirrorPercentage(5.0)
            .withNewHeaders().withNewRequest().addToSet("x-canary", "true").endRequest().endHeaders()
            .build())
        .addToTls(new TLSRouteBuilder()
            .addToMatch(new TLSMatchAttributesBuilder().withSniHosts("reviews.example.com").withPort(443L).build())
            .addToRoute(new RouteDestinationBuilder().withNewDestination().withHost("reviews").withNewPort(443L)
                .endDestination().build())
            .build())
        .addToTcp(new TCPRouteBuilder()
            .addToMatch(new L4MatchAttributesBuilder().withPort(3306L).build())
            .addToRoute(new RouteDestinationBuilder().withNewDestination().withHost("mysql.db.svc.cluster.local")
                .withNewPort(3306L).endDestination().build())
            .build())
        .endSpec()
        .build();
  }

  static VirtualService virtualService(Consumer<VirtualService> mutation) {
    VirtualService virtualService = virtualService();
    mutation.accept(virtualService);
    return virtualService;
  }

  static List<Finding> check(VirtualService virtualService) {
    return IstioRuleTables.check(VirtualServiceRules::check, virtualService);
  }

  private static StringMatch exact(String value) {
    return new StringMatch(new StringMatchExact(value));
  }

  private static StringMatch prefix(String value) {
    return new StringMatch(new StringMatchPrefix(value));
  }

  private static StringMatch regex(String value) {
    return new StringMatch(new StringMatchRegex(value));
  }

  private static HTTPRouteDestination to(String host, String subset, Integer weight) {
    return new HTTPRouteDestinationBuilder().withNewDestination().withHost(host).withSubset(subset).endDestination()
        .withWeight(weight).build();
  }

  private static io.fabric8.istio.api.api.networking.v1alpha3.VirtualService spec(VirtualService v) {
    return v.getSpec();
  }

  private static HTTPRoute http(VirtualService v, int i) {
    return v.getSpec().getHttp().get(i);
  }

  private static HTTPMatchRequest match(VirtualService v, int i) {
    return http(v, i).getMatch().get(0);
  }

  private static Destination dest(VirtualService v, int i, int k) {
    return http(v, i).getRoute().get(k).getDestination();
  }

  private static HTTPRetry retries(VirtualService v) {
    return http(v, 0).getRetries();
  }

  private static HTTPRedirect redirect(VirtualService v) {
    return http(v, 1).getRedirect();
  }

  private static HTTPFaultInjection fault(VirtualService v) {
    return http(v, 4).getFault();
  }

  private static CorsPolicy cors(VirtualService v) {
    return http(v, 3).getCorsPolicy();
  }

  private static TLSMatchAttributes tlsMatch(VirtualService v) {
    return v.getSpec().getTls().get(0).getMatch().get(0);
  }

  private static L4MatchAttributes tcpMatch(VirtualService v) {
    return v.getSpec().getTcp().get(0).getMatch().get(0);
  }

  private static Map<String, String> requestSet(VirtualService v, int i) {
    HTTPRoute route = http(v, i);
    if (route.getHeaders() == null) {
      route.setHeaders(new Headers());
    }
    if (route.getHeaders().getRequest() == null) {
      route.getHeaders().setRequest(new HeadersHeaderOperations());
    }
    if (route.getHeaders().getRequest().getSet() == null) {
      route.getHeaders().getRequest().setSet(new LinkedHashMap<>());
    }
    return route.getHeaders().getRequest().getSet();
  }

  private static HeadersHeaderOperations response(VirtualService v, int i) {
    HTTPRoute route = http(v, i);
    route.getHeaders().setResponse(new HeadersHeaderOperations());
    return route.getHeaders().getResponse();
  }

  /** Turns the baseline into a delegate: no hosts, gateways, tls or tcp. */
  private static void delegate(VirtualService v) {
    spec(v).setHosts(new ArrayList<>());
    spec(v).setGateways(new ArrayList<>());
    spec(v).setTls(new ArrayList<>());
    spec(v).setTcp(new ArrayList<>());
  }

  private static void body(VirtualService v, int bytes) {
    http(v, 2).getDirectResponse().setBody(new HTTPBody(new HTTPBodyString("x".repeat(bytes))));
  }

  private static RouteDestination tcpTo(String host) {
    return new RouteDestination(new Destination(host, null, null), null);
  }

  // ================================================================= rejected inputs

  static Stream<Arguments> rejected() {
    return Stream.of(metadataAndHosts(), gateways(), httpActions(), matches(), headerOperations(), policies(),
        destinations(), tlsAndTcp(), analysis()).flatMap(s -> s);
  }

  private static Stream<Arguments> metadataAndHosts() {
    String long256 = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + "."
        + "e".repeat(11) + ".com";
    return Stream.<Arguments>of(
        reject("name uppercase", "metadata.name", "metadata.name", q("Reviews"),
            (VirtualService v) -> v.getMetadata().setName("Reviews")),
        reject("spec missing", "virtualservice.routes-required", "spec", "spec is required",
            (VirtualService v) -> v.setSpec(null)),
        // ---- hosts: ValidateWildcardDomain
        reject("host underscore", "virtualservice.host", "spec.hosts[0]", q("reviews_v1") + " has an invalid label",
            (VirtualService v) -> spec(v).getHosts().set(0, "reviews_v1")),
        reject("host wildcard in the middle", "virtualservice.host", "spec.hosts[1]",
            q("reviews.*.com") + " has a wildcard outside the first label",
            (VirtualService v) -> spec(v).getHosts().set(1, "reviews.*.com")),
        reject("host wildcard inside the first label", "virtualservice.host", "spec.hosts[1]",
            q("re*views.example.com") + " has an invalid first label",
            (VirtualService v) -> spec(v).getHosts().set(1, "re*views.example.com")),
        reject("host numeric top-level domain", "virtualservice.host", "spec.hosts[1]",
            q("reviews.123") + " has an all-numeric top-level domain", (VirtualService v) -> spec(v).getHosts().set(1,
                "reviews.123")),
        reject("host empty", "virtualservice.host", "spec.hosts[0]", q("") + " is empty",
            (VirtualService v) -> spec(v).getHosts().set(0, "")),
        reject("host empty label", "virtualservice.host", "spec.hosts[1]", q("reviews..example.com"),
            (VirtualService v) -> spec(v).getHosts().set(1, "reviews..example.com")),
        reject("host 256 characters", "virtualservice.host", "spec.hosts[1]", "longer than 255",
            (VirtualService v) -> spec(v).getHosts().set(1, long256)),
        reject("host label 64 characters", "virtualservice.host", "spec.hosts[1]", q("r".repeat(64)),
            (VirtualService v) -> spec(v).getHosts().set(1, "r".repeat(64) + ".example.com")),
        reject("host with port", "virtualservice.host", "spec.hosts[1]", q("reviews.example.com:443"),
            (VirtualService v) -> spec(v).getHosts().set(1, "reviews.example.com:443")),
        reject("host * bound to the mesh", "virtualservice.host-mesh-wildcard", "spec.hosts[0]", "\"*\" is not allowed",
            (VirtualService v) -> spec(v).setHosts(new ArrayList<>(List.of("*")))),
        reject("host * without gateways", "virtualservice.host-mesh-wildcard", "spec.hosts[0]", "mesh",
            (VirtualService v) -> {
              spec(v).setHosts(new ArrayList<>(List.of("*")));
              spec(v).setGateways(new ArrayList<>());
            }),
        reject("host listed twice", "virtualservice.host-duplicate", "spec.hosts[2]",
            q("reviews") + " is listed twice (also spec.hosts[0])", (VirtualService v) -> spec(v).getHosts().add("reviews")),
        reject("hosts overlap by wildcard", "virtualservice.host-duplicate", "spec.hosts[2]",
            q("*.example.com") + " overlaps spec.hosts[1] (" + q("reviews.example.com") + ")",
            (VirtualService v) -> spec(v).getHosts().add("*.example.com")),
        reject("hosts overlap by two wildcards", "virtualservice.host-duplicate", "spec.hosts[1]",
            q("*.com") + " overlaps spec.hosts[0]", (VirtualService v) -> spec(v).setHosts(
                new ArrayList<>(List.of("*.example.com", "*.com")))),
        // ---- a VirtualService without hosts is a delegate
        warn("no hosts", "virtualservice.hosts-delegate", "spec.hosts", "is a delegate", VirtualServiceRulesTest::delegate),
        reject("delegate with gateways", "virtualservice.delegate", "spec.gateways", q("shop/shop-gateway"),
            (VirtualService v) -> {
              delegate(v);
              spec(v).setGateways(new ArrayList<>(List.of("shop/shop-gateway")));
            }),
        reject("delegate with tls", "virtualservice.delegate", "spec.tls", "delegation supports http routes only",
            (VirtualService v) -> spec(v).setHosts(new ArrayList<>())),
        reject("delegate with tcp", "virtualservice.delegate", "spec.tcp", "delegation supports http routes only",
            (VirtualService v) -> spec(v).setHosts(new ArrayList<>())),
        reject("delegate route delegating", "virtualservice.delegate", H4 + ".delegate", "one level deep",
            (VirtualService v) -> {
              delegate(v);
              http(v, 4).setDelegate(new Delegate("reviews-canary", "shop"));
            }),
        reject("root route with route", "virtualservice.delegate", H0 + ".route", "must not be set on a route that "
            + "delegates", (VirtualService v) -> http(v, 0).setDelegate(new Delegate("reviews-v2", "shop"))),
        reject("root route with redirect", "virtualservice.delegate", H1 + ".redirect", "delegates",
            (VirtualService v) -> http(v, 1).setDelegate(new Delegate("moved", "shop"))),
        reject("no routes", "virtualservice.routes-required", "spec", "set http, tcp or tls", (VirtualService v) -> {
          spec(v).setHttp(new ArrayList<>());
          spec(v).setTls(new ArrayList<>());
          spec(v).setTcp(null);
        }),
        reject("null http route", "virtualservice.null-entry", "spec.http[5]", "is null",
            (VirtualService v) -> spec(v).getHttp().add(null)),
        reject("null tls match", "virtualservice.null-entry", TLS0 + ".match[1]", "is null",
            (VirtualService v) -> v.getSpec().getTls().get(0).getMatch().add(null)),
        reject("null mirror", "virtualservice.null-entry", H4 + ".mirrors[0]", "is null", (VirtualService v) -> {
          http(v, 4).setMirror(null);
          http(v, 4).getMirrors().add(null);
        }),
        reject("export to a bad namespace", "virtualservice.export-to", "spec.exportTo[0]", q("Shop_NS"),
            (VirtualService v) -> spec(v).setExportTo(new ArrayList<>(List.of("Shop_NS")))),
        reject("export to . and own namespace", "virtualservice.export-to", "spec.exportTo[1]",
            q("shop") + " is the object's own namespace", (VirtualService v) -> spec(v).setExportTo(
                new ArrayList<>(List.of(".", "shop")))),
        reject("export to the same namespace twice", "virtualservice.export-to", "spec.exportTo[1]",
            q("other") + " is listed twice", (VirtualService v) -> spec(v).setExportTo(
                new ArrayList<>(List.of("other", "other")))),
        reject("export to * and more", "virtualservice.export-to", "spec.exportTo", "mixes \"*\"",
            (VirtualService v) -> spec(v).setExportTo(new ArrayList<>(List.of("*", ".")))),
        reject("export to no one", "virtualservice.export-to", "spec.exportTo[0]", "only for ServiceEntries",
            (VirtualService v) -> spec(v).setExportTo(new ArrayList<>(List.of("~")))));
  }

  private static Stream<Arguments> gateways() {
    return Stream.<Arguments>of(
        reject("gateway name underscore", "virtualservice.gateway", "spec.gateways[0]",
            q("shop/shop_gateway") + " has an invalid Gateway name " + q("shop_gateway"),
            (VirtualService v) -> spec(v).getGateways().set(0, "shop/shop_gateway")),
        reject("gateway namespace invalid", "virtualservice.gateway", "spec.gateways[0]",
            "has an invalid namespace " + q("shop.prod"), (VirtualService v) -> spec(v).getGateways().set(0,
                "shop.prod/shop-gateway")),
        reject("gateway namespace empty", "virtualservice.gateway", "spec.gateways[0]", q("/shop-gateway")
            + " must name both", (VirtualService v) -> spec(v).getGateways().set(0, "/shop-gateway")),
        reject("gateway name empty", "virtualservice.gateway", "spec.gateways[0]", q("shop/"),
            (VirtualService v) -> spec(v).getGateways().set(0, "shop/")),
        reject("gateway without namespace invalid", "virtualservice.gateway", "spec.gateways[0]",
            q("shop_gateway") + " has an invalid label", (VirtualService v) -> spec(v).getGateways().set(0, "shop_gateway")),
        reject("gateway name empty string", "virtualservice.gateway", "spec.gateways[1]", q("") + " is empty",
            (VirtualService v) -> spec(v).getGateways().set(1, "")),
        reject("match gateway invalid", "virtualservice.gateway", M0 + ".gateways[0]", q("shop/Shop_GW"),
            (VirtualService v) -> match(v, 0).setGateways(new ArrayList<>(List.of("shop/Shop_GW")))),
        warn("gateway legacy form", "virtualservice.gateway-legacy", "spec.gateways[0]",
            q("shop-gateway.shop") + " uses the legacy", (VirtualService v) -> spec(v).getGateways().set(0,
                "shop-gateway.shop")),
        warn("gateway legacy suggestion", "virtualservice.gateway-legacy", "spec.gateways[0]",
            "try " + q("shop/shop-gateway"), (VirtualService v) -> spec(v).getGateways().set(0, "shop-gateway.shop")),
        reject("jwt claim route on the mesh", "virtualservice.jwt-claim-route",
            M0 + ".headers[@request.auth.claims.group]", q("@request.auth.claims.group"),
            (VirtualService v) -> match(v, 0).getHeaders().put("@request.auth.claims.group", exact("admin"))),
        reject("jwt claim route without gateways", "virtualservice.jwt-claim-route",
            M0 + ".withoutHeaders[@request.auth.claims[role]]", "ingress gateways", (VirtualService v) -> {
              spec(v).setGateways(new ArrayList<>());
              match(v, 0).getWithoutHeaders().put("@request.auth.claims[role]", exact("guest"));
            }));
  }

  private static Stream<Arguments> httpActions() {
    return Stream.<Arguments>of(
        reject("no route, redirect or direct response", "virtualservice.http-action", H4 + ".route", "is required",
            (VirtualService v) -> http(v, 4).setRoute(new ArrayList<>())),
        reject("redirect and route", "virtualservice.http-action", H1 + ".redirect", "cannot be combined with route",
            (VirtualService v) -> http(v, 1).getRoute().add(to("reviews", null, null))),
        reject("redirect and fault", "virtualservice.http-action", H1 + ".fault", "cannot be combined with redirect",
            (VirtualService v) -> http(v, 1).setFault(fault(v))),
        reject("redirect and rewrite", "virtualservice.http-action", H1 + ".rewrite", "cannot be combined with redirect",
            (VirtualService v) -> http(v, 1).setRewrite(new HTTPRewrite("reviews", "/", null))),
        reject("redirect and direct response", "virtualservice.http-action", H1 + ".directResponse",
            "cannot be combined with redirect", (VirtualService v) -> http(v, 1).setDirectResponse(
                http(v, 2).getDirectResponse())),
        reject("direct response and route", "virtualservice.http-action", H2 + ".directResponse",
            "cannot be combined with route", (VirtualService v) -> http(v, 2).getRoute().add(to("reviews", null, null))),
        reject("direct response and fault", "virtualservice.http-action", H2 + ".fault",
            "cannot be combined with directResponse", (VirtualService v) -> http(v, 2).setFault(fault(v))),
        reject("direct response and rewrite", "virtualservice.http-action", H2 + ".rewrite",
            "cannot be combined with directResponse", (VirtualService v) -> http(v, 2).setRewrite(
                new HTTPRewrite(null, "/", null))),
        reject("mirror and mirrors", "virtualservice.mirror-conflict", H4 + ".mirrors", "cannot be combined with mirror",
            (VirtualService v) -> http(v, 4).getMirrors().add(new HTTPMirrorPolicy(new Destination("audit", null, null),
                null))),
        // ---- redirect
        reject("redirect with nothing to change", "virtualservice.redirect", H1 + ".redirect",
            "must set uri, authority, scheme or port", (VirtualService v) -> redirect(v).setUri(null)),
        reject("redirect code 200", "virtualservice.redirect", H1 + ".redirect.redirectCode",
            "200 is not a redirect code", (VirtualService v) -> redirect(v).setRedirectCode(200L)),
        reject("redirect code 400", "virtualservice.redirect", H1 + ".redirect.redirectCode", "400",
            (VirtualService v) -> redirect(v).setRedirectCode(400L)),
        warn("redirect code 304", "virtualservice.redirect-code", H1 + ".redirect.redirectCode",
            "304 is accepted by Istio but not supported by Envoy", (VirtualService v) -> redirect(v).setRedirectCode(304L)),
        warn("redirect code 300", "virtualservice.redirect-code", H1 + ".redirect.redirectCode", "300",
            (VirtualService v) -> redirect(v).setRedirectCode(300L)),
        reject("redirect scheme ftp", "virtualservice.redirect", H1 + ".redirect.scheme",
            q("ftp") + " must be \"http\" or \"https\"", (VirtualService v) -> redirect(v).setScheme("ftp")),
        reject("redirect scheme upper case", "virtualservice.redirect", H1 + ".redirect.scheme", "try " + q("https"),
            (VirtualService v) -> redirect(v).setScheme("HTTPS")),
        reject("redirect port 70000", "virtualservice.port", H1 + ".redirect.port", "70000 must be a port number",
            (VirtualService v) -> redirect(v).setRedirectPort(new HTTPRedirectPort(70_000L))),
        // ---- direct response
        reject("direct response status 100", "virtualservice.direct-response", H2 + ".directResponse.status",
            "100 is not an HTTP status", (VirtualService v) -> http(v, 2).getDirectResponse().setStatus(100L)),
        reject("direct response status 601", "virtualservice.direct-response", H2 + ".directResponse.status", "601",
            (VirtualService v) -> http(v, 2).getDirectResponse().setStatus(601L)),
        reject("direct response status missing", "virtualservice.direct-response", H2 + ".directResponse.status",
            "0 is not an HTTP status", (VirtualService v) -> http(v, 2).getDirectResponse().setStatus(null)),
        reject("direct response body over 1 MiB", "virtualservice.direct-response", H2 + ".directResponse.body.string",
            "1048577 bytes is too large", (VirtualService v) -> body(v, 1024 * 1024 + 1)),
        warn("direct response body over 100 KiB", "virtualservice.direct-response-size",
            H2 + ".directResponse.body.string", "102401 bytes is large", (VirtualService v) -> body(v, 100 * 1024 + 1)),
        // ---- rewrite
        reject("rewrite uri and regex", "virtualservice.rewrite", H3 + ".rewrite", "sets both uri (" + q("/") + ")",
            (VirtualService v) -> http(v, 3).getRewrite().setUriRegexRewrite(new RegexRewrite("^/api(.*)", "\\1"))),
        reject("rewrite empty", "virtualservice.rewrite", H3 + ".rewrite", "must set uri, uriRegexRewrite or authority",
            (VirtualService v) -> http(v, 3).getRewrite().setUri("")),
        reject("regex rewrite without rewrite", "virtualservice.rewrite", H3 + ".rewrite.uriRegexRewrite",
            "must set both match", (VirtualService v) -> http(v, 3).setRewrite(new HTTPRewrite(null, null,
                new RegexRewrite("^/api(.*)", null)))),
        reject("regex rewrite invalid", "virtualservice.regex", H3 + ".rewrite.uriRegexRewrite.match",
            q("^/api(.*") + " is not a valid regular expression", (VirtualService v) -> http(v, 3).setRewrite(
                new HTTPRewrite(null, null, new RegexRewrite("^/api(.*", "/\\1")))),
        reject("authority rewritten twice", "virtualservice.authority-rewrite", H3 + ".headers.request.set[host]",
            "sets the authority to " + q("b.example.com") + ", but " + H3 + ".rewrite.authority already sets it to "
                + q("a.example.com"), (VirtualService v) -> {
                  http(v, 3).getRewrite().setAuthority("a.example.com");
                  requestSet(v, 3).put("host", "b.example.com");
                }),
        reject("authority set and added", "virtualservice.authority-rewrite", H4 + ".headers.request.add[:authority]",
            q("b.example.com"), (VirtualService v) -> {
              requestSet(v, 4).put("Host", "a.example.com");
              http(v, 4).getHeaders().getRequest().setAdd(new HashMap<>(Map.of(":authority", "b.example.com")));
            }));
  }

  private static Stream<Arguments> matches() {
    return Stream.<Arguments>of(
        reject("header name with a space", "virtualservice.header-name", M0 + ".headers[end user]",
            "header name " + q("end user") + " is not a valid header name", (VirtualService v) -> match(v, 0)
                .getHeaders().put("end user", exact("jason"))),
        reject("header name empty", "virtualservice.header-name", M0 + ".headers[]", "is empty",
            (VirtualService v) -> match(v, 0).getHeaders().put("", exact("x"))),
        reject("without-header name with a colon", "virtualservice.header-name", M0 + ".withoutHeaders[x:y]",
            q("x:y"), (VirtualService v) -> match(v, 0).getWithoutHeaders().put("x:y", exact("1"))),
        reject("header match null", "virtualservice.string-match", M0 + ".headers[end-user]", "must not be null",
            (VirtualService v) -> match(v, 0).getHeaders().put("end-user", null)),
        reject("header prefix empty", "virtualservice.string-match", M0 + ".headers[end-user].prefix",
            "an empty prefix", (VirtualService v) -> match(v, 0).getHeaders().put("end-user", prefix(""))),
        reject("method regex empty", "virtualservice.string-match", H3 + ".match[0].method.regex", "an empty regex",
            (VirtualService v) -> match(v, 3).setMethod(regex(""))),
        reject("query param prefix empty", "virtualservice.string-match", M0 + ".queryParams[page].prefix",
            "an empty prefix", (VirtualService v) -> match(v, 0).getQueryParams().put("page", prefix(""))),
        reject("authority prefix empty", "virtualservice.string-match", M0 + ".authority.prefix", "an empty prefix",
            (VirtualService v) -> match(v, 0).setAuthority(prefix(""))),
        reject("uri regex empty", "virtualservice.string-match", M0 + ".uri.regex", "an empty regex",
            (VirtualService v) -> match(v, 0).setUri(regex(""))),
        reject("uri regex unbalanced", "virtualservice.regex", M0 + ".uri.regex",
            q("^/reviews/(v[0-9]") + " is not a valid regular expression", (VirtualService v) -> match(v, 0).setUri(
                regex("^/reviews/(v[0-9]"))),
        reject("uri regex backreference", "virtualservice.regex", M0 + ".uri.regex", "backreference",
            (VirtualService v) -> match(v, 0).setUri(regex("^/(a+)/\\1"))),
        reject("uri regex lookahead", "virtualservice.regex", M0 + ".uri.regex", "lookaround",
            (VirtualService v) -> match(v, 0).setUri(regex("^/reviews(?!/admin)"))),
        reject("uri regex possessive", "virtualservice.regex", M0 + ".uri.regex", "possessive",
            (VirtualService v) -> match(v, 0).setUri(regex("^/a*+b"))),
        reject("uri regex repeat over 1000", "virtualservice.regex", M0 + ".uri.regex", "repeat count",
            (VirtualService v) -> match(v, 0).setUri(regex("a{1001}"))),
        reject("uri regex over 1024 characters", "virtualservice.regex", M0 + ".uri.regex", "longer than 1024",
            (VirtualService v) -> match(v, 0).setUri(regex("a".repeat(1025)))),
        reject("header regex invalid", "virtualservice.regex", M0 + ".headers[end-user].regex", q("[jason"),
            (VirtualService v) -> match(v, 0).getHeaders().put("end-user", regex("[jason"))),
        reject("without-header regex invalid", "virtualservice.regex", M0 + ".withoutHeaders[x-debug].regex",
            q("**"), (VirtualService v) -> match(v, 0).getWithoutHeaders().put("x-debug", regex("**"))),
        reject("match port 70000", "virtualservice.port", M0 + ".port", "70000 must be a port number from 1 to 65535",
            (VirtualService v) -> match(v, 0).setPort(70_000L)),
        reject("source label key invalid", "virtualservice.labels", M0 + ".sourceLabels[app name]",
            "label key " + q("app name"), (VirtualService v) -> match(v, 0).getSourceLabels().put("app name", "web")),
        reject("source label value invalid", "virtualservice.labels", M0 + ".sourceLabels[app]",
            "label value " + q("-web"), (VirtualService v) -> match(v, 0).getSourceLabels().put("app", "-web")),
        reject("source namespace invalid", "virtualservice.source-namespace", M0 + ".sourceNamespace",
            q("shop.prod") + " must be a namespace name", (VirtualService v) -> match(v, 0).setSourceNamespace(
                "shop.prod")));
  }

  private static Stream<Arguments> headerOperations() {
    return Stream.<Arguments>of(
        reject("set a pseudo-header", "virtualservice.header-name", H4 + ".headers.request.set[:path]",
            q(":path") + " is a pseudo-header", (VirtualService v) -> requestSet(v, 4).put(":path", "/x")),
        reject("set an empty header name", "virtualservice.header-name", H4 + ".headers.request.set[]", "is empty",
            (VirtualService v) -> requestSet(v, 4).put("", "x")),
        reject("remove host", "virtualservice.header-name", H4 + ".headers.request.remove[0]", q("Host"),
            (VirtualService v) -> http(v, 4).getHeaders().getRequest().setRemove(new ArrayList<>(List.of("Host")))),
        reject("set host on a response", "virtualservice.header-name", H4 + ".headers.response.set[host]",
            "requests", (VirtualService v) -> response(v, 4).setSet(new HashMap<>(Map.of("host", "x")))),
        reject("add a pseudo-header to a response", "virtualservice.header-name",
            H4 + ".headers.response.add[:status]", q(":status"), (VirtualService v) -> response(v, 4).setAdd(
                new HashMap<>(Map.of(":status", "200")))),
        reject("destination header pseudo", "virtualservice.header-name",
            H4 + ".route[0].headers.request.remove[0]", q(":method"), (VirtualService v) -> http(v, 4).getRoute().get(0)
                .setHeaders(new Headers(new HeadersHeaderOperations(null, new ArrayList<>(List.of(":method")), null),
                    null))),
        reject("header value with a lone %", "virtualservice.header-value", H4 + ".headers.request.set[x-canary]",
            "header value " + q("100%"), (VirtualService v) -> requestSet(v, 4).put("x-canary", "100%")),
        reject("header value with an unterminated variable", "virtualservice.header-value",
            H4 + ".headers.request.set[x-canary]", q("%START_TIME"), (VirtualService v) -> requestSet(v, 4).put(
                "x-canary", "%START_TIME")),
        reject("header value with a control character", "virtualservice.header-value",
            H4 + ".headers.request.set[x-canary]", "control character", (VirtualService v) -> requestSet(v, 4).put(
                "x-canary", "a\u0001b")),
        reject("header value with a bad argument list", "virtualservice.header-value",
            H4 + ".headers.request.set[x-canary]", "expects '\"'", (VirtualService v) -> requestSet(v, 4).put(
                "x-canary", "%REQ([x])%")));
  }

  private static Stream<Arguments> policies() {
    return Stream.<Arguments>of(
        // ---- retries
        reject("retry attempts negative", "virtualservice.retries", H0 + ".retries.attempts", "-1 must not be negative",
            (VirtualService v) -> retries(v).setAttempts(-1)),
        reject("retry attempts 0 with a policy", "virtualservice.retries", H0 + ".retries.attempts",
            "0, which disables retries, yet perTryTimeout, retryOn are set", (VirtualService v) -> retries(v)
                .setAttempts(0)),
        reject("retry attempts unset with perTryTimeout", "virtualservice.retries", H0 + ".retries.attempts",
            "is not set (0)", (VirtualService v) -> http(v, 0).setRetries(new HTTPRetry(null, null, "2s", null, null,
                null))),
        reject("retry attempts 0 with remote localities", "virtualservice.retries", H0 + ".retries.attempts",
            "retryRemoteLocalities is set", (VirtualService v) -> http(v, 0).setRetries(new HTTPRetry(0, null, null,
                null, null, true))),
        reject("retryOn unknown policy", "virtualservice.retry-on", H0 + ".retries.retryOn",
            q("timeout") + " in " + q("5xx,timeout"), (VirtualService v) -> retries(v).setRetryOn("5xx,timeout")),
        reject("retryOn with a space", "virtualservice.retry-on", H0 + ".retries.retryOn",
            q(" connect-failure") + " in", (VirtualService v) -> retries(v).setRetryOn("5xx, connect-failure")),
        reject("retryOn with a space suggestion", "virtualservice.retry-on", H0 + ".retries.retryOn",
            "try " + q("connect-failure"), (VirtualService v) -> retries(v).setRetryOn("5xx, connect-failure")),
        reject("retryOn upper case", "virtualservice.retry-on", H0 + ".retries.retryOn", "try " + q("5xx"),
            (VirtualService v) -> retries(v).setRetryOn("5XX")),
        reject("retryOn status 600", "virtualservice.retry-on", H0 + ".retries.retryOn", q("600"),
            (VirtualService v) -> retries(v).setRetryOn("600")),
        reject("retryOn status 306", "virtualservice.retry-on", H0 + ".retries.retryOn", q("306"),
            (VirtualService v) -> retries(v).setRetryOn("306")),
        reject("retryOn trailing comma", "virtualservice.retry-on", H0 + ".retries.retryOn", q("") + " in",
            (VirtualService v) -> retries(v).setRetryOn("5xx,")),
        // ---- durations
        reject("timeout below 1ms", "virtualservice.duration", H0 + ".timeout", q("0.5ms") + " must be at least 1ms",
            (VirtualService v) -> http(v, 0).setTimeout("0.5ms")),
        reject("timeout zero", "virtualservice.duration", H0 + ".timeout", q("0s") + " must be at least 1ms",
            (VirtualService v) -> http(v, 0).setTimeout("0s")),
        reject("timeout negative", "virtualservice.duration", H0 + ".timeout", q("-1s"),
            (VirtualService v) -> http(v, 0).setTimeout("-1s")),
        reject("timeout without unit", "virtualservice.duration", H0 + ".timeout", q("10") + " is not a duration",
            (VirtualService v) -> http(v, 0).setTimeout("10")),
        reject("timeout sub-millisecond precision", "virtualservice.duration", H0 + ".timeout",
            q("1.0005s") + " must be a whole number of milliseconds", (VirtualService v) -> http(v, 0).setTimeout(
                "1.0005s")),
        reject("timeout unknown unit", "virtualservice.duration", H0 + ".timeout", q("10sec"),
            (VirtualService v) -> http(v, 0).setTimeout("10sec")),
        reject("timeout empty", "virtualservice.duration", H0 + ".timeout", q(""),
            (VirtualService v) -> http(v, 0).setTimeout("")),
        reject("perTryTimeout with a space", "virtualservice.duration", H0 + ".retries.perTryTimeout", q("2 s"),
            (VirtualService v) -> retries(v).setPerTryTimeout("2 s")),
        reject("backoff too small", "virtualservice.duration", H0 + ".retries.backoff", q("100us"),
            (VirtualService v) -> retries(v).setBackoff("100us")),
        reject("fixed delay without unit", "virtualservice.duration", H4 + ".fault.delay.fixedDelay", q("5"),
            (VirtualService v) -> fault(v).getDelay().setHttpDelayType(new HTTPFaultInjectionDelayFixedDelay("5"))),
        reject("cors max age unparsable", "virtualservice.duration", H3 + ".corsPolicy.maxAge", q("one day"),
            (VirtualService v) -> cors(v).setMaxAge("one day")),
        // ---- fault injection
        reject("fault without abort or delay", "virtualservice.fault", H4 + ".fault", "must set abort, delay or both",
            (VirtualService v) -> http(v, 4).setFault(new HTTPFaultInjection())),
        reject("abort status 700", "virtualservice.fault", H4 + ".fault.abort.httpStatus",
            "700 is not an HTTP status from 200 to 599", (VirtualService v) -> fault(v).getAbort().setErrorType(
                new HTTPFaultInjectionAbortHttpStatus(700))),
        reject("abort status 199", "virtualservice.fault", H4 + ".fault.abort.httpStatus", "199",
            (VirtualService v) -> fault(v).getAbort().setErrorType(new HTTPFaultInjectionAbortHttpStatus(199))),
        reject("abort gRPC status unknown", "virtualservice.fault", H4 + ".fault.abort.grpcStatus",
            q("TIMEOUT") + " is not a gRPC status", (VirtualService v) -> fault(v).getAbort().setErrorType(
                new HTTPFaultInjectionAbortGrpcStatus("TIMEOUT"))),
        reject("abort gRPC status lower case", "virtualservice.fault", H4 + ".fault.abort.grpcStatus",
            "try " + q("UNAVAILABLE"), (VirtualService v) -> fault(v).getAbort().setErrorType(
                new HTTPFaultInjectionAbortGrpcStatus("unavailable"))),
        reject("exponential delay", "virtualservice.fault", H4 + ".fault.delay.exponentialDelay", "not supported",
            (VirtualService v) -> fault(v).getDelay().setHttpDelayType(
                new HTTPFaultInjectionDelayExponentialDelay("5s"))),
        warn("abort without error type", "virtualservice.fault-abort-type", H4 + ".fault.abort", "sets no error type",
            (VirtualService v) -> fault(v).getAbort().setErrorType(null)),
        reject("abort percentage over 100", "virtualservice.percentage", H4 + ".fault.abort.percentage.value",
            "101.0 must be 0 or a percentage", (VirtualService v) -> fault(v).getAbort().setPercentage(
                new Percent(101.0))),
        reject("delay percentage negative", "virtualservice.percentage", H4 + ".fault.delay.percentage.value", "-1.0",
            (VirtualService v) -> fault(v).getDelay().setPercentage(new Percent(-1.0))),
        reject("delay percentage too small", "virtualservice.percentage", H4 + ".fault.delay.percentage.value",
            "1.0E-5", (VirtualService v) -> fault(v).getDelay().setPercentage(new Percent(0.00001))),
        reject("mirror percentage over 100", "virtualservice.percentage", H4 + ".mirrorPercentage.value",
            "150.0 must be a percentage from 0 to 100", (VirtualService v) -> http(v, 4).setMirrorPercentage(
                new Percent(150.0))),
        reject("mirrors percentage negative", "virtualservice.percentage", H4 + ".mirrors[0].percentage.value",
            "-5.0", (VirtualService v) -> {
              http(v, 4).setMirror(null);
              http(v, 4).getMirrors().add(new HTTPMirrorPolicy(new Destination("audit", null, null), new Percent(-5.0)));
            }),
        reject("mirrorPercent over 100", "virtualservice.percentage", H4 + ".mirrorPercent", "101 must be from 0 to 100",
            (VirtualService v) -> http(v, 4).setMirrorPercent(101)),
        warn("mirrorPercent deprecated", "virtualservice.mirror-percent-deprecated", H4 + ".mirrorPercent",
            "use mirrorPercentage: {value: 50}", (VirtualService v) -> {
              http(v, 4).setMirrorPercentage(null);
              http(v, 4).setMirrorPercent(50);
            }),
        // ---- cors
        reject("cors origin empty", "virtualservice.cors", H3 + ".corsPolicy.allowOrigins[0]", "non-empty",
            (VirtualService v) -> cors(v).getAllowOrigins().set(0, exact(""))),
        reject("cors origin unset", "virtualservice.cors", H3 + ".corsPolicy.allowOrigins[0]", "non-empty",
            (VirtualService v) -> cors(v).getAllowOrigins().set(0, new StringMatch())),
        reject("cors origin regex invalid", "virtualservice.regex", H3 + ".corsPolicy.allowOrigins[0].regex",
            q("https://(shop"), (VirtualService v) -> cors(v).getAllowOrigins().set(0, regex("https://(shop"))),
        reject("cors method lower case", "virtualservice.cors", H3 + ".corsPolicy.allowMethods[1]",
            q("post") + " is not a supported HTTP method", (VirtualService v) -> cors(v).getAllowMethods().set(1, "post")),
        reject("cors method suggestion", "virtualservice.cors", H3 + ".corsPolicy.allowMethods[1]", "try " + q("POST"),
            (VirtualService v) -> cors(v).getAllowMethods().set(1, "post")),
        reject("cors allow header invalid", "virtualservice.cors", H3 + ".corsPolicy.allowHeaders[0]",
            q("content type"), (VirtualService v) -> cors(v).getAllowHeaders().set(0, "content type")),
        reject("cors expose header empty", "virtualservice.cors", H3 + ".corsPolicy.exposeHeaders[0]", "is empty",
            (VirtualService v) -> cors(v).setExposeHeaders(new ArrayList<>(List.of("")))),
        reject("cors max age fractional seconds", "virtualservice.cors", H3 + ".corsPolicy.maxAge",
            q("1.5s") + " must be a whole number of seconds", (VirtualService v) -> cors(v).setMaxAge("1.5s")));
  }

  private static Stream<Arguments> destinations() {
    return Stream.<Arguments>of(
        reject("destination missing", "virtualservice.destination", H0 + ".route[0].destination", "is required",
            (VirtualService v) -> http(v, 0).getRoute().get(0).setDestination(null)),
        reject("destination host *", "virtualservice.destination", H0 + ".route[0].destination.host",
            "\"*\" is not a destination", (VirtualService v) -> dest(v, 0, 0).setHost("*")),
        reject("destination host empty", "virtualservice.destination", H0 + ".route[0].destination.host",
            q("") + " is empty", (VirtualService v) -> dest(v, 0, 0).setHost(null)),
        reject("destination host invalid", "virtualservice.destination", H4 + ".route[1].destination.host",
            q("reviews_v3"), (VirtualService v) -> dest(v, 4, 1).setHost("reviews_v3")),
        reject("destination host with wildcard inside", "virtualservice.destination",
            H0 + ".route[0].destination.host", q("reviews.*.svc"), (VirtualService v) -> dest(v, 0, 0).setHost(
                "reviews.*.svc")),
        reject("mirror host invalid", "virtualservice.destination", H4 + ".mirror.host", q("reviews shadow"),
            (VirtualService v) -> http(v, 4).getMirror().setHost("reviews shadow")),
        reject("mirrors destination missing", "virtualservice.destination", H4 + ".mirrors[0].destination",
            "is required", (VirtualService v) -> {
              http(v, 4).setMirror(null);
              http(v, 4).getMirrors().add(new HTTPMirrorPolicy(null, null));
            }),
        reject("tls destination missing", "virtualservice.destination", TLS0 + ".route[0].destination", "is required",
            (VirtualService v) -> v.getSpec().getTls().get(0).getRoute().get(0).setDestination(null)),
        reject("subset with a dot", "virtualservice.subset", H0 + ".route[0].destination.subset",
            q("v2.1") + " must be a subset name", (VirtualService v) -> dest(v, 0, 0).setSubset("v2.1")),
        reject("subset suggestion", "virtualservice.subset", H0 + ".route[0].destination.subset", "try " + q("v2-1"),
            (VirtualService v) -> dest(v, 0, 0).setSubset("v2.1")),
        reject("subset 64 characters", "virtualservice.subset", H0 + ".route[0].destination.subset", q("v".repeat(64)),
            (VirtualService v) -> dest(v, 0, 0).setSubset("v".repeat(64))),
        reject("destination port 0", "virtualservice.port", H0 + ".route[0].destination.port.number",
            "0 must be a port number", (VirtualService v) -> dest(v, 0, 0).setPort(new PortSelector(0L))),
        reject("destination port empty", "virtualservice.port", H0 + ".route[0].destination.port.number", "0 must be",
            (VirtualService v) -> dest(v, 0, 0).setPort(new PortSelector())),
        reject("tcp destination port 65536", "virtualservice.port", TCP0 + ".route[0].destination.port.number",
            "65536", (VirtualService v) -> v.getSpec().getTcp().get(0).getRoute().get(0).getDestination()
                .setPort(new PortSelector(65_536L))),
        reject("weight negative", "virtualservice.weight", H4 + ".route[1].weight", "-10 must not be negative",
            (VirtualService v) -> http(v, 4).getRoute().get(1).setWeight(-10)),
        reject("weights all zero", "virtualservice.weight", H4 + ".route", "weights add up to 0", (VirtualService v) -> {
          http(v, 4).getRoute().get(0).setWeight(0);
          http(v, 4).getRoute().get(1).setWeight(null);
        }),
        reject("tcp weights all missing", "virtualservice.weight", TCP0 + ".route", "has 2 destinations",
            (VirtualService v) -> v.getSpec().getTcp().get(0).getRoute().add(tcpTo("mysql-replica"))),
        reject("tcp weight negative", "virtualservice.weight", TCP0 + ".route[0].weight", "-1",
            (VirtualService v) -> v.getSpec().getTcp().get(0).getRoute().get(0).setWeight(-1)));
  }

  private static Stream<Arguments> tlsAndTcp() {
    return Stream.<Arguments>of(
        reject("tls route without match", "virtualservice.tls-route", TLS0 + ".match", "is required",
            (VirtualService v) -> v.getSpec().getTls().get(0).setMatch(new ArrayList<>())),
        reject("tls match without SNI hosts", "virtualservice.tls-route", TLS0 + ".match[0].sniHosts", "is required",
            (VirtualService v) -> tlsMatch(v).setSniHosts(new ArrayList<>())),
        reject("tls route without destinations", "virtualservice.tls-route", TLS0 + ".route", "is required",
            (VirtualService v) -> v.getSpec().getTls().get(0).setRoute(new ArrayList<>())),
        reject("SNI host outside the hosts", "virtualservice.sni-host", TLS0 + ".match[0].sniHosts[0]",
            q("ratings.example.com") + " is not within any host", (VirtualService v) -> tlsMatch(v).getSniHosts().set(0,
                "ratings.example.com")),
        reject("SNI wildcard wider than the host", "virtualservice.sni-host", TLS0 + ".match[0].sniHosts[0]",
            q("*.example.com"), (VirtualService v) -> tlsMatch(v).getSniHosts().set(0, "*.example.com")),
        reject("SNI host invalid", "virtualservice.sni-host", TLS0 + ".match[0].sniHosts[0]", q("reviews_1.example.com"),
            (VirtualService v) -> tlsMatch(v).getSniHosts().set(0, "reviews_1.example.com")),
        warn("SNI host an IP", "virtualservice.sni-host-ip", TLS0 + ".match[0].sniHosts[0]", q("10.0.0.7"),
            (VirtualService v) -> tlsMatch(v).getSniHosts().set(0, "10.0.0.7")),
        reject("tls match port 0 is skipped, 65536 is not", "virtualservice.port", TLS0 + ".match[0].port", "65536",
            (VirtualService v) -> tlsMatch(v).setPort(65_536L)),
        reject("tls subnet invalid", "virtualservice.subnet", TLS0 + ".match[0].destinationSubnets[0]",
            q("10.0.0.0/33") + " is not a valid CIDR block", (VirtualService v) -> tlsMatch(v).setDestinationSubnets(
                new ArrayList<>(List.of("10.0.0.0/33")))),
        reject("tls source labels invalid", "virtualservice.labels", TLS0 + ".match[0].sourceLabels[-app]", q("-app"),
            (VirtualService v) -> tlsMatch(v).setSourceLabels(new HashMap<>(Map.of("-app", "web")))),
        reject("tls match gateway invalid", "virtualservice.gateway", TLS0 + ".match[0].gateways[0]", q("a/b/c"),
            (VirtualService v) -> tlsMatch(v).setGateways(new ArrayList<>(List.of("a/b/c")))),
        reject("tcp route without destinations", "virtualservice.tcp-route", TCP0 + ".route", "is required",
            (VirtualService v) -> v.getSpec().getTcp().get(0).setRoute(new ArrayList<>())),
        reject("tcp subnet octet over 255", "virtualservice.subnet", TCP0 + ".match[0].destinationSubnets[0]",
            q("300.1.1.1") + " is not a valid IP address", (VirtualService v) -> tcpMatch(v).setDestinationSubnets(
                new ArrayList<>(List.of("300.1.1.1")))),
        reject("tcp subnet leading zero", "virtualservice.subnet", TCP0 + ".match[0].destinationSubnets[0]",
            q("10.0.0.01"), (VirtualService v) -> tcpMatch(v).setDestinationSubnets(new ArrayList<>(
                List.of("10.0.0.01")))),
        reject("tcp subnet two slashes", "virtualservice.subnet", TCP0 + ".match[0].destinationSubnets[0]",
            q("10.0.0.0/8/8"), (VirtualService v) -> tcpMatch(v).setDestinationSubnets(new ArrayList<>(
                List.of("10.0.0.0/8/8")))),
        reject("tcp match port 70000", "virtualservice.port", TCP0 + ".match[0].port", "70000",
            (VirtualService v) -> tcpMatch(v).setPort(70_000L)),
        reject("null tcp match", "virtualservice.null-entry", TCP0 + ".match[1]", "is null",
            (VirtualService v) -> v.getSpec().getTcp().get(0).getMatch().add(null)),
        reject("null tcp destination", "virtualservice.null-entry", TCP0 + ".route[1]", "is null",
            (VirtualService v) -> v.getSpec().getTcp().get(0).getRoute().add(null)));
  }

  private static Stream<Arguments> analysis() {
    return Stream.<Arguments>of(
        warn("rule after a catch-all", "virtualservice.unreachable-rule", "spec.http[5]", "spec.http[4] has no matches",
            (VirtualService v) -> spec(v).getHttp().add(new HTTPRouteBuilder().addToMatch(new HTTPMatchRequestBuilder()
                .withUri(prefix("/late")).build()).addToRoute(to("reviews", null, null)).build())),
        warn("two catch-alls", "virtualservice.unreachable-rule", "spec.http[5]", "only the last rule may have no matches",
            (VirtualService v) -> spec(v).getHttp().add(new HTTPRouteBuilder().addToRoute(to("reviews", null, null))
                .build())),
        warn("rule with only earlier matches", "virtualservice.unreachable-rule", H3, "earlier rules have all its matches",
            (VirtualService v) -> http(v, 3).setMatch(new ArrayList<>(List.of(copy(match(v, 0)))))),
        warn("match identical to an earlier one", "virtualservice.ineffective-match", H3 + ".match[0]",
            "spec.http[0] has the same match first", (VirtualService v) -> http(v, 3).setMatch(
                new ArrayList<>(List.of(copy(match(v, 0)))))),
        warn("match identical but for its name", "virtualservice.ineffective-match", H3 + ".match[1]",
            "spec.http[1] has the same match first", (VirtualService v) -> {
              HTTPMatchRequest moved = copy(match(v, 1));
              moved.setName("again");
              http(v, 3).getMatch().add(moved);
            }),
        warn("prefix covered by an earlier prefix", "virtualservice.ineffective-match", H3 + ".match[0]",
            "uri prefix " + q("/reviews/v2") + " is covered by prefix " + q("/reviews"), (VirtualService v) -> http(v, 3)
                .setMatch(new ArrayList<>(List.of(new HTTPMatchRequestBuilder().withUri(prefix("/reviews/v2"))
                    .addToHeaders("end-user", exact("jason")).build())))),
        warn("tcp rule after a tcp catch-all", "virtualservice.unreachable-rule", "spec.tcp[1]",
            "spec.tcp[0] has no matches", (VirtualService v) -> {
              v.getSpec().getTcp().get(0).setMatch(new ArrayList<>());
              v.getSpec().getTcp().add(new TCPRouteBuilder().addToMatch(new L4MatchAttributesBuilder().withPort(3307L)
                  .build()).addToRoute(tcpTo("mysql")).build());
            }),
        warn("tls match repeated", "virtualservice.ineffective-match", "spec.tls[1].match[0]",
            "spec.tls[0] has the same match first", (VirtualService v) -> v.getSpec().getTls().add(
                new TLSRouteBuilder(v.getSpec().getTls().get(0)).build())));
  }

  private static HTTPMatchRequest copy(HTTPMatchRequest match) {
    return new HTTPMatchRequestBuilder(match).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<VirtualService> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(virtualService(mutation)), rule, severity, path, text);
  }

  // ================================================================= accepted near misses

  static Stream<Arguments> accepted() {
    return Stream.<Arguments>of(
        ok("baseline", (VirtualService v) -> { }),
        // hosts
        ok("upper-case host (Istio's labels allow it)", (VirtualService v) -> spec(v).getHosts().set(0, "Reviews")),
        ok("fully qualified host", (VirtualService v) -> spec(v).getHosts().set(0, "reviews.shop.svc.cluster.local")),
        ok("host with a trailing dot", (VirtualService v) -> {
          spec(v).getHosts().set(1, "reviews.example.com.");
          tlsMatch(v).getSniHosts().set(0, "reviews.example.com.");
        }),
        ok("wildcard host", (VirtualService v) -> spec(v).getHosts().set(1, "*.example.com")),
        ok("wildcard label prefix *foo", (VirtualService v) -> spec(v).getHosts().set(1, "*reviews.example.com")),
        ok("single numeric label (no top-level domain to check)", (VirtualService v) -> spec(v).getHosts().set(0, "123")),
        ok("IPv4 host", (VirtualService v) -> spec(v).getHosts().set(0, "10.0.0.7")),
        ok("IPv6 host", (VirtualService v) -> spec(v).getHosts().set(0, "2001:db8::7")),
        ok("host * on gateways only", (VirtualService v) -> {
          spec(v).setHosts(new ArrayList<>(List.of("*")));
          spec(v).setGateways(new ArrayList<>(List.of("shop/shop-gateway")));
        }),
        ok("disjoint wildcards", (VirtualService v) -> spec(v).setHosts(new ArrayList<>(List.of("*.example.com",
            "*.example.org", "reviews")))),
        ok("host 63-character label", (VirtualService v) -> spec(v).getHosts().set(0, "r".repeat(63))),
        // gateways
        ok("gateway in this namespace", (VirtualService v) -> spec(v).getGateways().set(0, "shop-gateway")),
        ok("mesh alone", (VirtualService v) -> spec(v).setGateways(new ArrayList<>(List.of("mesh")))),
        ok("gateway name with upper case (Istio's labels allow it)", (VirtualService v) -> spec(v).getGateways().set(0,
            "shop/Shop-Gateway")),
        ok("jwt claim route on a gateway", (VirtualService v) -> {
          spec(v).setGateways(new ArrayList<>(List.of("shop/shop-gateway")));
          spec(v).setHosts(new ArrayList<>(List.of("reviews.example.com")));
          match(v, 0).getHeaders().put("@request.auth.claims[group]", exact("admin"));
        }),
        // matches
        ok("header presence match {}", (VirtualService v) -> match(v, 0).getHeaders().put("x-debug", new StringMatch())),
        ok("header name with token characters", (VirtualService v) -> match(v, 0).getHeaders().put("x.custom_h~1",
            exact("1"))),
        ok("pseudo-header match", (VirtualService v) -> match(v, 0).getHeaders().put(":authority", exact("a.example"))),
        ok("upper-case header name", (VirtualService v) -> match(v, 0).getHeaders().put("X-User", exact("jason"))),
        ok("without-header regex * (presence)", (VirtualService v) -> match(v, 0).getWithoutHeaders().put("x-skip",
            regex("*"))),
        ok("uri prefix empty", (VirtualService v) -> match(v, 1).setUri(prefix(""))),
        ok("exact match empty", (VirtualService v) -> match(v, 0).getHeaders().put("x-empty", exact(""))),
        ok("regex with a named group (RE2 (?P<...>))", (VirtualService v) -> match(v, 0).setUri(
            regex("^/reviews/(?P<version>v[0-9]+)$"))),
        ok("regex with a literal brace", (VirtualService v) -> match(v, 0).setUri(regex("^/reviews/{id}$"))),
        ok("regex with a POSIX class", (VirtualService v) -> match(v, 0).setUri(regex("^/[[:alpha:]]+/[[:digit:]]{1,3}"))),
        ok("regex of 1024 characters", (VirtualService v) -> match(v, 0).setUri(regex("a".repeat(1024)))),
        ok("regex with a repeat of 1000", (VirtualService v) -> match(v, 0).setUri(regex("a{1,1000}"))),
        ok("regex with escaped backslash then digit", (VirtualService v) -> match(v, 0).setUri(regex("^/a\\\\1"))),
        ok("match port 65535", (VirtualService v) -> match(v, 0).setPort(65_535L)),
        ok("match port 0 (unset)", (VirtualService v) -> match(v, 0).setPort(0L)),
        ok("source labels with a prefix", (VirtualService v) -> match(v, 0).getSourceLabels().put(
            "app.kubernetes.io/name", "productpage")),
        ok("source label value 64 characters (Istio has no limit)", (VirtualService v) -> match(v, 0).getSourceLabels()
            .put("app", "a".repeat(64))),
        ok("source namespace", (VirtualService v) -> match(v, 0).setSourceNamespace("shop")),
        // header operations
        ok("header value with %% and variables", (VirtualService v) -> requestSet(v, 4).put("x-canary",
            "100%% at %HOSTNAME% from %REQ(x-user)% and %START_TIME(%s)%")),
        ok("header value with an argument list", (VirtualService v) -> requestSet(v, 4).put("x-canary",
            "%PER_REQUEST_STATE([\"a\", \"b\"])%")),
        ok("header value with a tab", (VirtualService v) -> requestSet(v, 4).put("x-canary", "a\tb")),
        ok("authority set once by header", (VirtualService v) -> requestSet(v, 4).put(":authority", "a.example.com")),
        ok("host set on a request", (VirtualService v) -> requestSet(v, 4).put("Host", "a.example.com")),
        ok("response header removed", (VirtualService v) -> response(v, 4).setRemove(new ArrayList<>(List.of(
            "server")))),
        // actions and policies
        ok("redirect with only a scheme", (VirtualService v) -> http(v, 1).setRedirect(new HTTPRedirect(null, null, null,
            "https", null))),
        ok("redirect with a derived port", (VirtualService v) -> http(v, 1).setRedirect(new HTTPRedirect(
            new HTTPRedirectDerivePort(HTTPRedirectRedirectPortSelection.FROM_REQUEST_PORT), null, null, null, null))),
        ok("redirect port 8443", (VirtualService v) -> redirect(v).setRedirectPort(new HTTPRedirectPort(8443L))),
        ok("redirect code 302", (VirtualService v) -> redirect(v).setRedirectCode(302L)),
        ok("redirect code 303", (VirtualService v) -> redirect(v).setRedirectCode(303L)),
        ok("redirect code 307", (VirtualService v) -> redirect(v).setRedirectCode(307L)),
        ok("redirect code 308", (VirtualService v) -> redirect(v).setRedirectCode(308L)),
        ok("redirect code unset (301)", (VirtualService v) -> redirect(v).setRedirectCode(null)),
        ok("direct response without body", (VirtualService v) -> http(v, 2).setDirectResponse(new HTTPDirectResponse(
            null, 204L))),
        ok("direct response status 600 (the check accepts 600)", (VirtualService v) -> http(v, 2).getDirectResponse()
            .setStatus(600L)),
        ok("direct response body of 100 KiB", (VirtualService v) -> body(v, 100 * 1024)),
        ok("rewrite authority only", (VirtualService v) -> http(v, 3).setRewrite(new HTTPRewrite("api.internal", null,
            null))),
        ok("regex rewrite", (VirtualService v) -> http(v, 3).setRewrite(new HTTPRewrite(null, null,
            new RegexRewrite("^/api/(.*)$", "/\\1")))),
        ok("retries attempts 0 alone", (VirtualService v) -> http(v, 0).setRetries(new HTTPRetry(0, null, null, null,
            null, null))),
        ok("retryOn status codes and gRPC policies", (VirtualService v) -> retries(v).setRetryOn(
            "retriable-status-codes,429,502,cancelled,deadline-exceeded,resource-exhausted,unavailable,internal")),
        ok("retryOn every Envoy policy", (VirtualService v) -> retries(v).setRetryOn(String.join(",",
            IstioFormats.RETRY_ON_POLICIES))),
        ok("retryOn with a signed code (Go's Atoi reads +503)", (VirtualService v) -> retries(v).setRetryOn("+503")),
        ok("durations 1ms, 1.5s, 1h30m", (VirtualService v) -> {
          http(v, 0).setTimeout("1h30m");
          retries(v).setPerTryTimeout("1.5s");
          retries(v).setBackoff("1ms");
        }),
        ok("duration .5s and 1000us", (VirtualService v) -> {
          http(v, 0).setTimeout(".5s");
          retries(v).setPerTryTimeout("1000us");
        }),
        ok("fault percentages 0, 0.0001 and 100", (VirtualService v) -> {
          fault(v).getAbort().setPercentage(new Percent(0.0));
          fault(v).getDelay().setPercentage(new Percent(100.0));
          http(v, 4).setMirrorPercentage(new Percent(0.0001));
        }),
        ok("abort status 200 and 599", (VirtualService v) -> fault(v).getAbort().setErrorType(
            new HTTPFaultInjectionAbortHttpStatus(599))),
        ok("abort gRPC status", (VirtualService v) -> fault(v).getAbort().setErrorType(
            new HTTPFaultInjectionAbortGrpcStatus("UNAVAILABLE"))),
        ok("delay only", (VirtualService v) -> fault(v).setAbort(null)),
        ok("mirrors instead of mirror", (VirtualService v) -> {
          http(v, 4).setMirror(null);
          http(v, 4).setMirrorPercentage(null);
          http(v, 4).getMirrors().add(new HTTPMirrorPolicy(new Destination("audit", null, null), new Percent(100.0)));
        }),
        ok("cors wildcards", (VirtualService v) -> {
          cors(v).setAllowMethods(new ArrayList<>(List.of("*")));
          cors(v).setAllowHeaders(new ArrayList<>(List.of("*")));
          cors(v).setMaxAge("86400s");
        }),
        ok("cors origin regex", (VirtualService v) -> cors(v).getAllowOrigins().set(0, regex("https://.*\\.example\\.com"))),
        // destinations and weights
        ok("subset with upper case (Istio's labels allow it)", (VirtualService v) -> dest(v, 0, 0).setSubset("V2")),
        ok("destination port 65535", (VirtualService v) -> dest(v, 0, 0).setPort(new PortSelector(65_535L))),
        ok("destination host wildcard", (VirtualService v) -> dest(v, 0, 0).setHost("*.reviews.example.com")),
        ok("single destination weight 0", (VirtualService v) -> http(v, 0).getRoute().get(0).setWeight(0)),
        ok("weights 100 and 0", (VirtualService v) -> {
          http(v, 4).getRoute().get(0).setWeight(100);
          http(v, 4).getRoute().get(1).setWeight(0);
        }),
        ok("weights not adding up to 100", (VirtualService v) -> {
          http(v, 4).getRoute().get(0).setWeight(3);
          http(v, 4).getRoute().get(1).setWeight(1);
        }),
        // tls and tcp
        ok("SNI host the wildcard host covers", (VirtualService v) -> {
          spec(v).getHosts().set(1, "*.example.com");
          tlsMatch(v).getSniHosts().set(0, "reviews.example.com");
        }),
        ok("tcp route without match", (VirtualService v) -> v.getSpec().getTcp().get(0).setMatch(new ArrayList<>())),
        ok("subnets IPv4, IPv6 and CIDR", (VirtualService v) -> tcpMatch(v).setDestinationSubnets(new ArrayList<>(
            List.of("10.0.0.0/8", "10.1.2.3", "2001:db8::/32", "::ffff:10.0.0.1")))),
        ok("export to ., another namespace", (VirtualService v) -> spec(v).setExportTo(new ArrayList<>(List.of(".",
            "other")))),
        ok("export to *", (VirtualService v) -> spec(v).setExportTo(new ArrayList<>(List.of("*")))),
        // analysis
        ok("longer prefix before shorter", (VirtualService v) -> http(v, 3).setMatch(new ArrayList<>(List.of(
            new HTTPMatchRequestBuilder().withUri(prefix("/reviews")).build())))),
        ok("same prefix, different header", (VirtualService v) -> http(v, 3).setMatch(new ArrayList<>(List.of(
            new HTTPMatchRequestBuilder().withUri(prefix("/reviews/v2")).addToHeaders("end-user", exact("mike"))
                .build())))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<VirtualService> mutation) {
    assertClean(check(virtualService(mutation)));
  }

  // ================================================================= details

  @Test
  void everyRuleIdHasARejectedCase() throws Exception {
    IstioRuleTables.assertEveryRuleRejected("VirtualServiceRules", rejected());
  }

  @Test
  void invalidHostsSkipTheOverlapCheck() {
    // upstream compares hosts only when all are valid
    List<Finding> findings = check(virtualService(v -> spec(v).setHosts(new ArrayList<>(List.of("a_b", "x", "x")))));
    assertTrue(findings.stream().noneMatch(f -> f.rule().equals("virtualservice.host-duplicate")),
        Fixtures.describe(findings));
  }

  @Test
  void everyBadRetryOnPolicyIsReported() {
    List<Finding> findings = check(virtualService(v -> retries(v).setRetryOn("5xx,foo,503,bar")));
    assertEquals(2, findings.size(), Fixtures.describe(findings));
  }

  @Test
  void nullsAreReportedNotThrown() {
    List<Finding> findings = check(virtualService(v -> {
      spec(v).getHosts().add(null);
      spec(v).getGateways().add(null);
      http(v, 0).getMatch().add(null);
      http(v, 0).getRoute().add(null);
      v.getSpec().getTls().add(null);
      v.getSpec().getTcp().add(null);
      spec(v).setExportTo(new ArrayList<>(java.util.Arrays.asList((String) null)));
    }));
    Fixtures.find(findings, "virtualservice.host", "spec.hosts[2]");
    Fixtures.find(findings, "virtualservice.gateway", "spec.gateways[2]");
    Fixtures.find(findings, "virtualservice.null-entry", H0 + ".route[1]");
  }

  @Test
  void hollowInputIsReportedNotThrown() {
    // every field, list element and map value in turn null, {}, [] or ""
    assertTrue(IstioRuleTables.assertNoThrowOnHollowInput(virtualService(), VirtualService.class,
        VirtualServiceRules::check) > 40);
  }

  @Test
  void theInputIsNotChanged() {
    VirtualService virtualService = virtualService();
    VirtualService before = new VirtualServiceBuilder(virtualService).build();
    check(virtualService);
    assertEquals(before, virtualService);
  }
}
