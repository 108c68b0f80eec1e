package dev.portico.dsl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may call whom in a stack, frozen: rendered as Kubernetes NetworkPolicies in every stack and
 * as Istio AuthorizationPolicies too when the stack has a mesh. Declared with {@link Stack#allow},
 * {@link Stack#denyByDefault()} and {@link Stack#restrictEgress()}.
 *
 * @param calls apps allowed to call a Service's pods, in declaration order
 * @param reaches apps allowed to reach a host outside the cluster, in declaration order
 * @param denyByDefault whether every pod of the namespace is isolated, admitting only what is declared
 * @param egress the cluster DNS when egress is restricted to what is declared (plus DNS); null when it is not
 */
public record AccessModel(List<Allowed> calls, List<Reach> reaches, boolean denyByDefault, ClusterDns egress) {

  public AccessModel {
    calls = List.copyOf(calls);
    reaches = List.copyOf(reaches);
  }

  /** {@code callers} may call the pods of {@code callee} on the ports its Service targets. */
  public record Allowed(List<App> callers, Service callee, SourceLocation location) {
    public Allowed {
      callers = List.copyOf(callers);
      Objects.requireNonNull(callee, "callee");
    }
  }

  /**
   * {@code callers} may reach a host outside the cluster: the addresses given, on its ports.
   *
   * @param target what names the host, e.g. {@code Service/shop/payments} or {@code ServiceEntry/bookinfo/books}
   * @param host the host's DNS name, which a NetworkPolicy cannot select
   * @param ports the host's ports
   * @param cidrs the addresses the host resolves to, which a NetworkPolicy can select
   */
  public record Reach(List<App> callers, String target, String host, List<Port> ports, List<String> cidrs,
      SourceLocation location) {
    public Reach {
      callers = List.copyOf(callers);
      ports = List.copyOf(ports);
      cidrs = List.copyOf(cidrs);
    }
  }

  /** The cluster DNS, when egress is restricted. */
  public Optional<ClusterDns> restrictedEgress() {
    return Optional.ofNullable(egress);
  }

  /** True when the stack declared nothing about who may call whom: no pod is isolated. */
  public boolean isEmpty() {
    return calls.isEmpty() && reaches.isEmpty() && !denyByDefault && egress == null;
  }
}
