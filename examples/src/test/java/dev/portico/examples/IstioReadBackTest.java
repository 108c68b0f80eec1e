package dev.portico.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.portico.synth.StackOutput;
import dev.portico.synth.StackRegistry;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.render.YamlRenderer;
import dev.portico.synth.validate.Resource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * istio-model is one release behind the other fabric8 model jars (see the parent POM): every Istio
 * object the examples synthesize must read back, with the model jars on the classpath, as an
 * object equal to the one emitted (absent and empty lists alike), and render again to the same bytes.
 */
class IstioReadBackTest {

  @Test
  void everyIstioObjectReadsBackEqual() throws Exception {
    Synthesis synthesis = Synthesizer.synthesize(
        StackRegistry.load(getClass().getClassLoader()), List.of(), Map.of("mesh", "true", "apps", "3"));
    List<String> kinds = new ArrayList<>();
    for (StackOutput output : synthesis.outputs()) {
      for (Resource resource : output.resources()) {
        HasMetadata object = resource.object();
        if (!object.getApiVersion().contains("istio.io/")) {
          continue;
        }
        String yaml = YamlRenderer.render(object);
        HasMetadata back = YamlRenderer.mapper().readValue(yaml, object.getClass());
        // compared as trees without empty values: the model reads an absent list as an empty one
        assertEquals(YamlRenderer.mapper().valueToTree(object), YamlRenderer.mapper().valueToTree(back),
            () -> resource.id() + " does not read back equal:\n" + yaml);
        assertEquals(yaml, YamlRenderer.render(back), () -> resource.id() + " renders differently once read back");
        kinds.add(object.getKind());
      }
    }
    assertFalse(kinds.isEmpty(), "the examples synthesize Istio objects");
    assertEquals(List.of("AuthorizationPolicy", "DestinationRule", "EnvoyFilter", "Gateway", "PeerAuthentication",
        "ServiceEntry", "Telemetry", "VirtualService").stream().filter(kind -> !kinds.contains(kind)).toList(),
        List.of(), "every Istio kind Portico emits is covered");
  }
}
