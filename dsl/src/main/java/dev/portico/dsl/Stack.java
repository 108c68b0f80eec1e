package dev.portico.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a {@link StackDefinition} declares into: apps and the Services that expose them, for one
 * environment. The handles it returns ({@link App}, {@link Service}) are what later declarations
 * refer to. Every declaration remembers the line that made it, for findings.
 */
public final class Stack {
  /** The environment of a stack that declares none. */
  public static final String DEFAULT_ENVIRONMENT = "default";

  private final String name;
  private final String namespace;
  private final String environment;
  private final Map<String, Object> parameterValues;
  private final Map<String, Parameter<?>> declaredParameters = new HashMap<>();
  private final List<App> apps = new ArrayList<>();
  private final List<Service> services = new ArrayList<>();
  private final List<HttpExposure> exposures = new ArrayList<>();
  private HttpTarget httpTarget = HttpTarget.ingress();
  private final Mesh mesh;
  private final List<AccessModel.Allowed> calls = new ArrayList<>();
  private final List<AccessModel.Reach> reaches = new ArrayList<>();
  private boolean denyByDefault;
  private ClusterDns egress;
  private StackNamespace declaredNamespace;
  private SourceLocation httpTargetLocation;
  private final SourceLocation location;
  private boolean frozen;

  private Stack(StackDefinition definition, String environment, Map<String, Object> parameterValues) {
    this.name = definition.name();
    this.namespace = definition.namespace();
    this.environment = environment;
    for (Parameter<?> parameter : definition.parameters()) {
      declaredParameters.put(parameter.name(), parameter);
    }
    this.parameterValues = Collections.unmodifiableMap(new HashMap<>(parameterValues));
    Class<?> type = definition.getClass();
    this.location = SourceLocation.of(type.getSimpleName() + ".java");
    this.mesh = new Mesh(namespace, this::checkOpen);
  }

  /**
   * Runs {@code definition} for one environment and freezes what it declared.
   *
   * @param settings parameter values already parsed with {@link Parameter#parse(String)}, by name;
   *     parameters not in it take their defaults
   */
  public static StackModel define(StackDefinition definition, String environment, Map<String, Object> settings) {
    Stack stack = new Stack(Objects.requireNonNull(definition, "definition"),
        Objects.requireNonNull(environment, "environment"), settings);
    definition.define(stack);
    return stack.freeze();
  }

  /**
   * {@link #define} without finding the user's line of each declaration: a stack walk less per
   * app, Service, port or path, for a run that reports nothing. Declarations then point at
   * {@link SourceLocation#NOT_RECORDED}, so a run that finds something to report (or whose define
   * throws) defines the stack again with {@link #define}: its {@code define()} must declare the same
   * each time, as it must for output that does not change between runs. Values that may outlive
   * the define, such as a {@link Port} in a static field, are still located.
   */
  public static StackModel defineWithoutSourceLines(StackDefinition definition, String environment,
      Map<String, Object> settings) {
    return Callers.withoutLocations(() -> define(definition, environment, settings));
  }

  /** The stack's name. */
  public String name() {
    return name;
  }

  /** The namespace every resource of this stack lives in. */
  public String namespace() {
    return namespace;
  }

  /** The environment being defined, e.g. {@code prod}; {@value #DEFAULT_ENVIRONMENT} when the stack declares none. */
  public String environment() {
    return environment;
  }

  /** True when the environment being defined is {@code name}. */
  public boolean isEnvironment(String name) {
    return environment.equals(name);
  }

  /**
   * The value of a parameter: what {@code --set} gave, else its default.
   *
   * @throws IllegalArgumentException if the parameter is not among {@link StackDefinition#parameters()}
   */
  public <T> T parameter(Parameter<T> parameter) {
    Parameter<?> declared = declaredParameters.get(parameter.name());
    if (declared != parameter) {
      throw new IllegalArgumentException("parameter " + parameter.name() + " is not declared in "
          + "parameters() of stack " + name);
    }
    Object value = parameterValues.get(parameter.name());
    @SuppressWarnings("unchecked")
    T typed = value != null ? (T) value : parameter.defaultValue();
    return typed;
  }

