package dev.portico.synth.emit;

import dev.portico.dsl.App;
import dev.portico.dsl.CloudLoadBalancer;
import dev.portico.dsl.IpFamily;
import dev.portico.dsl.Port;
import dev.portico.dsl.ServicePort;
import dev.portico.dsl.ServiceType;
import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import java.util.stream.Collectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DSL {@link dev.portico.dsl.Service} as a v1 Service. Only what differs from Kubernetes'
 * defaults is written (no {@code type: ClusterIP}, no {@code sessionAffinity: None}), except each
 * port's protocol and target port, which are always explicit.
 */
final class ServiceEmitter {
  private ServiceEmitter() {}

  static Service emit(dev.portico.dsl.Service service, SourceLocator locator) {
    // plain setters, not fabric8's builders: this runs for every Service, and builders copy every list
    ServiceType type = service.type();
    ServiceSpec spec = new ServiceSpec();
    if (!(type instanceof ServiceType.ClusterIp) && !(type instanceof ServiceType.Headless)) {
      spec.setType(type.typeName());
    }
    if (type instanceof ServiceType.Headless) {
      spec.setClusterIP("None");
    }
    App app = service.app().orElse(null);
    if (app != null && !(type instanceof ServiceType.ExternalName)) {
      spec.setSelector(new TreeMap<>(app.selector()));
      locator.put("spec.selector", app.location());
    }
    List<io.fabric8.kubernetes.api.model.ServicePort> ports = new ArrayList<>(service.ports().size());
    for (int i = 0; i < service.ports().size(); i++) {
      ports.add(port(service.ports().get(i), "spec.ports[" + i + "]", locator));
    }
    spec.setPorts(ports);
    Map<String, String> annotations = new TreeMap<>(service.annotations());
    if (type instanceof ServiceType.ExternalName external) {
      spec.setExternalName(external.host());
    } else if (type instanceof ServiceType.NodePort nodePort) {
      if (nodePort.externalTrafficPolicy() != null) {
        spec.setExternalTrafficPolicy(nodePort.externalTrafficPolicy().value());
      }
    } else if (type instanceof ServiceType.LoadBalancer lb) {
      if (!lb.sourceRanges().isEmpty()) {
        spec.setLoadBalancerSourceRanges(new ArrayList<>(lb.sourceRanges()));
      }
      if (lb.externalTrafficPolicy() != null) {
        spec.setExternalTrafficPolicy(lb.externalTrafficPolicy().value());
      }
      spec.setLoadBalancerClass(lb.loadBalancerClass());
      spec.setAllocateLoadBalancerNodePorts(lb.allocateNodePorts());
      spec.setHealthCheckNodePort(lb.healthCheckNodePort());
      for (CloudLoadBalancer cloud : lb.cloud()) {
        annotations.putAll(cloud.annotations());
      }
    }
    service.sessionAffinity().timeoutSeconds().ifPresent(timeout -> {
      spec.setSessionAffinity("ClientIP");
      spec.setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(timeout)));
    });
    service.internalTrafficPolicy().ifPresent(policy -> spec.setInternalTrafficPolicy(policy.value()));
    if (!service.ipFamilies().isEmpty()) {
      spec.setIpFamilies(service.ipFamilies().stream().map(IpFamily::value).collect(Collectors.toList()));
    }
    service.ipFamilyPolicy().ifPresent(policy -> spec.setIpFamilyPolicy(policy.value()));
    if (service.publishNotReadyAddresses()) {
      spec.setPublishNotReadyAddresses(true);
    }
    ObjectMeta meta = new ObjectMeta();
    meta.setName(service.name());
    meta.setNamespace(service.namespace());
    meta.setLabels(service.labels().isEmpty() ? null : new TreeMap<>(service.labels()));
    meta.setAnnotations(annotations.isEmpty() ? null : annotations);
    Service out = new Service();
    out.setMetadata(meta);
    out.setSpec(spec);
    return out;
  }

  private static io.fabric8.kubernetes.api.model.ServicePort port(ServicePort port, String path, SourceLocator locator) {
    locator.put(path, port.location());
    io.fabric8.kubernetes.api.model.ServicePort out = new io.fabric8.kubernetes.api.model.ServicePort();
    out.setName(port.name().orElse(null));
    out.setProtocol(port.protocol().name());
    out.setPort(port.port());
    out.setAppProtocol(port.appProtocol().orElse(null));
    port.nodePort().ifPresent(out::setNodePort);
    port.target().ifPresent(target -> {
      out.setTargetPort(targetPort(target));
      locator.put(path + ".targetPort", target.location());
      if (target.name().isPresent() && target.name().equals(port.name())) {
        locator.put(path + ".name", target.location());
      }
    });
    return out;
  }

  /** By name when the container port has one (so renumbering the container needs no Service change), else by number. */
  static IntOrString targetPort(Port target) {
    return target.name().map(IntOrString::new).orElseGet(() -> new IntOrString(target.number()));
  }
}
