package dev.portico.synth.validate.gatewayapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.read.ManifestReader;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Validator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plain YAML of every Gateway API v1.5 standard kind (and IngressClass), as the guides in
 * kubernetes-sigs/gateway-api {@code examples/standard/} write them, read the way {@code portico validate}
 * reads files: the schema check (field names and types of the fabric8 model) accepts it, the rules and
 * analyzers find no error, and no kind is reported {@code validate.not-checked}.
 */
class GatewayApiManifestsTest {

  /** What {@code portico validate -} reports for {@code yaml} on standard input. */
  static List<Finding> validate(String yaml) throws Exception {
    ManifestReader.Input input = ManifestReader.read(List.of("-"),
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    List<Finding> findings = new ArrayList<>(input.findings());
    findings.addAll(Validator.validate(input.resources(), input.podSets(), Scope.OPEN));
    return findings;
  }

  static Stream<Arguments> upstreamExamples() {
    return Stream.of(
        Arguments.of("GatewayClass", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata:
              name: example-class
            spec:
              controllerName: example.com/gateway-controller
              description: Gateways of the example controller
            """),
        Arguments.of("Gateway with addresses, allowedListeners and client certificate validation", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: example-gateway
              namespace: infra
            spec:
              gatewayClassName: example-class
              addresses:
              - type: IPAddress
                value: 192.0.2.20
              allowedListeners:
                namespaces:
                  from: All
              tls:
                frontend:
                  default:
                    validation:
                      caCertificateRefs:
                      - group: ""
                        kind: ConfigMap
                        name: client-ca
              listeners:
              - name: https
                protocol: HTTPS
                port: 443
                hostname: "*.example.com"
                tls:
                  mode: Terminate
                  certificateRefs:
                  - kind: Secret
                    name: wildcard-example-com
              - name: tls
                protocol: TLS
                port: 8443
                tls:
                  mode: Passthrough
            """),
        Arguments.of("HTTPRoute with a 307 redirect (standard since v1.4)", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: method-preserving-redirect
            spec:
              parentRefs:
              - name: redirect-gateway
              hostnames:
              - api.example.com
              rules:
              - matches:
                - path:
                    type: PathPrefix
                    value: /api/v1
                filters:
                - type: RequestRedirect
                  requestRedirect:
                    path:
                      type: ReplaceFullPath
                      replaceFullPath: /api/v2
                    statusCode: 307
            """),
        Arguments.of("HTTPRoute with a CORS filter (standard since v1.5)", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: cors
            spec:
              parentRefs:
              - name: example-gateway
              rules:
              - name: api
                filters:
                - type: CORS
                  cors:
                    allowOrigins:
                    - https://app.example.com
                    - https://*.example.org:8443
                    allowMethods: [GET, POST]
                    allowHeaders: [authorization]
                    exposeHeaders: [x-request-id]
                    allowCredentials: true
                    maxAge: 3600
                backendRefs:
                - name: api
                  port: 8080
            """),
        Arguments.of("GRPCRoute", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata:
              name: foo-route
            spec:
              parentRefs:
              - name: example-gateway
              hostnames:
              - "foo.example.com"
              rules:
              - matches:
                - method:
                    service: com.example.User
                    method: Login
                  headers:
                  - name: x-tenant
                    value: blue
                backendRefs:
                - name: foo-svc
                  port: 50051
              - matches:
                - method:
                    type: RegularExpression
                    service: com\\.example\\..*
                filters:
                - type: RequestHeaderModifier
                  requestHeaderModifier:
                    add:
                    - name: x-grpc
                      value: "true"
                backendRefs:
                - name: foo-svc-canary
                  port: 50051
                  weight: 10
            """),
        Arguments.of("TLSRoute v1", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: TLSRoute
            metadata:
              name: example-route
            spec:
              parentRefs:
              - name: example-gateway
                sectionName: tls
              hostnames:
              - "example.com"
              rules:
              - backendRefs:
                - name: example-svc
                  port: 443
            """),
        Arguments.of("ListenerSet", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: ListenerSet
            metadata:
              name: team-a
              namespace: team-a
            spec:
              parentRef:
                name: example-gateway
                namespace: infra
              listeners:
              - name: https-team-a
                protocol: HTTPS
                port: 443
                hostname: team-a.example.net
                tls:
                  certificateRefs:
                  - name: team-a-cert
                allowedRoutes:
                  namespaces:
                    from: Same
            """),
        Arguments.of("ReferenceGrant v1beta1, as the guides still write it", """
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata:
              name: allow-prod-traffic
            spec:
              from:
              - group: gateway.networking.k8s.io
                kind: HTTPRoute
                namespace: prod
              to:
              - group: ""
                kind: Service
            """),
        Arguments.of("ReferenceGrant v1 (since v1.5)", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: ReferenceGrant
            metadata:
              name: allow-gateway-certs
              namespace: certs
            spec:
              from:
              - group: gateway.networking.k8s.io
                kind: Gateway
                namespace: infra
              to:
              - group: ""
                kind: Secret
                name: wildcard-example-com
            """),
        Arguments.of("BackendTLSPolicy", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: BackendTLSPolicy
            metadata:
              name: tls-upstream-auth
            spec:
              targetRefs:
              - kind: Service
                name: auth
                group: ""
                sectionName: https
              validation:
                caCertificateRefs:
                - kind: ConfigMap
                  name: auth-cert
                  group: ""
                hostname: auth.example.com
                subjectAltNames:
                - type: Hostname
                  hostname: auth.example.com
            """),
        Arguments.of("BackendTLSPolicy with the system CAs", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: BackendTLSPolicy
            metadata:
              name: tls-upstream-dev
            spec:
              targetRefs:
              - kind: Service
                name: dev
                group: ""
              validation:
                wellKnownCACertificates: System
                hostname: dev.example.com
            """),
        Arguments.of("IngressClass", """
            apiVersion: networking.k8s.io/v1
            kind: IngressClass
            metadata:
              name: external-lb
              annotations:
                ingressclass.kubernetes.io/is-default-class: "true"
            spec:
              controller: example.com/ingress-controller
              parameters:
                apiGroup: k8s.example.com
                kind: IngressParameters
                name: external-lb
                scope: Namespace
                namespace: external-configuration
            """),
        Arguments.of("v1beta1 GatewayClass, Gateway and HTTPRoute (served by v1.5 with v1's schema)", """
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: GatewayClass
            metadata:
              name: legacy
            spec:
              controllerName: example.com/gateway-controller
            ---
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: Gateway
            metadata:
              name: legacy
            spec:
              gatewayClassName: legacy
              listeners:
              - name: http
                protocol: HTTP
                port: 80
            ---
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: HTTPRoute
            metadata:
              name: legacy
            spec:
              parentRefs:
              - name: legacy
              rules:
              - backendRefs:
                - name: legacy
                  port: 80
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void upstreamExamples(String name, String yaml) throws Exception {
    List<Finding> findings = validate(yaml);
    assertTrue(findings.stream().noneMatch(Finding::isError), () -> "errors:" + Fixtures.describe(findings));
    assertTrue(findings.stream().noneMatch(f -> f.rule().equals("validate.not-checked")),
        () -> "not checked:" + Fixtures.describe(findings));
  }

  /**
   * A networking folder of one cluster, every kind referring to the others: the class, a shared Gateway
   * in infra admitting ListenerSets, a team's ListenerSet and route, a route into another namespace with
   * its ReferenceGrant, a certificate in another namespace with its grant, gRPC and TLS routes, a
   * BackendTLSPolicy and an Ingress of an IngressClass. All is well, so nothing is reported.
   */
  static final String REPOSITORY = """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GatewayClass
      metadata:
        name: eg
      spec:
        controllerName: gateway.envoyproxy.io/gatewayclass-controller
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata:
        name: shared
        namespace: infra
      spec:
        gatewayClassName: eg
        allowedListeners:
          namespaces:
            from: All
        listeners:
        - name: https
          protocol: HTTPS
          port: 443
          hostname: shop.example.com
          allowedRoutes:
            namespaces:
              from: All
          tls:
            certificateRefs:
            - name: shop-example-com
              namespace: certs
        - name: grpc
          protocol: HTTPS
          port: 443
          hostname: grpc.example.com
          allowedRoutes:
            namespaces:
              from: All
          tls:
            certificateRefs:
            - name: grpc-example-com
              namespace: certs
        - name: tls
          protocol: TLS
          port: 8443
          hostname: db.example.com
          allowedRoutes:
            namespaces:
              from: All
          tls:
            mode: Passthrough
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: ReferenceGrant
      metadata:
        name: gateway-certificates
        namespace: certs
      spec:
        from:
        - group: gateway.networking.k8s.io
          kind: Gateway
          namespace: infra
        to:
        - group: ""
          kind: Secret
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: ListenerSet
      metadata:
        name: team
        namespace: team
      spec:
        parentRef:
          name: shared
          namespace: infra
        listeners:
        - name: https-team
          protocol: HTTPS
          port: 443
          hostname: team.example.com
          tls:
            certificateRefs:
            - name: team-example-com
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata:
        name: team-app
        namespace: team
      spec:
        parentRefs:
        - group: gateway.networking.k8s.io
          kind: ListenerSet
          name: team
          sectionName: https-team
        hostnames:
        - team.example.com
        rules:
        - backendRefs:
          - name: team-app
            port: 8080
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata:
        name: storefront
        namespace: store
      spec:
        parentRefs:
        - name: shared
          namespace: infra
          sectionName: https
        hostnames:
        - shop.example.com
        rules:
        - matches:
          - path:
              type: PathPrefix
              value: /old
          filters:
          - type: RequestRedirect
            requestRedirect:
              path:
                type: ReplacePrefixMatch
                replacePrefixMatch: /new
              statusCode: 308
        - backendRefs:
          - name: web
            namespace: shop
            port: 80
      ---
      apiVersion: gateway.networking.k8s.io/v1beta1
      kind: ReferenceGrant
      metadata:
        name: store-routes
        namespace: shop
      spec:
        from:
        - group: gateway.networking.k8s.io
          kind: HTTPRoute
          namespace: store
        to:
        - group: ""
          kind: Service
          name: web
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: cart
        namespace: shop
      spec:
        parentRefs:
        - name: shared
          namespace: infra
          sectionName: grpc
        hostnames:
        - grpc.example.com
        rules:
        - matches:
          - method:
              service: shop.v1.Cart
          backendRefs:
          - name: cart
            port: 9090
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: TLSRoute
      metadata:
        name: db
        namespace: data
      spec:
        parentRefs:
        - name: shared
          namespace: infra
          sectionName: tls
        hostnames:
        - db.example.com
        rules:
        - backendRefs:
          - name: db
            port: 5432
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: BackendTLSPolicy
      metadata:
        name: web
        namespace: shop
      spec:
        targetRefs:
        - group: ""
          kind: Service
          name: web
        validation:
          hostname: web.shop.svc.cluster.local
          wellKnownCACertificates: System
      ---
      apiVersion: networking.k8s.io/v1
      kind: IngressClass
      metadata:
        name: nginx
      spec:
        controller: k8s.io/ingress-nginx
      ---
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: legacy
        namespace: shop
      spec:
        ingressClassName: nginx
        tls:
        - hosts: [legacy.example.com]
          secretName: legacy-example-com
        rules:
        - host: legacy.example.com
          http:
            paths:
            - path: /
              pathType: Prefix
              backend:
                service:
                  name: web
                  port:
                    number: 80
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web
        namespace: shop
      spec:
        selector:
          app: web
        ports:
        - name: http
          port: 80
          targetPort: 8080
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: cart
        namespace: shop
      spec:
        selector:
          app: cart
        ports:
        - name: grpc
          port: 9090
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: team-app
        namespace: team
      spec:
        selector:
          app: team-app
        ports:
        - name: http
          port: 8080
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: db
        namespace: data
      spec:
        selector:
          app: db
        ports:
        - name: postgres
          port: 5432
      """;

  @Test
  void versionsTheCrdsListButDoNotServeAreErrorsNotUnchecked() throws Exception {
    List<Finding> findings = validate("""
        apiVersion: gateway.networking.k8s.io/v1alpha2
        kind: TLSRoute
        metadata:
          name: old
        spec:
          hostnames: [db.example.com]
          rules:
          - backendRefs:
            - name: db
              port: 5432
        ---
        apiVersion: gateway.networking.k8s.io/v1alpha3
        kind: BackendTLSPolicy
        metadata:
          name: old
        spec:
          targetRefs:
          - {group: "", kind: Service, name: db}
          validation:
            hostname: db.example.com
            wellKnownCACertificates: System
        """);
    assertEquals(List.of("<stdin>:1 tlsroute.api-version", "<stdin>:12 backendtlspolicy.api-version"),
        findings.stream().filter(Finding::isError).map(f -> f.location() + " " + f.rule()).toList(),
        Fixtures.describe(findings));
  }

  @Test
  void aRepositoryOfEveryKindIsClean() throws Exception {
    List<Finding> findings = validate(REPOSITORY);
    assertEquals(List.of(), findings, Fixtures.describe(findings));
  }

  @Test
  void theSameRepositoryWithoutItsGrantsAndClassesIsReported() throws Exception {
    String broken = REPOSITORY
        .replace("name: gateway-certificates\n  namespace: certs", "name: gateway-certificates\n  namespace: infra")
        .replace("kind: HTTPRoute\n    namespace: store", "kind: HTTPRoute\n    namespace: checkout")
        .replace("ingressClassName: nginx", "ingressClassName: nginx-internal")
        .replace("gatewayClassName: eg", "gatewayClassName: envoy")
        .replace("  allowedListeners:\n    namespaces:\n      from: All\n", "")
        .replace("sectionName: https-team", "sectionName: https");
    List<String> rules = validate(broken).stream().map(f -> f.object() + " " + f.rule() + " " + f.severity()).sorted()
        .toList();
    assertEquals(List.of(
        "Gateway/infra/shared http.gateway-class WARNING",
        "Gateway/infra/shared http.reference-not-permitted WARNING",
        "Gateway/infra/shared http.reference-not-permitted WARNING",
        "HTTPRoute/store/storefront http.reference-not-permitted WARNING",
        "HTTPRoute/team/team-app http.parent-listener ERROR",
        "Ingress/shop/legacy http.ingress-class WARNING",
        "ListenerSet/team/team http.listener-set-not-allowed ERROR"), rules);
  }
}
