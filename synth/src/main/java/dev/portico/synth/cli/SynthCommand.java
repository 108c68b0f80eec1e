package dev.portico.synth.cli;

import dev.portico.dsl.Parameter;
import dev.portico.dsl.StackDefinition;
import dev.portico.synth.Synthesis;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.write.DriftCheck;
import dev.portico.synth.write.OutputFile;
import dev.portico.synth.write.OutputLayout;
import dev.portico.synth.write.OutputScope;
import dev.portico.synth.write.OutputWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code portico synth}: stacks to manifests. */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Synthesizes stacks into validated manifests.",
        "",
        "Writes DIR/<stack>/<env>/<kind>-<name>.yaml, one object a file, plus a kustomization.yaml per folder. Every problem is reported at once as",
        "FILE:LINE: error: KIND/NAME: FIELD.PATH: MESSAGE [RULE-ID]; a run with an error writes nothing.",
        "A run is all or nothing: files are staged inside DIR, then moved into place; a failure restores the previous",
        "output. One run at a time holds DIR (DIR/.portico-lock); a link inside DIR is never followed. Only files",
        "Portico wrote (listed in DIR/.portico-files) are ever removed: a full run (no --stack, no --env) removes",
        "those no stack and environment produces any more, a partial run only those within what it synthesized."})
final class SynthCommand implements Callable<Integer> {
  /** Whether standard error is a terminal, for the progress line; never in tests. */
  private final boolean terminal;

  SynthCommand() {
    this(false);
  }

  SynthCommand(boolean terminal) {
    this.terminal = terminal;
  }


  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  StackOptions selection = new StackOptions();

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
      description = "Output folder (default: ${DEFAULT-VALUE}); not empty, not a file.")
  Path out;

  @Option(names = "--single-file",
      description = "Write one multi-document DIR/<stack>/<env>.yaml per environment instead of a folder.")
  boolean singleFile;

  @Option(names = "--check",
      description = "Write nothing; exit 1 and print a unified diff if DIR differs from what would be written"
          + " (pruning included).")
  boolean check;

  @Option(names = "--list", description = "List the registered stacks with their environments and parameters, then exit.")
  boolean list;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    List<StackDefinition> registered = StackOptions.registered();
    if (list) {
      list(registered, stdout);
      return 0;
    }
    List<StackDefinition> selected = selection.select(registered);
    OutputWriter.checkOutputFolder(out);
    try (Progress progress = Progress.start(stderr, terminal, Progress.DEFAULT_DELAY_MILLIS)) {
      return synthesize(selected, progress, start, stdout, stderr);
    }
  }

  private int synthesize(List<StackDefinition> selected, Progress progress, long start, PrintWriter stdout,
      PrintWriter stderr) throws java.io.IOException {
    Synthesis synthesis = selection.synthesize(selected, progress);
    if (!synthesis.findings().isEmpty()) {
      progress.close(); // before anything else is printed
    }
    for (Finding finding : synthesis.findings()) {
      stdout.println(finding.format());
    }
    long errors = synthesis.findings().stream().filter(Finding::isError).count();
    long warnings = synthesis.findings().size() - errors;
    String counts = counts(selected.size(), synthesis);
    String findingCounts = plural(errors, "error") + ", " + plural(warnings, "warning");
    if (errors > 0) {
      progress.close();
      stderr.println("portico synth: " + counts + "; " + findingCounts + "; nothing written (" + seconds(start) + ")");
      return Portico.FINDINGS;
    }
    progress.status("rendering " + plural(synthesis.resourceCount(), "resource"));
    List<OutputFile> files = OutputLayout.files(synthesis, singleFile);
    OutputScope scope = OutputLayout.scope(synthesis, selection.stacks.isEmpty() && selection.environments.isEmpty());
    String partial = scope.note().isEmpty() ? "" : "; " + scope.note();
    if (check) {
      progress.status("comparing with " + out);
      List<String> diffs = DriftCheck.diff(out, files, scope);
      progress.close();
      diffs.forEach(stdout::print);
      stderr.println("portico synth --check: " + counts + "; " + findingCounts + "; "
          + (diffs.isEmpty() ? "" + out + " is up to date"
              : plural(diffs.size(), "file") + (diffs.size() == 1 ? " differs from " : " differ from ") + out)
          + partial + " (" + seconds(start) + ")");
      return diffs.isEmpty() ? 0 : Portico.FINDINGS;
    }
    progress.status("writing " + plural(files.size(), "file"));
    OutputWriter.Result result = OutputWriter.write(out, files, scope);
    progress.close();
    stderr.println("portico synth: " + counts + "; " + findingCounts + "; " + out + ": "
        + result.written() + " written, " + result.unchanged() + " unchanged, " + result.removed() + " removed"
        + (result.stagingRemoved() == 0 ? "" : ", " + plural(result.stagingRemoved(), "staging folder")
            + " of killed runs removed")
        + partial + " (" + seconds(start) + ")");
    return 0;
  }

  private static void list(List<StackDefinition> stacks, PrintWriter out) {
    for (StackDefinition stack : stacks) {
      out.println(stack.name() + "  namespace " + stack.namespace() + "  environments "
          + String.join(", ", stack.environments()) + "  (" + stack.getClass().getName() + ")");
      for (Parameter<?> parameter : stack.parameters()) {
        out.println("  --set " + parameter.name() + "=<" + parameter.typeName() + ">  default "
            + parameter.defaultValue() + "  " + parameter.description());
      }
    }
  }

  /** {@code 1 stack, 2 environments, 12 resources}. */
  static String counts(int stacks, Synthesis synthesis) {
    return plural(stacks, "stack") + ", " + plural(synthesis.outputs().size(), "environment") + ", "
        + plural(synthesis.resourceCount(), "resource");
  }

  static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  static String seconds(long startNanos) {
    return String.format(java.util.Locale.ROOT, "%.2f s", (System.nanoTime() - startNanos) / 1e9);
  }
}
