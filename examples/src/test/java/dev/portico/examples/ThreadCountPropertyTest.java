package dev.portico.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.StackDefinition;
import dev.portico.synth.Parallel;
import dev.portico.synth.StackRegistry;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.run.ValidateRun;
import dev.portico.synth.validate.ClusterFacts;
import dev.portico.synth.write.OutputFile;
import dev.portico.synth.write.OutputLayout;
import dev.portico.synth.write.OutputWriter;
import java.io.IOException;
import java.io.InputStream;
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
 * ({@value Parallel#PROPERTY}), and {@code portico validate} of a damaged output finds the same.
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

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void validateFindsTheSameOnOneThreadAndSeveral(long seed, @TempDir Path temp) throws IOException {
    Random random = new Random(seed);
    Synthesis synthesis = Synthesizer.synthesize(StackRegistry.load(getClass().getClassLoader()), List.of(),
        Map.of("apps", Integer.toString(random.nextInt(1, 400))));
    Path dir = temp.resolve("out");
    OutputWriter.write(dir, OutputLayout.files(synthesis, random.nextBoolean()), OutputLayout.scopes(synthesis));
    // damage some files, so that there are findings of every stage: syntax, shape, field rules, analyzers
    List<Path> yaml;
    try (Stream<Path> paths = Files.walk(dir)) {
      yaml = paths.filter(path -> path.toString().endsWith(".yaml")).sorted().toList();
    }
    List<String> damage = List.of("port: 8080", "port: eighty", "name: ", "name: Not_A_Name-", "spec:", "spec:\n  bogus: 1",
        "kind: ", "kind: Nonsense\nkindx: ", "\n", "\n  : [\n");
    for (int i = 0; i < yaml.size() / 10 + 1; i++) {
      Path file = yaml.get(random.nextInt(yaml.size()));
      int which = 2 * random.nextInt(damage.size() / 2);
      Files.writeString(file, Files.readString(file).replaceFirst(java.util.regex.Pattern.quote(damage.get(which)),
          java.util.regex.Matcher.quoteReplacement(damage.get(which + 1))));
    }
    int threads = random.nextInt(2, 9);
    String at = "seed " + seed + " (replay with -Dportico.seed=" + seed + "), " + threads + " threads";

    List<String> one = validate(dir, 1);
    List<String> several = validate(dir, threads);

    assertEquals(one, several, at);
    assertTrue(one.size() > 2, at + ": there are findings: " + one);
  }

  /** The findings and the per-file report of {@code portico validate --summary DIR}. */
  private static List<String> validate(Path dir, int threads) throws IOException {
    String previous = System.getProperty(Parallel.PROPERTY);
    System.setProperty(Parallel.PROPERTY, Integer.toString(threads));
    try {
      ValidateRun.Result result = ValidateRun.run(new ValidateRun.Options(List.of(dir.toString()), java.util.Set.of(),
          ClusterFacts.DEFAULT, true), InputStream.nullInputStream());
      List<String> lines = new ArrayList<>();
      result.findings().forEach(finding -> lines.add(finding.format()));
      lines.addAll(result.report());
      lines.add(result.summary().replaceFirst(" \\([0-9.]+ s\\)$", ""));
      lines.add("exit " + result.exitCode());
      return lines;
    } finally {
      if (previous == null) {
        System.clearProperty(Parallel.PROPERTY);
      } else {
        System.setProperty(Parallel.PROPERTY, previous);
      }
    }
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
