package dev.portico.dsl.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.App;
import dev.portico.dsl.DestinationPolicy;
import dev.portico.dsl.DestinationPolicy.ConnectionPool;
import dev.portico.dsl.DestinationPolicy.OutlierDetection;
import dev.portico.dsl.Fault;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.LoadBalancer;
import dev.portico.dsl.Mesh;
import dev.portico.dsl.Peer;
import dev.portico.dsl.MeshMatch;
import dev.portico.dsl.MeshModel;
import dev.portico.dsl.MeshRoute;
import dev.portico.dsl.MeshRule;
import dev.portico.dsl.MeshTelemetry;
import dev.portico.dsl.MtlsMode;
import dev.portico.dsl.Port;
import dev.portico.dsl.RateLimit;
import dev.portico.dsl.Retries;
import dev.portico.dsl.Service;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.StackModel;
import dev.portico.dsl.Subset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The service-mesh DSL as a user sees it (this package is outside dev.portico.dsl, like user code):
 * subsets, routes and the order of their rules, destination policies, hosts outside the mesh,
 * mutual TLS, who may call whom, rate limits and telemetry, as they land in the frozen
 * {@link MeshModel}; the value types are immutable, and nothing can be declared once define() returned.
 */
class MeshTest {
  static final Port HTTP = Port.http(9080);

  private static StackModel define(Consumer<Stack> body) {
    return Stack.define(new StackDefinition() {
      @Override
      public String name() {
        return "bookinfo";
      }

      @Override
      public void define(Stack stack) {
        body.accept(stack);
      }
    }, "default", Map.of());
  }

