package dev.portico.synth.validate.kubernetes;

import dev.portico.synth.validate.Analysis;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.PodIndex;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks across objects, after kube-linter's {@code dangling-service} and
 * {@code invalid-target-ports}: a Service must select some pods, its target ports must be ports
 * those pods declare, and no two Services of one cluster may claim the same node port. Lookups go
 * through indexes, so the cost grows with the number of objects, not its square.
 */
final class ServiceAnalyzers {
  private ServiceAnalyzers() {}

  /** Every Service, as the API server defaults it, against the pods in scope and the other Services. */
  static void analyze(Analysis analysis) {
    Scope scope = analysis.scope();
    PodIndex pods = analysis.pods();
    Map<String, Resource> nodePortOwners = new HashMap<>();
    for (Resource resource : analysis.resources()) {
      if (!(resource.object() instanceof Service)
          || !(analysis.defaulted(resource) instanceof Service service) || service.getSpec() == null) {
        continue;
      }
      Check check = analysis.check(resource);
      selection(check, service, pods, scope);
      nodePortConflicts(check, service, resource, nodePortOwners);
    }
  }

  /** The selector matches pods, and every target port is one of theirs. */
  private static void selection(Check check, Service service, PodIndex pods, Scope scope) {
    var spec = service.getSpec();
    Map<String, String> selector = spec.getSelector();
    if ("ExternalName".equals(spec.getType()) || selector == null || selector.isEmpty()) {
      return;
    }
    String namespace = namespaceOf(service);
    List<PodSet> matched = pods.matching(check.resource().group(), namespace, selector);
    if (matched.isEmpty() && scope == Scope.OPEN && !pods.hasNamespace(namespace)) {
      // no workload of this namespace is in the input: its pods are elsewhere, nothing to compare with
      return;
    }
    if (matched.isEmpty()) {
      String message = "selector " + selectorText(selector) + " matches no "
          + (scope == Scope.CLOSED ? "app of the stack" : "pods of a workload in the input")
          + (namespace.isEmpty() ? "" : " in namespace " + Messages.quote(namespace))
          + scope.advice("; declare the app, fix the labels", "; fix the selector or the pods' labels")
          + ", or drop the selector for a Service whose endpoints are managed elsewhere";
      check.report("service.dangling", scope == Scope.CLOSED ? Severity.ERROR : Severity.WARNING, "spec.selector",
          message);
      return;
    }
    List<ServicePort> ports = spec.getPorts();
    for (int i = 0; i < ports.size(); i++) {
      IntOrString target = ports.get(i).getTargetPort();
      if (target == null) {
        continue;
      }
      for (PodSet podSet : matched) {
        if (!declares(podSet, target, ports.get(i).getProtocol())) {
          boolean byName = target.getStrVal() != null;
          // a name that no container has leaves the port without endpoints; a number only needs a listener
          Severity severity = scope == Scope.CLOSED || byName ? Severity.ERROR : Severity.WARNING;
          check.report("service.target-port-declared", severity, "spec.ports[" + i + "].targetPort",
              (byName ? Messages.quote(target.getStrVal()) : target.getIntVal().toString())
                  + " is not a " + ports.get(i).getProtocol() + " port of " + podSet.description()
                  + " (" + podSet.location() + "); it declares " + portList(podSet));
        }
      }
    }
  }

  private static boolean declares(PodSet podSet, IntOrString target, String protocol) {
    for (PodSet.ContainerPort port : podSet.ports()) {
      if (!protocol.equals(port.protocol())) {
        continue;
      }
      if (target.getStrVal() != null ? target.getStrVal().equals(port.name()) : target.getIntVal() == port.number()) {
        return true;
      }
    }
    return false;
  }

  private static String portList(PodSet podSet) {
    if (podSet.ports().isEmpty()) {
      return "no ports";
    }
    List<String> names = new ArrayList<>();
    for (PodSet.ContainerPort port : podSet.ports()) {
      names.add((port.name() == null ? "" : port.name() + "=") + port.number() + "/" + port.protocol());
    }
    return String.join(", ", names);
  }

  /** Two different Services in one group may not claim one node port (the allocator's "already allocated"). */
  private static void nodePortConflicts(Check check, Service service, Resource resource, Map<String, Resource> owners) {
    String type = service.getSpec().getType();
    if (!"NodePort".equals(type) && !"LoadBalancer".equals(type)) {
      return; // the allocator claims node ports for these types only (initNodePorts)
    }
    List<ServicePort> ports = service.getSpec().getPorts();
    for (int i = 0; i < ports.size(); i++) {
      Integer nodePort = ports.get(i).getNodePort();
      if (nodePort == null || nodePort == 0) {
        continue;
      }
      String key = resource.group() + "\u0000" + nodePort;
      Resource owner = owners.putIfAbsent(key, resource);
      if (owner != null && !owner.id().equals(resource.id())) {
        check.error("service.node-port-conflict", "spec.ports[" + i + "].nodePort",
            nodePort + " is already claimed by " + owner.id() + " (" + owner.locator().locate("spec.ports") + ")"
                + "; every Service in a cluster needs its own node ports");
      }
    }
  }

  static String namespaceOf(Service service) {
    String namespace = service.getMetadata() == null ? null : service.getMetadata().getNamespace();
    return namespace == null ? "" : namespace;
  }

  private static String selectorText(Map<String, String> selector) {
    StringBuilder sb = new StringBuilder("{");
    new java.util.TreeMap<>(selector).forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append(": ").append(v));
    return sb.append('}').toString();
  }
}
