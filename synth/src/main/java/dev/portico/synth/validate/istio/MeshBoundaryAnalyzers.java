package dev.portico.synth.validate.istio;

import dev.portico.synth.validate.Analysis;
import dev.portico.synth.validate.Call;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.Reachability;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where the mesh meets what is outside it:
 * <ul>
 *   <li>{@code mesh.mtls-outside-traffic} (warning): STRICT mutual TLS on pods that traffic from
 *       outside the mesh reaches: the backends of an Ingress of another class than Istio's, of a
 *       Gateway whose GatewayClass is not Istio's, and the pods behind a NodePort or LoadBalancer
 *       Service. Their plain text is rejected.
 *   <li>{@code mesh.namespace-injection} (warning): a Namespace holding Istio resources whose labels do
 *       not turn on sidecar injection, so its pods run without the sidecars the resources configure.
 *   <li>{@code authorizationpolicy.call-denied}: a declared call (a caller, a route) that the
 *       AuthorizationPolicies of its target deny: an error in a synthesized stack, a warning for
 *       {@code portico validate}.
 * </ul>
 * Nothing is computed when there is no Istio object.
 */
final class MeshBoundaryAnalyzers {
  private MeshBoundaryAnalyzers() {}

  static void analyze(Analysis analysis) {
    if (analysis.resources().stream().noneMatch(r -> r.object().getClass().getName().startsWith("io.fabric8.istio."))) {
      return;
    }
    Reachability reachability = analysis.reachability();
    MeshAccess mesh = reachability.mesh();
    injection(analysis, mesh);
    Severity severity = analysis.scope() == Scope.CLOSED ? Severity.ERROR : Severity.WARNING;
    Set<String> reported = new HashSet<>();
    for (Call call : analysis.calls()) {
      if (!call.target().isPods() || !mesh.inMesh(call.group(), call.target().namespace())) {
        continue;
      }
      for (Reachability.Target target : reachability.targets(call)) {
        for (Call.TargetPort port : target.ports()) {
          MeshAccess.Mtls mtls = mesh.mtls(call.group(), call.target().namespace(), target.labels(), port.number());
          if (mtls.strict() && !call.source().meshClient()) {
            strictFromOutside(analysis, call, mtls, reported);
            continue;
          }
          Call.Verdict verdict = mesh.authorize(call, target.labels(), port);
          if (verdict != null && verdict.isDenied() && reported.add("authz\u0000" + call)) {
            analysis.findings().add(new Finding("authorizationpolicy.call-denied", severity, call.location(),
                call.to(), "", call.describe() + " is denied: " + verdict.reason() + "; " + fix(call, analysis.scope())));
          }
        }
      }
    }
  }

  private static void strictFromOutside(Analysis analysis, Call call, MeshAccess.Mtls mtls, Set<String> reported) {
    if (mtls.from() == null || !reported.add("mtls\u0000" + mtls.from().id() + "\u0000" + call.via() + "\u0000"
        + call.to())) {
      return;
    }
    String what = switch (call.kind()) {
      case ROUTE -> call.via() + " (through " + call.source().description() + ")";
      case NODE_PORT, LOAD_BALANCER -> "the " + call.kind().label() + " of " + call.via();
      default -> call.source().description();
    };
    analysis.check(mtls.from()).warning("mesh.mtls-outside-traffic", "spec.mtls.mode",
        "STRICT mutual TLS rejects the plain-text requests that " + what + " sends to " + call.to()
            + " from outside the mesh; expose it through Istio instead (" + analysis.scope().advice(
                "HttpTarget.istioGateway(), or an Ingress or Gateway of class istio",
                "an Istio Gateway with a VirtualService, or an Ingress or Gateway of class istio")
            + "), run the controller with a sidecar, or make these pods PERMISSIVE (" + analysis.scope().advice(
                "mesh.mtls(app, MtlsMode.PERMISSIVE): a PeerAuthentication selecting them",
                "a PeerAuthentication selecting them with mtls.mode: PERMISSIVE") + ")");
  }

  /** A Namespace with Istio resources that does not inject sidecars. */
  private static void injection(Analysis analysis, MeshAccess mesh) {
    for (Resource resource : analysis.resources()) {
      if (!(resource.object() instanceof Namespace namespace) || namespace.getMetadata() == null
          || namespace.getMetadata().getName() == null
          || namespace.getMetadata().getName().equals(MeshAccess.ROOT_NAMESPACE)) {
        continue;
      }
      if (MeshAccess.injects(namespace) || !mesh.hasIstioObjects(resource.group(), namespace.getMetadata().getName())) {
        continue;
      }
      Map<String, String> labels = namespace.getMetadata().getLabels() == null ? Map.of()
          : namespace.getMetadata().getLabels();
      String injection = labels.get(dev.portico.dsl.StackNamespace.INJECTION_LABEL);
      analysis.check(resource).warning("mesh.namespace-injection", "metadata.labels",
          "namespace " + Messages.quote(namespace.getMetadata().getName()) + " holds Istio resources (a mesh) but "
              + (injection != null ? "its label istio-injection is " + Messages.quote(injection)
                  : "no label turns on sidecar injection")
              + ", so its pods run without sidecars and the mesh's routes, mTLS and policies do not apply to them; "
              + "label it istio-injection: enabled or istio.io/rev: <revision>"
              + analysis.scope().advice(" (stack.declareNamespace(ns -> ns.sidecarInjection()))", ""));
    }
  }

  private static String fix(Call call, Scope scope) {
    if (scope == Scope.OPEN) {
      return switch (call.kind()) {
        case CALLER -> "add an ALLOW rule for the caller's principal (rules[].from[].source.principals) to an "
            + "AuthorizationPolicy that selects the pods";
        case ROUTE -> call.source().meshClient()
            ? "admit the gateway's principal (source.principals: cluster.local/ns/NAMESPACE/sa/SERVICE-ACCOUNT) in an "
                + "ALLOW rule of an AuthorizationPolicy that selects the pods"
            : "requests from outside the mesh carry no principal: expose it through Istio (an Istio Gateway, or an "
                + "Ingress or Gateway of class istio) or run the controller with a sidecar and admit its principal";
        default -> "requests from outside the mesh carry no principal, which an ALLOW rule on principals never matches";
      };
    }
    return switch (call.kind()) {
      case CALLER -> "allow the caller in the stack (stack.allow(...).toCall(...)) or add an ALLOW rule for its "
          + "principal";
      case ROUTE -> call.source().meshClient()
          ? "admit the gateway's principal (a stack does so for its own exposures when it knows the gateway's service "
              + "account: .from(Peer....withServiceAccount(...)))"
          : "requests from outside the mesh carry no principal: expose it through Istio (HttpTarget.istioGateway()) "
              + "or run the controller with a sidecar and name its service account";
      default -> "requests from outside the mesh carry no principal, which an ALLOW rule on principals never matches";
    };
  }
}
