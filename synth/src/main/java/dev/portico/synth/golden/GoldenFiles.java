package dev.portico.synth.golden;

import dev.portico.synth.write.DriftCheck;
import dev.portico.synth.write.OutputFile;
import dev.portico.synth.write.OutputLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Golden-file testing for synthesized files, usable from any test framework: compares them with
 * the files under a golden folder, byte for byte, and fails once, listing every missing,
 * differing and stale file, with a unified diff for each difference. {@link PorticoGolden} does
 * the same for a stack in one call.
 *
 * <p>Golden files are rewritten only on purpose: with {@code -Dportico.golden.update=true}, and
 * never when the environment variable {@code CI} is {@code true}. Review the rewrite in the diff.
 */
public final class GoldenFiles {
  /** The system property that turns comparing into rewriting. */
  public static final String UPDATE_PROPERTY = "portico.golden.update";

  private GoldenFiles() {}

  /**
   * Compares {@code files} with {@code goldenDir}, or rewrites it in update mode.
   *
   * @param scopes what the files own, as {@link OutputLayout#scopes} gives it ({@code shop/prod/}
   *     for a folder, {@code shop/prod.yaml} for a single file): a golden file there that is not
   *     produced any more is stale
   * @throws AssertionError listing every difference, or when an update is asked for with {@code CI=true}
   */
  public static void assertMatches(List<OutputFile> files, Path goldenDir, List<String> scopes) {
    assertMatches(files, goldenDir, scopes, "");
  }

  /** {@link #assertMatches(List, Path, List)}, naming {@code alsoUpdatedBy} as another way to update. */
  static void assertMatches(List<OutputFile> files, Path goldenDir, List<String> scopes, String alsoUpdatedBy) {
    assertMatches(files, goldenDir, scopes, updateRequested(), "true".equalsIgnoreCase(System.getenv("CI")),
        alsoUpdatedBy);
  }

  /** {@link #assertMatches(List, Path, List)} with the update request and the CI flag given (for tests). */
  static void assertMatches(List<OutputFile> files, Path goldenDir, List<String> scopes, boolean update, boolean ci) {
    assertMatches(files, goldenDir, scopes, update, ci, "");
  }

  private static void assertMatches(List<OutputFile> files, Path goldenDir, List<String> scopes, boolean update,
      boolean ci, String alsoUpdatedBy) {
    try {
      if (update) {
        if (ci) {
          throw new AssertionError("refusing to rewrite golden files when CI=true; run with -D" + UPDATE_PROPERTY
              + "=true on your machine and commit the reviewed diff");
        }
        update(files, goldenDir, scopes);
        return;
      }
      List<String> missing = new ArrayList<>();
      List<String> differing = new ArrayList<>();
      StringBuilder diffs = new StringBuilder();
      Set<String> produced = new TreeSet<>();
      for (OutputFile file : files) {
        produced.add(file.path());
        Path golden = goldenDir.resolve(file.path());
        if (!Files.isRegularFile(golden)) {
          missing.add(file.path());
          continue;
        }
        byte[] expected = Files.readAllBytes(golden);
        byte[] actual = file.content().getBytes(StandardCharsets.UTF_8);
        if (!Arrays.equals(expected, actual)) {
          differing.add(file.path());
          diffs.append(DriftCheck.unified(file.path(), new String(expected, StandardCharsets.UTF_8), file.content()));
        }
      }
      List<String> stale = new ArrayList<>();
      for (String path : existing(goldenDir, scopes)) {
        if (!produced.contains(path)) {
          stale.add(path);
        }
      }
      if (!missing.isEmpty() || !differing.isEmpty() || !stale.isEmpty()) {
        throw new AssertionError(message(goldenDir, files.size(), missing, differing, stale, diffs.toString())
            + alsoUpdatedBy);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One message for every problem: counts, the files by kind of problem, the diffs, how to update. */
  private static String message(Path goldenDir, int produced, List<String> missing, List<String> differing,
      List<String> stale, String diffs) {
    List<String> counts = new ArrayList<>();
    if (!missing.isEmpty()) {
      counts.add(missing.size() + " missing");
    }
    if (!differing.isEmpty()) {
      counts.add(differing.size() + " differing");
    }
    if (!stale.isEmpty()) {
      counts.add(stale.size() + " stale");
    }
    StringBuilder out = new StringBuilder("golden files in ").append(goldenDir)
        .append(" do not match the synthesized output: ").append(String.join(", ", counts)).append('\n');
    if (!missing.isEmpty()) {
      out.append(missing.size() == produced && !Files.isDirectory(goldenDir)
          ? "the golden folder " + goldenDir + " does not exist; every file is missing:\n"
          : "missing (synthesized, no golden file):\n");
      missing.stream().sorted().forEach(path -> out.append("  ").append(path).append('\n'));
    }
    if (!differing.isEmpty()) {
      out.append("differing (diff below, - golden, + now):\n");
      differing.stream().sorted().forEach(path -> out.append("  ").append(path).append('\n'));
    }
    if (!stale.isEmpty()) {
      out.append("stale (golden, no longer synthesized):\n");
      stale.forEach(path -> out.append("  ").append(path).append('\n'));
    }
    out.append(diffs.isEmpty() ? "" : "\n" + diffs + "\n");
    out.append("If the change is intended, rewrite the golden files: mvn verify -D").append(UPDATE_PROPERTY)
        .append("=true (the property works with any test run; refused when CI=true), then review the diff and commit it.");
    return out.toString();
  }

  /** True when {@code -Dportico.golden.update=true}. */
  public static boolean updateRequested() {
    return Boolean.parseBoolean(System.getProperty(UPDATE_PROPERTY, "false"));
  }

  private static void update(List<OutputFile> files, Path goldenDir, List<String> scopes) throws IOException {
    Set<String> produced = new TreeSet<>();
    for (OutputFile file : files) {
      produced.add(file.path());
      Path golden = goldenDir.resolve(file.path());
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, file.content(), StandardCharsets.UTF_8);
    }
    for (String stale : existing(goldenDir, scopes)) {
      if (!produced.contains(stale)) {
        Files.delete(goldenDir.resolve(stale));
      }
    }
  }

  /** The golden files within {@code scopes}, relative to {@code goldenDir}. */
  private static Set<String> existing(Path goldenDir, List<String> scopes) throws IOException {
    Set<String> paths = new TreeSet<>();
    for (String scope : scopes) {
      Path target = goldenDir.resolve(scope);
      if (!scope.endsWith("/")) {
        if (Files.isRegularFile(target)) {
          paths.add(scope);
        }
        continue;
      }
      if (!Files.isDirectory(target)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(target)) {
        walk.filter(Files::isRegularFile)
            .forEach(path -> paths.add(goldenDir.relativize(path).toString().replace('\\', '/')));
      }
    }
    return paths;
  }
}
