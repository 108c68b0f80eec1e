package dev.portico.synth.validate.istio;

import dev.portico.dsl.format.IstioProtocols;
import dev.portico.synth.validate.Analysis;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.PodIndex;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code istioctl analyze} checks that apply to what Portico synthesizes or reads, with their
 * codes in the messages, as istio/istio's analyzers ({@code pkg/config/analysis/analyzers}) do them:
 * IST0101 (a destination host, port or subset, a gateway, or the workloads of a Gateway's selector
 * that do not exist; {@code virtualservice/destinationhosts.go}, {@code destinationrules.go},
 * {@code gateways.go}, {@code gateway/gateway.go}), IST0109 (mesh VirtualServices whose hosts overlap
 * where both are visible; {@code conflictingmeshgatewayhosts.go}), IST0118 (a Service port in a mesh
 * namespace whose protocol Istio cannot tell), IST0162 (a Gateway port its ingress Service does not
 * expose, with {@code istioctl analyze}'s default ingress gateway assumed when no workload of the
 * input is selected; {@code gateway/gateway.go}, {@code local/defaults.go}), IST0173 (a
 * DestinationRule subset that selects no pods, the labels Istio adds from the node aside;
 * {@code destinationrule/subset.go}). IST0106 (schema) is the {@code schema.*} rules.
 *
 * <p>Visibility follows {@code analyzers/util/service_lookup.go}: a Service is visible where its
 * {@code networking.istio.io/exportTo} annotation says (everywhere without it), a ServiceEntry,
 * DestinationRule and VirtualService where their {@code exportTo} says ("." the own namespace,
 * "*" or nothing every namespace, "~" none); a VirtualService sees a host exported to every namespace
 * or to one of the namespaces it is itself exported to. Lookups go through indexes built once.
 */
final class MeshAnalyzers {
  private static final String CLUSTER_SUFFIX = ".svc.cluster.local";
  /** The Service annotation that limits where a Service is visible in the mesh. */
  static final String EXPORT_TO_ANNOTATION = "networking.istio.io/exportTo";
  /** Every namespace, as {@code exportTo} says it. */
  static final String ALL = "*";
  /**
   * The pods and Service {@code istioctl analyze} adds when it reads files only
   * ({@code local/defaults.go}): the ingress gateway in istio-system, pods labelled
   * istio=ingressgateway, Service istio-ingressgateway on ports 80, 443, 31400 and 15443.
   */
  static final String DEFAULT_INGRESS_NAMESPACE = "istio-system";
  static final String DEFAULT_INGRESS_SERVICE = "istio-ingressgateway";
  static final Map<String, String> DEFAULT_INGRESS_LABELS = Map.of("istio", "ingressgateway");
  static final List<Long> DEFAULT_INGRESS_PORTS = List.of(80L, 443L, 31_400L, 15_443L);
  /**
   * Labels Istio puts on every endpoint from its node, cluster and network ({@code AugmentLabels} in
   * {@code pilot/pkg/serviceregistry/util/label}); no pod manifest carries them, so a subset may
   * select on them without selecting nothing.
   */
  static final Set<String> ENDPOINT_LABELS = Set.of("topology.kubernetes.io/region", "topology.kubernetes.io/zone",
      "topology.istio.io/subzone", "topology.istio.io/cluster", "topology.istio.io/network", "kubernetes.io/hostname");

  private MeshAnalyzers() {}

  static void analyze(Analysis analysis) {
    List<Resource> resources = analysis.resources();
    Scope scope = analysis.scope();
    List<Finding> out = analysis.findings();
    if (resources.stream().noneMatch(MeshAnalyzers::isIstio)) {
      return; // no Istio object: nothing of this applies, and no index is worth building
    }
    Index index = new Index(resources, analysis.pods(), scope);
    for (Resource resource : resources) {
      Check check = new Check(resource, out);
      if (resource.object() instanceof VirtualService vs && vs.getSpec() != null) {
        destinations(check, resource, vs, index, scope);
        gateways(check, resource, vs, index, scope);
      } else if (resource.object() instanceof DestinationRule rule && rule.getSpec() != null) {
        subsetsSelectPods(check, resource, rule, index, scope);
      } else if (resource.object() instanceof Service service && service.getSpec() != null) {
        portNames(check, resource, service, index);
      } else if (resource.object() instanceof Gateway gateway && gateway.getSpec() != null) {
        gatewayWorkloads(check, resource, gateway, index, scope);
      }
    }
    meshHostConflicts(index, out);
  }

