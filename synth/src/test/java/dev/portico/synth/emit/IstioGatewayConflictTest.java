package dev.portico.synth.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.Port;
import dev.portico.dsl.Service;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.validate.Finding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two exposures on the Istio ingress gateway claiming one host and path: Istio merges VirtualServices on
 * one gateway's pods and the first one wins, so a warning (two Ingresses of one class are an error).
 */
class IstioGatewayConflictTest {
  private static List<Finding> findings(String secondHost) {
    StackDefinition definition = new StackDefinition() {
      @Override
      public String name() {
        return "shop";
      }

      @Override
      public void define(Stack stack) {
        Service web = stack.expose(stack.app("web", Port.http(8080)));
        stack.httpTarget(HttpTarget.istioGateway());
        stack.http("first", site -> site.host("shop.example.com", host -> host.path("/", web)));
        stack.http("second", site -> site.host(secondHost, host -> host.path("/", web)));
      }
    };
    return Synthesizer.synthesize(List.of(definition), List.of(), Map.of()).findings();
  }

  @Test
  void theSameHostAndPathOnOneIngressGatewayIsAWarning() {
    List<Finding> conflicts = findings("shop.example.com").stream()
        .filter(f -> f.rule().equals("http.host-path-conflict")).toList();
    assertEquals(1, conflicts.size(), conflicts::toString);
    Finding conflict = conflicts.get(0);
    assertTrue(!conflict.isError(), conflict::format);
    assertEquals("spec.http[0].match[0]", conflict.path());
    assertTrue(conflict.message().contains("host \"shop.example.com\" and URI prefix / on the ingress gateway of")
        && conflict.message().contains("is already routed by VirtualService/shop/first-shop-example-com")
        && conflict.message().contains("first (oldest)"),
        conflict::format);
  }

  @Test
  void anotherHostIsFine() {
    assertTrue(findings("docs.example.com").stream().noneMatch(Finding::isError));
  }
}