  /** Declares an app with the default selector ({@code app.kubernetes.io/name: <name>}) and these ports. */
  public App app(String name, Port... ports) {
    return app(name, Callers.declaration(), app -> app.ports(ports));
  }

  /** Declares an app configured by {@code spec}, e.g. {@code a -> a.selector("app", "MyApp").ports(http)}. */
  public App app(String name, Consumer<App.Builder> spec) {
    return app(name, Callers.declaration(), spec);
  }

  private App app(String name, SourceLocation location, Consumer<App.Builder> spec) {
    checkOpen();
    App.Builder builder = new App.Builder(name);
    spec.accept(builder);
    App app = builder.build(location);
    apps.add(app);
    return app;
  }

  /** Declares a Service selecting {@code app}'s pods, configured by {@code spec}. */
  public Service service(String name, App app, Consumer<Service.Builder> spec) {
    return service(name, Objects.requireNonNull(app, "app"), Callers.declaration(), spec);
  }

  /**
   * Declares a Service that selects no pods: an ExternalName alias, or a Service whose endpoints
   * are managed by hand.
   */
  public Service service(String name, Consumer<Service.Builder> spec) {
    return service(name, null, Callers.declaration(), spec);
  }

  /**
   * Exposes {@code app} like {@code kubectl expose}: a ClusterIP Service named after the app with
   * one port per container port, of the same number and name.
   */
  public Service expose(App app) {
    return expose(app, Callers.declaration(), service -> {});
  }

  /** Exposes {@code app} like {@link #expose(App)}, then applies {@code spec} (e.g. a type). */
  public Service expose(App app, Consumer<Service.Builder> spec) {
    return expose(app, Callers.declaration(), spec);
  }

  private Service expose(App app, SourceLocation location, Consumer<Service.Builder> spec) {
    return service(app.name(), app, location, service -> {
      for (Port port : app.ports()) {
        service.port(ServicePort.at(port.number(), port, location));
      }
      spec.accept(service);
    });
  }

  private Service service(String name, App app, SourceLocation location, Consumer<Service.Builder> spec) {
    checkOpen();
    Service.Builder builder = new Service.Builder(name, namespace, app);
    spec.accept(builder);
    Service service = builder.build(location);
    services.add(service);
    return service;
  }

  /**
   * Declares external HTTP(S) access: hosts, paths to Services, TLS, a default backend, options.
   * It is rendered as the stack's {@link #httpTarget(HttpTarget)}.
   */
  public HttpExposure http(String name, Consumer<HttpExposure.Builder> spec) {
    checkOpen();
    SourceLocation location = Callers.declaration();
    HttpExposure.Builder builder = new HttpExposure.Builder(name);
    spec.accept(builder);
    HttpExposure exposure = builder.build(location);
    exposures.add(exposure);
    return exposure;
  }

  /**
   * Chooses what this environment's {@link #http} exposures render to; {@link HttpTarget#ingress()}
   * by default. Pick per environment, e.g. {@code isEnvironment("prod") ? HttpTarget.gateway("eg") : HttpTarget.ingress("nginx")}.
   */
  public void httpTarget(HttpTarget target) {
    checkOpen();
    this.httpTarget = Objects.requireNonNull(target, "target");
    this.httpTargetLocation = Callers.declaration();
  }

  /** The stack's service mesh (Istio): subsets, routes, policies, mutual TLS, authorization, rate limits, telemetry. */
  public Mesh mesh() {
    return mesh;
  }

  /**
   * Starts "these apps may call ...": finish with {@link Allowance#toCall} or {@link Allowance#toReach}.
   * The callees' pods are then isolated: they admit the declared callers, the exposures that route
   * to them and the node ports and load balancers in front of them, and nothing else. Rendered as
   * a NetworkPolicy per isolated app, and as an Istio AuthorizationPolicy too when the stack has a mesh.
   */
  public Allowance allow(App... callers) {
    checkOpen();
    for (App caller : callers) {
      Objects.requireNonNull(caller, "caller");
    }
    return new Allowance(List.of(callers), Callers.declaration());
  }

