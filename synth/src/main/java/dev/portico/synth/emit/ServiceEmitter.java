package dev.portico.synth.emit;

import dev.portico.dsl.App;
import dev.portico.dsl.CloudLoadBalancer;
import dev.portico.dsl.IpFamily;
import dev.portico.dsl.Port;
import dev.portico.dsl.ServicePort;
import dev.portico.dsl.ServiceType;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpecBuilder;
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
    ServiceType type = service.type();
    ServiceSpecBuilder spec = new ServiceSpecBuilder();
    if (!(type instanceof ServiceType.ClusterIp) && !(type instanceof ServiceType.Headless)) {
      spec.withType(type.typeName());
    }
    if (type instanceof ServiceType.Headless) {
      spec.withClusterIP("None");
    }
    App app = service.app().orElse(null);
    if (app != null && !(type instanceof ServiceType.ExternalName)) {
      spec.withSelector(new TreeMap<>(app.selector()));
      locator.put("spec.selector", app.location());
    }
    List<io.fabric8.kubernetes.api.model.ServicePort> ports = new ArrayList<>();
    for (int i = 0; i < service.ports().size(); i++) {
      ports.add(port(service.ports().get(i), "spec.ports[" + i + "]", locator));
    }
    spec.withPorts(ports);
    Map<String, String> annotations = new TreeMap<>(service.annotations());
    if (type instanceof ServiceType.ExternalName external) {
      spec.withExternalName(external.host());
    } else if (type instanceof ServiceType.NodePort nodePort) {
      if (nodePort.externalTrafficPolicy() != null) {
        spec.withExternalTrafficPolicy(nodePort.externalTrafficPolicy().value());
      }
    } else if (type instanceof ServiceType.LoadBalancer lb) {
      if (!lb.sourceRanges().isEmpty()) {
        spec.withLoadBalancerSourceRanges(lb.sourceRanges());
      }
      if (lb.externalTrafficPolicy() != null) {
        spec.withExternalTrafficPolicy(lb.externalTrafficPolicy().value());
      }
      spec.withLoadBalancerClass(lb.loadBalancerClass());
      spec.withAllocateLoadBalancerNodePorts(lb.allocateNodePorts());
      spec.withHealthCheckNodePort(lb.healthCheckNodePort());
      for (CloudLoadBalancer cloud : lb.cloud()) {
        annotations.putAll(cloud.annotations());
      }
    }
    service.sessionAffinity().timeoutSeconds().ifPresent(timeout -> spec
        .withSessionAffinity("ClientIP")
        .withNewSessionAffinityConfig().withNewClientIP(timeout).endSessionAffinityConfig());
    service.internalTrafficPolicy().ifPresent(policy -> spec.withInternalTrafficPolicy(policy.value()));
    if (!service.ipFamilies().isEmpty()) {
      spec.withIpFamilies(service.ipFamilies().stream().map(IpFamily::value).toList());
    }
    service.ipFamilyPolicy().ifPresent(policy -> spec.withIpFamilyPolicy(policy.value()));
    if (service.publishNotReadyAddresses()) {
      spec.withPublishNotReadyAddresses(true);
    }
    return new ServiceBuilder()
        .withNewMetadata()
            .withName(service.name())
            .withNamespace(service.namespace())
            .withLabels(service.labels().isEmpty() ? null : new TreeMap<>(service.labels()))
            .withAnnotations(annotations.isEmpty() ? null : annotations)
        .endMetadata()
        .withSpec(spec.build())
        .build();
  }

  private static io.fabric8.kubernetes.api.model.ServicePort port(ServicePort port, String path, SourceLocator locator) {
    locator.put(path, port.location());
    ServicePortBuilder out = new ServicePortBuilder()
        .withName(port.name().orElse(null))
        .withProtocol(port.protocol().name())
        .withPort(port.port())
        .withAppProtocol(port.appProtocol().orElse(null));
    port.nodePort().ifPresent(out::withNodePort);
    port.target().ifPresent(target -> {
      out.withTargetPort(targetPort(target));
      locator.put(path + ".targetPort", target.location());
      if (target.name().isPresent() && target.name().equals(port.name())) {
        locator.put(path + ".name", target.location());
      }
    });
    return out.build();
  }

  /** By name when the container port has one (so renumbering the container needs no Service change), else by number. */
  static IntOrString targetPort(Port target) {
    return target.name().map(IntOrString::new).orElseGet(() -> new IntOrString(target.number()));
  }
}
