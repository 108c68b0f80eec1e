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
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Severity;
import dev.portico.synth.validate.Validator;
import java.util.ArrayList;
import java.util.HashMap;
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
    checkEnvironmentsExist(stacks, environments);
    checkSettingsExist(stacks, settings);
    List<StackOutput> outputs = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    List<Resource> resources = new ArrayList<>();
    List<PodSet> apps = new ArrayList<>();
    List<Call> calls = new ArrayList<>();
    for (StackDefinition definition : stacks) {
      SourceLocation where = SourceLocation.of(definition.getClass().getSimpleName() + ".java");
      checkDeclaration(definition, where, findings);
      Map<String, Object> values = parse(definition, settings);
      for (String environment : new LinkedHashSet<>(definition.environments())) {
        if (!environments.isEmpty() && !environments.contains(environment)) {
          continue;
        }
        progress.accept("defining " + definition.name() + "/" + environment);
        StackModel model;
        try {
          model = Stack.define(definition, environment, values);
        } catch (RuntimeException e) {
          findings.add(definitionFailed(definition, environment, e));
          continue;
        }
        checkAppNames(model, findings);
        StackOutput output = new StackOutput(model.stack(), environment, StackEmitter.emit(model, findings),
            StackEmitter.podSets(model), StackEmitter.calls(model));
        outputs.add(output);
        resources.addAll(output.resources());
        apps.addAll(output.apps());
        calls.addAll(output.calls());
      }
    }
    progress.accept("validating " + resources.size() + " resources");
    findings.addAll(Validator.validate(resources, apps, calls, Scope.CLOSED));
    findings.sort(Finding.ORDER);
    return new Synthesis(outputs, findings);
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
        throw new UsageException("--set " + key + ": no selected stack has a parameter " + key
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
  private static Finding definitionFailed(StackDefinition definition, String environment, RuntimeException e) {
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
