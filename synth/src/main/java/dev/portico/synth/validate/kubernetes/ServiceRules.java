package dev.portico.synth.validate.kubernetes;

import dev.portico.dsl.format.DeclarationRules;
import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A v1 Service as the API server validates it on create: {@code ValidateService},
 * {@code validateServicePort}, {@code ValidateServiceClusterIPsRelatedFields},
 * {@code validateServiceExternalTrafficPolicy} and friends in kubernetes
 * {@code pkg/apis/core/validation/validation.go}, plus the node-port allocator's range (the API
 * server's {@code --service-node-port-range}, {@link dev.portico.synth.validate.ClusterFacts}).
 * Checks run on a copy defaulted like {@code SetDefaults_Service}; see {@link ServiceDefaults}.
 */
final class ServiceRules {
  static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  static final List<String> AFFINITIES = List.of("ClientIP", "None");
  static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");
  static final List<String> IP_FAMILIES = List.of("IPv4", "IPv6");
  static final List<String> IP_FAMILY_POLICIES = List.of("PreferDualStack", "RequireDualStack", "SingleStack");
  static final List<String> TRAFFIC_DISTRIBUTIONS = List.of("PreferClose", "PreferSameZone", "PreferSameNode");
  /** {@code MaxClientIPServiceAffinitySeconds}. */
  static final int MAX_AFFINITY_SECONDS = 86_400;
  static final String SOURCE_RANGES_ANNOTATION = "service.beta.kubernetes.io/load-balancer-source-ranges";
  static final String TOPOLOGY_MODE_ANNOTATION = "service.kubernetes.io/topology-mode";
  static final String TOPOLOGY_HINTS_ANNOTATION = "service.kubernetes.io/topology-aware-hints";

  private ServiceRules() {}

  /**
   * Checks a Service.
   *
   * @param defaulted {@code original} after {@link ServiceDefaults#apply}; null when it has no spec
   */
  static void check(Check check, Service original, Service defaulted) {
    MetadataRules.check(check, original.getMetadata(), Formats::dns1035Label);
    if (original.getSpec() == null) {
      check.error("service.ports-required", "spec", "spec is required, with at least one port");
      return;
    }
    sessionAffinityConfigDropped(check, original.getSpec());
    Service service = defaulted;
    ServiceSpec spec = service.getSpec();
    String type = spec.getType();
    boolean headless = isHeadless(spec);

    topologyAnnotations(check, service);
    portsRequired(check, spec, headless);
    headlessType(check, spec, headless);
    externalName(check, spec);
    ports(check, spec);
    MetadataRules.labels(check, "spec.selector", spec.getSelector());
    sessionAffinity(check, spec);
    if (!"ExternalName".equals(type)) {
      clusterIps(check, spec, headless);
    }
    externalIps(check, spec);
    type(check, spec);
    nodePorts(check, spec);
    uniquePorts(check, spec);
    sourceRanges(check, service);
    allocateNodePorts(check, spec);
    loadBalancerClass(check, spec);
    externalTrafficPolicy(check, spec);
    internalTrafficPolicy(check, spec);
    trafficDistribution(check, spec);
  }

  /** {@code isHeadlessService}: clusterIPs is exactly ["None"] (after clusterIP is copied into it). */
  static boolean isHeadless(ServiceSpec spec) {
    return spec.getClusterIPs().size() == 1 && "None".equals(spec.getClusterIPs().get(0));
  }

  /** {@code ExternallyAccessible}: NodePort, LoadBalancer, or ClusterIP with external IPs. */
  static boolean externallyAccessible(ServiceSpec spec) {
    String type = spec.getType();
    return "LoadBalancer".equals(type) || "NodePort".equals(type)
        || ("ClusterIP".equals(type) && !spec.getExternalIPs().isEmpty());
  }

  private static void sessionAffinityConfigDropped(Check check, ServiceSpec spec) {
    String affinity = spec.getSessionAffinity();
    if ((affinity == null || affinity.isEmpty() || "None".equals(affinity)) && spec.getSessionAffinityConfig() != null) {
      check.warning("service.session-affinity-config", "spec.sessionAffinityConfig",
          "is dropped by the API server because sessionAffinity is \"None\"; set sessionAffinity: ClientIP to use it");
    }
  }

