package dev.portico.synth.validate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every rule id Portico can report ({@code rule-ids.txt} beside this class; a test keeps it equal to
 * the ids the sources report), so that {@code --ignore} and the {@code portico.dev/ignore}
 * annotation can refuse an id that names no rule instead of silently ignoring nothing. Read on
 * first use.
 */
public final class RuleCatalog {
  private static final class Ids {
    static final Set<String> ALL = load();
  }

  private RuleCatalog() {}

  /** Every rule id, sorted. */
  public static Set<String> ids() {
    return Ids.ALL;
  }

  /** True when {@code id} names a rule. */
  public static boolean isKnown(String id) {
    return Ids.ALL.contains(id);
  }

  /**
   * Why {@code id} names no rule, with the closest rule id when one is near (a typo), e.g.
   * {@code service.port-nam is not a Portico rule id; did you mean service.port-name?} (quoted).
   */
  public static String unknown(String id) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : Ids.ALL) {
      int distance = distance(id, known, bestDistance);
      if (distance < bestDistance) {
        best = known;
        bestDistance = distance;
      }
    }
    boolean near = best != null && bestDistance <= Math.max(2, id.length() / 5);
    return Messages.quote(id) + " is not a Portico rule id" + (near ? "; did you mean " + best + "?"
        : "; the README's \"What is checked\" table lists them (e.g. service.port-name, validate.not-checked)");
  }

  /** Levenshtein distance, or {@code limit} once it is certain to be at least that. */
  private static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) >= limit) {
      return limit;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int rowMin = current[0];
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
        rowMin = Math.min(rowMin, current[j]);
      }
      if (rowMin >= limit) {
        return limit;
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static Set<String> load() {
    try (InputStream in = RuleCatalog.class.getResourceAsStream("rule-ids.txt")) {
      if (in == null) {
        throw new IllegalStateException("rule-ids.txt is missing beside " + RuleCatalog.class.getName());
      }
      Set<String> ids = new TreeSet<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          ids.add(line.strip());
        }
      }
      return java.util.Collections.unmodifiableSet(ids);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
