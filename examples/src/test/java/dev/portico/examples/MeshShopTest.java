package dev.portico.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.examples.meshshop.OrdersApp;
import dev.portico.synth.StackOutput;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.routes.RouteTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shop of issue 11, written without workarounds: one orders Service with both ports, a canary on
 * http, versions from the annotation; clean, and its routes show who may call whom in every format.
 */
class MeshShopTest {
  static RouteTable routes() {
    Synthesis synthesis = Synthesizer.synthesize(List.of(new MeshShopStack()), List.of(), Map.of());
    assertEquals(List.of(), synthesis.findings());
    StackOutput output = synthesis.outputs().get(0);
    return RouteTable.of(output.resources(), output.apps(), output.calls());
  }

  @Test
  void theVersionsComeFromTheAnnotation() {
    assertEquals(List.of("v1", "v2"), OrdersApp.versions());
    assertTrue(routes().table().contains("App/mesh-shop/orders (v1, v2)"), "one app with its versions");
  }

  @Test
  void everyFormatShowsWhoMayCallWhom() {
    RouteTable routes = routes();
    assertEquals(List.of("allowed", "allowed"), routes.calls().stream().map(RouteTable.CallRow::outcome).toList());
    assertTrue(routes.table().contains("App/mesh-shop/web") && routes.table().contains("allowed: NetworkPolicy/mesh-shop/orders admits it"),
        routes::table);
    assertTrue(routes.json().contains("\"calls\": [") && routes.json().contains("\"outcome\": \"allowed\""), routes::json);
    assertTrue(routes.mermaid().contains("==>|\"caller http/TCP, grpc/TCP\"|")
        && routes.mermaid().contains("|\"port 8080: 90%\"|"), routes::mermaid);
  }
}
