package dev.portico.synth;

import dev.portico.dsl.App;
import dev.portico.dsl.Parameter;
import dev.portico.dsl.SourceLocation;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.StackModel;
import dev.portico.dsl.format.DeclarationRules;
import dev.portico.synth.emit.StackEmitter;
import dev.portico.synth.validate.Call;
import dev.portico.synth.validate.ClusterFacts;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Severity;
import dev.portico.synth.validate.Validator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs the pipeline in memory: define each stack per environment, freeze, emit, validate. Writing
 * is separate ({@link dev.portico.synth.write.OutputWriter}), so a run with errors writes nothing.
 */
public final class Synthesizer {
  private Synthesizer() {}

  /**
   * Synthesizes {@code stacks}.
   *
   * @param environments the environments to synthesize; empty for every environment each stack declares
   * @param settings {@code --set} values by parameter name
   * @throws UsageException when an environment is declared by none of the stacks, or a setting
   *     names no parameter of any stack or has a bad value
   */
  public static Synthesis synthesize(List<StackDefinition> stacks, List<String> environments,
      Map<String, String> settings) {
    return synthesize(stacks, environments, settings, status -> {});
  }

  /**
   * {@link #synthesize(List, List, Map)}, telling {@code progress} what it is doing, e.g.
   * "defining shop/prod" or "validating 20000 resources", for a progress line.
   */
  public static Synthesis synthesize(List<StackDefinition> stacks, List<String> environments,
      Map<String, String> settings, java.util.function.Consumer<String> progress) {
    return synthesize(stacks, environments, settings, ClusterFacts.DEFAULT, progress);
  }

  /**
   * {@link #synthesize(List, List, Map, java.util.function.Consumer)} for a cluster described by
   * {@code facts} (its node-port range) instead of the API server's defaults.
   */
  public static Synthesis synthesize(List<StackDefinition> stacks, List<String> environments,
      Map<String, String> settings, ClusterFacts facts, java.util.function.Consumer<String> progress) {
    checkEnvironmentsExist(stacks, environments);
    checkSettingsExist(stacks, settings);
    // most runs report nothing, and then where each declaration was made is never needed: the
    // stacks are first defined without walking the stack for every declaration, and defined
    // again, located, only when there is something to report
    Synthesis unlocated = synthesize(stacks, environments, settings, facts, progress, false);
    if (unlocated.findings().isEmpty()) {
      return unlocated;
    }
    progress.accept("defining again to locate " + unlocated.findings().size() + " findings");
    return synthesize(stacks, environments, settings, facts, progress, true);
  }

