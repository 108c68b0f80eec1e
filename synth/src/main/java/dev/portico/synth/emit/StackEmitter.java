package dev.portico.synth.emit;

import dev.portico.dsl.App;
import dev.portico.dsl.HttpExposure;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.Port;
import dev.portico.dsl.StackModel;
import dev.portico.synth.Parallel;
import dev.portico.synth.validate.Call;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Resource;
import java.util.ArrayList;
import java.util.List;

/** Turns a frozen stack into Kubernetes objects; the only place that knows fabric8. */
public final class StackEmitter {
  private StackEmitter() {}

  /**
   * The objects of one stack environment, in declaration order, each with where it was declared.
   *
   * @param findings receives what the stack's HTTP target cannot express ({@code http.unsupported})
   */
  public static List<Resource> emit(StackModel stack, List<Finding> findings) {
    return emit(stack, calls(stack), findings);
  }

  /**
   * {@link #emit(StackModel, List)} given the stack's {@link #calls}, for a caller that needs them
   * too (they are worked out once).
   */
  public static List<Resource> emit(StackModel stack, List<Call> calls, List<Finding> findings) {
    List<Resource> resources = new ArrayList<>(stack.services().size() + stack.exposures().size());
    NamespaceEmitter.emit(stack, resources);
    TargetPortCheck.check(stack, findings);
    AccessCheck.check(stack, findings);
    // each Service and each exposure is emitted on its own (none looks at another's objects): on several
    // threads, gathered in declaration order
    resources.addAll(Parallel.map(stack.services(), service -> {
      SourceLocator locator = new SourceLocator(service.location());
      return new Resource(ServiceEmitter.emit(service, locator), locator, stack.environment());
    }));
    for (Emitted exposure : Parallel.map(stack.exposures(), exposure -> exposure(stack, exposure))) {
      resources.addAll(exposure.resources());
      findings.addAll(exposure.findings());
    }
    NetworkPolicyEmitter.emit(stack, calls, resources);
    MeshEmitter.emit(stack, calls, resources, findings);
    return resources;
  }

  /** What one exposure gives: its objects and the findings of its emitter. */
  private record Emitted(List<Resource> resources, List<Finding> findings) {}

  private static Emitted exposure(StackModel stack, HttpExposure exposure) {
    List<Resource> resources = new ArrayList<>(2);
    List<Finding> findings = new ArrayList<>(0);
    if (stack.httpTarget() instanceof HttpTarget.Ingress ingress) {
      IngressEmitter.emit(stack, exposure, ingress, resources, findings);
    } else if (stack.httpTarget() instanceof HttpTarget.IstioGateway istio) {
      IstioGatewayEmitter.emit(stack, exposure, istio, resources, findings);
    } else {
      GatewayApiEmitter.emit(stack, exposure, stack.httpTarget(), resources, findings);
    }
    return new Emitted(resources, findings);
  }

  /**
   * The calls the stack declares (callers, exposures, node ports, load balancers), which its
   * NetworkPolicies and AuthorizationPolicies admit and validation checks.
   */
  public static List<Call> calls(StackModel stack) {
    return StackCalls.of(stack);
  }

  /** The stack's apps as the pods Services select: one pod set per version of an app with versions. */
  public static List<PodSet> podSets(StackModel stack) {
    List<PodSet> podSets = new ArrayList<>(stack.apps().size());
    for (App app : stack.apps()) {
      List<PodSet.ContainerPort> ports = new ArrayList<>(app.ports().size());
      for (Port port : app.ports()) {
        ports.add(new PodSet.ContainerPort(port.name().orElse(null), port.number(), port.protocol().name(),
            port.location()));
      }
      for (java.util.Map<String, String> labels : app.podLabels()) {
        podSets.add(new PodSet("App/" + stack.namespace() + "/" + app.name(), stack.namespace(), labels, ports,
            app.location(), stack.environment()));
      }
    }
    return podSets;
  }
}