  private static void topologyAnnotations(Check check, Service service) {
    Map<String, String> annotations = service.getMetadata() == null ? null : service.getMetadata().getAnnotations();
    if (annotations == null) {
      return;
    }
    String mode = annotations.get(TOPOLOGY_MODE_ANNOTATION);
    String hints = annotations.get(TOPOLOGY_HINTS_ANNOTATION);
    if (mode != null && hints != null && !mode.equals(hints)) {
      check.error("service.topology-annotations", "metadata.annotations[" + TOPOLOGY_MODE_ANNOTATION + "]",
          Messages.quote(mode) + " must match annotation " + TOPOLOGY_HINTS_ANNOTATION + " ("
              + Messages.quote(hints) + ") when both are set");
    }
  }

  private static void portsRequired(Check check, ServiceSpec spec, boolean headless) {
    if (spec.getPorts().isEmpty() && !headless && !"ExternalName".equals(spec.getType())) {
      check.error("service.ports-required", "spec.ports",
          "at least one port is required (only headless and ExternalName Services may have none)");
    }
  }

  private static void headlessType(Check check, ServiceSpec spec, boolean headless) {
    String type = spec.getType();
    if (headless && ("LoadBalancer".equals(type) || "NodePort".equals(type))) {
      check.error("service.headless-type", "spec.clusterIPs[0]",
          "\"None\" (headless) is not allowed for " + type + " Services; use type ClusterIP, or drop clusterIP: None");
    }
  }

  private static void externalName(Check check, ServiceSpec spec) {
    if (!"ExternalName".equals(spec.getType())) {
      return;
    }
    if (!spec.getClusterIPs().isEmpty()) {
      check.error("service.external-name-fields", "spec.clusterIPs", Messages.list(spec.getClusterIPs())
          + " must not be set for ExternalName Services (an ExternalName Service has no cluster IP)");
    } else if (spec.getClusterIP() != null && !spec.getClusterIP().isEmpty()) {
      check.error("service.external-name-fields", "spec.clusterIP", Messages.quote(spec.getClusterIP())
          + " must not be set for ExternalName Services (an ExternalName Service has no cluster IP)");
    }
    if (!spec.getIpFamilies().isEmpty()) {
      check.error("service.external-name-fields", "spec.ipFamilies",
          Messages.list(spec.getIpFamilies()) + " must not be set for ExternalName Services");
    }
    if (spec.getIpFamilyPolicy() != null) {
      check.error("service.external-name-fields", "spec.ipFamilyPolicy",
          Messages.quote(spec.getIpFamilyPolicy()) + " must not be set for ExternalName Services");
    }
    String name = spec.getExternalName() == null ? "" : spec.getExternalName();
    String cname = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (cname.isEmpty()) {
      check.error("service.external-name", "spec.externalName",
          "is required for ExternalName Services: the DNS name to alias, e.g. \"db.example.com\"");
      return;
    }
    String lower = cname.toLowerCase(java.util.Locale.ROOT);
    String suggestion = Formats.dns1123Subdomain(lower).isEmpty() ? lower : null;
    for (String problem : Formats.dns1123Subdomain(cname)) {
      check.error("service.external-name", "spec.externalName",
          Messages.quote(name) + " " + problem + " (one trailing '.' is allowed)"
              + Messages.tryInstead(cname, suggestion));
    }
  }

