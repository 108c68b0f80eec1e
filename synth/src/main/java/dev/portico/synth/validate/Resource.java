package dev.portico.synth.validate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * An object to check, with where it came from.
 *
 * @param object the Kubernetes object (already defaulted as the API server would)
 * @param locator where its fields were declared
 * @param group the objects that land in one cluster together (a stack environment, or all of a
 *     {@code validate} run); cross-resource analyzers compare objects within a group
 */
public record Resource(HasMetadata object, Locator locator, String group) {
  public Resource {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(locator, "locator");
    Objects.requireNonNull(group, "group");
  }

  /** {@code Kind/namespace/name}, or {@code Kind/name} without a namespace. */
  public String id() {
    return id(object);
  }

  static String id(HasMetadata object) {
    String kind = object.getKind() == null ? "?" : object.getKind();
    var meta = object.getMetadata();
    String name = meta == null || meta.getName() == null || meta.getName().isEmpty() ? "?" : meta.getName();
    String namespace = meta == null ? null : meta.getNamespace();
    return namespace == null || namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }
}
