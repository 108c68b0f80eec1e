package dev.portico.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.App;
import dev.portico.dsl.Backend;
import dev.portico.dsl.HttpHost;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.PathMatch;
import dev.portico.dsl.Port;
import dev.portico.dsl.Route;
import dev.portico.dsl.Service;
import dev.portico.dsl.Split;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.Tls;
import dev.portico.synth.render.YamlRenderer;
import dev.portico.synth.routes.RouteTable;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Validator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded property tests of HTTP exposure. A random valid exposure model, made only of what both
 * targets express (apps and Services with 1-3 ports; 1-4 hosts, wildcards among them; 1-5 Prefix or
 * Exact paths per host; backends and two-backend splits with random weights, some selected by a
 * header; TLS from Secrets or one cert-manager issuer; a default backend now and then), must
 * synthesize without errors to an ingress-nginx Ingress and to a Gateway of its own, and both must
 * give the same HTTP route table ({@link RouteTable#http()}, {@code via} aside). Then one random
 * mutation of a rendered Ingress, HTTPRoute or Gateway must be reported by the rule it breaks, at
 * exactly the field it breaks.
 *
 * <p>Seeds 1-{@value #SEEDS} run by default; {@code -Dportico.seed=N} runs only seed {@code N}.
 * Every failure names its seed and prints the model.
 */
class HttpExposurePropertyTest {
  static final int SEEDS = 100;
  static final HttpTarget INGRESS = HttpTarget.ingress("nginx");
  static final HttpTarget GATEWAY = HttpTarget.gateway("eg");
  /** A Service port no generated Service has: generated ones are below 10000. */
  static final int FOREIGN_PORT = 65_000;

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

  static Synthesis synthesize(Model model, HttpTarget target) {
    return Synthesizer.synthesize(List.of(new ModelStack(model, target)), List.of(), Map.of());
  }

  /** The HTTP rows of the one output of {@code synthesis}, without where they came from. */
  static List<RouteTable.HttpRoute> table(Synthesis synthesis) {
    StackOutput output = synthesis.outputs().get(0);
    return RouteTable.of(output.resources(), output.apps()).http().stream()
        .map(RouteTable.HttpRoute::withoutVia).toList();
  }

  static String dump(Synthesis synthesis) {
    return synthesis.outputs().stream().flatMap(output -> output.resources().stream())
        .map(Resource::object).filter(o -> !(o instanceof io.fabric8.kubernetes.api.model.Service))
        .map(o -> "---\n" + YamlRenderer.render(o)).collect(Collectors.joining());
  }

  static String describe(List<Finding> findings) {
    return findings.isEmpty() ? "  (none)" : findings.stream().map(f -> "  " + f.format())
        .collect(Collectors.joining("\n"));
  }

  static String rows(List<RouteTable.HttpRoute> rows) {
    return rows.isEmpty() ? "  (none)" : rows.stream().map(row -> "  " + row).collect(Collectors.joining("\n"));
  }

  // ============================================================================ the properties

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void bothTargetsAcceptTheModelAndRouteAlike(long seed) {
    Model model = Model.generate(seed);
    Synthesis ingress = synthesize(model, INGRESS);
    Synthesis gateway = synthesize(model, GATEWAY);

    List<Finding> ingressErrors = ingress.findings().stream().filter(Finding::isError).toList();
    assertTrue(ingressErrors.isEmpty(), () -> at(seed, model) + "the Ingress target has errors:\n"
        + describe(ingressErrors) + "\n" + dump(ingress));
    List<Finding> gatewayErrors = gateway.findings().stream().filter(Finding::isError).toList();
    assertTrue(gatewayErrors.isEmpty(), () -> at(seed, model) + "the Gateway API target has errors:\n"
        + describe(gatewayErrors) + "\n" + dump(gateway));

    List<RouteTable.HttpRoute> viaIngress = table(ingress);
    List<RouteTable.HttpRoute> viaGateway = table(gateway);
    if (!viaIngress.equals(viaGateway)) {
      List<RouteTable.HttpRoute> onlyIngress = new ArrayList<>(viaIngress);
      onlyIngress.removeAll(viaGateway);
      List<RouteTable.HttpRoute> onlyGateway = new ArrayList<>(viaGateway);
      onlyGateway.removeAll(viaIngress);
      assertEquals(viaIngress, viaGateway, () -> at(seed, model) + "the two targets route differently\nonly via "
          + "the Ingress:\n" + rows(onlyIngress) + "\nonly via the Gateway:\n" + rows(onlyGateway)
          + "\nall via the Ingress:\n" + rows(viaIngress) + "\nall via the Gateway:\n" + rows(viaGateway)
          + "\n\n# Ingress target\n" + dump(ingress) + "\n# Gateway target\n" + dump(gateway));
    }
    int paths = model.hosts().stream().mapToInt(host -> host.paths().size()).sum();
    assertTrue(viaIngress.size() >= paths, () -> at(seed, model) + "a row per path at least:\n" + rows(viaIngress));
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
        && f.path().equals(expected.path()) && f.object().equals(expected.object()) && f.isError());
    assertTrue(found, () -> at(seed, trial.model()) + "mutation '" + trial.mutation().name() + "' of "
        + expected.object() + " should be reported as [" + expected.rule() + "] at " + expected.path() + ", got:\n"
        + describe(trial.after()) + "\n\nthe mutated object:\n" + YamlRenderer.render(trial.mutated()));
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

  /**
   * An app with its Service: the same name, one Service port per container port.
   *
   * @param ports container port name, container port number and Service port number each
   */
  record AppModel(String name, List<PortModel> ports) {}

  record PortModel(String name, int number, int servicePort) {}

  /**
   * A backend: port {@code port} of app {@code app}'s Service, named through one of the DSL's
   * overloads ({@code form}: 0 {@code Backend.of(service)} where it has one port, 1 by the app's
   * {@code Port}, 2 by the {@code ServicePort}).
   */
  record BackendModel(int app, int port, int form) {}

  /** One backend, or a two-backend split by weight, optionally with a header that selects the second. */
  record RouteModel(List<BackendModel> backends, List<Integer> weights, String header, String headerValue) {
    boolean split() {
      return weights != null;
    }
  }

  /**
   * A path. {@code form}: 0 {@code path(match, route)}; 1 the shortcut {@code path(prefix, service[, port])}
   * (Prefix, one backend); 2 {@code path(prefix, route)} (Prefix).
   */
  record PathModel(boolean exact, String value, RouteModel route, int form) {}

  /** A host; {@code tls} null for plain HTTP, {@code "cert-manager"}, or the name of a Secret. */
  record HostModel(String hostname, String tls, List<PathModel> paths) {}

  /** An exposure and the apps it reaches. */
  record Model(String namespace, String exposure, List<AppModel> apps, Tls.Issuer issuer, List<HostModel> hosts,
      BackendModel defaultBackend, boolean sslRedirectOff) {

    static final List<String> FEATURES = List.of("several apps", "a three-port Service", "a wildcard host",
        "two hosts", "four hosts", "a TLS Secret", "cert-manager", "a namespaced issuer", "a plain host", "an Exact path",
        "five paths", "a split", "a header split", "a shared split", "a default backend", "sslRedirect(false)",
        "Backend.of(service)", "Backend.of(service, port)", "Backend.of(service, servicePort)", "path(prefix, service)",
        "a canary weight of 0");

    static Model generate(long seed) {
      return new Generator(new Random(seed)).generate();
    }

    /** The {@link #FEATURES} this model uses. */
    Set<String> features() {
      Set<String> features = new HashSet<>();
      if (apps.size() > 1) {
        features.add("several apps");
      }
      if (apps.stream().anyMatch(app -> app.ports().size() == 3)) {
        features.add("a three-port Service");
      }
      if (hosts.size() >= 2) {
        features.add("two hosts");
      }
      if (hosts.size() == 4) {
        features.add("four hosts");
      }
      if (defaultBackend != null) {
        features.add("a default backend");
      }
      if (sslRedirectOff) {
        features.add("sslRedirect(false)");
      }
      Map<RouteModel, Integer> uses = new IdentityHashMap<>();
      for (HostModel host : hosts) {
        if (host.hostname().startsWith("*.")) {
          features.add("a wildcard host");
        }
        if (host.tls() == null) {
          features.add("a plain host");
        } else if (host.tls().equals("cert-manager")) {
          features.add("cert-manager");
          if (!issuer.cluster()) {
            features.add("a namespaced issuer");
          }
        } else {
          features.add("a TLS Secret");
        }
        if (host.paths().size() == 5) {
          features.add("five paths");
        }
        for (PathModel path : host.paths()) {
          uses.merge(path.route(), 1, Integer::sum);
          if (path.exact()) {
            features.add("an Exact path");
          }
          if (path.form() == 1) {
            features.add("path(prefix, service)");
          }
          RouteModel route = path.route();
          if (route.split()) {
            features.add("a split");
            if (route.header() != null) {
              features.add("a header split");
            }
            if (route.weights().get(1) == 0) {
              features.add("a canary weight of 0");
            }
          }
          for (BackendModel backend : route.backends()) {
            features.add(switch (backend.form()) {
              case 0 -> "Backend.of(service)";
              case 1 -> "Backend.of(service, port)";
              default -> "Backend.of(service, servicePort)";
            });
          }
        }
      }
      if (uses.entrySet().stream().anyMatch(e -> e.getKey().split() && e.getValue() > 1)) {
        features.add("a shared split");
      }
      return features;
    }

    String describe() {
      StringBuilder sb = new StringBuilder();
      sb.append("  namespace ").append(namespace).append(", exposure ").append(exposure)
          .append(", issuer ").append(issuer).append(sslRedirectOff ? ", sslRedirect(false)" : "").append('\n');
      for (int a = 0; a < apps.size(); a++) {
        sb.append("  app[").append(a).append("] ").append(apps.get(a).name()).append(' ')
            .append(apps.get(a).ports().stream().map(p -> p.name() + "=" + p.number() + " (service " + p.servicePort()
                + ")").collect(Collectors.joining(", "))).append('\n');
      }
      Map<RouteModel, String> ids = new IdentityHashMap<>();
      for (HostModel host : hosts) {
        sb.append("  host ").append(host.hostname()).append(host.tls() == null ? "" : " tls " + host.tls())
            .append('\n');
        for (PathModel path : host.paths()) {
          String id = ids.computeIfAbsent(path.route(), r -> "route" + ids.size());
          sb.append("    ").append(path.exact() ? "Exact " : "Prefix ").append(path.value()).append(" -> ").append(id)
              .append(' ').append(describe(path.route())).append(" (form ").append(path.form()).append(")\n");
        }
      }
      if (defaultBackend != null) {
        sb.append("  default ").append(describe(defaultBackend)).append('\n');
      }
      return sb.toString();
    }

    private String describe(RouteModel route) {
      if (!route.split()) {
        return describe(route.backends().get(0));
      }
      return "split " + describe(route.backends().get(0)) + "@" + route.weights().get(0) + ", "
          + describe(route.backends().get(1)) + "@" + route.weights().get(1)
          + (route.header() == null ? "" : " byHeader " + route.header() + "=" + route.headerValue());
    }

    private String describe(BackendModel backend) {
      AppModel app = apps.get(backend.app());
      return app.name() + ":" + app.ports().get(backend.port()).servicePort() + " (form " + backend.form() + ")";
    }
  }

  /** Draws a {@link Model}; the same one for the same seed. */
  static final class Generator {
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final List<String> PORT_NAMES = List.of("http", "web", "api", "grpc", "admin", "metrics", "ui");
    private static final List<String> SEGMENTS =
        List.of("api", "v1", "v2", "shop", "cart", "static", "login", "img", "a", "search", "orders", "x-1");
    private static final List<String> HEADER_VALUES = List.of("always", "on", "beta", "1", "canary");
    private final Random random;
    private final Set<String> labels = new HashSet<>();

    Generator(Random random) {
      this.random = random;
    }

    private <T> T pick(List<T> values) {
      return values.get(random.nextInt(values.size()));
    }

    private boolean chance(int percent) {
      return random.nextInt(100) < percent;
    }

    /** A label of letters, unique in this model, never {@code wildcard} (a wildcard host's name part). */
    private String label(int min, int max) {
      while (true) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
          sb.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        String label = sb.toString();
        if (!label.equals("wildcard") && labels.add(label)) {
          return label;
        }
      }
    }

    Model generate() {
      String namespace = label(3, 10);
      String exposure = chance(50) ? "site" : label(2, 12);
      List<AppModel> apps = new ArrayList<>();
      for (int a = 1 + random.nextInt(4); a > 0; a--) {
        String name = label(2, 10) + (chance(30) ? "-" + label(1, 4) : "");
        List<String> names = new ArrayList<>(PORT_NAMES);
        java.util.Collections.shuffle(names, random);
        Set<Integer> numbers = new HashSet<>();
        Set<Integer> servicePorts = new HashSet<>();
        List<PortModel> ports = new ArrayList<>();
        for (int p = 0, n = 1 + random.nextInt(3); p < n; p++) {
          int number = unique(numbers, () -> 1024 + random.nextInt(8976));
          int servicePort = unique(servicePorts, () -> chance(40) ? pick(List.of(80, 443, 8080, 9090)) : number);
          ports.add(new PortModel(names.get(p), number, servicePort));
        }
        apps.add(new AppModel(name, ports));
      }
      Tls.Issuer issuer = chance(50) ? Tls.Issuer.cluster("letsencrypt-prod") : Tls.Issuer.namespaced("ca");

      List<String> hostnames = new ArrayList<>();
      for (int h = 1 + random.nextInt(4); h > 0; h--) {
        String hostname = switch (random.nextInt(5)) {
          case 0 -> "*.example.com";
          case 1 -> "*." + label(1, 6) + ".example.com";
          case 2 -> label(1, 6) + "." + label(1, 6) + ".example.com";
          default -> label(1, 8) + ".example.com";
        };
        if (!hostnames.contains(hostname)) {
          hostnames.add(hostname);
        }
      }
      List<String> tls = new ArrayList<>();
      for (String hostname : hostnames) {
        tls.add(switch (random.nextInt(3)) {
          case 0 -> null;
          case 1 -> hostname.replace("*", "star").replace('.', '-') + "-cert";
          default -> "cert-manager";
        });
      }
      // a plain host under a TLS wildcard host (a.example.com beside TLS *.example.com) is not rendered alike:
      // ingress-nginx serves it with the wildcard's certificate and redirects it to HTTPS, while the Gateway
      // serves it over plain HTTP (and its HTTPS requests reach the wildcard's routes); give such a host TLS
      for (int i = 0; i < hostnames.size(); i++) {
        for (int w = 0; w < hostnames.size(); w++) {
          if (tls.get(i) == null && tls.get(w) != null && covers(hostnames.get(w), hostnames.get(i))) {
            tls.set(i, "cert-manager");
          }
        }
      }

      List<RouteModel> routes = new ArrayList<>();
      List<HostModel> hosts = new ArrayList<>();
      for (int h = 0; h < hostnames.size(); h++) {
        Set<String> taken = new HashSet<>();
        List<PathModel> paths = new ArrayList<>();
        for (int p = 1 + random.nextInt(5); p > 0; p--) {
          boolean exact = chance(30);
          String value = path();
          if (!taken.add(exact + value)) {
            continue;
          }
          RouteModel route = !routes.isEmpty() && chance(20) ? pick(routes) : route(apps);
          routes.add(route);
          int form = 0;
          if (!exact && !route.split() && chance(40)) {
            form = 1;
          } else if (!exact && chance(30)) {
            form = 2;
          }
          paths.add(new PathModel(exact, value, route, form));
        }
        hosts.add(new HostModel(hostnames.get(h), tls.get(h), paths));
      }
      BackendModel defaultBackend = chance(30) ? backend(apps) : null;
      return new Model(namespace, exposure, apps, issuer, hosts, defaultBackend, chance(15));
    }

    private String path() {
      if (chance(20)) {
        return "/";
      }
      StringBuilder sb = new StringBuilder();
      for (int s = 1 + random.nextInt(3); s > 0; s--) {
        sb.append('/').append(pick(SEGMENTS));
      }
      return sb.toString();
    }

    private RouteModel route(List<AppModel> apps) {
      if (chance(60)) {
        return new RouteModel(List.of(backend(apps)), null, null, null);
      }
      int stable = random.nextInt(101);
      int canary = chance(10) ? 0 : random.nextInt(101);
      if (stable + canary == 0) {
        stable = 1;
      }
      boolean header = chance(35);
      return new RouteModel(List.of(backend(apps), backend(apps)), List.of(stable, canary),
          header ? pick(List.of("x-canary", "x-beta", "X-Version")) : null, header ? pick(HEADER_VALUES) : null);
    }

    private BackendModel backend(List<AppModel> apps) {
      int app = random.nextInt(apps.size());
      int ports = apps.get(app).ports().size();
      int form = ports == 1 && chance(50) ? 0 : 1 + random.nextInt(2);
      return new BackendModel(app, random.nextInt(ports), form);
    }

    private static int unique(Set<Integer> used, java.util.function.IntSupplier supplier) {
      while (true) {
        int value = supplier.getAsInt();
        if (used.add(value)) {
          return value;
        }
      }
    }

    /** Whether TLS host pattern {@code wildcard} covers {@code host}: {@code *.x} covers one more label before x. */
    static boolean covers(String wildcard, String host) {
      if (!wildcard.startsWith("*.") || host.startsWith("*.")) {
        return false;
      }
      int dot = host.indexOf('.');
      return dot > 0 && host.substring(dot).equals(wildcard.substring(1));
    }
  }

  /** The model declared through the DSL, rendered to {@code target}. */
  static final class ModelStack implements StackDefinition {
    private final Model model;
    private final HttpTarget target;

    ModelStack(Model model, HttpTarget target) {
      this.model = model;
      this.target = target;
    }

    @Override
    public String name() {
      return "prop";
    }

    @Override
    public String namespace() {
      return model.namespace();
    }

    @Override
    public void define(Stack stack) {
      List<Service> services = new ArrayList<>();
      List<List<Port>> ports = new ArrayList<>();
      for (AppModel appModel : model.apps()) {
        List<Port> appPorts = appModel.ports().stream().map(p -> Port.tcp(p.name(), p.number())).toList();
        App app = stack.app(appModel.name(), appPorts.toArray(Port[]::new));
        services.add(stack.service(appModel.name(), app, service -> {
          for (int p = 0; p < appPorts.size(); p++) {
            service.port(appModel.ports().get(p).servicePort(), appPorts.get(p));
          }
        }));
        ports.add(appPorts);
      }
      stack.httpTarget(target);
      Map<RouteModel, Route> routes = new IdentityHashMap<>();
      stack.http(model.exposure(), site -> {
        if (model.sslRedirectOff()) {
          site.sslRedirect(false);
        }
        for (HostModel host : model.hosts()) {
          site.host(host.hostname(), h -> {
            if (host.tls() != null) {
              h.tls(host.tls().equals("cert-manager") ? Tls.certManager(model.issuer()) : Tls.secret(host.tls()));
            }
            for (PathModel path : host.paths()) {
              path(h, path, routes.computeIfAbsent(path.route(), r -> route(r, services, ports)), services, ports);
            }
          });
        }
        if (model.defaultBackend() != null) {
          site.defaultBackend(backend(model.defaultBackend(), services, ports));
        }
      });
    }

    private static void path(HttpHost.Builder host, PathModel path, Route route, List<Service> services,
        List<List<Port>> ports) {
      switch (path.form()) {
        case 1 -> {
          BackendModel backend = path.route().backends().get(0);
          Service service = services.get(backend.app());
          if (service.ports().size() == 1) {
            host.path(path.value(), service);
          } else {
            host.path(path.value(), service, ports.get(backend.app()).get(backend.port()));
          }
        }
        case 2 -> host.path(path.value(), route);
        default -> host.path(path.exact() ? PathMatch.exact(path.value()) : PathMatch.prefix(path.value()), route);
      }
    }

    private static Route route(RouteModel model, List<Service> services, List<List<Port>> ports) {
      Backend first = backend(model.backends().get(0), services, ports);
      if (!model.split()) {
        return first;
      }
      Backend second = backend(model.backends().get(1), services, ports);
      int stable = model.weights().get(0);
      int canary = model.weights().get(1);
      Split split = stable + canary == 100 ? Split.canary(first, second, canary)
          : Split.of(first, stable).and(second, canary);
      return model.header() == null ? split : split.byHeader(model.header(), model.headerValue());
    }

    private static Backend backend(BackendModel model, List<Service> services, List<List<Port>> ports) {
      Service service = services.get(model.app());
      return switch (model.form()) {
        case 0 -> Backend.of(service);
        case 1 -> Backend.of(service, ports.get(model.app()).get(model.port()));
        default -> Backend.of(service, service.ports().get(model.port()));
      };
    }

    @Override
    public String toString() {
      return "ModelStack(" + target + ")";
    }
  }

  // ============================================================================ mutations

  /** What a mutation must make the validator report: an error of {@code rule} at {@code path} of {@code object}. */
  record Expected(String rule, String object, String path) {}

  /** A change that breaks one field of a rendered object, and what it must be reported as. */
  record Mutation(String name, Class<? extends HasMetadata> kind, Predicate<HasMetadata> applies,
      BiFunction<HasMetadata, Random, Located> apply) {}

  /** A mutation's rule and field path; the object is the mutated one, named after the mutation. */
  record Located(String rule, String path) {}

  /** One seed's mutation trial. */
  record Trial(Model model, Mutation mutation, Expected expected, HasMetadata mutated, List<Finding> after) {
    static Trial run(long seed) {
      Model model = Model.generate(seed);
      // odd seeds mutate the Ingress rendering, even ones the Gateway API rendering
      Random random = new Random(seed * 0x9E3779B97F4A7C15L);
      Synthesis synthesis = synthesize(model, seed % 2 == 1 ? INGRESS : GATEWAY);
      StackOutput output = synthesis.outputs().get(0);
      List<Map.Entry<HasMetadata, Mutation>> candidates = new ArrayList<>();
      for (Resource resource : output.resources()) {
        for (Mutation mutation : MUTATIONS) {
          if (mutation.kind().isInstance(resource.object()) && mutation.applies().test(resource.object())) {
            candidates.add(Map.entry(resource.object(), mutation));
          }
        }
      }
      if (candidates.isEmpty()) {
        return new Trial(model, null, null, null, List.of());
      }
      // the mutations take turns by seed (the first that applies from the seed's place in the table on), so the
      // default seeds try each; then a random object it applies to, and random values
      Set<Mutation> applicable = new HashSet<>(candidates.stream().map(Map.Entry::getValue).toList());
      List<Mutation> ofTarget = MUTATIONS.stream().filter(m -> seed % 2 == 1 == (m.kind() == Ingress.class)).toList();
      int start = (int) ((seed / 2) % ofTarget.size());
      Mutation mutation = null;
      for (int k = 0; mutation == null; k++) {
        Mutation next = ofTarget.get((start + k) % ofTarget.size());
        mutation = applicable.contains(next) ? next : null;
      }
      Mutation chosen = mutation;
      List<HasMetadata> objects = candidates.stream().filter(e -> e.getValue() == chosen).map(Map.Entry::getKey)
          .toList();
      HasMetadata object = objects.get(random.nextInt(objects.size()));
      Located located = mutation.apply().apply(object, random);
      Expected expected = new Expected(located.rule(), id(object), located.path());
      List<Finding> after = Validator.validate(output.resources(), output.apps(), Scope.CLOSED);
      return new Trial(model, mutation, expected, object, after);
    }
  }

  static String id(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
  }

  static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  // ---- Ingress

  static boolean canary(Ingress ingress) {
    var annotations = ingress.getMetadata().getAnnotations();
    return annotations != null && "true".equals(annotations.get("nginx.ingress.kubernetes.io/canary"));
  }

  static List<IngressRule> rules(Ingress ingress) {
    return ingress.getSpec().getRules() == null ? List.of() : ingress.getSpec().getRules();
  }

  /** {@code [rule, path]} of a random path of the Ingress. */
  static int[] anyPath(Ingress ingress, Random random) {
    List<int[]> all = new ArrayList<>();
    List<IngressRule> rules = rules(ingress);
    for (int r = 0; r < rules.size(); r++) {
      for (int p = 0; p < rules.get(r).getHttp().getPaths().size(); p++) {
        all.add(new int[] {r, p});
      }
    }
    return pick(random, all);
  }

  static HTTPIngressPath path(Ingress ingress, int[] at) {
    return rules(ingress).get(at[0]).getHttp().getPaths().get(at[1]);
  }

  static String pathOf(int[] at) {
    return "spec.rules[" + at[0] + "].http.paths[" + at[1] + "]";
  }

  static Mutation ingress(String name, Predicate<Ingress> applies, BiFunction<Ingress, Random, Located> apply) {
    return new Mutation(name, Ingress.class, o -> applies.test((Ingress) o), (o, r) -> apply.apply((Ingress) o, r));
  }

  static boolean hasPaths(Ingress ingress) {
    return !rules(ingress).isEmpty();
  }

  // ---- HTTPRoute

  static List<HTTPRouteRule> rules(HTTPRoute route) {
    return route.getSpec().getRules() == null ? List.of() : route.getSpec().getRules();
  }

  /** {@code [rule, match]} of a random path match of the route, null when it has none. */
  static int[] anyMatch(HTTPRoute route, Random random) {
    List<int[]> all = new ArrayList<>();
    List<HTTPRouteRule> rules = rules(route);
    for (int r = 0; r < rules.size(); r++) {
      List<HTTPRouteMatch> matches = rules.get(r).getMatches() == null ? List.of() : rules.get(r).getMatches();
      for (int m = 0; m < matches.size(); m++) {
        if (matches.get(m).getPath() != null) {
          all.add(new int[] {r, m});
        }
      }
    }
    return all.isEmpty() ? null : pick(random, all);
  }

  /** {@code [rule, backendRef]} of a random backendRef of the route, null when it has none. */
  static int[] anyBackendRef(HTTPRoute route, Random random) {
    List<int[]> all = new ArrayList<>();
    List<HTTPRouteRule> rules = rules(route);
    for (int r = 0; r < rules.size(); r++) {
      List<HTTPBackendRef> refs = rules.get(r).getBackendRefs() == null ? List.of() : rules.get(r).getBackendRefs();
      for (int b = 0; b < refs.size(); b++) {
        all.add(new int[] {r, b});
      }
    }
    return all.isEmpty() ? null : pick(random, all);
  }

  /** {@code [rule, match]} of a random match with a header condition, null when there is none. */
  static int[] anyHeaderMatch(HTTPRoute route, Random random) {
    List<int[]> all = new ArrayList<>();
    List<HTTPRouteRule> rules = rules(route);
    for (int r = 0; r < rules.size(); r++) {
      List<HTTPRouteMatch> matches = rules.get(r).getMatches() == null ? List.of() : rules.get(r).getMatches();
      for (int m = 0; m < matches.size(); m++) {
        if (matches.get(m).getHeaders() != null && !matches.get(m).getHeaders().isEmpty()) {
          all.add(new int[] {r, m});
        }
      }
    }
    return all.isEmpty() ? null : pick(random, all);
  }

  static HTTPRouteMatch match(HTTPRoute route, int[] at) {
    return rules(route).get(at[0]).getMatches().get(at[1]);
  }

  static HTTPBackendRef ref(HTTPRoute route, int[] at) {
    return rules(route).get(at[0]).getBackendRefs().get(at[1]);
  }

  static String matchOf(int[] at) {
    return "spec.rules[" + at[0] + "].matches[" + at[1] + "]";
  }

  static String refOf(int[] at) {
    return "spec.rules[" + at[0] + "].backendRefs[" + at[1] + "]";
  }

  static Mutation route(String name, Predicate<HTTPRoute> applies, BiFunction<HTTPRoute, Random, Located> apply) {
    return new Mutation(name, HTTPRoute.class, o -> applies.test((HTTPRoute) o), (o, r) -> apply.apply((HTTPRoute) o, r));
  }

  static boolean hasMatches(HTTPRoute route) {
    return anyMatch(route, new Random(0)) != null;
  }

  static boolean hasBackendRefs(HTTPRoute route) {
    return anyBackendRef(route, new Random(0)) != null;
  }

  // ---- Gateway

  static List<Listener> listeners(Gateway gateway) {
    return gateway.getSpec().getListeners();
  }

  static Mutation gateway(String name, Predicate<Gateway> applies, BiFunction<Gateway, Random, Located> apply) {
    return new Mutation(name, Gateway.class, o -> applies.test((Gateway) o), (o, r) -> apply.apply((Gateway) o, r));
  }

  static final List<Mutation> MUTATIONS = List.of(
      // ---------------------------------------------------------------- Ingress
      ingress("Ingress: bad host", HttpExposurePropertyTest::hasPaths, (i, r) -> {
        int rule = r.nextInt(rules(i).size());
        rules(i).get(rule).setHost(pick(r, List.of("Shop.example.com", "shop_1.example.com", "-shop.example.com",
            "shop..example.com", "shop.example.com.")));
        return new Located("ingress.host", "spec.rules[" + rule + "].host");
      }),
      ingress("Ingress: path without leading slash", HttpExposurePropertyTest::hasPaths, (i, r) -> {
        int[] at = anyPath(i, r);
        String value = path(i, at).getPath();
        path(i, at).setPath(value.equals("/") ? "api" : value.substring(1));
        return new Located("ingress.path-absolute", pathOf(at) + ".path");
      }),
      ingress("Ingress: '//' in a path", HttpExposurePropertyTest::hasPaths, (i, r) -> {
        int[] at = anyPath(i, r);
        String value = path(i, at).getPath();
        path(i, at).setPath(r.nextBoolean() ? "/" + value : value + "//x");
        return new Located("ingress.path-sequence", pathOf(at) + ".path");
      }),
      ingress("Ingress: bad pathType", HttpExposurePropertyTest::hasPaths, (i, r) -> {
        int[] at = anyPath(i, r);
        path(i, at).setPathType(pick(r, List.of("prefix", "PathPrefix", "Regex", "exact")));
        return new Located("ingress.path-type", pathOf(at) + ".pathType");
      }),
      ingress("Ingress: port 0", HttpExposurePropertyTest::hasPaths, (i, r) -> {
        int[] at = anyPath(i, r);
        path(i, at).getBackend().getService().getPort().setNumber(0);
        // 0 is "no number", as the API server reads it: neither name nor number is set
        return new Located("ingress.service-port", pathOf(at) + ".backend.service.port");
      }),
      ingress("Ingress: port out of range", HttpExposurePropertyTest::hasPaths, (i, r) -> {
        int[] at = anyPath(i, r);
        path(i, at).getBackend().getService().getPort().setNumber(pick(r, List.of(-1, 65_536, 100_000)));
        return new Located("ingress.service-port-number", pathOf(at) + ".backend.service.port.number");
      }),
      ingress("Ingress: bad service name", HttpExposurePropertyTest::hasPaths, (i, r) -> {
        int[] at = anyPath(i, r);
        path(i, at).getBackend().getService().setName(pick(r, List.of("Web", "web_1", "1web", "web.shop", "")));
        return new Located("ingress.service-name", pathOf(at) + ".backend.service.name");
      }),
      ingress("Ingress: backend to an undeclared Service", HttpExposurePropertyTest::hasPaths, (i, r) -> {
        int[] at = anyPath(i, r);
        path(i, at).getBackend().getService().setName("nowhere");
        return new Located("http.backend-dangling", pathOf(at) + ".backend.service.name");
      }),
      ingress("Ingress: backend port the Service lacks", HttpExposurePropertyTest::hasPaths, (i, r) -> {
        int[] at = anyPath(i, r);
        path(i, at).getBackend().getService().getPort().setNumber(FOREIGN_PORT);
        return new Located("http.backend-port", pathOf(at) + ".backend.service.port.number");
      }),
      ingress("Ingress: default backend port the Service lacks", i -> i.getSpec().getDefaultBackend() != null,
          (i, r) -> {
            i.getSpec().getDefaultBackend().getService().getPort().setNumber(FOREIGN_PORT);
            return new Located("http.backend-port", "spec.defaultBackend.service.port.number");
          }),
      ingress("Ingress: bad TLS secret name", i -> i.getSpec().getTls() != null && !i.getSpec().getTls().isEmpty(),
          (i, r) -> {
            int k = r.nextInt(i.getSpec().getTls().size());
            i.getSpec().getTls().get(k).setSecretName(pick(r, List.of("Shop_TLS", "shop/tls", "-tls")));
            return new Located("ingress.tls-secret-name", "spec.tls[" + k + "].secretName");
          }),
      ingress("Ingress: bad TLS host", i -> i.getSpec().getTls() != null && !i.getSpec().getTls().isEmpty(),
          (i, r) -> {
            int k = r.nextInt(i.getSpec().getTls().size());
            IngressTLS tls = i.getSpec().getTls().get(k);
            tls.setHosts(new ArrayList<>(List.of(pick(r, List.of("Shop.Example.com", "*", "shop_1.example.com")))));
            return new Located("ingress.tls-host", "spec.tls[" + k + "].hosts[0]");
          }),
      ingress("Ingress: bad class name", i -> true, (i, r) -> {
        i.getSpec().setIngressClassName(pick(r, List.of("Nginx", "nginx_1", "-nginx")));
        return new Located("ingress.class-name", "spec.ingressClassName");
      }),
      ingress("Ingress: a path claimed twice", i -> !canary(i) && hasPaths(i), (i, r) -> {
        int[] at = anyPath(i, r);
        List<HTTPIngressPath> paths = rules(i).get(at[0]).getHttp().getPaths();
        paths.add(new HTTPIngressPathBuilder(path(i, at)).build());
        return new Located("http.host-path-conflict", "spec.rules[" + at[0] + "].http.paths[" + (paths.size() - 1)
            + "].path");
      }),
      ingress("Ingress: bad name", i -> true, (i, r) -> {
        i.getMetadata().setName(pick(r, List.of("Site", "site_1", "-site")));
        return new Located("metadata.name", "metadata.name");
      }),
      // ---------------------------------------------------------------- HTTPRoute
      route("HTTPRoute: bad hostname", r -> r.getSpec().getHostnames() != null && !r.getSpec().getHostnames().isEmpty(),
          (route, r) -> {
            int h = r.nextInt(route.getSpec().getHostnames().size());
            route.getSpec().getHostnames().set(h, pick(r, List.of("Shop.example.com", "shop..example.com",
                "shop_1.example.com", "*", "*.*.example.com")));
            return new Located("httproute.hostname", "spec.hostnames[" + h + "]");
          }),
      route("HTTPRoute: path without leading slash", HttpExposurePropertyTest::hasMatches, (route, r) -> {
        int[] at = anyMatch(route, r);
        String value = match(route, at).getPath().getValue();
        match(route, at).getPath().setValue(value.equals("/") ? "api" : value.substring(1));
        return new Located("httproute.path-absolute", matchOf(at) + ".path.value");
      }),
      route("HTTPRoute: '//' in a path", HttpExposurePropertyTest::hasMatches, (route, r) -> {
        int[] at = anyMatch(route, r);
        String value = match(route, at).getPath().getValue();
        match(route, at).getPath().setValue(r.nextBoolean() ? "/" + value : value + "//x");
        return new Located("httproute.path-segments", matchOf(at) + ".path.value");
      }),
      route("HTTPRoute: bad path type", HttpExposurePropertyTest::hasMatches, (route, r) -> {
        int[] at = anyMatch(route, r);
        match(route, at).getPath().setType(pick(r, List.of("Prefix", "exact", "Regex", "pathPrefix")));
        return new Located("httproute.path-type", matchOf(at) + ".path.type");
      }),
      route("HTTPRoute: port 0", HttpExposurePropertyTest::hasBackendRefs, (route, r) -> {
        int[] at = anyBackendRef(route, r);
        ref(route, at).setPort(pick(r, List.of(0, -1, 65_536)));
        return new Located("httproute.port", refOf(at) + ".port");
      }),
      route("HTTPRoute: weight -1", HttpExposurePropertyTest::hasBackendRefs, (route, r) -> {
        int[] at = anyBackendRef(route, r);
        ref(route, at).setWeight(pick(r, List.of(-1, -100, 1_000_001)));
        return new Located("httproute.weight", refOf(at) + ".weight");
      }),
      route("HTTPRoute: empty service name", HttpExposurePropertyTest::hasBackendRefs, (route, r) -> {
        int[] at = anyBackendRef(route, r);
        ref(route, at).setName("");
        return new Located("httproute.ref-name", refOf(at) + ".name");
      }),
      route("HTTPRoute: backend to an undeclared Service", HttpExposurePropertyTest::hasBackendRefs, (route, r) -> {
        int[] at = anyBackendRef(route, r);
        ref(route, at).setName("nowhere");
        return new Located("http.backend-dangling", refOf(at) + ".name");
      }),
      route("HTTPRoute: backend port the Service lacks", HttpExposurePropertyTest::hasBackendRefs, (route, r) -> {
        int[] at = anyBackendRef(route, r);
        ref(route, at).setPort(FOREIGN_PORT);
        return new Located("http.backend-port", refOf(at) + ".port");
      }),
      route("HTTPRoute: bad sectionName", r -> true, (route, r) -> {
        int p = r.nextInt(route.getSpec().getParentRefs().size());
        route.getSpec().getParentRefs().get(p).setSectionName(pick(r, List.of("HTTPS", "https_1", "-http", "")));
        return new Located("httproute.section-name", "spec.parentRefs[" + p + "].sectionName");
      }),
      route("HTTPRoute: a listener the Gateway lacks", r -> true, (route, r) -> {
        int p = r.nextInt(route.getSpec().getParentRefs().size());
        route.getSpec().getParentRefs().get(p).setSectionName(pick(r, List.of("web", "https-nowhere", "tls")));
        return new Located("http.parent-listener", "spec.parentRefs[" + p + "].sectionName");
      }),
      route("HTTPRoute: bad timeout", HttpExposurePropertyTest::hasBackendRefs, (route, r) -> {
        int[] at = anyBackendRef(route, r);
        rules(route).get(at[0]).setTimeouts(new HTTPRouteTimeouts(null, pick(r, List.of("90", "1d", "1.5s", "-1s"))));
        return new Located("httproute.timeout", "spec.rules[" + at[0] + "].timeouts.request");
      }),
      route("HTTPRoute: bad header name", r -> anyHeaderMatch(r, new Random(0)) != null, (route, r) -> {
        int[] at = anyHeaderMatch(route, r);
        match(route, at).getHeaders().get(0).setName(pick(r, List.of("x canary", "x:canary", "")));
        return new Located("httproute.header-name", matchOf(at) + ".headers[0].name");
      }),
      route("HTTPRoute: a match claimed twice", HttpExposurePropertyTest::hasMatches, (route, r) -> {
        int[] at = anyMatch(route, r);
        HTTPRouteRule copy = new HTTPRouteRuleBuilder(rules(route).get(at[0])).build();
        route.getSpec().getRules().add(copy);
        return new Located("http.host-path-conflict", "spec.rules[" + (rules(route).size() - 1) + "].matches["
            + at[1] + "]");
      }),
      // ---------------------------------------------------------------- Gateway
      gateway("Gateway: duplicate listener name", g -> listeners(g).size() > 1, (g, r) -> {
        int j = 1 + r.nextInt(listeners(g).size() - 1);
        int i = r.nextInt(j);
        listeners(g).get(j).setName(listeners(g).get(i).getName());
        return new Located("gateway.listener-name-duplicate", "spec.listeners[" + j + "].name");
      }),
      gateway("Gateway: bad listener name", g -> true, (g, r) -> {
        int i = r.nextInt(listeners(g).size());
        listeners(g).get(i).setName(pick(r, List.of("HTTP", "https_1", "-web", "")));
        return new Located("gateway.listener-name", "spec.listeners[" + i + "].name");
      }),
      gateway("Gateway: listener port out of range", g -> true, (g, r) -> {
        int i = r.nextInt(listeners(g).size());
        listeners(g).get(i).setPort(pick(r, List.of(0, -1, 65_536)));
        return new Located("gateway.port", "spec.listeners[" + i + "].port");
      }),
      gateway("Gateway: bad listener hostname", g -> listeners(g).stream().anyMatch(l -> l.getHostname() != null),
          (g, r) -> {
            List<Integer> withHostname = new ArrayList<>();
            for (int i = 0; i < listeners(g).size(); i++) {
              if (listeners(g).get(i).getHostname() != null) {
                withHostname.add(i);
              }
            }
            int i = pick(r, withHostname);
            listeners(g).get(i).setHostname(pick(r, List.of("Shop.example.com", "shop_1.example.com", "*")));
            return new Located("gateway.hostname", "spec.listeners[" + i + "].hostname");
          }),
      gateway("Gateway: HTTPS passing TLS through", g -> listeners(g).stream().anyMatch(l -> l.getTls() != null),
          (g, r) -> {
            int i = 0;
            while (listeners(g).get(i).getTls() == null) {
              i++;
            }
            listeners(g).get(i).getTls().setMode("Passthrough");
            return new Located("gateway.tls-mode-https", "spec.listeners[" + i + "].tls.mode");
          }),
      gateway("Gateway: two listeners alike", g -> true, (g, r) -> {
        int i = r.nextInt(listeners(g).size());
        Listener copy = new ListenerBuilder(listeners(g).get(i)).withName("copy").build();
        listeners(g).add(copy);
        return new Located("gateway.listener-duplicate", "spec.listeners[" + (listeners(g).size() - 1) + "]");
      }),
      gateway("Gateway: no class", g -> true, (g, r) -> {
        g.getSpec().setGatewayClassName("");
        return new Located("gateway.class-name", "spec.gatewayClassName");
      }));
}
