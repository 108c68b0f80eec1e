package dev.portico.synth.emit;

import dev.portico.dsl.AccessModel;
import dev.portico.dsl.Service;
import dev.portico.dsl.ServiceType;
import dev.portico.dsl.StackModel;
import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Severity;
import java.util.List;

/**
 * What a stack's declarations of who may call whom cannot mean: a call to a Service without pods
 * ({@code allow.target}), which no policy can admit (a host outside the cluster is reached by
 * address, with {@code toReach}), and addresses that are not CIDRs ({@code allow.cidr}). Compares
 * the declarations, beside {@link TargetPortCheck}, before NetworkPolicyEmitter renders them.
 */
final class AccessCheck {
  private AccessCheck() {}

  static void check(StackModel stack, List<Finding> findings) {
    for (AccessModel.Allowed allowed : stack.access().calls()) {
      Service callee = allowed.callee();
      if (callee.app().isEmpty() || callee.type() instanceof ServiceType.ExternalName) {
        findings.add(new Finding("allow.target", Severity.ERROR, allowed.location(),
            "Service/" + stack.namespace() + "/" + callee.name(), "",
            "Service " + HttpNames.quote(callee.name()) + " selects no pods ("
                + (callee.type() instanceof ServiceType.ExternalName name ? "an ExternalName alias of "
                    + HttpNames.quote(name.host()) : "it has no app")
                + "), so there is nothing to admit calls into; to let apps reach a host outside the cluster, give "
                + "its addresses: allow(...).toReach(" + callee.name() + ", \"203.0.113.0/24\")"));
      }
    }
    for (AccessModel.Reach reach : stack.access().reaches()) {
      for (String cidr : reach.cidrs()) {
        if (!Formats.isCidr(cidr)) {
          findings.add(new Finding("allow.cidr", Severity.ERROR, reach.location(), reach.target(), "",
              HttpNames.quote(cidr) + " must be a CIDR, e.g. \"203.0.113.0/24\" or \"2001:db8::/64\" (the addresses "
                  + HttpNames.quote(reach.host()) + " resolves to: a NetworkPolicy cannot select a DNS name)"));
        }
      }
    }
  }
}
