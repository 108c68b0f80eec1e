package dev.portico.synth.validate.http;

import dev.portico.synth.validate.Analysis;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The class an exposure names, when the input holds classes of that kind: a Gateway's
 * {@code gatewayClassName} names a GatewayClass (Gateway API v1.5 standard: else no controller accepts the
 * Gateway), and an Ingress's {@code ingressClassName} names an IngressClass (else no controller serves it). Classes are
 * cluster-scoped and usually installed with their controller, so when the input holds none of a kind,
 * nothing is compared; when it holds some but not the one named, that is an error in a stack and a
 * warning for {@code validate} (the class may be installed separately).
 */
final class ClassReferences {
  private ClassReferences() {}

  static void analyze(Analysis analysis) {
    Scope scope = analysis.scope();
    Map<String, Set<String>> gatewayClasses = new HashMap<>();
    Map<String, Set<String>> ingressClasses = new HashMap<>();
    for (Resource resource : analysis.resources()) {
      if (resource.object() instanceof GatewayClass) {
        gatewayClasses.computeIfAbsent(Lookup.group(resource, scope), k -> new TreeSet<>()).add(Lookup.name(resource));
      } else if (resource.object() instanceof IngressClass) {
        ingressClasses.computeIfAbsent(Lookup.group(resource, scope), k -> new TreeSet<>()).add(Lookup.name(resource));
      }
    }
    if (gatewayClasses.isEmpty() && ingressClasses.isEmpty()) {
      return;
    }
    for (Resource resource : analysis.resources()) {
      String group = Lookup.group(resource, scope);
      if (resource.object() instanceof Gateway gateway && gateway.getSpec() != null
          && gateway.getSpec().getGatewayClassName() != null) {
        Set<String> known = gatewayClasses.get(group);
        String name = gateway.getSpec().getGatewayClassName();
        if (known != null && !known.contains(name)) {
          analysis.check(resource).report("http.gateway-class", Lookup.missing(scope), "spec.gatewayClassName",
              Messages.quote(name) + " is not a GatewayClass of the " + (scope == Scope.OPEN ? "input" : "stack")
                  + ", which has " + Messages.list(known) + "; no controller accepts a Gateway of an unknown class: "
                  + "name one of them" + (scope == Scope.OPEN ? ", or ignore this if the class is installed separately"
                  : ""));
        }
      } else if (resource.object() instanceof Ingress ingress && ingress.getSpec() != null
          && ingress.getSpec().getIngressClassName() != null) {
        Set<String> known = ingressClasses.get(group);
        String name = ingress.getSpec().getIngressClassName();
        if (known != null && !known.contains(name)) {
          analysis.check(resource).report("http.ingress-class", Lookup.missing(scope), "spec.ingressClassName",
              Messages.quote(name) + " is not an IngressClass of the " + (scope == Scope.OPEN ? "input" : "stack")
                  + ", which has " + Messages.list(known) + "; no ingress controller serves an Ingress of an unknown "
                  + "class: name one of them" + (scope == Scope.OPEN
                  ? ", or ignore this if the class is installed separately" : ""));
        }
      }
    }
  }
}
