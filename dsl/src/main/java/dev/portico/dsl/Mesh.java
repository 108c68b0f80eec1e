package dev.portico.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The service mesh (Istio) of a stack: versions of apps as subsets, routes with splits, retries,
 * timeouts and faults, destination policies, hosts outside the mesh, mutual TLS, who may call
 * whom, rate limits and telemetry. Get it from {@link Stack#mesh()}:
 *
 * <pre>{@code
 * Mesh mesh = stack.mesh();
 * Subset v1 = mesh.subset(reviews, "v1");
 * Subset v3 = mesh.subset(reviews, "v3");
 * mesh.route(reviews, r -> r.to(v1, 90).to(v3, 10));
 * mesh.mtls(MtlsMode.STRICT);
 * mesh.allow(reviewsV1, reviewsV2, reviewsV3).toCall(ratings);
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

  /** {@code callers} (apps, by their service accounts) may call the pods of {@code callee}. */
  public record Authorization(Service callee, List<App> callers, SourceLocation location) {
    public Authorization {
      callers = List.copyOf(callers);
    }
  }

  /** A local rate limit on {@code app}'s inbound requests. */
  public record Limit(App app, RateLimit limit, SourceLocation location) {}

  private final String namespace;
  private final List<Subset> subsets = new ArrayList<>();
  private final List<MeshRoute> routes = new ArrayList<>();
  private final List<DestinationPolicy> policies = new ArrayList<>();
  private final List<External> externals = new ArrayList<>();
  private final List<Mtls> mtls = new ArrayList<>();
  private final List<Authorization> authorizations = new ArrayList<>();
  private final List<Limit> rateLimits = new ArrayList<>();
  private final List<MeshTelemetry> telemetry = new ArrayList<>();
  private boolean defaultDeny;
  private String istioVersion = DEFAULT_ISTIO_VERSION;
  private final Runnable checkOpen;

  Mesh(String namespace, Runnable checkOpen) {
    this.namespace = namespace;
    this.checkOpen = checkOpen;
  }

  /** Subset {@code name} of {@code service}: its pods labelled {@code version: <name>}. */
  public Subset subset(Service service, String name) {
    return subset(service, name, Map.of("version", Objects.requireNonNull(name, "name")), Callers.location());
  }

  /** Subset {@code name} of {@code service}: its pods carrying {@code labels}. */
  public Subset subset(Service service, String name, Map<String, String> labels) {
    return subset(service, name, labels, Callers.location());
  }

  private Subset subset(Service service, String name, Map<String, String> labels, SourceLocation location) {
    checkOpen.run();
    Subset subset = new Subset(service, name, labels, location);
    subsets.add(subset);
    return subset;
  }

  /** How the mesh routes requests for {@code service}: splits, matches, retries, timeouts, faults. */
  public MeshRoute route(Service service, Consumer<MeshRoute.Builder> spec) {
    checkOpen.run();
    SourceLocation location = Callers.location();
    MeshRoute.Builder builder = new MeshRoute.Builder();
    spec.accept(builder);
    MeshRoute route = builder.build(Objects.requireNonNull(service, "service"), location);
    routes.add(route);
    return route;
  }

  /** How callers treat {@code service}: load balancing, connection pool, outlier detection, client TLS. */
  public DestinationPolicy policy(Service service, Consumer<DestinationPolicy.Builder> spec) {
    checkOpen.run();
    SourceLocation location = Callers.location();
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
    External external = new External(name, host, List.of(ports), Callers.location());
    externals.add(external);
    return external;
  }

  /** Mutual TLS for every workload of the namespace. */
  public void mtls(MtlsMode mode) {
    checkOpen.run();
    mtls.add(new Mtls(null, Objects.requireNonNull(mode, "mode"), Callers.location()));
  }

  /** Mutual TLS for {@code app}'s pods, overriding the namespace's. */
  public void mtls(App app, MtlsMode mode) {
    checkOpen.run();
    mtls.add(new Mtls(Objects.requireNonNull(app, "app"), Objects.requireNonNull(mode, "mode"), Callers.location()));
  }

  /** Starts "these apps may call ...": finish with {@link Allowance#toCall}. */
  public Allowance allow(App... callers) {
    checkOpen.run();
    return new Allowance(List.of(callers), Callers.location());
  }

  /** Denies every call in the namespace that no {@link #allow} permits (an allow-nothing policy). */
  public void denyByDefault() {
    checkOpen.run();
    defaultDeny = true;
  }

  /** Limits {@code app}'s inbound requests (Envoy's local rate limit, through an EnvoyFilter). */
  public void rateLimit(App app, RateLimit limit) {
    checkOpen.run();
    rateLimits.add(new Limit(Objects.requireNonNull(app, "app"), Objects.requireNonNull(limit, "limit"),
        Callers.location()));
  }

  /** Telemetry for the whole namespace. */
  public MeshTelemetry telemetry(Consumer<MeshTelemetry.Builder> spec) {
    return telemetry(null, spec, Callers.location());
  }

  /** Telemetry for {@code app}'s pods. */
  public MeshTelemetry telemetry(App app, Consumer<MeshTelemetry.Builder> spec) {
    return telemetry(Objects.requireNonNull(app, "app"), spec, Callers.location());
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
    return new MeshModel(subsets, routes, policies, externals, mtls, authorizations, defaultDeny, rateLimits,
        telemetry, istioVersion);
  }

  /** The callers of an {@link #allow}, waiting for their callees. */
  public final class Allowance {
    private final List<App> callers;
    private final SourceLocation location;

    private Allowance(List<App> callers, SourceLocation location) {
      this.callers = callers;
      this.location = location;
    }

    /** ... may call {@code callees} (their pods, as their Services select them). */
    public void toCall(Service... callees) {
      checkOpen.run();
      for (Service callee : callees) {
        authorizations.add(new Authorization(Objects.requireNonNull(callee, "callee"), callers, location));
      }
    }
  }
}
