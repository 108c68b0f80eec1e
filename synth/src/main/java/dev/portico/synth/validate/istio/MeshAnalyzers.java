package dev.portico.synth.validate.istio;

import dev.portico.dsl.format.IstioProtocols;
import dev.portico.synth.validate.Analysis;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Severity;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMirrorPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code istioctl analyze} checks that apply to what Portico synthesizes or reads, with their
 * codes in the messages: IST0101 (a destination host, subset or gateway that does not exist),
 * IST0109 (two mesh VirtualServices for one host), IST0118 (a Service port in a mesh namespace
 * whose protocol Istio cannot tell), IST0162 (a Gateway port its ingress Service does not expose),
 * IST0173 (a DestinationRule subset that selects no pods). IST0106 (schema) is the
 * {@code schema.*} rules. Lookups go through indexes built once.
 */
final class MeshAnalyzers {
  private static final String CLUSTER_SUFFIX = ".svc.cluster.local";

  private MeshAnalyzers() {}

  static void analyze(Analysis analysis) {
    analyze(analysis.resources(), analysis.podSets(), analysis.scope(), analysis.findings());
  }

  private static void analyze(List<Resource> resources, List<PodSet> podSets, Scope scope, List<Finding> out) {
    if (resources.stream().noneMatch(MeshAnalyzers::isIstio)) {
      return; // no Istio object: nothing of this applies, and no index is worth building
    }
    Index index = new Index(resources, podSets, scope);
    Map<String, Resource> meshHosts = new HashMap<>();
    for (Resource resource : resources) {
      Check check = new Check(resource, out);
      if (resource.object() instanceof VirtualService vs && vs.getSpec() != null) {
        destinations(check, resource, vs, index, scope);
        gateways(check, resource, vs, index, scope);
        meshHostConflicts(check, resource, vs, meshHosts, index);
      } else if (resource.object() instanceof DestinationRule rule && rule.getSpec() != null) {
        subsetsSelectPods(check, resource, rule, index, scope);
      } else if (resource.object() instanceof Service service && service.getSpec() != null) {
        portNames(check, resource, service, index);
      } else if (resource.object() instanceof Gateway gateway && gateway.getSpec() != null) {
        gatewayPorts(check, resource, gateway, index);
      }
    }
  }

  // ---- IST0101 --------------------------------------------------------------------------------

  private static void destinations(Check check, Resource resource, VirtualService vs, Index index, Scope scope) {
    String ns = namespace(resource);
    List<HTTPRoute> http = items(vs.getSpec().getHttp());
    for (int r = 0; r < http.size(); r++) {
      List<HTTPRouteDestination> route = items(http.get(r).getRoute());
      for (int d = 0; d < route.size(); d++) {
        destination(check, resource, route.get(d).getDestination(), "spec.http[" + r + "].route[" + d + "].destination",
            ns, index, scope);
      }
      if (http.get(r).getMirror() != null) {
        destination(check, resource, http.get(r).getMirror(), "spec.http[" + r + "].mirror", ns, index, scope);
      }
      List<HTTPMirrorPolicy> mirrors = items(http.get(r).getMirrors());
      for (int m = 0; m < mirrors.size(); m++) {
        destination(check, resource, mirrors.get(m).getDestination(), "spec.http[" + r + "].mirrors[" + m
            + "].destination", ns, index, scope);
      }
    }
    // TCP and TLS routes too, as istioctl's destination analyzers check them (Portico emits none; YAML may have them)
    List<io.fabric8.istio.api.api.networking.v1alpha3.TCPRoute> tcp = items(vs.getSpec().getTcp());
    for (int r = 0; r < tcp.size(); r++) {
      l4Destinations(check, resource, items(tcp.get(r).getRoute()), "spec.tcp[" + r + "]", ns, index, scope);
    }
    List<io.fabric8.istio.api.api.networking.v1alpha3.TLSRoute> tls = items(vs.getSpec().getTls());
    for (int r = 0; r < tls.size(); r++) {
      l4Destinations(check, resource, items(tls.get(r).getRoute()), "spec.tls[" + r + "]", ns, index, scope);
    }
  }

  private static void l4Destinations(Check check, Resource resource,
      List<io.fabric8.istio.api.api.networking.v1alpha3.RouteDestination> route, String path, String ns, Index index,
      Scope scope) {
    for (int d = 0; d < route.size(); d++) {
      destination(check, resource, route.get(d).getDestination(), path + ".route[" + d + "].destination", ns, index,
          scope);
    }
  }

