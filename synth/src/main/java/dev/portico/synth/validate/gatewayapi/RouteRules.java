package dev.portico.synth.validate.gatewayapi;

import dev.portico.synth.validate.Messages;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.List;
import java.util.Objects;

/**
 * What every route kind of Gateway API v1.5 standard (HTTPRoute, GRPCRoute, TLSRoute) shares, as their
 * CRDs check it: {@code CommonRouteSpec}'s parentRefs with their two CEL rules, hostnames, a rule's
 * name, a backendRef's reference, port ("Must have port for Service reference") and weight, and the
 * experimental {@code useDefaultGateways}. Rule ids carry the route's kind ({@code tlsroute.weight}).
 */
final class RouteRules {
  static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
  static final String DEFAULT_PARENT_KIND = "Gateway";
  static final int MAX_HOSTNAMES = 16;
  static final int MAX_PARENT_REFS = 32;
  static final int MAX_BACKEND_REFS = 16;
  static final int WEIGHT_MAX = 1_000_000;

  private RouteRules() {}

  /** A list from YAML: null (never set) is empty, as fabric8 leaves empty lists out when it writes. */
  static <T> List<T> list(List<T> values) {
    return GatewayApiFormats.orEmpty(values);
  }

  static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }

  /** {@code spec} is required by every route CRD. */
  static void specRequired(GatewayApiCheck c, String what) {
    c.error(c.id("spec"), "spec", "spec is required: " + what);
  }

  // ================================================================= spec.hostnames

  static void hostnames(GatewayApiCheck c, List<String> hostnames) {
    c.tooMany("spec.hostnames", hostnames.size(), MAX_HOSTNAMES, "hostnames");
    for (int i = 0; i < hostnames.size(); i++) {
      c.hostname("spec.hostnames[" + i + "]", Objects.requireNonNullElse(hostnames.get(i), ""));
    }
  }

  // ================================================================= spec.parentRefs

  /** At most 32 parentRefs, each a reference with port and sectionName, and the two CEL rules over them. */
  static void parentRefs(GatewayApiCheck c, List<ParentReference> refs) {
    c.tooMany("spec.parentRefs", refs.size(), MAX_PARENT_REFS, "parentRefs");
    for (int i = 0; i < refs.size(); i++) {
      ParentReference ref = refs.get(i);
      String path = "spec.parentRefs[" + i + "]";
      c.reference(path, ref.getGroup(), ref.getKind(), ref.getName(), ref.getNamespace());
      c.port(path + ".port", ref.getPort());
      c.sectionName(path + ".sectionName", ref.getSectionName());
    }
    for (int j = 1; j < refs.size(); j++) {
      parentRefSections(c, refs, j);
    }
  }

  /**
   * The parentRefs rules "sectionName must be specified when parentRefs includes 2 or more references
   * to the same parent" and "sectionName must be unique when parentRefs includes 2 or more references
   * to the same parent", reported once at the later of the first clashing pair. (The experimental
   * channel also tells such references apart by {@code port}; the standard channel does not.)
   */
  private static void parentRefSections(GatewayApiCheck c, List<ParentReference> refs, int j) {
    ParentReference later = refs.get(j);
    String path = "spec.parentRefs[" + j + "].sectionName";
    for (int i = 0; i < j; i++) {
      ParentReference earlier = refs.get(i);
      if (!sameParent(earlier, later)) {
        continue;
      }
      String earlierPath = "spec.parentRefs[" + i + "]";
      if (isEmpty(earlier.getSectionName()) != isEmpty(later.getSectionName())) {
        c.error(c.id("parent-ref-section-required"), path, (isEmpty(later.getSectionName())
            ? "is not set, but " + earlierPath + " references the same parent " + parent(later) + " with sectionName "
                + Messages.quote(earlier.getSectionName())
            : Messages.quote(later.getSectionName()) + " is set, but " + earlierPath + " references the same parent "
                + parent(later) + " without one")
            + "; when a route references one parent more than once, every reference must name a sectionName");
        return;
      }
      if (isEmpty(later.getSectionName()) || later.getSectionName().equals(earlier.getSectionName())) {
        c.error(c.id("parent-ref-duplicate"), path, (isEmpty(later.getSectionName())
            ? "is not set here nor in " + earlierPath
            : Messages.quote(later.getSectionName()) + " is also used by " + earlierPath)
            + ", which references the same parent " + parent(later)
            + "; references to one parent must name different sectionNames (listeners)");
        return;
      }
    }
  }

  private static boolean sameParent(ParentReference a, ParentReference b) {
    return Objects.equals(a.getName(), b.getName())
        && Objects.requireNonNullElse(a.getGroup(), GATEWAY_GROUP)
            .equals(Objects.requireNonNullElse(b.getGroup(), GATEWAY_GROUP))
        && Objects.requireNonNullElse(a.getKind(), DEFAULT_PARENT_KIND)
            .equals(Objects.requireNonNullElse(b.getKind(), DEFAULT_PARENT_KIND))
        && Objects.requireNonNullElse(a.getNamespace(), "").equals(Objects.requireNonNullElse(b.getNamespace(), ""));
  }

  private static String parent(ParentReference ref) {
    String name = isEmpty(ref.getNamespace()) ? ref.getName() : ref.getNamespace() + "/" + ref.getName();
    return Objects.requireNonNullElse(ref.getKind(), DEFAULT_PARENT_KIND) + " " + Messages.quote(name);
  }

  // ================================================================= rules and backendRefs

  /** A rule's {@code name}: a SectionName (standard since v1.4). */
  static void ruleName(GatewayApiCheck c, String path, String name) {
    if (name != null) {
      c.formatErrors(c.id("rule-name"), path, name, GatewayApiFormats.sectionName(name),
          GatewayApiFormats.lowerIfValid(name, GatewayApiFormats::sectionName));
    }
  }

  /** A {@code BackendRef}: the reference, its port, "Must have port for Service reference", and its weight. */
  static void backendRef(GatewayApiCheck c, String path, String group, String kind, String name, String namespace,
      Integer port, Integer weight) {
    backendObject(c, path, group, kind, name, namespace, port);
    if (weight != null && (weight < 0 || weight > WEIGHT_MAX)) {
      c.error(c.id("weight"), path + ".weight", weight + " must be from 0 to " + WEIGHT_MAX
          + " (a share of the rule's total weight; 0 sends no traffic)");
    }
  }

  /** A {@code BackendObjectReference} (also a mirror's backend): the reference, its port, and a port for Services. */
  static void backendObject(GatewayApiCheck c, String path, String group, String kind, String name, String namespace,
      Integer port) {
    c.reference(path, group, kind, name, namespace);
    c.port(path + ".port", port);
    if (isService(group, kind) && port == null) {
      c.error(c.id("service-port-required"), path + ".port", "is required for Service " + Messages.quote(name)
          + ": the Service's port number (not the container's target port)");
    }
  }

  /** A backend reference to a core Service, after the defaults group "" and kind "Service". */
  static boolean isService(String group, String kind) {
    return Objects.requireNonNullElse(group, "").isEmpty() && "Service".equals(Objects.requireNonNullElse(kind, "Service"));
  }

  /** {@code spec.useDefaultGateways}: in v1.5's experimental channel only. */
  static void useDefaultGateways(GatewayApiCheck c, String value) {
    if (value != null) {
      c.experimental("spec.useDefaultGateways", "useDefaultGateways (" + Messages.quote(value) + ")");
    }
  }
}