  /** {@code validateServicePort} for every port. */
  private static void ports(Check check, ServiceSpec spec) {
    List<ServicePort> ports = spec.getPorts();
    boolean requireName = ports.size() > 1;
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ServicePort port = ports.get(i);
      String path = "spec.ports[" + i + "]";
      String name = port.getName();
      if (name == null || name.isEmpty()) {
        if (requireName) {
          check.error("service.port-name", path + ".name",
              "a name is required when a Service has more than one port (a DNS-1123 label, e.g. \"http\")");
        }
      } else {
        check.formatErrorsSuggesting("service.port-name", path + ".name", name, Formats.dns1123Label(name),
            () -> Formats.suggestDns1123Label(name));
        if (!names.add(name)) {
          check.error("service.port-name-duplicate", path + ".name",
              Messages.quote(name) + " is used by an earlier port; port names must be unique");
        }
      }
      if (port.getPort() == null) {
        check.error("service.port-number", path + ".port", "is required: a number from 1 to 65535");
      } else {
        for (String problem : Formats.portNumber(port.getPort())) {
          check.error("service.port-number", path + ".port", port.getPort() + " " + problem);
        }
      }
      if (!PROTOCOLS.contains(port.getProtocol())) {
        check.error("service.port-protocol", path + ".protocol", Messages.quote(port.getProtocol())
            + " is not supported; use " + Messages.oneOf(PROTOCOLS) + " (case-sensitive)"
            + Messages.tryInstead(port.getProtocol(), upperIfSupported(port.getProtocol())));
      }
      targetPort(check, path + ".targetPort", port.getTargetPort());
      if (port.getAppProtocol() != null) {
        for (String problem : Formats.qualifiedName(port.getAppProtocol())) {
          check.error("service.app-protocol", path + ".appProtocol",
              Messages.quote(port.getAppProtocol()) + " " + problem
                  + " (an IANA service name such as \"http\", or a prefixed name such as \"kubernetes.io/h2c\")");
        }
      }
    }
  }

  private static String upperIfSupported(String protocol) {
    String upper = protocol == null ? null : protocol.toUpperCase(java.util.Locale.ROOT);
    return PROTOCOLS.contains(upper) ? upper : null;
  }

  /** {@code ValidatePortNumOrName}: a number from 1 to 65535, or an IANA service name. */
  static void targetPort(Check check, String path, IntOrString target) {
    if (target == null) {
      return;
    }
    if (target.getIntVal() != null) {
      for (String problem : Formats.portNumber(target.getIntVal())) {
        check.error("service.target-port", path, target.getIntVal() + " " + problem + ", or a container port's name");
      }
    } else if (target.getStrVal() != null) {
      String name = target.getStrVal();
      for (String problem : Formats.ianaServiceName(name)) {
        check.error("service.target-port", path, Messages.quote(name) + " " + problem
            + Messages.tryInstead(name, ianaSuggestion(name)));
      }
    }
  }

  /** A valid IANA service name close to {@code name}, or null when the label suggestion is not one. */
  static String ianaSuggestion(String name) {
    return DeclarationRules.ianaSuggestion(name);
  }

  private static void sessionAffinity(Check check, ServiceSpec spec) {
    String affinity = spec.getSessionAffinity();
    if (!AFFINITIES.contains(affinity)) {
      check.error("service.session-affinity", "spec.sessionAffinity",
          Messages.quote(affinity) + " is not supported; use " + Messages.oneOf(AFFINITIES) + " (case-sensitive)");
      return;
    }
    if ("ClientIP".equals(affinity)) {
      Integer timeout = spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds();
      if (timeout <= 0 || timeout > MAX_AFFINITY_SECONDS) {
        check.error("service.session-affinity-timeout", "spec.sessionAffinityConfig.clientIP.timeoutSeconds",
            timeout + " must be from 1 to " + MAX_AFFINITY_SECONDS + " seconds (one day)");
      }
    }
  }

  /** {@code ValidateServiceClusterIPsRelatedFields}, and the allocator's SingleStack checks. */
  private static void clusterIps(Check check, ServiceSpec spec, boolean headless) {
    String clusterIp = spec.getClusterIP() == null ? "" : spec.getClusterIP();
    List<String> clusterIps = spec.getClusterIPs();
    if (!clusterIp.isEmpty() && !clusterIps.isEmpty() && !clusterIps.get(0).equals(clusterIp)) {
      check.error("service.cluster-ips", "spec.clusterIPs",
          "first value " + Messages.quote(clusterIps.get(0)) + " must match clusterIP " + Messages.quote(clusterIp));
    } else if (clusterIp.isEmpty() && !clusterIps.isEmpty()) {
      check.error("service.cluster-ips", "spec.clusterIPs",
          Messages.list(clusterIps) + " must be empty when clusterIP is not set");
    }
    Set<String> families = new HashSet<>();
    for (int i = 0; i < spec.getIpFamilies().size(); i++) {
      String family = spec.getIpFamilies().get(i);
      if (!IP_FAMILIES.contains(family)) {
        check.error("service.ip-families", "spec.ipFamilies[" + i + "]",
            Messages.quote(family) + " is not supported; use " + Messages.oneOf(IP_FAMILIES));
      } else if (!families.add(family)) {
        check.error("service.ip-families", "spec.ipFamilies[" + i + "]",
            Messages.quote(family) + " is listed twice; list each family at most once");
      }
    }
    String policy = spec.getIpFamilyPolicy();
    if (policy != null && !IP_FAMILY_POLICIES.contains(policy)) {
      check.error("service.ip-family-policy", "spec.ipFamilyPolicy",
          Messages.quote(policy) + " is not supported; use " + Messages.oneOf(IP_FAMILY_POLICIES));
    }
    boolean badIp = false;
    for (int i = 0; i < clusterIps.size(); i++) {
      String ip = clusterIps.get(i);
      if (i == 0 && "None".equals(ip)) {
        if (clusterIps.size() > 1) {
          check.error("service.cluster-ips", "spec.clusterIPs",
              Messages.list(clusterIps) + ": \"None\" (headless) must be the first and only value");
          badIp = true;
        }
        continue;
      }
      if (!Formats.isIp(ip)) {
        check.error("service.cluster-ips", "spec.clusterIPs[" + i + "]",
            Messages.quote(ip) + " must be a valid IP address (e.g. 10.96.0.10 or fd00::10), or \"None\" first and alone");
        badIp = true;
      }
    }
    if (clusterIps.size() > 2) {
      check.error("service.cluster-ips", "spec.clusterIPs",
          Messages.list(clusterIps) + " may hold at most 2 values (one IPv4, one IPv6)");
    }
    if (badIp) {
      return;
    }
    if (clusterIps.size() == 2
        && SpecialIps.isIpv6Family(clusterIps.get(0)) == SpecialIps.isIpv6Family(clusterIps.get(1))) {
      check.error("service.cluster-ips", "spec.clusterIPs",
          Messages.list(clusterIps) + " may hold at most one IP for each IP family");
    }
    if (!headless && !clusterIps.isEmpty() && !spec.getIpFamilies().isEmpty()) {
      for (int i = 0; i < Math.min(clusterIps.size(), spec.getIpFamilies().size()); i++) {
        String family = spec.getIpFamilies().get(i);
        boolean v6 = SpecialIps.isIpv6Family(clusterIps.get(i));
        if ("IPv4".equals(family) && v6 || "IPv6".equals(family) && !v6) {
          check.error("service.cluster-ips", "spec.clusterIPs[" + i + "]",
              Messages.quote(clusterIps.get(i)) + " must be an " + family + " address, as ipFamilies[" + i + "] says");
        }
      }
    }
    if ("SingleStack".equals(policy)) {
      if (clusterIps.size() == 2) {
        check.error("service.ip-family-policy", "spec.ipFamilyPolicy",
            "\"SingleStack\" must be \"RequireDualStack\" or \"PreferDualStack\" when two cluster IPs are given");
      }
      if (spec.getIpFamilies().size() == 2) {
        check.error("service.ip-family-policy", "spec.ipFamilyPolicy",
            "\"SingleStack\" must be \"RequireDualStack\" or \"PreferDualStack\" when two IP families are given");
      }
    }
  }

  /** External IPs must parse and not be unspecified, loopback or link-local ({@code ValidateNonSpecialIP}). */
  private static void externalIps(Check check, ServiceSpec spec) {
    for (int i = 0; i < spec.getExternalIPs().size(); i++) {
      String ip = spec.getExternalIPs().get(i);
      String path = "spec.externalIPs[" + i + "]";
      if (!Formats.isIp(ip)) {
        check.error("service.external-ips", path, Messages.quote(ip) + " must be a valid IP address (e.g. 203.0.113.7 or 2001:db8::7)");
        continue;
      }
      String special = SpecialIps.problem(ip);
      if (special != null) {
        check.error("service.external-ips", path, Messages.quote(ip) + " " + special);
      }
    }
  }

  private static void type(Check check, ServiceSpec spec) {
    if (!TYPES.contains(spec.getType())) {
      check.error("service.type", "spec.type", Messages.quote(spec.getType()) + " is not supported; use "
          + Messages.oneOf(TYPES) + " (case-sensitive)");
    }
  }

  /** Node ports: forbidden on ClusterIP, ignored on ExternalName, in the allocator's range otherwise. */
  private static void nodePorts(Check check, ServiceSpec spec) {
    String type = spec.getType();
    for (int i = 0; i < spec.getPorts().size(); i++) {
      Integer nodePort = spec.getPorts().get(i).getNodePort();
      if (nodePort == null || nodePort == 0) {
        continue;
      }
      String path = "spec.ports[" + i + "].nodePort";
      if ("ClusterIP".equals(type)) {
        check.error("service.node-port", path, nodePort + " is not allowed when type is \"ClusterIP\"; "
            + "use type NodePort or LoadBalancer, or drop the node port");
      } else if ("ExternalName".equals(type)) {
        check.warning("service.node-port", path, nodePort + " is ignored when type is \"ExternalName\"");
      } else if (!check.facts().isNodePort(nodePort)) {
        check.error("service.node-port-range", path, nodePort + " is outside the node port range "
            + check.facts().describeNodePorts() + "; pick one inside it or leave it out so the cluster allocates one");
      }
    }
  }

  /** (protocol, nodePort) and (protocol, port) are unique within a Service. */
  private static void uniquePorts(Check check, ServiceSpec spec) {
    Map<String, Integer> nodePorts = new HashMap<>();
    Map<String, Integer> ports = new HashMap<>();
    for (int i = 0; i < spec.getPorts().size(); i++) {
      ServicePort port = spec.getPorts().get(i);
      Integer nodePort = port.getNodePort();
      if (nodePort != null && nodePort != 0) {
        Integer earlier = nodePorts.putIfAbsent(port.getProtocol() + "/" + nodePort, i);
        if (earlier != null) {
          check.error("service.node-port-duplicate", "spec.ports[" + i + "].nodePort",
              nodePort + "/" + port.getProtocol() + " is already used by spec.ports[" + earlier + "]");
        }
      }
      if (port.getPort() != null) {
        Integer earlier = ports.putIfAbsent(port.getProtocol() + "/" + port.getPort(), i);
        if (earlier != null) {
          check.error("service.port-duplicate", "spec.ports[" + i + "]",
              "port " + port.getPort() + "/" + port.getProtocol() + " is already used by spec.ports[" + earlier
                  + "]; each (port, protocol) pair must be unique");
        }
      }
    }
  }

  private static void sourceRanges(Check check, Service service) {
    ServiceSpec spec = service.getSpec();
    boolean loadBalancer = "LoadBalancer".equals(spec.getType());
    List<String> ranges = spec.getLoadBalancerSourceRanges();
    if (!ranges.isEmpty()) {
      if (!loadBalancer) {
        check.error("service.source-ranges", "spec.loadBalancerSourceRanges", Messages.list(ranges)
            + " may only be used when type is \"LoadBalancer\" (type is " + Messages.quote(spec.getType()) + ")");
      }
      for (int i = 0; i < ranges.size(); i++) {
        cidr(check, "spec.loadBalancerSourceRanges[" + i + "]", ranges.get(i).trim());
      }
      return;
    }
    Map<String, String> annotations = service.getMetadata() == null ? null : service.getMetadata().getAnnotations();
    if (annotations == null || !annotations.containsKey(SOURCE_RANGES_ANNOTATION)) {
      return;
    }
    String path = "metadata.annotations[" + SOURCE_RANGES_ANNOTATION + "]";
    if (!loadBalancer) {
      check.error("service.source-ranges", path, Messages.quote(Objects.requireNonNullElse(
          annotations.get(SOURCE_RANGES_ANNOTATION), ""))
          + " may only be used when type is \"LoadBalancer\" (type is " + Messages.quote(spec.getType()) + ")");
    }
    String value = annotations.get(SOURCE_RANGES_ANNOTATION) == null ? "" : annotations.get(SOURCE_RANGES_ANNOTATION).trim();
    if (!value.isEmpty()) {
      for (String range : value.split(",", -1)) {
        cidr(check, path, range.trim());
      }
    }
  }

  private static void cidr(Check check, String path, String value) {
    if (!Formats.isCidr(value)) {
      check.error("service.source-ranges", path,
          Messages.quote(value) + " must be a CIDR, e.g. \"203.0.113.0/24\" or \"2001:db8::/64\"");
    }
  }

  private static void allocateNodePorts(Check check, ServiceSpec spec) {
    if (spec.getAllocateLoadBalancerNodePorts() != null && !"LoadBalancer".equals(spec.getType())) {
      check.error("service.load-balancer-only", "spec.allocateLoadBalancerNodePorts",
          spec.getAllocateLoadBalancerNodePorts() + " may only be used when type is \"LoadBalancer\" (type is "
              + Messages.quote(spec.getType()) + ")");
    }
  }

  private static void loadBalancerClass(Check check, ServiceSpec spec) {
    String className = spec.getLoadBalancerClass();
    if (className == null) {
      return;
    }
    if (!"LoadBalancer".equals(spec.getType())) {
      check.error("service.load-balancer-only", "spec.loadBalancerClass", Messages.quote(className)
          + " may only be used when type is \"LoadBalancer\" (type is " + Messages.quote(spec.getType()) + ")");
      return;
    }
    for (String problem : Formats.qualifiedName(className)) {
      check.error("service.load-balancer-class", "spec.loadBalancerClass",
          Messages.quote(className) + " " + problem + " (e.g. \"service.k8s.aws/nlb\")");
    }
  }

  /** {@code validateServiceExternalTrafficPolicy}, with the allocator's range for health-check node ports. */
  private static void externalTrafficPolicy(Check check, ServiceSpec spec) {
    String policy = spec.getExternalTrafficPolicy();
    if (!externallyAccessible(spec)) {
      if (policy != null && !policy.isEmpty()) {
        check.error("service.external-traffic-policy", "spec.externalTrafficPolicy",
            Messages.quote(policy) + " may only be set for externally reachable Services "
                + "(NodePort, LoadBalancer, or ClusterIP with externalIPs)");
      }
    } else if (!TRAFFIC_POLICIES.contains(policy)) {
      check.error("service.external-traffic-policy", "spec.externalTrafficPolicy",
          Messages.quote(policy) + " is not supported; use " + Messages.oneOf(TRAFFIC_POLICIES) + " (case-sensitive)");
    }
    Integer healthCheck = spec.getHealthCheckNodePort();
    boolean needsHealthCheck = "LoadBalancer".equals(spec.getType()) && "Local".equals(policy);
    if (healthCheck == null || healthCheck == 0) {
      return;
    }
    if (!needsHealthCheck) {
      check.error("service.health-check-node-port", "spec.healthCheckNodePort",
          healthCheck + " may only be set when type is \"LoadBalancer\" and externalTrafficPolicy is \"Local\"");
    } else if (!check.facts().isNodePort(healthCheck)) {
      check.error("service.health-check-node-port", "spec.healthCheckNodePort", healthCheck
          + " is outside the node port range " + check.facts().describeNodePorts()
          + "; pick one inside it or leave it out so the cluster allocates one");
    }
  }

  private static void internalTrafficPolicy(Check check, ServiceSpec spec) {
    String policy = spec.getInternalTrafficPolicy();
    if (policy != null && !TRAFFIC_POLICIES.contains(policy)) {
      check.error("service.internal-traffic-policy", "spec.internalTrafficPolicy",
          Messages.quote(policy) + " is not supported; use " + Messages.oneOf(TRAFFIC_POLICIES) + " (case-sensitive)");
    }
  }

  private static void trafficDistribution(Check check, ServiceSpec spec) {
    String distribution = spec.getTrafficDistribution();
    if (distribution != null && !TRAFFIC_DISTRIBUTIONS.contains(distribution)) {
      check.error("service.traffic-distribution", "spec.trafficDistribution",
          Messages.quote(distribution) + " is not supported; use " + Messages.oneOf(TRAFFIC_DISTRIBUTIONS));
    }
  }
}