  private static void destination(Check check, Resource resource, Destination destination, String path, String ns,
      Index index, Scope scope) {
    if (destination == null || destination.getHost() == null) {
      return; // the field rules report a missing host
    }
    String host = fqdn(destination.getHost(), ns);
    if (!index.knownHost(resource, host)) {
      check.report("mesh.reference-not-found", scope == Scope.CLOSED ? Severity.ERROR : Severity.WARNING,
          path + ".host", "host " + Messages.quote(destination.getHost()) + " is neither a Service nor a ServiceEntry "
              + (scope == Scope.CLOSED ? "of the stack" : "in the input") + " (IST0101 ReferencedResourceNotFound); "
              + "route to a declared Service" + (scope == Scope.OPEN ? ", or ignore this if it is applied separately" : ""));
      return;
    }
    String subset = destination.getSubset();
    if (subset == null || subset.isEmpty()) {
      return;
    }
    Set<String> subsets = index.subsets.get(index.key(resource, host));
    if (subsets == null) {
      check.report("mesh.reference-not-found", scope == Scope.CLOSED ? Severity.ERROR : Severity.WARNING,
          path + ".subset", "subset " + Messages.quote(subset) + " of " + Messages.quote(destination.getHost())
              + " is not defined: no DestinationRule for the host (IST0101 ReferencedResourceNotFound)");
    } else if (!subsets.contains(subset)) {
      check.error("mesh.reference-not-found", path + ".subset", "subset " + Messages.quote(subset) + " of "
          + Messages.quote(destination.getHost()) + " is not defined by its DestinationRule, which has "
          + Messages.list(new java.util.TreeSet<>(subsets)) + " (IST0101 ReferencedResourceNotFound)");
    }
  }

  private static void gateways(Check check, Resource resource, VirtualService vs, Index index, Scope scope) {
    List<String> gateways = items(vs.getSpec().getGateways());
    for (int g = 0; g < gateways.size(); g++) {
      String gateway = gateways.get(g);
      if ("mesh".equals(gateway)) {
        continue;
      }
      int slash = gateway.indexOf('/');
      String ns = slash < 0 ? namespace(resource) : gateway.substring(0, slash);
      String name = slash < 0 ? gateway : gateway.substring(slash + 1);
      if (!index.gateways.containsKey(index.lookupKey(resource, ns, name))) {
        check.report("mesh.reference-not-found", scope == Scope.CLOSED ? Severity.ERROR : Severity.WARNING,
            "spec.gateways[" + g + "]", "Gateway " + Messages.quote(gateway) + " is not "
                + (scope == Scope.CLOSED ? "in the stack" : "in the input") + " (IST0101 ReferencedResourceNotFound)");
      }
    }
  }

  // ---- IST0109 --------------------------------------------------------------------------------

  private static void meshHostConflicts(Check check, Resource resource, VirtualService vs, Map<String, Resource> owners,
      Index index) {
    List<String> gateways = items(vs.getSpec().getGateways());
    if (!gateways.isEmpty() && !gateways.contains("mesh")) {
      return; // bound to ingress gateways only
    }
    List<String> hosts = items(vs.getSpec().getHosts());
    for (int h = 0; h < hosts.size(); h++) {
      String host = fqdn(hosts.get(h), namespace(resource));
      Resource owner = owners.putIfAbsent(resource.group() + "\u0000" + host, resource);
      if (owner != null && owner != resource) {
        check.error("mesh.host-conflict", "spec.hosts[" + h + "]", "host " + Messages.quote(hosts.get(h))
            + " already has mesh VirtualService " + owner.id() + " (" + owner.locator().locate("spec.hosts") + "); "
            + "sidecars would apply one of them (IST0109 ConflictingMeshGatewayVirtualServiceHosts): merge them");
      }
    }
  }

  // ---- IST0118 --------------------------------------------------------------------------------

