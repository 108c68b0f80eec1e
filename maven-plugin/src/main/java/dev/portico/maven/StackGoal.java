package dev.portico.maven;

import dev.portico.synth.run.Selection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;

/** What the goals that synthesize share: which stacks, environments and parameter values. */
abstract class StackGoal extends PorticoMojo {

  /** Only these stacks (comma-separated on the command line); every registered stack when empty. Like {@code --stack}. */
  @Parameter(property = "portico.stacks")
  List<String> stacks;

  /** Only these environments (comma-separated on the command line); all each stack declares when empty. Like {@code --env}. */
  @Parameter(property = "portico.environments")
  List<String> environments;

  /** Stack parameter values, e.g. {@code <settings><replicas>3</replicas></settings>}. Like {@code --set}. */
  @Parameter
  Map<String, String> settings;

  /** Stack parameter values on the command line, {@code KEY=VALUE,KEY=VALUE}; they win over {@code settings}. */
  @Parameter(property = "portico.set")
  String set;

  Selection selection() {
    Map<String, String> values = new LinkedHashMap<>();
    if (settings != null) {
      values.putAll(settings);
    }
    values.putAll(Selection.parseSettings(set));
    return new Selection(clean(stacks), clean(environments), values);
  }

  private static List<String> clean(List<String> names) {
    if (names == null) {
      return List.of();
    }
    // -Dportico.stacks=a,b arrives as one or several items, depending on the Maven version
    return names.stream().flatMap(name -> java.util.Arrays.stream(name.split(","))).map(String::trim)
        .filter(name -> !name.isEmpty()).toList();
  }
}