  /** One synthesis; {@code locate}: with the user's line of every declaration ({@link Stack#define}). */
  private static Synthesis synthesize(List<StackDefinition> stacks, List<String> environments,
      Map<String, String> settings, ClusterFacts facts, java.util.function.Consumer<String> progress,
      boolean locate) {
    List<StackOutput> outputs = new ArrayList<>();
    List<Finding> stackFindings = new ArrayList<>();
    // findings of one environment, keyed by the environment (the group its objects share across stacks)
    Map<String, List<Finding>> environmentFindings = new LinkedHashMap<>();
    Map<String, List<Resource>> resources = new LinkedHashMap<>();
    Map<String, List<PodSet>> apps = new LinkedHashMap<>();
    Map<String, List<Call>> calls = new LinkedHashMap<>();
    Map<StackDefinition, List<String>> synthesized = new java.util.IdentityHashMap<>();
    // define() runs the user's code: one stack environment at a time, in order
    List<Defined> defined = new ArrayList<>();
    for (StackDefinition definition : stacks) {
      SourceLocation where = SourceLocation.of(definition.getClass().getSimpleName() + ".java");
      checkDeclaration(definition, where, stackFindings);
      Map<String, Object> values = parse(definition, settings);
      for (String environment : new LinkedHashSet<>(definition.environments())) {
        if (!environments.isEmpty() && !environments.contains(environment)) {
          continue;
        }
        progress.accept("defining " + definition.name() + "/" + environment);
        synthesized.computeIfAbsent(definition, d -> new ArrayList<>()).add(environment);
        environmentFindings.computeIfAbsent(environment, e -> new ArrayList<>());
        try {
          defined.add(new Defined(environment, locate ? Stack.define(definition, environment, values)
              : Stack.defineWithoutSourceLines(definition, environment, values), null));
        } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
          // the user's code failed (a StackOverflowError is its recursion); an OutOfMemoryError or
          // another VirtualMachineError says nothing about the stack and stays a failure of the run
          defined.add(new Defined(environment, null, definitionFailed(definition, environment, e)));
        }
      }
    }
    // the stack environments are independent: emitted on several threads, gathered in order
    List<Emitted> emitted = Parallel.map(defined, 2, Synthesizer::emit);
    int resourceCount = 0;
    for (Emitted each : emitted) {
      environmentFindings.get(each.environment).addAll(each.findings);
      if (each.output == null) {
        continue;
      }
      StackOutput output = each.output;
      outputs.add(output);
      resourceCount += output.resources().size();
      // the emitters put every object and app of an environment in the group named after it
      output.resources().forEach(r -> resources.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r));
      output.apps().forEach(a -> apps.computeIfAbsent(a.group(), g -> new ArrayList<>()).add(a));
      output.calls().forEach(c -> calls.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c));
    }
    progress.accept("validating " + resourceCount + " resources");
    // analyzers compare objects within a group only, so validating group by group finds what one
    // validation of everything finds, and tells which environment raised each finding; the groups
    // are validated on several threads, their findings gathered in order
    Set<String> groupSet = new LinkedHashSet<>(resources.keySet());
    groupSet.addAll(apps.keySet());
    groupSet.addAll(calls.keySet());
    List<String> groups = List.copyOf(groupSet);
    List<List<Finding>> validated = Parallel.map(groups, 2, group -> Validator.validate(
        resources.getOrDefault(group, List.of()), apps.getOrDefault(group, List.of()),
        calls.getOrDefault(group, List.of()), Scope.CLOSED, facts));
    for (int i = 0; i < groups.size(); i++) {
      environmentFindings.computeIfAbsent(groups.get(i), e -> new ArrayList<>()).addAll(validated.get(i));
    }
    List<Finding> findings = new ArrayList<>(stackFindings);
    findings.addAll(merge(environmentFindings, synthesized));
    findings.sort(Finding.ORDER);
    return new Synthesis(outputs, findings);
  }

  /** A stack environment defined: its model, or the finding that its define() failed. */
  private record Defined(String environment, StackModel model, Finding failure) {}

  /** A stack environment emitted: its output (null when its define() failed) and findings. */
  private record Emitted(String environment, StackOutput output, List<Finding> findings) {}

  private static Emitted emit(Defined defined) {
    if (defined.model == null) {
      return new Emitted(defined.environment, null, List.of(defined.failure));
    }
    StackModel model = defined.model;
    List<Finding> findings = new ArrayList<>();
    checkAppNames(model, findings);
    List<Call> calls = StackEmitter.calls(model);
    StackOutput output = new StackOutput(model.stack(), defined.environment, StackEmitter.emit(model, calls, findings),
        StackEmitter.podSets(model), calls);
    return new Emitted(defined.environment, output, findings);
  }

  /**
   * One finding per distinct finding: raised identically in several environments, it is reported
   * once, naming them. A finding also names its environment when a stack it may come from (one
   * synthesized for that environment) was synthesized for several in this run.
   */
  private static List<Finding> merge(Map<String, List<Finding>> byEnvironment,
      Map<StackDefinition, List<String>> synthesized) {
    Set<String> ambiguous = new java.util.HashSet<>();
    synthesized.values().stream().filter(environments -> environments.size() > 1).forEach(ambiguous::addAll);
    Map<Finding, List<String>> environments = new LinkedHashMap<>();
    for (var entry : byEnvironment.entrySet()) {
      for (Finding finding : entry.getValue()) {
        List<String> in = environments.computeIfAbsent(finding, f -> new ArrayList<>());
        if (!in.contains(entry.getKey())) {
          in.add(entry.getKey());
        }
      }
    }
    List<Finding> merged = new ArrayList<>(environments.size());
    environments.forEach((finding, in) -> merged.add(
        in.size() > 1 || ambiguous.contains(in.get(0)) ? finding.inEnvironments(in) : finding));
    return merged;
  }

  private static void checkEnvironmentsExist(List<StackDefinition> stacks, List<String> environments) {
    for (String environment : environments) {
      if (stacks.stream().noneMatch(stack -> stack.environments().contains(environment))) {
        Set<String> known = new java.util.TreeSet<>();
        stacks.forEach(stack -> known.addAll(stack.environments()));
        throw new UsageException("no selected stack declares environment " + environment + "; known: "
            + String.join(", ", known));
      }
    }
  }

  private static void checkSettingsExist(List<StackDefinition> stacks, Map<String, String> settings) {
    for (String key : new TreeMap<>(settings).keySet()) {
      boolean declared = stacks.stream().flatMap(stack -> stack.parameters().stream())
          .anyMatch(parameter -> parameter.name().equals(key));
      if (!declared) {
        Set<String> known = new java.util.TreeSet<>();
        stacks.forEach(stack -> stack.parameters().forEach(parameter -> known.add(parameter.name())));
        String shown = key.equals(key.strip()) && !key.isEmpty() ? key : "\"" + key + "\"";
        throw new UsageException("--set " + shown + ": no selected stack has a parameter " + shown
            + (known.isEmpty() ? " (they have none)" : "; known: " + String.join(", ", known)));
      }
    }
  }

  private static Map<String, Object> parse(StackDefinition definition, Map<String, String> settings) {
    Map<String, Object> values = new HashMap<>();
    for (Parameter<?> parameter : definition.parameters()) {
      String raw = settings.get(parameter.name());
      if (raw == null) {
        continue;
      }
      try {
        values.put(parameter.name(), parameter.parse(raw));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--set " + parameter.name() + "=" + raw + ": " + e.getMessage()
            + " (stack " + definition.name() + " reads it as " + parameter.typeName() + ")");
      }
    }
    return values;
  }

  /** {@link DeclarationRules#stack}, the rules the annotation processor applies to {@code @PorticoStack} too. */
  private static void checkDeclaration(StackDefinition definition, SourceLocation where, List<Finding> findings) {
    for (DeclarationRules.Problem problem : DeclarationRules.stack(definition.name(), definition.namespace(),
        definition.environments())) {
      findings.add(new Finding(problem.rule(), Severity.ERROR, where, "Stack/" + definition.name(), problem.field(),
          problem.message()));
    }
  }

  /**
   * {@link DeclarationRules#appName} and {@link DeclarationRules#appVersions}, as the annotation
   * processor checks {@code @PorticoApp}.
   */
  private static void checkAppNames(StackModel model, List<Finding> findings) {
    for (App app : model.apps()) {
      List<DeclarationRules.Problem> problems = new ArrayList<>(DeclarationRules.appName(app.name()));
      problems.addAll(DeclarationRules.appVersions(app.versions()));
      for (DeclarationRules.Problem problem : problems) {
        findings.add(new Finding(problem.rule(), Severity.ERROR, app.location(),
            "App/" + model.namespace() + "/" + app.name(), problem.field(), problem.message()));
      }
    }
  }

  /** A define() that throws is the user's bug: a finding at the user's line, not a stack trace. */
  private static Finding definitionFailed(StackDefinition definition, String environment, Throwable e) {
    SourceLocation where = SourceLocation.of(definition.getClass().getSimpleName() + ".java");
    for (StackTraceElement frame : e.getStackTrace()) {
      if (frame.getClassName().startsWith(definition.getClass().getName()) && frame.getFileName() != null) {
        where = new SourceLocation(frame.getFileName(), Math.max(frame.getLineNumber(), 0));
        break;
      }
    }
    return new Finding("stack.define", Severity.ERROR, where, "Stack/" + definition.name(), "define",
        "define() failed for environment " + environment + ": " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
  }
}
