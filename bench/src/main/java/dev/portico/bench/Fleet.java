package dev.portico.bench;

import dev.portico.dsl.Parameter;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.StackModel;
import dev.portico.synth.StackOutput;
import dev.portico.synth.StackRegistry;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.emit.StackEmitter;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The workload of every benchmark: the registered {@code fleet} example stack with {@code apps}
 * apps in its one environment, and the pipeline's results for it, for benchmarks' setups to start
 * from. Each step fails loudly when the stack has errors, so no benchmark measures an error path.
 */
public final class Fleet {
  /** The example stack's name, as {@code --stack fleet}. */
  public static final String STACK = "fleet";
  /** Its parameter, as {@code --set apps=N}. */
  public static final String APPS = "apps";

  private Fleet() {}

  /** The fleet stack as registered (the same lookup as {@code portico synth --stack fleet}). */
  public static StackDefinition definition() {
    return StackRegistry.load(Fleet.class.getClassLoader()).stream()
        .filter(stack -> stack.name().equals(STACK))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no stack named " + STACK + " is registered"));
  }

  /** The environment the fleet is synthesized for (it declares one). */
  public static String environment(StackDefinition definition) {
    return definition.environments().get(0);
  }

  /** {@code --set apps=N} as the CLI passes it to {@link Synthesizer#synthesize}. */
  public static Map<String, String> settings(int apps) {
    return Map.of(APPS, Integer.toString(apps));
  }

  /** {@code --set apps=N} parsed, as {@link Stack#define} takes it. */
  public static Map<String, Object> values(StackDefinition definition, int apps) {
    Parameter<?> parameter = definition.parameters().stream()
        .filter(p -> p.name().equals(APPS))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("stack " + STACK + " has no parameter " + APPS));
    return Map.of(APPS, parameter.parse(Integer.toString(apps)));
  }

  /** Phase define: the frozen model. */
  public static StackModel define(int apps) {
    StackDefinition definition = definition();
    return Stack.define(definition, environment(definition), values(definition, apps));
  }

  /** Phase emit: the model's objects and apps, as {@link Synthesizer} collects them. */
  public static StackOutput emit(StackModel model) {
    List<Finding> findings = new ArrayList<>();
    List<Resource> resources = StackEmitter.emit(model, findings);
    requireNoErrors(findings, "emit");
    return new StackOutput(model.stack(), model.environment(), resources, StackEmitter.podSets(model));
  }

  /** Phases define, emit and validate through the public entry point. */
  public static Synthesis synthesize(int apps) {
    Synthesis synthesis = Synthesizer.synthesize(List.of(definition()), List.of(), settings(apps));
    requireNoErrors(synthesis.findings(), "synthesize");
    return synthesis;
  }

  /** How many objects the fleet with {@code apps} apps synthesizes: what one benchmark operation processes. */
  public static int resourceCount(int apps) {
    return emit(define(apps)).resources().size();
  }

  static void requireNoErrors(List<Finding> findings, String phase) {
    List<Finding> errors = findings.stream().filter(Finding::isError).toList();
    if (!errors.isEmpty()) {
      throw new IllegalStateException(phase + " of stack " + STACK + " found " + errors.size() + " error(s), e.g. "
          + errors.get(0).format());
    }
  }

  /** A new empty folder under {@code java.io.tmpdir}. */
  static Path newFolder(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Removes {@code dir} and everything in it; nothing when it is absent. */
  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
