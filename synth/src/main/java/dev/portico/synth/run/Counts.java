package dev.portico.synth.run;

import dev.portico.synth.Synthesis;
import dev.portico.synth.validate.Finding;
import java.util.List;
import java.util.Locale;

/** The pieces of the one-line summaries. */
final class Counts {
  private Counts() {}

  /** {@code 1 stack, 2 environments, 12 resources}. */
  static String synthesis(int stacks, Synthesis synthesis) {
    return plural(stacks, "stack") + ", " + plural(synthesis.outputs().size(), "environment") + ", "
        + plural(synthesis.resourceCount(), "resource");
  }

  /** {@code 1 error, 2 warnings}. */
  static String findings(List<Finding> findings) {
    long errors = errors(findings);
    return plural(errors, "error") + ", " + plural(findings.size() - errors, "warning");
  }

  static long errors(List<Finding> findings) {
    return findings.stream().filter(Finding::isError).count();
  }

  static String plural(long count, String noun) {
    return plural(count, noun, noun + "s");
  }

  /** {@code 1 patch}, {@code 2 patches}: for a noun whose plural is not its singular plus "s". */
  static String plural(long count, String singular, String plural) {
    return count + " " + (count == 1 ? singular : plural);
  }

  static String seconds(long startNanos) {
    return String.format(Locale.ROOT, "%.2f s", (System.nanoTime() - startNanos) / 1e9);
  }
}