  // ---- IST0101: destinations ------------------------------------------------------------------

  private static void destinations(Check check, Resource resource, VirtualService vs, Index index, Scope scope) {
    Viewer viewer = new Viewer(namespace(resource), vs.getSpec().getExportTo());
    List<HTTPRoute> http = items(vs.getSpec().getHttp());
    for (int r = 0; r < http.size(); r++) {
      List<HTTPRouteDestination> route = items(http.get(r).getRoute());
      for (int d = 0; d < route.size(); d++) {
        destination(check, resource, route.get(d).getDestination(), "spec.http[" + r + "].route[" + d + "].destination",
            viewer, index, scope);
      }
      if (http.get(r).getMirror() != null) {
        destination(check, resource, http.get(r).getMirror(), "spec.http[" + r + "].mirror", viewer, index, scope);
      }
      List<HTTPMirrorPolicy> mirrors = items(http.get(r).getMirrors());
      for (int m = 0; m < mirrors.size(); m++) {
        destination(check, resource, mirrors.get(m).getDestination(), "spec.http[" + r + "].mirrors[" + m
            + "].destination", viewer, index, scope);
      }
    }
    // TCP and TLS routes too, as istioctl's destination analyzers check them (Portico emits none; YAML may have them)
    List<io.fabric8.istio.api.api.networking.v1alpha3.TCPRoute> tcp = items(vs.getSpec().getTcp());
    for (int r = 0; r < tcp.size(); r++) {
      l4Destinations(check, resource, items(tcp.get(r).getRoute()), "spec.tcp[" + r + "]", viewer, index, scope);
    }
    List<io.fabric8.istio.api.api.networking.v1alpha3.TLSRoute> tls = items(vs.getSpec().getTls());
    for (int r = 0; r < tls.size(); r++) {
      l4Destinations(check, resource, items(tls.get(r).getRoute()), "spec.tls[" + r + "]", viewer, index, scope);
    }
  }

  private static void l4Destinations(Check check, Resource resource,
      List<io.fabric8.istio.api.api.networking.v1alpha3.RouteDestination> route, String path, Viewer viewer,
      Index index, Scope scope) {
    for (int d = 0; d < route.size(); d++) {
      destination(check, resource, route.get(d).getDestination(), path + ".route[" + d + "].destination", viewer,
          index, scope);
    }
  }

  private static void destination(Check check, Resource resource, Destination destination, String path, Viewer viewer,
      Index index, Scope scope) {
    if (destination == null || destination.getHost() == null) {
      return; // the field rules report a missing host
    }
    String host = fqdn(destination.getHost(), viewer.namespace());
    List<Target> targets = index.targets(resource, host);
    List<Target> visible = targets.stream().filter(t -> t.visibleTo(viewer)).toList();
    if (targets.isEmpty()) {
      check.report("mesh.reference-not-found", scope == Scope.CLOSED ? Severity.ERROR : Severity.WARNING,
          path + ".host", "host " + Messages.quote(destination.getHost()) + " is neither a Service nor a ServiceEntry "
              + (scope == Scope.CLOSED ? "of the stack" : "in the input") + " (IST0101 ReferencedResourceNotFound); "
              + "route to a declared Service" + (scope == Scope.OPEN ? ", or ignore this if it is applied separately" : ""));
      if (index.subsets.containsKey(index.key(resource, host))) {
        subset(check, resource, destination, path, host, viewer, index, scope);
      }
      return;
    }
    if (visible.isEmpty()) {
      Target target = targets.get(0);
      check.error("mesh.reference-not-found", path + ".host", "host " + Messages.quote(destination.getHost())
          + " is " + target.resource().id() + ", which is exported only to " + Messages.list(target.scopes())
          + " (" + target.exportField() + "), not to " + viewer.describe() + " (IST0101 ReferencedResourceNotFound); "
          + "export it to " + Messages.quote(viewer.namespace()) + " or route elsewhere");
      return;
    }
    if (destination.getPort() != null && destination.getPort().getNumber() != null) {
      long number = destination.getPort().getNumber();
      if (visible.stream().noneMatch(t -> t.ports().contains(number))) {
        Set<Long> ports = new TreeSet<>();
        visible.forEach(t -> ports.addAll(t.ports()));
        check.error("mesh.reference-not-found", path + ".port.number", number + " is not a port of "
            + visible.get(0).resource().id() + ", which has " + (ports.isEmpty() ? "no ports"
                : "ports " + ports) + " (IST0101 ReferencedResourceNotFound: host:port "
            + Messages.quote(destination.getHost() + ":" + number) + "); use one of its ports");
      }
    }
    subset(check, resource, destination, path, host, viewer, index, scope);
  }

