package dev.portico.synth.routes;

import dev.portico.synth.validate.Call;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How every app of a set of objects is reached: one {@link ServiceRoute} per Service port (in-cluster
 * DNS name, {@code kubectl proxy} URL, node port, load balancer, ExternalName alias) and one
 * {@link HttpRoute} per host, path and header match of the Ingresses and Gateway API HTTPRoutes.
 *
 * <p>The table is derived only from Kubernetes objects (fabric8 {@code Service}, networking v1
 * {@code Ingress}, Gateway API v1 {@code HTTPRoute} and {@code Gateway}) and the pods Services
 * select, never from the DSL model, so it reads synthesized objects and YAML alike. The Ingress and
 * the Gateway API rendering of one exposure give equal {@link #http()} rows once {@link
 * HttpRoute#withoutVia()} drops where they came from: ingress-nginx canary Ingresses become weights
 * on the main Ingress's row (or a row of their own for a header), the {@code PREFIX(/|$)(.*)} paths
 * of {@code rewrite-target} become their prefix again, and Prefix paths lose a trailing slash (both
 * APIs ignore it). Immutable; every list is sorted, so every rendering is deterministic.
 */
public final class RouteTable {
  /** How {@link HttpRoute#host()} reads for rules without a host and for the default backend. */
  public static final String ANY_HOST = "*";

  private final List<ServiceRoute> services;
  private final List<HttpRoute> http;
  private final List<MeshRouteRow> mesh;
  private final List<CallRow> calls;

  private RouteTable(List<ServiceRoute> services, List<HttpRoute> http, List<MeshRouteRow> mesh, List<CallRow> calls) {
    List<ServiceRoute> sortedServices = new ArrayList<>(services);
    sortedServices.sort(ServiceRoute.ORDER);
    List<HttpRoute> sortedHttp = new ArrayList<>(http);
    sortedHttp.sort(HttpRoute.ORDER);
    this.services = List.copyOf(sortedServices);
    this.http = List.copyOf(sortedHttp);
    List<MeshRouteRow> sortedMesh = new ArrayList<>(mesh);
    sortedMesh.sort(MeshRouteRow.ORDER);
    this.mesh = List.copyOf(sortedMesh);
    this.calls = List.copyOf(calls);
  }

  /**
   * The routes of {@code resources}.
   *
   * @param resources Services, Ingresses, HTTPRoutes and Gateways; other kinds are ignored
   * @param apps the pods Services may select, to name the app behind each Service
   */
  public static RouteTable of(List<Resource> resources, List<PodSet> apps) {
    return of(resources, apps, List.of());
  }

  /**
   * The routes of {@code resources}, and whether their NetworkPolicies and mesh policies admit each of
   * {@code calls} (what a stack declares: callers, exposures, node ports, load balancers).
   */
  public static RouteTable of(List<Resource> resources, List<PodSet> apps, List<Call> calls) {
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(apps, "apps");
    ServicePorts ports = ServicePorts.of(resources);
    List<HttpRoute> http = new ArrayList<>(IngressRoutes.of(resources, ports));
    http.addAll(GatewayRoutes.of(resources));
    http.addAll(IstioRoutes.of(resources));
    return new RouteTable(ServiceRoutes.of(resources, apps), http, MeshRoutes.of(resources),
        CallRows.of(resources, apps, calls));
  }

  /** One row per Service port, sorted by namespace, Service, port number and protocol. */
  public List<ServiceRoute> services() {
    return services;
  }

  /** One row per host, path and header match, sorted by host (then {@code *}), path, match and headers. */
  public List<HttpRoute> http() {
    return http;
  }

  /** The service mesh's routes: one row per mesh-bound VirtualService host and rule, in the order Istio tries them. */
  public List<MeshRouteRow> mesh() {
    return mesh;
  }

  /**
   * Who may call whom: one row per declared call (callers, egress, routes, node ports, load balancers),
   * in declaration order, with what NetworkPolicies and, in a mesh, mutual TLS and AuthorizationPolicies say.
   */
  public List<CallRow> calls() {
    return calls;
  }

  /** The {@link #http()} rows without {@link HttpRoute#via()}: equal for the Ingress and Gateway API renderings. */
  public List<HttpRoute> httpWithoutVia() {
    return http.stream().map(HttpRoute::withoutVia).toList();
  }

  /** Aligned plain-text columns in two sections, {@code Services} and {@code HTTP routes}; ends with a newline. */
  public String table() {
    return TableFormat.render(this);
  }

  /** {@code {"services": [...], "http": [...]}}, pretty-printed, keys in a fixed order, nulls kept; ends with a newline. */
  public String json() {
    return JsonFormat.render(this);
  }

  /**
   * A mermaid {@code flowchart LR}: host and path, Service port, app, with canary weights on the
   * edges, and node ports, load balancers and ExternalName targets beside their Services. Node ids
   * are numbered in table order, so the text is deterministic. Ends with a newline.
   */
  public String mermaid() {
    return MermaidFormat.render(this);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RouteTable table && table.services.equals(services) && table.http.equals(http)
        && table.mesh.equals(mesh) && table.calls.equals(calls);
  }

  @Override
  public int hashCode() {
    return Objects.hash(services, http, mesh, calls);
  }

  @Override
  public String toString() {
    return "RouteTable[" + services.size() + " service ports, " + http.size() + " HTTP routes]";
  }

  /**
   * Where one rule of the mesh sends requests for a host: its split between destinations.
   *
   * @param host the VirtualService host as written, e.g. {@code reviews}
   * @param order the rule's place among the VirtualService's rules (Istio tries them in order)
   * @param match what the rule takes, e.g. {@code *} or {@code header end-user = jason}
   * @param destinations where its requests go, with weights when several
   * @param policies timeout, retries, faults, mirroring and redirects, in words
   * @param via the VirtualService, e.g. {@code VirtualService/bookinfo/reviews}
   */
  public record MeshRouteRow(String namespace, String host, int order, String match,
      List<MeshDestination> destinations, List<String> policies, String via) {
    static final Comparator<MeshRouteRow> ORDER = Comparator.comparing(MeshRouteRow::namespace)
        .thenComparing(MeshRouteRow::host).thenComparingInt(MeshRouteRow::order);

    public MeshRouteRow {
      destinations = List.copyOf(destinations);
      policies = List.copyOf(policies);
    }
  }

  /**
   * A mesh destination: a host, optionally a subset, and a weight when the rule splits.
   *
   * @param subset null for any of the host's pods
   * @param weight null when the rule has one destination
   * @param port the host's port; null when the destination names none
   */
  public record MeshDestination(String host, String subset, Integer weight, Integer port) {
    /** A destination that names no port. */
    public MeshDestination(String host, String subset, Integer weight) {
      this(host, subset, weight, null);
    }

    @Override
    public String toString() {
      return host + (port == null ? "" : ":" + port) + (subset == null ? "" : "/" + subset);
    }
  }

  /**
   * Whether a declared call is admitted.
   *
   * @param kind {@code caller}, {@code egress}, {@code route}, {@code node port} or {@code load balancer}
   * @param from where it comes from, e.g. {@code App/shop/web}
   * @param to where it goes, e.g. {@code Service/shop/orders}
   * @param ports the target's ports, e.g. {@code http/TCP, grpc/TCP}
   * @param via what declares it, e.g. {@code allow(web)} or {@code http(shop)}
   * @param network {@code allowed}, {@code denied} or {@code unknown}, by NetworkPolicies
   * @param networkReason why, e.g. {@code NetworkPolicy/shop/orders admits it}
   * @param mesh the same by mutual TLS and AuthorizationPolicies; null when the target is not in a mesh
   * @param meshReason why; null when the target is not in a mesh
   * @param outcome {@code allowed} when every layer allows, {@code denied} when one denies, else {@code unknown}
   */
  public record CallRow(String kind, String from, String to, String ports, String via, String network,
      String networkReason, String mesh, String meshReason, String outcome) {}

  /**
   * How one port of a Service is reached.
   *
   * @param namespace the Service's namespace ({@code default} when the object names none)
   * @param service the Service's name
   * @param type {@code ClusterIP}, {@code Headless} (ClusterIP with {@code clusterIP: None}),
   *     {@code NodePort}, {@code LoadBalancer} or {@code ExternalName}
   * @param port e.g. {@code 80/TCP http} (number, protocol, then the name if any); null for a Service without ports
   * @param dns e.g. {@code web.shop.svc.cluster.local:80}; a headless Service's adds
   *     {@code (pod IPs; per pod <pod>.web.shop.svc.cluster.local)}: the name resolves to the pods' IPs, and
   *     pods whose subdomain is the Service (a StatefulSet's) get names of their own
   * @param proxyUrl the {@code kubectl proxy} URL of a TCP port of a ClusterIP (not headless) Service, e.g.
   *     {@code http://127.0.0.1:8001/api/v1/namespaces/shop/services/web:http/proxy/}, with {@code https:}
   *     before the Service's name when the port's name or appProtocol says HTTPS; otherwise null, and null for
   *     gRPC and h2c ports (appProtocol {@code kubernetes.io/h2c}, {@code grpc}, {@code h2c}, or a port named
   *     {@code grpc} or {@code grpc-*}), which the API server's HTTP/1.1 proxy cannot talk to
   * @param nodePort the node port of a NodePort or LoadBalancer Service, null when the cluster allocates it
   * @param loadBalancer e.g. {@code LoadBalancer :443 from 203.0.113.0/24}; null unless type LoadBalancer
   * @param externalIps e.g. {@code 198.51.100.7:80}, comma-separated; null without {@code spec.externalIPs}
   * @param externalName the DNS name an ExternalName Service aliases; otherwise null
   * @param app the {@link PodSet#description()} of the pods the selector matches (comma-separated when
   *     several do); null without a selector or a match
   */
  public record ServiceRoute(
      String namespace, String service, String type, String port, String dns, String proxyUrl, Integer nodePort,
      String loadBalancer, String externalIps, String externalName, String app) {

    static final Comparator<ServiceRoute> ORDER = Comparator.comparing(ServiceRoute::namespace)
        .thenComparing(ServiceRoute::service)
        .thenComparing(ServiceRoute::portNumber)
        .thenComparing(route -> route.port() == null ? "" : route.port());

    public ServiceRoute {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(dns, "dns");
    }

    /** Whether the Service is ClusterIP without a cluster IP of its own. */
    public boolean headless() {
      return "Headless".equals(type);
    }

    private int portNumber() {
      if (port == null) {
        return -1;
      }
      int slash = port.indexOf('/');
      try {
        return Integer.parseInt(slash < 0 ? port : port.substring(0, slash));
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }

  /**
   * A Service port requests are sent to.
   *
   * @param namespace the Service's namespace
   * @param service the Service's name
   * @param port the Service port (0 when a port name could not be resolved)
   * @param weight its share among the row's backends; null when the row has one backend
   */
  public record Target(String namespace, String service, int port, Integer weight) {
    public Target {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(service, "service");
    }

    Target withWeight(Integer newWeight) {
      return new Target(namespace, service, port, newWeight);
    }

    @Override
    public String toString() {
      return namespace + "/" + service + ":" + port + (weight == null ? "" : "@" + weight);
    }
  }

  /**
   * Where requests for a host and path go.
   *
   * @param host the host, {@link #ANY_HOST} for a rule without one and for the default backend
   * @param match {@code Prefix}, {@code Exact}, {@code ImplementationSpecific} (also Gateway API's
   *     RegularExpression) or {@code Default} (the default backend: what no other row matches)
   * @param path the path; for a Prefix no trailing slash (except {@code /}); for ingress-nginx's
   *     rewrite regular expression {@code PREFIX(/|$)(.*)}, the prefix; {@code /} for {@code Default}
   * @param headers the header values the row requires, sorted by name (a header-selected canary is a row of its own)
   * @param backends where requests go, with weights when there are several (an ingress-nginx canary's
   *     main backend weighs {@code canary-weight-total - canary-weight}, the canary {@code canary-weight})
   * @param tls whether the host is served over HTTPS: covered by the Ingress's {@code spec.tls} (or
   *     {@code force-ssl-redirect}), or attached to an HTTPS listener whose hostname covers it; for
   *     {@link #ANY_HOST} only an HTTPS listener without a hostname counts
   * @param httpsRedirect whether plain HTTP requests for the host are redirected to HTTPS: a TLS host
   *     without {@code ssl-redirect: "false"}, or {@code force-ssl-redirect: "true"}; for Gateway API a
   *     route with a {@code RequestRedirect} to scheme https whose hostnames cover the host (for
   *     {@link #ANY_HOST}: a route without hostnames)
   * @param via the objects the row came from, e.g. {@code Ingress/storefront/storefront}, comma-separated; null
   *     after {@link #withoutVia()}
   */
  public record HttpRoute(
      String host, String match, String path, Map<String, String> headers, List<Target> backends, boolean tls,
      boolean httpsRedirect, String via) {

    /** The {@link #match()} of a default backend. */
    public static final String DEFAULT = "Default";

    static final Comparator<HttpRoute> ORDER = Comparator
        .comparing((HttpRoute route) -> route.host().equals(ANY_HOST))
        .thenComparing(HttpRoute::host)
        .thenComparing(route -> route.match().equals(DEFAULT))
        .thenComparing(HttpRoute::path)
        .thenComparing(HttpRoute::match)
        .thenComparing(route -> route.headers().size())
        .thenComparing(route -> route.headers().toString())
        .thenComparing(route -> route.backends().toString())
        .thenComparing(HttpRoute::tls)
        .thenComparing(HttpRoute::httpsRedirect)
        .thenComparing(route -> route.via() == null ? "" : route.via());

    public HttpRoute {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(path, "path");
      headers = Collections.unmodifiableMap(new TreeMap<>(headers));
      backends = List.copyOf(backends);
    }

    /** This row without {@link #via()}, for comparing renderings of one exposure by different targets. */
    public HttpRoute withoutVia() {
      return new HttpRoute(host, match, path, headers, backends, tls, httpsRedirect, null);
    }
  }
}
