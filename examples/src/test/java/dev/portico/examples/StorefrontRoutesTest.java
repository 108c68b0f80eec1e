package dev.portico.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.StackOutput;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.routes.RouteTable;
import dev.portico.synth.routes.RouteTable.HttpRoute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The storefront is reached the same way whether it renders as an Ingress (staging) or Gateway API routes (prod). */
class StorefrontRoutesTest {

  static RouteTable routes(Synthesis synthesis, String environment) {
    StackOutput output = synthesis.outputs().stream().filter(o -> o.environment().equals(environment)).findFirst()
        .orElseThrow();
    return RouteTable.of(output.resources(), output.apps());
  }

  @Test
  void ingressAndGatewayApiShowTheSameHttpRoutes() {
    Synthesis synthesis = Synthesizer.synthesize(List.of(new StorefrontStack()), List.of(), Map.of());
    assertEquals(List.of(), synthesis.findings());

    RouteTable staging = routes(synthesis, "staging");
    RouteTable prod = routes(synthesis, "prod");

    assertFalse(staging.http().isEmpty());
    assertEquals(staging.httpWithoutVia(), prod.httpWithoutVia());
    assertEquals(staging.services(), prod.services());
    assertTrue(staging.http().stream().allMatch(row -> row.via().startsWith("Ingress/storefront/")), staging::table);
    assertTrue(prod.http().stream().allMatch(row -> row.via().startsWith("HTTPRoute/storefront/")), prod::table);
    HttpRoute shop = staging.httpWithoutVia().stream()
        .filter(row -> row.host().equals("shop.example.com") && row.path().equals("/")).findFirst().orElseThrow();
    assertEquals(List.of(new RouteTable.Target("storefront", "web", 8080, 90),
        new RouteTable.Target("storefront", "web-next", 8080, 10)), shop.backends());
    assertTrue(shop.tls() && shop.httpsRedirect());
  }
}