  /**
   * The subset of a destination, looked up in the DestinationRules of its host
   * ({@code virtualservice/destinationrules.go}) whether or not the host's Service is in the input;
   * beyond upstream, a subset that only DestinationRules hidden from the VirtualService define is a
   * warning.
   */
  private static void subset(Check check, Resource resource, Destination destination, String path, String host,
      Viewer viewer, Index index, Scope scope) {
    String subset = destination.getSubset();
    if (subset == null || subset.isEmpty()) {
      return;
    }
    List<Rule> rules = index.subsets.get(index.key(resource, host));
    if (rules == null) {
      check.report("mesh.reference-not-found", scope == Scope.CLOSED ? Severity.ERROR : Severity.WARNING,
          path + ".subset", "subset " + Messages.quote(subset) + " of " + Messages.quote(destination.getHost())
              + " is not defined: no DestinationRule for the host (IST0101 ReferencedResourceNotFound)");
      return;
    }
    Set<String> defined = new TreeSet<>();
    List<Rule> hidden = new ArrayList<>();
    for (Rule rule : rules) {
      if (rule.scopes() == null || viewer.sees(rule.scopes())) {
        defined.addAll(rule.subsets());
      } else if (rule.subsets().contains(subset)) {
        hidden.add(rule);
      }
    }
    if (defined.contains(subset)) {
      return;
    }
    if (!hidden.isEmpty()) {
      Rule rule = hidden.get(0);
      check.warning("mesh.reference-not-found", path + ".subset", "subset " + Messages.quote(subset) + " of "
          + Messages.quote(destination.getHost()) + " is defined by " + rule.resource().id() + ", which is exported "
          + "only to " + Messages.list(rule.scopes()) + " (exportTo), not to " + viewer.describe() + ", so the routes "
          + "find no such subset there (IST0101 ReferencedResourceNotFound); export the DestinationRule to "
          + Messages.quote(viewer.namespace()));
      return;
    }
    Set<String> all = new TreeSet<>();
    rules.forEach(r -> all.addAll(r.subsets()));
    check.error("mesh.reference-not-found", path + ".subset", "subset " + Messages.quote(subset) + " of "
        + Messages.quote(destination.getHost()) + " is not defined by its DestinationRule, which has "
        + Messages.list(all) + " (IST0101 ReferencedResourceNotFound)");
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

  /**
   * Mesh-bound VirtualServices (no gateways, or "mesh" among them) whose hosts meet in a namespace
   * where both are visible ({@code conflictingmeshgatewayhosts.go}): the same host in one scope (a
   * namespace a VirtualService is exported to, or every namespace), or a host of a VirtualService
   * exported to some namespaces that one exported to every namespace matches as Istio's
   * {@code host.Name.Matches} defines (wildcards included). Each party gets a finding.
   */
  private static void meshHostConflicts(Index index, List<Finding> out) {
    Map<String, List<HostClaim>> all = new HashMap<>(); // group and host -> claims exported to every namespace
    for (List<HostClaim> claims : index.meshHosts.values()) {
      HostClaim first = claims.get(0);
      if (first.scope().equals(ALL)) {
        all.computeIfAbsent(first.group() + "\u0000" + first.host(), k -> new ArrayList<>()).addAll(claims);
      }
    }
    Set<String> reported = new HashSet<>();
    for (List<HostClaim> claims : index.meshHosts.values()) {
      HostClaim first = claims.get(0);
      List<HostClaim> parties = new ArrayList<>(claims);
      if (!first.scope().equals(ALL)) {
        parties.addAll(overlapping(all, first.group(), first.host()));
      }
      Set<Resource> services = new LinkedHashSet<>();
      parties.forEach(p -> services.add(p.resource()));
      if (services.size() < 2) {
        continue;
      }
      for (HostClaim party : parties) {
        if (!reported.add(party.resource().id() + "\u0000" + party.resource().group() + "\u0000" + party.index())) {
          continue;
        }
        List<String> others = new ArrayList<>();
        for (Resource other : services) {
          if (other != party.resource()) {
            others.add(other.id() + " (" + other.locator().locate("spec.hosts") + ")");
          }
        }
        String where = first.scope().equals(ALL) ? "in every namespace"
            : "in namespace " + Messages.quote(first.scope());
        new Check(party.resource(), out).error("mesh.host-conflict", "spec.hosts[" + party.index() + "]", "host "
            + Messages.quote(party.written()) + " is also a host of mesh VirtualService" + (others.size() > 1 ? "s " : " ")
            + String.join(", ", others) + ", visible " + where + "; sidecars would apply one of them "
            + "(IST0109 ConflictingMeshGatewayVirtualServiceHosts): merge them, or export them to distinct namespaces");
      }
    }
  }

  /**
   * The claims exported to every namespace whose host overlaps {@code host}: for a plain host its
   * own name, "*" and each wildcard of its parent domains ("*.example.com" for "a.b.example.com"),
   * looked up directly; for a wildcard host (rare), a scan.
   */
  private static List<HostClaim> overlapping(Map<String, List<HostClaim>> all, String group, String host) {
    List<HostClaim> found = new ArrayList<>();
    if (host.startsWith("*")) {
      for (List<HostClaim> claims : all.values()) {
        HostClaim other = claims.get(0);
        if (other.group().equals(group) && IstioFormats.hostsOverlap(host, other.host())) {
          found.addAll(claims);
        }
      }
      return found;
    }
    found.addAll(all.getOrDefault(group + "\u0000" + host, List.of()));
    found.addAll(all.getOrDefault(group + "\u0000*", List.of()));
    for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
      found.addAll(all.getOrDefault(group + "\u0000*" + host.substring(dot), List.of()));
    }
    return found;
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


  // ---- IST0101 and IST0162: Gateway workloads and ports ---------------------------------------

  /**
   * {@code gateway/gateway.go}: the workloads a Gateway's selector picks, and the Service ports that
   * reach them. Without a workload of the input, {@code istioctl analyze}'s default ingress gateway
   * stands in when the selector picks it; with neither, the selector selects nothing (IST0101, a
   * warning when reading files, as the gateway may be deployed separately; not checked for a stack,
   * whose ingress gateway is never one of its apps).
   */
  private static void gatewayWorkloads(Check check, Resource resource, Gateway gateway, Index index, Scope scope) {
    Map<String, String> selector = gateway.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      return;
    }
    List<PodSet> pods = index.pods.matchingInAnyNamespace(index.group(resource), selector);
    boolean assumed = pods.isEmpty() && DEFAULT_INGRESS_LABELS.entrySet().containsAll(selector.entrySet());
    if (pods.isEmpty() && !assumed && scope == Scope.OPEN) {
      check.warning("mesh.reference-not-found", "spec.selector", "selects no workload in the input: none has labels "
          + new TreeMap<>(selector) + " (IST0101 ReferencedResourceNotFound: selector), nor is it istioctl analyze's "
          + "default ingress gateway (istio=ingressgateway in istio-system); fix the selector, or ignore this if the "
          + "gateway is deployed separately");
    }
    Set<Long> ports = new TreeSet<>();
    List<Service> services = index.gatewayServices(resource, selector, pods);
    for (Service service : services) {
      for (ServicePort port : items(service.getSpec().getPorts())) {
        if (port.getProtocol() == null || port.getProtocol().equals("TCP")) {
          exposed(port, ports);
        }
      }
    }
    boolean defaultService = assumed && !index.hasService(resource, DEFAULT_INGRESS_NAMESPACE, DEFAULT_INGRESS_SERVICE);
    if (defaultService) {
      ports.addAll(DEFAULT_INGRESS_PORTS);
    }
    if (services.isEmpty() && !defaultService) {
      return; // the ingress gateway's Service is not among the objects: nothing to compare with
    }
    List<Server> servers = items(gateway.getSpec().getServers());
    for (int s = 0; s < servers.size(); s++) {
      Server server = servers.get(s);
      if (server.getPort() == null || server.getPort().getNumber() == null) {
        continue;
      }
      long number = server.getPort().getNumber();
      if (!ports.contains(number)) {
        check.error("mesh.gateway-port", "spec.servers[" + s + "].port.number", number + " is not a port of the "
            + "ingress gateway's Service (pods " + new TreeMap<>(selector) + "), which has " + ports
            + (defaultService ? ", those of istioctl analyze's default ingress gateway " + DEFAULT_INGRESS_NAMESPACE
                + "/" + DEFAULT_INGRESS_SERVICE + ", as no workload of the input is selected" : "")
            + " (IST0162 GatewayPortNotDefinedOnService)");
      }
    }
  }

