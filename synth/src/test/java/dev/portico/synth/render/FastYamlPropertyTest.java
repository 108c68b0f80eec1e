package dev.portico.synth.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast YAML path writes the same bytes as Jackson and SnakeYAML for every object, or declines:
 * seeded random Services and Ingresses whose strings mix the common alphabet with everything YAML
 * treats specially; their tokens come from {@link ModelTokens}, equal to Jackson's. Seeds 1-300 run
 * by default; {@code -Dportico.seed=N} runs only seed {@code N}.
 */
class FastYamlPropertyTest {
  private static final int SEEDS = 300;
  private static final String[] TRICKY = {"", "-", "yes", "No", "null", "~", "80", "0x1F", "1e3", "1.5", ".5", "+1",
      "2024-01-01", "1:20", "a: b", "a:b", "#x", "a #b", "*x", "&x", "!x", "|", ">", "'q'", "\"q\"", "%x", "@x",
      "`x", "{a}", "[a]", "a,b", "?", " lead", "trail ", "two\nlines", "tab\tx", "ünï", "a--b", "/", "/a/b", ".hidden",
      "-x", "- x", "=", "<<", "_x", "x_", "A.B", "9lives", "http://x.example.com:80/p?q=1"};
  private static final String COMMON = "abcxyzABZ0129._/-";

  static Stream<Long> seeds() {
    String only = System.getProperty("portico.seed", "").trim();
    return only.isEmpty() ? LongStream.rangeClosed(1, SEEDS).boxed() : Stream.of(Long.parseLong(only));
  }

  private static String string(Random random) {
    if (random.nextInt(4) == 0) {
      return TRICKY[random.nextInt(TRICKY.length)];
    }
    StringBuilder sb = new StringBuilder();
    int length = 1 + random.nextInt(12);
    for (int i = 0; i < length; i++) {
      sb.append(COMMON.charAt(random.nextInt(COMMON.length())));
    }
    return sb.toString();
  }

  private static List<HasMetadata> objects(Random random) {
    List<HasMetadata> objects = new ArrayList<>();
    ServiceBuilder service = new ServiceBuilder().withNewMetadata().withName(string(random))
        .withNamespace(string(random)).endMetadata().withNewSpec().endSpec();
    for (int i = random.nextInt(4); i > 0; i--) {
      service.editMetadata().addToLabels(string(random), string(random)).endMetadata();
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      service.editMetadata().addToAnnotations(string(random), string(random)).endMetadata();
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      service.editSpec().addToPorts(new ServicePortBuilder().withName(string(random)).withPort(random.nextInt(70000))
          .withProtocol(random.nextBoolean() ? "TCP" : string(random))
          .withTargetPort(random.nextBoolean() ? new IntOrString(random.nextInt(9000)) : new IntOrString(string(random)))
          .build()).endSpec();
    }
    if (random.nextBoolean()) {
      service.editSpec().withExternalIPs(string(random), string(random)).withPublishNotReadyAddresses(random.nextBoolean())
          .endSpec();
    }
    objects.add(service.build());
    IngressBuilder ingress = new IngressBuilder().withNewMetadata().withName(string(random)).endMetadata()
        .withNewSpec().withIngressClassName(random.nextBoolean() ? string(random) : null).endSpec();
    for (int i = random.nextInt(3); i > 0; i--) {
      ingress.editSpec().addNewRule().withHost(string(random)).withNewHttp().addNewPath().withPath(string(random))
          .withPathType(string(random)).withNewBackend().withNewService().withName(string(random)).withNewPort()
          .withNumber(random.nextInt(100)).endPort().endService().endBackend().endPath().endHttp().endRule().endSpec();
    }
    if (random.nextBoolean()) {
      ingress.editSpec().addNewTl().withHosts(string(random)).withSecretName(string(random)).endTl().endSpec();
    }
    objects.add(ingress.build());
    return objects;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void fastAndReferenceRenderingsAreIdentical(long seed) {
    for (HasMetadata object : objects(new Random(seed))) {
      String reference = YamlRenderer.renderReference(object);
      assertEquals(reference, YamlRenderer.render(object), () -> "seed " + seed + " (replay with -Dportico.seed="
          + seed + "): fast rendering differs from the reference for\n" + reference);
      assertTrue(TokensOracle.coveredAndEqual(object), () -> "seed " + seed + " (replay with -Dportico.seed="
          + seed + "): ModelTokens declined\n" + reference);
    }
  }

  @Test
  void commonObjectsTakeTheFastPath() {
    HasMetadata service = new ServiceBuilder().withNewMetadata().withName("web").withNamespace("shop")
        .addToLabels("app.kubernetes.io/name", "web").addToAnnotations("x", "80").endMetadata()
        .withNewSpec().addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort()
        .withPublishNotReadyAddresses(true).endSpec().build();
    String fast = YamlRenderer.renderFast(service);
    assertNotNull(fast, "a plain Service is the common case");
    assertEquals(YamlRenderer.renderReference(service), fast);
    assertTrue(fast.contains("    x: \"80\"\n"), fast);
  }
}
