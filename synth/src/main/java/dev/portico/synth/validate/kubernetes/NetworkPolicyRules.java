package dev.portico.synth.validate.kubernetes;

import dev.portico.dsl.format.DeclarationRules;
import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.List;

/**
 * A networking.k8s.io/v1 NetworkPolicy as the API server validates it on create, following kubernetes
 * {@code pkg/apis/networking/validation/validation.go}: {@code ValidateNetworkPolicy} (the name a
 * DNS-1123 subdomain, {@code ValidateNetworkPolicyName}; metadata through {@link MetadataRules}),
 * {@code ValidateNetworkPolicySpec} (pod selector, rules, policy types), {@code ValidateNetworkPolicyPort},
 * {@code ValidateNetworkPolicyPeer} and {@code ValidateIPBlock}; label selectors through
 * {@link LabelSelectorRules} with {@code AllowInvalidLabelValueInSelector} false, as on create.
 *
 * <p>CIDRs are read as {@code IsValidCIDRForLegacyField} reads them while the {@code StrictIPCIDRValidation}
 * feature gate is off (its default): leading zeros in IPv4 octets are accepted, as {@link Formats#isCidr} does
 * for Service source ranges. There is no defaulting to apply: an absent protocol means TCP and absent
 * policy types are inferred, both where the policy is enforced.
 */
final class NetworkPolicyRules {
  static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
  static final List<String> POLICY_TYPES = List.of("Ingress", "Egress");

  private NetworkPolicyRules() {}

  static void check(Check check, NetworkPolicy policy) {
    MetadataRules.check(check, policy.getMetadata(), Formats::dns1123Subdomain);
    NetworkPolicySpec spec = policy.getSpec() == null ? new NetworkPolicySpec() : policy.getSpec();
    LabelSelectorRules.check(check, "spec.podSelector", spec.getPodSelector());
    List<NetworkPolicyIngressRule> ingress = list(spec.getIngress());
    for (int i = 0; i < ingress.size(); i++) {
      NetworkPolicyIngressRule rule = ingress.get(i);
      if (rule != null) {
        rule(check, "spec.ingress[" + i + "]", rule.getPorts(), rule.getFrom(), "from");
      }
    }
    List<NetworkPolicyEgressRule> egress = list(spec.getEgress());
    for (int i = 0; i < egress.size(); i++) {
      NetworkPolicyEgressRule rule = egress.get(i);
      if (rule != null) {
        rule(check, "spec.egress[" + i + "]", rule.getPorts(), rule.getTo(), "to");
      }
    }
    policyTypes(check, list(spec.getPolicyTypes()));
  }

  private static void rule(Check check, String path, List<NetworkPolicyPort> ports, List<NetworkPolicyPeer> peers,
      String peersField) {
    List<NetworkPolicyPort> portList = list(ports);
    for (int p = 0; p < portList.size(); p++) {
      if (portList.get(p) != null) {
        port(check, path + ".ports[" + p + "]", portList.get(p));
      }
    }
    List<NetworkPolicyPeer> peerList = list(peers);
    for (int p = 0; p < peerList.size(); p++) {
      peer(check, path + "." + peersField + "[" + p + "]", peerList.get(p));
    }
  }

  /** {@code ValidateNetworkPolicyPort}: protocol, a port number or IANA name, and endPort only after a number, not below it. */
  private static void port(Check check, String path, NetworkPolicyPort port) {
    String protocol = port.getProtocol();
    if (protocol != null && !PROTOCOLS.contains(protocol)) {
      check.error("networkpolicy.port-protocol", path + ".protocol", Messages.quote(protocol)
          + " is not a supported protocol; use " + Messages.oneOf(PROTOCOLS) + " (case-sensitive), or leave it out for TCP");
    }
    IntOrString number = port.getPort();
    Integer endPort = port.getEndPort();
    if (number == null) {
      if (endPort != null) {
        check.error("networkpolicy.end-port", path + ".endPort", endPort + " may not be specified when port is not "
            + "specified: a range starts at a port number");
      }
      return;
    }
    if (number.getStrVal() == null) {
      int value = number.getIntVal() == null ? 0 : number.getIntVal();
      for (String problem : Formats.portNumber(value)) {
        check.error("networkpolicy.port", path + ".port", value + " " + problem);
      }
      if (endPort != null) {
        if (endPort < value) {
          check.error("networkpolicy.end-port", path + ".endPort", endPort + " must be greater than or equal to port "
              + value + " (the range is port..endPort)");
        }
        for (String problem : Formats.portNumber(endPort)) {
          check.error("networkpolicy.end-port", path + ".endPort", endPort + " " + problem);
        }
      }
      return;
    }
    String name = number.getStrVal();
    if (endPort != null) {
      check.error("networkpolicy.end-port", path + ".endPort", endPort + " may not be specified when port is "
          + "non-numeric (" + Messages.quote(name) + "); give the range's first port by number");
    }
    for (String problem : Formats.ianaServiceName(name)) {
      check.error("networkpolicy.port", path + ".port", Messages.quote(name) + " " + problem
          + " (a container port's name, or a number)" + Messages.tryInstead(name, DeclarationRules.ianaSuggestion(name)));
    }
  }

