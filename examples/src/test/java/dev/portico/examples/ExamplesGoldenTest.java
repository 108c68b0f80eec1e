package dev.portico.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.StackDefinition;
import dev.portico.synth.StackOutput;
import dev.portico.synth.StackRegistry;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.golden.PorticoGolden;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example stack, every environment, compared byte for byte with golden/. */
class ExamplesGoldenTest {
  private static final Path GOLDEN = Path.of(System.getProperty("portico.golden.dir", "../golden"));

  static Stream<String> stacks() {
    return StackRegistry.load(ExamplesGoldenTest.class.getClassLoader()).stream().map(StackDefinition::name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stacks")
  void matchesGoldenFiles(String name) {
    StackDefinition stack = StackRegistry.load(getClass().getClassLoader()).stream()
        .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    Synthesis synthesis = Synthesizer.synthesize(List.of(stack), List.of(), Map.of());
    // the one warning an example may have: EnvoyFilter (bookinfo's rate limit) depends on Envoy internals
    assertEquals(List.of(), synthesis.findings().stream()
        .filter(finding -> !finding.rule().equals("envoyfilter.version-sensitive")).toList(),
        "examples must synthesize without findings");
    PorticoGolden.assertStack(stack, GOLDEN);
  }

  @Test
  void everyExampleIsRegistered() {
    List<String> names = stacks().toList();
    assertEquals(List.of("bookinfo", "fleet", "mesh-shop", "migration", "seed", "shop", "storefront"), names);
  }

  @Test
  void migrationIsExternalNameInProdAndSelectsPodsInStaging() {
    StackDefinition stack = new MigrationStack();
    Synthesis synthesis = Synthesizer.synthesize(List.of(stack), List.of(), Map.of());
    for (StackOutput output : synthesis.outputs()) {
      var db = output.resources().stream()
          .map(r -> (io.fabric8.kubernetes.api.model.Service) r.object())
          .filter(s -> s.getMetadata().getName().equals("orders-db")).findFirst().orElseThrow();
      if (output.environment().equals("prod")) {
        assertEquals("ExternalName", db.getSpec().getType());
        assertEquals("orders-db.legacy.example.com", db.getSpec().getExternalName());
        assertTrue(db.getSpec().getSelector() == null || db.getSpec().getSelector().isEmpty());
      } else {
        assertEquals(null, db.getSpec().getType(), "ClusterIP is the default and not written");
        assertEquals(Map.of("app.kubernetes.io/name", "orders-db"), db.getSpec().getSelector());
      }
    }
  }

  @Test
  void theFleetWithAMeshAddsAVirtualServiceAndADestinationRulePerApp() {
    Synthesis synthesis = Synthesizer.synthesize(List.of(new FleetStack()), List.of(),
        Map.of("apps", "3", "mesh", "true"));
    assertEquals(List.of(), synthesis.findings());
    Map<String, Long> kinds = new java.util.TreeMap<>(synthesis.outputs().get(0).resources().stream()
        .collect(java.util.stream.Collectors.groupingBy(r -> r.object().getKind(), java.util.stream.Collectors.counting())));
    assertEquals(Map.of("DestinationRule", 3L, "Ingress", 3L, "Service", 3L, "VirtualService", 3L), kinds);
  }
}
