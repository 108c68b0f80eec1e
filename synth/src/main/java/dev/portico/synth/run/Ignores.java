package dev.portico.synth.run;

import dev.portico.synth.UsageException;
import dev.portico.synth.read.ManifestReader;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.RuleCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rules silenced on purpose: {@code --ignore RULE-ID} for a whole run, the
 * {@value ManifestReader#IGNORE_ANNOTATION} annotation for one object. Nothing is silenced
 * without a trace: every ignored finding is counted, and each ignore is listed with what it
 * silenced ({@link #report()}), those that silenced nothing included.
 */
final class Ignores {
  /** One ignore and the findings it silenced. */
  private static final class Directive {
    final String label;
    final List<Finding> silenced = new ArrayList<>();

    Directive(String label) {
      this.label = label;
    }
  }

  private final Map<String, Directive> byRule = new LinkedHashMap<>();
  private final Map<String, List<Map.Entry<ManifestReader.Ignore, Directive>>> byObject = new HashMap<>();
  private final List<Directive> annotations = new ArrayList<>();
  private final boolean warningsOnly;

  private Ignores(boolean warningsOnly) {
    this.warningsOnly = warningsOnly;
  }

  /**
   * The rule ids {@code values} name (each value one id or several separated by commas), sorted.
   *
   * @param option how the caller names the option in a usage error, e.g. {@code --ignore}
   * @throws UsageException for an id that names no rule, with the closest id when one is near
   */
  static Set<String> parse(Collection<String> values, String option) {
    Set<String> ids = new TreeSet<>();
    for (String value : values) {
      for (String id : value.split(",", -1)) {
        if (id.isEmpty()) {
          throw new UsageException(option + " \"" + value + "\": an empty rule id; give RULE-ID (or several "
              + "separated by commas, without spaces), e.g. " + option + " validate.not-checked");
        }
        if (!RuleCatalog.isKnown(id)) {
          throw new UsageException(option + " " + id + ": " + RuleCatalog.unknown(id));
        }
        ids.add(id);
      }
    }
    return ids;
  }

  /** The ignores of a {@code validate} run: every finding of {@code rules}, and of the annotations' rules on their objects. */
  static Ignores forValidate(Set<String> rules, List<ManifestReader.Ignore> annotations) {
    Ignores ignores = new Ignores(false);
    ignores.rules(rules);
    for (ManifestReader.Ignore annotation : annotations) {
      Directive directive = new Directive(annotation.file() + ":" + annotation.line() + ": " + annotation.object() + ": "
          + ManifestReader.IGNORE_ANNOTATION + " " + (annotation.rules().isEmpty() ? "(no known rule)"
              : String.join(",", annotation.rules())));
      ignores.annotations.add(directive);
      ignores.byObject.computeIfAbsent(annotation.file() + "\u0000" + annotation.object(), k -> new ArrayList<>())
          .add(Map.entry(annotation, directive));
    }
    return ignores;
  }

  /** The ignores of a {@code synth} run: the warnings of {@code rules}; errors are never silenced there. */
  static Ignores forSynth(Set<String> rules) {
    Ignores ignores = new Ignores(true);
    ignores.rules(rules);
    return ignores;
  }

  private void rules(Set<String> rules) {
    for (String rule : rules) {
      byRule.put(rule, new Directive("--ignore " + rule));
    }
  }

  /** True when there is any ignore, so the summaries count what was ignored. */
  boolean any() {
    return !byRule.isEmpty() || !annotations.isEmpty();
  }

  /** {@code findings} without the ignored ones, which are counted and kept for {@link #report()}. */
  List<Finding> apply(List<Finding> findings) {
    if (!any()) {
      return findings;
    }
    List<Finding> kept = new ArrayList<>(findings.size());
    for (Finding finding : findings) {
      Directive directive = directive(finding);
      if (directive == null) {
        kept.add(finding);
      } else {
        directive.silenced.add(finding);
      }
    }
    return kept;
  }

  private Directive directive(Finding finding) {
    if (warningsOnly && finding.isError()) {
      return null;
    }
    Directive directive = byRule.get(finding.rule());
    if (directive != null) {
      return directive;
    }
    var onObject = byObject.get(finding.location().file() + "\u0000" + finding.object());
    if (onObject != null) {
      for (var entry : onObject) {
        if (entry.getKey().rules().contains(finding.rule())) {
          return entry.getValue();
        }
      }
    }
    return null;
  }

  /** Every ignored finding. */
  List<Finding> ignored() {
    List<Finding> all = new ArrayList<>();
    byRule.values().forEach(d -> all.addAll(d.silenced));
    annotations.forEach(d -> all.addAll(d.silenced));
    all.sort(Finding.ORDER);
    return all;
  }

  /**
   * One line per ignore with what it silenced, e.g. {@code --ignore validate.not-checked: 3 warnings}
   * or {@code k8s/web.yaml:6: Service/shop/web: portico.dev/ignore service.port-name: nothing}.
   */
  List<String> report() {
    List<String> lines = new ArrayList<>();
    byRule.values().forEach(d -> lines.add(line(d)));
    annotations.forEach(d -> lines.add(line(d)));
    return lines;
  }

  private static String line(Directive directive) {
    if (directive.silenced.isEmpty()) {
      return directive.label + ": nothing (no such finding)";
    }
    long errors = directive.silenced.stream().filter(Finding::isError).count();
    long warnings = directive.silenced.size() - errors;
    List<String> parts = new ArrayList<>();
    if (errors > 0) {
      parts.add(Counts.plural(errors, "error"));
    }
    if (warnings > 0) {
      parts.add(Counts.plural(warnings, "warning"));
    }
    return directive.label + ": " + String.join(", ", parts);
  }
}
