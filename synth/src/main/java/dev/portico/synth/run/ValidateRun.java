package dev.portico.synth.run;

import dev.portico.synth.UsageException;
import dev.portico.synth.read.ManifestReader;
import dev.portico.synth.validate.ClusterFacts;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** {@code portico validate} and {@code portico:validate}: the rules over YAML files and folders. */
public final class ValidateRun {
  private ValidateRun() {}

  /**
   * How to run.
   *
   * @param paths files, folders, {@code -} for standard input
   * @param ignore rule ids whose findings are not reported (counted and listed in the summary)
   * @param facts the cluster's node-port range
   * @param summary whether to make {@link Result#report()}, the per-file summary
   */
  public record Options(List<String> paths, Set<String> ignore, ClusterFacts facts, boolean summary) {
    public Options {
      paths = List.copyOf(paths);
      ignore = Set.copyOf(ignore);
      java.util.Objects.requireNonNull(facts, "facts");
    }
  }

  /**
   * What a run found.
   *
   * @param exitCode 0, or 1 when there is an error
   * @param findings every finding reported, sorted
   * @param ignored the findings ignored rules silenced, sorted
   * @param summary one line, e.g. {@code portico validate: 3 documents, 3 objects checked; 0 errors, 1 warning (0.20 s)}
   * @param report with {@link Options#summary()}: the per-file summary and the ignores, a line each; else empty
   */
  public record Result(int exitCode, List<Finding> findings, List<Finding> ignored, String summary,
      List<String> report) {
    public Result {
      findings = List.copyOf(findings);
      ignored = List.copyOf(ignored);
      report = List.copyOf(report);
    }
  }

  /**
   * The rule ids {@code values} name, for {@link Options#ignore()}: each value one id or several
   * separated by commas.
   *
   * @param option how the caller names the option in a usage error ({@code --ignore}, {@code portico.ignore})
   * @throws UsageException for an id that names no rule
   */
  public static Set<String> ignoredRules(Collection<String> values, String option) {
    return Ignores.parse(values, option);
  }

  /**
   * The cluster facts of a node-port range {@code value} ({@code A-B}; null: the API server's defaults),
   * for {@link Options#facts()}.
   *
   * @param option how the caller names the option in a usage error ({@code --node-port-range}, {@code portico.nodePortRange})
   * @throws UsageException for a range that is not A-B with 1 <= A <= B <= 65535
   */
  public static ClusterFacts clusterFacts(String value, String option) {
    if (value == null) {
      return ClusterFacts.DEFAULT;
    }
    try {
      return ClusterFacts.nodePortRange(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + " " + e.getMessage());
    }
  }

  /**
   * Validates {@code paths}: files, folders (every {@code .yaml}/{@code .yml} below them), {@code -} for {@code stdin}.
   *
   * @throws UsageException when a path does not exist or holds no YAML file
   */
  public static Result run(List<String> paths, InputStream stdin) throws IOException {
    return run(new Options(paths, Set.of(), ClusterFacts.DEFAULT, false), stdin);
  }

  /**
   * Validates {@code options.paths()} with its ignores and cluster facts.
   *
   * @throws UsageException when a path does not exist or holds no YAML file
   */
  public static Result run(Options options, InputStream stdin) throws IOException {
    long start = System.nanoTime();
    ManifestReader.Input input = ManifestReader.read(options.paths(), stdin);
    List<Finding> all = new ArrayList<>(input.findings());
    all.addAll(Validator.validate(input.resources(), input.podSets(), null, Scope.OPEN, options.facts()));
    all.sort(Finding.ORDER);
    Ignores ignores = Ignores.forValidate(new java.util.TreeSet<>(options.ignore()), input.ignores());
    List<Finding> findings = ignores.apply(all);
    List<Finding> ignored = ignores.ignored();
    long errors = Counts.errors(findings);
    int patches = input.sections().stream().mapToInt(ManifestReader.Section::patches).sum();
    String summary = "portico validate: " + Counts.plural(input.documents(), "document") + ", "
        + Counts.plural(input.objects(), "object") + " checked" + (patches == 0 ? "" : ", "
        + Counts.plural(patches, "patch", "patches") + " checked as patches") + "; "
        + Counts.findings(findings) + (ignores.any() ? ", " + ignored.size() + " ignored" : "")
        + " (" + Counts.seconds(start) + ")";
    return new Result(errors > 0 ? 1 : 0, findings, ignored, summary, options.summary()
        ? FileSummary.lines(input.sections(), findings, ignored, ignores.report()) : List.of());
  }
}