  /** A Service port reaches the gateway on its port number and on its numeric target port. */
  private static void exposed(ServicePort port, Set<Long> ports) {
    if (port.getPort() != null) {
      ports.add((long) port.getPort());
    }
    IntOrString target = port.getTargetPort();
    if (target != null && target.getIntVal() != null) {
      ports.add((long) target.getIntVal());
    }
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
    if (scope == Scope.OPEN && !index.pods.hasNamespace(ns)) {
      return; // the pods are elsewhere
    }
    List<io.fabric8.istio.api.api.networking.v1alpha3.Subset> subsets = items(rule.getSpec().getSubsets());
    for (int s = 0; s < subsets.size(); s++) {
      Map<String, String> labels = new TreeMap<>(service.getSpec().getSelector());
      if (subsets.get(s).getLabels() != null) {
        subsets.get(s).getLabels().forEach((k, v) -> {
          if (!ENDPOINT_LABELS.contains(k)) { // Istio adds these from the node, cluster and network
            labels.put(k, v);
          }
        });
      }
      if (index.pods.matching(index.group(resource), ns, labels).isEmpty()) {
        check.warning("mesh.subset-no-pods", "spec.subsets[" + s + "]", "subset "
            + Messages.quote(subsets.get(s).getName()) + " selects no pods: none carry " + labels
            + " (IST0173 DestinationRuleSubsetNotSelectPods); label the pods (App.Builder.label) or fix the subset");
      }
    }
  }

