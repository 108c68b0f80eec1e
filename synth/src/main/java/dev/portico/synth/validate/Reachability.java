package dev.portico.synth.validate;

import dev.portico.synth.validate.istio.MeshAccess;
import dev.portico.synth.validate.kubernetes.NetworkPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether the policies among some objects admit a {@link Call}: Kubernetes NetworkPolicies (where the
 * call arrives and, for pods of the objects' namespaces, where it leaves) and, when the target pods are
 * in an Istio mesh, mutual TLS and AuthorizationPolicies. The target's pods are the pod sets its
 * selector picks (each version on its own), and named ports are resolved against theirs.
 */
public final class Reachability {
  private final NetworkPolicies network;
  private final MeshAccess mesh;
  private final PodIndex pods;

  Reachability(List<Resource> resources, PodIndex pods, Scope scope) {
    this.network = NetworkPolicies.of(resources, scope);
    this.mesh = MeshAccess.of(resources, scope);
    this.pods = pods;
  }

  /** The policies among {@code resources}, for calls into {@code podSets}; analyzers get it from {@link Analysis#reachability()}. */
  public static Reachability of(List<Resource> resources, List<PodSet> podSets, Scope scope) {
    return new Reachability(resources, PodIndex.of(podSets, scope), scope);
  }

  /** The mesh's policies, for analyzers that look at them one by one. */
  public MeshAccess mesh() {
    return mesh;
  }

  /**
   * What each layer says about a call.
   *
   * @param network what NetworkPolicies say
   * @param mesh what mutual TLS and AuthorizationPolicies say; null when the target is not in a mesh
   */
  public record Result(Call call, Call.Verdict network, Call.Verdict mesh) {
    /** Denied when a layer denies, allowed when every layer allows, else unknown. */
    public Call.Outcome outcome() {
      if (network.isDenied() || mesh != null && mesh.isDenied()) {
        return Call.Outcome.DENIED;
      }
      return network.isAllowed() && (mesh == null || mesh.isAllowed()) ? Call.Outcome.ALLOWED : Call.Outcome.UNKNOWN;
    }
  }

  public Result check(Call call) {
    List<Call.Verdict> networkVerdicts = new ArrayList<>();
    List<Call.Verdict> meshVerdicts = new ArrayList<>();
    boolean inMesh = false;
    for (Target target : targets(call)) {
      Call resolved = new Call(call.kind(), call.source(), call.target(), target.ports(), call.to(), call.via(),
          call.location(), call.group());
      List<Map<String, String>> pods = List.of(target.labels());
      networkVerdicts.add(both(network.ingress(resolved, pods), network.egress(resolved, pods)));
      for (Call.TargetPort port : target.ports()) {
        Call.Verdict verdict = mesh.check(resolved, target.labels(), port);
        if (verdict != null) {
          inMesh = true;
          meshVerdicts.add(verdict);
        }
      }
    }
    return new Result(call, Call.Verdict.all(networkVerdicts), inMesh ? Call.Verdict.all(meshVerdicts) : null);
  }

  /**
   * A kind of a call's target pods (a version of an app, a workload), with the call's ports resolved
   * against theirs.
   *
   * @param labels the pods' labels
   * @param ports the call's ports, each with the container port's name and number where the pods declare it
   */
  public record Target(Map<String, String> labels, List<Call.TargetPort> ports) {}

  /** The kinds of pods a call reaches: the pod sets its selector picks, else the selector's labels alone. */
  public List<Target> targets(Call call) {
    if (!call.target().isPods()) {
      return List.of(new Target(Map.of(), call.ports()));
    }
    List<Target> targets = new ArrayList<>();
    for (PodSet matched : pods.matching(call.group(), call.target().namespace(), call.target().selector())) {
      List<Call.TargetPort> ports = new ArrayList<>();
      for (Call.TargetPort port : call.ports()) {
        ports.add(resolve(port, matched));
      }
      targets.add(new Target(matched.labels(), ports));
    }
    if (targets.isEmpty()) {
      targets.add(new Target(call.target().selector(), call.ports()));
    }
    return targets;
  }

  /** A port with its name or number filled in from the container port of the pods it names. */
  private static Call.TargetPort resolve(Call.TargetPort port, PodSet pods) {
    for (PodSet.ContainerPort declared : pods.ports()) {
      if (!declared.protocol().equals(port.protocol())) {
        continue;
      }
      if (port.name() != null ? port.name().equals(declared.name())
          : port.number() != null && port.number() == declared.number()) {
        return new Call.TargetPort(declared.number(), declared.name(), port.protocol());
      }
    }
    return port;
  }

  private static Call.Verdict both(Call.Verdict ingress, Call.Verdict egress) {
    if (ingress.isDenied()) {
      return ingress;
    }
    if (egress.isDenied()) {
      return egress;
    }
    if (!ingress.isAllowed()) {
      return ingress;
    }
    if (!egress.isAllowed()) {
      return egress;
    }
    return egress.reason().startsWith("no NetworkPolicy restricts") || egress.reason().startsWith("the source's")
        ? ingress : Call.Verdict.allowed(ingress.reason() + "; " + egress.reason());
  }
}
