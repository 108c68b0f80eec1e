package dev.portico.synth.validate.http;

import dev.portico.synth.validate.Analysis;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerEntry;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentGatewayReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRoute;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where routes and ListenerSets attach, as Gateway API v1.5 standard defines it (GEP-1713): a route's parentRef
 * of kind ListenerSet names one of the ListenerSet's listeners in {@code sectionName}, as one of kind
 * Gateway names a Gateway's (for HTTPRoutes that is {@code HttpAnalyzers}' check; here for GRPCRoutes
 * and TLSRoutes); and a ListenerSet attaches only to a Gateway whose {@code spec.allowedListeners}
 * admits its namespace (from None, the default, admits none; Same its own namespace; All every one;
 * Selector depends on namespace labels and is not judged). Both are checked when the parent is in the
 * input, and are errors then: the facts are all in view.
 */
final class RouteParents {
  private RouteParents() {}

  static void analyze(Analysis analysis) {
    Scope scope = analysis.scope();
    Map<String, Gateway> gateways = new HashMap<>();
    Map<String, ListenerSet> listenerSets = new HashMap<>();
    for (Resource resource : analysis.resources()) {
      String key = Lookup.key(Lookup.group(resource, scope), Lookup.namespace(resource), Lookup.name(resource));
      if (resource.object() instanceof Gateway gateway) {
        gateways.putIfAbsent(key, gateway);
      } else if (resource.object() instanceof ListenerSet listenerSet) {
        listenerSets.putIfAbsent(key, listenerSet);
      }
    }
    if (gateways.isEmpty() && listenerSets.isEmpty()) {
      return;
    }
    for (Resource resource : analysis.resources()) {
      Object object = resource.object();
      if (object instanceof HTTPRoute route && route.getSpec() != null) {
        parents(analysis, resource, route.getSpec().getParentRefs(), null, listenerSets);
      } else if (object instanceof GRPCRoute route && route.getSpec() != null) {
        parents(analysis, resource, route.getSpec().getParentRefs(), gateways, listenerSets);
      } else if (object instanceof TLSRoute route && route.getSpec() != null) {
        parents(analysis, resource, route.getSpec().getParentRefs(), gateways, listenerSets);
      } else if (object instanceof ListenerSet listenerSet && listenerSet.getSpec() != null
          && listenerSet.getSpec().getParentRef() != null) {
        admission(analysis.check(resource), resource, listenerSet.getSpec().getParentRef(), gateways, scope);
      }
    }
  }

  /**
   * Each parentRef with a sectionName names a listener of its parent, when the parent is in the input
   * ({@code gateways} null: Gateway parents are checked elsewhere).
   */
  private static void parents(Analysis analysis, Resource resource, List<ParentReference> refs,
      Map<String, Gateway> gateways, Map<String, ListenerSet> listenerSets) {
    List<ParentReference> parents = Lookup.items(refs);
    for (int i = 0; i < parents.size(); i++) {
      ParentReference parent = parents.get(i);
      if (parent.getSectionName() == null || parent.getName() == null
          || !Lookup.GATEWAY_GROUP.equals(Objects.requireNonNullElse(parent.getGroup(), Lookup.GATEWAY_GROUP))) {
        continue;
      }
      String kind = Objects.requireNonNullElse(parent.getKind(), "Gateway");
      String key = Lookup.key(Lookup.group(resource, analysis.scope()),
          Lookup.namespaceOr(parent.getNamespace(), resource), parent.getName());
      List<String> names = null;
      if (kind.equals("Gateway") && gateways != null && gateways.get(key) != null
          && gateways.get(key).getSpec() != null) {
        names = Lookup.items(gateways.get(key).getSpec().getListeners()).stream().map(Listener::getName).toList();
      } else if (kind.equals("ListenerSet") && listenerSets.get(key) != null
          && listenerSets.get(key).getSpec() != null) {
        names = Lookup.items(listenerSets.get(key).getSpec().getListeners()).stream().map(ListenerEntry::getName)
            .toList();
      }
      if (names != null && !names.contains(parent.getSectionName())) {
        analysis.check(resource).error("http.parent-listener", "spec.parentRefs[" + i + "].sectionName",
            Messages.quote(parent.getSectionName()) + " is not a listener of " + kind + " " + parent.getName()
                + "; it has " + Messages.list(names));
      }
    }
  }

  /** The ListenerSet's namespace is admitted by its Gateway's {@code spec.allowedListeners}. */
  private static void admission(Check check, Resource resource, ParentGatewayReference parent,
      Map<String, Gateway> gateways, Scope scope) {
    if (parent.getName() == null || !"Gateway".equals(Objects.requireNonNullElse(parent.getKind(), "Gateway"))
        || !Lookup.GATEWAY_GROUP.equals(Objects.requireNonNullElse(parent.getGroup(), Lookup.GATEWAY_GROUP))) {
      return;
    }
    String namespace = Lookup.namespace(resource);
    String gatewayNamespace = Lookup.namespaceOr(parent.getNamespace(), resource);
    Gateway gateway = gateways.get(Lookup.key(Lookup.group(resource, scope), gatewayNamespace, parent.getName()));
    if (gateway == null || gateway.getSpec() == null) {
      return;
    }
    var allowed = gateway.getSpec().getAllowedListeners();
    String from = allowed == null || allowed.getNamespaces() == null || allowed.getNamespaces().getFrom() == null
        ? "None" : allowed.getNamespaces().getFrom();
    String gatewayName = (gatewayNamespace.isEmpty() ? "" : gatewayNamespace + "/") + parent.getName();
    String problem = switch (from) {
      case "None" -> "admits no ListenerSets: its spec.allowedListeners.namespaces.from is \"None\""
          + (allowed == null ? " (the default)" : "");
      case "Same" -> namespace.equals(gatewayNamespace) ? null
          : "admits ListenerSets of its own namespace only (allowedListeners from \"Same\"), and this one is in "
              + Messages.quote(namespace);
      default -> null; // All admits every namespace; Selector needs the namespaces' labels
    };
    if (problem != null) {
      check.error("http.listener-set-not-allowed", "spec.parentRef", "Gateway " + gatewayName + " " + problem
          + ", so its listeners are not attached (Accepted false, reason NotAllowed); set allowedListeners: {namespaces: {from: "
          + (from.equals("Same") ? "All" : "Same") + "}} (or All, or a Selector) on the Gateway");
    }
  }
}