  /** {@code ValidateNetworkPolicyPeer}: at least one of podSelector, namespaceSelector, ipBlock, and ipBlock alone. */
  private static void peer(Check check, String path, NetworkPolicyPeer peer) {
    if (peer == null || peer.getPodSelector() == null && peer.getNamespaceSelector() == null
        && peer.getIpBlock() == null) {
      check.error("networkpolicy.peer", path, "must specify a peer: a podSelector, a namespaceSelector (or both), or an "
          + "ipBlock; podSelector: {} is every pod of the namespace, and a rule without from/to admits everyone");
      return;
    }
    LabelSelectorRules.check(check, path + ".podSelector", peer.getPodSelector());
    LabelSelectorRules.check(check, path + ".namespaceSelector", peer.getNamespaceSelector());
    if (peer.getIpBlock() != null) {
      ipBlock(check, path + ".ipBlock", peer.getIpBlock());
      if (peer.getPodSelector() != null || peer.getNamespaceSelector() != null) {
        check.error("networkpolicy.peer", path, "may not specify both ipBlock and another peer; put the ipBlock in a "
            + "peer of its own (peers of one list are alternatives)");
      }
    }
  }

  /** {@code ValidateIPBlock}: a CIDR, and each {@code except} a CIDR strictly inside it. */
  private static void ipBlock(Check check, String path, IPBlock block) {
    String cidr = block.getCidr();
    if (cidr == null || cidr.isEmpty()) {
      check.error("networkpolicy.ip-block", path + ".cidr", "a CIDR is required, e.g. \"203.0.113.0/24\"");
      return;
    }
    Cidrs.Range range = Cidrs.parse(cidr);
    if (range == null) {
      check.error("networkpolicy.ip-block", path + ".cidr", Messages.quote(cidr)
          + " must be a CIDR, e.g. \"203.0.113.0/24\" or \"2001:db8::/64\"");
      return;
    }
    List<String> except = list(block.getExcept());
    for (int e = 0; e < except.size(); e++) {
      String value = except.get(e) == null ? "" : except.get(e);
      String at = path + ".except[" + e + "]";
      Cidrs.Range inner = Cidrs.parse(value);
      if (inner == null) {
        check.error("networkpolicy.ip-block", at, Messages.quote(value) + " must be a CIDR, e.g. \"203.0.113.0/24\"");
      } else if (!range.contains(inner) || range.prefix() >= inner.prefix()) {
        check.error("networkpolicy.ip-block", at, Messages.quote(value) + " must be a strict subset of cidr "
            + Messages.quote(cidr) + ": inside it and smaller (a longer prefix)");
      }
    }
  }

  /** At most two policy types, each Ingress or Egress. */
  private static void policyTypes(Check check, List<String> types) {
    if (types.size() > POLICY_TYPES.size()) {
      check.error("networkpolicy.policy-types", "spec.policyTypes", Messages.list(types)
          + " may not specify more than two policyTypes (Ingress and Egress, once each)");
      return;
    }
    for (int i = 0; i < types.size(); i++) {
      String type = types.get(i);
      if (!POLICY_TYPES.contains(type)) {
        check.error("networkpolicy.policy-types", "spec.policyTypes[" + i + "]", Messages.quote(type)
            + " is not supported; use " + Messages.oneOf(POLICY_TYPES) + " (case-sensitive)");
      }
    }
  }

  private static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }
}
