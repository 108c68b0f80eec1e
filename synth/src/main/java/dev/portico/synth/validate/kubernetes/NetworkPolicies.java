package dev.portico.synth.validate.kubernetes;

import dev.portico.synth.validate.Call;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the NetworkPolicies among some objects admit, as the Kubernetes API defines it
 * ({@code networking.k8s.io/v1} NetworkPolicy): a pod is isolated for ingress (egress) once a policy
 * of its namespace selects it with that policy type, and then admits only what some such policy's
 * rules allow; policies add up, never subtract. Policy types default to Ingress, plus Egress when
 * the policy has egress rules.
 *
 * <p>Answers are {@link Call.Outcome#UNKNOWN} where the objects cannot tell: an {@code ipBlock} for
 * traffic between pods (pod addresses are not in manifests), a namespace selector on labels of a
 * namespace whose Namespace object is not among the objects (only {@code kubernetes.io/metadata.name}
 * is known then), labels of outside pods that a selector asks about and nobody declared, a source
 * nothing is known about (except in a stack, which knows what it declared: there such a source
 * matches no selector).
 */
public final class NetworkPolicies {
  private final boolean acrossGroups;
  private final boolean closed;
  private final Map<String, List<Resource>> byNamespace = new HashMap<>();
  private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();

  private NetworkPolicies(List<Resource> resources, Scope scope) {
    this.acrossGroups = scope == Scope.OPEN;
    this.closed = scope == Scope.CLOSED;
    for (Resource resource : resources) {
      if (resource.object() instanceof NetworkPolicy) {
        byNamespace.computeIfAbsent(key(resource.group(), namespace(resource)), k -> new ArrayList<>()).add(resource);
      } else if (resource.object() instanceof Namespace namespace && namespace.getMetadata() != null
          && namespace.getMetadata().getName() != null) {
        Map<String, String> labels = new TreeMap<>();
        if (namespace.getMetadata().getLabels() != null) {
          labels.putAll(namespace.getMetadata().getLabels());
        }
        labels.put(NamespaceRules.NAME_LABEL, namespace.getMetadata().getName());
        namespaceLabels.putIfAbsent(key(resource.group(), namespace.getMetadata().getName()), labels);
      }
    }
  }

  /**
   * The NetworkPolicies (and Namespaces, for their labels) of {@code resources}; in an open scope
   * ({@code portico validate}) policies apply across groups, since a cluster holds them all.
   */
  public static NetworkPolicies of(List<Resource> resources, Scope scope) {
    return new NetworkPolicies(resources, scope);
  }

  /** True when there is no NetworkPolicy: nothing is isolated. */
  public boolean isEmpty() {
    return byNamespace.isEmpty();
  }

  /** The policies of a namespace in a group, in input order. */
  List<Resource> policies(String group, String namespace) {
    return byNamespace.getOrDefault(key(group, namespace), List.of());
  }

  /**
   * Whether the call is admitted where it arrives: into each kind of the target's pods
   * ({@code targetPods}, their labels), on each of the call's ports. A call to addresses outside
   * the cluster is not isolated on arrival by anything here.
   */
  public Call.Verdict ingress(Call call, List<Map<String, String>> targetPods) {
    if (!call.target().isPods()) {
      return Call.Verdict.allowed("outside the cluster");
    }
    List<Call.Verdict> verdicts = new ArrayList<>();
    for (Map<String, String> pod : targetPods) {
      for (Call.TargetPort port : call.ports()) {
        verdicts.add(ingress(call, pod, port));
      }
    }
    return Call.Verdict.all(verdicts);
  }

  /** Whether the call may leave its source: pods of a namespace isolated for egress admit only what egress rules allow. */
  public Call.Verdict egress(Call call, List<Map<String, String>> targetPods) {
    Call.Source source = call.source();
    if (!source.isPods() || source.namespace() == null || source.labels() == null) {
      return Call.Verdict.allowed("the source's egress is not governed here");
    }
    List<Call.Verdict> verdicts = new ArrayList<>();
    List<Map<String, String>> targets = call.target().isPods() ? targetPods : java.util.Collections.singletonList(null);
    for (Map<String, String> pod : targets) {
      for (Call.TargetPort port : call.ports()) {
        verdicts.add(egress(call, pod, port));
      }
    }
    return Call.Verdict.all(verdicts);
  }

  private Call.Verdict ingress(Call call, Map<String, String> pod, Call.TargetPort port) {
    String namespace = call.target().namespace();
    Tri isolated = Tri.FALSE;
    Tri admitted = Tri.FALSE;
    List<String> isolating = new ArrayList<>();
    String admitting = null;
    for (Resource resource : policies(call.group(), namespace)) {
      NetworkPolicySpec spec = spec(resource);
      if (!hasType(spec, "Ingress")) {
        continue;
      }
      Tri selects = LabelSelectors.matches(selectorOrAll(spec.getPodSelector()), pod, true);
      if (selects == Tri.FALSE) {
        continue;
      }
      isolated = isolated.or(selects);
      if (selects == Tri.TRUE) {
        isolating.add(resource.id());
      }
      Tri rules = Tri.FALSE;
      for (NetworkPolicyIngressRule rule : list(spec.getIngress())) {
        if (rule != null) {
          rules = rules.or(peers(rule.getFrom(), namespace, call).and(ports(rule.getPorts(), port)));
        }
      }
      Tri here = selects.and(rules);
      admitted = admitted.or(here);
      if (here == Tri.TRUE && admitting == null) {
        admitting = resource.id();
      }
    }
    if (isolated == Tri.FALSE) {
      return Call.Verdict.allowed("no NetworkPolicy isolates " + describe(namespace, pod));
    }
    if (admitted == Tri.TRUE) {
      return Call.Verdict.allowed(admitting + " admits it");
    }
    if (isolated == Tri.TRUE && admitted == Tri.FALSE) {
      return Call.Verdict.denied(String.join(", ", isolating) + " isolate" + (isolating.size() == 1 ? "s " : " ")
          + describe(namespace, pod) + " and no ingress rule admits " + call.source().description() + " on " + port);
    }
    return Call.Verdict.unknown("NetworkPolicies of namespace " + namespace + " may or may not admit "
        + call.source().description() + " on " + port + " (addresses or labels the objects do not tell)");
  }

  private Call.Verdict egress(Call call, Map<String, String> pod, Call.TargetPort port) {
    Call.Source source = call.source();
    Tri isolated = Tri.FALSE;
    Tri admitted = Tri.FALSE;
    List<String> isolating = new ArrayList<>();
    String admitting = null;
    for (Resource resource : policies(call.group(), source.namespace())) {
      NetworkPolicySpec spec = spec(resource);
      if (!hasType(spec, "Egress")) {
        continue;
      }
      Tri selects = LabelSelectors.matches(selectorOrAll(spec.getPodSelector()), source.labels(), false);
      if (selects == Tri.FALSE) {
        continue;
      }
      isolated = isolated.or(selects);
      if (selects == Tri.TRUE) {
        isolating.add(resource.id());
      }
      Tri rules = Tri.FALSE;
      for (NetworkPolicyEgressRule rule : list(spec.getEgress())) {
        if (rule != null) {
          rules = rules.or(destinations(rule.getTo(), source.namespace(), call, pod).and(ports(rule.getPorts(), port)));
        }
      }
      Tri here = selects.and(rules);
      admitted = admitted.or(here);
      if (here == Tri.TRUE && admitting == null) {
        admitting = resource.id();
      }
    }
    String where = call.target().isPods() ? describe(call.target().namespace(), pod)
        : String.join(", ", call.target().cidrs());
    if (isolated == Tri.FALSE) {
      return Call.Verdict.allowed("no NetworkPolicy restricts the egress of " + source.description());
    }
    if (admitted == Tri.TRUE) {
      return Call.Verdict.allowed(admitting + " lets it out");
    }
    if (isolated == Tri.TRUE && admitted == Tri.FALSE) {
      return Call.Verdict.denied(String.join(", ", isolating) + " restrict" + (isolating.size() == 1 ? "s" : "")
          + " the egress of " + source.description() + " and no egress rule admits " + where + " on " + port);
    }
    return Call.Verdict.unknown("NetworkPolicies of namespace " + source.namespace() + " may or may not let "
        + source.description() + " reach " + where + " on " + port);
  }

  /** Whether some peer of an ingress rule admits the call's source; no peers admit every source. */
  private Tri peers(List<NetworkPolicyPeer> peers, String policyNamespace, Call call) {
    if (peers == null || peers.isEmpty()) {
      return Tri.TRUE;
    }
    Call.Source source = call.source();
    if (!source.isPods()) {
      return covered(peers, source.cidrs());
    }
    Tri any = Tri.FALSE;
    for (NetworkPolicyPeer peer : peers) {
      if (peer == null) {
        continue;
      }
      if (peer.getIpBlock() != null) {
        any = any.or(Tri.UNKNOWN);
      } else if (peer.getPodSelector() != null || peer.getNamespaceSelector() != null) {
        any = any.or(pods(peer, policyNamespace, source.namespace(), source.labels(), false, call.group()));
      }
    }
    return any;
  }

  /** Whether every one of {@code cidrs} is inside some ipBlock of the peers (and clear of its exceptions). */
  private static Tri covered(List<NetworkPolicyPeer> peers, List<String> cidrs) {
    if (cidrs.isEmpty()) {
      return Tri.FALSE;
    }
    for (String cidr : cidrs) {
      boolean inside = false;
      for (NetworkPolicyPeer peer : peers) {
        if (peer != null && peer.getIpBlock() != null && covers(peer.getIpBlock(), cidr)) {
          inside = true;
          break;
        }
      }
      if (!inside) {
        return Tri.FALSE;
      }
    }
    return Tri.TRUE;
  }

  /** Whether some peer of an egress rule admits the call's target; no peers admit every destination. */
  private Tri destinations(List<NetworkPolicyPeer> peers, String policyNamespace, Call call, Map<String, String> pod) {
    if (peers == null || peers.isEmpty()) {
      return Tri.TRUE;
    }
    if (!call.target().isPods()) {
      return covered(peers, call.target().cidrs());
    }
    Tri any = Tri.FALSE;
    for (NetworkPolicyPeer peer : peers) {
      if (peer == null) {
        continue;
      }
      if (peer.getIpBlock() != null) {
        any = any.or(Tri.UNKNOWN);
      } else if (peer.getPodSelector() != null || peer.getNamespaceSelector() != null) {
        any = any.or(pods(peer, policyNamespace, call.target().namespace(), pod, true, call.group()));
      }
    }
    return any;
  }

  /** A peer's pod and namespace selectors against pods of {@code namespace} (null when unknown). */
  private Tri pods(NetworkPolicyPeer peer, String policyNamespace, String namespace, Map<String, String> labels,
      boolean complete, String group) {
    if (namespace == null && labels == null) {
      // a source a stack declares without saying where it runs matches no selector; in YAML it might
      return closed ? Tri.FALSE : Tri.UNKNOWN;
    }
    Tri inNamespace;
    if (peer.getNamespaceSelector() == null) {
      inNamespace = namespace == null ? Tri.UNKNOWN : Tri.of(namespace.equals(policyNamespace));
    } else if (namespace == null) {
      inNamespace = LabelSelectors.isEmpty(peer.getNamespaceSelector()) ? Tri.TRUE : Tri.UNKNOWN;
    } else {
      Map<String, String> known = namespaceLabels.get(key(group, namespace));
      inNamespace = LabelSelectors.matches(peer.getNamespaceSelector(),
          known != null ? known : Map.of(NamespaceRules.NAME_LABEL, namespace), known != null);
    }
    Tri selected = peer.getPodSelector() == null ? Tri.TRUE
        : labels == null ? (LabelSelectors.isEmpty(peer.getPodSelector()) ? Tri.TRUE : Tri.UNKNOWN)
        : LabelSelectors.matches(peer.getPodSelector(), labels, complete);
    return inNamespace.and(selected);
  }

  /** Whether an ipBlock admits all of {@code cidr}: inside its CIDR and clear of its exceptions. */
  private static boolean covers(IPBlock block, String cidr) {
    Cidrs.Range range = Cidrs.parse(block.getCidr());
    Cidrs.Range source = Cidrs.parse(cidr);
    if (range == null || source == null || !range.contains(source)) {
      return false;
    }
    for (String except : list(block.getExcept())) {
      Cidrs.Range excluded = Cidrs.parse(except);
      if (excluded != null && excluded.overlaps(source)) {
        return false;
      }
    }
    return true;
  }

  /** Whether some port of a rule matches; no ports match every port. */
  private static Tri ports(List<NetworkPolicyPort> ports, Call.TargetPort target) {
    if (ports == null || ports.isEmpty()) {
      return Tri.TRUE;
    }
    Tri any = Tri.FALSE;
    for (NetworkPolicyPort port : ports) {
      if (port == null) {
        continue;
      }
      String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
      if (!protocol.equals(target.protocol())) {
        continue;
      }
      IntOrString value = port.getPort();
      if (value == null) {
        return Tri.TRUE;
      }
      if (value.getStrVal() != null) {
        any = any.or(target.name() == null ? (target.number() == null ? Tri.UNKNOWN : Tri.FALSE)
            : Tri.of(value.getStrVal().equals(target.name())));
      } else if (value.getIntVal() != null) {
        if (target.number() == null) {
          any = any.or(Tri.UNKNOWN);
          continue;
        }
        int first = value.getIntVal();
        int last = port.getEndPort() == null ? first : port.getEndPort();
        any = any.or(Tri.of(target.number() >= first && target.number() <= last));
      }
    }
    return any;
  }

  /** Policy types as written, else Ingress plus Egress when there are egress rules. */
  static boolean hasType(NetworkPolicySpec spec, String type) {
    List<String> types = spec.getPolicyTypes();
    if (types != null && !types.isEmpty()) {
      return types.contains(type);
    }
    return type.equals("Ingress") || spec.getEgress() != null && !spec.getEgress().isEmpty();
  }

  static NetworkPolicySpec spec(Resource resource) {
    NetworkPolicy policy = (NetworkPolicy) resource.object();
    return policy.getSpec() == null ? new NetworkPolicySpec() : policy.getSpec();
  }

  private static LabelSelector selectorOrAll(LabelSelector selector) {
    return selector == null ? new LabelSelector() : selector;
  }

  private static String describe(String namespace, Map<String, String> pod) {
    return "pods " + new TreeMap<>(pod) + " of namespace " + namespace;
  }

  private String key(String group, String namespace) {
    return (acrossGroups ? "" : group) + "\u0000" + namespace;
  }

  private static String namespace(Resource resource) {
    String namespace = resource.object().getMetadata() == null ? null : resource.object().getMetadata().getNamespace();
    return namespace == null ? "" : namespace;
  }

  private static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }
}
