package dev.portico.synth.routes;

import static dev.portico.synth.routes.ServicePorts.name;
import static dev.portico.synth.routes.ServicePorts.namespace;

import dev.portico.synth.routes.RouteTable.ServiceRoute;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Resource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The {@link ServiceRoute}s of the Services among some objects: one per port. */
final class ServiceRoutes {
  static final String CLUSTER_DOMAIN = "svc.cluster.local";
  static final String PROXY = "http://127.0.0.1:8001";

  /** Annotations that make a cloud load balancer internal, with the value that does. */
  private static final Map<String, String> INTERNAL = Map.of(
      "service.beta.kubernetes.io/aws-load-balancer-internal", "true",
      "service.beta.kubernetes.io/aws-load-balancer-scheme", "internal",
      "networking.gke.io/load-balancer-type", "internal",
      "cloud.google.com/load-balancer-type", "internal",
      "service.beta.kubernetes.io/azure-load-balancer-internal", "true");

  private ServiceRoutes() {}

  static List<ServiceRoute> of(List<Resource> resources, List<PodSet> apps) {
    List<ServiceRoute> routes = new ArrayList<>();
    for (Resource resource : resources) {
      if (resource.object() instanceof Service service) {
        routes.addAll(routes(service, resource.group(), apps));
      }
    }
    return routes;
  }

  private static List<ServiceRoute> routes(Service service, String group, List<PodSet> apps) {
    ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
    String namespace = namespace(service);
    String name = name(service);
    String type = spec.getType() == null || spec.getType().isEmpty() ? "ClusterIP" : spec.getType();
    boolean headless = type.equals("ClusterIP") && "None".equals(spec.getClusterIP());
    if (headless) {
      type = "Headless";
    }
    String app = app(namespace, spec.getSelector(), group, apps, type);
    String host = name + "." + namespace + "." + CLUSTER_DOMAIN;
    String externalName = type.equals("ExternalName") ? spec.getExternalName() : null;
    List<ServicePort> ports = spec.getPorts() == null ? List.of() : spec.getPorts().stream()
        .filter(port -> port != null && port.getPort() != null).toList();
    List<ServiceRoute> routes = new ArrayList<>();
    if (ports.isEmpty()) {
      routes.add(new ServiceRoute(namespace, name, type, null, dns(host, null, headless), null, null,
          type.equals("LoadBalancer") ? loadBalancer(service, null) : null, null, externalName, app));
    }
    for (ServicePort port : ports) {
      String protocol = port.getProtocol() == null || port.getProtocol().isEmpty() ? "TCP" : port.getProtocol();
      String portName = port.getName() == null || port.getName().isEmpty() ? null : port.getName();
      boolean nodePorts = type.equals("NodePort") || type.equals("LoadBalancer");
      routes.add(new ServiceRoute(
          namespace, name, type,
          port.getPort() + "/" + protocol + (portName == null ? "" : " " + portName),
          dns(host, port.getPort(), headless),
          type.equals("ClusterIP") && protocol.equals("TCP") && !http2Only(port, portName)
              ? proxyUrl(namespace, name, port, portName) : null,
          nodePorts ? port.getNodePort() : null,
          type.equals("LoadBalancer") ? loadBalancer(service, port.getPort()) : null,
          externalIps(spec, port.getPort()),
          externalName,
          app));
    }
    return routes;
  }

  private static String dns(String host, Integer port, boolean headless) {
    String dns = port == null ? host : host + ":" + port;
    return headless ? dns + " (pod IPs; per pod <pod>." + host + ")" : dns;
  }

  /** gRPC and h2c ports: the API server's proxy speaks HTTP/1.1 to them, which they do not answer. */
  private static boolean http2Only(ServicePort port, String portName) {
    String appProtocol = port.getAppProtocol() == null ? "" : port.getAppProtocol().toLowerCase(Locale.ROOT);
    return appProtocol.equals("kubernetes.io/h2c") || appProtocol.equals("grpc") || appProtocol.equals("h2c")
        || portName != null && (portName.equals("grpc") || portName.startsWith("grpc-"));
  }

