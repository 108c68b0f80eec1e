package dev.portico.synth.validate.http;

import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.List;
import java.util.Objects;

/**
 * How the cross-object checks of this package find what a reference names: by key within the objects
 * that land in one cluster, and with the severity the scope gives a missing target.
 */
final class Lookup {
  static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

  private Lookup() {}

  /**
   * The group references are resolved in: a stack environment; for {@code validate}, the whole input,
   * since a target may sit in another file than the object that names it.
   */
  static String group(Resource resource, Scope scope) {
    return scope == Scope.OPEN ? "" : resource.group();
  }

  static String key(String group, String namespace, String name) {
    return group + "\u0000" + namespace + "\u0000" + name;
  }

  /** The object's namespace, "" when the manifest leaves it to kubectl. */
  static String namespace(Resource resource) {
    var meta = resource.object().getMetadata();
    return meta == null || meta.getNamespace() == null ? "" : meta.getNamespace();
  }

  static String name(Resource resource) {
    var meta = resource.object().getMetadata();
    return meta == null || meta.getName() == null ? "" : meta.getName();
  }

  /** A reference's namespace, defaulting to the referrer's. */
  static String namespaceOr(String namespace, Resource referrer) {
    return namespace == null || namespace.isEmpty() ? namespace(referrer) : namespace;
  }

  /** A parentRef of kind Gateway (the default) in Gateway API's group (the default). */
  static boolean isGatewayParent(ParentReference parent) {
    return (parent.getKind() == null || "Gateway".equals(parent.getKind()))
        && (parent.getGroup() == null || GATEWAY_GROUP.equals(parent.getGroup()));
  }

  /**
   * A target that should be there but is not: an error where everything is in view (a stack), a
   * warning for {@code validate}, where it may be applied separately.
   */
  static Severity missing(Scope scope) {
    return scope == Scope.CLOSED ? Severity.ERROR : Severity.WARNING;
  }

  /** A list from YAML: null is empty, and null items are left out. */
  static <T> List<T> items(List<T> list) {
    if (list == null) {
      return List.of();
    }
    for (T item : list) { // without a stream: this runs for every list of every route and Ingress
      if (item == null) {
        return list.stream().filter(Objects::nonNull).toList();
      }
    }
    return list;
  }
}
