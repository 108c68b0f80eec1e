package dev.portico.synth.validate.istio;

import static dev.portico.synth.validate.Fixtures.assertFinding;
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

/**
 * {@link MeshBoundaryAnalyzers} on manifests as {@code portico validate} reads them, the situations of
 * issue 11 and their near misses: STRICT mutual TLS on pods that an ingress-nginx Ingress, a Gateway
 * of a non-Istio GatewayClass or a NodePort Service reaches from outside the mesh; a Namespace with
 * Istio resources but no sidecar injection; a route that the target's AuthorizationPolicies deny.
 */
class MeshBoundaryAnalyzersTest {
  static final String WEB = deployment("web", "app: web", "http=8080");

  static final String SERVICE = """
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: shop}
      spec:
        selector: {app: web}
        ports:
        - {name: http, port: 80, targetPort: http}
      """;

  static final String STRICT = """
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: default, namespace: shop}
      spec:
        mtls: {mode: STRICT}
      """;

  static final String WEB_PERMISSIVE = """
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: web, namespace: shop}
      spec:
        selector: {matchLabels: {app: web}}
        mtls: {mode: PERMISSIVE}
      """;

  static String ingress(String className) {
    return """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: web, namespace: shop}
        spec:
          ingressClassName: %s
          rules:
          - host: shop.example.com
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
        """.formatted(className);
  }

  static String gateway(String className) {
    return """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: public, namespace: shop}
        spec:
          gatewayClassName: %s
          listeners:
          - {name: http, port: 80, protocol: HTTP}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: shop}
        spec:
          parentRefs:
          - {name: public}
          rules:
          - backendRefs:
            - {name: web, port: 80}
        """.formatted(className);
  }

  static List<Finding> findings(String rule, String... documents) {
    return YamlInput.of(documents).validate(Scope.OPEN, rule);
  }

  @Nested
  class StrictMtlsFromOutside {
    static final String RULE = "mesh.mtls-outside-traffic";

    @Test
    void anIngressNginxBackendUnderStrictMtlsIsAWarningAtThePeerAuthentication() {
      List<Finding> found = findings(RULE, WEB, SERVICE, STRICT, ingress("nginx"));
      Finding finding = assertFinding(found, RULE, Severity.WARNING, "spec.mtls.mode",
          "STRICT mutual TLS rejects the plain-text requests that Ingress/shop/web (through ingress-nginx) sends to "
              + "Service/shop/web:80 from outside the mesh");
      assertEquals("PeerAuthentication/shop/default", finding.object());
      // validate's advice names YAML (a stack's names HttpTarget.istioGateway())
      assertTrue(finding.message().contains("an Istio Gateway with a VirtualService")
          && finding.message().contains("PERMISSIVE"), finding::format);
      assertEquals(1, found.size());
    }

    @Test
    void anIngressOfAnyOtherNonIstioClassToo() {
      assertFinding(findings(RULE, WEB, SERVICE, STRICT, ingress("traefik")), RULE, Severity.WARNING, "spec.mtls.mode",
          "the controller of IngressClass traefik");
    }

    @Test
    void aGatewayOfANonIstioClass() {
      assertFinding(findings(RULE, WEB, SERVICE, STRICT, gateway("eg")), RULE, Severity.WARNING, "spec.mtls.mode",
          "HTTPRoute/shop/web (through Envoy Gateway's proxies for Gateway shop/public)");
    }

    @Test
    void aNodePortOrLoadBalancerSelectingThePods() {
      assertFinding(findings(RULE, WEB, SERVICE.replace("spec:", "spec:\n  type: NodePort"), STRICT), RULE,
          Severity.WARNING, "spec.mtls.mode", "the node port of Service/shop/web");
      assertFinding(findings(RULE, WEB, SERVICE.replace("spec:", "spec:\n  type: LoadBalancer"), STRICT), RULE,
          Severity.WARNING, "spec.mtls.mode", "the load balancer of Service/shop/web");
    }

    @Test
    void anAppLevelStrictModeIsReportedWhereItIsSet() {
      String webStrict = WEB_PERMISSIVE.replace("PERMISSIVE", "STRICT");
      Finding finding = assertFinding(findings(RULE, WEB, SERVICE, webStrict, ingress("nginx")), RULE, Severity.WARNING,
          "spec.mtls.mode", "STRICT");
      assertEquals("PeerAuthentication/shop/web", finding.object());
    }

    @Test
    void nearMisses() {
      assertEquals(List.of(), findings(RULE, WEB, SERVICE, STRICT, ingress("istio")), "Istio's own ingress class");
      assertEquals(List.of(), findings(RULE, WEB, SERVICE, STRICT, gateway("istio")), "Istio's GatewayClass");
      assertEquals(List.of(), findings(RULE, WEB, SERVICE, STRICT, WEB_PERMISSIVE, ingress("nginx")),
          "the pods are PERMISSIVE");
      assertEquals(List.of(), findings(RULE, WEB, SERVICE, STRICT.replace("STRICT", "PERMISSIVE"), ingress("nginx")));
      assertEquals(List.of(), findings(RULE, WEB, SERVICE, STRICT), "a ClusterIP Service is reached from inside");
      String portLevel = """
          apiVersion: security.istio.io/v1
          kind: PeerAuthentication
          metadata: {name: web, namespace: shop}
          spec:
            selector: {matchLabels: {app: web}}
            portLevelMtls:
              "8080": {mode: PERMISSIVE}
          """;
      assertEquals(List.of(), findings(RULE, WEB, SERVICE, STRICT, portLevel, ingress("nginx")),
          "the port the Ingress reaches is PERMISSIVE");
    }
  }

