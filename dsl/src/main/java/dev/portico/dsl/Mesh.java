package dev.portico.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The service mesh (Istio) of a stack: versions of apps as subsets, routes with splits, retries,
 * timeouts and faults, destination policies, hosts outside the mesh, mutual TLS, rate limits and
 * telemetry. Who may call whom is declared on the stack ({@link Stack#allow}) and rendered as
 * AuthorizationPolicies too when the stack has a mesh. Get it from {@link Stack#mesh()}:
 *
 * <pre>{@code
 * Mesh mesh = stack.mesh();
 * Subset v1 = mesh.subset(reviews, "v1");        // a version the app declares
 * Subset v3 = mesh.subset(reviews, "v3");
 * mesh.route(reviews, r -> r.to(v1, 90).to(v3, 10));
 * mesh.mtls(MtlsMode.STRICT);
 * }</pre>
 */
public final class Mesh {
  /** The Istio version EnvoyFilters are written for unless {@link #istioVersion} says otherwise. */
  public static final String DEFAULT_ISTIO_VERSION = "1.28";

  /**
   * A host outside the mesh that apps inside reach (an Istio ServiceEntry, MESH_EXTERNAL, DNS resolution).
   *
   * @param name the ServiceEntry's name
   * @param host the host, e.g. {@code api.payments.example.com}
   * @param ports its ports; each port's name says its protocol ({@code https}, {@code http}, {@code tcp}, ...)
   */
  public record External(String name, String host, List<Port> ports, SourceLocation location) {
    public External {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(host, "host");
      ports = List.copyOf(ports);
    }
  }

  /** A mutual TLS mode, for the namespace ({@code app} null) or one app. */
  public record Mtls(App app, MtlsMode mode, SourceLocation location) {}

  /** A local rate limit on {@code app}'s inbound requests. */
  public record Limit(App app, RateLimit limit, SourceLocation location) {}

  private final String namespace;
  private final List<Subset> subsets = new ArrayList<>();
  private final List<MeshRoute> routes = new ArrayList<>();
  private final List<DestinationPolicy> policies = new ArrayList<>();
  private final List<External> externals = new ArrayList<>();
  private final List<Mtls> mtls = new ArrayList<>();
  private final List<Limit> rateLimits = new ArrayList<>();
  private final List<MeshTelemetry> telemetry = new ArrayList<>();
  private Peer controlPlane = Peer.istiod();
  private String istioVersion = DEFAULT_ISTIO_VERSION;
  private final Runnable checkOpen;

  Mesh(String namespace, Runnable checkOpen) {
    this.namespace = namespace;
    this.checkOpen = checkOpen;
  }

  /**
   * Subset {@code name} of {@code service}: its pods labelled {@code version: <name>}, a version
   * its app declares ({@link App.Builder#versions}).
   */
  public Subset subset(Service service, String name) {
    return subset(service, name, Map.of(App.VERSION_LABEL, Objects.requireNonNull(name, "name")),
        Callers.declaration());
  }

  /** Subset {@code name} of {@code service}: its pods carrying {@code labels}. */
  public Subset subset(Service service, String name, Map<String, String> labels) {
    return subset(service, name, labels, Callers.declaration());
  }

  private Subset subset(Service service, String name, Map<String, String> labels, SourceLocation location) {
    checkOpen.run();
    Subset subset = new Subset(service, name, labels, location);
    subsets.add(subset);
    return subset;
  }

  /**
   * How the mesh routes requests for {@code service}: splits, matches, retries, timeouts, faults.
   * For a Service of several ports, route one port at a time ({@link #route(Service, Port, Consumer)})
   * or name a port on each destination.
   */
  public MeshRoute route(Service service, Consumer<MeshRoute.Builder> spec) {
    return route(service, null, spec, Callers.declaration());
  }

  /**
   * How the mesh routes the requests {@code service} receives on the Service port that targets the
   * app's {@code port}: every rule matches that port, and destinations of the Service go to it.
   * Requests on the Service's other ports keep the default routing (or a route of their own).
   * E.g. {@code mesh.route(orders, OrdersApp.HTTP, r -> r.to(v1, 90).to(v2, 10))}.
   */
  public MeshRoute route(Service service, Port port, Consumer<MeshRoute.Builder> spec) {
    return route(service, Objects.requireNonNull(port, "port"), spec, Callers.declaration());
  }

  private MeshRoute route(Service service, Port port, Consumer<MeshRoute.Builder> spec, SourceLocation location) {
    checkOpen.run();
    MeshRoute.Builder builder = new MeshRoute.Builder();
    spec.accept(builder);
    MeshRoute route = builder.build(Objects.requireNonNull(service, "service"), port, location);
    routes.add(route);
    return route;
  }

  /** How callers treat {@code service}: load balancing, connection pool, outlier detection, client TLS. */
  public DestinationPolicy policy(Service service, Consumer<DestinationPolicy.Builder> spec) {
    checkOpen.run();
    SourceLocation location = Callers.declaration();
    DestinationPolicy.Builder builder = new DestinationPolicy.Builder();
    spec.accept(builder);
    DestinationPolicy policy = builder.build(Objects.requireNonNull(service, "service"), location);
    policies.add(policy);
    return policy;
  }

  /**
   * Host {@code host}, outside the cluster, reached from inside the mesh on {@code ports}: the
   * mesh's counterpart of an ExternalName Service, e.g. {@code external("payments", "api.pay.example.com", Port.https(443))}.
   */
  public External external(String name, String host, Port... ports) {
    checkOpen.run();
    External external = new External(name, host, List.of(ports), Callers.declaration());
    externals.add(external);
    return external;
  }

  /** Mutual TLS for every workload of the namespace. */
  public void mtls(MtlsMode mode) {
    checkOpen.run();
    mtls.add(new Mtls(null, Objects.requireNonNull(mode, "mode"), Callers.declaration()));
  }

  /** Mutual TLS for {@code app}'s pods, overriding the namespace's. */
  public void mtls(App app, MtlsMode mode) {
    checkOpen.run();
    mtls.add(new Mtls(Objects.requireNonNull(app, "app"), Objects.requireNonNull(mode, "mode"), Callers.declaration()));
  }

  /**
   * Where istiod runs, which sidecars must reach once the stack restricts egress
   * ({@link Stack#restrictEgress()}); {@link Peer#istiod()} by default.
   */
  public void controlPlane(Peer istiod) {
    checkOpen.run();
    this.controlPlane = Objects.requireNonNull(istiod, "istiod");
  }

  /** Limits {@code app}'s inbound requests (Envoy's local rate limit, through an EnvoyFilter). */
  public void rateLimit(App app, RateLimit limit) {
    checkOpen.run();
    rateLimits.add(new Limit(Objects.requireNonNull(app, "app"), Objects.requireNonNull(limit, "limit"),
        Callers.declaration()));
  }

  /** Telemetry for the whole namespace. */
  public MeshTelemetry telemetry(Consumer<MeshTelemetry.Builder> spec) {
    return telemetry(null, spec, Callers.declaration());
  }

  /** Telemetry for {@code app}'s pods. */
  public MeshTelemetry telemetry(App app, Consumer<MeshTelemetry.Builder> spec) {
    return telemetry(Objects.requireNonNull(app, "app"), spec, Callers.declaration());
  }

  private MeshTelemetry telemetry(App app, Consumer<MeshTelemetry.Builder> spec, SourceLocation location) {
    checkOpen.run();
    MeshTelemetry.Builder builder = new MeshTelemetry.Builder();
    spec.accept(builder);
    MeshTelemetry result = builder.build(app, location);
    telemetry.add(result);
    return result;
  }

  /** The Istio version that version-sensitive resources (EnvoyFilters) are written for; {@value #DEFAULT_ISTIO_VERSION} by default. */
  public void istioVersion(String version) {
    checkOpen.run();
    this.istioVersion = Objects.requireNonNull(version, "version");
  }

  /** The namespace the mesh resources go to. */
  public String namespace() {
    return namespace;
  }

  MeshModel freeze() {
    return new MeshModel(subsets, routes, policies, externals, mtls, rateLimits, telemetry, istioVersion,
        controlPlane);
  }
}
