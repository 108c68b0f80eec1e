package dev.portico.synth.validate.istio;

import dev.portico.dsl.StackNamespace;
import dev.portico.synth.validate.Call;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicyAction;
import io.fabric8.istio.api.api.security.v1beta1.Operation;
import io.fabric8.istio.api.api.security.v1beta1.PeerAuthenticationMutualTLS;
import io.fabric8.istio.api.api.security.v1beta1.Rule;
import io.fabric8.istio.api.api.security.v1beta1.RuleFrom;
import io.fabric8.istio.api.api.security.v1beta1.RuleTo;
import io.fabric8.istio.api.api.security.v1beta1.Source;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Istio's sidecars admit, as {@code security.istio.io/v1} defines it: the mutual TLS mode of the
 * pods and port (PeerAuthentication: the workload's, else its namespace's, else the mesh-wide one in
 * the root namespace {@value #ROOT_NAMESPACE}, else PERMISSIVE; port-level modes of a workload's policy
 * first), then AuthorizationPolicies (a matching DENY rule denies; once an ALLOW policy applies, only a
 * matching ALLOW rule admits; an ALLOW policy without rules admits nothing). A rule matches when one of
 * its sources, one of its operations and all its conditions do.
 *
 * <p>Pods are in the mesh when their namespace's Namespace object turns on sidecar injection, or, when the
 * objects hold no Namespace for it, when Istio objects live in it. Requests from outside the mesh carry
 * no principal. What the objects cannot tell (request paths, methods, JWTs, source addresses, conditions)
 * makes a rule's match {@link Call.Outcome#UNKNOWN}.
 */
public final class MeshAccess {
  /** Istio's default root namespace, whose policies without a selector apply to the whole mesh. */
  static final String ROOT_NAMESPACE = "istio-system";

  private final boolean acrossGroups;
  private final Set<String> istioNamespaces = new HashSet<>();
  private final Map<String, Boolean> injection = new HashMap<>();
  private final Map<String, List<Resource>> peerAuthentications = new HashMap<>();
  private final Map<String, List<Resource>> authorizationPolicies = new HashMap<>();

  private MeshAccess(List<Resource> resources, Scope scope) {
    this.acrossGroups = scope == Scope.OPEN;
    for (Resource resource : resources) {
      String key = key(resource.group(), namespace(resource));
      if (resource.object() instanceof Namespace namespace && namespace.getMetadata() != null
          && namespace.getMetadata().getName() != null) {
        injection.putIfAbsent(key(resource.group(), namespace.getMetadata().getName()), injects(namespace));
      }
      if (resource.object().getClass().getName().startsWith("io.fabric8.istio.")) {
        istioNamespaces.add(key);
      }
      if (resource.object() instanceof PeerAuthentication) {
        peerAuthentications.computeIfAbsent(key, k -> new ArrayList<>()).add(resource);
      } else if (resource.object() instanceof AuthorizationPolicy) {
        authorizationPolicies.computeIfAbsent(key, k -> new ArrayList<>()).add(resource);
      }
    }
  }

  /** The mesh policies of {@code resources}; in an open scope they apply across groups. */
  public static MeshAccess of(List<Resource> resources, Scope scope) {
    return new MeshAccess(resources, scope);
  }

  /** Whether a Namespace object turns on sidecar injection: {@code istio-injection: enabled}, or a revision without it. */
  static boolean injects(Namespace namespace) {
    Map<String, String> labels = namespace.getMetadata().getLabels();
    return StackNamespace.injectsSidecars(labels == null ? Map.of() : labels);
  }

  /** True when no Istio object and no Namespace with sidecar injection is among the objects. */
  public boolean isEmpty() {
    return istioNamespaces.isEmpty() && !injection.containsValue(true);
  }

  /** Whether Istio objects live in {@code namespace}. */
  boolean hasIstioObjects(String group, String namespace) {
    return istioNamespaces.contains(key(group, namespace));
  }

  /** Whether pods of {@code namespace} run with sidecars. */
  public boolean inMesh(String group, String namespace) {
    Boolean declared = injection.get(key(group, namespace));
    return declared != null ? declared : istioNamespaces.contains(key(group, namespace));
  }

  /**
   * The effective mutual TLS mode of pods labelled {@code pod} in {@code namespace} on {@code port}
   * ({@code STRICT}, {@code PERMISSIVE} or {@code DISABLE}) and the PeerAuthentication that sets it (null
   * for Istio's default, PERMISSIVE).
   */
  public Mtls mtls(String group, String namespace, Map<String, String> pod, Integer port) {
    Mtls mode = new Mtls("PERMISSIVE", null);
    mode = override(mode, policy(group, ROOT_NAMESPACE, pod, false), null);
    mode = override(mode, policy(group, namespace, pod, false), null);
    Resource workload = policy(group, namespace, pod, true);
    return override(mode, workload, port);
  }

  /**
   * The effective mutual TLS mode of some pods.
   *
   * @param mode {@code STRICT}, {@code PERMISSIVE} or {@code DISABLE}
   * @param from the PeerAuthentication that sets it; null for Istio's default
   */
  public record Mtls(String mode, Resource from) {
    public boolean strict() {
      return "STRICT".equals(mode);
    }
  }

  private static Mtls override(Mtls mode, Resource policy, Integer port) {
    if (policy == null) {
      return mode;
    }
    var spec = ((PeerAuthentication) policy.object()).getSpec();
    if (port != null && spec.getPortLevelMtls() != null) {
      PeerAuthenticationMutualTLS portLevel = spec.getPortLevelMtls().get(String.valueOf(port));
      String value = modeOf(portLevel);
      if (value != null) {
        return new Mtls(value, policy);
      }
    }
    String value = modeOf(spec.getMtls());
    return value == null ? mode : new Mtls(value, policy);
  }

  private static String modeOf(PeerAuthenticationMutualTLS mtls) {
    if (mtls == null || mtls.getMode() == null || "UNSET".equals(mtls.getMode().name())) {
      return null;
    }
    return mtls.getMode().name();
  }

  /** The first PeerAuthentication of a namespace with a selector matching the pod ({@code workload}) or without one. */
  private Resource policy(String group, String namespace, Map<String, String> pod, boolean workload) {
    for (Resource resource : peerAuthentications.getOrDefault(key(group, namespace), List.of())) {
      var spec = ((PeerAuthentication) resource.object()).getSpec();
      if (spec == null) {
        continue;
      }
      Map<String, String> selector = spec.getSelector() == null ? null : spec.getSelector().getMatchLabels();
      boolean hasSelector = selector != null && !selector.isEmpty();
      if (workload ? hasSelector && pod.entrySet().containsAll(selector.entrySet()) : !hasSelector) {
        return resource;
      }
    }
    return null;
  }

  /**
   * Whether the sidecars of the call's target admit it: null when the target pods are not in the mesh,
   * else mutual TLS, then the AuthorizationPolicies.
   */
  public Call.Verdict check(Call call, Map<String, String> pod, Call.TargetPort port) {
    if (!call.target().isPods() || !inMesh(call.group(), call.target().namespace())) {
      return null;
    }
    Call.Source source = call.source();
    Mtls mtls = mtls(call.group(), call.target().namespace(), pod, port.number());
    if (mtls.strict() && !source.meshClient()) {
      return Call.Verdict.denied("STRICT mutual TLS (" + (mtls.from() == null ? "?" : mtls.from().id())
          + ") rejects the plain text of " + source.description() + ", which is outside the mesh");
    }
    return authorize(call, pod, port);
  }

  /**
   * Whether the AuthorizationPolicies of the call's target admit it, mutual TLS aside: null when the
   * target pods are not in the mesh.
   */
  public Call.Verdict authorize(Call call, Map<String, String> pod, Call.TargetPort port) {
    if (!call.target().isPods() || !inMesh(call.group(), call.target().namespace())) {
      return null;
    }
    Mtls mtls = mtls(call.group(), call.target().namespace(), pod, port.number());
    // with mutual TLS off, the sidecar sees no principal even from inside the mesh
    boolean hidden = "DISABLE".equals(mtls.mode()) && call.source().meshClient();
    String principal = hidden || !call.source().meshClient() ? "" : call.source().principal();
    Call.Verdict verdict = authorization(call, pod, port, principal);
    if (hidden && verdict.isDenied()) {
      return Call.Verdict.denied(verdict.reason() + " (mutual TLS is DISABLE for these pods"
          + (mtls.from() == null ? "" : ", by " + mtls.from().id()) + ", so the caller's identity is not seen)");
    }
    return verdict;
  }

  /** @param principal "" for none, null for a mesh identity that is not known */
  private Call.Verdict authorization(Call call, Map<String, String> pod, Call.TargetPort port, String principal) {
    List<Resource> applicable = new ArrayList<>();
    for (String namespace : new java.util.LinkedHashSet<>(List.of(ROOT_NAMESPACE, call.target().namespace()))) {
      for (Resource resource : authorizationPolicies.getOrDefault(key(call.group(), namespace), List.of())) {
        var spec = ((AuthorizationPolicy) resource.object()).getSpec();
        if (spec == null || spec.getTargetRefs() != null && !spec.getTargetRefs().isEmpty()
            || spec.getTargetRef() != null) {
          continue; // targetRefs bind gateways and waypoints, not sidecars
        }
        Map<String, String> selector = spec.getSelector() == null ? null : spec.getSelector().getMatchLabels();
        // a policy of the root namespace applies across the mesh, one of the pods' namespace to it
        if (selector == null || selector.isEmpty() || pod.entrySet().containsAll(selector.entrySet())) {
          applicable.add(resource);
        }
      }
    }
    boolean unknown = false;
    for (Resource resource : applicable) {
      var spec = ((AuthorizationPolicy) resource.object()).getSpec();
      if (spec.getAction() == AuthorizationPolicyAction.DENY) {
        Match match = rules(spec.getRules(), principal, port);
        if (match == Match.YES) {
          return Call.Verdict.denied(resource.id() + " denies " + call.source().description());
        }
        unknown |= match == Match.MAYBE;
      }
    }
    boolean anyAllow = false;
    for (Resource resource : applicable) {
      var spec = ((AuthorizationPolicy) resource.object()).getSpec();
      if (spec.getAction() == null || spec.getAction() == AuthorizationPolicyAction.ALLOW) {
        anyAllow = true;
        Match match = rules(spec.getRules(), principal, port);
        if (match == Match.YES && !unknown) {
          return Call.Verdict.allowed(resource.id() + " admits " + describe(principal));
        }
        unknown |= match == Match.MAYBE;
      }
    }
    if (unknown) {
      return Call.Verdict.unknown("AuthorizationPolicies may or may not admit " + describe(principal)
          + " (request attributes the objects do not tell)");
    }
    if (!anyAllow) {
      return Call.Verdict.allowed("no AuthorizationPolicy restricts the pods");
    }
    return Call.Verdict.denied("no rule of " + String.join(", ", applicable.stream()
        .filter(r -> {
          var action = ((AuthorizationPolicy) r.object()).getSpec().getAction();
          return action == null || action == AuthorizationPolicyAction.ALLOW;
        }).map(Resource::id).toList()) + " admits " + describe(principal));
  }

  private static String describe(String principal) {
    return principal == null ? "the caller" : principal.isEmpty() ? "requests without a mesh identity"
        : "principal " + principal;
  }

  private enum Match { YES, NO, MAYBE }

  /** Whether some rule matches: one source, one operation and every condition. */
  private static Match rules(List<Rule> rules, String principal, Call.TargetPort port) {
    Match any = Match.NO;
    for (Rule rule : rules == null ? List.<Rule>of() : rules) {
      if (rule == null) {
        continue;
      }
      Match match = and(and(froms(rule.getFrom(), principal), tos(rule.getTo(), port)),
          rule.getWhen() == null || rule.getWhen().isEmpty() ? Match.YES : Match.MAYBE);
      any = or(any, match);
    }
    return any;
  }

  private static Match froms(List<RuleFrom> froms, String principal) {
    if (froms == null || froms.isEmpty()) {
      return Match.YES;
    }
    Match any = Match.NO;
    for (RuleFrom from : froms) {
      any = or(any, from == null || from.getSource() == null ? Match.YES : source(from.getSource(), principal));
    }
    return any;
  }

  private static Match source(Source source, String principal) {
    Match match = Match.YES;
    match = and(match, values(source.getPrincipals(), principal, false));
    match = and(match, values(source.getNotPrincipals(), principal, true));
    String namespace = principal == null ? null : namespaceOf(principal);
    match = and(match, values(source.getNamespaces(), namespace, false));
    match = and(match, values(source.getNotNamespaces(), namespace, true));
    for (List<String> other : List.of(list(source.getIpBlocks()), list(source.getNotIpBlocks()),
        list(source.getRemoteIpBlocks()), list(source.getNotRemoteIpBlocks()), list(source.getRequestPrincipals()),
        list(source.getNotRequestPrincipals()), list(source.getServiceAccounts()), list(source.getNotServiceAccounts()))) {
      if (!other.isEmpty()) {
        match = and(match, Match.MAYBE);
      }
    }
    return match;
  }

  /** A field of Istio string matches (exact, {@code prefix*}, {@code *suffix}, {@code *}); {@code value} null when unknown, "" when absent. */
  private static Match values(List<String> patterns, String value, boolean negated) {
    if (patterns == null || patterns.isEmpty()) {
      return Match.YES;
    }
    if (value == null) {
      return Match.MAYBE;
    }
    boolean hit = false;
    for (String pattern : patterns) {
      hit |= matches(pattern, value);
    }
    return (hit != negated) ? Match.YES : Match.NO;
  }

  static boolean matches(String pattern, String value) {
    if (pattern == null) {
      return false;
    }
    if (pattern.equals("*")) {
      return !value.isEmpty();
    }
    if (pattern.endsWith("*")) {
      return value.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    if (pattern.startsWith("*")) {
      return value.endsWith(pattern.substring(1));
    }
    return pattern.equals(value);
  }

  private static String namespaceOf(String principal) {
    int ns = principal.indexOf("/ns/");
    if (ns < 0) {
      return "";
    }
    int end = principal.indexOf('/', ns + 4);
    return end < 0 ? principal.substring(ns + 4) : principal.substring(ns + 4, end);
  }

  private static Match tos(List<RuleTo> tos, Call.TargetPort port) {
    if (tos == null || tos.isEmpty()) {
      return Match.YES;
    }
    Match any = Match.NO;
    for (RuleTo to : tos) {
      any = or(any, to == null || to.getOperation() == null ? Match.YES : operation(to.getOperation(), port));
    }
    return any;
  }

  private static Match operation(Operation operation, Call.TargetPort port) {
    String number = port.number() == null ? null : String.valueOf(port.number());
    Match match = and(values(operation.getPorts(), number, false), values(operation.getNotPorts(), number, true));
    for (List<String> other : List.of(list(operation.getHosts()), list(operation.getNotHosts()),
        list(operation.getMethods()), list(operation.getNotMethods()), list(operation.getPaths()),
        list(operation.getNotPaths()))) {
      if (!other.isEmpty()) {
        match = and(match, Match.MAYBE);
      }
    }
    return match;
  }

  private static Match and(Match a, Match b) {
    if (a == Match.NO || b == Match.NO) {
      return Match.NO;
    }
    return a == Match.YES && b == Match.YES ? Match.YES : Match.MAYBE;
  }

  private static Match or(Match a, Match b) {
    if (a == Match.YES || b == Match.YES) {
      return Match.YES;
    }
    return a == Match.NO && b == Match.NO ? Match.NO : Match.MAYBE;
  }

  private String key(String group, String namespace) {
    return (acrossGroups ? "" : group) + "\u0000" + namespace;
  }

  private static String namespace(Resource resource) {
    String namespace = resource.object().getMetadata() == null ? null : resource.object().getMetadata().getNamespace();
    return namespace == null ? "" : namespace;
  }

  private static List<String> list(List<String> list) {
    return list == null ? List.of() : list;
  }
}
