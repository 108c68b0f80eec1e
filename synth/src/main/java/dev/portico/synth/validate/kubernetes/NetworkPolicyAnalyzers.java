package dev.portico.synth.validate.kubernetes;

import dev.portico.synth.validate.Analysis;
import dev.portico.synth.validate.Call;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Reachability;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks across NetworkPolicies and what they govern: a policy whose pod selector picks no pods of
 * the stack's apps or the input's workloads ({@code networkpolicy.selects-no-pods}, a warning: it
 * isolates nothing, often a typo in a label), and a call the objects are meant to allow (a caller a
 * stack declares, a route of an Ingress, Gateway or Istio gateway, a node port or load balancer) that
 * no policy admits once its pods are isolated ({@code networkpolicy.call-denied}: an error in a
 * synthesized stack, a warning for {@code portico validate}, where other policies may be applied
 * elsewhere). Nothing is computed when there is no NetworkPolicy.
 */
final class NetworkPolicyAnalyzers {
  private NetworkPolicyAnalyzers() {}

  static void analyze(Analysis analysis) {
    if (analysis.resources().stream().noneMatch(resource -> resource.object() instanceof NetworkPolicy)) {
      return;
    }
    selectsNoPods(analysis);
    callsDenied(analysis);
  }

  /** A policy with a pod selector that matches none of the pods in its namespace. */
  private static void selectsNoPods(Analysis analysis) {
    boolean open = analysis.scope() == Scope.OPEN;
    Map<String, List<PodSet>> byNamespace = new HashMap<>();
    for (PodSet pods : analysis.podSets()) {
      byNamespace.computeIfAbsent((open ? "" : pods.group()) + "\u0000" + pods.namespace(), k -> new ArrayList<>())
          .add(pods);
    }
    for (Resource resource : analysis.resources()) {
      if (!(resource.object() instanceof NetworkPolicy policy) || policy.getSpec() == null) {
        continue;
      }
      LabelSelector selector = policy.getSpec().getPodSelector();
      if (LabelSelectors.isEmpty(selector)) {
        continue; // every pod of the namespace, on purpose
      }
      String namespace = policy.getMetadata() == null || policy.getMetadata().getNamespace() == null ? ""
          : policy.getMetadata().getNamespace();
      List<PodSet> candidates = byNamespace.get((open ? "" : resource.group()) + "\u0000" + namespace);
      if (candidates == null) {
        continue; // no pods of this namespace in the input: they live elsewhere
      }
      if (candidates.stream().allMatch(pods -> LabelSelectors.matches(selector, pods.labels(), true) == Tri.FALSE)) {
        analysis.check(resource).warning("networkpolicy.selects-no-pods", "spec.podSelector",
            "selects no pods of " + (open ? "the input's workloads" : "the stack's apps") + " in namespace "
                + dev.portico.synth.validate.Messages.quote(namespace) + ", so it isolates and admits nothing; fix "
                + "the labels (the pods carry e.g. " + new java.util.TreeMap<>(candidates.get(0).labels())
                + ") or drop the policy");
      }
    }
  }

  /** A declared call that the NetworkPolicies deny, where it arrives or where it leaves. */
  private static void callsDenied(Analysis analysis) {
    List<Call> calls = analysis.calls();
    if (calls.isEmpty()) {
      return;
    }
    Reachability reachability = analysis.reachability();
    Severity severity = analysis.scope() == Scope.CLOSED ? Severity.ERROR : Severity.WARNING;
    for (Call call : calls) {
      Reachability.Result result = reachability.check(call);
      if (!result.network().isDenied()) {
        continue;
      }
      analysis.findings().add(new Finding("networkpolicy.call-denied", severity, call.location(), call.to(), "",
          call.describe() + " is denied: " + result.network().reason() + "; " + fix(call, analysis.scope())));
    }
  }

  private static String fix(Call call, Scope scope) {
    if (scope == Scope.OPEN) {
      return "add a rule that admits it to a NetworkPolicy selecting the pods";
    }
    if (call.source().isUnknown()) {
      return "say where the controller's pods run, e.g. HttpTarget.ingress(\"traefik\").from(Peer.pods(\"traefik\", "
          + "Map.of(\"app.kubernetes.io/name\", \"traefik\"))), so that the app admits them";
    }
    return switch (call.kind()) {
      case CALLER -> "allow it in the stack that isolates the pods (stack.allow(...).toCall(...)), or add an ingress "
          + "rule from the caller's pods";
      case EGRESS -> "allow it with stack.allow(...).toReach(..., cidr) in the stack that restricts egress, or add an "
          + "egress rule to the host's addresses";
      default -> "add an ingress rule for it to a policy that selects the pods (a stack does so for its own exposures, "
          + "node ports and load balancers once it isolates an app)";
    };
  }
}
