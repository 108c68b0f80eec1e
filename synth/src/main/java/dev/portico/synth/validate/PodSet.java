package dev.portico.synth.validate;

import dev.portico.dsl.SourceLocation;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pods that Services may select: an app of a stack, or the pod template of a workload found in
 * YAML (Deployment, StatefulSet, ...).
 *
 * @param description e.g. {@code App(web)} or {@code Deployment/shop/web}
 * @param namespace the pods' namespace ("" when a YAML workload names none)
 * @param labels the pods' labels
 * @param ports the container ports the pods declare
 * @param location where the pods were declared
 * @param group as {@link Resource#group()}
 */
public record PodSet(
    String description, String namespace, Map<String, String> labels, List<ContainerPort> ports,
    SourceLocation location, String group) {

  public PodSet {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(namespace, "namespace");
    labels = Map.copyOf(labels);
    ports = List.copyOf(ports);
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(group, "group");
  }

  /** True when every label of a non-empty {@code selector} is on these pods. */
  public boolean matches(Map<String, String> selector) {
    if (selector == null || selector.isEmpty()) {
      return false;
    }
    for (var entry : selector.entrySet()) {
      if (!entry.getValue().equals(labels.get(entry.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A port a container declares.
   *
   * @param name null when unnamed
   * @param number the container port
   * @param protocol TCP, UDP or SCTP
   * @param location where the port was declared
   */
  public record ContainerPort(String name, int number, String protocol, SourceLocation location) {}
}
