package dev.portico.synth.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.testing.GeneratedSource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ModelTokensTest {
  private static final Path SOURCE = Path.of("src/main/java/dev/portico/synth/render/ModelTokens.java");

  @Test
  void generatedSourceIsCurrent() throws IOException {
    GeneratedSource.assertCurrent(SOURCE, ModelTokensGenerator.source(), ModelTokensTest.class,
        "the fabric8 model classes and Portico's Jackson mapper");
  }

  @Test
  void serviceTokensAreJacksons() {
    Service service = new ServiceBuilder()
        .withNewMetadata().withName("web").withNamespace("shop").addToLabels("b", "2").addToLabels("a", "1")
        .addToAnnotations("note", "").endMetadata()
        .withNewSpec().withType("ClusterIP").addToSelector("app", "web")
        .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString(8080)).endPort()
        .addNewPort().withName("grpc").withPort(90).withTargetPort(new IntOrString("grpc")).endPort().endSpec()
        .build();
    assertTrue(TokensOracle.coveredAndEqual(service));
  }

  @Test
  void additionalPropertiesAndForeignMapsAreLeftToJackson() {
    Service extra = new ServiceBuilder().withNewMetadata().withName("web").endMetadata().build();
    extra.setAdditionalProperty("x-extra", "1");
    assertFalse(TokensOracle.coveredAndEqual(extra));
    Map<String, String> reversed = new TreeMap<>(java.util.Comparator.reverseOrder());
    reversed.put("a", "1");
    reversed.put("b", "2");
    Service sorted = new ServiceBuilder().withNewMetadata().withName("web").endMetadata().build();
    sorted.getMetadata().setLabels(reversed); // Jackson keeps a sorted map's own order: b before a
    assertFalse(TokensOracle.coveredAndEqual(sorted));
    assertEquals(YamlRenderer.renderReference(sorted), YamlRenderer.render(sorted));
  }
}
