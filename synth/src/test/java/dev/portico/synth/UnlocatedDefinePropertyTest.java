package dev.portico.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.SourceLocation;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.StackModel;
import dev.portico.synth.emit.StackEmitter;
import dev.portico.synth.render.YamlRenderer;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Synthesizer} first defines stacks without the user's lines ({@link Stack#defineWithoutSourceLines})
 * and defines them again, located, when it has something to report. For the random stacks of the
 * other property tests (seeds 1-{@value #SEEDS}; {@code -Dportico.seed=N} runs one): both defines
 * emit the same bytes and the same findings apart from where they point, and no finding of a
 * synthesis points nowhere.
 */
class UnlocatedDefinePropertyTest {
  static final int SEEDS = 40;

  static Stream<Long> seeds() {
    String only = System.getProperty("portico.seed", "").trim();
    return (only.isEmpty() ? LongStream.rangeClosed(1, SEEDS) : LongStream.of(Long.parseLong(only))).boxed();
  }

  /** The random stacks of seed {@code seed}: valid ones, and ones whose calls, hosts or mesh draw findings. */
  private static List<StackDefinition> stacks(long seed) {
    List<StackDefinition> stacks = new ArrayList<>();
    stacks.add(new StackPropertyTest.RandomStack(seed));
    stacks.add(new AccessPropertyTest.RandomStack(seed, new StringBuilder()));
    stacks.add(new MeshPropertyTest.ModelStack(MeshPropertyTest.Model.generate(seed)));
    HttpTarget[] targets = {HttpTarget.ingress("nginx"), HttpTarget.gateway("eg"), HttpTarget.istioGateway()};
    stacks.add(new HttpExposurePropertyTest.ModelStack(HttpExposurePropertyTest.Model.generate(seed),
        targets[(int) (seed % targets.length)]));
    return stacks;
  }

  private static String at(long seed, StackDefinition stack) {
    return "seed " + seed + " (replay with -Dportico.seed=" + seed + "), " + stack.getClass().getName();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void anUnlocatedDefineEmitsWhatALocatedOneDoes(long seed) {
    for (StackDefinition stack : stacks(seed)) {
      for (String environment : stack.environments()) {
        StackModel located = Stack.define(stack, environment, Map.of());
        StackModel unlocated = Stack.defineWithoutSourceLines(stack, environment, Map.of());
        List<Finding> locatedFindings = new ArrayList<>();
        List<Finding> unlocatedFindings = new ArrayList<>();
        List<Resource> fromLocated = StackEmitter.emit(located, locatedFindings);
        List<Resource> fromUnlocated = StackEmitter.emit(unlocated, unlocatedFindings);

        assertEquals(YamlRenderer.renderAll(fromLocated.stream().map(Resource::object).toList()),
            YamlRenderer.renderAll(fromUnlocated.stream().map(Resource::object).toList()),
            () -> at(seed, stack) + ": the unlocated model emits other objects");
        assertEquals(withoutLocations(locatedFindings), withoutLocations(unlocatedFindings),
            () -> at(seed, stack) + ": the unlocated model raises other findings");
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyFindingOfASynthesisIsLocated(long seed) {
    for (StackDefinition stack : stacks(seed)) {
      Synthesis synthesis = Synthesizer.synthesize(List.of(stack), List.of(), Map.of());
      for (Finding finding : synthesis.findings()) {
        assertFalse(finding.location().equals(SourceLocation.NOT_RECORDED),
            () -> at(seed, stack) + ": a finding points nowhere: " + finding.format());
        assertTrue(finding.location().file().endsWith(".java"), () -> at(seed, stack) + ": " + finding.format());
      }
    }
  }

  private static List<Finding> withoutLocations(List<Finding> findings) {
    return findings.stream().map(f -> new Finding(f.rule(), f.severity(), SourceLocation.NOT_RECORDED, f.object(),
        f.path(), f.message(), f.environments())).toList();
  }
}
