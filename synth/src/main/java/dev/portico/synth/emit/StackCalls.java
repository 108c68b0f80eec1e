package dev.portico.synth.emit;

import dev.portico.dsl.AccessModel;
import dev.portico.dsl.App;
import dev.portico.dsl.Backend;
import dev.portico.dsl.HttpExposure;
import dev.portico.dsl.HttpHost;
import dev.portico.dsl.HttpPath;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.IpFamily;
import dev.portico.dsl.Peer;
import dev.portico.dsl.Port;
import dev.portico.dsl.Service;
import dev.portico.dsl.ServicePort;
import dev.portico.dsl.ServiceType;
import dev.portico.dsl.Split;
import dev.portico.dsl.StackModel;
import dev.portico.synth.validate.Call;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls a stack declares, in declaration order: each caller of {@code allow(...).toCall(...)}
 * to the callee's pods on the ports its Service targets; each {@code toReach} to the host's
 * addresses; each exposure's backends from the pods of its HTTP target ({@link HttpTarget#sources});
 * each NodePort Service from anywhere and each LoadBalancer from its source ranges or anywhere.
 * NetworkPolicies and AuthorizationPolicies are rendered from them, and validation checks them.
 */
final class StackCalls {
  private StackCalls() {}

  static List<Call> of(StackModel stack) {
    List<Call> calls = new ArrayList<>();
    boolean mesh = stack.hasMesh();
    String group = stack.environment();
    for (AccessModel.Allowed allowed : stack.access().calls()) {
      Service callee = allowed.callee();
      if (callee.app().isEmpty() || callee.type() instanceof ServiceType.ExternalName) {
        continue; // nothing to call: reported by AccessCheck
      }
      for (App caller : allowed.callers()) {
        calls.add(new Call(Call.Kind.CALLER, source(stack, caller, mesh),
            Call.Target.pods(stack.namespace(), callee.app().get().selector()), targetPorts(callee.ports()),
            "Service/" + stack.namespace() + "/" + callee.name(), "allow(" + caller.name() + ")", allowed.location(),
            group));
      }
    }
    for (AccessModel.Reach reach : stack.access().reaches()) {
      List<Call.TargetPort> ports = new ArrayList<>();
      for (Port port : reach.ports()) {
        ports.add(new Call.TargetPort(port.number(), null, port.protocol().name()));
      }
      for (App caller : reach.callers()) {
        calls.add(new Call(Call.Kind.EGRESS, source(stack, caller, mesh), Call.Target.addresses(reach.cidrs()), ports,
            reach.target() + " (" + reach.host() + ")", "allow(" + caller.name() + ")", reach.location(), group));
      }
    }
    // an HTTP target's pods are mostly the same for every exposure (an Ingress controller's): one
    // list of sources for equal peers (Call.Source is an immutable record)
    Map<List<Peer>, List<Call.Source>> sourcesOfPeers = new java.util.HashMap<>();
    for (HttpExposure exposure : stack.exposures()) {
      List<Peer> peers = stack.httpTarget().sources(stack.namespace(), exposure.name());
      List<Call.Source> sources = sourcesOfPeers.computeIfAbsent(peers, StackCalls::sources);
      if (sources.isEmpty()) {
        sources = List.of(Call.Source.unknown(
            unknownController(stack.httpTarget(), stack.namespace(), exposure.name())));
      }
      for (var backend : backends(exposure).entrySet()) {
        Service service = backend.getValue().service();
        ServicePort port = backend.getValue().port();
        if (service.app().isEmpty() || service.type() instanceof ServiceType.ExternalName || port.target().isEmpty()) {
          continue;
        }
        for (Call.Source source : sources) {
          calls.add(new Call(Call.Kind.ROUTE, source, Call.Target.pods(stack.namespace(), service.app().get().selector()),
              targetPorts(List.of(port)), "Service/" + stack.namespace() + "/" + service.name() + ":" + port.port(),
              "http(" + exposure.name() + ")", exposure.location(), group));
        }
      }
    }
    for (Service service : stack.services()) {
      if (service.app().isEmpty() || service.ports().isEmpty()) {
        continue;
      }
      List<String> anywhere = Call.Source.anywhere(service.ipFamilies().contains(IpFamily.IPV4),
          service.ipFamilies().contains(IpFamily.IPV6));
      Call.Target target = Call.Target.pods(stack.namespace(), service.app().get().selector());
      String via = "Service/" + stack.namespace() + "/" + service.name();
      if (service.type() instanceof ServiceType.NodePort) {
        calls.add(new Call(Call.Kind.NODE_PORT, Call.Source.nodePortClients(anywhere), target,
            targetPorts(service.ports()), via, via, service.location(), group));
      } else if (service.type() instanceof ServiceType.LoadBalancer lb) {
        calls.add(new Call(Call.Kind.LOAD_BALANCER, Call.Source.loadBalancerClients(lb.sourceRanges(), anywhere),
            target, targetPorts(service.ports()), via, via, service.location(), group));
      }
    }
    return calls;
  }