  private static void portNames(Check check, Resource resource, Service service, Index index) {
    if (!index.meshNamespaces.contains(index.namespaceKey(resource, namespace(resource)))
        || "ExternalName".equals(service.getSpec().getType())) {
      return;
    }
    List<ServicePort> ports = items(service.getSpec().getPorts());
    for (int i = 0; i < ports.size(); i++) {
      ServicePort port = ports.get(i);
      int number = port.getPort() == null ? 0 : port.getPort();
      String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
      if (IstioProtocols.protocolOf(number, port.getName(), protocol, port.getAppProtocol()).isEmpty()) {
        check.warning("mesh.port-name", "spec.ports[" + i + "]" + (port.getName() == null ? "" : ".name"),
            (port.getName() == null ? "an unnamed port" : "port name " + Messages.quote(port.getName()))
                + " does not follow Istio's <protocol>[-suffix] convention (" + IstioProtocols.PREFIXES + ") and "
                + (port.getAppProtocol() == null ? "has no appProtocol"
                    : "appProtocol " + Messages.quote(port.getAppProtocol()) + " is no protocol Istio knows")
                + ", so Istio treats it as plain TCP (IST0118 PortNameIsNotUnderNamingConvention)");
      }
    }
  }

  // ---- IST0162 --------------------------------------------------------------------------------

