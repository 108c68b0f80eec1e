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
 * Golden-file testing for stacks, usable from any test framework: compares synthesized files
 * with the files under a golden folder, byte for byte, and fails with a unified diff for each
 * difference, a missing golden file or a stale one.
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
   * @throws AssertionError listing every difference
   */
  public static void assertMatches(List<OutputFile> files, Path goldenDir, List<String> scopes) {
    try {
      if (updateRequested()) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          throw new AssertionError("refusing to rewrite golden files when CI=true; run with -D" + UPDATE_PROPERTY
              + "=true on your machine and commit the reviewed diff");
        }
        update(files, goldenDir, scopes);
        return;
      }
      List<String> problems = new ArrayList<>();
      Set<String> produced = new TreeSet<>();
      for (OutputFile file : files) {
        produced.add(file.path());
        Path golden = goldenDir.resolve(file.path());
        if (!Files.isRegularFile(golden)) {
          problems.add("missing golden file " + golden + "; create it with: mvn -B verify -D" + UPDATE_PROPERTY
              + "=true (then review and commit it)");
          continue;
        }
        byte[] expected = Files.readAllBytes(golden);
        byte[] actual = file.content().getBytes(StandardCharsets.UTF_8);
        if (!Arrays.equals(expected, actual)) {
          problems.add("golden file " + golden + " differs from the synthesized output (- golden, + now):\n"
              + DriftCheck.unified(file.path(), new String(expected, StandardCharsets.UTF_8), file.content())
              + "if the change is intended, run: mvn -B verify -D" + UPDATE_PROPERTY + "=true and review the diff");
        }
      }
      for (String stale : existing(goldenDir, scopes)) {
        if (!produced.contains(stale)) {
          problems.add("stale golden file " + goldenDir.resolve(stale) + ": the stack no longer produces it; "
              + "delete it, or run with -D" + UPDATE_PROPERTY + "=true");
        }
      }
      if (!problems.isEmpty()) {
        throw new AssertionError(problems.size() + " golden file problem(s):\n" + String.join("\n", problems));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