  /** The line this is called from. */
  static int here() {
    return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst().orElseThrow()).getLineNumber();
  }

  /** reviews-v1/v2 (app: reviews, version: v1/v2), ratings; Services reviews and ratings. */
  record Bookinfo(App reviewsV1, App reviewsV2, App ratings, Service reviews, Service ratingsService) {
    static Bookinfo declare(Stack stack) {
      App v1 = stack.app("reviews-v1", a -> a.selector("app", "reviews").label("version", "v1").ports(HTTP));
      App v2 = stack.app("reviews-v2", a -> a.selector("app", "reviews").label("version", "v2").ports(HTTP));
      App ratings = stack.app("ratings", HTTP);
      Service reviews = stack.service("reviews", v1, s -> s.port(9080, HTTP));
      return new Bookinfo(v1, v2, ratings, reviews, stack.expose(ratings));
    }
  }

  // ============================================================================ the mesh of a stack

  @Test
  void aStackWithoutMeshDeclarationsHasAnEmptyMesh() {
    StackModel model = define(stack -> stack.expose(stack.app("web", HTTP)));
    assertTrue(model.mesh().isEmpty());
    assertEquals(Mesh.DEFAULT_ISTIO_VERSION, model.mesh().istioVersion());
    assertTrue(model.access().isEmpty());
    assertFalse(model.hasMesh());
  }

  @Test
  void theMeshIsTheStacksOneAndItsNamespace() {
    Mesh[] meshes = new Mesh[2];
    define(stack -> {
      meshes[0] = stack.mesh();
      meshes[1] = stack.mesh();
      assertEquals(stack.namespace(), stack.mesh().namespace());
    });
    assertSame(meshes[0], meshes[1]);
  }

  @Test
  void anyOneDeclarationMakesTheMeshNonEmpty() {
    List<Consumer<Stack>> declarations = List.of(
        stack -> stack.mesh().subset(Bookinfo.declare(stack).reviews(), "v1"),
        stack -> {
          Bookinfo b = Bookinfo.declare(stack);
          stack.mesh().route(b.reviews(), r -> r.to(b.reviews()));
        },
        stack -> stack.mesh().policy(Bookinfo.declare(stack).reviews(), p -> p.istioMutualTls()),
        stack -> stack.mesh().external("payments", "api.payments.example.com", Port.https(443)),
        stack -> stack.mesh().mtls(MtlsMode.STRICT),
        stack -> stack.mesh().rateLimit(Bookinfo.declare(stack).ratings(), RateLimit.of(10)),
        stack -> stack.mesh().telemetry(t -> t.accessLogging(true)));
    for (int i = 0; i < declarations.size(); i++) {
      assertFalse(define(declarations.get(i)).mesh().isEmpty(), "declaration " + i);
    }
  }

  // ============================================================================ subsets

  @Test
  void subsetsDefaultToTheVersionLabelAndKeepTheirServiceAndLine() {
    Subset[] declared = new Subset[2];
    int[] line = new int[1];
    StackModel model = define(stack -> {
      Bookinfo b = Bookinfo.declare(stack);
      line[0] = here(); declared[0] = stack.mesh().subset(b.reviews(), "v1");
      declared[1] = stack.mesh().subset(b.reviews(), "canary", Map.of("version", "v2", "track", "canary"));
    });
    Subset v1 = declared[0];
    assertEquals("v1", v1.name());
    assertEquals(Map.of("version", "v1"), v1.labels());
    assertEquals("reviews", v1.service().name());
    assertEquals("reviews/v1", v1.toString());
    assertEquals("MeshTest.java", v1.location().file());
    assertEquals(line[0], v1.location().line());
    assertEquals(List.of("track", "version"), new ArrayList<>(declared[1].labels().keySet()), "sorted by key");
    assertEquals(List.of(declared[0], declared[1]), model.mesh().subsets(), "in declaration order");
    assertThrows(UnsupportedOperationException.class, () -> v1.labels().put("x", "y"));
  }

  @Test
  void subsetLabelsAreCopied() {
    Map<String, String> labels = new java.util.HashMap<>(Map.of("version", "v2"));
    Subset[] subset = new Subset[1];
    define(stack -> subset[0] = stack.mesh().subset(Bookinfo.declare(stack).reviews(), "v2", labels));
    labels.put("version", "v9");
    assertEquals(Map.of("version", "v2"), subset[0].labels());
  }

  @Test
  void podLabelsBeyondTheSelectorAreTheAppsLabels() {
    StackModel model = define(Bookinfo::declare);
    App v2 = model.apps().get(1);
    assertEquals(Map.of("app", "reviews"), v2.selector());
    assertEquals(Map.of("app", "reviews", "version", "v2"), v2.labels());
    App ratings = model.apps().get(2);
    assertEquals(ratings.selector(), ratings.labels(), "no extra labels: the selector's");
    assertThrows(UnsupportedOperationException.class, () -> v2.labels().put("x", "y"));
  }

  @Test
  void theSelectorWinsOverALabelOfTheSameKey() {
    StackModel model = define(stack -> stack.app("web", a -> a.label("app", "other").selector("app", "web")));
    assertEquals("web", model.apps().get(0).labels().get("app"));
  }

  // ============================================================================ routes

  @Test
  void aSplitIsTheDefaultRuleWithWeightedSubsets() {
    StackModel model = define(stack -> {
      Bookinfo b = Bookinfo.declare(stack);
      Subset v1 = stack.mesh().subset(b.reviews(), "v1");
      Subset v2 = stack.mesh().subset(b.reviews(), "v2");
      stack.mesh().route(b.reviews(), r -> r.to(v1, 90).to(v2, 10)
          .timeout(Duration.ofSeconds(10))
          .retries(Retries.of(3).perTry(Duration.ofSeconds(2)).on("5xx", "reset")));
    });
    MeshRoute route = model.mesh().routes().get(0);
    assertEquals("reviews", route.service().name());
    assertEquals(1, route.rules().size());
    MeshRule rule = route.rules().get(0);
    assertTrue(rule.match().isEmpty(), "the default rule takes every request");
    assertEquals(List.of("v1@90", "v2@10"), rule.destinations().stream()
        .map(d -> d.subset().name() + "@" + d.weight()).toList());
    assertTrue(rule.destinations().stream().allMatch(d -> d.service().name().equals("reviews")));
    assertEquals(Duration.ofSeconds(10), rule.timeout().orElseThrow());
    Retries retries = rule.retries().orElseThrow();
    assertEquals(3, retries.attempts());
    assertEquals(Duration.ofSeconds(2), retries.perTryTimeout().orElseThrow());
    assertEquals(List.of("5xx", "reset"), retries.retryOn());
  }

  @Test
  void matchedRulesComeFirstInDeclarationOrderThenTheDefault() {
    int[] lines = new int[4];
    StackModel model = define(stack -> {
      Bookinfo b = Bookinfo.declare(stack);
      Subset v1 = stack.mesh().subset(b.reviews(), "v1");
      Subset v2 = stack.mesh().subset(b.reviews(), "v2");
      lines[0] = here(); stack.mesh().route(b.reviews(), r -> {
        lines[1] = here(); r.to(v1);                 // the default rule, declared first
        lines[2] = here(); r.when(MeshMatch.header("end-user", "jason"), rule -> rule.to(v2));
        lines[3] = here(); r.when(MeshMatch.uriPrefix("/beta"), rule -> rule.to(v2).timeout(Duration.ofSeconds(1)));
        r.timeout(Duration.ofSeconds(5));            // still the default rule
      });
    });
    MeshRoute route = model.mesh().routes().get(0);
    assertEquals(3, route.rules().size());
    assertEquals(Map.of("end-user", "jason"), route.rules().get(0).match().orElseThrow().headers());
    assertEquals("/beta", route.rules().get(1).match().orElseThrow().uri());
    MeshRule defaults = route.rules().get(2);
    assertTrue(defaults.match().isEmpty());
    assertEquals("v1", defaults.destinations().get(0).subset().name());
    assertEquals(Duration.ofSeconds(5), defaults.timeout().orElseThrow());
    assertEquals(lines[0], route.location().line(), "the route: where mesh.route(...) was called");
    assertEquals(lines[2], route.rules().get(0).location().line(), "a matched rule: where when(...) was called");
    assertEquals(lines[3], route.rules().get(1).location().line());
    assertEquals(lines[1], defaults.location().line(), "the default rule: its first declaration");
    assertThrows(UnsupportedOperationException.class, () -> route.rules().clear());
  }

  @Test
  void aRouteOfMatchedRulesOnlyHasNoDefaultRule() {
    StackModel model = define(stack -> {
      Bookinfo b = Bookinfo.declare(stack);
      stack.mesh().route(b.reviews(), r -> r.when(MeshMatch.uriExact("/health"), rule -> rule.to(b.reviews())));
    });
    List<MeshRule> rules = model.mesh().routes().get(0).rules();
    assertEquals(1, rules.size());
    assertTrue(rules.get(0).match().isPresent());
  }

  @Test
  void destinationsMayBeWholeServicesWithOrWithoutWeights() {
    StackModel model = define(stack -> {
      Bookinfo b = Bookinfo.declare(stack);
      stack.mesh().route(b.reviews(), r -> r.to(b.reviews(), 80).to(b.ratingsService(), 20));
      stack.mesh().route(b.ratingsService(), r -> r.to(b.ratingsService()));
    });
    MeshRule split = model.mesh().routes().get(0).rules().get(0);
    assertEquals(List.of("reviews", "ratings"), split.destinations().stream().map(d -> d.service().name()).toList());
    assertTrue(split.destinations().stream().allMatch(d -> d.subset() == null));
    assertEquals(List.of(80, 20), split.destinations().stream().map(MeshRule.Destination::weight).toList());
    MeshRule.Destination only = model.mesh().routes().get(1).rules().get(0).destinations().get(0);
    assertNull(only.weight(), "a lone destination has no weight");
    assertNull(only.subset());
  }

  @Test
  void aMatchedRuleCarriesFaultsMirrorRedirectAndRewrite() {
    StackModel model = define(stack -> {
      Bookinfo b = Bookinfo.declare(stack);
      Subset v1 = stack.mesh().subset(b.reviews(), "v1");
      Subset v2 = stack.mesh().subset(b.reviews(), "v2");
      stack.mesh().route(b.reviews(), r -> r
          .when(MeshMatch.uriPrefix("/old"), rule -> rule.redirect("/new", 301))
          .when(MeshMatch.uriPrefix("/api").withHeader("x-beta", "on"), rule -> rule.to(v2).rewriteUri("/")
              .mirror(b.ratingsService(), 5))
          .when(MeshMatch.uriRegex("/v[0-9]+/.*"), rule -> rule.to(v1)
              .fault(Fault.delay(Duration.ofSeconds(7)).percent(50))
              .fault(Fault.abort(503).percent(10)))
          .to(v1).mirror(v2, 25.5));
    });
    List<MeshRule> rules = model.mesh().routes().get(0).rules();
    MeshRule.Redirect redirect = rules.get(0).redirect().orElseThrow();
    assertEquals(new MeshRule.Redirect("/new", null, 301), redirect);
    assertTrue(rules.get(0).destinations().isEmpty());

    MeshMatch api = rules.get(1).match().orElseThrow();
    assertEquals(MeshMatch.UriType.PREFIX, api.uriType());
    assertEquals(Map.of("x-beta", "on"), api.headers());
    assertEquals("/", rules.get(1).rewriteUri().orElseThrow());
    MeshRule.Mirror toService = rules.get(1).mirror().orElseThrow();
    assertEquals("ratings", toService.service().name());
    assertNull(toService.subset());
    assertEquals(5.0, toService.percent());

    assertEquals(MeshMatch.UriType.REGEX, rules.get(2).match().orElseThrow().uriType());
    List<Fault> faults = rules.get(2).faults();
    assertEquals(new Fault.Delay(Duration.ofSeconds(7), 50), faults.get(0));
    assertEquals(new Fault.Abort(503, 10), faults.get(1));

    MeshRule.Mirror toSubset = rules.get(3).mirror().orElseThrow();
    assertEquals("v2", toSubset.subset().name());
    assertEquals(25.5, toSubset.percent());
  }

  @Test
  void aRuleInjectsOneDelayAndOneAbortAtMost() {
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> define(stack -> {
      Bookinfo b = Bookinfo.declare(stack);
      stack.mesh().route(b.reviews(), r -> r.to(b.reviews())
          .fault(Fault.delay(Duration.ofSeconds(1))).fault(Fault.delay(Duration.ofSeconds(2))));
    }));
    assertTrue(twice.getMessage().contains("one delay"), twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> define(stack -> {
      Bookinfo b = Bookinfo.declare(stack);
      stack.mesh().route(b.reviews(), r -> r.when(MeshMatch.uriPrefix("/"), rule -> rule.to(b.reviews())
          .fault(Fault.abort(500)).fault(Fault.abort(503))));
    }));
  }

  @Test
  void matchesAreImmutableValuesWithSortedHeaders() {
    MeshMatch prefix = MeshMatch.uriPrefix("/api");
    MeshMatch withHeaders = prefix.withHeader("x-b", "2").withHeader("x-a", "1");
    assertNotSame(prefix, withHeaders);
    assertEquals(Map.of(), prefix.headers(), "withHeader returns a new match");
    assertEquals(List.of("x-a", "x-b"), new ArrayList<>(withHeaders.headers().keySet()));
    assertEquals(MeshMatch.UriType.PREFIX, withHeaders.uriType());
    MeshMatch header = MeshMatch.header("end-user", "jason");
    assertNull(header.uriType());
    assertNull(header.uri());
    assertEquals(MeshMatch.UriType.EXACT, MeshMatch.uriExact("/x").uriType());
    assertThrows(UnsupportedOperationException.class, () -> withHeaders.headers().put("x", "y"));
    assertThrows(NullPointerException.class, () -> MeshMatch.uriPrefix(null));
  }

  // ============================================================================ value types

  @Test
  void retriesAreImmutable() {
    Retries three = Retries.of(3);
    Retries perTry = three.perTry(Duration.ofSeconds(2));
    Retries on = perTry.on("5xx", "gateway-error");
    assertTrue(three.perTryTimeout().isEmpty(), "perTry returns a new value");
    assertTrue(perTry.retryOn().isEmpty(), "on returns a new value");
    assertEquals(3, on.attempts());
    assertEquals(Duration.ofSeconds(2), on.perTryTimeout().orElseThrow());
    assertEquals(List.of("5xx", "gateway-error"), on.retryOn());
    assertThrows(UnsupportedOperationException.class, () -> on.retryOn().add("reset"));
    String[] conditions = {"5xx"};
    Retries copied = Retries.of(1).on(conditions);
    conditions[0] = "reset";
    assertEquals(List.of("5xx"), copied.retryOn(), "the conditions are copied");
  }

  @Test
  void faultsAreImmutableAndHitEveryRequestByDefault() {
    Fault.Delay delay = Fault.delay(Duration.ofSeconds(7));
    Fault.Delay half = delay.percent(50);
    assertEquals(100, delay.percent());
    assertEquals(50, half.percent());
    assertEquals(Duration.ofSeconds(7), half.delay());
    Fault.Abort abort = Fault.abort(503);
    Fault.Abort tenth = abort.percent(10);
    assertEquals(100, abort.percent());
    assertEquals(10, tenth.percent());
    assertEquals(503, tenth.status());
    assertInstanceOf(Fault.class, tenth);
  }

  @Test
  void rateLimitsAreImmutableWithAMinuteAndABurstOfAsManyByDefault() {
    RateLimit hundred = RateLimit.of(100);
    assertEquals(new RateLimit(100, Duration.ofMinutes(1), 100), hundred);
    RateLimit perSecond = hundred.per(Duration.ofSeconds(1));
    RateLimit burst = perSecond.burst(150);
    assertEquals(Duration.ofMinutes(1), hundred.per(), "per returns a new value");
    assertEquals(100, perSecond.burst(), "burst returns a new value");
    assertEquals(new RateLimit(100, Duration.ofSeconds(1), 150), burst);
    assertThrows(NullPointerException.class, () -> hundred.per(null));
  }

  @Test
  void connectionPoolsAndOutlierDetectionAreImmutable() {
    ConnectionPool pool = ConnectionPool.maxConnections(100);
    ConnectionPool pending = pool.maxPendingRequests(50);
    ConnectionPool perConnection = pending.maxRequestsPerConnection(1);
    assertNull(pool.maxPendingRequests());
    assertNull(pending.maxRequestsPerConnection());
    assertEquals(new ConnectionPool(100, 50, 1), perConnection);
    OutlierDetection five = OutlierDetection.consecutive5xxErrors(5);
    OutlierDetection full = five.interval(Duration.ofSeconds(10)).baseEjectionTime(Duration.ofSeconds(30))
        .maxEjectionPercent(50);
    assertNull(five.interval());
    assertEquals(new OutlierDetection(5, Duration.ofSeconds(10), Duration.ofSeconds(30), 50), full);
  }

  @Test
  void loadBalancersAreValuesByKind() {
    assertEquals(new LoadBalancer.Simple("ROUND_ROBIN"), LoadBalancer.roundRobin());
    assertEquals(new LoadBalancer.Simple("LEAST_REQUEST"), LoadBalancer.leastRequest());
    assertEquals(new LoadBalancer.Simple("RANDOM"), LoadBalancer.random());
    assertEquals(new LoadBalancer.ByHeader("x-user"), LoadBalancer.consistentHashByHeader("x-user"));
    assertEquals(new LoadBalancer.ByCookie("session", Duration.ofHours(1)),
        LoadBalancer.consistentHashByCookie("session", Duration.ofHours(1)));
  }

  // ============================================================================ policies and the rest

  @Test
  void aPolicyCollectsItsSettings() {
    int[] line = new int[1];
    StackModel model = define(stack -> {
      Bookinfo b = Bookinfo.declare(stack);
      line[0] = here(); stack.mesh().policy(b.reviews(), p -> p
          .loadBalancer(LoadBalancer.consistentHashByHeader("x-user"))
          .connectionPool(ConnectionPool.maxConnections(10))
          .outlierDetection(OutlierDetection.consecutive5xxErrors(3))
          .istioMutualTls());
      stack.mesh().policy(b.ratingsService(), p -> {});
    });
    DestinationPolicy policy = model.mesh().policies().get(0);
    assertEquals("reviews", policy.service().name());
    assertEquals(new LoadBalancer.ByHeader("x-user"), policy.loadBalancer().orElseThrow());
    assertEquals(10, policy.connectionPool().orElseThrow().maxConnections());
    assertEquals(3, policy.outlierDetection().orElseThrow().consecutive5xxErrors());
    assertTrue(policy.istioMutualTls());
    assertEquals(line[0], policy.location().line());
    DestinationPolicy empty = model.mesh().policies().get(1);
    assertTrue(empty.loadBalancer().isEmpty() && empty.connectionPool().isEmpty()
        && empty.outlierDetection().isEmpty() && !empty.istioMutualTls());
  }

  @Test
  void externalHostsMtlsRateLimitsAndTelemetryAreRecorded() {
    StackModel model = define(stack -> {
      Bookinfo b = Bookinfo.declare(stack);
      Mesh mesh = stack.mesh();
      mesh.external("payments", "api.payments.example.com", Port.https(443), Port.http(80));
      mesh.mtls(MtlsMode.STRICT);
      mesh.mtls(b.ratings(), MtlsMode.PERMISSIVE);
      mesh.rateLimit(b.ratings(), RateLimit.of(100).burst(150));
      mesh.telemetry(t -> t.accessLogging(true).tracing(10).metricTag("b", "request.host").metricTag("a", "x"));
      mesh.telemetry(b.ratings(), t -> t.accessLogging(false));
      mesh.istioVersion("1.26");
    });
    MeshModel mesh = model.mesh();
    Mesh.External payments = mesh.externals().get(0);
    assertEquals("payments", payments.name());
    assertEquals("api.payments.example.com", payments.host());
    assertEquals(List.of(443, 80), payments.ports().stream().map(Port::number).toList());

    assertEquals(2, mesh.mtls().size());
    assertNull(mesh.mtls().get(0).app(), "the namespace's");
    assertEquals(MtlsMode.STRICT, mesh.mtls().get(0).mode());
    assertEquals("ratings", mesh.mtls().get(1).app().name());
    assertEquals(MtlsMode.PERMISSIVE, mesh.mtls().get(1).mode());

    assertEquals(Peer.istiod(), mesh.controlPlane(), "istiod where Istio installs it, unless the stack says otherwise");

    assertEquals(new RateLimit(100, Duration.ofMinutes(1), 150), mesh.rateLimits().get(0).limit());
    assertEquals("ratings", mesh.rateLimits().get(0).app().name());

    MeshTelemetry namespace = mesh.telemetry().get(0);
    assertTrue(namespace.app().isEmpty());
    assertEquals(true, namespace.accessLogging().orElseThrow());
    assertEquals(10.0, namespace.tracingPercent().orElseThrow());
    assertEquals(List.of("a", "b"), new ArrayList<>(namespace.metricTags().keySet()), "sorted");
    MeshTelemetry ratings = mesh.telemetry().get(1);
    assertEquals("ratings", ratings.app().orElseThrow().name());
    assertEquals(false, ratings.accessLogging().orElseThrow());
    assertTrue(ratings.tracingPercent().isEmpty());
    assertEquals("1.26", mesh.istioVersion());
  }

  @Test
  void theFrozenMeshIsImmutable() {
    StackModel model = define(stack -> {
      Bookinfo b = Bookinfo.declare(stack);
      stack.mesh().subset(b.reviews(), "v1");
      stack.mesh().route(b.reviews(), r -> r.to(b.reviews()));
      stack.mesh().external("x", "x.example.com", Port.https(443));
    });
    MeshModel mesh = model.mesh();
    assertThrows(UnsupportedOperationException.class, () -> mesh.subsets().clear());
    assertThrows(UnsupportedOperationException.class, () -> mesh.routes().clear());
    assertThrows(UnsupportedOperationException.class, () -> mesh.policies().clear());
    assertThrows(UnsupportedOperationException.class, () -> mesh.externals().clear());
    assertThrows(UnsupportedOperationException.class, () -> mesh.externals().get(0).ports().clear());
    assertThrows(UnsupportedOperationException.class, () -> mesh.mtls().clear());
    assertThrows(UnsupportedOperationException.class, () -> mesh.rateLimits().clear());
    assertThrows(UnsupportedOperationException.class, () -> mesh.telemetry().clear());
    assertThrows(UnsupportedOperationException.class,
        () -> mesh.routes().get(0).rules().get(0).destinations().clear());
  }

  @Test
  void theIstioGatewayTargetSelectsTheIngressGatewayByDefault() {
    assertEquals(new HttpTarget.IstioGateway(Map.of("istio", "ingressgateway"), List.of()), HttpTarget.istioGateway());
    HttpTarget.IstioGateway custom = HttpTarget.istioGateway(Map.of("istio", "eastwest"));
    assertEquals(Map.of("istio", "eastwest"), custom.selector());
    assertThrows(UnsupportedOperationException.class, () -> custom.selector().put("x", "y"));
    StackModel model = define(stack -> stack.httpTarget(HttpTarget.istioGateway()));
    assertInstanceOf(HttpTarget.IstioGateway.class, model.httpTarget());
  }

  // ============================================================================ after define()

  @Test
  void declaringAfterDefineFails() {
    Mesh[] escaped = new Mesh[1];
    Bookinfo[] b = new Bookinfo[1];
    define(stack -> {
      b[0] = Bookinfo.declare(stack);
      escaped[0] = stack.mesh();
    });
    Mesh mesh = escaped[0];
    Service reviews = b[0].reviews();
    App ratings = b[0].ratings();
    List<Runnable> late = List.of(
        () -> mesh.subset(reviews, "v1"),
        () -> mesh.subset(reviews, "v1", Map.of("version", "v1")),
        () -> mesh.route(reviews, r -> r.to(reviews)),
        () -> mesh.policy(reviews, p -> p.istioMutualTls()),
        () -> mesh.external("x", "x.example.com", Port.https(443)),
        () -> mesh.mtls(MtlsMode.STRICT),
        () -> mesh.mtls(ratings, MtlsMode.STRICT),
        () -> mesh.controlPlane(Peer.istiod()),
        () -> mesh.rateLimit(ratings, RateLimit.of(1)),
        () -> mesh.telemetry(t -> t.accessLogging(true)),
        () -> mesh.telemetry(ratings, t -> t.accessLogging(true)),
        () -> mesh.istioVersion("1.27"));
    for (int i = 0; i < late.size(); i++) {
      Runnable declaration = late.get(i);
      IllegalStateException e = assertThrows(IllegalStateException.class, declaration::run, "declaration " + i);
      assertTrue(e.getMessage().contains("already defined"), e.getMessage());
    }
  }
}
