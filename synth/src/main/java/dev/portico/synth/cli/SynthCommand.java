package dev.portico.synth.cli;

import dev.portico.dsl.Parameter;
import dev.portico.dsl.StackDefinition;
import dev.portico.synth.report.FindingFormat;
import dev.portico.synth.report.FindingReport;
import dev.portico.synth.report.SourcePaths;
import dev.portico.synth.run.SynthRun;
import dev.portico.synth.run.ValidateRun;
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
        "those no stack and environment produces any more, a partial run only those within what it synthesized.",
        "Findings go to standard output, the one-line summary to standard error."})
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

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "How findings are printed: text (the default: one line each), json (one array, for scripts), sarif "
          + "(SARIF 2.1.0, for GitHub code scanning) or github (GitHub Actions annotations). With json, sarif and github, "
          + "--check prints its diffs to standard error.")
  FindingFormat format;

  @Option(names = "--ignore", paramLabel = "RULE-ID",
      description = "Do not report the warnings of this rule (repeatable; or several ids separated by commas); counted "
          + "in the summary line. Errors are always reported: synth writes nothing the API server would reject. An id "
          + "that names no rule is a usage error.")
  List<String> ignore = new java.util.ArrayList<>();

  @CommandLine.Mixin
  ClusterOptions cluster = new ClusterOptions();

  @Option(names = "--list", description = "List the registered stacks with their environments and parameters, then exit.")
  boolean list;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    try (StackOptions.Registered registered = selection.registered()) {
      if (list) {
        list(registered.stacks(), stdout);
        return 0;
      }
      OutputWriter.checkOutputFolder("--out", out);
      SynthRun.Options options = new SynthRun.Options(selection.selection(), out, singleFile, check,
          ValidateRun.ignoredRules(ignore, "--ignore"), cluster.facts());
      SynthRun.Result result;
      try (Progress progress = Progress.start(stderr, terminal, Progress.DEFAULT_DELAY_MILLIS)) {
        result = registered.run(() -> SynthRun.run(registered.stacks(),
            options, progress::status));
      }
      SourcePaths paths = SourcePaths.of(Path.of(""), selection.sourceRoots(),
          result.stacks().stream().map(stack -> stack.getClass().getPackageName()).toList());
      FindingReport.print(format, result.findings(), paths, stdout);
      PrintWriter diffs = format == FindingFormat.TEXT ? stdout : stderr;
      result.diffs().forEach(diffs::print);
      diffs.flush();
      stderr.println(result.summary());
      stderr.flush();
      return result.exitCode();
    }
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
}
