package dev.portico.synth.validate;

import dev.portico.dsl.Peer;
import dev.portico.dsl.SourceLocation;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A call the objects are meant to allow: a caller the stack declares, or a route into an app (an
 * Ingress, Gateway or Istio gateway backend, a node port, a load balancer), from a source to pods
 * (or, for egress to a host outside the cluster, to addresses) on some ports. Reachability checks
 * whether NetworkPolicies, AuthorizationPolicies and mutual TLS admit it.
 *
 * @param kind what declares it
 * @param source where the requests come from
 * @param target where they go
 * @param ports the target's ports, as the pods (or the outside host) listen on them
 * @param to the target as people name it, e.g. {@code Service/shop/orders}
 * @param via the object or declaration the call comes from, e.g. {@code Ingress/shop/web} or {@code allow(web)}
 * @param location where it was declared
 * @param group as {@link Resource#group()}
 */
public record Call(Kind kind, Source source, Target target, List<TargetPort> ports, String to, String via,
    SourceLocation location, String group) {
  /** The trust domain of mesh identities: Istio's default. */
  static final String TRUST_DOMAIN = "cluster.local";

  public Call {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    ports = List.copyOf(ports);
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(via, "via");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(group, "group");
  }

  /** The call in words, e.g. {@code the route of Ingress/shop/web from ingress-nginx to Service/shop/web:80}. */
  public String describe() {
    String what = switch (kind) {
      case CALLER, EGRESS -> "the call from " + source.description();
      case ROUTE -> "the route of " + via + " from " + source.description();
      case NODE_PORT, LOAD_BALANCER -> "the " + kind.label() + " of " + via + " from " + source.description();
    };
    return what + " to " + to;
  }

  /** What declares a call. */
  public enum Kind {
    /** An app the stack allows to call a Service ({@code allow(...).toCall(...)}). */
    CALLER("caller"),
    /** An app the stack allows to reach a host outside the cluster ({@code allow(...).toReach(...)}). */
    EGRESS("egress"),
    /** A backend of an Ingress, an HTTPRoute or an Istio gateway's VirtualService. */
    ROUTE("route"),
    /** A NodePort (or LoadBalancer) Service's node ports. */
    NODE_PORT("node port"),
    /** A LoadBalancer Service's load balancer. */
    LOAD_BALANCER("load balancer");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** How tables and messages name it, e.g. {@code node port}. */
    public String label() {
      return label;
    }
  }

  /**
   * Where a call comes from: pods (of a stack, or of a controller elsewhere), addresses outside
   * the cluster, or pods nothing tells about.
   *
   * @param description e.g. {@code App/shop/web} or {@code ingress-nginx}
   * @param namespace the pods' namespace; null for addresses, and for pods of an unknown namespace
   * @param labels labels the pods carry (maybe more); null for addresses and unknown pods
   * @param cidrs the source addresses; empty for pods
   * @param meshClient whether the source runs in the mesh (sends mutual TLS)
   * @param principal its mesh identity, e.g. {@code cluster.local/ns/shop/sa/web}; null when unknown or none
   */
  public record Source(String description, String namespace, Map<String, String> labels, List<String> cidrs,
      boolean meshClient, String principal) {
    public Source {
      Objects.requireNonNull(description, "description");
      labels = labels == null ? null : Collections.unmodifiableMap(new TreeMap<>(labels));
      cidrs = List.copyOf(cidrs);
    }

    /** Pods of {@code namespace} carrying {@code labels}; {@code principal} null outside the mesh. */
    public static Source pods(String description, String namespace, Map<String, String> labels, String principal) {
      return new Source(description, namespace, labels, List.of(), principal != null, principal);
    }

    /** Pods of the mesh whose namespace, labels or identity may be unknown (null). */
    public static Source meshPods(String description, String namespace, Map<String, String> labels, String principal) {
      return new Source(description, namespace, labels, List.of(), true, principal);
    }

    /** Clients outside the cluster, from {@code cidrs}. */
    public static Source addresses(String description, List<String> cidrs) {
      return new Source(description, null, null, cidrs, false, null);
    }

    /** Pods nothing tells about (a controller of an unknown class), outside the mesh. */
    public static Source unknown(String description) {
      return new Source(description, null, null, List.of(), false, null);
    }

    /**
     * The pods {@code peer} names, in the mesh when they run as a service account; Peer's defaults
     * described by name (e.g. {@code ingress-nginx}), other pods by their labels and namespace.
     */
    public static Source of(Peer peer) {
      String description = describe(peer);
      return peer.serviceAccount() == null ? pods(description, peer.namespace(), peer.labels(), null)
          : meshPods(description, peer.namespace(), peer.labels(), principal(peer.namespace(), peer.serviceAccount()));
    }

    /** The mesh identity of pods running as {@code serviceAccount}: {@code cluster.local/ns/NAMESPACE/sa/ACCOUNT}. */
    public static String principal(String namespace, String serviceAccount) {
      return TRUST_DOMAIN + "/ns/" + namespace + "/sa/" + serviceAccount;
    }

    /** The clients of a Service's node ports: anywhere, as {@link #anywhere} gives it. */
    public static Source nodePortClients(List<String> anywhere) {
      return addresses("anywhere (node ports)", anywhere);
    }

    /** The clients of a Service's load balancer: its source ranges, or anywhere when it has none. */
    public static Source loadBalancerClients(List<String> sourceRanges, List<String> anywhere) {
      return sourceRanges.isEmpty() ? addresses("anywhere (load balancer)", anywhere)
          : addresses("load balancer clients " + String.join(", ", sourceRanges), sourceRanges);
    }

    /** Every address of a Service's IP families: IPv4's, IPv6's for an IPv6-only Service, both for dual stack. */
    public static List<String> anywhere(boolean ipv4, boolean ipv6) {
      return ipv6 ? (ipv4 ? List.of("0.0.0.0/0", "::/0") : List.of("::/0")) : List.of("0.0.0.0/0");
    }

    private static String describe(Peer peer) {
      if (peer.equals(Peer.ingressNginx())) {
        return "ingress-nginx";
      }
      if (peer.equals(Peer.istioIngressGateway())) {
        return "the Istio ingress gateway";
      }
      if (peer.labels().containsKey("gateway.envoyproxy.io/owning-gateway-name")
          && peer.namespace().equals(Peer.ENVOY_GATEWAY_NAMESPACE)) {
        return "Envoy Gateway's proxies for Gateway " + peer.labels().get("gateway.envoyproxy.io/owning-gateway-namespace")
            + "/" + peer.labels().get("gateway.envoyproxy.io/owning-gateway-name");
      }
      if (peer.labels().containsKey("gateway.networking.k8s.io/gateway-name") && peer.serviceAccount() != null) {
        return "Istio's proxies for Gateway " + peer.namespace() + "/"
            + peer.labels().get("gateway.networking.k8s.io/gateway-name");
      }
      return "pods " + peer.labels() + " of namespace " + peer.namespace();
    }

    /** True for pods, known or not. */
    public boolean isPods() {
      return cidrs.isEmpty();
    }

    /** True when nothing is known of the pods: neither their namespace nor their labels. */
    public boolean isUnknown() {
      return cidrs.isEmpty() && labels == null && namespace == null;
    }
  }

  /**
   * Where a call goes: pods that a selector picks, or addresses outside the cluster.
   *
   * @param namespace the pods' namespace; null for addresses
   * @param selector the labels that pick the pods; null for addresses
   * @param cidrs the addresses; empty for pods
   */
  public record Target(String namespace, Map<String, String> selector, List<String> cidrs) {
    public Target {
      selector = selector == null ? null : Collections.unmodifiableMap(new TreeMap<>(selector));
      cidrs = List.copyOf(cidrs);
    }

    public static Target pods(String namespace, Map<String, String> selector) {
      return new Target(Objects.requireNonNull(namespace, "namespace"), Objects.requireNonNull(selector, "selector"),
          List.of());
    }

    public static Target addresses(List<String> cidrs) {
      return new Target(null, null, cidrs);
    }

    public boolean isPods() {
      return selector != null;
    }
  }

  /**
   * A port the target listens on.
   *
   * @param number the number; null when only the name is known
   * @param name the container port's name; null when unnamed or unknown
   * @param protocol TCP, UDP or SCTP
   */
  public record TargetPort(Integer number, String name, String protocol) {
    public TargetPort {
      Objects.requireNonNull(protocol, "protocol");
    }

    @Override
    public String toString() {
      return (name != null ? name : String.valueOf(number)) + "/" + protocol;
    }
  }

  /** Whether something admits a call. */
  public enum Outcome { ALLOWED, DENIED, UNKNOWN }

  /**
   * What one layer (NetworkPolicy, mutual TLS, AuthorizationPolicy) says about a call, and why.
   *
   * @param reason e.g. {@code by NetworkPolicy/shop/orders} or {@code no NetworkPolicy selects the pods}
   */
  public record Verdict(Outcome outcome, String reason) {
    public Verdict {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(reason, "reason");
    }

    public static Verdict allowed(String reason) {
      return new Verdict(Outcome.ALLOWED, reason);
    }

    public static Verdict denied(String reason) {
      return new Verdict(Outcome.DENIED, reason);
    }

    public static Verdict unknown(String reason) {
      return new Verdict(Outcome.UNKNOWN, reason);
    }

    public boolean isDenied() {
      return outcome == Outcome.DENIED;
    }

    public boolean isAllowed() {
      return outcome == Outcome.ALLOWED;
    }

    /**
     * Several verdicts (one per port, or per kind of target pods) as one: the first that denies,
     * else the first that does not allow, else the first; unknown when there are none.
     */
    public static Verdict all(List<Verdict> verdicts) {
      if (verdicts.isEmpty()) {
        return unknown("no ports to check");
      }
      for (Verdict verdict : verdicts) {
        if (verdict.isDenied()) {
          return verdict;
        }
      }
      for (Verdict verdict : verdicts) {
        if (!verdict.isAllowed()) {
          return verdict;
        }
      }
      return verdicts.get(0);
    }
  }
}
