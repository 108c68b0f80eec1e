package dev.portico.synth.validate.kubernetes;

import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the API server fills in before it validates a Service: v1 {@code SetDefaults_Service},
 * then the registry's {@code normalizeClusterIPs} and the allocator's {@code ipFamilyPolicy}
 * default. Rules check the result, so they see what the API server sees.
 */
final class ServiceDefaults {
  private ServiceDefaults() {}

  /** A defaulted deep copy of {@code service}; the argument is not changed. */
  static Service apply(Service service) {
    ServiceSpec spec = copy(service.getSpec());
    Service copy = new Service(service.getApiVersion(), service.getKind(), service.getMetadata(), spec,
        service.getStatus());
    copy.getAdditionalProperties().putAll(service.getAdditionalProperties());
    decodeNulls(spec);
    if (spec.getSessionAffinity() == null || spec.getSessionAffinity().isEmpty()) {
      spec.setSessionAffinity("None");
    }
    if ("None".equals(spec.getSessionAffinity())) {
      spec.setSessionAffinityConfig(null);
    }
    if ("ClientIP".equals(spec.getSessionAffinity())) {
      SessionAffinityConfig config = spec.getSessionAffinityConfig();
      if (config == null || config.getClientIP() == null || config.getClientIP().getTimeoutSeconds() == null) {
        spec.setSessionAffinityConfig(new SessionAffinityConfig(
            new ClientIPConfig(dev.portico.dsl.SessionAffinity.DEFAULT_TIMEOUT_SECONDS)));
      }
    }
    if (spec.getType() == null || spec.getType().isEmpty()) {
      spec.setType("ClusterIP");
    }
    for (ServicePort port : spec.getPorts()) {
      if (port.getProtocol() == null || port.getProtocol().isEmpty()) {
        port.setProtocol("TCP");
      }
      IntOrString target = port.getTargetPort();
      boolean unset = target == null
          || (target.getIntVal() != null && target.getIntVal() == 0)
          || (target.getIntVal() == null && (target.getStrVal() == null || target.getStrVal().isEmpty()));
      if (unset && port.getPort() != null) {
        port.setTargetPort(new IntOrString(port.getPort()));
      }
    }
    if (ServiceRules.externallyAccessible(spec)
        && (spec.getExternalTrafficPolicy() == null || spec.getExternalTrafficPolicy().isEmpty())) {
      spec.setExternalTrafficPolicy("Cluster");
    }
    if (spec.getInternalTrafficPolicy() == null
        && List.of("NodePort", "LoadBalancer", "ClusterIP").contains(spec.getType())) {
      spec.setInternalTrafficPolicy("Cluster");
    }
    if ("LoadBalancer".equals(spec.getType()) && spec.getAllocateLoadBalancerNodePorts() == null) {
      spec.setAllocateLoadBalancerNodePorts(true);
    }
    String clusterIp = spec.getClusterIP();
    if (clusterIp != null && !clusterIp.isEmpty() && spec.getClusterIPs().isEmpty()) {
      spec.setClusterIPs(new ArrayList<>(List.of(clusterIp)));
    }
    if (!"ExternalName".equals(spec.getType()) && spec.getIpFamilyPolicy() == null) {
      boolean selectorless = spec.getSelector() == null || spec.getSelector().isEmpty();
      spec.setIpFamilyPolicy("None".equals(clusterIp) && selectorless ? "RequireDualStack" : "SingleStack");
    }
    return copy;
  }

  /**
   * A copy of {@code spec} that defaulting may change without changing {@code spec}: its own ports (defaulting
   * sets their protocol and target port) and fields; lists, maps and the session affinity config are replaced,
   * never changed, and stay shared. Field by field rather than through fabric8's builder, which copies the whole
   * object graph and costs a run of 10,000 Services tens of milliseconds; {@code ServiceDefaultsTest} checks
   * that it copies every field.
   */
  static ServiceSpec copy(ServiceSpec spec) {
    ServiceSpec copy = new ServiceSpec();
    copy.setAllocateLoadBalancerNodePorts(spec.getAllocateLoadBalancerNodePorts());
    copy.setClusterIP(spec.getClusterIP());
    copy.setClusterIPs(spec.getClusterIPs());
    copy.setExternalIPs(spec.getExternalIPs());
    copy.setExternalName(spec.getExternalName());
    copy.setExternalTrafficPolicy(spec.getExternalTrafficPolicy());
    copy.setHealthCheckNodePort(spec.getHealthCheckNodePort());
    copy.setInternalTrafficPolicy(spec.getInternalTrafficPolicy());
    copy.setIpFamilies(spec.getIpFamilies());
    copy.setIpFamilyPolicy(spec.getIpFamilyPolicy());
    copy.setLoadBalancerClass(spec.getLoadBalancerClass());
    copy.setLoadBalancerIP(spec.getLoadBalancerIP());
    copy.setLoadBalancerSourceRanges(spec.getLoadBalancerSourceRanges());
    copy.setPublishNotReadyAddresses(spec.getPublishNotReadyAddresses());
    copy.setSelector(spec.getSelector());
    copy.setSessionAffinity(spec.getSessionAffinity());
    copy.setSessionAffinityConfig(spec.getSessionAffinityConfig());
    copy.setTrafficDistribution(spec.getTrafficDistribution());
    copy.setType(spec.getType());
    copy.getAdditionalProperties().putAll(spec.getAdditionalProperties());
    if (spec.getPorts() != null) {
      List<ServicePort> ports = new ArrayList<>(spec.getPorts().size());
      for (ServicePort port : spec.getPorts()) {
        ports.add(port == null ? new ServicePort() : copy(port)); // as fabric8's builder copies a null item
      }
      copy.setPorts(ports);
    } else {
      copy.setPorts(null);
    }
    return copy;
  }

  /** A copy of {@code port} whose fields may be set without changing {@code port}. */
  static ServicePort copy(ServicePort port) {
    ServicePort copy = new ServicePort();
    copy.setAppProtocol(port.getAppProtocol());
    copy.setName(port.getName());
    copy.setNodePort(port.getNodePort());
    copy.setPort(port.getPort());
    copy.setProtocol(port.getProtocol());
    copy.setTargetPort(port.getTargetPort());
    copy.getAdditionalProperties().putAll(port.getAdditionalProperties());
    return copy;
  }

  /**
   * What Go's JSON decoding makes of nulls: a missing list is empty, and a null item of a string
   * list or a null selector value is {@code ""} (so {@code tier: ~} in a selector means {@code ""}).
   */
  private static void decodeNulls(ServiceSpec spec) {
    if (spec.getPorts() == null) {
      spec.setPorts(new ArrayList<>());
    }
    spec.setClusterIPs(strings(spec.getClusterIPs()));
    spec.setExternalIPs(strings(spec.getExternalIPs()));
    spec.setIpFamilies(strings(spec.getIpFamilies()));
    spec.setLoadBalancerSourceRanges(strings(spec.getLoadBalancerSourceRanges()));
    if (spec.getSelector() != null && spec.getSelector().containsValue(null)) {
      Map<String, String> selector = new LinkedHashMap<>();
      spec.getSelector().forEach((key, value) -> selector.put(key, value == null ? "" : value));
      spec.setSelector(selector);
    }
  }

  private static List<String> strings(List<String> values) {
    List<String> out = new ArrayList<>();
    if (values != null) {
      values.forEach(value -> out.add(value == null ? "" : value));
    }
    return out;
  }
}
