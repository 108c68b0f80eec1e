package dev.portico.synth.validate.kubernetes;

import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.describe;
import static dev.portico.synth.validate.YamlInput.deployment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Severity;
import dev.portico.synth.validate.YamlInput;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link NetworkPolicyAnalyzers} on manifests as {@code portico validate} reads them: a policy that
 * selects no pods of the input's workloads, and routes the objects declare (an Ingress's backends
 * from its controller, node ports and load balancers from outside) that no policy admits once their
 * pods are isolated: an error in a closed scope, a warning in an open one. Each situation has its
 * near misses: the admitting rule, the right port, the right addresses.
 */
class NetworkPolicyAnalyzersTest {
  static final String WEB = deployment("web", "app: web", "http=8080", "metrics=9090");

  static final String SERVICE = """
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: shop}
      spec:
        selector: {app: web}
        ports:
        - {name: http, port: 80, targetPort: http}
      """;

  static final String INGRESS = """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: web, namespace: shop}
      spec:
        ingressClassName: nginx
        rules:
        - host: shop.example.com
          http:
            paths:
            - path: /
              pathType: Prefix
              backend:
                service: {name: web, port: {name: http}}
      """;

  static final String DENY_ALL = """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: default-deny-ingress, namespace: shop}
      spec:
        podSelector: {}
        policyTypes: [Ingress]
      """;

  /** A policy for web admitting {@code from} on {@code ports}. */
  static String admit(String from, String ports) {
    return """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: web}}
          ingress:
          - from: %s
            ports: %s
        """.formatted(from, ports);
  }

  static final String FROM_NGINX = "[{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}, "
      + "podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}}]";

  static List<Finding> denied(Scope scope, String... documents) {
    return YamlInput.of(documents).validate(scope, "networkpolicy.call-denied");
  }

  @Nested
  class SelectsNoPods {
    @Test
    void aPolicyWhosePodSelectorMatchesNoWorkloadIsAWarning() {
      List<Finding> findings = YamlInput.of(WEB, admit("[{podSelector: {matchLabels: {app: api}}}]", "[{port: 8080}]")
          .replace("{app: web}}", "{app: wbe}}")).validate(Scope.OPEN, "networkpolicy.selects-no-pods");
      Finding finding = assertFinding(findings, "networkpolicy.selects-no-pods", Severity.WARNING, "spec.podSelector",
          "selects no pods of the input's workloads in namespace \"shop\"");
      assertEquals("NetworkPolicy/shop/web", finding.object());
      assertTrue(finding.message().contains("{app=web}"), finding::format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{matchLabels: {app: web}}", "{}", "{matchExpressions: [{key: app, operator: In, values: [web, api]}]}",
        "{matchExpressions: [{key: tier, operator: DoesNotExist}]}"})
    void selectorsThatPickAWorkloadAreQuiet(String selector) {
      String policy = admit("[{podSelector: {}}]", "[{port: 8080}]").replace("podSelector: {matchLabels: {app: web}}",
          "podSelector: " + selector);
      assertEquals(List.of(), YamlInput.of(WEB, policy).validate(Scope.OPEN, "networkpolicy.selects-no-pods"));
    }

    @Test
    void withoutWorkloadsOfItsNamespaceThePodsMayLiveElsewhere() {
      String policy = admit("[{podSelector: {}}]", "[{port: 8080}]").replace("{app: web}}", "{app: wbe}}");
      assertEquals(List.of(), YamlInput.of(policy).validate(Scope.OPEN, "networkpolicy.selects-no-pods"));
      assertEquals(List.of(), YamlInput.of(WEB.replace("namespace: shop", "namespace: other"), policy)
          .validate(Scope.OPEN, "networkpolicy.selects-no-pods"));
    }
  }

  @Nested
  class IngressRoutes {
    @Test
    void anIngressIntoPodsThatADenyAllIsolatesIsDenied() {
      List<Finding> open = denied(Scope.OPEN, WEB, SERVICE, INGRESS, DENY_ALL);
      Finding finding = assertFinding(open, "networkpolicy.call-denied", Severity.WARNING, "",
          "the route of Ingress/shop/web from ingress-nginx to Service/shop/web:80 is denied: "
              + "NetworkPolicy/shop/default-deny-ingress isolates pods {app=web} of namespace shop and no ingress "
              + "rule admits ingress-nginx on http/TCP");
      assertEquals("Service/shop/web:80", finding.object());
      String text = String.join("\n---\n", List.of(WEB.strip(), SERVICE.strip(), INGRESS.strip(), DENY_ALL.strip()));
      assertTrue(text.lines().toList().get(finding.location().line() - 1).contains("backend:"),
          () -> "at the Ingress's backend: " + finding.format());
      assertFinding(denied(Scope.CLOSED, WEB, SERVICE, INGRESS, DENY_ALL), "networkpolicy.call-denied", Severity.ERROR,
          "", "is denied");
    }

    @Test
    void aRuleFromTheControllersNamespaceAndPodsAdmitsIt() {
      assertEquals(List.of(), denied(Scope.CLOSED, WEB, SERVICE, INGRESS, DENY_ALL, admit(FROM_NGINX, "[{port: http}]")));
      assertEquals(List.of(), denied(Scope.CLOSED, WEB, SERVICE, INGRESS, DENY_ALL, admit(FROM_NGINX, "[{port: 8080}]")),
          "the named target port resolves to the container's 8080");
      assertEquals(List.of(), denied(Scope.CLOSED, WEB, SERVICE, INGRESS, DENY_ALL,
          admit(FROM_NGINX, "[{port: 8000, endPort: 8100}]")), "a range around it");
      assertEquals(List.of(), denied(Scope.CLOSED, WEB, SERVICE, INGRESS, DENY_ALL, admit(FROM_NGINX, "[]")),
          "every port");
      assertEquals(List.of(), denied(Scope.CLOSED, WEB, SERVICE, INGRESS, DENY_ALL,
          admit("[{namespaceSelector: {}}]", "[{port: http}]")), "every namespace");
    }

