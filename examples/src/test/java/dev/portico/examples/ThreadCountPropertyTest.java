package dev.portico.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.StackDefinition;
import dev.portico.synth.Parallel;
import dev.portico.synth.StackRegistry;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.write.OutputFile;
import dev.portico.synth.write.OutputLayout;
import dev.portico.synth.write.OutputWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded property test: the example stacks plus a fleet of random size (with or without the mesh)
 * synthesize, validate, render and write the same bytes and findings on one thread as on several
 * ({@value Parallel#PROPERTY}).
 *
 * <p>Seeds 1-{@value #SEEDS} run by default; {@code -Dportico.seed=N} runs only seed {@code N}.
 * Every failure names its seed, so it can be replayed.
 */
class ThreadCountPropertyTest {
  static final int SEEDS = 5;

  static LongStream seeds() {
    String only = System.getProperty("portico.seed", "").trim();
    if (!only.isEmpty()) {
      return LongStream.of(Long.parseLong(only));
    }
    return LongStream.rangeClosed(1, SEEDS);
  }

  /** What a run produced: its findings, and the files of both layouts as written to disk. */
  private record Run(List<String> findings, Map<String, String> singleFile, Map<String, String> folders) {}

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void oneThreadAndSeveralGiveTheSameOutput(long seed, @TempDir Path temp) throws IOException {
    Random random = new Random(seed);
    List<StackDefinition> stacks = new ArrayList<>(StackRegistry.load(getClass().getClassLoader()));
    java.util.Collections.shuffle(stacks, random);
    // the stacks' order is the input order; which of them runs, random too (at least the fleet)
    List<StackDefinition> chosen = new ArrayList<>(stacks.stream()
        .filter(stack -> stack.name().equals("fleet") || random.nextBoolean()).toList());
    Map<String, String> settings = Map.of("apps", Integer.toString(random.nextInt(1, 400)),
        "mesh", Boolean.toString(random.nextInt(3) == 0));
    int threads = random.nextInt(2, 9);
    String at = "seed " + seed + " (replay with -Dportico.seed=" + seed + "): stacks "
        + chosen.stream().map(StackDefinition::name).toList() + ", " + settings + ", " + threads + " threads";

    Run one = run(chosen, settings, 1, temp.resolve("one"));
    Run several = run(chosen, settings, threads, temp.resolve("several"));

    assertEquals(one.findings, several.findings, at);
    assertEquals(one.singleFile.keySet(), several.singleFile.keySet(), at);
    assertEquals(one.singleFile, several.singleFile, at);
    assertEquals(one.folders.keySet(), several.folders.keySet(), at);
    assertEquals(one.folders, several.folders, at);
    assertTrue(one.folders.size() > 2 * Integer.parseInt(settings.get("apps")), at + ": the fleet's files are there");
  }

  private static Run run(List<StackDefinition> stacks, Map<String, String> settings, int threads, Path out)
      throws IOException {
    String previous = System.getProperty(Parallel.PROPERTY);
    System.setProperty(Parallel.PROPERTY, Integer.toString(threads));
    try {
      // settings only for the stacks that declare them: the fleet
      Synthesis synthesis = Synthesizer.synthesize(stacks, List.of(), settings);
      List<String> findings = synthesis.findings().stream().map(finding -> finding.format()).toList();
      return new Run(findings, written(synthesis, true, out.resolve("single")),
          written(synthesis, false, out.resolve("folders")));
    } finally {
      if (previous == null) {
        System.clearProperty(Parallel.PROPERTY);
      } else {
        System.setProperty(Parallel.PROPERTY, previous);
      }
    }
  }

  /** Writes a layout, then reads back every file under the folder, by relative path. */
  private static Map<String, String> written(Synthesis synthesis, boolean singleFile, Path dir) throws IOException {
    List<OutputFile> files = OutputLayout.files(synthesis, singleFile);
    OutputWriter.write(dir, files, OutputLayout.scopes(synthesis));
    Map<String, String> contents = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
        contents.put(dir.relativize(path).toString(), Files.readString(path));
      }
    }
    return contents;
  }
}
