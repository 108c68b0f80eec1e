package dev.portico.synth.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YamlRendererTest {

  private static Service withLabel(String value) {
    return new ServiceBuilder()
        .withNewMetadata().withName("web").withNamespace("shop").addToLabels("v", value).endMetadata()
        .withNewSpec().addNewPort().withPort(80).withTargetPort(new IntOrString(8080)).endPort().endSpec()
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"80", "1.0", "yes", "no", "on", "off", "true", "False", "null", "~", "", "2024-01-01",
      "2024-01-01T10:00:00Z", "1e3", "0x1F", "0o17", "012", "1:20", "1_000", ".inf", "-.5", "+1", "y", "n"})
  void stringsAYaml11ReaderWouldMisreadAreQuoted(String value) {
    String yaml = YamlRenderer.render(withLabel(value));
    assertFalse(yaml.contains("    v: " + value + "\n"), () -> "unquoted " + value + " in\n" + yaml);
    Service back = roundTrip(yaml);
    assertEquals(value, back.getMetadata().getLabels().get("v"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"web", "MyApp", "v1", "app.kubernetes.io", "my-app_2"})
  void plainStringsStayPlain(String value) {
    String yaml = YamlRenderer.render(withLabel(value));
    assertTrue(yaml.contains("    v: " + value + "\n"), yaml);
  }

  @Test
  void layoutIsKubernetesOrderWithSortedMapsAndNoNulls() {
    Map<String, String> selector = new LinkedHashMap<>();
    selector.put("zeta", "1z");
    selector.put("alpha", "a");
    Service service = new ServiceBuilder()
        .withNewMetadata().withName("web").withNamespace("shop").endMetadata()
        .withNewSpec().withSelector(selector)
        .addNewPort().withName("http").withProtocol("TCP").withPort(80).withTargetPort(new IntOrString("http")).endPort()
        .endSpec().build();
    String expected = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: shop
        spec:
          ports:
          - name: http
            port: 80
            protocol: TCP
            targetPort: http
          selector:
            alpha: a
            zeta: 1z
        """;
    assertEquals(expected, YamlRenderer.render(service));
  }

  @Test
  void longValuesAreNotWrapped() {
    String longValue = "x".repeat(200);
    Service service = new ServiceBuilder(withLabel("a"))
        .editMetadata().addToAnnotations("note", longValue + " " + longValue).endMetadata().build();
    String yaml = YamlRenderer.render(service);
    assertTrue(yaml.contains("note: " + longValue + " " + longValue + "\n"), yaml);
  }

  @Test
  void severalObjectsBecomeOneStream() {
    String yaml = YamlRenderer.renderAll(List.of(withLabel("a"), withLabel("b")));
    assertEquals(2, yaml.lines().filter(line -> line.equals("---")).count());
    assertTrue(yaml.startsWith("---\napiVersion: v1\n"), yaml);
  }

  @Test
  void renderingIsByteIdenticalAndReadsBackEqual() {
    Service service = withLabel("2024-01-01");
    String once = YamlRenderer.render(service);
    assertEquals(once, YamlRenderer.render(new ServiceBuilder(service).build()));
    assertEquals(service, roundTrip(once));
  }

  private static Service roundTrip(String yaml) {
    try {
      return YamlRenderer.mapper().readValue(yaml, Service.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
