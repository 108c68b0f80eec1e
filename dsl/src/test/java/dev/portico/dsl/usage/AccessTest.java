package dev.portico.dsl.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.AccessModel;
import dev.portico.dsl.App;
import dev.portico.dsl.ClusterDns;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.Mesh;
import dev.portico.dsl.Peer;
import dev.portico.dsl.Port;
import dev.portico.dsl.Service;
import dev.portico.dsl.ServiceType;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.StackModel;
import dev.portico.dsl.StackNamespace;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Who may call whom as a user declares it on the stack (this package is outside dev.portico.dsl,
 * like user code): calls, outside hosts by address, default deny, restricted egress, the stack's
 * Namespace, the typed sources of each HTTP target with their documented defaults, and app versions.
 */
class AccessTest {
  static final Port HTTP = Port.http(8080);

  static StackModel define(Consumer<Stack> body) {
    return Stack.define(new StackDefinition() {
      @Override
      public String name() {
        return "shop";
      }

      @Override
      public void define(Stack stack) {
        body.accept(stack);
      }
    }, Stack.DEFAULT_ENVIRONMENT, Map.of());
  }

  @Test
  void nothingDeclaredIsolatesNothing() {
    StackModel model = define(stack -> stack.expose(stack.app("web", HTTP)));
    assertTrue(model.access().isEmpty());
    assertTrue(model.access().restrictedEgress().isEmpty());
    assertTrue(model.namespaceObject().isEmpty());
    assertFalse(model.hasMesh());
  }

  @Test
  void callsReachesDenyByDefaultAndEgressAreRecordedInOrder() {
    StackModel model = define(stack -> {
      App web = stack.app("web", HTTP);
      App orders = stack.app("orders", HTTP);
      Service ordersService = stack.expose(orders);
      Service payments = stack.service("payments", s -> s.type(ServiceType.externalName("api.pay.example.com"))
          .port(443));
      Mesh.External books = stack.mesh().external("books", "books.example.com", Port.https(443));
      stack.allow(web).toCall(ordersService).toReach(payments, "203.0.113.0/24");
      stack.allow(orders).toReach(books, "198.51.100.0/24", "2001:db8::/32");
      stack.denyByDefault();
      stack.restrictEgress();
    });
    AccessModel access = model.access();
    assertEquals(1, access.calls().size());
    assertEquals(List.of("web"), access.calls().get(0).callers().stream().map(App::name).toList());
    assertEquals("orders", access.calls().get(0).callee().name());
    assertEquals(2, access.reaches().size());
    AccessModel.Reach payments = access.reaches().get(0);
    assertEquals("Service/shop/payments", payments.target());
    assertEquals("api.pay.example.com", payments.host(), "the ExternalName's host");
    assertEquals(List.of(443), payments.ports().stream().map(Port::number).toList());
    assertEquals(List.of("203.0.113.0/24"), payments.cidrs());
    AccessModel.Reach books = access.reaches().get(1);
    assertEquals("ServiceEntry/shop/books", books.target());
    assertEquals(List.of("198.51.100.0/24", "2001:db8::/32"), books.cidrs());
    assertTrue(access.denyByDefault());
    assertEquals(ClusterDns.kubeDns(), access.restrictedEgress().orElseThrow());
    assertEquals(access.calls().get(0).location(), payments.location(), "one allow(...) line");
    assertThrows(UnsupportedOperationException.class, () -> access.calls().clear());
    assertThrows(UnsupportedOperationException.class, () -> books.cidrs().clear());
  }

  @Test
  void theClusterDnsIsTypedWithKubeDnsAsTheDefault() {
    ClusterDns kubeDns = ClusterDns.kubeDns();
    assertEquals(Peer.pods("kube-system", Map.of("k8s-app", "kube-dns")), kubeDns.pods());
    assertEquals(53, kubeDns.port());
    ClusterDns nodeLocal = ClusterDns.of(Peer.pods("kube-system", Map.of("k8s-app", "node-local-dns"))).port(5353);
    assertEquals(5353, nodeLocal.port());
    StackModel model = define(stack -> stack.restrictEgress(nodeLocal));
    assertEquals(nodeLocal, model.access().egress());
    assertFalse(model.access().isEmpty());
  }

  @Test
  void theNamespaceCarriesItsLabelsAndSaysWhetherItInjectsSidecars() {
    StackModel plain = define(stack -> stack.declareNamespace(ns -> ns.label("team", "shop")));
    StackNamespace namespace = plain.namespaceObject().orElseThrow();
    assertEquals(Map.of("team", "shop"), namespace.labels());
    assertFalse(namespace.sidecarInjection());
    assertFalse(plain.hasMesh());
    assertTrue(define(stack -> stack.declareNamespace(StackNamespace.Builder::sidecarInjection)).hasMesh(),
        "injection is a mesh");
    assertTrue(define(stack -> stack.declareNamespace(ns -> ns.istioRevision("1-28"))).namespaceObject().orElseThrow()
        .sidecarInjection());
    assertFalse(define(stack -> stack.declareNamespace(ns -> ns.istioRevision("1-28").label("istio-injection", "disabled")))
        .namespaceObject().orElseThrow().sidecarInjection(), "istio-injection wins over a revision, as in Istio");
  }

