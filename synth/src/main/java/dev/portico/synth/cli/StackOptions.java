package dev.portico.synth.cli;

import dev.portico.dsl.StackDefinition;
import dev.portico.synth.StackRegistry;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** What the commands that synthesize share: which stacks and environments, with which parameters ({@code --stack}, {@code --env}, {@code --set}). */
final class StackOptions {

  @Option(names = "--stack", paramLabel = "NAME",
      description = "Only this stack (repeatable). Default: every registered stack.")
  List<String> stacks = new ArrayList<>();

  @Option(names = "--env", paramLabel = "ENV",
      description = "Only this environment (repeatable). Default: every environment each stack declares.")
  List<String> environments = new ArrayList<>();

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Set a stack parameter (repeatable), e.g. --set replicas=3. See synth --list for the parameters.")
  Map<String, String> settings = new LinkedHashMap<>();

  /** The registered stacks, from the context class loader's {@code META-INF/services}. */
  static List<StackDefinition> registered() {
    return StackRegistry.load(Thread.currentThread().getContextClassLoader());
  }

  /**
   * The stacks {@code --stack} names, in the order named, or every registered one.
   *
   * @throws UsageException when none is registered or a name is unknown
   */
  List<StackDefinition> select(List<StackDefinition> registered) {
    if (stacks.isEmpty()) {
      if (registered.isEmpty()) {
        throw new UsageException("no stacks are registered: list your StackDefinition classes in "
            + "META-INF/services/dev.portico.dsl.StackDefinition on the classpath");
      }
      return registered;
    }
    List<StackDefinition> selected = new ArrayList<>();
    for (String name : stacks) {
      StackDefinition found = registered.stream().filter(stack -> stack.name().equals(name)).findFirst()
          .orElseThrow(() -> new UsageException("no stack named " + name + "; registered: "
              + String.join(", ", registered.stream().map(StackDefinition::name).toList())));
      if (!selected.contains(found)) {
        selected.add(found);
      }
    }
    return selected;
  }

  /**
   * Synthesizes {@code selected} for the chosen environments and settings.
   *
   * @throws UsageException for an unknown environment or parameter, or a bad value
   */
  Synthesis synthesize(List<StackDefinition> selected) {
    return Synthesizer.synthesize(selected, environments, settings, status -> {});
  }

  /** {@link #synthesize(List)}, telling {@code progress} what it is doing. */
  Synthesis synthesize(List<StackDefinition> selected, Progress progress) {
    return Synthesizer.synthesize(selected, environments, settings, progress::status);
  }
}
