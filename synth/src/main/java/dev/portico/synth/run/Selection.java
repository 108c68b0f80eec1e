package dev.portico.synth.run;

import dev.portico.dsl.StackDefinition;
import dev.portico.synth.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which stacks, environments and parameter values a run synthesizes: {@code --stack}, {@code --env}
 * and {@code --set} (the goals' {@code stacks}, {@code environments} and {@code settings}).
 *
 * @param stacks stack names; empty for every registered stack
 * @param environments environment names; empty for every environment each stack declares
 * @param settings parameter values by name
 */
public record Selection(List<String> stacks, List<String> environments, Map<String, String> settings) {
  public Selection {
    stacks = List.copyOf(stacks);
    environments = List.copyOf(environments);
    settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /** Every stack, every environment, default parameters. */
  public static Selection all() {
    return new Selection(List.of(), List.of(), Map.of());
  }

  /** True when this selects every stack and environment. */
  public boolean isAll() {
    return stacks.isEmpty() && environments.isEmpty();
  }

  /**
   * The stacks named, in the order named, or every registered one.
   *
   * @throws UsageException when a name is unknown
   */
  public List<StackDefinition> select(List<StackDefinition> registered) {
    if (stacks.isEmpty()) {
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
   * {@code KEY=VALUE,KEY=VALUE} (the {@code portico.set} property) as settings. Nothing is trimmed:
   * {@code apps= 5} sets {@code " 5"}, which the parameter refuses, as {@code --set "apps= 5"} does.
   *
   * @throws UsageException for an item without {@code =}
   */
  public static Map<String, String> parseSettings(String text) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return settings;
    }
    for (String item : text.split(",")) {
      int eq = item.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("portico.set: \"" + item + "\" should be KEY=VALUE (items separated by commas, "
            + "without spaces)");
      }
      settings.put(item.substring(0, eq), item.substring(eq + 1));
    }
    return settings;
  }
}