  private static List<Call.Source> sources(List<Peer> peers) {
    List<Call.Source> sources = new ArrayList<>(peers.size());
    for (Peer peer : peers) {
      sources.add(Call.Source.of(peer));
    }
    return List.copyOf(sources);
  }

  /** An app of the stack as a caller: its pods, by its selector, and in a mesh its service account. */
  static Call.Source source(StackModel stack, App app, boolean mesh) {
    String description = "App/" + stack.namespace() + "/" + app.name();
    return mesh ? Call.Source.meshPods(description, stack.namespace(), app.selector(),
            Call.Source.principal(stack.namespace(), app.name()))
        : Call.Source.pods(description, stack.namespace(), app.selector(), null);
  }

  private static String unknownController(HttpTarget target, String namespace, String exposure) {
    if (target instanceof HttpTarget.Ingress ingress) {
      return "the controller of IngressClass " + ingress.ingressClassName().orElse("(the cluster's default)");
    }
    if (target instanceof HttpTarget.OwnGateway gateway) {
      return "the proxies of Gateway " + namespace + "/" + exposure + " (GatewayClass " + gateway.className() + ")";
    }
    if (target instanceof HttpTarget.SharedGateway shared) {
      return "the proxies of Gateway " + shared.namespace() + "/" + shared.name();
    }
    return "the Istio gateway pods " + ((HttpTarget.IstioGateway) target).selector();
  }

  /** The pods' ports that Service ports forward to. */
  static List<Call.TargetPort> targetPorts(List<ServicePort> ports) {
    List<Call.TargetPort> out = new ArrayList<>();
    for (ServicePort port : ports) {
      port.target().ifPresent(target -> {
        Call.TargetPort targetPort = new Call.TargetPort(target.number(), target.name().orElse(null),
            target.protocol().name());
        if (!out.contains(targetPort)) {
          out.add(targetPort);
        }
      });
    }
    return out;
  }

  /** Every backend of an exposure, once per Service port, in declaration order. */
  static Map<String, Backend> backends(HttpExposure exposure) {
    Map<String, Backend> backends = new LinkedHashMap<>();
    for (HttpHost host : exposure.hosts()) {
      for (HttpPath path : host.paths()) {
        if (path.route() instanceof Backend backend) {
          backends.putIfAbsent(key(backend), backend);
        } else if (path.route() instanceof Split split) {
          for (Split.Weighted weighted : split.backends()) {
            backends.putIfAbsent(key(weighted.backend()), weighted.backend());
          }
        }
      }
    }
    exposure.defaultBackend().ifPresent(backend -> backends.putIfAbsent(key(backend), backend));
    return backends;
  }

  private static String key(Backend backend) {
    return backend.service().name() + ":" + backend.port().port() + "/" + backend.port().protocol();
  }
}
