package dev.portico.synth;

import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Resource;
import java.util.List;

/**
 * What one stack synthesized for one environment.
 *
 * @param stack the stack's name
 * @param environment the environment
 * @param resources the objects, in declaration order
 * @param apps the stack's apps, as the pods its Services select
 */
public record StackOutput(String stack, String environment, List<Resource> resources, List<PodSet> apps) {
  public StackOutput {
    resources = List.copyOf(resources);
    apps = List.copyOf(apps);
  }
}
