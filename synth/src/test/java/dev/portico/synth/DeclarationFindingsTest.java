package dev.portico.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portico.dsl.Port;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.synth.validate.Finding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stack and app declarations are checked by the table the annotation processor shares (DeclarationRules). */
class DeclarationFindingsTest {
  private static List<String> findings(String stackName, String namespace, String appName) {
    StackDefinition definition = new StackDefinition() {
      @Override
      public String name() {
        return stackName;
      }

      @Override
      public String namespace() {
        return namespace;
      }

      @Override
      public void define(Stack stack) {
        stack.app(appName, Port.http(8080));
      }
    };
    return Synthesizer.synthesize(List.of(definition), List.of(), Map.of()).findings().stream()
        .map(Finding::format).toList();
  }

  @Test
  void anAppNameThatCannotNameAServiceIsReportedAtItsLine() {
    List<String> findings = findings("shop", "shop", "Web");
    assertEquals(1, findings.size(), findings::toString);
    assertEquals(true, findings.get(0).matches("DeclarationFindingsTest\\.java:\\d+: error: App/shop/Web: name: \"Web\" must "
        + ".*; try \"web\" \\[app.name]"), findings.get(0));
  }

  @Test
  void aValidNearMissIsClean() {
    assertEquals(List.of(), findings("shop-2", "orders", "web-2"));
  }

  @Test
  void stackNameAndNamespaceAreCheckedOnce() {
    List<String> findings = findings("Shop", "Orders", "web");
    assertEquals(true, findings.stream().anyMatch(f -> f.contains("Stack/Shop: name: \"Shop\"") && f.endsWith("[stack.name]")),
        findings::toString);
    assertEquals(true, findings.stream().anyMatch(f -> f.contains("Stack/Shop: namespace: \"Orders\"")
        && f.endsWith("[metadata.namespace]")), findings::toString);
  }
}
