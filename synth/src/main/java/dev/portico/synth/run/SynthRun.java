package dev.portico.synth.run;

import dev.portico.dsl.StackDefinition;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.UsageException;
import dev.portico.synth.validate.ClusterFacts;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.write.DriftCheck;
import dev.portico.synth.write.OutputFile;
import dev.portico.synth.write.OutputLayout;
import dev.portico.synth.write.OutputScope;
import dev.portico.synth.write.OutputWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code portico synth} and {@code portico:synth}: synthesize the selected stacks and write them
 * to the output folder, or with {@code check} compare the folder with what would be written.
 * A run with an error writes nothing.
 */
public final class SynthRun {
  private SynthRun() {}

  /**
   * How to run.
   *
   * @param selection the stacks, environments and settings
   * @param out the output folder
   * @param singleFile one multi-document file per stack environment instead of a folder
   * @param check write nothing; report drift instead
   * @param ignore rule ids whose warnings are not reported (counted in the summary); their errors still are
   * @param facts the cluster's node-port range
   */
  public record Options(Selection selection, Path out, boolean singleFile, boolean check, Set<String> ignore,
      ClusterFacts facts) {
    public Options {
      ignore = Set.copyOf(ignore);
      java.util.Objects.requireNonNull(facts, "facts");
    }

    /** Options without ignores, for the API server's default node-port range. */
    public Options(Selection selection, Path out, boolean singleFile, boolean check) {
      this(selection, out, singleFile, check, Set.of(), ClusterFacts.DEFAULT);
    }
  }

  /**
   * What a run did.
   *
   * @param exitCode 0, or 1 for errors or drift
   * @param stacks the stacks synthesized
   * @param findings every finding, sorted
   * @param diffs with {@code check}: a unified diff per file that differs; otherwise empty
   * @param summary one line, e.g. {@code portico synth: 1 stack, 2 environments, 12 resources; 0 errors,
   *     0 warnings; out: 12 written, 0 unchanged, 0 removed (0.31 s)}
   */
  public record Result(int exitCode, List<StackDefinition> stacks, List<Finding> findings, List<String> diffs,
      String summary) {
    public Result {
      stacks = List.copyOf(stacks);
      findings = List.copyOf(findings);
      diffs = List.copyOf(diffs);
    }
  }

  /**
   * Runs synth over {@code registered} stacks.
   *
   * @param progress told what the run is doing, for a progress line
   * @throws UsageException for an unknown stack, environment or parameter, a bad value, or an output folder
   *     that is empty, a file or below a file
   * @throws dev.portico.synth.write.OutputException when the output folder cannot take the output (locked,
   *     a link or something else in the way, not writable, full, a corrupt file list); it is then as it was
   */
  public static Result run(List<StackDefinition> registered, Options options, Consumer<String> progress)
      throws IOException {
    long start = System.nanoTime();
    List<StackDefinition> selected = options.selection().select(registered);
    Path out = options.out();
    OutputWriter.checkOutputFolder(out);
    Synthesis synthesis = Synthesizer.synthesize(selected, options.selection().environments(),
        options.selection().settings(), options.facts(), progress);
    // --ignore silences warnings only: an error would have the output written with what the API server rejects
    Ignores ignores = Ignores.forSynth(new java.util.TreeSet<>(options.ignore()));
    List<Finding> findings = ignores.apply(synthesis.findings());
    String counts = Counts.synthesis(selected.size(), synthesis);
    long keptErrors = findings.stream().filter(f -> f.isError() && options.ignore().contains(f.rule())).count();
    String findingCounts = Counts.findings(findings) + (ignores.any() ? ", " + ignores.ignored().size() + " ignored"
        + (keptErrors == 0 ? "" : " (" + Counts.plural(keptErrors, "error") + " of ignored rules reported: --ignore "
            + "silences warnings only in synth)") : "");
    if (synthesis.hasErrors()) {
      return new Result(1, selected, findings, List.of(), "portico synth: " + counts + "; " + findingCounts + "; nothing written (" + Counts.seconds(start) + ")");
    }
    progress.accept("rendering " + Counts.plural(synthesis.resourceCount(), "resource"));
    List<OutputFile> files = OutputLayout.files(synthesis, options.singleFile());
    // a full run (every stack, every environment) prunes whatever no stack environment produces any more
    OutputScope scope = OutputLayout.scope(synthesis, options.selection().isAll());
    String partial = scope.note().isEmpty() ? "" : "; " + scope.note();
    if (options.check()) {
      progress.accept("comparing with " + out);
      List<String> diffs = DriftCheck.diff(out, files, scope);
      String state = diffs.isEmpty() ? out + " is up to date"
          : Counts.plural(diffs.size(), "file") + (diffs.size() == 1 ? " differs from " : " differ from ") + out;
      return new Result(diffs.isEmpty() ? 0 : 1, selected, findings, diffs, "portico synth --check: " + counts + "; "
          + findingCounts + "; " + state + partial + " (" + Counts.seconds(start) + ")");
    }
    progress.accept("writing " + Counts.plural(files.size(), "file"));
    OutputWriter.Result result = OutputWriter.write(out, files, scope);
    return new Result(0, selected, findings, List.of(), "portico synth: " + counts + "; " + findingCounts + "; " + out
        + ": " + result.written() + " written, " + result.unchanged() + " unchanged, " + result.removed() + " removed"
        + (result.stagingRemoved() == 0 ? "" : ", " + Counts.plural(result.stagingRemoved(), "staging folder")
            + " of killed runs removed")
        + partial + " (" + Counts.seconds(start) + ")");
  }
}