  // ---- visibility -----------------------------------------------------------------------------

  /**
   * The namespaces where an object is visible ({@code exportTo}, or the Service annotation), null
   * for every namespace: "." becomes the object's own namespace, "*" or nothing every namespace, "~"
   * (or any other name that is no namespace) no one.
   */
  static Set<String> scopes(List<String> exportTo, String namespace) {
    if (exportTo == null || exportTo.isEmpty() || exportTo.contains(ALL)) {
      return null;
    }
    Set<String> scopes = new TreeSet<>();
    for (String entry : exportTo) {
      if (entry == null) {
        continue;
      }
      String trimmed = entry.trim();
      scopes.add(trimmed.equals(".") ? namespace : trimmed);
    }
    return scopes;
  }

  /** The Service annotation {@value #EXPORT_TO_ANNOTATION}, comma-separated, as a list of entries. */
  static List<String> annotationExportTo(Service service) {
    var annotations = service.getMetadata() == null ? null : service.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(EXPORT_TO_ANNOTATION);
    return value == null || value.isBlank() ? List.of() : List.of(value.split(","));
  }

  /**
   * Where a VirtualService looks for its destinations ({@code GetDestinationHost}): hosts exported to
   * every namespace, else those exported to its own namespace (without exportTo) or to one of the
   * namespaces it is exported to.
   */
  record Viewer(String namespace, Set<String> exportedTo) {
    Viewer(String namespace, List<String> exportTo) {
      this(namespace, exportTo == null || exportTo.isEmpty() ? Set.of(namespace) : viewerScopes(exportTo, namespace));
    }

