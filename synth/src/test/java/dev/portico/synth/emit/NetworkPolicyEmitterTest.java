package dev.portico.synth.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.portico.dsl.App;
import dev.portico.dsl.ClusterDns;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.IpFamily;
import dev.portico.dsl.IpFamilyPolicy;
import dev.portico.dsl.Mesh;
import dev.portico.dsl.MtlsMode;
import dev.portico.dsl.Peer;
import dev.portico.dsl.Port;
import dev.portico.dsl.Service;
import dev.portico.dsl.ServicePort;
import dev.portico.dsl.ServiceType;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.Subset;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.render.YamlRenderer;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Severity;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Who may call whom, from the DSL to NetworkPolicies (and AuthorizationPolicies in a mesh), through
 * {@link Synthesizer#synthesize}: the shop of issue 11 byte for byte, default deny, isolation by
 * {@code allow} alone, exposure sources (defaults and {@code from}), node ports and load balancers,
 * restricted egress with DNS, istiod and outside hosts by address; and the findings of what cannot be
 * admitted, at the user's line.
 */
class NetworkPolicyEmitterTest {
  static final String FILE = "NetworkPolicyEmitterTest.java";
  static final Port HTTP = Port.http(8080);
  static final Port GRPC = Port.grpc(9090);

  static int here() {
    return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst().orElseThrow()).getLineNumber();
  }

  /** A stack named {@code name} in namespace shop, defined by {@code body}. */
  record Def(String name, Consumer<Stack> body) implements StackDefinition {
    @Override
    public String namespace() {
      return "shop";
    }

    @Override
    public void define(Stack stack) {
      body.accept(stack);
    }
  }

  record Result(Synthesis synthesis) {
    List<Resource> resources() {
      return synthesis.outputs().stream().flatMap(o -> o.resources().stream()).toList();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
      return resources().stream().map(Resource::object).filter(type::isInstance).map(type::cast)
          .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
          .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " among " + names()));
    }

    String yaml(Class<? extends HasMetadata> type, String name) {
      return YamlRenderer.render(get(type, name));
    }

    List<String> names(Class<? extends HasMetadata> type) {
      return resources().stream().map(Resource::object).filter(type::isInstance)
          .map(o -> o.getMetadata().getName()).toList();
    }

    List<String> names() {
      return resources().stream().map(r -> r.object().getKind() + "/" + r.object().getMetadata().getName()).toList();
    }

    List<Finding> findings(String rule) {
      return synthesis.findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    /** No findings, but for the plain-HTTP hosts these small stacks have on purpose. */
    void assertNoFindings() {
      assertEquals("", synthesis.findings().stream().filter(f -> !f.rule().equals("http.host-without-tls"))
          .map(Finding::format).collect(Collectors.joining("\n")));
    }

    Finding finding(String rule) {
      List<Finding> found = findings(rule);
      if (found.size() != 1) {
        fail("expected one [" + rule + "], got:\n" + synthesis.findings().stream().map(Finding::format)
            .collect(Collectors.joining("\n")));
      }
      return found.get(0);
    }
  }

  static Result synth(Consumer<Stack> body) {
    return synth(new Def("shop", body));
  }

  static Result synth(StackDefinition... stacks) {
    return new Result(Synthesizer.synthesize(List.of(stacks), List.of(), Map.of()));
  }

  // ============================================================================ the shop of issue 11

  /** web, reached through the Istio ingress gateway, calls orders (http and grpc, versions v1 and v2). */
  static void shop(Stack stack) {
    App web = stack.app("web", HTTP);
    App orders = stack.app("orders", a -> a.ports(HTTP, GRPC).versions("v1", "v2"));
    Service webService = stack.service("web", web, s -> s.port(80, HTTP));
    Service ordersService = stack.service("orders", orders, s -> s.port(8080, HTTP).port(9090, GRPC));
    stack.httpTarget(HttpTarget.istioGateway());
    stack.http("shop", site -> site.host("shop.example.com", host -> host.path("/", webService)));
    stack.denyByDefault();
    stack.allow(web).toCall(ordersService);
    Mesh mesh = stack.mesh();
    Subset v1 = mesh.subset(ordersService, "v1");
    Subset v2 = mesh.subset(ordersService, "v2");
    mesh.route(ordersService, HTTP, r -> r.to(v1, 90).to(v2, 10));
    mesh.mtls(MtlsMode.STRICT);
  }

  @Nested
  class TheShop {
    @Test
    void ordersAdmitsWebOnBothPortsAndNothingElse() {
      Result r = synth(NetworkPolicyEmitterTest::shop);
      r.assertNoFindings();
      assertEquals(List.of("default-deny-ingress", "orders", "web"), r.names(NetworkPolicy.class).stream().sorted()
          .toList());
      assertEquals("""
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata:
            name: default-deny-ingress
            namespace: shop
          spec:
            podSelector: {}
            policyTypes:
            - Ingress
          """, r.yaml(NetworkPolicy.class, "default-deny-ingress"));
      assertEquals("""
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata:
            name: orders
            namespace: shop
          spec:
            ingress:
            - from:
              - podSelector:
                  matchLabels:
                    app.kubernetes.io/name: web
              ports:
              - port: http
                protocol: TCP
              - port: grpc
                protocol: TCP
            podSelector:
              matchLabels:
                app.kubernetes.io/name: orders
            policyTypes:
            - Ingress
          """, r.yaml(NetworkPolicy.class, "orders"), "every version of orders, on the ports its Service targets");
      assertEquals("""
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata:
            name: web
            namespace: shop
          spec:
            ingress:
            - from:
              - namespaceSelector:
                  matchLabels:
                    kubernetes.io/metadata.name: istio-system
                podSelector:
                  matchLabels:
                    istio: ingressgateway
              ports:
              - port: http
                protocol: TCP
            podSelector:
              matchLabels:
                app.kubernetes.io/name: web
            policyTypes:
            - Ingress
          """, r.yaml(NetworkPolicy.class, "web"), "the Istio ingress gateway, by its namespace and pods");
    }

    @Test
    void theSameDeclarationRendersTheAuthorizationPolicies() {
      Result r = synth(NetworkPolicyEmitterTest::shop);
      assertEquals(List.of("allow-nothing", "orders", "web"), r.names(AuthorizationPolicy.class).stream().sorted()
          .toList());
      assertTrue(r.yaml(AuthorizationPolicy.class, "orders").contains("- cluster.local/ns/shop/sa/web\n"),
          r.yaml(AuthorizationPolicy.class, "orders"));
      assertTrue(r.yaml(AuthorizationPolicy.class, "web").contains(
          "- cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account\n"));
    }
  }

  // ============================================================================ isolation

  @Nested
  class Isolation {
    @Test
    void aStackThatDeclaresNothingAboutCallsGetsNoPolicy() {
      Result r = synth(stack -> {
        App web = stack.app("web", HTTP);
        Service service = stack.service("web", web, s -> s.type(ServiceType.nodePort()).port(80, HTTP));
        stack.httpTarget(HttpTarget.ingress("nginx"));
        stack.http("site", site -> site.host("shop.example.com", host -> host.path("/", service)));
      });
      r.assertNoFindings();
      assertEquals(List.of(), r.names(NetworkPolicy.class));
    }

    @Test
    void allowAloneIsolatesTheCalleeAndAdmitsItsOwnRoutesToo() {
      Result r = synth(stack -> {
        App web = stack.app("web", HTTP);
        App orders = stack.app("orders", HTTP, GRPC);
        Service ordersService = stack.service("orders", orders, s -> s.port(80, HTTP).port(9090, GRPC));
        stack.service("orders-nodeport", orders, s -> s.type(ServiceType.nodePort())
            .port(ServicePort.of(8080, HTTP).nodePort(30080)));
        stack.httpTarget(HttpTarget.ingress("nginx"));
        stack.http("site", site -> site.host("shop.example.com", host -> host.path("/", ordersService, HTTP)));
        stack.allow(web).toCall(ordersService);
      });
      r.assertNoFindings();
      assertEquals(List.of("orders"), r.names(NetworkPolicy.class), "web is not isolated, nor is the namespace");
      assertEquals("""
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata:
            name: orders
            namespace: shop
          spec:
            ingress:
            - from:
              - podSelector:
                  matchLabels:
                    app.kubernetes.io/name: web
              ports:
              - port: http
                protocol: TCP
              - port: grpc
                protocol: TCP
            - from:
              - namespaceSelector:
                  matchLabels:
                    kubernetes.io/metadata.name: ingress-nginx
                podSelector:
                  matchLabels:
                    app.kubernetes.io/component: controller
                    app.kubernetes.io/name: ingress-nginx
              - ipBlock:
                  cidr: 0.0.0.0/0
              ports:
              - port: http
                protocol: TCP
            podSelector:
              matchLabels:
                app.kubernetes.io/name: orders
            policyTypes:
            - Ingress
          """, r.yaml(NetworkPolicy.class, "orders"), "calls on the same ports share a rule");
    }

    @Test
    void loadBalancersAreAdmittedFromTheirSourceRangesAndDualStackFromBothFamilies() {
      Result r = synth(stack -> {
        App web = stack.app("web", HTTP);
        stack.service("public", web, s -> s.type(ServiceType.loadBalancer().sourceRanges("203.0.113.0/24",
            "198.51.100.0/24")).port(80, HTTP));
        stack.service("nodes", web, s -> s.type(ServiceType.nodePort()).port(8080, HTTP)
            .ipFamilies(IpFamily.IPV4, IpFamily.IPV6).ipFamilyPolicy(IpFamilyPolicy.REQUIRE_DUAL_STACK));
        stack.denyByDefault();
      });
      r.assertNoFindings();
      String web = r.yaml(NetworkPolicy.class, "web");
      assertTrue(web.contains("  - from:\n    - ipBlock:\n        cidr: 203.0.113.0/24\n    - ipBlock:\n"
          + "        cidr: 198.51.100.0/24\n    - ipBlock:\n        cidr: 0.0.0.0/0\n    - ipBlock:\n"
          + "        cidr: ::/0\n    ports:\n    - port: http\n"), web);
    }

    @Test
    void anExposureThroughAControllerNobodyLocatedIsAnErrorAtTheExposure() {
      int[] line = new int[1];
      Result r = synth(stack -> {
        Service web = stack.expose(stack.app("web", HTTP));
        stack.httpTarget(HttpTarget.ingress("traefik"));
        line[0] = here(); stack.http("site", site -> site.host("shop.example.com", host -> host.path("/", web)));
        stack.denyByDefault();
      });
      Finding finding = r.finding("networkpolicy.call-denied");
      assertEquals(Severity.ERROR, finding.severity());
      assertEquals(FILE + ":" + line[0], finding.location().toString());
      assertEquals("Service/shop/web:8080", finding.object());
      assertTrue(finding.message().startsWith("the route of http(site) from the controller of IngressClass traefik "
          + "to Service/shop/web:8080 is denied: NetworkPolicy/shop/default-deny-ingress isolates"), finding::format);
      assertTrue(finding.message().contains("HttpTarget.ingress(\"traefik\").from(Peer.pods("), finding::format);

      Result located = synth(stack -> {
        Service web = stack.expose(stack.app("web", HTTP));
        stack.httpTarget(HttpTarget.ingress("traefik").from(Peer.pods("traefik", Map.of("app", "traefik"))));
        stack.http("site", site -> site.host("shop.example.com", host -> host.path("/", web)));
        stack.denyByDefault();
      });
      located.assertNoFindings();
      assertTrue(located.yaml(NetworkPolicy.class, "web").contains("kubernetes.io/metadata.name: traefik"));
    }

    @Test
    void gatewaysOfEnvoyGatewayAndIstioAreKnownByTheirClass() {
      Result envoy = synth(stack -> {
        Service web = stack.expose(stack.app("web", HTTP));
        stack.httpTarget(HttpTarget.gateway("eg"));
        stack.http("site", site -> site.host("shop.example.com", host -> host.path("/", web)));
        stack.denyByDefault();
      });
      envoy.assertNoFindings();
      String web = envoy.yaml(NetworkPolicy.class, "web");
      assertTrue(web.contains("kubernetes.io/metadata.name: envoy-gateway-system")
          && web.contains("gateway.envoyproxy.io/owning-gateway-name: site")
          && web.contains("gateway.envoyproxy.io/owning-gateway-namespace: shop"), web);

      Result istio = synth(stack -> {
        Service webService = stack.expose(stack.app("web", HTTP));
        stack.httpTarget(HttpTarget.gateway("istio"));
        stack.http("site", site -> site.host("shop.example.com", host -> host.path("/", webService)));
        stack.denyByDefault();
        stack.mesh().mtls(MtlsMode.STRICT);
      });
      istio.assertNoFindings();
      assertTrue(istio.yaml(NetworkPolicy.class, "web").contains("gateway.networking.k8s.io/gateway-name: site"));
      assertTrue(istio.yaml(AuthorizationPolicy.class, "web").contains("- cluster.local/ns/shop/sa/site-istio\n"),
          "the Gateway's own service account");
    }

    @Test
    void anotherStacksDenyAllInTheSameNamespaceDeniesThisStacksRoutes() {
      int[] line = new int[1];
      Result r = synth(new Def("locked", stack -> {
        stack.expose(stack.app("api", HTTP));
        stack.denyByDefault();
      }), new Def("open", stack -> {
        Service web = stack.expose(stack.app("web", HTTP));
        stack.httpTarget(HttpTarget.ingress("nginx"));
        line[0] = here(); stack.http("site", site -> site.host("shop.example.com", host -> host.path("/", web)));
      }));
      Finding finding = r.finding("networkpolicy.call-denied");
      assertEquals(FILE + ":" + line[0], finding.location().toString());
      assertTrue(finding.message().contains("NetworkPolicy/shop/default-deny-ingress isolates"), finding::format);
    }
  }

  // ============================================================================ egress

  @Nested
  class Egress {
    @Test
    void restrictedEgressAdmitsDnsTheCalleesAndOutsideHostsByAddress() {
      Result r = synth(stack -> {
        App web = stack.app("web", HTTP);
        App orders = stack.app("orders", HTTP);
        Service ordersService = stack.expose(orders);
        Service payments = stack.service("payments", s -> s.type(ServiceType.externalName("api.pay.example.com"))
            .port(443));
        stack.restrictEgress(ClusterDns.of(Peer.pods("kube-system", Map.of("k8s-app", "node-local-dns"))).port(5353));
        stack.allow(web).toCall(ordersService);
        stack.allow(orders).toReach(payments, "203.0.113.0/24", "2001:db8::/32");
      });
      r.assertNoFindings();
      assertEquals(List.of("default-deny-egress", "allow-dns", "web", "orders"), r.names(NetworkPolicy.class));
      String dns = r.yaml(NetworkPolicy.class, "allow-dns");
      assertTrue(dns.contains("""
          spec:
            egress:
            - ports:
              - port: 5353
                protocol: UDP
              - port: 5353
                protocol: TCP
              to:
              - namespaceSelector:
                  matchLabels:
                    kubernetes.io/metadata.name: kube-system
                podSelector:
                  matchLabels:
                    k8s-app: node-local-dns
            podSelector: {}
          """), dns);
      String web = r.yaml(NetworkPolicy.class, "web");
      assertTrue(web.contains("policyTypes:\n  - Egress\n") && web.contains("app.kubernetes.io/name: orders")
          && !web.contains("ingress:"), web);
      String orders = r.yaml(NetworkPolicy.class, "orders");
      assertTrue(orders.contains("- Ingress\n  - Egress\n") && orders.contains("cidr: 203.0.113.0/24")
          && orders.contains("cidr: 2001:db8::/32") && orders.contains("port: 443"), orders);
      assertEquals(List.of(), r.names(AuthorizationPolicy.class), "no mesh, no AuthorizationPolicy");
    }

    @Test
    void inAMeshSidecarsMayReachIstiod() {
      Result r = synth(stack -> {
        stack.expose(stack.app("web", HTTP));
        stack.restrictEgress();
        stack.mesh().mtls(MtlsMode.STRICT);
        stack.mesh().controlPlane(Peer.pods("istio-system", Map.of("app", "istiod", "istio.io/rev", "canary")));
      });
      r.assertNoFindings();
      String istiod = r.yaml(NetworkPolicy.class, "allow-istiod");
      assertTrue(istiod.contains("port: 15012") && istiod.contains("istio.io/rev: canary"), istiod);
      assertTrue(r.yaml(NetworkPolicy.class, "allow-dns").contains("k8s-app: kube-dns"), "kube-dns by default");
    }

    @Test
    void aCallToAServiceWithoutPodsOrAnAddressThatIsNoCidrIsAnErrorAtTheAllow() {
      int[] lines = new int[2];
      Result r = synth(stack -> {
        App web = stack.app("web", HTTP);
        Service payments = stack.service("payments", s -> s.type(ServiceType.externalName("api.pay.example.com"))
            .port(443));
        lines[0] = here(); stack.allow(web).toCall(payments);
        lines[1] = here(); stack.allow(web).toReach(payments, "api.pay.example.com");
      });
      Finding target = r.finding("allow.target");
      assertEquals(FILE + ":" + lines[0], target.location().toString());
      assertTrue(target.message().contains("an ExternalName alias of \"api.pay.example.com\"")
          && target.message().contains("toReach(payments"), target::format);
      Finding cidr = r.finding("allow.cidr");
      assertEquals(FILE + ":" + lines[1], cidr.location().toString());
      assertTrue(cidr.message().startsWith("\"api.pay.example.com\" must be a CIDR"), cidr::format);
    }
  }
}