  @Nested
  class NamespaceInjection {
    static final String RULE = "mesh.namespace-injection";
    static final String VIRTUAL_SERVICE = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: shop}
        spec:
          hosts: [web]
          http:
          - route:
            - destination: {host: web}
        """;

    static String namespace(String labels) {
      return """
          apiVersion: v1
          kind: Namespace
          metadata: {name: shop, labels: {%s}}
          """.formatted(labels);
    }

    @Test
    void aMeshNamespaceWithoutInjectionIsAWarning() {
      Finding finding = assertFinding(findings(RULE, namespace("team: web"), SERVICE, VIRTUAL_SERVICE), RULE,
          Severity.WARNING, "metadata.labels", "no label turns on sidecar injection");
      assertEquals("Namespace/shop", finding.object());
      assertTrue(finding.message().contains("istio-injection: enabled"), finding::format);
      assertFinding(findings(RULE, namespace("istio-injection: disabled"), SERVICE, VIRTUAL_SERVICE), RULE,
          Severity.WARNING, "metadata.labels", "its label istio-injection is \"disabled\"");
      assertFinding(findings(RULE, namespace("istio-injection: disabled, istio.io/rev: canary"), SERVICE,
          VIRTUAL_SERVICE), RULE, Severity.WARNING, "metadata.labels", "\"disabled\"");
    }

    @Test
    void nearMisses() {
      assertEquals(List.of(), findings(RULE, namespace("istio-injection: enabled"), SERVICE, VIRTUAL_SERVICE));
      assertEquals(List.of(), findings(RULE, namespace("istio.io/rev: 1-28"), SERVICE, VIRTUAL_SERVICE));
      assertEquals(List.of(), findings(RULE, namespace("team: web"), SERVICE), "no Istio resources: no mesh");
      assertEquals(List.of(), findings(RULE, namespace("team: web").replace("shop", "other"), SERVICE,
          VIRTUAL_SERVICE), "the mesh is another namespace's");
    }
  }

  @Nested
  class AuthorizationDenies {
    static final String RULE = "authorizationpolicy.call-denied";
    static final String ALLOW_API = """
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          action: ALLOW
          rules:
          - from:
            - source: {principals: [cluster.local/ns/shop/sa/api]}
        """;
    static final String ISTIO_GATEWAY = """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: shop}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: [shop.example.com]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: edge, namespace: shop}
        spec:
          hosts: [shop.example.com]
          gateways: [edge]
          http:
          - route:
            - destination: {host: web, port: {number: 80}}
        """;

    @Test
    void aRouteWithoutAPrincipalThatAnAllowPolicyNeedsIsDenied() {
      Finding finding = assertFinding(findings(RULE, WEB, SERVICE, ALLOW_API, ingress("nginx")), RULE,
          Severity.WARNING, "", "no rule of AuthorizationPolicy/shop/web admits requests without a mesh identity");
      assertTrue(finding.message().contains("carry no principal"), finding::format);
      List<Finding> closed = YamlInput.of(WEB, SERVICE, ALLOW_API, ingress("nginx")).validate(Scope.CLOSED, RULE);
      assertEquals(Severity.ERROR, closed.get(0).severity());
    }

    @Test
    void theIngressGatewaysPrincipalIsDeniedUntilAdmitted() {
      assertFinding(findings(RULE, WEB, SERVICE, ALLOW_API, ISTIO_GATEWAY), RULE, Severity.WARNING, "",
          "principal cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account");
      String admitted = ALLOW_API.replace("[cluster.local/ns/shop/sa/api]",
          "[cluster.local/ns/shop/sa/api, cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account]");
      assertEquals(List.of(), findings(RULE, WEB, SERVICE, admitted, ISTIO_GATEWAY));
      assertEquals(List.of(), findings(RULE, WEB, SERVICE, ALLOW_API.replace("principals: [cluster.local/ns/shop/sa/api]",
          "namespaces: [istio-system]"), ISTIO_GATEWAY), "by the principal's namespace");
      assertEquals(List.of(), findings(RULE, WEB, SERVICE, ALLOW_API.replace("cluster.local/ns/shop/sa/api",
          "cluster.local/ns/istio-system/*"), ISTIO_GATEWAY), "by a prefix");
    }

    @Test
    void aDenyRuleDeniesAndRequestAttributesLeaveTheAnswerOpen() {
      String deny = """
          apiVersion: security.istio.io/v1
          kind: AuthorizationPolicy
          metadata: {name: no-gateway, namespace: shop}
          spec:
            action: DENY
            rules:
            - from:
              - source: {namespaces: [istio-system]}
          """;
      assertFinding(findings(RULE, WEB, SERVICE, deny, ISTIO_GATEWAY), RULE, Severity.WARNING, "",
          "AuthorizationPolicy/shop/no-gateway denies the Istio ingress gateway");
      assertEquals(List.of(), findings(RULE, WEB, SERVICE, deny.replace("source: {namespaces: [istio-system]}",
          "source: {namespaces: [istio-system]}\n        to:\n        - operation: {methods: [DELETE]}"), ISTIO_GATEWAY),
          "a DELETE-only deny may or may not match: no finding");
      assertEquals(List.of(), findings(RULE, WEB, SERVICE, ISTIO_GATEWAY), "no policy: admitted");
    }
  }
}
