package dev.portico.synth.golden;

import dev.portico.dsl.StackDefinition;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.write.OutputLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A golden test of a stack in one line, against the folder {@code portico synth} (or
 * {@code mvn portico:synth}) writes, so a repository keeps one copy of its manifests:
 *
 * <pre>{@code
 * @Test
 * void shopMatchesDeploy() {
 *   PorticoGolden.assertStack(new ShopStack(), Path.of("deploy"));
 * }
 * }</pre>
 *
 * <p>It synthesizes the stack for each of its environments and compares the files with
 * {@code dir/<stack>/<env>/}, byte for byte. A failure lists every missing, differing and stale
 * file in one message, with a unified diff per difference, and says how to update:
 * {@code -Dportico.golden.update=true} rewrites the files (refused when {@code CI=true}).
 */
public final class PorticoGolden {
  private PorticoGolden() {}

  /**
   * Asserts that {@code stack}, synthesized for every environment with default parameters, matches {@code dir}.
   *
   * @throws AssertionError when the stack has errors, or the files differ
   */
  public static void assertStack(StackDefinition stack, Path dir) {
    assertStack(stack, dir, Map.of(), false);
  }

  /**
   * {@link #assertStack(StackDefinition, Path)} with parameter values ({@code --set}) and the layout of
   * {@code --single-file}.
   */
  public static void assertStack(StackDefinition stack, Path dir, Map<String, String> settings, boolean singleFile) {
    Synthesis synthesis = Synthesizer.synthesize(List.of(stack), List.of(), settings);
    if (synthesis.hasErrors()) {
      StringBuilder message = new StringBuilder("stack " + stack.name() + " has errors, so nothing is compared:\n");
      for (Finding finding : synthesis.findings()) {
        message.append(finding.format()).append('\n');
      }
      throw new AssertionError(message.toString());
    }
    GoldenFiles.assertMatches(OutputLayout.files(synthesis, singleFile), dir, OutputLayout.scopes(synthesis),
        "\nOr regenerate the folder as synth does: mvn portico:synth (or portico synth --out " + dir + ").");
  }
}
