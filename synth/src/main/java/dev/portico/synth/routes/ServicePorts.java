package dev.portico.synth.routes;

import dev.portico.synth.validate.Resource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Services' port numbers by port name, to read Ingress backends that name a port. */
final class ServicePorts {
  private final Map<String, Integer> byName;

  private ServicePorts(Map<String, Integer> byName) {
    this.byName = byName;
  }

  static ServicePorts of(List<Resource> resources) {
    Map<String, Integer> byName = new HashMap<>();
    for (Resource resource : resources) {
      if (!(resource.object() instanceof Service service) || service.getSpec() == null
          || service.getSpec().getPorts() == null) {
        continue;
      }
      for (ServicePort port : service.getSpec().getPorts()) {
        if (port != null && port.getName() != null && port.getPort() != null) {
          byName.putIfAbsent(key(resource.group(), namespace(service), name(service), port.getName()), port.getPort());
        }
      }
    }
    return new ServicePorts(byName);
  }

  /** The number of port {@code portName} of Service {@code namespace/service}, 0 when there is none. */
  int number(String group, String namespace, String service, String portName) {
    return byName.getOrDefault(key(group, namespace, service, portName), 0);
  }

  private static String key(String group, String namespace, String service, String port) {
    return group + "\u0000" + namespace + "\u0000" + service + "\u0000" + port;
  }

  /** The object's namespace, {@code default} when it names none. */
  static String namespace(HasMetadata object) {
    String namespace = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
    return namespace == null || namespace.isEmpty() ? "default" : namespace;
  }

  /** The object's name, {@code ?} when it has none. */
  static String name(HasMetadata object) {
    String name = object.getMetadata() == null ? null : object.getMetadata().getName();
    return name == null || name.isEmpty() ? "?" : name;
  }
}
