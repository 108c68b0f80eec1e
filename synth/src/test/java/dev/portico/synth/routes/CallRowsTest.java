package dev.portico.synth.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.dsl.App;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.Mesh;
import dev.portico.dsl.MtlsMode;
import dev.portico.dsl.Port;
import dev.portico.dsl.Service;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.Subset;
import dev.portico.dsl.Tls;
import dev.portico.synth.StackOutput;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Who may call whom in the route table: a row per declared call with what NetworkPolicies and the
 * mesh say, in the table, JSON and Mermaid; Mermaid draws allowed calls as thick edges, crosses denied
 * ones out, and shows the mesh's splits with their weights.
 */
class CallRowsTest {
  static final Port HTTP = Port.http(8080);
  static final Port GRPC = Port.grpc(9090);

  static RouteTable routes(Consumer<Stack> body) {
    Synthesis synthesis = Synthesizer.synthesize(List.of(new StackDefinition() {
      @Override
      public String name() {
        return "shop";
      }

      @Override
      public void define(Stack stack) {
        body.accept(stack);
      }
    }), List.of(), Map.of());
    assertTrue(synthesis.findings().stream().noneMatch(f -> f.isError()), synthesis.findings()::toString);
    StackOutput output = synthesis.outputs().get(0);
    return RouteTable.of(output.resources(), output.apps(), output.calls());
  }

  /**
   * web, exposed through ingress-nginx, calls orders (http and grpc; v1 and v2, 90/10 on http); STRICT
   * mutual TLS, so ingress-nginx's plain text is rejected by the mesh (a warning, not an error).
   */
  static void shop(Stack stack) {
    App web = stack.app("web", HTTP);
    App orders = stack.app("orders", a -> a.ports(HTTP, GRPC).versions("v1", "v2"));
    Service webService = stack.service("web", web, s -> s.port(80, HTTP));
    Service ordersService = stack.service("orders", orders, s -> s.port(8080, HTTP).port(9090, GRPC));
    stack.httpTarget(HttpTarget.ingress("nginx"));
    stack.http("site", site -> site.host("shop.example.com", host -> host.tls(Tls.secret("shop-tls"))
        .path("/", webService)));
    stack.allow(web).toCall(ordersService);
    Mesh mesh = stack.mesh();
    Subset v1 = mesh.subset(ordersService, "v1");
    Subset v2 = mesh.subset(ordersService, "v2");
    mesh.route(ordersService, HTTP, r -> r.to(v1, 90).to(v2, 10));
    mesh.mtls(MtlsMode.STRICT);
  }

  @Test
  void eachDeclaredCallIsARowWithWhatEachLayerSays() {
    List<RouteTable.CallRow> rows = routes(CallRowsTest::shop).calls();
    assertEquals(2, rows.size());
    RouteTable.CallRow caller = rows.get(0);
    assertEquals(List.of("caller", "App/shop/web", "Service/shop/orders", "http/TCP, grpc/TCP", "allow(web)", "allowed",
        "allowed", "allowed"), List.of(caller.kind(), caller.from(), caller.to(), caller.ports(), caller.via(),
        caller.network(), caller.mesh(), caller.outcome()));
    assertEquals("NetworkPolicy/shop/orders admits it", caller.networkReason());
    assertEquals("AuthorizationPolicy/shop/orders admits principal cluster.local/ns/shop/sa/web", caller.meshReason());
    RouteTable.CallRow route = rows.get(1);
    assertEquals(List.of("route", "ingress-nginx", "Service/shop/web:80", "http/TCP", "http(site)", "allowed",
        "denied", "denied"), List.of(route.kind(), route.from(), route.to(), route.ports(), route.via(), route.network(),
        route.mesh(), route.outcome()));
    assertEquals("no NetworkPolicy isolates pods {app.kubernetes.io/name=web} of namespace shop", route.networkReason());
    assertTrue(route.meshReason().startsWith("STRICT mutual TLS (PeerAuthentication/shop/default) rejects the plain "
        + "text of ingress-nginx"), route.meshReason());
  }

  @Test
  void theTableHasASectionOfThem() {
    String table = routes(CallRowsTest::shop).table();
    assertTrue(table.contains("\nWho may call whom\n"), table);
    assertTrue(table.contains("App/shop/web   →  Service/shop/orders"), table);
    assertTrue(table.contains("ingress-nginx  ✗  Service/shop/web:80"), table);
    assertTrue(table.contains("denied: STRICT mutual TLS"), table);
    assertTrue(table.contains("App/shop/orders (v1, v2)"), "one app with its versions:\n" + table);
  }

  @Test
  void jsonListsThemWithBothVerdicts() throws Exception {
    JsonNode calls = new ObjectMapper().readTree(routes(CallRowsTest::shop).json()).get("calls");
    assertEquals(2, calls.size());
    assertEquals("allowed", calls.get(0).get("outcome").asText());
    assertEquals("allowed", calls.get(0).get("networkPolicy").get("outcome").asText());
    assertEquals("denied", calls.get(1).get("mesh").get("outcome").asText());
    assertEquals("denied", calls.get(1).get("outcome").asText());
  }

  @Test
  void mermaidDrawsAllowedCallsCrossesDeniedOnesAndShowsTheMeshWeights() {
    String mermaid = routes(CallRowsTest::shop).mermaid();
    assertTrue(mermaid.contains("  a1{{\"App/shop/orders (v1, v2)\"}}\n"), mermaid);
    assertTrue(mermaid.contains("  a2 ==>|\"caller http/TCP, grpc/TCP\"| s1\n"), mermaid);
    assertTrue(mermaid.contains("  c1([\"ingress-nginx\"])\n") && mermaid.contains("  c1 --x|\"denied by the mesh\"| s3\n"),
        mermaid);
    assertTrue(mermaid.contains("  s1 -->|\"port 8080: 90%\"| m1\n") && mermaid.contains("  s1 -->|\"port 8080: 10%\"| m2\n")
        && mermaid.contains("  m1[/\"orders:8080 v1\"/]\n"), mermaid);
  }

  @Test
  void withoutAnyPolicyThereIsNothingToSay() {
    RouteTable table = routes(stack -> {
      Service web = stack.expose(stack.app("web", HTTP));
      stack.httpTarget(HttpTarget.ingress("nginx"));
      stack.http("site", site -> site.host("shop.example.com", host -> host.tls(Tls.secret("shop-tls")).path("/", web)));
    });
    assertEquals(List.of(), table.calls());
    assertTrue(!table.table().contains("Who may call whom") && !table.mermaid().contains("==>"), table.table());
  }
}
