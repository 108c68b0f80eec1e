package dev.portico.synth;

import dev.portico.synth.validate.Call;
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
 * @param calls the calls the stack declares (callers, exposures, node ports, load balancers)
 */
public record StackOutput(String stack, String environment, List<Resource> resources, List<PodSet> apps,
    List<Call> calls) {
  public StackOutput {
    resources = List.copyOf(resources);
    apps = List.copyOf(apps);
    calls = List.copyOf(calls);
  }

  /** An output that declares no calls. */
  public StackOutput(String stack, String environment, List<Resource> resources, List<PodSet> apps) {
    this(stack, environment, resources, apps, List.of());
  }
}
