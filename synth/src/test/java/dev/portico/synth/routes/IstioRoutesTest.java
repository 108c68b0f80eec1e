package dev.portico.synth.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.portico.dsl.Backend;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.PathMatch;
import dev.portico.dsl.Port;
import dev.portico.dsl.Service;
import dev.portico.dsl.Split;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.Tls;
import dev.portico.synth.StackOutput;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.validate.Finding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Istio ingress gateway target shows the same external routes as the Ingress target for one exposure. */
class IstioRoutesTest {
  private static List<RouteTable.HttpRoute> rows(HttpTarget target) {
    StackDefinition definition = new StackDefinition() {
      @Override
      public String name() {
        return "shop";
      }

      @Override
      public void define(Stack stack) {
        Port http = Port.http(8080);
        Service web = stack.expose(stack.app("web", http));
        Service next = stack.expose(stack.app("web-next", http));
        Service api = stack.expose(stack.app("api", http));
        Service errors = stack.expose(stack.app("errors", http));
        stack.httpTarget(target);
        stack.http("site", site -> site
            .host("shop.example.com", host -> host.tls(Tls.secret("shop-tls"))
                .path("/", Split.canary(Backend.of(web), Backend.of(next), 20))
                .path("/api", Split.canary(Backend.of(api), Backend.of(next), 10).byHeader("x-beta", "on"))
                .path(PathMatch.exact("/healthz"), Backend.of(api)))
            .host("docs.example.com", host -> host.path("/", web))
            .defaultBackend(errors));
      }
    };
    Synthesis synthesis = Synthesizer.synthesize(List.of(definition), List.of(), Map.of());
    List<Finding> errors = synthesis.findings().stream().filter(Finding::isError).toList();
    assertEquals(List.of(), errors);
    StackOutput output = synthesis.outputs().get(0);
    return RouteTable.of(output.resources(), output.apps()).httpWithoutVia();
  }

  @Test
  void istioGatewayAndIngressShowTheSameRoutes() {
    List<RouteTable.HttpRoute> ingress = rows(HttpTarget.ingress("nginx"));
    List<RouteTable.HttpRoute> istio = rows(HttpTarget.istioGateway());
    assertFalse(ingress.isEmpty());
    assertEquals(ingress, istio);
    assertEquals(rows(HttpTarget.gateway("eg")), istio);
  }
}