    private static Set<String> viewerScopes(List<String> exportTo, String namespace) {
      Set<String> scopes = new TreeSet<>();
      for (String entry : exportTo) {
        if (entry != null) {
          scopes.add(entry.equals(".") ? namespace : entry);
        }
      }
      return scopes;
    }

    /** True when an object visible in {@code scopes} (null: everywhere) is visible here. */
    boolean sees(Set<String> scopes) {
      if (scopes == null) {
        return true;
      }
      for (String scope : scopes) {
        if (exportedTo.contains(scope)) {
          return true;
        }
      }
      return false;
    }

    String describe() {
      return exportedTo.equals(Set.of(namespace)) ? "namespace " + Messages.quote(namespace)
          : "the namespaces the VirtualService is exported to, " + Messages.list(exportedTo);
    }
  }

  /**
   * A destination host: a Service or one host of a ServiceEntry, where it is visible and its ports.
   *
   * @param scopes null when visible in every namespace
   * @param wildcard a ServiceEntry's wildcard host, which upstream finds only when exported to every
   *     namespace or to the VirtualService's own
   */
  record Target(Resource resource, Set<String> scopes, Set<Long> ports, boolean wildcard) {
    boolean visibleTo(Viewer viewer) {
      if (scopes == null) {
        return true;
      }
      return wildcard ? scopes.contains(viewer.namespace()) : viewer.sees(scopes);
    }

    String exportField() {
      return resource.object() instanceof Service ? "annotation " + EXPORT_TO_ANNOTATION : "exportTo";
    }
  }

  /** The subsets one DestinationRule defines for its host, and where it is visible (null: everywhere). */
  record Rule(Resource resource, Set<String> subsets, Set<String> scopes) {}

  /** One host of a mesh VirtualService in one scope (a namespace it is exported to, or "*"). */
  record HostClaim(Resource resource, String group, String scope, String host, String written, int index) {}

  // ---- indexes --------------------------------------------------------------------------------

  /** What references resolve against, by group (a stack environment; the whole input for validate). */
  private static final class Index {
    final Scope scope;
    final Map<String, Service> services = new HashMap<>();
    /** Services and ServiceEntry hosts by group and host; ServiceEntry wildcards under their "*.suffix" host. */
    final Map<String, List<Target>> targets = new HashMap<>();
    final Map<String, List<Rule>> subsets = new HashMap<>();
    final Map<String, Gateway> gateways = new HashMap<>();
    final Set<String> meshNamespaces = new HashSet<>();
    /** Claims of mesh VirtualService hosts by group, scope and host, in input order. */
    final Map<String, List<HostClaim>> meshHosts = new LinkedHashMap<>();
    /** The pods in scope (a subset's or a Gateway's selector is matched against them). */
    final PodIndex pods;