  private static void gatewayPorts(Check check, Resource resource, Gateway gateway, Index index) {
    Map<String, String> selector = gateway.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      return;
    }
    List<Service> ingress = new ArrayList<>();
    String group = index.key(resource, "");
    for (var entry : index.services.entrySet()) {
      if (!entry.getKey().startsWith(group)) {
        continue; // another stack environment's Service
      }
      Service service = entry.getValue();
      Map<String, String> serviceSelector = service.getSpec() == null ? null : service.getSpec().getSelector();
      if (serviceSelector != null && !serviceSelector.isEmpty()
          && serviceSelector.entrySet().stream().allMatch(e -> e.getValue().equals(selector.get(e.getKey())))) {
        ingress.add(service);
      }
    }
    if (ingress.isEmpty()) {
      return; // the ingress gateway's Service is not among the objects: nothing to compare with
    }
    List<Server> servers = items(gateway.getSpec().getServers());
    for (int s = 0; s < servers.size(); s++) {
      Server server = servers.get(s);
      if (server.getPort() == null || server.getPort().getNumber() == null) {
        continue;
      }
      long number = server.getPort().getNumber();
      boolean exposed = ingress.stream().flatMap(service -> items(service.getSpec().getPorts()).stream())
          .anyMatch(port -> exposes(port, number));
      if (!exposed) {
        check.error("mesh.gateway-port", "spec.servers[" + s + "].port.number", number + " is not a port of the "
            + "ingress gateway's Service (pods " + new TreeMap<>(selector) + ") (IST0162 GatewayPortNotDefinedOnService)");
      }
    }
  }

  private static boolean exposes(ServicePort port, long number) {
    IntOrString target = port.getTargetPort();
    return (port.getPort() != null && port.getPort() == number)
        || (target != null && target.getIntVal() != null && target.getIntVal() == number);
  }

  // ---- IST0173 --------------------------------------------------------------------------------

  private static void subsetsSelectPods(Check check, Resource resource, DestinationRule rule, Index index, Scope scope) {
    String host = rule.getSpec().getHost();
    if (host == null) {
      return;
    }
    Service service = index.services.get(index.key(resource, fqdn(host, namespace(resource))));
    if (service == null || service.getSpec() == null || service.getSpec().getSelector() == null
        || service.getSpec().getSelector().isEmpty()) {
      return;
    }
    String ns = namespace(service);
    if (scope == Scope.OPEN && !index.podNamespaces.contains(ns)) {
      return; // the pods are elsewhere
    }
    List<io.fabric8.istio.api.api.networking.v1alpha3.Subset> subsets = items(rule.getSpec().getSubsets());
    for (int s = 0; s < subsets.size(); s++) {
      Map<String, String> labels = new TreeMap<>(service.getSpec().getSelector());
      if (subsets.get(s).getLabels() != null) {
        labels.putAll(subsets.get(s).getLabels());
      }
      if (!index.anyPods(resource, ns, labels)) {
        check.warning("mesh.subset-no-pods", "spec.subsets[" + s + "]", "subset "
            + Messages.quote(subsets.get(s).getName()) + " selects no pods: none carry " + labels
            + " (IST0173 DestinationRuleSubsetNotSelectPods); label the pods (App.Builder.label) or fix the subset");
      }
    }
  }

  // ---- indexes --------------------------------------------------------------------------------

  /** What references resolve against, by group (a stack environment; the whole input for validate). */
  private static final class Index {
    final Scope scope;
    final Map<String, Service> services = new HashMap<>();
    final Set<String> entryHosts = new HashSet<>();
    final Map<String, Set<String>> subsets = new HashMap<>();
    final Map<String, Gateway> gateways = new HashMap<>();
    final Set<String> meshNamespaces = new HashSet<>();
    final Set<String> podNamespaces = new HashSet<>();
    /** Pod sets by group, namespace and each label, so a subset is matched against candidates only. */
    final Map<String, List<PodSet>> podsByLabel = new HashMap<>();

    Index(List<Resource> resources, List<PodSet> podSets, Scope scope) {
      this.scope = scope;
      for (PodSet pods : podSets) {
        podNamespaces.add(pods.namespace());
        for (var label : pods.labels().entrySet()) {
          podsByLabel.computeIfAbsent(podKey(scope == Scope.OPEN ? "" : pods.group(), pods.namespace(), label.getKey(),
              label.getValue()), k -> new ArrayList<>()).add(pods);
        }
      }
      for (Resource resource : resources) {
        String ns = namespace(resource);
        Object object = resource.object();
        if (isIstio(resource)) {
          meshNamespaces.add(namespaceKey(resource, ns));
        }
        if (object instanceof Service service) {
          services.putIfAbsent(key(resource, name(resource) + "." + ns + CLUSTER_SUFFIX), service);
        } else if (object instanceof ServiceEntry entry && entry.getSpec() != null) {
          for (String host : items(entry.getSpec().getHosts())) {
            entryHosts.add(key(resource, fqdn(host, ns)));
          }
        } else if (object instanceof DestinationRule rule && rule.getSpec() != null && rule.getSpec().getHost() != null) {
          Set<String> names = subsets.computeIfAbsent(key(resource, fqdn(rule.getSpec().getHost(), ns)),
              k -> new HashSet<>());
          for (var subset : items(rule.getSpec().getSubsets())) {
            names.add(subset.getName());
          }
        } else if (object instanceof Gateway gateway) {
          gateways.putIfAbsent(lookupKey(resource, ns, name(resource)), gateway);
        }
      }
    }

    String group(Resource resource) {
      return scope == Scope.OPEN ? "" : resource.group();
    }

    String key(Resource resource, String host) {
      return group(resource) + "\u0000" + host;
    }

    String lookupKey(Resource resource, String ns, String name) {
      return group(resource) + "\u0000" + ns + "/" + name;
    }

    String namespaceKey(Resource resource, String ns) {
      return resource.group() + "\u0000" + ns;
    }

    boolean knownHost(Resource resource, String host) {
      if (services.containsKey(key(resource, host)) || entryHosts.contains(key(resource, host))) {
        return true;
      }
      int dot = host.indexOf('.');
      return dot > 0 && entryHosts.contains(key(resource, "*" + host.substring(dot)));
    }

    boolean anyPods(Resource resource, String ns, Map<String, String> labels) {
      var first = new TreeMap<>(labels).firstEntry();
      for (PodSet pod : podsByLabel.getOrDefault(podKey(group(resource), ns, first.getKey(), first.getValue()),
          List.of())) {
        if (pod.matches(labels)) {
          return true;
        }
      }
      return false;
    }

    private static String podKey(String group, String ns, String label, String value) {
      return group + "\u0000" + ns + "\u0000" + label + "\u0000" + value;
    }
  }

  private static boolean isIstio(Resource resource) {
    return resource.object().getClass().getName().startsWith("io.fabric8.istio.");
  }

  /** A host as Istio resolves it in namespace {@code ns}: a short name becomes {@code name.ns.svc.cluster.local}. */
  static String fqdn(String host, String ns) {
    return host.contains(".") || host.contains("*") ? host : host + "." + ns + CLUSTER_SUFFIX;
  }

  private static String namespace(Resource resource) {
    return namespace(resource.object());
  }

  private static String namespace(io.fabric8.kubernetes.api.model.HasMetadata object) {
    String ns = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
    return ns == null ? "" : ns;
  }

  private static String name(Resource resource) {
    String name = resource.object().getMetadata() == null ? null : resource.object().getMetadata().getName();
    return Objects.requireNonNullElse(name, "");
  }

  private static <T> List<T> items(List<T> list) {
    if (list == null) {
      return List.of();
    }
    for (T item : list) {
      if (item == null) { // List.of(...) cannot even be asked contains(null)
        return list.stream().filter(Objects::nonNull).toList();
      }
    }
    return list;
  }
}
