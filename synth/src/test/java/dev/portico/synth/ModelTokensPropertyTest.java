package dev.portico.synth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.render.TokensOracle;
import dev.portico.synth.validate.Resource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The renderer's generated {@code ModelTokens} writes, for every object the random stacks of the other property
 * tests synthesize (Services; Ingresses and Gateway API routes; NetworkPolicies and AuthorizationPolicies; the
 * mesh's Istio kinds), exactly the tokens Jackson writes; it declines none of them. Seeds 1-{@value #SEEDS} run by default; {@code -Dportico.seed=N} runs only seed {@code N}.
 */
class ModelTokensPropertyTest {
  static final int SEEDS = 40;

  static LongStream seeds() {
    String only = System.getProperty("portico.seed", "").trim();
    return only.isEmpty() ? LongStream.rangeClosed(1, SEEDS) : LongStream.of(Long.parseLong(only));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void generatedTokensAreJacksons(long seed) {
    String at = "seed " + seed + " (replay with -Dportico.seed=" + seed + ")";
    List<Synthesis> syntheses = new ArrayList<>();
    syntheses.add(StackPropertyTest.synthesize(seed));
    syntheses.add(MeshPropertyTest.synthesize(MeshPropertyTest.Model.generate(seed)));
    HttpExposurePropertyTest.Model http = HttpExposurePropertyTest.Model.generate(seed);
    syntheses.add(HttpExposurePropertyTest.synthesize(http, HttpExposurePropertyTest.INGRESS));
    syntheses.add(HttpExposurePropertyTest.synthesize(http, HttpExposurePropertyTest.GATEWAY));
    syntheses.add(Synthesizer.synthesize(List.of(new AccessPropertyTest.RandomStack(seed, new StringBuilder())),
        List.of(), Map.of()));
    int objects = 0;
    for (Synthesis synthesis : syntheses) {
      for (StackOutput output : synthesis.outputs()) {
        for (Resource resource : output.resources()) {
          HasMetadata object = resource.object();
          boolean covered = TokensOracle.coveredAndEqual(object);
          assertTrue(covered, () -> at + ": ModelTokens declined a " + object.getKind() + " " + object.getMetadata().getName());
          objects++;
        }
      }
    }
    assertTrue(objects > 0, at);
  }
}
