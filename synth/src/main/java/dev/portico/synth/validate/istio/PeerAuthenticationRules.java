package dev.portico.synth.validate.istio;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.istio.api.api.security.v1beta1.PeerAuthenticationMutualTLS;
import io.fabric8.istio.api.api.type.v1beta1.WorkloadSelector;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Istio PeerAuthentication as istio/istio's webhook validation ({@code pkg/config/validation}) accepts it:
 * {@code ValidatePeerAuthentication} with {@code validateWorkloadSelector}, the dry-run check of
 * {@code validateMetadata}, and the CRD's CEL rules ("portLevelMtls requires selector", "port must
 * be between 1-65535", selector label rules).
 *
 * <p>Port-level entries are addressed by their key: {@code spec.portLevelMtls[8080]}. The mTLS
 * mode is a typed enum here (UNSET, DISABLE, PERMISSIVE, STRICT), so no other value can reach
 * these rules.
 */
final class PeerAuthenticationRules {
  static final IstioSecurityFormats.SelectorRules SELECTOR = new IstioSecurityFormats.SelectorRules(
      "peerauthentication.selector", "peerauthentication.selector-empty", "peerauthentication.selector-label");

  private PeerAuthenticationRules() {}

  static void check(Check check, PeerAuthentication policy) {
    MetadataRules.check(check, policy.getMetadata(), Formats::dns1123Subdomain);
    IstioSecurityFormats.dryRunUnsupported(check, "peerauthentication.dry-run-annotation", "PeerAuthentication",
        policy.getMetadata());
    var spec = policy.getSpec();
    if (spec == null) {
      return;
    }
    WorkloadSelector selector = spec.getSelector();
    if (selector != null) {
      IstioSecurityFormats.selector(check, SELECTOR, "spec.selector", "matchLabels", selector.getMatchLabels(),
          IstioSecurityFormats.MATCH_LABELS_MAX, "applies to every workload in the namespace (like no selector)");
    }
    portLevelMtls(check, selector, spec.getPortLevelMtls());
  }

  /**
   * "mesh/namespace peer authentication cannot have port level mTLS" (CRD: "portLevelMtls requires
   * selector"), and every key a port from 1 to 65535.
   */
  private static void portLevelMtls(Check check, WorkloadSelector selector,
      Map<String, PeerAuthenticationMutualTLS> ports) {
    if (ports == null || ports.isEmpty()) {
      return;
    }
    boolean emptySelector = selector == null || selector.getMatchLabels() == null
        || selector.getMatchLabels().isEmpty();
    if (emptySelector) {
      check.error("peerauthentication.port-level-mtls-selector", "spec.portLevelMtls",
          Messages.list(new TreeMap<>(nullSafe(ports)).keySet())
              + " is set on a namespace- or mesh-wide policy (no selector.matchLabels); port-level mTLS applies "
              + "only to a workload policy: add spec.selector.matchLabels, or move the ports to a policy that has one");
    }
    for (String key : new TreeMap<>(nullSafe(ports)).keySet()) {
      boolean digits = !key.isEmpty() && key.chars().allMatch(c -> c >= '0' && c <= '9');
      String trimmed = digits ? key.replaceFirst("^0+(?=.)", "") : key;
      if (!digits || trimmed.length() > 5 || Integer.parseInt(trimmed) < 1 || Integer.parseInt(trimmed) > 65_535) {
        check.error("peerauthentication.port", "spec.portLevelMtls[" + key + "]", Messages.quote(key)
            + " is not a port number: keys of portLevelMtls are the workload's (container) port numbers, "
            + "from 1 to 65535");
      }
    }
  }

  private static Map<String, PeerAuthenticationMutualTLS> nullSafe(Map<String, PeerAuthenticationMutualTLS> ports) {
    Map<String, PeerAuthenticationMutualTLS> copy = new TreeMap<>();
    ports.forEach((k, v) -> copy.put(k == null ? "" : k, v));
    return copy;
  }
}