  /**
   * Isolates every pod of the namespace: only what the stack declares (calls, exposures, node
   * ports, load balancers) is admitted. Rendered as a deny-all-ingress NetworkPolicy, and as an
   * allow-nothing AuthorizationPolicy too when the stack has a mesh.
   */
  public void denyByDefault() {
    checkOpen();
    denyByDefault = true;
  }

  /**
   * Restricts egress of every pod of the namespace to what the stack declares ({@link Allowance#toCall},
   * {@link Allowance#toReach}), DNS to {@link ClusterDns#kubeDns()}, and, in a mesh, istiod.
   */
  public void restrictEgress() {
    restrictEgress(ClusterDns.kubeDns());
  }

  /** {@link #restrictEgress()} with the cluster's DNS servers at {@code dns}. */
  public void restrictEgress(ClusterDns dns) {
    checkOpen();
    egress = Objects.requireNonNull(dns, "dns");
  }

  /**
   * Declares the stack's Namespace object, rendered first: its labels, e.g.
   * {@code declareNamespace(ns -> ns.label("team", "shop").sidecarInjection())}.
   */
  public void declareNamespace(Consumer<StackNamespace.Builder> spec) {
    checkOpen();
    StackNamespace.Builder builder = new StackNamespace.Builder();
    SourceLocation where = Callers.declaration();
    spec.accept(builder);
    declaredNamespace = builder.build(where);
  }

  private void checkOpen() {
    if (frozen) {
      throw new IllegalStateException("stack " + name + " is already defined; declare everything inside define()");
    }
  }

  private StackModel freeze() {
    frozen = true;
    return new StackModel(name, namespace, environment, apps, services, exposures, httpTarget,
        httpTargetLocation == null ? location : httpTargetLocation, mesh.freeze(),
        new AccessModel(calls, reaches, denyByDefault, egress), declaredNamespace, location);
  }

  /** The callers of an {@link #allow}, waiting for what they may call. */
  public final class Allowance {
    private final List<App> callers;
    private final SourceLocation location;

    private Allowance(List<App> callers, SourceLocation location) {
      this.callers = callers;
      this.location = location;
    }

    /** ... may call the pods of {@code callees}, on the ports their Services target. */
    public Allowance toCall(Service... callees) {
      checkOpen();
      for (Service callee : callees) {
        calls.add(new AccessModel.Allowed(callers, Objects.requireNonNull(callee, "callee"), location));
      }
      return this;
    }

    /**
     * ... may reach {@code external}, a Service for a host outside the cluster (ExternalName), at
     * the addresses {@code cidr} and {@code more}, on its ports. A NetworkPolicy cannot name a
     * host, only addresses: give the ranges the host resolves to.
     */
    public Allowance toReach(Service external, String cidr, String... more) {
      checkOpen();
      Objects.requireNonNull(external, "external");
      List<Port> ports = new ArrayList<>();
      for (ServicePort port : external.ports()) {
        ports.add(Port.at(port.name().orElse(null), port.port(), port.protocol(), port.location()));
      }
      String host = external.type() instanceof ServiceType.ExternalName name ? name.host() : external.name();
      reaches.add(new AccessModel.Reach(callers, "Service/" + external.namespace() + "/" + external.name(), host,
          ports, cidrs(cidr, more), location));
      return this;
    }

    /** ... may reach {@code external}, a host outside the mesh (a ServiceEntry), at the addresses given, on its ports. */
    public Allowance toReach(Mesh.External external, String cidr, String... more) {
      checkOpen();
      Objects.requireNonNull(external, "external");
      reaches.add(new AccessModel.Reach(callers, "ServiceEntry/" + namespace + "/" + external.name(), external.host(),
          external.ports(), cidrs(cidr, more), location));
      return this;
    }

    private List<String> cidrs(String cidr, String... more) {
      List<String> all = new ArrayList<>();
      all.add(Objects.requireNonNull(cidr, "cidr"));
      for (String other : more) {
        all.add(Objects.requireNonNull(other, "cidr"));
      }
      return all;
    }
  }
}
