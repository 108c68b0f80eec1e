package dev.portico.synth.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.dsl.App;
import dev.portico.dsl.DestinationPolicy.ConnectionPool;
import dev.portico.dsl.DestinationPolicy.OutlierDetection;
import dev.portico.dsl.Fault;
import dev.portico.dsl.LoadBalancer;
import dev.portico.dsl.Mesh;
import dev.portico.dsl.MeshMatch;
import dev.portico.dsl.MtlsMode;
import dev.portico.dsl.Port;
import dev.portico.dsl.RateLimit;
import dev.portico.dsl.Retries;
import dev.portico.dsl.Service;
import dev.portico.dsl.ServiceType;
import dev.portico.dsl.SourceLocation;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.Subset;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.render.YamlRenderer;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Severity;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1alpha3.EnvoyFilter;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import io.fabric8.istio.api.telemetry.v1.Telemetry;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every feature of the mesh DSL, synthesized through {@link Synthesizer#synthesize} from small
 * stacks defined here, as the Istio objects {@link MeshEmitter} renders: VirtualServices (weights,
 * matches, timeouts, retries, faults, mirrors, redirects, rewrites), DestinationRules (every
 * declared subset, every traffic policy), ServiceEntries, PeerAuthentications, AuthorizationPolicies
 * and their ServiceAccounts, the rate-limit EnvoyFilter and Telemetry; and every {@code mesh.*}
 * finding the emitter makes, with its severity, field path and the user's line.
 *
 * <p>Deep fields are read from the object's serialization (what is rendered), by path
 * ({@link #at}); objects are found by kind and name ({@link Result#get}).
 */
class MeshEmitterTest {
  static final String FILE = "MeshEmitterTest.java";
  static final String NS = "bookinfo";
  static final Port HTTP = Port.http(9080);

  // ============================================================================ fixtures

  /** The line this is called from. */
  static int here() {
    return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst().orElseThrow()).getLineNumber();
  }

  /**
   * Bookinfo's apps in namespace bookinfo: productpage (app: productpage, version: v1), reviews-v1..v3
   * (app: reviews, version: vN), ratings (app: ratings, no other label), each on http=9080; their
   * Services productpage, reviews (every version) and ratings; admin, whose Service has two ports
   * (http=8080, metrics=9090); and legacy, an ExternalName Service that selects no pods.
   */
  record Book(App productpage, App reviewsV1, App reviewsV2, App reviewsV3, App ratings, Service productpageService,
      Service reviews, Service ratingsService, Service admin, Service legacy, Stack stack) {
    static Book declare(Stack stack) {
      App productpage = stack.app("productpage", a -> a.selector("app", "productpage").label("version", "v1")
          .ports(HTTP));
      App v1 = stack.app("reviews-v1", a -> a.selector("app", "reviews").label("version", "v1").ports(HTTP));
      App v2 = stack.app("reviews-v2", a -> a.selector("app", "reviews").label("version", "v2").ports(HTTP));
      App v3 = stack.app("reviews-v3", a -> a.selector("app", "reviews").label("version", "v3").ports(HTTP));
      App ratings = stack.app("ratings", a -> a.selector("app", "ratings").ports(HTTP));
      Service productpageService = stack.service("productpage", productpage, s -> s.port(9080, HTTP));
      Service reviews = stack.service("reviews", v1, s -> s.port(9080, HTTP));
      Service ratingsService = stack.service("ratings", ratings, s -> s.port(9080, HTTP));
      Service admin = stack.expose(stack.app("admin", Port.http(8080), Port.metrics(9090)));
      Service legacy = stack.service("legacy", s -> s.type(ServiceType.externalName("legacy.example.com")).port(80));
      return new Book(productpage, v1, v2, v3, ratings, productpageService, reviews, ratingsService, admin, legacy,
          stack);
    }
  }

  /** Stack {@code book} in namespace bookinfo: {@link Book}, then {@code body} with the stack's mesh. */
  record Def(BiConsumer<Book, Mesh> body) implements StackDefinition {
    @Override
    public String name() {
      return "book";
    }

    @Override
    public String namespace() {
      return NS;
    }

    @Override
    public void define(Stack stack) {
      body.accept(Book.declare(stack), stack.mesh());
    }
  }

  static Result synth(BiConsumer<Book, Mesh> body) {
    return new Result(Synthesizer.synthesize(List.of(new Def(body)), List.of(), Map.of()));
  }

  /** A synthesis, with lookups by kind and name and a dump for failure messages. */
  record Result(dev.portico.synth.Synthesis synthesis) {
    List<Resource> resources() {
      return synthesis.outputs().stream().flatMap(o -> o.resources().stream()).toList();
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
      return resources().stream().map(Resource::object).filter(type::isInstance).map(type::cast).toList();
    }

    List<String> names(Class<? extends HasMetadata> type) {
      return all(type).stream().map(o -> o.getMetadata().getName()).toList();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
      return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
          .orElseGet(() -> fail("no " + type.getSimpleName() + " " + name + " in:\n" + dump()));
    }

    Resource resource(Class<? extends HasMetadata> type, String name) {
      return resources().stream().filter(r -> type.isInstance(r.object())
          && r.object().getMetadata().getName().equals(name)).findFirst()
          .orElseGet(() -> fail("no " + type.getSimpleName() + " " + name + " in:\n" + dump()));
    }

    VirtualService vs(String name) {
      return get(VirtualService.class, name);
    }

    DestinationRule dr(String name) {
      return get(DestinationRule.class, name);
    }

    List<Finding> findings() {
      return synthesis.findings();
    }

    List<Finding> errors() {
      return findings().stream().filter(Finding::isError).toList();
    }

    List<Finding> findings(String rule) {
      return findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    void assertNoErrors() {
      assertTrue(errors().isEmpty(), () -> "expected no errors:\n" + dump());
    }

    /**
     * No finding of a {@code mesh.*} rule but the warning about admin's port "metrics" (IST0118), which
     * every stack here has.
     */
    void assertNoMeshFindings() {
      assertTrue(findings().stream().noneMatch(f -> f.rule().startsWith("mesh.")
          && !(f.rule().equals("mesh.port-name") && f.object().equals("Service/bookinfo/admin"))),
          () -> "expected no mesh.*:\n" + dump());
    }

    /** The one finding of {@code rule} at {@code path} of {@code object}. */
    Finding finding(String rule, String object, String path) {
      List<Finding> matching = findings().stream()
          .filter(f -> f.rule().equals(rule) && f.object().equals(object) && f.path().equals(path)).toList();
      assertEquals(1, matching.size(), () -> "one [" + rule + "] at " + object + " " + path + ":\n" + dump());
      return matching.get(0);
    }

    String dump() {
      return resources().stream().map(Resource::object).filter(o -> !(o instanceof io.fabric8.kubernetes.api.model.Service))
          .map(o -> "---\n" + YamlRenderer.render(o)).collect(Collectors.joining())
          + "findings:" + (findings().isEmpty() ? " none" : findings().stream().map(f -> "\n  " + f.format())
          .collect(Collectors.joining()));
    }
  }

  private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

  /**
   * The node at {@code path} (e.g. {@code spec.http[0].route[1].destination.subset}) of the object as
   * rendered (nulls and empty collections left out); a missing node when there is none.
   */
  static JsonNode at(HasMetadata object, String path) {
    JsonNode node = YamlRenderer.mapper().valueToTree(object);
    Matcher m = STEP.matcher(path);
    while (m.find()) {
      node = m.group(1) != null ? node.path(m.group(1)) : node.path(Integer.parseInt(m.group(2)));
    }
    return node;
  }

  /** The text of the node at {@code path}; fails when there is none. */
  static String text(HasMetadata object, String path) {
    JsonNode node = at(object, path);
    if (node.isMissingNode() || node.isNull()) {
      fail("nothing at " + path + " of:\n" + YamlRenderer.render(object));
    }
    return node.asText();
  }

  static void assertText(String expected, HasMetadata object, String path) {
    assertEquals(expected, text(object, path), () -> path + " of:\n" + YamlRenderer.render(object));
  }

  static void assertAbsent(HasMetadata object, String path) {
    assertTrue(at(object, path).isMissingNode(), () -> "expected nothing at " + path + " of:\n"
        + YamlRenderer.render(object));
  }

  /** The field names of the object at {@code path}, in rendered order. */
  static List<String> keys(HasMetadata object, String path) {
    List<String> keys = new ArrayList<>();
    Iterator<String> names = at(object, path).fieldNames();
    names.forEachRemaining(keys::add);
    return keys;
  }

  /** The object at {@code path} as a sorted map of texts. */
  static Map<String, String> map(HasMetadata object, String path) {
    Map<String, String> map = new TreeMap<>();
    at(object, path).fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  /** The texts of the array at {@code path}. */
  static List<String> texts(HasMetadata object, String path) {
    List<String> texts = new ArrayList<>();
    at(object, path).forEach(node -> texts.add(node.asText()));
    return texts;
  }

  /** {@code host[/subset][@weight]} of each destination of rule {@code rule}. */
  static List<String> destinations(VirtualService vs, int rule) {
    HTTPRoute http = vs.getSpec().getHttp().get(rule);
    if (http.getRoute() == null) {
      return List.of();
    }
    return http.getRoute().stream().map(d -> d.getDestination().getHost()
        + (d.getDestination().getSubset() == null ? "" : "/" + d.getDestination().getSubset())
        + (d.getDestination().getPort() == null ? "" : ":" + d.getDestination().getPort().getNumber())
        + (d.getWeight() == null ? "" : "@" + d.getWeight())).toList();
  }

  static void assertAt(Finding finding, int line) {
    assertEquals(new SourceLocation(FILE, line), finding.location(), finding::format);
  }

  static void assertLine(int line, Resource resource, String path) {
    assertEquals(new SourceLocation(FILE, line), resource.locator().locate(path), path);
  }

  // ============================================================================ nothing declared

  @Test
  void aStackWithoutMeshDeclarationsGetsNoIstioObjects() {
    Result r = synth((b, mesh) -> {});
    r.assertNoErrors();
    assertTrue(r.resources().stream().noneMatch(res -> res.object().getClass().getName().startsWith("io.fabric8.istio")
        || res.object() instanceof ServiceAccount), r::dump);
    assertTrue(r.findings("mesh.port-name").isEmpty(), "no Istio object: not a mesh namespace\n" + r.dump());
  }

  // ============================================================================ VirtualServices

  @Nested
  class Routes {
    @Test
    void aSplitIsOneDefaultRuleWithWeightedSubsetDestinations() {
      Result r = synth((b, mesh) -> {
        Subset v1 = mesh.subset(b.reviews(), "v1");
        mesh.subset(b.reviews(), "v2");
        Subset v3 = mesh.subset(b.reviews(), "v3");
        mesh.route(b.reviews(), route -> route.to(v1, 90).to(v3, 10));
      });
      r.assertNoErrors();
      r.assertNoMeshFindings();
      assertEquals(List.of("reviews"), r.names(VirtualService.class));
      VirtualService vs = r.vs("reviews");
      assertEquals(NS, vs.getMetadata().getNamespace());
      assertEquals(List.of("reviews"), vs.getSpec().getHosts(), "the Service's short name");
      assertAbsent(vs, "spec.gateways"); // bound to the mesh (sidecars) only
      assertEquals(1, vs.getSpec().getHttp().size());
      assertAbsent(vs, "spec.http[0].match"); // the default rule matches everything
      assertEquals(List.of("reviews/v1@90", "reviews/v3@10"), destinations(vs, 0), "no port: the Service has one");
    }

    @Test
    void aLoneDestinationHasNoWeightAndAWholeServiceNoSubset() {
      Result r = synth((b, mesh) -> {
        mesh.route(b.ratingsService(), route -> route.to(b.ratingsService()));
        mesh.route(b.reviews(), route -> route.to(b.reviews(), 70).to(b.ratingsService(), 30));
      });
      r.assertNoErrors();
      assertEquals(List.of("ratings"), destinations(r.vs("ratings"), 0));
      assertEquals(List.of("reviews@70", "ratings@30"), destinations(r.vs("reviews"), 0),
          "a route may send a Service's requests to another Service");
      assertTrue(r.names(DestinationRule.class).isEmpty(), "no subset, no policy: no DestinationRule\n" + r.dump());
    }

    @Test
    void matchedRulesComeFirstWithUriAndHeaderMatchesThenTheDefault() {
      Result r = synth((b, mesh) -> {
        Subset v1 = mesh.subset(b.reviews(), "v1");
        Subset v2 = mesh.subset(b.reviews(), "v2");
        mesh.route(b.reviews(), route -> route
            .to(v1)
            .when(MeshMatch.uriPrefix("/api"), rule -> rule.to(v2))
            .when(MeshMatch.uriExact("/health").withHeader("x-b", "2").withHeader("x-a", "1"), rule -> rule.to(v2))
            .when(MeshMatch.uriRegex("^/v[0-9]+/.*$"), rule -> rule.to(v2))
            .when(MeshMatch.header("end-user", "jason"), rule -> rule.to(v2)));
      });
      r.assertNoErrors();
      VirtualService vs = r.vs("reviews");
      assertEquals(5, vs.getSpec().getHttp().size(), r::dump);
      assertText("/api", vs, "spec.http[0].match[0].uri.prefix");
      assertAbsent(vs, "spec.http[0].match[0].headers");
      assertText("/health", vs, "spec.http[1].match[0].uri.exact");
      assertEquals(List.of("x-a", "x-b"), keys(vs, "spec.http[1].match[0].headers"), "headers sorted");
      assertText("1", vs, "spec.http[1].match[0].headers.x-a.exact");
      assertText("2", vs, "spec.http[1].match[0].headers.x-b.exact");
      assertText("^/v[0-9]+/.*$", vs, "spec.http[2].match[0].uri.regex");
      assertAbsent(vs, "spec.http[3].match[0].uri");
      assertText("jason", vs, "spec.http[3].match[0].headers.end-user.exact");
      assertAbsent(vs, "spec.http[4].match");
      assertEquals(List.of("reviews/v1"), destinations(vs, 4));
      for (int i = 0; i < 4; i++) {
        assertEquals(List.of("reviews/v2"), destinations(vs, i));
        assertEquals(1, vs.getSpec().getHttp().get(i).getMatch().size());
      }
    }

    @Test
    void rulesPointAtTheLinesThatDeclaredThem() {
      int[] lines = new int[3];
      Result r = synth((b, mesh) -> {
        Subset v1 = mesh.subset(b.reviews(), "v1");
        lines[0] = here(); mesh.route(b.reviews(), route -> {
          lines[1] = here(); route.when(MeshMatch.uriPrefix("/a"), rule -> rule.to(v1));
          lines[2] = here(); route.to(v1);
          route.timeout(Duration.ofSeconds(3));
        });
      });
      Resource vs = r.resource(VirtualService.class, "reviews");
      assertLine(lines[0], vs, "spec.hosts[0]");
      assertLine(lines[0], vs, "metadata.name");
      assertLine(lines[1], vs, "spec.http[0].match[0].uri");
      assertLine(lines[2], vs, "spec.http[1]");
      assertLine(lines[2], vs, "spec.http[1].timeout");
    }

    @Test
    void timeoutsAndRetriesAreProtobufDurationsAndRetryOnIsJoined() {
      Result r = synth((b, mesh) -> {
        Subset v1 = mesh.subset(b.reviews(), "v1");
        mesh.route(b.reviews(), route -> route
            .when(MeshMatch.uriPrefix("/slow"), rule -> rule.to(v1).timeout(Duration.ofMillis(1500))
                .retries(Retries.of(2)))
            .when(MeshMatch.uriPrefix("/batch"), rule -> rule.to(v1).timeout(Duration.ofMinutes(2)))
            .to(v1)
            .timeout(Duration.ofSeconds(10))
            .retries(Retries.of(3).perTry(Duration.ofMillis(500)).on("5xx", "reset", "connect-failure")));
      });
      r.assertNoErrors();
      VirtualService vs = r.vs("reviews");
      assertText("1.5s", vs, "spec.http[0].timeout");
      assertText("2", vs, "spec.http[0].retries.attempts");
      assertAbsent(vs, "spec.http[0].retries.perTryTimeout");
      assertAbsent(vs, "spec.http[0].retries.retryOn");
      assertText("120s", vs, "spec.http[1].timeout");
      assertAbsent(vs, "spec.http[1].retries");
      assertText("10s", vs, "spec.http[2].timeout");
      assertText("3", vs, "spec.http[2].retries.attempts");
      assertText("0.5s", vs, "spec.http[2].retries.perTryTimeout");
      assertText("5xx,reset,connect-failure", vs, "spec.http[2].retries.retryOn");
    }

    @Test
    void zeroRetriesAreRenderedAsZeroAttempts() {
      Result r = synth((b, mesh) -> mesh.route(b.ratingsService(), route -> route.to(b.ratingsService())
          .retries(Retries.of(0))));
      r.assertNoErrors();
      assertEquals(0, r.vs("ratings").getSpec().getHttp().get(0).getRetries().getAttempts());
    }

    @Test
    void faultsAreADelayAndAnAbortWithPercentages() {
      Result r = synth((b, mesh) -> {
        Subset v1 = mesh.subset(b.ratingsService(), "v1");
        mesh.route(b.ratingsService(), route -> route
            .when(MeshMatch.header("end-user", "jason"), rule -> rule.to(v1).fault(Fault.delay(Duration.ofSeconds(7))))
            .to(v1)
            .fault(Fault.delay(Duration.ofMillis(250)).percent(50))
            .fault(Fault.abort(503).percent(12.5)));
      });
      r.assertNoErrors();
      VirtualService vs = r.vs("ratings");
      assertText("7s", vs, "spec.http[0].fault.delay.fixedDelay");
      assertEquals(100.0, at(vs, "spec.http[0].fault.delay.percentage.value").asDouble(), "100% by default");
      assertAbsent(vs, "spec.http[0].fault.abort");
      assertText("0.25s", vs, "spec.http[1].fault.delay.fixedDelay");
      assertEquals(50.0, at(vs, "spec.http[1].fault.delay.percentage.value").asDouble());
      assertText("503", vs, "spec.http[1].fault.abort.httpStatus");
      assertEquals(12.5, at(vs, "spec.http[1].fault.abort.percentage.value").asDouble());
      assertAbsent(vs, "spec.http[1].fault.delay.percent");
      assertAbsent(vs, "spec.http[1].fault.abort.percent");
    }

    @Test
    void mirrorsCopyAPercentageToAServiceOrASubset() {
      Result r = synth((b, mesh) -> {
        Subset v1 = mesh.subset(b.reviews(), "v1");
        Subset v2 = mesh.subset(b.reviews(), "v2");
        mesh.route(b.reviews(), route -> route
            .when(MeshMatch.uriPrefix("/api"), rule -> rule.to(v1).mirror(b.ratingsService(), 5))
            .to(v1).mirror(v2, 25.5));
      });
      r.assertNoErrors();
      VirtualService vs = r.vs("reviews");
      assertText("ratings", vs, "spec.http[0].mirrors[0].destination.host");
      assertAbsent(vs, "spec.http[0].mirrors[0].destination.subset");
      assertEquals(5.0, at(vs, "spec.http[0].mirrors[0].percentage.value").asDouble());
      assertText("reviews", vs, "spec.http[1].mirrors[0].destination.host");
      assertText("v2", vs, "spec.http[1].mirrors[0].destination.subset");
      assertEquals(25.5, at(vs, "spec.http[1].mirrors[0].percentage.value").asDouble());
      assertAbsent(vs, "spec.http[1].mirror");
      assertEquals(1, vs.getSpec().getHttp().get(1).getMirrors().size());
    }

    @Test
    void redirectsAndRewrites() {
      Result r = synth((b, mesh) -> {
        Subset v1 = mesh.subset(b.reviews(), "v1");
        mesh.route(b.reviews(), route -> route
            .when(MeshMatch.uriPrefix("/old"), rule -> rule.redirect("/new", 301))
            .when(MeshMatch.uriPrefix("/api/v1"), rule -> rule.to(v1).rewriteUri("/"))
            .to(v1));
      });
      r.assertNoErrors();
      VirtualService vs = r.vs("reviews");
      assertText("/new", vs, "spec.http[0].redirect.uri");
      assertText("301", vs, "spec.http[0].redirect.redirectCode");
      assertAbsent(vs, "spec.http[0].redirect.authority");
      assertAbsent(vs, "spec.http[0].route");
      assertText("/", vs, "spec.http[1].rewrite.uri");
      assertAbsent(vs, "spec.http[1].rewrite.authority");
      assertEquals(List.of("reviews/v1"), destinations(vs, 1));
      assertAbsent(vs, "spec.http[2].rewrite");
    }
  }

  @Test
  void durationsAreExactProtobufDurations() {
    assertEquals("10s", MeshEmitter.duration(Duration.ofSeconds(10)));
    assertEquals("0.5s", MeshEmitter.duration(Duration.ofMillis(500)));
    assertEquals("1.5s", MeshEmitter.duration(Duration.ofMillis(1500)));
    assertEquals("0.001s", MeshEmitter.duration(Duration.ofMillis(1)));
    assertEquals("86400s", MeshEmitter.duration(Duration.ofDays(1)));
    assertEquals("0s", MeshEmitter.duration(Duration.ZERO));
    assertEquals("-0.5s", MeshEmitter.duration(Duration.ofMillis(-500)));
    // never rounded: what Istio rejects (under 1ms, finer than 1ms) stays visible to validation
    assertEquals("0.0015s", MeshEmitter.duration(Duration.ofNanos(1_500_000)));
    assertEquals("0.0000005s", MeshEmitter.duration(Duration.ofNanos(500)));
    assertEquals("1.000000001s", MeshEmitter.duration(Duration.ofSeconds(1, 1)));
  }

  // ============================================================================ DestinationRules

  @Nested
  class DestinationRules {
    @Test
    void everyDeclaredSubsetIsDefinedEvenWhenNoRouteNamesIt() {
      int[] lines = new int[3];
      Result r = synth((b, mesh) -> {
        lines[0] = here(); Subset v1 = mesh.subset(b.reviews(), "v1");
        lines[1] = here(); mesh.subset(b.reviews(), "v2");
        mesh.subset(b.reviews(), "v3");
        lines[2] = here(); mesh.subset(b.ratingsService(), "stable", Map.of("version", "v1", "track", "stable"));
        mesh.route(b.reviews(), route -> route.to(v1));
      });
      assertEquals(List.of("reviews", "ratings"), r.names(DestinationRule.class), "in declaration order");
      DestinationRule reviews = r.dr("reviews");
      assertEquals(NS, reviews.getMetadata().getNamespace());
      assertEquals("reviews", reviews.getSpec().getHost());
      assertEquals(List.of("v1", "v2", "v3"), reviews.getSpec().getSubsets().stream()
          .map(io.fabric8.istio.api.api.networking.v1alpha3.Subset::getName).toList());
      for (int i = 0; i < 3; i++) {
        assertEquals(Map.of("version", "v" + (i + 1)), reviews.getSpec().getSubsets().get(i).getLabels());
      }
      assertNull(reviews.getSpec().getTrafficPolicy(), "no policy declared");
      assertEquals(Map.of("track", "stable", "version", "v1"), r.dr("ratings").getSpec().getSubsets().get(0).getLabels());
      Resource resource = r.resource(DestinationRule.class, "reviews");
      assertLine(lines[0], resource, "spec.subsets[0].name");
      assertLine(lines[1], resource, "spec.subsets[1]");
      assertLine(lines[0], resource, "spec.host");
      assertLine(lines[2], r.resource(DestinationRule.class, "ratings"), "spec.subsets[0].labels");
      // ratings has no app carrying track=stable: the analyzer warns, the emitter does not
      assertEquals(1, r.findings("mesh.subset-no-pods").size(), r::dump);
    }

    static Stream<Arguments> loadBalancers() {
      return Stream.of(
          Arguments.of(LoadBalancer.roundRobin(), "simple", "ROUND_ROBIN"),
          Arguments.of(LoadBalancer.leastRequest(), "simple", "LEAST_REQUEST"),
          Arguments.of(LoadBalancer.random(), "simple", "RANDOM"),
          Arguments.of(LoadBalancer.consistentHashByHeader("x-user"), "consistentHash.httpHeaderName", "x-user"),
          Arguments.of(LoadBalancer.consistentHashByCookie("session", Duration.ofHours(1)),
              "consistentHash.httpCookie.name", "session"));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("loadBalancers")
    void eachLoadBalancerKind(LoadBalancer lb, String field, String value) {
      int[] line = new int[1];
      Result r = synth((b, mesh) -> {
        line[0] = here(); mesh.policy(b.reviews(), p -> p.loadBalancer(lb));
      });
      r.assertNoErrors();
      DestinationRule dr = r.dr("reviews");
      assertText(value, dr, "spec.trafficPolicy.loadBalancer." + field);
      assertEquals(1, keys(dr, "spec.trafficPolicy.loadBalancer").size(), () -> YamlRenderer.render(dr));
      if (lb instanceof LoadBalancer.ByCookie) {
        assertText("3600s", dr, "spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.ttl");
      }
      assertAbsent(dr, "spec.subsets"); // a policy without subsets
      assertEquals(List.of("loadBalancer"), keys(dr, "spec.trafficPolicy"));
      assertLine(line[0], r.resource(DestinationRule.class, "reviews"), "spec.trafficPolicy.loadBalancer");
    }

    @Test
    void connectionPoolOutlierDetectionAndIstioMutualTls() {
      Result r = synth((b, mesh) -> {
        mesh.subset(b.reviews(), "v1");
        mesh.policy(b.reviews(), p -> p
            .connectionPool(ConnectionPool.maxConnections(100).maxPendingRequests(50).maxRequestsPerConnection(1))
            .outlierDetection(OutlierDetection.consecutive5xxErrors(5).interval(Duration.ofSeconds(10))
                .baseEjectionTime(Duration.ofMillis(30_500)).maxEjectionPercent(50))
            .istioMutualTls());
      });
      r.assertNoErrors();
      DestinationRule dr = r.dr("reviews");
      assertText("v1", dr, "spec.subsets[0].name");
      assertText("100", dr, "spec.trafficPolicy.connectionPool.tcp.maxConnections");
      assertText("50", dr, "spec.trafficPolicy.connectionPool.http.http1MaxPendingRequests");
      assertText("1", dr, "spec.trafficPolicy.connectionPool.http.maxRequestsPerConnection");
      assertText("5", dr, "spec.trafficPolicy.outlierDetection.consecutive5xxErrors");
      assertText("10s", dr, "spec.trafficPolicy.outlierDetection.interval");
      assertText("30.5s", dr, "spec.trafficPolicy.outlierDetection.baseEjectionTime");
      assertText("50", dr, "spec.trafficPolicy.outlierDetection.maxEjectionPercent");
      assertText("ISTIO_MUTUAL", dr, "spec.trafficPolicy.tls.mode");
      assertAbsent(dr, "spec.trafficPolicy.loadBalancer");
    }

    @Test
    void onlyTheConnectionLimitsGivenAreRendered() {
      Result r = synth((b, mesh) -> {
        mesh.policy(b.reviews(), p -> p.connectionPool(ConnectionPool.maxConnections(10))
            .outlierDetection(OutlierDetection.consecutive5xxErrors(3)));
        mesh.policy(b.ratingsService(), p -> p.connectionPool(new ConnectionPool(null, 20, null)));
      });
      r.assertNoErrors();
      DestinationRule reviews = r.dr("reviews");
      assertEquals(List.of("tcp"), keys(reviews, "spec.trafficPolicy.connectionPool"));
      assertEquals(List.of("consecutive5xxErrors"), keys(reviews, "spec.trafficPolicy.outlierDetection"));
      DestinationRule ratings = r.dr("ratings");
      assertEquals(List.of("http"), keys(ratings, "spec.trafficPolicy.connectionPool"));
      assertEquals(List.of("http1MaxPendingRequests"), keys(ratings, "spec.trafficPolicy.connectionPool.http"));
      assertAbsent(ratings, "spec.trafficPolicy.tls");
    }
  }

  // ============================================================================ ServiceEntries

  @Test
  void externalHostsAreMeshExternalDnsServiceEntriesWithProtocolsFromPortNames() {
    int[] line = new int[1];
    Result r = synth((b, mesh) -> {
      line[0] = here(); mesh.external("payments", "api.payments.example.com", Port.https(443), Port.http(80),
          Port.grpc(8443), Port.tcp(5432), Port.tcp("mongo-main", 27017), Port.tcp("db", 3306));
    });
    r.assertNoErrors();
    ServiceEntry entry = r.get(ServiceEntry.class, "payments");
    assertEquals(NS, entry.getMetadata().getNamespace());
    assertEquals(List.of("api.payments.example.com"), entry.getSpec().getHosts());
    assertText("MESH_EXTERNAL", entry, "spec.location");
    assertText("DNS", entry, "spec.resolution");
    assertEquals(List.of("https:443:HTTPS", "http:80:HTTP", "grpc:8443:GRPC", "tcp-5432:5432:TCP",
        "mongo-main:27017:MONGO", "db:3306:TCP"), entry.getSpec().getPorts().stream()
        .map(p -> p.getName() + ":" + p.getNumber() + ":" + p.getProtocol()).toList(),
        "an unnamed port is named <protocol>-<number>; a name Istio cannot read is TCP");
    assertLine(line[0], r.resource(ServiceEntry.class, "payments"), "spec.hosts");
  }

  // ============================================================================ security

  @Nested
  class Security {
    @Test
    void mtlsForTheNamespaceIsPolicyDefaultAndForAnAppSelectsItsPods() {
      int[] lines = new int[2];
      Result r = synth((b, mesh) -> {
        lines[0] = here(); mesh.mtls(MtlsMode.STRICT);
        lines[1] = here(); mesh.mtls(b.reviewsV2(), MtlsMode.PERMISSIVE);
        mesh.mtls(b.ratings(), MtlsMode.DISABLE);
      });
      r.assertNoErrors();
      assertEquals(List.of("default", "reviews-v2", "ratings"), r.names(PeerAuthentication.class));
      PeerAuthentication namespace = r.get(PeerAuthentication.class, "default");
      assertEquals(NS, namespace.getMetadata().getNamespace());
      assertText("STRICT", namespace, "spec.mtls.mode");
      assertAbsent(namespace, "spec.selector");
      PeerAuthentication v2 = r.get(PeerAuthentication.class, "reviews-v2");
      assertText("PERMISSIVE", v2, "spec.mtls.mode");
      assertEquals(Map.of("app", "reviews", "version", "v2"), map(v2, "spec.selector.matchLabels"),
          "the app's own pods (all their labels), not every version behind the shared selector");
      PeerAuthentication ratings = r.get(PeerAuthentication.class, "ratings");
      assertText("DISABLE", ratings, "spec.mtls.mode");
      assertEquals(Map.of("app", "ratings"), map(ratings, "spec.selector.matchLabels"));
      assertLine(lines[0], r.resource(PeerAuthentication.class, "default"), "spec.mtls");
      assertLine(lines[1], r.resource(PeerAuthentication.class, "reviews-v2"), "spec.selector");
    }

    @Test
    void allowRendersOnePolicyPerCalleeAppOnSortedServiceAccountPrincipals() {
      int[] lines = new int[2];
      Result r = synth((b, mesh) -> {
        mesh.mtls(MtlsMode.STRICT);
        lines[0] = here(); b.stack().allow(b.productpage()).toCall(b.reviews(), b.ratingsService());
        lines[1] = here(); b.stack().allow(b.reviewsV3(), b.reviewsV1()).toCall(b.ratingsService());
        b.stack().allow(b.reviewsV2(), b.reviewsV1()).toCall(b.ratingsService());
      });
      r.assertNoErrors();
      assertEquals(List.of("reviews", "ratings"), r.names(AuthorizationPolicy.class));
      AuthorizationPolicy ratings = r.get(AuthorizationPolicy.class, "ratings");
      assertEquals(NS, ratings.getMetadata().getNamespace());
      assertText("ALLOW", ratings, "spec.action");
      assertEquals(Map.of("app", "ratings"), map(ratings, "spec.selector.matchLabels"));
      assertEquals(1, at(ratings, "spec.rules").size());
      assertEquals(1, at(ratings, "spec.rules[0].from").size());
      assertEquals(List.of("cluster.local/ns/bookinfo/sa/productpage", "cluster.local/ns/bookinfo/sa/reviews-v1",
          "cluster.local/ns/bookinfo/sa/reviews-v2", "cluster.local/ns/bookinfo/sa/reviews-v3"),
          texts(ratings, "spec.rules[0].from[0].source.principals"), "merged across allow(...), sorted, each once");
      AuthorizationPolicy reviews = r.get(AuthorizationPolicy.class, "reviews");
      assertEquals(Map.of("app", "reviews"), map(reviews, "spec.selector.matchLabels"),
          "every pod the Service selects");
      assertEquals(List.of("cluster.local/ns/bookinfo/sa/productpage"),
          texts(reviews, "spec.rules[0].from[0].source.principals"));
      assertLine(lines[0], r.resource(AuthorizationPolicy.class, "ratings"), "spec.rules"); // its first allow(...)
      assertEquals(List.of("productpage", "reviews-v1", "reviews-v2", "reviews-v3"), r.names(ServiceAccount.class),
          "a ServiceAccount per caller, sorted");
      r.all(ServiceAccount.class).forEach(account -> assertEquals(NS, account.getMetadata().getNamespace()));
      assertTrue(r.names(AuthorizationPolicy.class).stream().noneMatch("allow-nothing"::equals));
    }

    @Test
    void denyByDefaultAddsAnAllowNothingPolicy() {
      Result r = synth((b, mesh) -> {
        mesh.mtls(MtlsMode.STRICT);
        b.stack().denyByDefault();
        b.stack().allow(b.productpage()).toCall(b.reviews());
      });
      r.assertNoErrors();
      assertEquals(List.of("reviews", "allow-nothing"), r.names(AuthorizationPolicy.class));
      AuthorizationPolicy nothing = r.get(AuthorizationPolicy.class, "allow-nothing");
      assertEquals(NS, nothing.getMetadata().getNamespace());
      assertTrue(YamlRenderer.render(nothing).contains("\nspec: {}\n"), YamlRenderer.render(nothing));

      Result alone = synth((b, mesh) -> {
        mesh.mtls(MtlsMode.STRICT);
        b.stack().denyByDefault();
      });
      alone.assertNoErrors();
      assertEquals(List.of("allow-nothing"), alone.names(AuthorizationPolicy.class));
      assertTrue(alone.names(ServiceAccount.class).isEmpty(), alone::dump);

      Result noMesh = synth((b, mesh) -> b.stack().denyByDefault());
      noMesh.assertNoErrors();
      assertEquals(List.of(), noMesh.names(AuthorizationPolicy.class), "a stack without a mesh gets NetworkPolicies only");
    }
  }

  // ============================================================================ rate limits and telemetry

  @Test
  void aRateLimitIsTheDocumentedLocalRateLimitEnvoyFilter() {
    int[] line = new int[1];
    Result r = synth((b, mesh) -> {
      line[0] = here(); mesh.rateLimit(b.productpage(), RateLimit.of(100).per(Duration.ofMinutes(1)).burst(150));
    });
    r.assertNoErrors();
    assertEquals(List.of("productpage-local-rate-limit"), r.names(EnvoyFilter.class));
    EnvoyFilter filter = r.get(EnvoyFilter.class, "productpage-local-rate-limit");
    assertEquals(NS, filter.getMetadata().getNamespace());
    assertEquals(Map.of(MeshEmitter.ISTIO_VERSION_ANNOTATION, Mesh.DEFAULT_ISTIO_VERSION),
        filter.getMetadata().getAnnotations());
    assertEquals("portico.dev/istio-version", MeshEmitter.ISTIO_VERSION_ANNOTATION);
    assertEquals(Map.of("app", "productpage", "version", "v1"), map(filter, "spec.workloadSelector.labels"),
        "the app's pods");
    String patch = "spec.configPatches[0]";
    assertEquals(1, at(filter, "spec.configPatches").size());
    assertText("HTTP_FILTER", filter, patch + ".applyTo");
    assertText("SIDECAR_INBOUND", filter, patch + ".match.context");
    assertText("envoy.filters.network.http_connection_manager", filter,
        patch + ".match.listener.filterChain.filter.name");
    assertText("INSERT_BEFORE", filter, patch + ".patch.operation");
    String value = patch + ".patch.value";
    assertText("envoy.filters.http.local_ratelimit", filter, value + ".name");
    assertText("type.googleapis.com/udpa.type.v1.TypedStruct", filter, value + ".typed_config.@type");
    assertText("type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit", filter,
        value + ".typed_config.type_url");
    String bucket = value + ".typed_config.value.token_bucket";
    assertText("150", filter, bucket + ".max_tokens");
    assertText("100", filter, bucket + ".tokens_per_fill");
    assertText("60s", filter, bucket + ".fill_interval");
    assertText("http_local_rate_limiter", filter, value + ".typed_config.value.stat_prefix");
    assertText("100", filter, value + ".typed_config.value.filter_enforced.default_value.numerator");
    assertText("HUNDRED", filter, value + ".typed_config.value.filter_enabled.default_value.denominator");
    assertLine(line[0], r.resource(EnvoyFilter.class, "productpage-local-rate-limit"), "spec.configPatches[0]");
  }

  @Test
  void theRateLimitRecordsTheIstioVersionItTargets() {
    Result r = synth((b, mesh) -> {
      mesh.istioVersion("1.26");
      mesh.rateLimit(b.ratings(), RateLimit.of(10).per(Duration.ofMillis(500)));
    });
    r.assertNoErrors();
    EnvoyFilter filter = r.get(EnvoyFilter.class, "ratings-local-rate-limit");
    assertEquals("1.26", filter.getMetadata().getAnnotations().get(MeshEmitter.ISTIO_VERSION_ANNOTATION));
    String bucket = "spec.configPatches[0].patch.value.typed_config.value.token_bucket";
    assertText("10", filter, bucket + ".max_tokens");
    assertText("10", filter, bucket + ".tokens_per_fill");
    assertText("0.5s", filter, bucket + ".fill_interval");
    assertEquals(Map.of("app", "ratings"), map(filter, "spec.workloadSelector.labels"));
  }

  @Test
  void telemetryForTheNamespaceAndForAnApp() {
    int[] line = new int[1];
    Result r = synth((b, mesh) -> {
      mesh.telemetry(t -> t.accessLogging(true));
      line[0] = here(); mesh.telemetry(b.reviewsV1(), t -> t.accessLogging(false).tracing(12.5)
          .metricTag("request_host", "request.host").metricTag("destination_port", "string(destination.port)"));
      mesh.telemetry(b.ratings(), t -> t.tracing(100));
    });
    r.assertNoErrors();
    assertEquals(List.of("default", "reviews-v1", "ratings"), r.names(Telemetry.class));
    Telemetry namespace = r.get(Telemetry.class, "default");
    assertEquals(NS, namespace.getMetadata().getNamespace());
    assertAbsent(namespace, "spec.selector");
    assertEquals(1, at(namespace, "spec.accessLogging").size());
    assertText("envoy", namespace, "spec.accessLogging[0].providers[0].name");
    assertAbsent(namespace, "spec.accessLogging[0].disabled");
    assertAbsent(namespace, "spec.tracing");
    assertAbsent(namespace, "spec.metrics");

    Telemetry v1 = r.get(Telemetry.class, "reviews-v1");
    assertEquals(Map.of("app", "reviews", "version", "v1"), map(v1, "spec.selector.matchLabels"));
    assertText("true", v1, "spec.accessLogging[0].disabled");
    assertAbsent(v1, "spec.accessLogging[0].providers");
    assertEquals(12.5, at(v1, "spec.tracing[0].randomSamplingPercentage").asDouble());
    assertText("prometheus", v1, "spec.metrics[0].providers[0].name");
    assertText("ALL_METRICS", v1, "spec.metrics[0].overrides[0].match.metric");
    assertEquals(List.of("destination_port", "request_host"), keys(v1, "spec.metrics[0].overrides[0].tagOverrides"));
    assertText("UPSERT", v1, "spec.metrics[0].overrides[0].tagOverrides.request_host.operation");
    assertText("request.host", v1, "spec.metrics[0].overrides[0].tagOverrides.request_host.value");
    assertText("string(destination.port)", v1, "spec.metrics[0].overrides[0].tagOverrides.destination_port.value");
    assertLine(line[0], r.resource(Telemetry.class, "reviews-v1"), "spec.tracing");

    Telemetry ratings = r.get(Telemetry.class, "ratings");
    assertEquals(100.0, at(ratings, "spec.tracing[0].randomSamplingPercentage").asDouble());
    assertAbsent(ratings, "spec.accessLogging");
  }

  // ============================================================================ findings

  @Nested
  class Findings {
    @Test
    void aSecondRouteForAServiceIsAnErrorAtItsLineAndIsDropped() {
      int[] lines = new int[2];
      Result r = synth((b, mesh) -> {
        lines[0] = here(); mesh.route(b.reviews(), route -> route.to(b.reviews()).timeout(Duration.ofSeconds(1)));
        lines[1] = here(); mesh.route(b.reviews(), route -> route.to(b.ratingsService()));
      });
      Finding f = r.finding("mesh.route-duplicate", "VirtualService/bookinfo/reviews", "spec.hosts[0]");
      assertEquals(Severity.ERROR, f.severity());
      assertAt(f, lines[1]);
      assertTrue(f.message().contains("\"reviews\"") && f.message().contains(FILE + ":" + lines[0]), f::format);
      assertEquals(1, r.all(VirtualService.class).size(), "the first route is kept");
      assertEquals(List.of("reviews"), destinations(r.vs("reviews"), 0));
    }

    @Test
    void aRouteWithoutADefaultRuleWarnsThatUnmatchedRequestsGet404() {
      int[] lines = new int[2];
      Result r = synth((b, mesh) -> {
        lines[0] = here(); mesh.route(b.reviews(), route -> route.when(MeshMatch.uriPrefix("/api"),
            rule -> rule.to(b.reviews())));
        lines[1] = here(); mesh.route(b.ratingsService(), route -> {});
      });
      Finding matchedOnly = r.finding("mesh.route-default", "VirtualService/bookinfo/reviews", "spec.http");
      assertEquals(Severity.WARNING, matchedOnly.severity());
      assertAt(matchedOnly, lines[0]);
      assertTrue(matchedOnly.message().contains("\"reviews\"") && matchedOnly.message().contains("404"),
          matchedOnly::format);
      Finding empty = r.finding("mesh.route-default", "VirtualService/bookinfo/ratings", "spec.http");
      assertAt(empty, lines[1]);
    }

    @Test
    void aRouteWithADefaultRuleDoesNotWarn() {
      Result r = synth((b, mesh) -> mesh.route(b.reviews(), route -> route
          .when(MeshMatch.uriPrefix("/api"), rule -> rule.to(b.reviews()))
          .to(b.reviews())));
      r.assertNoErrors();
      assertTrue(r.findings("mesh.route-default").isEmpty(), r::dump);
    }

    @Test
    void aDestinationOnAServiceWithSeveralPortsIsAnErrorAtTheRule() {
      int[] lines = new int[2];
      Result r = synth((b, mesh) -> mesh.route(b.admin(), route -> {
        lines[0] = here(); route.when(MeshMatch.uriPrefix("/x"), rule -> rule.to(b.reviews()).mirror(b.admin(), 10));
        lines[1] = here(); route.to(b.reviews(), 50).to(b.admin(), 50);
      }));
      String object = "VirtualService/bookinfo/admin";
      Finding mirror = r.finding("mesh.destination-port", object, "spec.http[0].mirrors[0].destination");
      assertEquals(Severity.ERROR, mirror.severity());
      assertAt(mirror, lines[0]);
      assertTrue(mirror.message().contains("\"admin\"") && mirror.message().contains("2 ports"), mirror::format);
      Finding route = r.finding("mesh.destination-port", object, "spec.http[1].route[1].destination");
      assertAt(route, lines[1]);
      assertEquals(2, r.findings("mesh.destination-port").size(), "reviews has one port\n" + r.dump());
    }

    @Test
    void aRouteForAServiceWithSeveralPortsToOneWithOneIsFine() {
      Result r = synth((b, mesh) -> mesh.route(b.admin(), route -> route.to(b.reviews())));
      assertTrue(r.findings("mesh.destination-port").isEmpty(), r::dump);
    }

    @Test
    void aSecondPolicyForAServiceIsAnErrorAtItsLineAndTheFirstIsKept() {
      int[] lines = new int[2];
      Result r = synth((b, mesh) -> {
        lines[0] = here(); mesh.policy(b.reviews(), p -> p.loadBalancer(LoadBalancer.random()));
        lines[1] = here(); mesh.policy(b.reviews(), p -> p.istioMutualTls());
      });
      Finding f = r.finding("mesh.policy-duplicate", "DestinationRule/bookinfo/reviews", "spec.trafficPolicy");
      assertEquals(Severity.ERROR, f.severity());
      assertAt(f, lines[1]);
      assertTrue(f.message().contains("\"reviews\"") && f.message().contains(FILE + ":" + lines[0]), f::format);
      assertEquals(1, r.all(DestinationRule.class).size());
      assertText("RANDOM", r.dr("reviews"), "spec.trafficPolicy.loadBalancer.simple");
      assertAbsent(r.dr("reviews"), "spec.trafficPolicy.tls");
    }

    @Test
    void authorizingCallsToAServiceWithoutPodsIsAnErrorAtTheAllow() {
      int[] line = new int[1];
      Result r = synth((b, mesh) -> {
        mesh.mtls(MtlsMode.STRICT);
        line[0] = here(); b.stack().allow(b.productpage()).toCall(b.legacy(), b.reviews());
      });
      Finding f = r.finding("allow.target", "Service/bookinfo/legacy", "");
      assertEquals(Severity.ERROR, f.severity());
      assertAt(f, line[0]);
      assertTrue(f.message().contains("\"legacy\"") && f.message().contains("toReach(legacy"), f::format);
      assertEquals(List.of("reviews"), r.names(AuthorizationPolicy.class), "no policy for legacy");
    }

    @Test
    void aRateLimitEnvoyWouldRejectIsAnErrorAtItsLine() {
      int[] lines = new int[2];
      Result r = synth((b, mesh) -> {
        lines[0] = here(); mesh.rateLimit(b.productpage(), RateLimit.of(0).per(Duration.ofMillis(10)).burst(-1));
        lines[1] = here(); mesh.rateLimit(b.ratings(), RateLimit.of(1).per(Duration.ofMillis(50)).burst(1));
      });
      String object = "EnvoyFilter/bookinfo/productpage-local-rate-limit";
      String bucket = "spec.configPatches[0].patch.value.typed_config.value.token_bucket";
      Finding requests = r.finding("mesh.rate-limit", object, bucket + ".tokens_per_fill");
      assertEquals(Severity.ERROR, requests.severity());
      assertAt(requests, lines[0]);
      assertTrue(requests.message().startsWith("0 "), requests::format);
      Finding burst = r.finding("mesh.rate-limit", object, bucket + ".max_tokens");
      assertAt(burst, lines[0]);
      assertTrue(burst.message().contains("-1"), burst::format);
      Finding interval = r.finding("mesh.rate-limit", object, bucket + ".fill_interval");
      assertAt(interval, lines[0]);
      assertTrue(interval.message().contains("\"0.01s\"") && interval.message().contains("50ms"), interval::format);
      assertEquals(3, r.findings("mesh.rate-limit").size(), "the ratings limit is at the edge of what Envoy takes\n"
          + r.dump());
    }

    @Test
    void aSecondFaultOfAKindFailsTheDefinition() {
      Result r = synth((b, mesh) -> mesh.route(b.reviews(), route -> route.to(b.reviews())
          .fault(Fault.abort(500)).fault(Fault.abort(503))));
      List<Finding> failed = r.findings("stack.define");
      assertEquals(1, failed.size(), r::dump);
      assertEquals(Severity.ERROR, failed.get(0).severity());
      assertEquals(FILE, failed.get(0).location().file());
      assertTrue(failed.get(0).message().contains("one abort"), failed.get(0)::format);
    }

    @Test
    void aValidMeshHasNoMeshFindings() {
      Result r = synth((b, mesh) -> {
        Subset v1 = mesh.subset(b.reviews(), "v1");
        Subset v2 = mesh.subset(b.reviews(), "v2");
        mesh.route(b.reviews(), route -> route.when(MeshMatch.header("end-user", "jason"), rule -> rule.to(v2))
            .to(v1, 90).to(v2, 10).timeout(Duration.ofSeconds(5)));
        mesh.policy(b.reviews(), p -> p.loadBalancer(LoadBalancer.leastRequest()).istioMutualTls());
        mesh.external("payments", "api.payments.example.com", Port.https(443));
        mesh.mtls(MtlsMode.STRICT);
        b.stack().allow(b.productpage()).toCall(b.reviews());
        b.stack().allow(b.reviewsV1(), b.reviewsV2()).toCall(b.ratingsService());
        b.stack().denyByDefault();
        mesh.rateLimit(b.productpage(), RateLimit.of(100));
        mesh.telemetry(t -> t.accessLogging(true).tracing(1));
      });
      r.assertNoErrors();
      assertEquals(List.of(), r.findings().stream().filter(f -> f.rule().startsWith("mesh.")
          && !f.rule().equals("mesh.port-name")).map(Finding::format).toList());
      // admin's port "metrics" is not an Istio protocol name: the one expected mesh warning
      assertEquals(List.of("spec.ports[1].name"), r.findings("mesh.port-name").stream().map(Finding::path).toList(),
          r::dump);
    }
  }
}
