package dev.portico.synth.validate.kubernetes;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.list;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Field rules of a NetworkPolicy, after kubernetes {@code pkg/apis/networking/validation}
 * ({@code ValidateNetworkPolicy}, {@code ValidateNetworkPolicySpec}, {@code ValidateNetworkPolicyPort},
 * {@code ValidateNetworkPolicyPeer}, {@code ValidateIPBlock}) and apimachinery's
 * {@code ValidateLabelSelector}: a table of rejected inputs and one of near misses, most taken from
 * upstream's {@code TestValidateNetworkPolicy} (success and error cases, e.g. the protocol
 * {@code ICMP}, the port {@code 123456789}, the name {@code !@#$}, the selector key
 * {@code NoUppercaseOrSpecialCharsLike=Equals}, the ipBlock and endPort cases). Each rejected row
 * changes the valid baseline {@link #policy()} in one way and names the rule, the field path and a
 * text of the message.
 */
class NetworkPolicyRulesTest {
  private static final String FROM0 = "spec.ingress[0].from[0]";
  private static final String PORT0 = "spec.ingress[0].ports[0]";

  /**
   * NetworkPolicy/shop/web: pods app=web, ingress from pods app=api and from namespace team=ops on
   * TCP 8080 and the named port metrics, egress to 10.0.0.0/8 except 10.1.0.0/16 on UDP 53, both types.
   */
  static NetworkPolicy policy() {
    return new NetworkPolicyBuilder()
        .withNewMetadata().withName("web").withNamespace("shop").endMetadata()
        .withNewSpec()
        .withNewPodSelector().addToMatchLabels("app", "web").endPodSelector()
        .addNewIngress()
        .addNewFrom().withNewPodSelector().addToMatchLabels("app", "api").endPodSelector().endFrom()
        .addNewFrom().withNewNamespaceSelector().addToMatchLabels("team", "ops").endNamespaceSelector().endFrom()
        .addNewPort().withProtocol("TCP").withPort(new IntOrString(8080)).endPort()
        .addNewPort().withPort(new IntOrString("metrics")).endPort()
        .endIngress()
        .addNewEgress()
        .addNewTo().withNewIpBlock().withCidr("10.0.0.0/8").withExcept("10.1.0.0/16").endIpBlock().endTo()
        .addNewPort().withProtocol("UDP").withPort(new IntOrString(53)).endPort()
        .endEgress()
        .withPolicyTypes("Ingress", "Egress")
        .endSpec()
        .build();
  }

  static List<Finding> check(NetworkPolicy policy) {
    List<Finding> findings = new ArrayList<>();
    NetworkPolicyRules.check(new Check(Fixtures.resource(policy), findings), policy);
    return findings;
  }

  static NetworkPolicy with(Consumer<NetworkPolicy> change) {
    NetworkPolicy policy = policy();
    change.accept(policy);
    return policy;
  }

  static NetworkPolicyIngressRule ingress(NetworkPolicy policy) {
    return policy.getSpec().getIngress().get(0);
  }

  static NetworkPolicyPort port(NetworkPolicy policy) {
    return ingress(policy).getPorts().get(0);
  }

  static NetworkPolicyPeer peer(NetworkPolicy policy) {
    return ingress(policy).getFrom().get(0);
  }

  static IPBlock block(NetworkPolicy policy) {
    return policy.getSpec().getEgress().get(0).getTo().get(0).getIpBlock();
  }

  static LabelSelectorRequirement requirement(String key, String operator, String... values) {
    return new LabelSelectorRequirement(key, operator, List.of(values));
  }

  static Arguments row(String name, Consumer<NetworkPolicy> change, String rule, String path, String text) {
    return Arguments.of(Named.of(name, change), rule, path, text);
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        // ValidateNetworkPolicy: ValidateObjectMeta with a DNS-1123 subdomain name
        row("name not a subdomain", p -> p.getMetadata().setName("Web_1"), "metadata.name", "metadata.name", "\"Web_1\""),
        // ValidateLabelSelector on spec.podSelector and the peers: upstream's invalidSelector
        row("podSelector key", p -> p.getSpec().getPodSelector().setMatchLabels(
                Map.of("NoUppercaseOrSpecialCharsLike=Equals", "b")),
            "label-selector.label", "spec.podSelector.matchLabels[NoUppercaseOrSpecialCharsLike=Equals]",
            "\"NoUppercaseOrSpecialCharsLike=Equals\""),
        row("podSelector value", p -> p.getSpec().getPodSelector().setMatchLabels(Map.of("app", "-web")),
            "label-selector.label", "spec.podSelector.matchLabels[app]", "label value \"-web\""),
        row("from.podSelector key", p -> peer(p).getPodSelector().setMatchLabels(
                Map.of("NoUppercaseOrSpecialCharsLike=Equals", "b")),
            "label-selector.label", FROM0 + ".podSelector.matchLabels[NoUppercaseOrSpecialCharsLike=Equals]",
            "NoUppercaseOrSpecialCharsLike=Equals"),
        row("from.namespaceSelector key", p -> ingress(p).getFrom().get(1).getNamespaceSelector().setMatchLabels(
                Map.of("NoUppercaseOrSpecialCharsLike=Equals", "b")),
            "label-selector.label", "spec.ingress[0].from[1].namespaceSelector.matchLabels[NoUppercaseOrSpecialCharsLike=Equals]",
            "NoUppercaseOrSpecialCharsLike=Equals"),
        row("operator lower case", p -> p.getSpec().getPodSelector().setMatchExpressions(
                list(requirement("tier", "in", "front"))),
            "label-selector.operator", "spec.podSelector.matchExpressions[0].operator", "\"in\" is not a valid selector operator"),
        row("In without values", p -> p.getSpec().getPodSelector().setMatchExpressions(list(requirement("tier", "In"))),
            "label-selector.values", "spec.podSelector.matchExpressions[0].values", "must be specified when operator is \"In\""),
        row("Exists with values", p -> p.getSpec().getPodSelector().setMatchExpressions(
                list(requirement("tier", "Exists", "front"))),
            "label-selector.values", "spec.podSelector.matchExpressions[0].values", "[\"front\"] may not be specified"),
        row("expression key", p -> p.getSpec().getPodSelector().setMatchExpressions(
                list(requirement("a/b/c", "Exists"))),
            "label-selector.label", "spec.podSelector.matchExpressions[0].key", "label key \"a/b/c\""),
        row("expression value", p -> p.getSpec().getPodSelector().setMatchExpressions(
                list(requirement("tier", "NotIn", "front end"))),
            "label-selector.label", "spec.podSelector.matchExpressions[0].values[0]", "label value \"front end\""),
        // ValidateNetworkPolicyPort
        row("protocol ICMP", p -> port(p).setProtocol("ICMP"), "networkpolicy.port-protocol", PORT0 + ".protocol",
            "\"ICMP\" is not a supported protocol"),
        row("protocol lower case", p -> port(p).setProtocol("tcp"), "networkpolicy.port-protocol", PORT0 + ".protocol",
            "\"tcp\""),
        row("port 123456789", p -> port(p).setPort(new IntOrString(123456789)), "networkpolicy.port", PORT0 + ".port",
            "123456789 must be between 1 and 65535"),
        row("port 0", p -> port(p).setPort(new IntOrString(0)), "networkpolicy.port", PORT0 + ".port", "0 must be"),
        row("port name !@#$", p -> port(p).setPort(new IntOrString("!@#$")), "networkpolicy.port", PORT0 + ".port",
            "\"!@#$\""),
        row("port name too long", p -> port(p).setPort(new IntOrString("http-administration")), "networkpolicy.port",
            PORT0 + ".port", "\"http-administration\""),
        row("endPort with a named port", p -> {
          port(p).setPort(new IntOrString("http"));
          port(p).setEndPort(8081);
        }, "networkpolicy.end-port", PORT0 + ".endPort", "may not be specified when port is non-numeric (\"http\")"),
        row("endPort without a port", p -> {
          port(p).setPort(null);
          port(p).setEndPort(8081);
        }, "networkpolicy.end-port", PORT0 + ".endPort", "may not be specified when port is not specified"),
        row("endPort below port", p -> {
          port(p).setPort(new IntOrString(8080));
          port(p).setEndPort(8000);
        }, "networkpolicy.end-port", PORT0 + ".endPort", "8000 must be greater than or equal to port 8080"),
        row("endPort out of range", p -> port(p).setEndPort(65536), "networkpolicy.end-port", PORT0 + ".endPort",
            "65536 must be between 1 and 65535"),
        // ValidateNetworkPolicyPeer
        row("empty peer", p -> ingress(p).getFrom().set(0, new NetworkPolicyPeer()), "networkpolicy.peer", FROM0,
            "must specify a peer"),
        row("ipBlock with a podSelector", p -> peer(p).setIpBlock(new IPBlock("192.168.0.0/16", null)),
            "networkpolicy.peer", FROM0, "may not specify both ipBlock and another peer"),
        // ValidateIPBlock
        row("cidr missing", p -> block(p).setCidr(""), "networkpolicy.ip-block", "spec.egress[0].to[0].ipBlock.cidr",
            "a CIDR is required"),
        row("cidr without a mask", p -> {
          block(p).setCidr("192.168.5.6");
          block(p).setExcept(null);
        }, "networkpolicy.ip-block", "spec.egress[0].to[0].ipBlock.cidr", "\"192.168.5.6\" must be a CIDR"),
        row("IPv6 cidr without a mask", p -> {
          block(p).setCidr("fe00::");
          block(p).setExcept(null);
        }, "networkpolicy.ip-block", "spec.egress[0].to[0].ipBlock.cidr", "\"fe00::\" must be a CIDR"),
        row("except empty", p -> block(p).setExcept(list("")), "networkpolicy.ip-block",
            "spec.egress[0].to[0].ipBlock.except[0]", "\"\" must be a CIDR"),
        row("except outside", p -> block(p).setExcept(list("192.168.0.0/16")), "networkpolicy.ip-block",
            "spec.egress[0].to[0].ipBlock.except[0]", "must be a strict subset of cidr \"10.0.0.0/8\""),
        row("except equal to cidr", p -> block(p).setExcept(list("10.0.0.0/8")), "networkpolicy.ip-block",
            "spec.egress[0].to[0].ipBlock.except[0]", "\"10.0.0.0/8\" must be a strict subset"),
        row("except larger than cidr", p -> block(p).setExcept(list("10.0.0.0/7")), "networkpolicy.ip-block",
            "spec.egress[0].to[0].ipBlock.except[0]", "must be a strict subset"),
        row("IPv6 except outside", p -> {
          block(p).setCidr("fe00::/8");
          block(p).setExcept(list("ff00::/16"));
        }, "networkpolicy.ip-block", "spec.egress[0].to[0].ipBlock.except[0]", "\"ff00::/16\" must be a strict subset"),
        row("except of the other family", p -> block(p).setExcept(list("fe00::/16")), "networkpolicy.ip-block",
            "spec.egress[0].to[0].ipBlock.except[0]", "must be a strict subset"),
        // ValidateNetworkPolicySpec: policy types
        row("policy type foo", p -> p.getSpec().setPolicyTypes(list("foo")), "networkpolicy.policy-types",
            "spec.policyTypes[0]", "\"foo\" is not supported; use \"Ingress\" or \"Egress\""),
        row("policy type lower case", p -> p.getSpec().setPolicyTypes(list("Ingress", "egress")),
            "networkpolicy.policy-types", "spec.policyTypes[1]", "\"egress\""),
        row("three policy types", p -> p.getSpec().setPolicyTypes(list("Ingress", "Egress", "Ingress")),
            "networkpolicy.policy-types", "spec.policyTypes", "may not specify more than two policyTypes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void rejected(Consumer<NetworkPolicy> change, String rule, String path, String text) {
    List<Finding> findings = check(with(change));
    Finding finding = assertFinding(findings, rule, Severity.ERROR, path, text);
    // one mistake, findings of one rule (IsValidPortName says all that is wrong with "!@#$", as upstream)
    assertEquals(List.of(rule), findings.stream().map(Finding::rule).distinct().toList(), () -> Fixtures.describe(findings));
    assertEquals(List.of(path), findings.stream().map(Finding::path).distinct().toList(), () -> Fixtures.describe(findings));
    assertEquals("NetworkPolicy/shop/" + with(change).getMetadata().getName(), finding.object());
  }

  static Stream<Arguments> nearMisses() {
    return Stream.<Arguments>of(
        Arguments.of(Named.of("the baseline", (Consumer<NetworkPolicy>) p -> {})),
        // upstream success cases
        Arguments.of(Named.of("no rules at all, empty podSelector", (Consumer<NetworkPolicy>) p -> {
          p.getSpec().setPodSelector(new LabelSelector());
          p.getSpec().setIngress(list());
          p.getSpec().setEgress(null);
          p.getSpec().setPolicyTypes(null);
        })),
        Arguments.of(Named.of("a rule with empty from and ports", (Consumer<NetworkPolicy>) p ->
            p.getSpec().setIngress(list(new NetworkPolicyIngressRule(list(), list()))))),
        Arguments.of(Named.of("ports: protocol only, number only, UDP by name", (Consumer<NetworkPolicy>) p ->
            ingress(p).setPorts(list(new NetworkPolicyPort(null, null, "TCP"),
                new NetworkPolicyPort(null, new IntOrString(80), null),
                new NetworkPolicyPort(null, new IntOrString(443), "TCP"),
                new NetworkPolicyPort(null, new IntOrString("dns"), "UDP"),
                new NetworkPolicyPort(null, new IntOrString(38412), "SCTP"))))),
        Arguments.of(Named.of("podSelector and namespaceSelector in one peer", (Consumer<NetworkPolicy>) p ->
            peer(p).setNamespaceSelector(new LabelSelector(null, Map.of("c", "d"))))),
        Arguments.of(Named.of("a port range", (Consumer<NetworkPolicy>) p -> {
          port(p).setPort(new IntOrString(32000));
          port(p).setEndPort(32768);
        })),
        Arguments.of(Named.of("a range of one port", (Consumer<NetworkPolicy>) p -> port(p).setEndPort(8080))),
        Arguments.of(Named.of("expressions of every operator", (Consumer<NetworkPolicy>) p ->
            p.getSpec().getPodSelector().setMatchExpressions(list(requirement("tier", "In", "front", "back"),
                requirement("track", "NotIn", "canary"), requirement("app.kubernetes.io/name", "Exists"),
                requirement("legacy", "DoesNotExist"))))),
        Arguments.of(Named.of("an empty label value", (Consumer<NetworkPolicy>) p ->
            p.getSpec().getPodSelector().setMatchLabels(Map.of("tier", "")))),
        Arguments.of(Named.of("excepts strictly inside", (Consumer<NetworkPolicy>) p ->
            block(p).setExcept(list("10.1.0.0/16", "10.255.255.0/24")))),
        Arguments.of(Named.of("an IPv6 block with an except", (Consumer<NetworkPolicy>) p -> {
          block(p).setCidr("fe00::/8");
          block(p).setExcept(list("fe00::/16"));
        })),
        Arguments.of(Named.of("anywhere, both families", (Consumer<NetworkPolicy>) p ->
            p.getSpec().getEgress().get(0).setTo(list(new NetworkPolicyPeer(new IPBlock("0.0.0.0/0", null), null, null),
                new NetworkPolicyPeer(new IPBlock("::/0", null), null, null))))),
        Arguments.of(Named.of("leading zeros in a CIDR, as the legacy field parser reads them", (Consumer<NetworkPolicy>) p ->
            block(p).setCidr("010.0.0.0/8"))),
        Arguments.of(Named.of("one policy type", (Consumer<NetworkPolicy>) p -> p.getSpec().setPolicyTypes(list("Egress")))),
        Arguments.of(Named.of("egress to all destinations", (Consumer<NetworkPolicy>) p ->
            p.getSpec().setEgress(list(new NetworkPolicyEgressRule(list(), null))))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nearMisses")
  void nearMisses(Consumer<NetworkPolicy> change) {
    assertClean(check(with(change)));
  }

  @Test
  void everyMistakeIsReportedAtOnce() {
    NetworkPolicy policy = with(p -> {
      port(p).setProtocol("ICMP");
      port(p).setPort(new IntOrString("http"));
      port(p).setEndPort(9000);
      block(p).setExcept(list("192.168.0.0/16"));
      p.getSpec().setPolicyTypes(list("Ingres"));
    });
    assertEquals(List.of("networkpolicy.end-port", "networkpolicy.ip-block", "networkpolicy.policy-types",
        "networkpolicy.port-protocol"), check(policy).stream().map(Finding::rule).sorted().toList());
  }

  @Test
  void theValidatorChecksNetworkPoliciesByTheirKind() {
    // through the family table, as synth and validate run it
    List<Finding> findings = Fixtures.validate(with(p -> port(p).setProtocol("ICMP")));
    assertFinding(findings, "networkpolicy.port-protocol", Severity.ERROR, PORT0 + ".protocol", "ICMP");
  }
}
