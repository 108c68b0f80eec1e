package dev.portico.synth.validate.istio;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.istio.IstioPolicyTesting.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Severity;
import io.fabric8.istio.api.api.security.v1beta1.PeerAuthenticationMutualTLS;
import io.fabric8.istio.api.api.security.v1beta1.PeerAuthenticationMutualTLSMode;
import io.fabric8.istio.api.api.type.v1beta1.WorkloadSelector;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import io.fabric8.istio.api.security.v1.PeerAuthenticationBuilder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Field rules of a PeerAuthentication ({@link PeerAuthenticationRules}), one table of rejected
 * single mutations of the valid baseline {@link #policy()} and one of accepted near misses.
 */
class PeerAuthenticationRulesTest {
  private static final String SELECTOR = "spec.selector.matchLabels";

  // ================================================================= the baseline

  /** PeerAuthentication/shop/web: app=web, STRICT, with port 8080 PERMISSIVE. */
  static PeerAuthentication policy() {
    return new PeerAuthenticationBuilder()
        .withNewMetadata().withName("web").withNamespace("shop").endMetadata()
        .withNewSpec()
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewMtls().withMode(PeerAuthenticationMutualTLSMode.STRICT).endMtls()
        .addToPortLevelMtls("8080", new PeerAuthenticationMutualTLS(PeerAuthenticationMutualTLSMode.PERMISSIVE))
        .endSpec()
        .build();
  }

  static PeerAuthentication policy(Consumer<PeerAuthentication> mutation) {
    PeerAuthentication policy = policy();
    mutation.accept(policy);
    return policy;
  }

  static List<Finding> check(PeerAuthentication policy) {
    return IstioPolicyTesting.run(policy, PeerAuthenticationRules::check);
  }

  private static io.fabric8.istio.api.api.security.v1beta1.PeerAuthentication spec(PeerAuthentication p) {
    return p.getSpec();
  }

  private static Map<String, String> labels(PeerAuthentication p) {
    return p.getSpec().getSelector().getMatchLabels();
  }

  private static void port(PeerAuthentication p, String key) {
    Map<String, PeerAuthenticationMutualTLS> ports = new LinkedHashMap<>();
    ports.put(key, new PeerAuthenticationMutualTLS(PeerAuthenticationMutualTLSMode.DISABLE));
    p.getSpec().setPortLevelMtls(ports);
  }

  private static void annotate(PeerAuthentication p, String key, String value) {
    if (p.getMetadata().getAnnotations() == null) {
      p.getMetadata().setAnnotations(new HashMap<>());
    }
    p.getMetadata().getAnnotations().put(key, value);
  }

  private static Arguments error(String name, String rule, String path, String text, Consumer<PeerAuthentication> mutation) {
    return IstioPolicyTesting.error(name, rule, path, text, mutation);
  }

  private static Arguments warning(String name, String rule, String path, String text, Consumer<PeerAuthentication> mutation) {
    return IstioPolicyTesting.warning(name, rule, path, text, mutation);
  }

  private static Arguments ok(String name, Consumer<PeerAuthentication> mutation) {
    return IstioPolicyTesting.ok(name, mutation);
  }

  // ================================================================= rejected inputs

  static Stream<Arguments> rejected() {
    return Stream.of(
        // metadata (MetadataRules; one sample each way)
        error("name uppercase", "metadata.name", "metadata.name", q("Web"), p -> p.getMetadata().setName("Web")),
        error("namespace uppercase", "metadata.namespace", "metadata.namespace", q("Shop"),
            p -> p.getMetadata().setNamespace("Shop")),
        // dry-run only on AuthorizationPolicy
        error("dry-run annotation", "peerauthentication.dry-run-annotation",
            "metadata.annotations[istio.io/dry-run]", q("true") + " is not supported on a PeerAuthentication",
            p -> annotate(p, "istio.io/dry-run", "true")),
        // selector
        error("selector key empty", "peerauthentication.selector", SELECTOR + "[]", "label key \"\" is empty",
            p -> labels(p).put("", "x")),
        error("selector key wildcard", "peerauthentication.selector", SELECTOR + "[app*]", q("app*") + " contains '*'",
            p -> labels(p).put("app*", "web")),
        error("selector value wildcard", "peerauthentication.selector", SELECTOR + "[app]", q("web-*")
            + " contains '*'", p -> labels(p).put("app", "web-*")),
        error("selector value 64", "peerauthentication.selector", SELECTOR + "[app]", "is 64 characters; at most 63",
            p -> labels(p).put("app", "w".repeat(64))),
        error("selector 4097 labels", "peerauthentication.selector", SELECTOR, "4097 labels are too many; at most 4096",
            p -> {
              for (int i = 0; i < 4096; i++) {
                labels(p).put("l" + i, "v");
              }
            }),
        warning("selector without labels", "peerauthentication.selector-empty", "spec.selector", "has no matchLabels",
            p -> spec(p).setSelector(new WorkloadSelector(new HashMap<>()))),
        warning("selector key with space", "peerauthentication.selector-label", SELECTOR + "[app name]",
            q("app name") + " name part must be a qualified name", p -> labels(p).put("app name", "web")),
        warning("selector value with space", "peerauthentication.selector-label", SELECTOR + "[app]",
            q("my web") + " must be empty or a label value", p -> labels(p).put("app", "my web")),
        // port-level mTLS
        error("port-level mTLS without selector", "peerauthentication.port-level-mtls-selector", "spec.portLevelMtls",
            "[\"8080\"] is set on a namespace- or mesh-wide policy", p -> spec(p).setSelector(null)),
        error("port-level mTLS with empty selector", "peerauthentication.port-level-mtls-selector",
            "spec.portLevelMtls", "add spec.selector.matchLabels",
            p -> spec(p).setSelector(new WorkloadSelector(new HashMap<>()))),
        error("port 0", "peerauthentication.port", "spec.portLevelMtls[0]", q("0") + " is not a port number",
            p -> port(p, "0")),
        error("port 65536", "peerauthentication.port", "spec.portLevelMtls[65536]", q("65536") + " is not a port number",
            p -> port(p, "65536")),
        error("port name", "peerauthentication.port", "spec.portLevelMtls[http]", q("http") + " is not a port number",
            p -> port(p, "http")),
        error("port negative", "peerauthentication.port", "spec.portLevelMtls[-1]", q("-1"), p -> port(p, "-1")),
        error("port with sign", "peerauthentication.port", "spec.portLevelMtls[+80]", q("+80"), p -> port(p, "+80")),
        error("port empty", "peerauthentication.port", "spec.portLevelMtls[]", q(""), p -> port(p, "")),
        error("port with space", "peerauthentication.port", "spec.portLevelMtls[ 80]", q(" 80"), p -> port(p, " 80")),
        error("port huge", "peerauthentication.port", "spec.portLevelMtls[99999999999]", q("99999999999"),
            p -> port(p, "99999999999")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<PeerAuthentication> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(policy(mutation)), rule, severity, path, text);
  }

  // ================================================================= accepted near misses

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", p -> { }),
        ok("namespace-wide policy, no port-level mTLS", p -> {
          spec(p).setSelector(null);
          spec(p).setPortLevelMtls(new LinkedHashMap<>());
        }),
        ok("no mtls at all (inherits)", p -> spec(p).setMtls(null)),
        ok("mode UNSET", p -> spec(p).setMtls(new PeerAuthenticationMutualTLS(PeerAuthenticationMutualTLSMode.UNSET))),
        ok("mode DISABLE", p -> spec(p).setMtls(new PeerAuthenticationMutualTLS(PeerAuthenticationMutualTLSMode.DISABLE))),
        ok("port 1", p -> port(p, "1")),
        ok("port 65535", p -> port(p, "65535")),
        ok("port with a leading zero (parsed as decimal)", p -> port(p, "080")),
        ok("port entry without a mode", p -> spec(p).getPortLevelMtls().put("9090", new PeerAuthenticationMutualTLS())),
        ok("port entry null", p -> spec(p).getPortLevelMtls().put("9090", null)),
        ok("several ports", p -> spec(p).getPortLevelMtls().put("15021",
            new PeerAuthenticationMutualTLS(PeerAuthenticationMutualTLSMode.DISABLE))),
        ok("prefixed label key", p -> labels(p).put("app.kubernetes.io/name", "web")),
        ok("label value 63", p -> labels(p).put("app", "w".repeat(63))),
        ok("label value empty", p -> labels(p).put("tier", "")),
        ok("4096 labels", p -> {
          for (int i = 0; i < 4095; i++) {
            labels(p).put("l" + i, "v");
          }
        }),
        ok("other istio annotation", p -> annotate(p, "istio.io/rev", "canary")),
        ok("no namespace", p -> p.getMetadata().setNamespace(null)),
        ok("no spec", p -> p.setSpec(null)),
        ok("empty spec (mesh or namespace default)", p -> p.setSpec(
            new io.fabric8.istio.api.api.security.v1beta1.PeerAuthentication())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<PeerAuthentication> mutation) {
    assertClean(check(policy(mutation)));
  }

  // ================================================================= details

  @Test
  void everyRuleIdHasARejectedRow() {
    IstioPolicyTesting.assertEveryRuleIdHasARejectedRow("PeerAuthenticationRules", "peerauthentication", rejected());
  }

  @Test
  void theBaselineIsCleanThroughTheValidator() {
    assertClean(Fixtures.validate(policy()));
  }

  @Test
  void findingsComeOutOfTheValidator() {
    List<Finding> findings = Fixtures.validate(policy(p -> {
      spec(p).setSelector(null);
      spec(p).getPortLevelMtls().put("0", null);
    }));
    Finding finding = assertFinding(findings, "peerauthentication.port-level-mtls-selector", Severity.ERROR,
        "spec.portLevelMtls", "[\"0\", \"8080\"] is set");
    assertEquals("PeerAuthentication/shop/web", finding.object());
    assertTrue(finding.format().endsWith("[peerauthentication.port-level-mtls-selector]"), finding.format());
    assertFinding(findings, "peerauthentication.port", Severity.ERROR, "spec.portLevelMtls[0]", q("0"));
    assertEquals(2, findings.size(), Fixtures.describe(findings));
  }

  @Test
  void aSingleMutationReportsOnlyItsRule() {
    // each row's mutation adds findings of its own rule only, except that an empty selector also
    // leaves the port-level entries without a selector
    rejected().forEach(a -> {
      @SuppressWarnings("unchecked")
      Consumer<PeerAuthentication> mutation =
          (Consumer<PeerAuthentication>) ((org.junit.jupiter.api.Named<?>) a.get()[0]).getPayload();
      String rule = (String) a.get()[1];
      for (Finding finding : check(policy(mutation))) {
        boolean emptySelector = rule.equals("peerauthentication.selector-empty")
            || rule.equals("peerauthentication.port-level-mtls-selector");
        assertTrue(finding.rule().equals(rule) || (emptySelector && finding.rule().startsWith("peerauthentication.")),
            () -> a.get()[0] + ": " + finding.format());
      }
    });
  }

  @Test
  void theInputIsNotChanged() {
    PeerAuthentication policy = policy(p -> port(p, "http"));
    PeerAuthentication before = new PeerAuthenticationBuilder(policy).build();
    check(policy);
    assertEquals(before, policy);
  }
}
