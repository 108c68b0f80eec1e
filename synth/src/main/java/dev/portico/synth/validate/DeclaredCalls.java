package dev.portico.synth.validate;

import dev.portico.dsl.Peer;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The routes objects declare into the apps behind their Services, as {@link Call}s, for
 * {@code portico validate} (a synthesized stack passes the calls it declares instead): Ingress
 * backends, from the controller of the Ingress's class; HTTPRoute backends, from the proxies of the
 * parent Gateway's class; backends of VirtualServices bound to Istio Gateways, from the gateway's
 * pods; and NodePort and LoadBalancer Services, from anywhere or the load balancer's source ranges.
 *
 * <p>Controllers are known by the defaults of {@link Peer}: IngressClass {@code nginx} is ingress-nginx,
 * {@code istio} the Istio ingress gateway; a GatewayClass whose controller is Envoy Gateway's (or
 * named {@code eg} when it is not among the objects) has Envoy Gateway's proxies, Istio's (or
 * {@code istio}) Istio's; an Istio Gateway selecting {@code istio: ingressgateway} is the default
 * ingress gateway. Other controllers are sources nothing is known about.
 */
final class DeclaredCalls {
  static final String ENVOY_GATEWAY_CONTROLLER = "gateway.envoyproxy.io/gatewayclass-controller";
  static final String ISTIO_GATEWAY_CONTROLLER = "istio.io/gateway-controller";
  static final String ANNOTATION_SOURCE_RANGES = "service.beta.kubernetes.io/load-balancer-source-ranges";

  private final Scope scope;
  private final Map<String, Service> services = new HashMap<>();
  private final Map<String, io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway> gateways = new HashMap<>();
  private final Map<String, GatewayClass> gatewayClasses = new HashMap<>();
  private final Map<String, Gateway> istioGateways = new HashMap<>();
  private final List<Call> calls = new ArrayList<>();
  private final Set<String> seen = new LinkedHashSet<>();

  private DeclaredCalls(Scope scope) {
    this.scope = scope;
  }

  static List<Call> of(List<Resource> resources, Scope scope) {
    DeclaredCalls calls = new DeclaredCalls(scope);
    for (Resource resource : resources) {
      HasMetadata object = resource.object();
      String key = calls.key(resource.group(), namespace(object), name(object));
      if (object instanceof Service service) {
        calls.services.putIfAbsent(key, service);
      } else if (object instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway gateway) {
        calls.gateways.putIfAbsent(key, gateway);
      } else if (object instanceof GatewayClass gatewayClass) {
        calls.gatewayClasses.putIfAbsent(calls.key(resource.group(), "", name(object)), gatewayClass);
      } else if (object instanceof Gateway gateway) {
        calls.istioGateways.putIfAbsent(key, gateway);
      }
    }
    for (Resource resource : resources) {
      HasMetadata object = resource.object();
      if (object instanceof Ingress ingress && ingress.getSpec() != null) {
        calls.ingress(resource, ingress);
      } else if (object instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute route
          && route.getSpec() != null) {
        calls.httpRoute(resource, route);
      } else if (object instanceof VirtualService vs && vs.getSpec() != null) {
        calls.virtualService(resource, vs);
      } else if (object instanceof Service service && service.getSpec() != null) {
        calls.outside(resource, service);
      }
    }
    return List.copyOf(calls.calls);
  }

  // ---- Ingress --------------------------------------------------------------------------------

  private void ingress(Resource resource, Ingress ingress) {
    String className = ingress.getSpec().getIngressClassName();
    if (className == null && ingress.getMetadata() != null && ingress.getMetadata().getAnnotations() != null) {
      className = ingress.getMetadata().getAnnotations().get("kubernetes.io/ingress.class");
    }
    Call.Source source = switch (Objects.requireNonNullElse(className, "")) {
      case "nginx" -> Call.Source.of(Peer.ingressNginx());
      case "istio" -> Call.Source.of(Peer.istioIngressGateway());
      default -> Call.Source.unknown("the controller of IngressClass " + (className == null ? "(default)" : className));
    };
    String namespace = namespace(ingress);
    if (ingress.getSpec().getDefaultBackend() != null) {
      ingressBackend(resource, source, namespace, ingress.getSpec().getDefaultBackend(), "spec.defaultBackend");
    }
    List<IngressRule> rules = list(ingress.getSpec().getRules());
    for (int r = 0; r < rules.size(); r++) {
      if (rules.get(r) == null || rules.get(r).getHttp() == null) {
        continue;
      }
      List<HTTPIngressPath> paths = list(rules.get(r).getHttp().getPaths());
      for (int p = 0; p < paths.size(); p++) {
        if (paths.get(p) != null && paths.get(p).getBackend() != null) {
          ingressBackend(resource, source, namespace, paths.get(p).getBackend(),
              "spec.rules[" + r + "].http.paths[" + p + "].backend");
        }
      }
    }
  }

