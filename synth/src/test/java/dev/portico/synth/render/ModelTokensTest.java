package dev.portico.synth.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.golden.GoldenFiles;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ModelTokensTest {
  private static final Path SOURCE = Path.of("src/main/java/dev/portico/synth/render/ModelTokens.java");

  @Test
  void generatedSourceIsCurrent() throws IOException {
    String expected = ModelTokensGenerator.source();
    boolean update = Boolean.getBoolean(GoldenFiles.UPDATE_PROPERTY);
    if (update && !"true".equalsIgnoreCase(System.getenv("CI"))) {
      Files.writeString(SOURCE, expected, StandardCharsets.UTF_8);
    }
    assertEquals(expected, Files.readString(SOURCE, StandardCharsets.UTF_8),
        "ModelTokens.java is not what ModelTokensGenerator writes for these fabric8 and Jackson versions; rewrite it"
            + " with mvn -pl synth test -Dtest=ModelTokensTest -D" + GoldenFiles.UPDATE_PROPERTY
            + "=true and review the diff");
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
