package dev.portico.synth.validate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/**
 * What an {@link Analyzer} sees: every object, each with its defaulted form, the pods in scope,
 * and where findings go.
 */
public final class Analysis {
  private final List<Resource> resources;
  private final Map<Resource, HasMetadata> defaulted;
  private final List<PodSet> podSets;
  private final Scope scope;
  private final List<Finding> findings;
  private final ClusterFacts facts;
  private List<Call> calls;
  private PodIndex pods;
  private Reachability reachability;

  Analysis(List<Resource> resources, Map<Resource, HasMetadata> defaulted, List<PodSet> podSets, List<Call> calls,
      Scope scope, ClusterFacts facts, List<Finding> findings) {
    this.resources = resources;
    this.facts = facts;
    this.defaulted = defaulted;
    this.podSets = podSets;
    this.calls = calls;
    this.scope = scope;
    this.findings = findings;
  }

  /** Every object checked, in input order. */
  public List<Resource> resources() {
    return resources;
  }

  /** The object of {@code resource} as the API server defaults it (the object itself for most kinds). */
  public HasMetadata defaulted(Resource resource) {
    return defaulted.getOrDefault(resource, resource.object());
  }

  /** The pods Services may select: a stack's apps, or the workloads in the input. */
  public List<PodSet> podSets() {
    return podSets;
  }

  /** {@link #podSets()} indexed by their labels, built on first use and shared by the analyzers. */
  public PodIndex pods() {
    if (pods == null) {
      pods = PodIndex.of(podSets, scope);
    }
    return pods;
  }

  /**
   * What the NetworkPolicies and mesh policies among the objects say about calls into the pods in
   * scope, built on first use and shared by the analyzers.
   */
  public Reachability reachability() {
    if (reachability == null) {
      reachability = new Reachability(resources, pods(), scope);
    }
    return reachability;
  }

  /**
   * The calls the objects are meant to allow: those the stacks declare (callers, exposures, node
   * ports, load balancers) when the synthesizer passed them, else the routes the objects themselves
   * declare ({@link DeclaredCalls}), worked out on first use.
   */
  public List<Call> calls() {
    if (calls == null) {
      calls = DeclaredCalls.of(resources, scope);
    }
    return calls;
  }

  /** Whether a reference to something absent is an error or a warning. */
  public Scope scope() {
    return scope;
  }

  /** What the rules assume about the cluster (the node-port range). */
  public ClusterFacts facts() {
    return facts;
  }

  /** Where findings about {@code resource} go. */
  public Check check(Resource resource) {
    return new Check(resource, findings, facts);
  }

  /** The findings collected so far; analyzers add to it. */
  public List<Finding> findings() {
    return findings;
  }
}