  private void ingressBackend(Resource resource, Call.Source source, String namespace, IngressBackend backend,
      String path) {
    if (backend.getService() == null || backend.getService().getName() == null) {
      return;
    }
    var port = backend.getService().getPort();
    Service service = services.get(key(resource.group(), namespace, backend.getService().getName()));
    if (service == null || port == null) {
      return;
    }
    for (ServicePort servicePort : ports(service)) {
      boolean matches = port.getName() != null && !port.getName().isEmpty()
          ? port.getName().equals(servicePort.getName())
          : port.getNumber() != null && port.getNumber().equals(servicePort.getPort());
      if (matches) {
        add(Call.Kind.ROUTE, source, service, List.of(servicePort), resource, path);
      }
    }
  }

  // ---- Gateway API ----------------------------------------------------------------------------

  private void httpRoute(Resource resource, io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute route) {
    String namespace = namespace(route);
    List<Call.Source> sources = new ArrayList<>();
    for (ParentReference parent : list(route.getSpec().getParentRefs())) {
      if (parent == null || parent.getName() == null || parent.getKind() != null && !"Gateway".equals(parent.getKind())) {
        continue;
      }
      String gatewayNamespace = parent.getNamespace() == null ? namespace : parent.getNamespace();
      sources.add(gatewaySource(resource.group(), gatewayNamespace, parent.getName()));
    }
    List<HTTPRouteRule> rules = list(route.getSpec().getRules());
    for (int r = 0; r < rules.size(); r++) {
      List<HTTPBackendRef> backends = rules.get(r) == null ? List.of() : list(rules.get(r).getBackendRefs());
      for (int b = 0; b < backends.size(); b++) {
        HTTPBackendRef backend = backends.get(b);
        if (backend == null || backend.getName() == null || backend.getPort() == null
            || backend.getKind() != null && !"Service".equals(backend.getKind())
            || backend.getGroup() != null && !backend.getGroup().isEmpty()) {
          continue;
        }
        String backendNamespace = backend.getNamespace() == null ? namespace : backend.getNamespace();
        Service service = services.get(key(resource.group(), backendNamespace, backend.getName()));
        if (service == null) {
          continue;
        }
        for (ServicePort port : ports(service)) {
          if (backend.getPort().equals(port.getPort())) {
            for (Call.Source source : sources) {
              add(Call.Kind.ROUTE, source, service, List.of(port), resource,
                  "spec.rules[" + r + "].backendRefs[" + b + "]");
            }
          }
        }
      }
    }
  }

  private Call.Source gatewaySource(String group, String namespace, String name) {
    var gateway = gateways.get(key(group, namespace, name));
    String className = gateway == null || gateway.getSpec() == null ? null : gateway.getSpec().getGatewayClassName();
    if (className == null) {
      return Call.Source.unknown("the proxies of Gateway " + namespace + "/" + name);
    }
    GatewayClass gatewayClass = gatewayClasses.get(key(group, "", className));
    String controller = gatewayClass == null || gatewayClass.getSpec() == null ? null
        : gatewayClass.getSpec().getControllerName();
    boolean envoy = controller != null ? controller.equals(ENVOY_GATEWAY_CONTROLLER) : className.equals("eg");
    boolean istio = controller != null ? controller.equals(ISTIO_GATEWAY_CONTROLLER) : className.equals("istio");
    if (envoy) {
      return Call.Source.of(Peer.envoyGateway(namespace, name));
    }
    if (istio) {
      return Call.Source.of(Peer.istioGateway(namespace, name));
    }
    return Call.Source.unknown("the proxies of Gateway " + namespace + "/" + name + " (GatewayClass " + className + ")");
  }

  // ---- Istio gateways -------------------------------------------------------------------------

  private void virtualService(Resource resource, VirtualService vs) {
    List<String> gatewayNames = list(vs.getSpec().getGateways());
    if (gatewayNames.isEmpty()) {
      return; // mesh-bound: its callers are the mesh's clients, which the objects do not name
    }
    String namespace = namespace(vs);
    List<Call.Source> sources = new ArrayList<>();
    for (String gatewayName : gatewayNames) {
      if ("mesh".equals(gatewayName)) {
        continue;
      }
      int slash = gatewayName.indexOf('/');
      String gatewayNamespace = slash < 0 ? namespace : gatewayName.substring(0, slash);
      Gateway gateway = istioGateways.get(key(resource.group(), gatewayNamespace, gatewayName.substring(slash + 1)));
      Map<String, String> selector = gateway == null || gateway.getSpec() == null ? null
          : gateway.getSpec().getSelector();
      if (selector != null && selector.equals(Peer.istioIngressGateway().labels())) {
        sources.add(Call.Source.of(Peer.istioIngressGateway()));
      } else {
        sources.add(Call.Source.meshPods("the pods of Istio Gateway " + gatewayNamespace + "/"
            + gatewayName.substring(slash + 1), null, selector, null));
      }
    }
    List<HTTPRoute> http = list(vs.getSpec().getHttp());
    for (int r = 0; r < http.size(); r++) {
      List<HTTPRouteDestination> route = http.get(r) == null ? List.of() : list(http.get(r).getRoute());
      for (int d = 0; d < route.size(); d++) {
        var destination = route.get(d) == null ? null : route.get(d).getDestination();
        if (destination == null || destination.getHost() == null) {
          continue;
        }
        Service service = meshService(resource.group(), destination.getHost(), namespace);
        if (service == null) {
          continue;
        }
        Long number = destination.getPort() == null ? null : destination.getPort().getNumber();
        List<ServicePort> ports = ports(service).stream()
            .filter(port -> number == null ? ports(service).size() == 1 : number.equals(port.getPort().longValue()))
            .toList();
        for (Call.Source source : sources) {
          add(Call.Kind.ROUTE, source, service, ports, resource, "spec.http[" + r + "].route[" + d + "].destination");
        }
      }
    }
  }

