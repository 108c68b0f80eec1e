package dev.portico.synth.emit;

import dev.portico.dsl.AccessModel;
import dev.portico.dsl.App;
import dev.portico.dsl.ClusterDns;
import dev.portico.dsl.Peer;
import dev.portico.dsl.Service;
import dev.portico.dsl.ServiceType;
import dev.portico.dsl.StackModel;
import dev.portico.synth.validate.Call;
import dev.portico.synth.validate.Resource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who may call whom as {@code networking.k8s.io/v1} NetworkPolicies, written the way a reviewer
 * would by hand:
 * <ul>
 *   <li>{@code default-deny-ingress} (every pod, no rules) when the stack denies by default;
 *   <li>with restricted egress, {@code default-deny-egress}, {@code allow-dns} (every pod to the
 *       cluster DNS on 53/UDP and 53/TCP) and, in a mesh, {@code allow-istiod} (to istiod on 15012/TCP);
 *   <li>one policy per app, named after it ({@link #policyNames}) and selecting its pods: ingress rules for every call the
 *       stack declares into an isolated app (its callers' pods, the pods of the controllers of its
 *       exposures, the clients of its node ports and load balancers), on the ports its Services target,
 *       calls of the same ports sharing a rule; and, with restricted egress, egress rules for the app's
 *       calls out (callees' pods, outside hosts' addresses).
 * </ul>
 * An app is isolated when it is the callee of an {@code allow} or the stack denies by default. Ports
 * are written as the Services write their target ports: by name when the container port has one.
 * Stacks that declare nothing about who may call whom get no NetworkPolicy.
 */
final class NetworkPolicyEmitter {
  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
  static final int ISTIOD_PORT = 15012;

  private NetworkPolicyEmitter() {}

  static void emit(StackModel stack, List<Call> calls, List<Resource> out) {
    AccessModel access = stack.access();
    if (access.isEmpty()) {
      return;
    }
    if (access.denyByDefault()) {
      out.add(policy(stack, "default-deny-ingress", new LabelSelector(), List.of("Ingress"), null, null,
          new SourceLocator(stack.location())));
    }
    access.restrictedEgress().ifPresent(dns -> {
      out.add(policy(stack, "default-deny-egress", new LabelSelector(), List.of("Egress"), null, null,
          new SourceLocator(stack.location())));
      out.add(policy(stack, "allow-dns", new LabelSelector(), List.of("Egress"), null, List.of(dns(dns)),
          new SourceLocator(stack.location())));
      if (stack.hasMesh()) {
        Peer istiod = stack.mesh().controlPlane();
        out.add(policy(stack, "allow-istiod", new LabelSelector(), List.of("Egress"), null, List.of(
            new NetworkPolicyEgressRule(new ArrayList<>(List.of(new NetworkPolicyPort(null,
                new IntOrString(ISTIOD_PORT), "TCP"))), new ArrayList<>(List.of(peer(stack, istiod.namespace(),
                istiod.labels()))))), new SourceLocator(stack.location())));
      }
    });
    Map<Map<String, String>, App> isolated = isolated(stack, calls);
    Map<Map<String, String>, List<Call>> into = new java.util.HashMap<>();
    Map<Map<String, String>, List<Call>> outOf = new java.util.HashMap<>();
    for (Call call : calls) {
      if (call.kind() != Call.Kind.EGRESS) {
        into.computeIfAbsent(call.target().selector(), k -> new ArrayList<>()).add(call);
      }
      if ((call.kind() == Call.Kind.CALLER || call.kind() == Call.Kind.EGRESS) && call.source().labels() != null) {
        outOf.computeIfAbsent(call.source().labels(), k -> new ArrayList<>()).add(call);
      }
    }
    Map<App, String> names = policyNames(stack);
    Map<Map<String, String>, App> first = new java.util.HashMap<>();
    stack.apps().forEach(app -> first.putIfAbsent(app.selector(), app));
    for (App app : stack.apps()) {
      Rules ingressRules = new Rules();
      if (isolated.get(app.selector()) == app) {
        for (Call call : into.getOrDefault(app.selector(), List.of())) {
          ingressRules.add(call, from(stack, call.source()), ports(call));
        }
      }
      Rules egressRules = new Rules();
      if (access.restrictedEgress().isPresent() && first.get(app.selector()) == app) {
        for (Call call : outOf.getOrDefault(app.selector(), List.of())) {
          egressRules.add(call, to(call.target()), ports(call));
        }
      }
      if (ingressRules.isEmpty() && egressRules.isEmpty()) {
        continue;
      }
      SourceLocator locator = new SourceLocator(app.location());
      List<NetworkPolicyIngressRule> ingressList = null;
      if (!ingressRules.isEmpty()) {
        ingressList = new ArrayList<>();
        for (Rule rule : ingressRules.rules()) {
          locator.put("spec.ingress[" + ingressList.size() + "]", rule.location);
          ingressList.add(new NetworkPolicyIngressRule(rule.peers, rule.ports));
        }
      }
      List<NetworkPolicyEgressRule> egressList = null;
      if (!egressRules.isEmpty()) {
        egressList = new ArrayList<>();
        for (Rule rule : egressRules.rules()) {
          locator.put("spec.egress[" + egressList.size() + "]", rule.location);
          egressList.add(new NetworkPolicyEgressRule(rule.ports, rule.peers));
        }
      }
      List<String> types = new ArrayList<>();
      if (ingressList != null) {
        types.add("Ingress");
      }
      if (egressList != null) {
        types.add("Egress");
      }
      out.add(policy(stack, names.get(app), selector(app.selector()), types, ingressList, egressList, locator));
    }
  }

  /**
   * The apps whose pods the stack isolates, by selector (the first app declared with it): every app
   * that calls arrive at when the stack denies by default, else the callees of {@code allow}.
   */
  static Map<Map<String, String>, App> isolated(StackModel stack, List<Call> calls) {
    Map<Map<String, String>, App> isolated = new LinkedHashMap<>();
    if (stack.access().isEmpty()) {
      return isolated;
    }
    java.util.Set<Map<String, String>> callees = new java.util.HashSet<>();
    for (AccessModel.Allowed allowed : stack.access().calls()) {
      if (allowed.callee().app().isPresent() && !(allowed.callee().type() instanceof ServiceType.ExternalName)) {
        callees.add(allowed.callee().app().get().selector());
      }
    }
    if (stack.access().denyByDefault()) {
      for (Call call : calls) {
        if (call.kind() != Call.Kind.EGRESS) {
          callees.add(call.target().selector());
        }
      }
    }
    for (App app : stack.apps()) {
      if (callees.contains(app.selector())) {
        isolated.putIfAbsent(app.selector(), app);
      }
    }
    return isolated;
  }

  /**
   * The names of the policies that select each app's pods: the app's, unless several apps share its
   * selector (versions declared as apps of their own), then the first Service that selects them.
   */
  static Map<App, String> policyNames(StackModel stack) {
    Map<Map<String, String>, Integer> sharing = new java.util.HashMap<>();
    stack.apps().forEach(app -> sharing.merge(app.selector(), 1, Integer::sum));
    Map<Map<String, String>, String> services = new java.util.HashMap<>();
    for (Service service : stack.services()) {
      service.app().ifPresent(app -> services.putIfAbsent(app.selector(), service.name()));
    }
    Map<App, String> names = new java.util.IdentityHashMap<>();
    for (App app : stack.apps()) {
      names.put(app, sharing.get(app.selector()) > 1 && services.containsKey(app.selector())
          ? services.get(app.selector()) : app.name());
    }
    return names;
  }

  /** The peers a call comes from: the caller's pods, a controller's pods in its namespace, or addresses. */
  private static List<NetworkPolicyPeer> from(StackModel stack, Call.Source source) {
    if (!source.isPods()) {
      List<NetworkPolicyPeer> peers = new ArrayList<>();
      for (String cidr : source.cidrs()) {
        peers.add(new NetworkPolicyPeer(new IPBlock(cidr, null), null, null));
      }
      return peers;
    }
    if (source.namespace() == null || source.labels() == null) {
      return List.of(); // a controller nobody said where it runs: the analyzers report the route
    }
    return List.of(peer(stack, source.namespace(), source.labels()));
  }

  /** The peers a call goes to: the callee's pods, or the outside host's addresses. */
  private static List<NetworkPolicyPeer> to(Call.Target target) {
    if (target.isPods()) {
      return List.of(new NetworkPolicyPeer(null, null, selector(target.selector())));
    }
    List<NetworkPolicyPeer> peers = new ArrayList<>();
    for (String cidr : target.cidrs()) {
      peers.add(new NetworkPolicyPeer(new IPBlock(cidr, null), null, null));
    }
    return peers;
  }

  /** Pods of the stack's namespace by their labels, or of another namespace by its name label too. */
  private static NetworkPolicyPeer peer(StackModel stack, String namespace, Map<String, String> labels) {
    LabelSelector namespaceSelector = namespace.equals(stack.namespace()) ? null
        : selector(Map.of(NAMESPACE_NAME_LABEL, namespace));
    return new NetworkPolicyPeer(null, namespaceSelector, selector(labels));
  }

  private static NetworkPolicyEgressRule dns(ClusterDns dns) {
    Peer pods = dns.pods();
    LabelSelector namespace = selector(Map.of(NAMESPACE_NAME_LABEL, pods.namespace()));
    return new NetworkPolicyEgressRule(
        new ArrayList<>(List.of(new NetworkPolicyPort(null, new IntOrString(dns.port()), "UDP"),
            new NetworkPolicyPort(null, new IntOrString(dns.port()), "TCP"))),
        new ArrayList<>(List.of(new NetworkPolicyPeer(null, namespace, selector(pods.labels())))));
  }

  private static List<NetworkPolicyPort> ports(Call call) {
    List<NetworkPolicyPort> ports = new ArrayList<>();
    for (Call.TargetPort port : call.ports()) {
      IntOrString value = port.name() != null ? new IntOrString(port.name()) : new IntOrString(port.number());
      ports.add(new NetworkPolicyPort(null, value, port.protocol()));
    }
    return ports;
  }

  static LabelSelector selector(Map<String, String> labels) {
    return new LabelSelector(null, new TreeMap<>(labels));
  }

  private static Resource policy(StackModel stack, String name, LabelSelector pods, List<String> types,
      List<NetworkPolicyIngressRule> ingress, List<NetworkPolicyEgressRule> egress, SourceLocator locator) {
    NetworkPolicySpec spec = new NetworkPolicySpec(egress, ingress, pods, new ArrayList<>(types));
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(stack.namespace());
    NetworkPolicy policy = new NetworkPolicy();
    policy.setMetadata(meta);
    policy.setSpec(spec);
    return new Resource(policy, locator, stack.environment());
  }

  /** One rule: its peers and ports, and the declaration it was first made for. */
  private static final class Rule {
    final List<NetworkPolicyPeer> peers = new ArrayList<>();
    final List<NetworkPolicyPort> ports;
    final dev.portico.dsl.SourceLocation location;

    Rule(List<NetworkPolicyPort> ports, dev.portico.dsl.SourceLocation location) {
      this.ports = ports;
      this.location = location;
    }
  }

  /** Rules by their ports: calls on the same ports share a rule, with all their peers. */
  private static final class Rules {
    private final Map<List<NetworkPolicyPort>, Rule> byPorts = new LinkedHashMap<>();

    void add(Call call, List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
      if (peers.isEmpty() || ports.isEmpty()) {
        return;
      }
      Rule rule = byPorts.computeIfAbsent(ports, p -> new Rule(new ArrayList<>(p), call.location()));
      for (NetworkPolicyPeer peer : peers) {
        if (!rule.peers.contains(peer)) {
          rule.peers.add(peer);
        }
      }
    }

    boolean isEmpty() {
      return byPorts.isEmpty();
    }

    List<Rule> rules() {
      return List.copyOf(byPorts.values());
    }
  }
}
