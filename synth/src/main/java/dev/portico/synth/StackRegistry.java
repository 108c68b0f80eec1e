package dev.portico.synth;

import dev.portico.dsl.StackDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The stacks registered in {@code META-INF/services/dev.portico.dsl.StackDefinition}, read with
 * {@link ServiceLoader}: registration, never classpath scanning.
 */
public final class StackRegistry {
  private StackRegistry() {}

  /**
   * Every registered stack, sorted by name.
   *
   * @throws UsageException when a registered class cannot be loaded, names no stack, or two stacks share a name
   */
  public static List<StackDefinition> load(ClassLoader loader) {
    List<StackDefinition> stacks = new ArrayList<>();
    try {
      for (StackDefinition stack : ServiceLoader.load(StackDefinition.class, loader)) {
        try {
          stack.name();
        } catch (RuntimeException e) {
          throw new UsageException("registered stack " + stack.getClass().getName() + " has no name: "
              + e.getMessage());
        }
        stacks.add(stack);
      }
    } catch (ServiceConfigurationError e) {
      throw new UsageException("cannot load a registered stack: " + e.getMessage());
    }
    stacks.sort(Comparator.comparing(StackDefinition::name));
    for (int i = 1; i < stacks.size(); i++) {
      if (stacks.get(i).name().equals(stacks.get(i - 1).name())) {
        throw new UsageException("two stacks are named " + stacks.get(i).name() + ": "
            + stacks.get(i - 1).getClass().getName() + " and " + stacks.get(i).getClass().getName());
      }
    }
    return stacks;
  }
}
