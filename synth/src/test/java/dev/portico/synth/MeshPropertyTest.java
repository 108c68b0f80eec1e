package dev.portico.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.App;
import dev.portico.dsl.DestinationPolicy;
import dev.portico.dsl.Fault;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.LoadBalancer;
import dev.portico.dsl.Mesh;
import dev.portico.dsl.MeshMatch;
import dev.portico.dsl.MeshRule;
import dev.portico.dsl.MtlsMode;
import dev.portico.dsl.Port;
import dev.portico.dsl.RateLimit;
import dev.portico.dsl.Retries;
import dev.portico.dsl.Service;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.Subset;
import dev.portico.dsl.Tls;
import dev.portico.synth.render.YamlRenderer;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Severity;
import dev.portico.synth.validate.Validator;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortHttpStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMirrorPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetry;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded property tests of the service mesh. A random valid mesh (Services with one port and one
 * to three versions, each an app labelled {@code version}; subsets by version or by label; routes
 * with header and URI matches, weighted destinations on subsets or whole Services, timeouts,
 * retries, faults, mirrors, redirects and rewrites; destination policies; external hosts; mutual
 * TLS; authorizations; rate limits; telemetry; now and then an edge through the Istio ingress
 * gateway) must synthesize without errors, and every destination of every rendered VirtualService
 * (route and mirror) must be a Service of the stack and, when it names a subset, one that the
 * DestinationRule for that host defines. Then one random mutation of the rendered Istio objects
 * must be reported by the rule it breaks, at exactly the field it breaks.
 *
 * <p>Seeds 1-{@value #SEEDS} run by default; {@code -Dportico.seed=N} runs only seed {@code N}.
 * Every failure names its seed and prints the model.
 */
class MeshPropertyTest {
  static final int SEEDS = 100;

  static LongStream seeds() {
    String only = System.getProperty("portico.seed", "").trim();
    if (!only.isEmpty()) {
      return LongStream.of(Long.parseLong(only));
    }
    return LongStream.rangeClosed(1, SEEDS);
  }

  static String at(long seed, Model model) {
    return "seed " + seed + " (replay with -Dportico.seed=" + seed + ")\nmodel:\n" + model.describe() + "\n";
  }

  static Synthesis synthesize(Model model) {
    return Synthesizer.synthesize(List.of(new ModelStack(model)), List.of(), Map.of());
  }

  static String dump(List<Resource> resources) {
    return resources.stream().map(Resource::object).filter(o -> o.getClass().getName().startsWith("io.fabric8.istio"))
        .map(o -> "---\n" + YamlRenderer.render(o)).collect(Collectors.joining());
  }

  static String describe(List<Finding> findings) {
    return findings.isEmpty() ? "  (none)" : findings.stream().map(f -> "  " + f.format())
        .collect(Collectors.joining("\n"));
  }

  static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : values;
  }

  // ============================================================================ the properties

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aRandomMeshSynthesizesAndEveryDestinationResolves(long seed) {
    Model model = Model.generate(seed);
    Synthesis synthesis = synthesize(model);
    List<Resource> resources = synthesis.outputs().get(0).resources();
    List<Finding> errors = synthesis.findings().stream().filter(Finding::isError).toList();
    assertTrue(errors.isEmpty(), () -> at(seed, model) + "errors:\n" + describe(errors) + "\n" + dump(resources));

    Set<String> services = new HashSet<>();
    Map<String, Set<String>> subsets = new HashMap<>();
    List<VirtualService> virtualServices = new ArrayList<>();
    for (Resource resource : resources) {
      HasMetadata object = resource.object();
      assertEquals(model.namespace(), object.getMetadata().getNamespace(), object.getMetadata().getName());
      if (object instanceof io.fabric8.kubernetes.api.model.Service service) {
        services.add(service.getMetadata().getName());
      } else if (object instanceof DestinationRule rule) {
        Set<String> names = subsets.computeIfAbsent(rule.getSpec().getHost(), h -> new HashSet<>());
        list(rule.getSpec().getSubsets()).forEach(subset -> names.add(subset.getName()));
      } else if (object instanceof VirtualService vs) {
        virtualServices.add(vs);
      }
    }
    int checked = 0;
    for (VirtualService vs : virtualServices) {
      List<HTTPRoute> http = list(vs.getSpec().getHttp());
      for (int r = 0; r < http.size(); r++) {
        List<Destination> destinations = new ArrayList<>();
        list(http.get(r).getRoute()).forEach(d -> destinations.add(d.getDestination()));
        list(http.get(r).getMirrors()).forEach(m -> destinations.add(m.getDestination()));
        if (http.get(r).getMirror() != null) {
          destinations.add(http.get(r).getMirror());
        }
        for (Destination destination : destinations) {
          String where = "VirtualService " + vs.getMetadata().getName() + " spec.http[" + r + "] destination "
              + destination.getHost() + "/" + destination.getSubset();
          assertTrue(services.contains(destination.getHost()), () -> at(seed, model) + where
              + " is not a Service of the stack " + services + "\n" + dump(resources));
          if (destination.getSubset() != null) {
            Set<String> defined = subsets.getOrDefault(destination.getHost(), Set.of());
            assertTrue(defined.contains(destination.getSubset()), () -> at(seed, model) + where
                + " names a subset its DestinationRule does not define: " + defined + "\n" + dump(resources));
          }
          checked++;
        }
      }
    }
    int declared = model.routes().stream().mapToInt(route -> route.rules().stream()
        .mapToInt(rule -> rule.destinations().size() + (rule.mirror() == null ? 0 : 1)).sum()).sum();
    int edge = model.edge() == null ? 0 : model.edge().hosts().size();
    assertEquals(declared + edge, checked, () -> at(seed, model) + "a destination per declared one\n"
        + dump(resources));
  }

  /** The default seeds between them use every feature of the generator, so the property above means something. */
  @Test
  void theDefaultSeedsCoverEveryFeature() {
    Set<String> seen = new TreeSet<>();
    for (long seed = 1; seed <= SEEDS; seed++) {
      seen.addAll(Model.generate(seed).features());
    }
    Set<String> missing = new TreeSet<>(Model.FEATURES);
    missing.removeAll(seen);
    assertEquals(Set.of(), missing, "features no default seed generates");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aMutationOfARenderedObjectIsReportedWhereItBreaks(long seed) {
    Trial trial = Trial.run(seed);
    assertNotNull(trial.mutation(), () -> at(seed, trial.model()) + "no mutation applies");
    Expected expected = trial.expected();
    boolean found = trial.after().stream().anyMatch(f -> f.rule().equals(expected.rule())
        && f.path().equals(expected.path()) && f.object().equals(expected.object())
        && f.severity() == expected.severity());
    assertTrue(found, () -> at(seed, trial.model()) + "mutation '" + trial.mutation().name() + "' of "
        + expected.object() + " should be reported as " + expected.severity().label() + " [" + expected.rule()
        + "] at " + expected.path() + ", got:\n" + describe(trial.after()) + "\n\nthe mutated object:\n"
        + YamlRenderer.render(trial.mutated()));
  }

  @Test
  void theDefaultSeedsTryEveryMutation() {
    Set<String> tried = new HashSet<>();
    for (long seed = 1; seed <= SEEDS; seed++) {
      Trial trial = Trial.run(seed);
      if (trial.mutation() != null) {
        tried.add(trial.mutation().name());
      }
    }
    Set<String> missing = new TreeSet<>();
    MUTATIONS.forEach(m -> missing.add(m.name()));
    missing.removeAll(tried);
    assertEquals(Set.of(), missing, "mutations no default seed tries");
  }

  // ============================================================================ the model

  /** A Service on one port, its pods in versions: apps {@code <name>-<version>} labelled {@code version}. */
  record ServiceModel(String name, String portName, int port, List<String> versions) {
    String app(int version) {
      return name + "-" + versions.get(version);
    }
  }

  /** Subset {@code name} of service {@code service}, picking version {@code version}; by DSL default when {@code byDefault}. */
  record SubsetModel(int service, String name, int version, boolean byDefault) {}

  /** A destination: a Service, or one of its subsets ({@code subset} indexes the model's subsets); weight null for none. */
  record DestinationModel(int service, Integer subset, Integer weight) {}

  /** {@code kind}: 0 URI prefix, 1 exact, 2 regex, 3 headers only. */
  record MatchModel(int kind, String uri, Map<String, String> headers) {
    MeshMatch toMatch() {
      MeshMatch match = switch (kind) {
        case 0 -> MeshMatch.uriPrefix(uri);
        case 1 -> MeshMatch.uriExact(uri);
        case 2 -> MeshMatch.uriRegex(uri);
        default -> null;
      };
      for (var header : headers.entrySet()) {
        match = match == null ? MeshMatch.header(header.getKey(), header.getValue())
            : match.withHeader(header.getKey(), header.getValue());
      }
      return match;
    }

    @Override
    public String toString() {
      return (kind == 3 ? "" : List.of("prefix", "exact", "regex").get(kind) + " " + uri) + (headers.isEmpty() ? ""
          : " " + headers);
    }
  }

  record RetryModel(int attempts, Integer perTryMillis, List<String> on) {}

  /**
   * A rule: matched ({@code match} set) or the default. A redirect rule has nothing else; {@code delayPercent}
   * and {@code abortPercent} are null without that fault.
   */
  record RuleModel(MatchModel match, List<DestinationModel> destinations, Integer timeoutMillis, RetryModel retries,
      Integer delayMillis, Double delayPercent, Integer abortStatus, Double abortPercent, DestinationModel mirror,
      double mirrorPercent, String redirect, int redirectCode, boolean rewrite) {}

  record RouteModel(int service, List<RuleModel> rules) {}

  /** {@code lb}: -1 none, 0 round robin, 1 least request, 2 random, 3 header, 4 cookie. */
  record PolicyModel(int service, int lb, Integer maxConnections, Integer maxPending, Integer perConnection,
      Integer consecutiveErrors, Integer intervalMillis, Integer ejectionMillis, Integer maxEjection, boolean mutual) {}

  /** {@code ports}: indexes into {@link Generator#EXTERNAL_PORTS}. */
  record ExternalModel(String name, String host, List<Integer> ports) {}

  /** {@code callers} and {@code callee} index apps and services. */
  record AllowModel(List<Integer> callers, List<Integer> callees) {}

  record LimitModel(int app, int requests, int perMillis, int burst) {}

  /** {@code app} -1 for the namespace; {@code accessLogging} null to leave it. */
  record TelemetryModel(int app, Boolean accessLogging, Double tracing, Map<String, String> tags) {}

  /** An exposure through the Istio ingress gateway: hosts to services, with TLS from a Secret or not. */
  record EdgeModel(List<String> hosts, List<Integer> services, List<Boolean> tls) {}

  record Model(String namespace, List<ServiceModel> services, List<SubsetModel> subsets, List<RouteModel> routes,
      List<PolicyModel> policies, List<ExternalModel> externals, MtlsMode namespaceMtls, Map<Integer, MtlsMode> appMtls,
      List<AllowModel> allows, boolean denyByDefault, List<LimitModel> limits, List<TelemetryModel> telemetry,
      String istioVersion, EdgeModel edge) {

    static final List<String> FEATURES = List.of("several services", "three versions", "a subset by default",
        "a subset by labels", "a route", "a matched rule", "a prefix match", "an exact match", "a regex match",
        "a header match", "a match with URI and header", "a weighted split", "a weight of 0", "a whole-Service destination",
        "a destination on another Service", "a timeout", "a sub-second timeout", "retries", "retries with retryOn",
        "a delay", "an abort", "a mirror", "a mirror to a subset", "a redirect", "a rewrite", "a route without default",
        "a policy", "round robin", "least request", "random", "consistent hash on a header",
        "consistent hash on a cookie", "a connection pool", "outlier detection", "ISTIO_MUTUAL", "an external host",
        "namespace mTLS", "app mTLS", "an authorization", "deny by default", "a rate limit", "namespace telemetry",
        "app telemetry", "metric tags", "an Istio version", "an edge", "an edge with TLS");

    static Model generate(long seed) {
      return new Generator(new Random(seed)).generate();
    }

    /** The {@link #FEATURES} this model uses. */
    Set<String> features() {
      Set<String> f = new HashSet<>();
      if (services.size() > 1) {
        f.add("several services");
      }
      if (services.stream().anyMatch(s -> s.versions().size() == 3)) {
        f.add("three versions");
      }
      for (SubsetModel subset : subsets) {
        f.add(subset.byDefault() ? "a subset by default" : "a subset by labels");
      }
      for (PolicyModel policy : policies) {
        f.add("a policy");
        if (policy.lb() >= 0) {
          f.add(List.of("round robin", "least request", "random", "consistent hash on a header",
              "consistent hash on a cookie").get(policy.lb()));
        }
        if (policy.maxConnections() != null || policy.maxPending() != null) {
          f.add("a connection pool");
        }
        if (policy.consecutiveErrors() != null) {
          f.add("outlier detection");
        }
        if (policy.mutual()) {
          f.add("ISTIO_MUTUAL");
        }
      }
      for (RouteModel route : routes) {
        f.add("a route");
        if (route.rules().isEmpty() || route.rules().get(route.rules().size() - 1).match() != null) {
          f.add("a route without default");
        }
        for (RuleModel rule : route.rules()) {
          if (rule.match() != null) {
            f.add("a matched rule");
            f.add(switch (rule.match().kind()) {
              case 0 -> "a prefix match";
              case 1 -> "an exact match";
              case 2 -> "a regex match";
              default -> "a header match";
            });
            if (rule.match().kind() != 3 && !rule.match().headers().isEmpty()) {
              f.add("a match with URI and header");
            }
          }
          if (rule.destinations().size() > 1) {
            f.add("a weighted split");
          }
          for (DestinationModel d : rule.destinations()) {
            if (d.weight() != null && d.weight() == 0) {
              f.add("a weight of 0");
            }
            if (d.subset() == null) {
              f.add("a whole-Service destination");
            }
            if (d.service() != route.service()) {
              f.add("a destination on another Service");
            }
          }
          if (rule.timeoutMillis() != null) {
            f.add(rule.timeoutMillis() < 1000 ? "a sub-second timeout" : "a timeout");
          }
          if (rule.retries() != null) {
            f.add(rule.retries().on().isEmpty() ? "retries" : "retries with retryOn");
          }
          if (rule.delayMillis() != null) {
            f.add("a delay");
          }
          if (rule.abortStatus() != null) {
            f.add("an abort");
          }
          if (rule.mirror() != null) {
            f.add(rule.mirror().subset() == null ? "a mirror" : "a mirror to a subset");
          }
          if (rule.redirect() != null) {
            f.add("a redirect");
          }
          if (rule.rewrite()) {
            f.add("a rewrite");
          }
        }
      }
      if (!externals.isEmpty()) {
        f.add("an external host");
      }
      if (namespaceMtls != null) {
        f.add("namespace mTLS");
      }
      if (!appMtls.isEmpty()) {
        f.add("app mTLS");
      }
      if (!allows.isEmpty()) {
        f.add("an authorization");
      }
      if (denyByDefault) {
        f.add("deny by default");
      }
      if (!limits.isEmpty()) {
        f.add("a rate limit");
      }
      for (TelemetryModel t : telemetry) {
        f.add(t.app() < 0 ? "namespace telemetry" : "app telemetry");
        if (!t.tags().isEmpty()) {
          f.add("metric tags");
        }
      }
      if (istioVersion != null) {
        f.add("an Istio version");
      }
      if (edge != null) {
        f.add("an edge");
        if (edge.tls().contains(true)) {
          f.add("an edge with TLS");
        }
      }
      return f;
    }

    String describe() {
      StringBuilder sb = new StringBuilder("  namespace ").append(namespace).append('\n');
      for (int s = 0; s < services.size(); s++) {
        ServiceModel service = services.get(s);
        sb.append("  service[").append(s).append("] ").append(service.name()).append(' ').append(service.portName())
            .append('=').append(service.port()).append(" versions ").append(service.versions()).append('\n');
      }
      for (int s = 0; s < subsets.size(); s++) {
        SubsetModel subset = subsets.get(s);
        sb.append("  subset[").append(s).append("] ").append(services.get(subset.service()).name()).append('/')
            .append(subset.name()).append(" version ").append(services.get(subset.service()).versions()
                .get(subset.version())).append(subset.byDefault() ? " (by default)" : "").append('\n');
      }
      for (RouteModel route : routes) {
        sb.append("  route ").append(services.get(route.service()).name()).append('\n');
        for (RuleModel rule : route.rules()) {
          sb.append("    ").append(rule.match() == null ? "default" : "when " + rule.match()).append(" -> ")
              .append(rule.destinations().stream().map(this::describe).collect(Collectors.joining(", ")));
          if (rule.timeoutMillis() != null) {
            sb.append(" timeout ").append(rule.timeoutMillis()).append("ms");
          }
          if (rule.retries() != null) {
            sb.append(" retries ").append(rule.retries());
          }
          if (rule.delayMillis() != null) {
            sb.append(" delay ").append(rule.delayMillis()).append("ms@").append(rule.delayPercent());
          }
          if (rule.abortStatus() != null) {
            sb.append(" abort ").append(rule.abortStatus()).append('@').append(rule.abortPercent());
          }
          if (rule.mirror() != null) {
            sb.append(" mirror ").append(describe(rule.mirror())).append('@').append(rule.mirrorPercent());
          }
          if (rule.redirect() != null) {
            sb.append(" redirect ").append(rule.redirect()).append(' ').append(rule.redirectCode());
          }
          if (rule.rewrite()) {
            sb.append(" rewrite /");
          }
          sb.append('\n');
        }
      }
      policies.forEach(p -> sb.append("  policy ").append(services.get(p.service()).name()).append(' ').append(p)
          .append('\n'));
      externals.forEach(e -> sb.append("  external ").append(e).append('\n'));
      sb.append("  mtls ").append(namespaceMtls).append(' ').append(appMtls).append(", deny ").append(denyByDefault)
          .append(", istio ").append(istioVersion).append('\n');
      allows.forEach(a -> sb.append("  allow ").append(a).append('\n'));
      limits.forEach(l -> sb.append("  limit ").append(l).append('\n'));
      telemetry.forEach(t -> sb.append("  telemetry ").append(t).append('\n'));
      if (edge != null) {
        sb.append("  edge ").append(edge).append('\n');
      }
      return sb.toString();
    }

    private String describe(DestinationModel d) {
      return services.get(d.service()).name() + (d.subset() == null ? "" : "/" + subsets.get(d.subset()).name())
          + (d.weight() == null ? "" : "@" + d.weight());
    }
  }

  /** Draws a {@link Model}; the same one for the same seed. */
  static final class Generator {
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final List<String> PORT_NAMES = List.of("http", "http-api", "grpc", "http2", "grpc-web", "tcp");
    private static final List<String> CUSTOM_SUBSETS = List.of("stable", "canary", "blue", "green");
    private static final List<String> RETRY_ON = List.of("5xx", "gateway-error", "reset", "connect-failure",
        "retriable-4xx", "refused-stream", "cancelled", "deadline-exceeded", "unavailable", "503");
    private static final List<String> REGEXES = List.of("^/v[0-9]+/.*$", "/api/.*", ".*[.]png");
    private static final List<String> SEGMENTS = List.of("api", "v1", "v2", "shop", "cart", "static", "login");
    /** External ports: name (null for none), number, DSL factory. */
    static final List<Port> EXTERNAL_PORTS = List.of(Port.https(443), Port.http(80), Port.grpc(8443),
        Port.tcp(5432), Port.tcp("mongo", 27017));
    private final Random random;
    private final Set<String> labels = new HashSet<>(Set.of("default", "nowhere", "missing", "undefined", "renamed"));

    Generator(Random random) {
      this.random = random;
    }

    private <T> T pick(List<T> values) {
      return values.get(random.nextInt(values.size()));
    }

    private boolean chance(int percent) {
      return random.nextInt(100) < percent;
    }

    private String label(int min, int max) {
      while (true) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
          sb.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        if (labels.add(sb.toString())) {
          return sb.toString();
        }
      }
    }

    private double percent() {
      return switch (random.nextInt(5)) {
        case 0 -> 100;
        case 1 -> 0.5;
        case 2 -> 0;
        default -> (1 + random.nextInt(1000)) / 10.0;
      };
    }

    Model generate() {
      String namespace = label(3, 10);
      List<ServiceModel> services = new ArrayList<>();
      for (int s = 1 + random.nextInt(4); s > 0; s--) {
        List<String> versions = new ArrayList<>();
        for (int v = 1 + random.nextInt(3); v > 0; v--) {
          versions.add("v" + (versions.size() + 1));
        }
        services.add(new ServiceModel(label(2, 8), pick(PORT_NAMES), 1024 + random.nextInt(8976), versions));
      }
      List<SubsetModel> subsets = new ArrayList<>();
      for (int s = 0; s < services.size(); s++) {
        Set<String> names = new HashSet<>();
        for (int v = 0; v < services.get(s).versions().size(); v++) {
          if (!chance(75)) {
            continue;
          }
          boolean byDefault = chance(70);
          String name = byDefault ? services.get(s).versions().get(v) : pick(CUSTOM_SUBSETS);
          if (names.add(name)) {
            subsets.add(new SubsetModel(s, name, v, byDefault));
          }
        }
      }
      List<RouteModel> routes = new ArrayList<>();
      for (int s = 0; s < services.size(); s++) {
        if (chance(70)) {
          routes.add(route(s, services, subsets));
        }
      }
      if (routes.isEmpty()) {
        routes.add(route(0, services, subsets));
      }
      List<PolicyModel> policies = new ArrayList<>();
      for (int s = 0; s < services.size(); s++) {
        if (chance(40)) {
          policies.add(policy(s));
        }
      }
      List<ExternalModel> externals = new ArrayList<>();
      for (int e = random.nextInt(3); e > 0; e--) {
        List<Integer> ports = new ArrayList<>(List.of(0, 1, 2, 3, 4));
        Collections.shuffle(ports, random);
        externals.add(new ExternalModel("ext-" + label(2, 6), label(2, 8) + ".example.com",
            List.copyOf(ports.subList(0, 1 + random.nextInt(2)))));
      }
      int apps = services.stream().mapToInt(s -> s.versions().size()).sum();
      MtlsMode namespaceMtls = chance(50) ? pick(List.of(MtlsMode.values())) : null;
      Map<Integer, MtlsMode> appMtls = new LinkedHashMap<>();
      for (int a = random.nextInt(3); a > 0; a--) {
        appMtls.putIfAbsent(random.nextInt(apps), pick(List.of(MtlsMode.values())));
      }
      List<AllowModel> allows = new ArrayList<>();
      for (int a = random.nextInt(4); a > 0; a--) {
        List<Integer> callers = new ArrayList<>();
        for (int c = 1 + random.nextInt(3); c > 0; c--) {
          callers.add(random.nextInt(apps));
        }
        List<Integer> callees = new ArrayList<>();
        for (int c = 1 + random.nextInt(2); c > 0; c--) {
          callees.add(random.nextInt(services.size()));
        }
        allows.add(new AllowModel(callers, callees));
      }
      List<LimitModel> limits = new ArrayList<>();
      Set<Integer> limited = new HashSet<>();
      for (int l = random.nextInt(3); l > 0; l--) {
        int app = random.nextInt(apps);
        if (limited.add(app)) {
          int requests = 1 + random.nextInt(1000);
          limits.add(new LimitModel(app, requests, pick(List.of(1000, 60_000, 500, 10_000)),
              requests + (chance(50) ? 0 : random.nextInt(500))));
        }
      }
      List<TelemetryModel> telemetry = new ArrayList<>();
      if (chance(40)) {
        telemetry.add(telemetry(-1));
      }
      Set<Integer> observed = new HashSet<>();
      for (int t = random.nextInt(3); t > 0; t--) {
        int app = random.nextInt(apps);
        if (observed.add(app)) {
          telemetry.add(telemetry(app));
        }
      }
      EdgeModel edge = null;
      if (chance(50)) {
        List<String> hosts = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        List<Boolean> tls = new ArrayList<>();
        for (int h = 1 + random.nextInt(2); h > 0; h--) {
          hosts.add(label(2, 8) + ".example.com");
          targets.add(random.nextInt(services.size()));
          tls.add(chance(50));
        }
        edge = new EdgeModel(hosts, targets, tls);
      }
      boolean denyByDefault = chance(20);
      if (!allows.isEmpty() || denyByDefault) {
        // mutual TLS off hides the callers' principals, which authorizations admit: the synthesizer reports
        // that (authorizationpolicy.call-denied, tested in MeshBoundaryAnalyzersTest); a valid stack does not do it
        namespaceMtls = namespaceMtls == MtlsMode.DISABLE ? MtlsMode.PERMISSIVE : namespaceMtls;
        appMtls.replaceAll((app, mode) -> mode == MtlsMode.DISABLE ? MtlsMode.PERMISSIVE : mode);
      }
      return new Model(namespace, services, subsets, routes, policies, externals, namespaceMtls, appMtls, allows,
          denyByDefault, limits, telemetry, chance(20) ? pick(List.of("1.26", "1.27.2")) : null, edge);
    }

    private TelemetryModel telemetry(int app) {
      Boolean logging = chance(70) ? chance(70) : null;
      Double tracing = logging == null || chance(40) ? random.nextInt(1001) / 10.0 : null;
      Map<String, String> tags = new LinkedHashMap<>();
      if (chance(30)) {
        tags.put("request_host", "request.host");
      }
      if (chance(20)) {
        tags.put("path", "request.url_path");
      }
      return new TelemetryModel(app, logging, tracing, tags);
    }

    private PolicyModel policy(int service) {
      int lb = chance(70) ? random.nextInt(5) : -1;
      boolean pool = chance(50);
      boolean outlier = chance(50);
      boolean mutual = chance(40) || (lb < 0 && !pool && !outlier);
      return new PolicyModel(service, lb, pool ? 1 + random.nextInt(1000) : null,
          pool && chance(50) ? 1 + random.nextInt(100) : null, pool && chance(30) ? 1 + random.nextInt(10) : null,
          outlier ? 1 + random.nextInt(10) : null, outlier && chance(60) ? 1 + random.nextInt(60_000) : null,
          outlier && chance(60) ? 1 + random.nextInt(60_000) : null, outlier && chance(50) ? random.nextInt(101) : null,
          mutual);
    }

    private RouteModel route(int service, List<ServiceModel> services, List<SubsetModel> subsets) {
      List<RuleModel> rules = new ArrayList<>();
      Set<String> matches = new HashSet<>();
      for (int r = random.nextInt(3); r > 0; r--) {
        MatchModel match = match();
        if (!matches.add(match.toString())) {
          continue;
        }
        if (match.kind() == 0 && chance(15)) {
          rules.add(new RuleModel(match, List.of(), null, null, null, null, null, null, null, 0,
              "/" + pick(SEGMENTS) + "/" + pick(SEGMENTS), pick(List.of(301, 302, 303, 307, 308)), false));
        } else {
          rules.add(rule(match, service, services, subsets));
        }
      }
      if (rules.isEmpty() || chance(85)) {
        rules.add(rule(null, service, services, subsets));
      }
      return new RouteModel(service, rules);
    }

    private MatchModel match() {
      int kind = random.nextInt(4);
      String uri = switch (kind) {
        case 0, 1 -> "/" + pick(SEGMENTS) + (chance(50) ? "/" + pick(SEGMENTS) : "");
        case 2 -> pick(REGEXES);
        default -> null;
      };
      Map<String, String> headers = new LinkedHashMap<>();
      if (kind == 3 || chance(25)) {
        headers.put(pick(List.of("end-user", "x-canary", "x-version")), pick(List.of("jason", "on", "beta", "2")));
      }
      return new MatchModel(kind, uri, headers);
    }

    private DestinationModel destination(int service, List<SubsetModel> subsets, Integer weight) {
      List<Integer> candidates = new ArrayList<>();
      for (int s = 0; s < subsets.size(); s++) {
        if (subsets.get(s).service() == service) {
          candidates.add(s);
        }
      }
      Integer subset = !candidates.isEmpty() && chance(75) ? pick(candidates) : null;
      return new DestinationModel(service, subset, weight);
    }

    private int target(int service, List<ServiceModel> services) {
      return chance(80) ? service : random.nextInt(services.size());
    }

    private RuleModel rule(MatchModel match, int service, List<ServiceModel> services, List<SubsetModel> subsets) {
      List<DestinationModel> destinations = new ArrayList<>();
      int count = chance(50) ? 1 : 2 + random.nextInt(2);
      List<Integer> weights = new ArrayList<>();
      for (int d = 0; d < count; d++) {
        Integer weight = null;
        if (count > 1) {
          weight = chance(10) ? 0 : random.nextInt(101);
        } else if (chance(20)) {
          weight = 100;
        }
        weights.add(weight);
      }
      if (count > 1 && weights.stream().mapToInt(Integer::intValue).sum() == 0) {
        weights.set(0, 1);
      }
      for (int d = 0; d < count; d++) {
        destinations.add(destination(target(service, services), subsets, weights.get(d)));
      }
      Integer timeout = chance(40) ? pick(List.of(1, 250, 500, 1500, 10_000, 60_000, 1 + random.nextInt(30_000)))
          : null;
      RetryModel retries = null;
      if (chance(40)) {
        List<String> on = new ArrayList<>();
        for (int o = random.nextInt(3); o > 0; o--) {
          String policy = pick(RETRY_ON);
          if (!on.contains(policy)) {
            on.add(policy);
          }
        }
        retries = new RetryModel(1 + random.nextInt(5), chance(50) ? pick(List.of(100, 500, 2000, 2500)) : null, on);
      }
      Integer delay = chance(20) ? pick(List.of(5, 500, 7000)) : null;
      Integer abort = chance(20) ? pick(List.of(400, 404, 429, 500, 503)) : null;
      DestinationModel mirror = null;
      if (chance(20)) {
        mirror = destination(target(service, services), subsets, null);
        if (match == null && mirror.subset() == null) {
          mirror = null; // the default rule mirrors to subsets only
        }
      }
      boolean rewrite = match != null && match.kind() == 0 && chance(30);
      return new RuleModel(match, destinations, timeout, retries, delay, delay == null ? null : percent(), abort,
          abort == null ? null : percent(), mirror, (random.nextInt(1001)) / 10.0, null, 0, rewrite);
    }
  }

  /** The model declared through the DSL. */
  static final class ModelStack implements StackDefinition {
    private final Model model;

    ModelStack(Model model) {
      this.model = model;
    }

    @Override
    public String name() {
      return "mesh";
    }

    @Override
    public String namespace() {
      return model.namespace();
    }

    @Override
    public void define(Stack stack) {
      List<App> apps = new ArrayList<>();
      List<Service> services = new ArrayList<>();
      for (ServiceModel service : model.services()) {
        Port port = Port.tcp(service.portName(), service.port());
        App first = null;
        for (int v = 0; v < service.versions().size(); v++) {
          String version = service.versions().get(v);
          App app = stack.app(service.app(v), a -> a.selector("app", service.name()).label("version", version)
              .ports(port));
          apps.add(app);
          first = first == null ? app : first;
        }
        services.add(stack.service(service.name(), first, s -> s.port(service.port(), port)));
      }
      Mesh mesh = stack.mesh();
      List<Subset> subsets = new ArrayList<>();
      for (SubsetModel subset : model.subsets()) {
        Service service = services.get(subset.service());
        String version = model.services().get(subset.service()).versions().get(subset.version());
        subsets.add(subset.byDefault() ? mesh.subset(service, subset.name())
            : mesh.subset(service, subset.name(), Map.of("version", version)));
      }
      for (RouteModel route : model.routes()) {
        mesh.route(services.get(route.service()), r -> {
          for (RuleModel rule : route.rules()) {
            if (rule.match() != null) {
              r.when(rule.match().toMatch(), b -> matched(b, rule, services, subsets));
            } else {
              defaults(r, rule, services, subsets);
            }
          }
        });
      }
      for (PolicyModel policy : model.policies()) {
        mesh.policy(services.get(policy.service()), p -> policy(p, policy));
      }
      for (ExternalModel external : model.externals()) {
        mesh.external(external.name(), external.host(), external.ports().stream().map(Generator.EXTERNAL_PORTS::get)
            .toArray(Port[]::new));
      }
      if (model.namespaceMtls() != null) {
        mesh.mtls(model.namespaceMtls());
      }
      model.appMtls().forEach((app, mode) -> mesh.mtls(apps.get(app), mode));
      for (AllowModel allow : model.allows()) {
        stack.allow(allow.callers().stream().map(apps::get).toArray(App[]::new))
            .toCall(allow.callees().stream().map(services::get).toArray(Service[]::new));
      }
      if (model.denyByDefault()) {
        stack.denyByDefault();
      }
      for (LimitModel limit : model.limits()) {
        mesh.rateLimit(apps.get(limit.app()), RateLimit.of(limit.requests()).per(Duration.ofMillis(limit.perMillis()))
            .burst(limit.burst()));
      }
      for (TelemetryModel telemetry : model.telemetry()) {
        java.util.function.Consumer<dev.portico.dsl.MeshTelemetry.Builder> spec = t -> {
          if (telemetry.accessLogging() != null) {
            t.accessLogging(telemetry.accessLogging());
          }
          if (telemetry.tracing() != null) {
            t.tracing(telemetry.tracing());
          }
          telemetry.tags().forEach(t::metricTag);
        };
        if (telemetry.app() < 0) {
          mesh.telemetry(spec);
        } else {
          mesh.telemetry(apps.get(telemetry.app()), spec);
        }
      }
      if (model.istioVersion() != null) {
        mesh.istioVersion(model.istioVersion());
      }
      EdgeModel edge = model.edge();
      if (edge != null) {
        stack.httpTarget(HttpTarget.istioGateway());
        stack.http("edge", site -> {
          for (int h = 0; h < edge.hosts().size(); h++) {
            int host = h;
            site.host(edge.hosts().get(h), b -> {
              if (edge.tls().get(host)) {
                b.tls(Tls.secret(edge.hosts().get(host).replace('.', '-')));
              }
              b.path("/", services.get(edge.services().get(host)));
            });
          }
        });
      }
    }

    private static void matched(MeshRule.Builder b, RuleModel rule, List<Service> services, List<Subset> subsets) {
      if (rule.redirect() != null) {
        b.redirect(rule.redirect(), rule.redirectCode());
        return;
      }
      for (DestinationModel d : rule.destinations()) {
        Service service = services.get(d.service());
        if (d.subset() == null) {
          if (d.weight() == null) {
            b.to(service);
          } else {
            b.to(service, d.weight());
          }
        } else if (d.weight() == null) {
          b.to(subsets.get(d.subset()));
        } else {
          b.to(subsets.get(d.subset()), d.weight());
        }
      }
      if (rule.timeoutMillis() != null) {
        b.timeout(Duration.ofMillis(rule.timeoutMillis()));
      }
      if (rule.retries() != null) {
        b.retries(retries(rule.retries()));
      }
      faults(rule).forEach(b::fault);
      if (rule.mirror() != null) {
        if (rule.mirror().subset() == null) {
          b.mirror(services.get(rule.mirror().service()), rule.mirrorPercent());
        } else {
          b.mirror(subsets.get(rule.mirror().subset()), rule.mirrorPercent());
        }
      }
      if (rule.rewrite()) {
        b.rewriteUri("/");
      }
    }

    private static void defaults(dev.portico.dsl.MeshRoute.Builder r, RuleModel rule, List<Service> services,
        List<Subset> subsets) {
      for (DestinationModel d : rule.destinations()) {
        Service service = services.get(d.service());
        if (d.subset() == null) {
          if (d.weight() == null) {
            r.to(service);
          } else {
            r.to(service, d.weight());
          }
        } else if (d.weight() == null) {
          r.to(subsets.get(d.subset()));
        } else {
          r.to(subsets.get(d.subset()), d.weight());
        }
      }
      if (rule.timeoutMillis() != null) {
        r.timeout(Duration.ofMillis(rule.timeoutMillis()));
      }
      if (rule.retries() != null) {
        r.retries(retries(rule.retries()));
      }
      faults(rule).forEach(r::fault);
      if (rule.mirror() != null) {
        r.mirror(subsets.get(rule.mirror().subset()), rule.mirrorPercent());
      }
    }

    private static Retries retries(RetryModel model) {
      Retries retries = Retries.of(model.attempts());
      if (model.perTryMillis() != null) {
        retries = retries.perTry(Duration.ofMillis(model.perTryMillis()));
      }
      return model.on().isEmpty() ? retries : retries.on(model.on().toArray(String[]::new));
    }

    private static List<Fault> faults(RuleModel rule) {
      List<Fault> faults = new ArrayList<>();
      if (rule.delayMillis() != null) {
        faults.add(Fault.delay(Duration.ofMillis(rule.delayMillis())).percent(rule.delayPercent()));
      }
      if (rule.abortStatus() != null) {
        faults.add(Fault.abort(rule.abortStatus()).percent(rule.abortPercent()));
      }
      return faults;
    }

    private static void policy(DestinationPolicy.Builder p, PolicyModel policy) {
      switch (policy.lb()) {
        case 0 -> p.loadBalancer(LoadBalancer.roundRobin());
        case 1 -> p.loadBalancer(LoadBalancer.leastRequest());
        case 2 -> p.loadBalancer(LoadBalancer.random());
        case 3 -> p.loadBalancer(LoadBalancer.consistentHashByHeader("x-user"));
        case 4 -> p.loadBalancer(LoadBalancer.consistentHashByCookie("session", Duration.ofMinutes(30)));
        default -> { }
      }
      if (policy.maxConnections() != null) {
        p.connectionPool(new DestinationPolicy.ConnectionPool(policy.maxConnections(), policy.maxPending(),
            policy.perConnection()));
      }
      if (policy.consecutiveErrors() != null) {
        p.outlierDetection(new DestinationPolicy.OutlierDetection(policy.consecutiveErrors(),
            policy.intervalMillis() == null ? null : Duration.ofMillis(policy.intervalMillis()),
            policy.ejectionMillis() == null ? null : Duration.ofMillis(policy.ejectionMillis()), policy.maxEjection()));
      }
      if (policy.mutual()) {
        p.istioMutualTls();
      }
    }
  }

  // ============================================================================ mutations

  /** What a mutation must be reported as. */
  record Expected(String object, String rule, String path, Severity severity, HasMetadata mutated) {
    static Expected error(HasMetadata object, String rule, String path) {
      return new Expected(id(object), rule, path, Severity.ERROR, object);
    }

    static Expected warning(HasMetadata object, String rule, String path) {
      return new Expected(id(object), rule, path, Severity.WARNING, object);
    }
  }

  static String id(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }

  /** The rendered objects of one trial: mutable, with a list a mutation may add to. */
  record Rendered(List<Resource> resources) {
    <T extends HasMetadata> List<T> all(Class<T> type) {
      return resources.stream().map(Resource::object).filter(type::isInstance).map(type::cast).toList();
    }

    /** The mesh VirtualServices (no gateways) and the ones on the edge. */
    List<VirtualService> meshRoutes() {
      return all(VirtualService.class).stream().filter(vs -> list(vs.getSpec().getGateways()).isEmpty()).toList();
    }
  }

  /** A place in a rendered VirtualService: rule {@code rule}, destination {@code index} (of route, or of mirrors). */
  record Spot(VirtualService vs, int rule, int index) {
    HTTPRoute http() {
      return vs.getSpec().getHttp().get(rule);
    }

    String path() {
      return "spec.http[" + rule + "]";
    }
  }

  static List<Spot> routeDestinations(Rendered r, boolean withSubset) {
    List<Spot> spots = new ArrayList<>();
    for (VirtualService vs : r.all(VirtualService.class)) {
      List<HTTPRoute> http = list(vs.getSpec().getHttp());
      for (int i = 0; i < http.size(); i++) {
        List<HTTPRouteDestination> route = list(http.get(i).getRoute());
        for (int d = 0; d < route.size(); d++) {
          if (!withSubset || route.get(d).getDestination().getSubset() != null) {
            spots.add(new Spot(vs, i, d));
          }
        }
      }
    }
    return spots;
  }

  static List<Spot> rules(Rendered r, java.util.function.Predicate<HTTPRoute> which) {
    List<Spot> spots = new ArrayList<>();
    for (VirtualService vs : r.meshRoutes()) {
      List<HTTPRoute> http = list(vs.getSpec().getHttp());
      for (int i = 0; i < http.size(); i++) {
        if (which.test(http.get(i))) {
          spots.add(new Spot(vs, i, -1));
        }
      }
    }
    return spots;
  }

  record Mutation(String name, BiFunction<Random, Rendered, Expected> apply) {}

  static <T> T pick(Random random, List<T> values) {
    return values.isEmpty() ? null : values.get(random.nextInt(values.size()));
  }

  static final List<Mutation> MUTATIONS = List.of(
      new Mutation("destination subset undefined", (random, r) -> {
        Spot spot = pick(random, routeDestinations(r, true));
        if (spot == null) {
          return null;
        }
        spot.http().getRoute().get(spot.index()).getDestination().setSubset("undefined");
        return Expected.error(spot.vs(), "mesh.reference-not-found", spot.path() + ".route[" + spot.index()
            + "].destination.subset");
      }),
      new Mutation("DestinationRule subset renamed", (random, r) -> {
        Spot spot = pick(random, routeDestinations(r, true));
        if (spot == null) {
          return null;
        }
        Destination destination = spot.http().getRoute().get(spot.index()).getDestination();
        for (DestinationRule rule : r.all(DestinationRule.class)) {
          if (rule.getSpec().getHost().equals(destination.getHost())) {
            rule.getSpec().getSubsets().stream().filter(s -> s.getName().equals(destination.getSubset()))
                .forEach(s -> s.setName("renamed"));
          }
        }
        return Expected.error(spot.vs(), "mesh.reference-not-found", spot.path() + ".route[" + spot.index()
            + "].destination.subset");
      }),
      new Mutation("destination host renamed", (random, r) -> {
        Spot spot = pick(random, routeDestinations(r, false));
        if (spot == null) {
          return null;
        }
        spot.http().getRoute().get(spot.index()).getDestination().setHost("nowhere");
        return Expected.error(spot.vs(), "mesh.reference-not-found", spot.path() + ".route[" + spot.index()
            + "].destination.host");
      }),
      new Mutation("mirror host renamed", (random, r) -> {
        Spot spot = pick(random, rules(r, http -> !list(http.getMirrors()).isEmpty()));
        if (spot == null) {
          return null;
        }
        spot.http().getMirrors().get(0).getDestination().setHost("nowhere");
        return Expected.error(spot.vs(), "mesh.reference-not-found", spot.path() + ".mirrors[0].destination.host");
      }),
      new Mutation("negative weight", (random, r) -> {
        List<Spot> weighted = routeDestinations(r, false).stream()
            .filter(s -> s.http().getRoute().get(s.index()).getWeight() != null).toList();
        Spot spot = pick(random, weighted);
        if (spot == null) {
          return null;
        }
        spot.http().getRoute().get(spot.index()).setWeight(-1);
        return Expected.error(spot.vs(), "virtualservice.weight", spot.path() + ".route[" + spot.index() + "].weight");
      }),
      new Mutation("weights all 0", (random, r) -> {
        Spot spot = pick(random, rules(r, http -> list(http.getRoute()).size() > 1));
        if (spot == null) {
          return null;
        }
        spot.http().getRoute().forEach(d -> d.setWeight(0));
        return Expected.error(spot.vs(), "virtualservice.weight", spot.path() + ".route");
      }),
      new Mutation("duplicate subset name", (random, r) -> {
        DestinationRule rule = pick(random, r.all(DestinationRule.class).stream()
            .filter(dr -> list(dr.getSpec().getSubsets()).size() > 1).toList());
        if (rule == null) {
          return null;
        }
        int k = 1 + random.nextInt(rule.getSpec().getSubsets().size() - 1);
        rule.getSpec().getSubsets().get(k).setName(rule.getSpec().getSubsets().get(0).getName());
        return Expected.error(rule, "destinationrule.subset-duplicate", "spec.subsets[" + k + "].name");
      }),
      new Mutation("subset name not a DNS label", (random, r) -> {
        DestinationRule rule = pick(random, r.all(DestinationRule.class).stream()
            .filter(dr -> !list(dr.getSpec().getSubsets()).isEmpty()).toList());
        if (rule == null) {
          return null;
        }
        int k = random.nextInt(rule.getSpec().getSubsets().size());
        rule.getSpec().getSubsets().get(k).setName(pick(random, List.of("v_1", "-v1", "v1.0", "v1-")));
        return Expected.error(rule, "destinationrule.subset-name", "spec.subsets[" + k + "].name");
      }),
      new Mutation("subset selects no pods", (random, r) -> {
        DestinationRule rule = pick(random, r.all(DestinationRule.class).stream()
            .filter(dr -> !list(dr.getSpec().getSubsets()).isEmpty()).toList());
        if (rule == null) {
          return null;
        }
        int k = random.nextInt(rule.getSpec().getSubsets().size());
        rule.getSpec().getSubsets().get(k).setLabels(new java.util.TreeMap<>(Map.of("version", "v9")));
        return Expected.warning(rule, "mesh.subset-no-pods", "spec.subsets[" + k + "]");
      }),
      new Mutation("bad retryOn token", (random, r) -> {
        Spot spot = pick(random, rules(r, http -> http.getRedirect() == null));
        if (spot == null) {
          return null;
        }
        HTTPRetry retry = spot.http().getRetries() == null ? new HTTPRetry() : spot.http().getRetries();
        retry.setAttempts(Math.max(1, retry.getAttempts() == null ? 0 : retry.getAttempts()));
        String bad = pick(random, List.of("sometimes", "5XX", "999", "connect_failure"));
        retry.setRetryOn(retry.getRetryOn() == null ? bad : retry.getRetryOn() + "," + bad);
        spot.http().setRetries(retry);
        return Expected.error(spot.vs(), "virtualservice.retry-on", spot.path() + ".retries.retryOn");
      }),
      new Mutation("bad timeout", (random, r) -> {
        Spot spot = pick(random, rules(r, http -> http.getRedirect() == null));
        if (spot == null) {
          return null;
        }
        spot.http().setTimeout(pick(random, List.of("0.0005s", "1.0005s", "10", "-1s", "ten seconds", "0s")));
        return Expected.error(spot.vs(), "virtualservice.duration", spot.path() + ".timeout");
      }),
      new Mutation("bad perTryTimeout", (random, r) -> {
        Spot spot = pick(random, rules(r, http -> http.getRetries() != null && http.getRetries().getAttempts() != null
            && http.getRetries().getAttempts() > 0));
        if (spot == null) {
          return null;
        }
        spot.http().getRetries().setPerTryTimeout(pick(random, List.of("0.5ms", "1.5ms", "1h1")));
        return Expected.error(spot.vs(), "virtualservice.duration", spot.path() + ".retries.perTryTimeout");
      }),
      new Mutation("fault percentage over 100", (random, r) -> {
        Spot spot = pick(random, rules(r, http -> http.getFault() != null));
        if (spot == null) {
          return null;
        }
        boolean abort = spot.http().getFault().getAbort() != null;
        (abort ? spot.http().getFault().getAbort().getPercentage() : spot.http().getFault().getDelay().getPercentage())
            .setValue(pick(random, List.of(100.5, 1000.0, -1.0)));
        return Expected.error(spot.vs(), "virtualservice.percentage", spot.path() + ".fault."
            + (abort ? "abort" : "delay") + ".percentage.value");
      }),
      new Mutation("abort status out of range", (random, r) -> {
        Spot spot = pick(random, rules(r, http -> http.getFault() != null && http.getFault().getAbort() != null));
        if (spot == null) {
          return null;
        }
        spot.http().getFault().getAbort().setErrorType(new HTTPFaultInjectionAbortHttpStatus(
            pick(random, List.of(99, 199, 601, 1000))));
        return Expected.error(spot.vs(), "virtualservice.fault", spot.path() + ".fault.abort.httpStatus");
      }),
      new Mutation("mirror percentage over 100", (random, r) -> {
        Spot spot = pick(random, rules(r, http -> !list(http.getMirrors()).isEmpty()));
        if (spot == null) {
          return null;
        }
        spot.http().getMirrors().get(0).setPercentage(new Percent(150.0));
        return Expected.error(spot.vs(), "virtualservice.percentage", spot.path() + ".mirrors[0].percentage.value");
      }),
      new Mutation("second mesh VirtualService for a host", (random, r) -> {
        VirtualService vs = pick(random, r.meshRoutes());
        if (vs == null) {
          return null;
        }
        VirtualService copy = new VirtualServiceBuilder(vs).editMetadata().withName(vs.getMetadata().getName() + "-copy")
            .endMetadata().build();
        Resource original = r.resources().stream().filter(res -> res.object() == vs).findFirst().orElseThrow();
        r.resources().add(new Resource(copy, original.locator(), original.group()));
        return Expected.error(copy, "mesh.host-conflict", "spec.hosts[0]");
      }),
      new Mutation("gateway not found", (random, r) -> {
        VirtualService vs = pick(random, r.all(VirtualService.class));
        if (vs == null) {
          return null;
        }
        List<String> gateways = new ArrayList<>(list(vs.getSpec().getGateways()));
        if (gateways.isEmpty()) {
          gateways.add("mesh");
        }
        gateways.add("missing");
        vs.getSpec().setGateways(gateways);
        return Expected.error(vs, "mesh.reference-not-found", "spec.gateways[" + (gateways.size() - 1) + "]");
      }),
      new Mutation("outlier interval not a duration", (random, r) -> {
        DestinationRule rule = pick(random, r.all(DestinationRule.class).stream()
            .filter(dr -> dr.getSpec().getTrafficPolicy() != null
                && dr.getSpec().getTrafficPolicy().getOutlierDetection() != null).toList());
        if (rule == null) {
          return null;
        }
        rule.getSpec().getTrafficPolicy().getOutlierDetection().setInterval(pick(random, List.of("10", "0.1ms", "1x")));
        return Expected.error(rule, "destinationrule.duration", "spec.trafficPolicy.outlierDetection.interval");
      }),
      new Mutation("ServiceEntry port number 0", (random, r) -> {
        ServiceEntry entry = pick(random, r.all(ServiceEntry.class));
        if (entry == null) {
          return null;
        }
        int k = random.nextInt(entry.getSpec().getPorts().size());
        entry.getSpec().getPorts().get(k).setNumber(pick(random, List.of(0L, 65_536L)));
        return Expected.error(entry, "serviceentry.port-number", "spec.ports[" + k + "].number");
      }),
      new Mutation("ServiceEntry port number twice", (random, r) -> {
        ServiceEntry entry = pick(random, r.all(ServiceEntry.class).stream()
            .filter(e -> e.getSpec().getPorts().size() > 1).toList());
        if (entry == null) {
          return null;
        }
        entry.getSpec().getPorts().get(1).setNumber(entry.getSpec().getPorts().get(0).getNumber());
        return Expected.error(entry, "serviceentry.port-number-duplicate", "spec.ports[1].number");
      }),
      new Mutation("Service port name Istio cannot read", (random, r) -> {
        io.fabric8.kubernetes.api.model.Service service = pick(random, r.all(io.fabric8.kubernetes.api.model.Service.class));
        if (service == null) {
          return null;
        }
        service.getSpec().getPorts().get(0).setName(pick(random, List.of("web", "metrics", "api")));
        return Expected.warning(service, "mesh.port-name", "spec.ports[0].name");
      }),
      new Mutation("edge VirtualService on another Gateway", (random, r) -> {
        VirtualService vs = pick(random, r.all(VirtualService.class).stream()
            .filter(v -> !list(v.getSpec().getGateways()).isEmpty()).toList());
        if (vs == null) {
          return null;
        }
        vs.getSpec().setGateways(new ArrayList<>(List.of("edge-gateway")));
        return Expected.error(vs, "mesh.reference-not-found", "spec.gateways[0]");
      }),
      new Mutation("Gateway server port name twice", (random, r) -> {
        Gateway gateway = pick(random, r.all(Gateway.class).stream()
            .filter(g -> g.getSpec().getServers().size() > 1).toList());
        if (gateway == null) {
          return null;
        }
        int k = 1 + random.nextInt(gateway.getSpec().getServers().size() - 1);
        gateway.getSpec().getServers().get(k).getPort().setName(gateway.getSpec().getServers().get(0).getPort().getName());
        return Expected.error(gateway, "istio-gateway.port-name-duplicate", "spec.servers[" + k + "].port.name");
      }));

  /** One seed's model, its rendered objects, one mutation and what validation said after it. */
  record Trial(Model model, Mutation mutation, Expected expected, HasMetadata mutated, List<Finding> after) {
    static Trial run(long seed) {
      Model model = Model.generate(seed);
      Synthesis synthesis = synthesize(model);
      StackOutput output = synthesis.outputs().get(0);
      Rendered rendered = new Rendered(new ArrayList<>(output.resources()));
      Random random = new Random(seed * 7919 + 17);
      // each seed starts at another mutation, so the default seeds try them all; the first that applies is used
      for (int i = 0; i < MUTATIONS.size(); i++) {
        Mutation mutation = MUTATIONS.get((int) ((seed + i) % MUTATIONS.size()));
        Expected expected = mutation.apply().apply(random, rendered);
        if (expected != null) {
          List<Finding> after = Validator.validate(rendered.resources(), output.apps(), Scope.CLOSED);
          return new Trial(model, mutation, expected, expected.mutated(), after);
        }
      }
      return new Trial(model, null, null, null, List.of());
    }
  }
}
