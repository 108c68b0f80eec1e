package dev.portico.synth.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.Fault;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.Mesh;
import dev.portico.dsl.MeshMatch;
import dev.portico.dsl.Port;
import dev.portico.dsl.Retries;
import dev.portico.dsl.Service;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.Subset;
import dev.portico.synth.StackOutput;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mesh routes in the route table: splits, matches and policies of mesh-bound VirtualServices, in rule order. */
class MeshRoutesTest {
  private static RouteTable table() {
    StackDefinition definition = new StackDefinition() {
      @Override
      public String name() {
        return "shop";
      }

      @Override
      public void define(Stack stack) {
        Port http = Port.http(8080);
        Service reviews = stack.service("reviews", stack.app("reviews-v1",
            a -> a.selector("app", "reviews").label("version", "v1").ports(http)), s -> s.port(80, http));
        stack.app("reviews-v2", a -> a.selector("app", "reviews").label("version", "v2").ports(http));
        Mesh mesh = stack.mesh();
        Subset v1 = mesh.subset(reviews, "v1");
        Subset v2 = mesh.subset(reviews, "v2");
        mesh.route(reviews, r -> r
            .when(MeshMatch.header("end-user", "jason"), rule -> rule.to(v2).fault(Fault.delay(Duration.ofMillis(500)).percent(50)))
            .to(v1, 75).to(v2, 25).timeout(Duration.ofSeconds(3)).retries(Retries.of(2).on("5xx")));
        stack.httpTarget(HttpTarget.ingress());
      }
    };
    Synthesis synthesis = Synthesizer.synthesize(List.of(definition), List.of(), Map.of());
    assertTrue(synthesis.findings().stream().noneMatch(f -> f.isError()), synthesis.findings()::toString);
    StackOutput output = synthesis.outputs().get(0);
    return RouteTable.of(output.resources(), output.apps());
  }

  @Test
  void meshRowsListEachRuleInTheOrderIstioTriesThem() {
    List<RouteTable.MeshRouteRow> rows = table().mesh();
    assertEquals(List.of(
        new RouteTable.MeshRouteRow("shop", "reviews", 0, "header end-user = jason",
            List.of(new RouteTable.MeshDestination("reviews", "v2", null)), List.of("delay 0.5s (50%)"),
            "VirtualService/shop/reviews"),
        new RouteTable.MeshRouteRow("shop", "reviews", 1, "*",
            List.of(new RouteTable.MeshDestination("reviews", "v1", 75), new RouteTable.MeshDestination("reviews", "v2", 25)),
            List.of("timeout 3s", "retries 2 on 5xx"), "VirtualService/shop/reviews")), rows);
  }

  @Test
  void theTableHasAMeshSectionAndJsonAMeshArray() {
    RouteTable table = table();
    assertTrue(table.table().contains("\nMesh routes\n"), table::table);
    assertTrue(table.table().contains("reviews/v1 (75%), reviews/v2 (25%)"), table::table);
    assertTrue(table.json().contains("\"mesh\": [\n    {\n      \"namespace\": \"shop\""), table::json);
  }

  @Test
  void withoutAMeshThereIsNoMeshSection() {
    assertEquals(false, RouteTable.of(List.of(), List.of()).table().contains("Mesh routes"));
  }
}