  /** The Service a mesh host names: {@code name}, {@code name.ns}, {@code name.ns.svc...}. */
  private Service meshService(String group, String host, String namespace) {
    String[] parts = host.split("\\.");
    String name = parts[0];
    String ns = parts.length > 1 ? parts[1] : namespace;
    return services.get(key(group, ns, name));
  }

  // ---- node ports and load balancers -----------------------------------------------------------

  private void outside(Resource resource, Service service) {
    String type = service.getSpec().getType();
    if (!"NodePort".equals(type) && !"LoadBalancer".equals(type)) {
      return;
    }
    List<String> anywhere = anywhere(service);
    if ("NodePort".equals(type)) {
      add(Call.Kind.NODE_PORT, Call.Source.nodePortClients(anywhere), service, ports(service), resource, "spec.ports");
      return;
    }
    List<String> ranges = list(service.getSpec().getLoadBalancerSourceRanges()).stream().map(String::trim).toList();
    if (ranges.isEmpty() && service.getMetadata() != null && service.getMetadata().getAnnotations() != null
        && service.getMetadata().getAnnotations().get(ANNOTATION_SOURCE_RANGES) != null) {
      ranges = List.of(service.getMetadata().getAnnotations().get(ANNOTATION_SOURCE_RANGES).split(",")).stream()
          .map(String::trim).filter(range -> !range.isEmpty()).toList();
    }
    add(Call.Kind.LOAD_BALANCER, Call.Source.loadBalancerClients(ranges, anywhere), service, ports(service), resource,
        ranges.isEmpty() ? "spec.ports" : "spec.loadBalancerSourceRanges");
  }

  /** Every address of the Service's IP families: IPv4's, and IPv6's when it has that family. */
  static List<String> anywhere(Service service) {
    List<String> families = service.getSpec() == null ? null : service.getSpec().getIpFamilies();
    return families == null ? Call.Source.anywhere(true, false)
        : Call.Source.anywhere(families.contains("IPv4"), families.contains("IPv6"));
  }

  // ---- building calls -------------------------------------------------------------------------

  private void add(Call.Kind kind, Call.Source source, Service service, List<ServicePort> ports, Resource via,
      String path) {
    var spec = service.getSpec();
    if (spec == null || "ExternalName".equals(spec.getType()) || spec.getSelector() == null
        || spec.getSelector().isEmpty() || ports.isEmpty()) {
      return;
    }
    String namespace = namespace(service);
    for (ServicePort port : ports) {
      String id = via.id() + "\u0000" + source.description() + "\u0000" + name(service) + "\u0000" + port.getPort();
      if (!seen.add(id)) {
        continue;
      }
      calls.add(new Call(kind, source, Call.Target.pods(namespace, spec.getSelector()), List.of(targetPort(port)),
          "Service/" + namespace + "/" + name(service) + ":" + port.getPort(), via.id(), via.locator().locate(path),
          via.group()));
    }
  }

  /** The pods' port a Service port forwards to: its targetPort (by name or number), else its own number. */
  static Call.TargetPort targetPort(ServicePort port) {
    String protocol = port.getProtocol() == null || port.getProtocol().isEmpty() ? "TCP" : port.getProtocol();
    IntOrString target = port.getTargetPort();
    if (target == null || target.getIntVal() == null && target.getStrVal() == null) {
      return new Call.TargetPort(port.getPort(), null, protocol);
    }
    return target.getStrVal() != null ? new Call.TargetPort(null, target.getStrVal(), protocol)
        : new Call.TargetPort(target.getIntVal(), null, protocol);
  }

  private static List<ServicePort> ports(Service service) {
    return list(service.getSpec() == null ? null : service.getSpec().getPorts()).stream()
        .filter(port -> port != null && port.getPort() != null).toList();
  }

  private String key(String group, String namespace, String name) {
    return (scope == Scope.OPEN ? "" : group) + "\u0000" + namespace + "\u0000" + name;
  }

  private static String namespace(HasMetadata object) {
    String namespace = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
    return namespace == null ? "" : namespace;
  }

  private static String name(HasMetadata object) {
    String name = object.getMetadata() == null ? null : object.getMetadata().getName();
    return name == null ? "" : name;
  }

  private static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
  }
}
