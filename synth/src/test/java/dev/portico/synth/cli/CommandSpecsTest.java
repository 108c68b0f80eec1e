package dev.portico.synth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.testing.GeneratedSource;
import dev.portico.synth.report.FindingFormat;
import dev.portico.synth.run.RoutesRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@link CommandSpecs}: written by {@link CommandSpecsGenerator}, and the very specs picocli reads from the annotations. */
class CommandSpecsTest {
  private static final Path SOURCE = Path.of("src/main/java/dev/portico/synth/cli/CommandSpecs.java");

  /** The generated spec of each command, by the method name the generator gives it. */
  private static final Map<String, Function<Object, CommandSpec>> GENERATED = Map.of(
      "portico", command -> CommandSpecs.portico((Portico) command),
      "synth", command -> CommandSpecs.synth((SynthCommand) command),
      "validate", command -> CommandSpecs.validate((ValidateCommand) command),
      "routes", command -> CommandSpecs.routes((RoutesCommand) command));

  @Test
  void generatedSourceIsCurrent() throws IOException {
    GeneratedSource.assertCurrent(SOURCE, CommandSpecsGenerator.source(), CommandSpecsTest.class,
        "the commands' annotations");
  }

  @Test
  void everyCommandIsGenerated() {
    assertEquals(GENERATED.keySet(), CommandSpecsGenerator.targets().stream()
        .map(CommandSpecsGenerator.Target::method).collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void generatedSpecsAreTheAnnotatedOnes() {
    CommandLine annotated = tree(target -> CommandSpec.forAnnotatedObject(fresh(target)));
    CommandLine generated = tree(target -> GENERATED.get(target.method()).apply(fresh(target)));
    List<CommandLine> annotatedCommands = commands(annotated);
    List<CommandLine> generatedCommands = commands(generated);
    assertEquals(annotatedCommands.size(), generatedCommands.size());
    for (int i = 0; i < annotatedCommands.size(); i++) {
      CommandSpec expected = annotatedCommands.get(i).getCommandSpec();
      CommandSpec actual = generatedCommands.get(i).getCommandSpec();
      List<String> expectedLines = describe(expected).lines().toList();
      List<String> actualLines = describe(actual).lines().toList();
      for (int line = 0; line < Math.min(expectedLines.size(), actualLines.size()); line++) {
        assertEquals(expectedLines.get(line), actualLines.get(line), expected.qualifiedName());
      }
      assertEquals(expectedLines.size(), actualLines.size(), expected.qualifiedName());
      assertEquals(annotatedCommands.get(i).getUsageMessage(), generatedCommands.get(i).getUsageMessage(),
          expected.qualifiedName());
    }
  }

  @Test
  void optionsSetTheAnnotatedFields() {
    SynthCommand synth = new SynthCommand();
    CommandLine root = new CommandLine(CommandSpecs.portico(new Portico()))
        .addSubcommand(CommandSpecs.synth(synth))
        .setCaseInsensitiveEnumValuesAllowed(true);
    root.parseArgs("synth", "-cp", "a:b", "--stack", "s", "--stack", "t", "--env", "e", "--set", "k=v", "--out", "o",
        "--single-file", "--check", "--format", "json", "--ignore", "r", "--node-port-range", "1-2", "--list");
    assertEquals("a:b", synth.selection.classpath);
    assertEquals(List.of("s", "t"), synth.selection.stacks);
    assertEquals(List.of("e"), synth.selection.environments);
    assertEquals(Map.of("k", "v"), synth.selection.settings);
    assertEquals(Path.of("o"), synth.out);
    assertTrue(synth.singleFile && synth.check && synth.list);
    assertSame(FindingFormat.JSON, synth.format);
    assertEquals(List.of("r"), synth.ignore);
    assertEquals("1-2", synth.cluster.nodePortRange);
    assertSame(root.getSubcommands().get("synth").getCommandSpec(), synth.spec);

    SynthCommand defaults = new SynthCommand();
    new CommandLine(CommandSpecs.portico(new Portico())).addSubcommand(CommandSpecs.synth(defaults))
        .parseArgs("synth");
    assertEquals(Path.of("out"), defaults.out);
    assertSame(FindingFormat.TEXT, defaults.format);
    assertFalse(defaults.singleFile || defaults.check || defaults.list);
    assertNull(defaults.selection.classpath);
    assertEquals(List.of(), defaults.selection.stacks);

    ValidateCommand validate = new ValidateCommand(InputStream.nullInputStream());
    new CommandLine(CommandSpecs.portico(new Portico())).addSubcommand(CommandSpecs.validate(validate))
        .parseArgs("validate", "--summary", "--ignore", "x,y", "a.yaml", "-", "--format", "sarif");
    assertEquals(List.of("a.yaml", "-"), validate.paths);
    assertTrue(validate.summary);
    assertEquals(List.of("x,y"), validate.ignore);
    assertSame(FindingFormat.SARIF, validate.format);

    RoutesCommand routes = new RoutesCommand();
    new CommandLine(CommandSpecs.portico(new Portico())).addSubcommand(CommandSpecs.routes(routes))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .parseArgs("routes", "--format", "MERMAID", "--env", "prod");
    assertSame(RoutesRun.Format.mermaid, routes.format);
    assertEquals(List.of("prod"), routes.selection.environments);
  }

  /** The root command with every subcommand, in Portico's order, each spec made by {@code spec}. */
  private static CommandLine tree(Function<CommandSpecsGenerator.Target, CommandSpec> spec) {
    List<CommandSpecsGenerator.Target> targets = CommandSpecsGenerator.targets();
    CommandLine root = new CommandLine(spec.apply(targets.get(0))).setUsageHelpWidth(110);
    for (CommandSpecsGenerator.Target target : targets.subList(1, targets.size())) {
      root.addSubcommand(spec.apply(target));
    }
    return root.addSubcommand(new CommandLine.HelpCommand()).setUsageHelpWidth(110);
  }

  private static List<CommandLine> commands(CommandLine root) {
    List<CommandLine> commands = new ArrayList<>(List.of(root));
    commands.addAll(root.getSubcommands().values());
    return commands;
  }

  /** A new instance of the target's command, so the two specs do not share one. */
  private static Object fresh(CommandSpecsGenerator.Target target) {
    return CommandSpecsGenerator.targets().stream().filter(candidate -> candidate.method().equals(target.method()))
        .findFirst().orElseThrow().command();
  }

  /** Everything of a command's spec that picocli uses to parse and to print. */
  private static String describe(CommandSpec spec) {
    StringBuilder out = new StringBuilder();
    out.append("name ").append(spec.name()).append(" aliases ").append(Arrays.toString(spec.aliases()))
        .append(" qualified ").append(spec.qualifiedName())
        .append("\nversion provider ").append(spec.versionProvider() == null ? null : spec.versionProvider().getClass())
        .append(" version ").append(Arrays.toString(spec.version()))
        .append("\nmixins ").append(spec.mixins().keySet()).append(" standard help ").append(spec.mixinStandardHelpOptions())
        .append(" help command ").append(spec.helpCommand())
        .append("\nexit codes ").append(spec.exitCodeOnSuccess()).append(' ').append(spec.exitCodeOnUsageHelp())
        .append(' ').append(spec.exitCodeOnVersionHelp()).append(' ').append(spec.exitCodeOnInvalidInput())
        .append(' ').append(spec.exitCodeOnExecutionException())
        .append("\nsubcommands ").append(spec.subcommands().keySet())
        .append("\nuser object ").append(spec.userObject().getClass())
        .append(" resource bundle ").append(spec.resourceBundleBaseName())
        .append("\nparser separator ").append(spec.parser().separator())
        .append(" unmatched allowed ").append(spec.parser().unmatchedArgumentsAllowed())
        .append(" posix ").append(spec.parser().posixClusteredShortOptionsAllowed())
        .append(" negatable ").append(spec.negatableOptionTransformer().getClass());
    CommandLine.Model.UsageMessageSpec usage = spec.usageMessage();
    out.append("\nusage description ").append(Arrays.toString(usage.description()))
        .append("\nfooter ").append(Arrays.toString(usage.footer()))
        .append("\nheader ").append(Arrays.toString(usage.header()))
        .append("\ncustom synopsis ").append(Arrays.toString(usage.customSynopsis()))
        .append("\nsort options ").append(usage.sortOptions()).append(" sort synopsis ").append(usage.sortSynopsis())
        .append(" abbreviate ").append(usage.abbreviateSynopsis()).append(" hidden ").append(usage.hidden())
        .append(" width ").append(usage.width()).append(" long options max ").append(usage.longOptionsMaxWidth())
        .append(" headings ").append(List.of(usage.headerHeading(), usage.synopsisHeading(), usage.descriptionHeading(),
            usage.parameterListHeading(), usage.optionListHeading(), usage.commandListHeading(), usage.footerHeading()))
        .append(" show default values ").append(usage.showDefaultValues())
        .append(" end of options ").append(usage.showEndOfOptionsDelimiterInUsageHelp())
        .append(" at files ").append(usage.showAtFileInUsageHelp());
    for (ArgSpec arg : spec.args()) {
      out.append("\n").append(describe(arg));
    }
    return out.toString();
  }

  private static List<String> list(Iterable<String> values) {
    List<String> list = new ArrayList<>();
    values.forEach(list::add);
    return list;
  }

  private static Class<?> type(Object value) {
    return value == null ? null : value.getClass();
  }

  private static String describe(ArgSpec arg) {
    StringBuilder out = new StringBuilder();
    if (arg instanceof OptionSpec option) {
      out.append("option ").append(Arrays.toString(option.names()))
          .append(" usage help ").append(option.usageHelp()).append(" version help ").append(option.versionHelp())
          .append(" negatable ").append(option.negatable())
          .append(" fallback ").append(option.fallbackValue()).append(" order ").append(option.order());
    } else {
      PositionalParamSpec parameter = (PositionalParamSpec) arg;
      out.append("positional ").append(parameter.index()).append(" unspecified ").append(parameter.index().isUnspecified());
    }
    Object initial = arg.initialValue();
    return out.append(" arity ").append(arg.arity()).append(" unspecified ").append(arg.arity().isUnspecified())
        .append(" label ").append(arg.paramLabel()).append(" hide syntax ").append(arg.hideParamSyntax())
        .append(" type ").append(arg.type()).append(" auxiliary ").append(Arrays.toString(arg.auxiliaryTypes()))
        .append(" multi-value ").append(arg.isMultiValue())
        .append(" default ").append(arg.defaultValue()).append(" show default ").append(arg.showDefaultValue())
        .append(" initial ").append(initial).append(" ").append(initial == null ? null : initial.getClass())
        .append(" has initial ").append(arg.hasInitialValue())
        .append(" required ").append(arg.required()).append(" interactive ").append(arg.interactive())
        .append(" echo ").append(arg.echo()) // prompt: of interactive options, which the generator refuses
        .append(" hidden ").append(arg.hidden()).append(" inherited ").append(arg.inherited())
        .append(" scope type ").append(arg.scopeType())
        .append(" split ").append(arg.splitRegex()).append(" split label ").append(arg.splitRegexSynopsisLabel())
        .append(" map fallback ").append(arg.mapFallbackValue())
        .append(" converters ").append(arg.converters().length)
        .append(" candidates ").append(arg.completionCandidates() == null ? null : list(arg.completionCandidates()))
        .append(" consumer ").append(type(arg.parameterConsumer())).append(" preprocessor ").append(type(arg.preprocessor()))
        // a description key is for a resource bundle's text, and the commands have no bundle: "" is none too
        .append(" description key ").append("".equals(arg.descriptionKey()) ? null : arg.descriptionKey())
        .append(" description ").append(Arrays.toString(arg.description()))
        .toString();
  }
}