    Index(List<Resource> resources, PodIndex pods, Scope scope) {
      this.scope = scope;
      this.pods = pods;
      for (Resource resource : resources) {
        String ns = namespace(resource);
        Object object = resource.object();
        if (isIstio(resource)) {
          meshNamespaces.add(namespaceKey(resource, ns));
        }
        if (object instanceof Service service) {
          String host = name(resource) + "." + ns + CLUSTER_SUFFIX;
          services.putIfAbsent(key(resource, host), service);
          Set<Long> ports = new TreeSet<>();
          if (service.getSpec() != null) {
            items(service.getSpec().getPorts()).forEach(p -> {
              if (p.getPort() != null) {
                ports.add((long) p.getPort());
              }
            });
          }
          targets.computeIfAbsent(key(resource, host), k -> new ArrayList<>())
              .add(new Target(resource, scopes(annotationExportTo(service), ns), ports, false));
        } else if (object instanceof ServiceEntry entry && entry.getSpec() != null) {
          Set<Long> ports = new TreeSet<>();
          items(entry.getSpec().getPorts()).forEach(p -> {
            if (p.getNumber() != null) {
              ports.add(p.getNumber());
            }
          });
          Set<String> visible = scopes(entry.getSpec().getExportTo(), ns);
          for (String host : items(entry.getSpec().getHosts())) {
            String name = fqdn(host, ns);
            targets.computeIfAbsent(key(resource, name), k -> new ArrayList<>())
                .add(new Target(resource, visible, ports, name.startsWith("*")));
          }
        } else if (object instanceof DestinationRule rule && rule.getSpec() != null && rule.getSpec().getHost() != null) {
          Set<String> names = new TreeSet<>();
          for (var subset : items(rule.getSpec().getSubsets())) {
            if (subset.getName() != null) {
              names.add(subset.getName());
            }
          }
          subsets.computeIfAbsent(key(resource, fqdn(rule.getSpec().getHost(), ns)), k -> new ArrayList<>())
              .add(new Rule(resource, names, scopes(rule.getSpec().getExportTo(), ns)));
        } else if (object instanceof Gateway gateway) {
          gateways.putIfAbsent(lookupKey(resource, ns, name(resource)), gateway);
        } else if (object instanceof VirtualService vs && vs.getSpec() != null) {
          meshHosts(resource, vs, ns);
        }
      }
    }

    /** The hosts of a VirtualService bound to the mesh, in each scope it is exported to. */
    private void meshHosts(Resource resource, VirtualService vs, String ns) {
      List<String> bound = items(vs.getSpec().getGateways());
      if (!bound.isEmpty() && !bound.contains("mesh")) {
        return; // bound to ingress gateways only
      }
      Set<String> visible = scopes(vs.getSpec().getExportTo(), ns);
      List<String> hosts = items(vs.getSpec().getHosts());
      for (String scope : visible == null ? Set.of(ALL) : visible) {
        for (int h = 0; h < hosts.size(); h++) {
          String host = fqdn(hosts.get(h), ns);
          String group = resource.group(); // one cluster: a conflict needs both in it, in either scope
          meshHosts.computeIfAbsent(group + "\u0000" + scope + "\u0000" + host, k -> new ArrayList<>())
              .add(new HostClaim(resource, group, scope, host, hosts.get(h), h));
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

    /** The Services and ServiceEntries of {@code host}: by its name, else by a ServiceEntry's wildcard. */
    List<Target> targets(Resource resource, String host) {
      List<Target> exact = targets.get(key(resource, host));
      if (exact != null) {
        return exact;
      }
      String bare = host.startsWith("*") ? host.substring(1) : host;
      for (int dot = bare.indexOf('.'); dot >= 0; dot = bare.indexOf('.', dot + 1)) {
        // upstream: a wildcard ServiceEntry host "*.example.org" finds every host ending in ".example.org"
        List<Target> wildcard = targets.get(key(resource, "*" + bare.substring(dot)));
        if (wildcard != null) {
          return wildcard;
        }
      }
      return List.of();
    }

    boolean hasService(Resource resource, String ns, String name) {
      return services.containsKey(key(resource, name + "." + ns + CLUSTER_SUFFIX));
    }

    /**
     * The Services of the group that reach a Gateway's pods: those selecting one of {@code pods} in
     * its namespace, or, when the pods are not among the objects, those whose selector the Gateway's
     * selector includes (the pods carry at least the Gateway's labels).
     */
    List<Service> gatewayServices(Resource resource, Map<String, String> selector, List<PodSet> pods) {
      List<Service> found = new ArrayList<>();
      String group = key(resource, "");
      for (var entry : services.entrySet()) {
        if (!entry.getKey().startsWith(group)) {
          continue; // another stack environment's Service
        }
        Service service = entry.getValue();
        Map<String, String> own = service.getSpec() == null ? null : service.getSpec().getSelector();
        if (own == null || own.isEmpty()) {
          continue;
        }
        String ns = namespace(service);
        boolean byPods = pods.stream().anyMatch(p -> p.namespace().equals(ns) && p.matches(own));
        boolean byLabels = own.entrySet().stream().allMatch(e -> e.getValue().equals(selector.get(e.getKey())));
        if (byPods || byLabels) {
          found.add(service);
        }
      }
      return found;
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