  /** The URL {@code kubectl proxy} (default port 8001) serves the port at, through the API server's service proxy. */
  private static String proxyUrl(String namespace, String name, ServicePort port, String portName) {
    boolean https = portName != null && (portName.equals("https") || portName.startsWith("https-"))
        || port.getAppProtocol() != null && port.getAppProtocol().toLowerCase(Locale.ROOT).equals("https");
    return PROXY + "/api/v1/namespaces/" + namespace + "/services/" + (https ? "https:" : "") + name + ":"
        + (portName == null ? String.valueOf(port.getPort()) : portName) + "/proxy/";
  }

  private static String loadBalancer(Service service, Integer port) {
    ServiceSpec spec = service.getSpec();
    StringBuilder text = new StringBuilder("LoadBalancer");
    if (port != null) {
      text.append(" :").append(port);
    }
    if (spec.getLoadBalancerSourceRanges() != null && !spec.getLoadBalancerSourceRanges().isEmpty()) {
      text.append(" from ").append(String.join(",", spec.getLoadBalancerSourceRanges()));
    }
    Map<String, String> annotations = service.getMetadata() == null ? null : service.getMetadata().getAnnotations();
    if (annotations != null && INTERNAL.entrySet().stream().anyMatch(internal ->
        internal.getValue().equalsIgnoreCase(String.valueOf(annotations.get(internal.getKey()))))) {
      text.append(" (internal)");
    }
    if (spec.getLoadBalancerClass() != null && !spec.getLoadBalancerClass().isEmpty()) {
      text.append(" class ").append(spec.getLoadBalancerClass());
    }
    return text.toString();
  }

  private static String externalIps(ServiceSpec spec, Integer port) {
    if (spec.getExternalIPs() == null || spec.getExternalIPs().isEmpty()) {
      return null;
    }
    return String.join(", ", spec.getExternalIPs().stream().map(ip -> (ip.contains(":") ? "[" + ip + "]" : ip)
        + (port == null ? "" : ":" + port)).toList());
  }

  /**
   * The apps the selector picks, in the Service's group and namespace (or pods of YAML that name none);
   * an app whose versions are pod sets of their own shows once, with its versions:
   * {@code App/shop/orders (v1, v2)}.
   */
  private static String app(String namespace, Map<String, String> selector, String group, List<PodSet> apps,
      String type) {
    if (type.equals("ExternalName") || selector == null || selector.isEmpty()) {
      return null;
    }
    Map<String, List<PodSet>> matched = new java.util.TreeMap<>();
    for (PodSet pods : apps) {
      if (pods.group().equals(group) && (pods.namespace().isEmpty() || pods.namespace().equals(namespace))
          && pods.matches(selector)) {
        matched.computeIfAbsent(pods.description(), d -> new java.util.ArrayList<>()).add(pods);
      }
    }
    if (matched.isEmpty()) {
      return null;
    }
    List<String> names = new java.util.ArrayList<>();
    matched.forEach((description, pods) -> names.add(description + versions(pods)));
    return String.join(", ", names);
  }

  /** {@code " (v1, v2)"}: the values of the labels that tell pod sets of one app apart; "" for one pod set. */
  private static String versions(List<PodSet> pods) {
    if (pods.size() < 2) {
      return "";
    }
    TreeSet<String> keys = new TreeSet<>();
    for (PodSet pod : pods) {
      for (var label : pod.labels().entrySet()) {
        if (pods.stream().anyMatch(other -> !label.getValue().equals(other.labels().get(label.getKey())))) {
          keys.add(label.getKey());
        }
      }
    }
    List<String> values = new java.util.ArrayList<>();
    for (PodSet pod : pods) {
      List<String> parts = new java.util.ArrayList<>();
      for (String key : keys) {
        parts.add(pod.labels().getOrDefault(key, "-"));
      }
      values.add(String.join("/", parts));
    }
    return keys.isEmpty() ? "" : " (" + String.join(", ", values) + ")";
  }
}
