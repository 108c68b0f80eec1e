package dev.portico.synth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portico.synth.golden.GoldenFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A committed source file that a test-side generator writes: it must be what the generator writes now, and is
 * rewritten only on purpose, like a golden file ({@code -Dportico.golden.update=true}, never with {@code CI=true}).
 */
public final class GeneratedSource {
  private GeneratedSource() {}

  /**
   * Asserts that {@code source} (relative to the module) holds {@code expected}, after rewriting it when asked to.
   *
   * @param test the test class that rewrites it, for the message
   * @param what what the generator writes it from, for the message
   */
  public static void assertCurrent(Path source, String expected, Class<?> test, String what) throws IOException {
    if (Boolean.getBoolean(GoldenFiles.UPDATE_PROPERTY) && !"true".equalsIgnoreCase(System.getenv("CI"))) {
      Files.writeString(source, expected, StandardCharsets.UTF_8);
    }
    assertEquals(expected, Files.readString(source, StandardCharsets.UTF_8), source.getFileName()
        + " is not what its generator writes from " + what + "; rewrite it with mvn -pl synth -am test -Dtest="
        + test.getSimpleName() + " -Dsurefire.failIfNoSpecifiedTests=false -D" + GoldenFiles.UPDATE_PROPERTY
        + "=true and review the diff");
  }
}
