package dev.portico.synth.cli;

import dev.portico.synth.UsageException;
import dev.portico.synth.write.OutputException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code portico} command. Exit codes: 0 success, 1 findings or drift, 2 usage error, 70 a bug in Portico. */
@Command(
    name = "portico",
    mixinStandardHelpOptions = true,
    versionProvider = Portico.Version.class,
    description = {
        "Synthesizes validated Kubernetes manifests (Services, Ingress, Gateway API, Istio) from typed Java",
        "stacks, validates manifests written by hand, and shows how every app is reached."},
    footer = {"",
        "Exit codes: 0 success; 1 validation errors, drift (--check) or an output folder Portico cannot",
        "use (locked, not writable, full); 2 usage error; 70 an internal error (a bug in Portico: please report",
        "it with the stack trace)."})
public final class Portico implements Runnable {
  /** Exit code for findings with errors, or drift. */
  public static final int FINDINGS = 1;
  /** Exit code for a bug in Portico. */
  public static final int INTERNAL_ERROR = 70;
  private static final int TRACE_FRAMES = 60;
  /** picocli's property naming built-in converters to leave out (a regular expression of class names). */
  private static final String NO_CONVERTERS_PROPERTY = "picocli.converters.excludes";

  /** Set by this repository's ./portico, which runs on the bundled examples. */
  static final String EXAMPLES_PROPERTY = "portico.examples";
  private static final List<String> EXAMPLES_NOTE = List.of("",
      "This ./portico runs on the example stacks of the Portico repository (examples/). For your own project's",
      "stacks, use the Maven plugin (mvn portico:synth) or the portico-cli jar with --classpath:",
      "java -jar portico-cli-VERSION.jar synth --classpath target/classes:... (README: Use Portico in your project).");

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // no option is of a java.sql or java.time type: picocli need not look their converters up by reflection
    if (System.getProperty(NO_CONVERTERS_PROPERTY) == null) {
      System.setProperty(NO_CONVERTERS_PROPERTY, "java\\.sql\\..*|java\\.time\\..*");
    }
    // UTF-8 as Java 18+ writes by default, so Java 17 in a non-UTF-8 locale prints the same bytes (e.g. routes' arrows)
    System.exit(run(args, System.in,
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        Progress.stderrIsTerminal()));
  }

  /** Runs the CLI with the given streams and returns the exit code (used by tests too). */
  public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
    return run(args, in, out, err, false);
  }

  /** {@link #run(String[], InputStream, PrintWriter, PrintWriter)}; {@code terminal}: err is a terminal, for progress. */
  static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err, boolean terminal) {
    // picocli's model of the commands from CommandSpecs, not from their annotations, and only of the command
    // named first when there is one: what picocli sets up takes time on every run (issue 14)
    CommandLine commandLine = new CommandLine(CommandSpecs.portico(new Portico()));
    String first = args.length == 0 ? "" : args[0];
    boolean all = !List.of("synth", "validate", "routes").contains(first);
    if (all || first.equals("synth")) {
      commandLine.addSubcommand(CommandSpecs.synth(new SynthCommand(terminal)));
    }
    if (all || first.equals("validate")) {
      commandLine.addSubcommand(CommandSpecs.validate(new ValidateCommand(in)));
    }
    if (all || first.equals("routes")) {
      commandLine.addSubcommand(CommandSpecs.routes(new RoutesCommand()));
    }
    if (all) {
      commandLine.addSubcommand(new CommandLine.HelpCommand());
    }
    commandLine
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUsageHelpWidth(110)
        .setExecutionExceptionHandler(new ExceptionHandler());
    if (Boolean.getBoolean(EXAMPLES_PROPERTY)) {
      List<String> footer = new ArrayList<>(List.of(commandLine.getCommandSpec().usageMessage().footer()));
      footer.addAll(EXAMPLES_NOTE);
      commandLine.getCommandSpec().usageMessage().footer(footer.toArray(new String[0]));
    }
    int code;
    try {
      code = commandLine.execute(args);
    } catch (Throwable e) { // errors (OutOfMemoryError, StackOverflowError) pass picocli's handler by
      code = internalError(e, err);
    }
    out.flush();
    err.flush();
    return code;
  }

  /**
   * A command's exception: a usage error (exit 2) or an output folder Portico cannot use (exit 1) in one line,
   * anything else as {@link #internalError}. A class, not a lambda: JDK 17's class-data archive holds no lambda
   * of picocli's interfaces (Java 5 class files), so the JVM would generate one on every run.
   */
  private static final class ExceptionHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
      if (e instanceof UsageException) {
        cmd.getErr().println("portico: " + e.getMessage());
        cmd.getErr().println("Try 'portico " + cmd.getCommandName() + " --help' for more information.");
        return CommandLine.ExitCode.USAGE;
      }
      if (e instanceof OutputException) {
        cmd.getErr().println("portico: " + e.getMessage());
        return FINDINGS;
      }
      return internalError(e, cmd.getErr());
    }
  }

  /**
   * Any other failure is a bug in Portico: one line that says so, then the trace to report (at most
   * {@value #TRACE_FRAMES} frames of each, so a StackOverflowError does not print a thousand).
   */
  private static int internalError(Throwable e, PrintWriter err) {
    try {
      err.println("portico: internal error (a bug in Portico, not in your input): " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")) + "; please report it"
          + " with the trace below");
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        err.println((t == e ? "" : "Caused by: ") + t);
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, TRACE_FRAMES); i++) {
          err.println("\tat " + frames[i]);
        }
        if (frames.length > TRACE_FRAMES) {
          err.println("\t... " + (frames.length - TRACE_FRAMES) + " more");
        }
      }
      err.flush();
    } catch (Throwable ignored) {
      // out of memory again while printing: the exit code still says what happened
    }
    return INTERNAL_ERROR;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: synth, validate or routes");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"portico " + dev.portico.synth.PorticoVersion.get()};
    }
  }
}