    @Test
    void theWrongPortProtocolOrNamespaceIsStillDenied() {
      for (String policy : List.of(admit(FROM_NGINX, "[{port: 9090}]"), admit(FROM_NGINX, "[{port: http, protocol: UDP}]"),
          admit(FROM_NGINX, "[{port: metrics}]"), admit(FROM_NGINX.replace("name: ingress-nginx}", "name: nginx}"), "[]"),
          admit("[{podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}}]", "[]"))) {
        assertFinding(denied(Scope.CLOSED, WEB, SERVICE, INGRESS, DENY_ALL, policy), "networkpolicy.call-denied",
            Severity.ERROR, "", "is denied");
      }
    }

    @Test
    void aNamespaceLabelTheInputDoesNotShowLeavesTheAnswerOpen() {
      String byTeam = admit("[{namespaceSelector: {matchLabels: {team: infra}}}]", "[]");
      assertEquals(List.of(), denied(Scope.OPEN, WEB, SERVICE, INGRESS, DENY_ALL, byTeam));
      String namespace = """
          apiVersion: v1
          kind: Namespace
          metadata: {name: ingress-nginx, labels: {team: web}}
          """;
      assertFinding(denied(Scope.OPEN, WEB, SERVICE, INGRESS, DENY_ALL, byTeam, namespace), "networkpolicy.call-denied",
          Severity.WARNING, "", "is denied");
      assertEquals(List.of(), denied(Scope.OPEN, WEB, SERVICE, INGRESS, DENY_ALL, byTeam,
          namespace.replace("team: web", "team: infra")));
    }

    @Test
    void aPolicyOfEgressOnlyOrOfOtherPodsIsolatesNothingHere() {
      String egressOnly = DENY_ALL.replace("[Ingress]", "[Egress]");
      assertEquals(List.of(), denied(Scope.CLOSED, WEB, SERVICE, INGRESS, egressOnly));
      String otherPods = DENY_ALL.replace("podSelector: {}", "podSelector: {matchLabels: {app: api}}");
      assertEquals(List.of(), denied(Scope.CLOSED, WEB, SERVICE, INGRESS, otherPods));
    }

    @Test
    void aControllerOfAnUnknownClassIsDeniedOnlyWhenNothingCouldAdmitIt() {
      String traefik = INGRESS.replace("nginx", "traefik");
      assertFinding(denied(Scope.OPEN, WEB, SERVICE, traefik, DENY_ALL), "networkpolicy.call-denied", Severity.WARNING,
          "", "no ingress rule admits the controller of IngressClass traefik");
      assertEquals(List.of(), denied(Scope.OPEN, WEB, SERVICE, traefik, DENY_ALL,
          admit("[{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: traefik}}}]", "[]")),
          "a rule that may be the controller's: the input does not say where it runs");
    }
  }

  @Nested
  class FromOutside {
    static final String NODE_PORT = SERVICE.replace("spec:", "spec:\n  type: NodePort");
    static final String LOAD_BALANCER = SERVICE.replace("spec:",
        "spec:\n  type: LoadBalancer\n  loadBalancerSourceRanges: [203.0.113.0/24]");

    @Test
    void aNodePortIntoIsolatedPodsNeedsEveryAddress() {
      assertFinding(denied(Scope.CLOSED, WEB, NODE_PORT, DENY_ALL), "networkpolicy.call-denied", Severity.ERROR, "",
          "the node port of Service/shop/web from anywhere (node ports) to Service/shop/web:80 is denied");
      assertEquals(List.of(), denied(Scope.CLOSED, WEB, NODE_PORT, DENY_ALL,
          admit("[{ipBlock: {cidr: 0.0.0.0/0}}]", "[{port: http}]")));
      assertFinding(denied(Scope.CLOSED, WEB, NODE_PORT, DENY_ALL,
          admit("[{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]", "[{port: http}]")),
          "networkpolicy.call-denied", Severity.ERROR, "", "is denied");
    }

    @Test
    void aLoadBalancerNeedsItsSourceRanges() {
      assertFinding(denied(Scope.CLOSED, WEB, LOAD_BALANCER, DENY_ALL,
          admit("[{ipBlock: {cidr: 198.51.100.0/24}}]", "[{port: http}]")), "networkpolicy.call-denied",
          Severity.ERROR, "", "load balancer clients 203.0.113.0/24");
      assertEquals(List.of(), denied(Scope.CLOSED, WEB, LOAD_BALANCER, DENY_ALL,
          admit("[{ipBlock: {cidr: 203.0.0.0/16}}]", "[{port: http}]")));
    }

    @Test
    void podSelectorsNeverAdmitAddresses() {
      List<Finding> findings = denied(Scope.CLOSED, WEB, NODE_PORT, DENY_ALL,
          admit("[{namespaceSelector: {}}]", "[{port: http}]"));
      assertTrue(findings.size() == 1, () -> describe(findings));
    }
  }
}