  @Test
  void eachHttpTargetSaysWhereItsRequestsComeFrom() {
    assertEquals(List.of(Peer.ingressNginx()), HttpTarget.ingress("nginx").sources("shop", "site"));
    assertEquals(List.of(), HttpTarget.ingress().sources("shop", "site"), "the default class: nobody knows");
    assertEquals(List.of(), HttpTarget.ingress("traefik").sources("shop", "site"));
    Peer traefik = Peer.pods("traefik", Map.of("app.kubernetes.io/name", "traefik"));
    assertEquals(List.of(traefik), HttpTarget.ingress("traefik").from(traefik).sources("shop", "site"));
    assertEquals(List.of(Peer.envoyGateway("shop", "site")), HttpTarget.gateway("eg").sources("shop", "site"));
    assertEquals(List.of(Peer.istioGateway("shop", "site")), HttpTarget.gateway("istio").sources("shop", "site"));
    assertEquals(List.of(), HttpTarget.sharedGateway("infra", "edge").sources("shop", "site"));
    assertEquals(List.of(traefik), HttpTarget.sharedGateway("infra", "edge").listeners("web", "websecure").from(traefik)
        .sources("shop", "site"));
    assertEquals(List.of(Peer.istioIngressGateway()), HttpTarget.istioGateway().sources("shop", "site"));
    assertEquals(List.of(), HttpTarget.istioGateway(Map.of("istio", "eastwest")).sources("shop", "site"),
        "another gateway's namespace and account are not known");
  }

  @Test
  void theDocumentedDefaultsOfPeers() {
    assertEquals(Peer.pods("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx",
        "app.kubernetes.io/component", "controller")), Peer.ingressNginx());
    Peer envoy = Peer.envoyGateway("shop", "site");
    assertEquals("envoy-gateway-system", envoy.namespace());
    assertEquals(Map.of("gateway.envoyproxy.io/owning-gateway-name", "site",
        "gateway.envoyproxy.io/owning-gateway-namespace", "shop"), envoy.labels());
    assertNull(envoy.serviceAccount(), "not in the mesh");
    assertEquals("site-istio", Peer.istioGateway("shop", "site").serviceAccount());
    assertEquals("istio-ingressgateway-service-account", Peer.istioIngressGateway().serviceAccount());
    assertEquals(Map.of("app", "istiod"), Peer.istiod().labels());
    assertThrows(UnsupportedOperationException.class, () -> envoy.labels().put("x", "y"));
  }

  @Test
  void versionsGiveEachKindOfPodItsLabels() {
    StackModel model = define(stack -> stack.app("orders", a -> a.selector("app", "orders").label("tier", "back")
        .versions("v1", "v2").ports(HTTP)));
    App orders = model.apps().get(0);
    assertEquals(List.of("v1", "v2"), orders.versions());
    assertEquals(Map.of("app", "orders", "tier", "back"), orders.labels(), "the app's own labels: every version");
    assertEquals(List.of(Map.of("app", "orders", "tier", "back", "version", "v1"),
        Map.of("app", "orders", "tier", "back", "version", "v2")), orders.podLabels());
    App single = define(stack -> stack.app("web", HTTP)).apps().get(0);
    assertEquals(List.of(single.labels()), single.podLabels());
  }

  @Test
  void declaringAfterDefineFails() {
    Stack[] escaped = new Stack[1];
    App[] web = new App[1];
    define(stack -> {
      escaped[0] = stack;
      web[0] = stack.app("web", HTTP);
    });
    List<Runnable> late = List.of(
        () -> escaped[0].allow(web[0]),
        escaped[0]::denyByDefault,
        escaped[0]::restrictEgress,
        () -> escaped[0].declareNamespace(ns -> ns.label("a", "b")));
    for (Runnable declaration : late) {
      IllegalStateException e = assertThrows(IllegalStateException.class, declaration::run);
      assertTrue(e.getMessage().contains("already defined"), e.getMessage());
    }
  }

  @Test
  void peersAreEqualExactlyWhenNamespaceLabelsAndServiceAccountAre() {
    Peer web = Peer.pods("shop", Map.of("app", "web"));
    assertEquals(web, Peer.pods("shop", new java.util.HashMap<>(Map.of("app", "web"))));
    assertEquals(web.hashCode(), Peer.pods("shop", Map.of("app", "web")).hashCode());
    assertNotEquals(web, web.withServiceAccount("web"));
    assertNotEquals(web, Peer.pods("cart", Map.of("app", "web")));
    assertNotEquals(web, Peer.pods("shop", Map.of("app", "api")));
    assertEquals(web.withServiceAccount("web"), Peer.pods("shop", Map.of("app", "web")).withServiceAccount("web"));
  }
}
