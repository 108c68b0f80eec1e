package dev.portico.synth.routes;

import static dev.portico.synth.routes.IngressRoutes.list;
import static dev.portico.synth.routes.RouteTable.ANY_HOST;

import dev.portico.synth.routes.RouteTable.HttpRoute;
import dev.portico.synth.routes.RouteTable.Target;
import dev.portico.synth.validate.Resource;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link HttpRoute}s of Gateway API v1 HTTPRoutes: a row per hostname (or {@code *} without
 * one), rule and match; a rule without matches on a route without hostnames is the default backend.
 * TLS comes from the listeners the route attaches to (a Gateway not among the objects is guessed
 * from the listener's name: one containing {@code https} is taken as HTTPS); the HTTPS redirect from
 * the routes whose rule is a {@code RequestRedirect} to scheme https.
 */
final class GatewayRoutes {
  private GatewayRoutes() {}

  /** The hostnames plain HTTP requests are redirected to HTTPS for, per group; an empty list means every host. */
  private record Redirect(String group, List<String> hostnames) {}

  static List<HttpRoute> of(List<Resource> resources) {
    Map<String, Gateway> gateways = new HashMap<>();
    List<Redirect> redirects = new ArrayList<>();
    for (Resource resource : resources) {
      if (resource.object() instanceof Gateway gateway) {
        gateways.putIfAbsent(key(resource.group(), ServicePorts.namespace(gateway), ServicePorts.name(gateway)),
            gateway);
      } else if (resource.object() instanceof HTTPRoute route && route.getSpec() != null) {
        for (HTTPRouteRule rule : list(route.getSpec().getRules())) {
          if (rule != null && redirectsToHttps(rule)) {
            redirects.add(new Redirect(resource.group(), list(route.getSpec().getHostnames())));
          }
        }
      }
    }
    List<HttpRoute> rows = new ArrayList<>();
    for (Resource resource : resources) {
      if (resource.object() instanceof HTTPRoute route && route.getSpec() != null) {
        rows.addAll(rows(resource, route, gateways, redirects));
      }
    }
    return rows;
  }

  private static List<HttpRoute> rows(Resource resource, HTTPRoute route, Map<String, Gateway> gateways,
      List<Redirect> redirects) {
    String namespace = ServicePorts.namespace(route);
    List<String> hosts = list(route.getSpec().getHostnames()).isEmpty() ? List.of(ANY_HOST)
        : route.getSpec().getHostnames();
    List<HttpRoute> rows = new ArrayList<>();
    for (HTTPRouteRule rule : list(route.getSpec().getRules())) {
      if (rule == null) {
        continue;
      }
      List<Target> backends = backends(namespace, rule);
      if (backends.isEmpty()) {
        continue; // a redirect, or a rule that sends nowhere
      }
      List<HTTPRouteMatch> matches = list(rule.getMatches()).isEmpty() ? java.util.Collections.singletonList(null)
          : rule.getMatches();
      for (String host : hosts) {
        boolean tls = tls(resource.group(), namespace, list(route.getSpec().getParentRefs()), host, gateways);
        boolean redirect = redirected(resource.group(), host, redirects);
        for (HTTPRouteMatch match : matches) {
          String[] path = path(match, host);
          rows.add(new HttpRoute(host, path[0], path[1], headers(match), backends, tls, redirect, resource.id()));
        }
      }
    }
    return rows;
  }

  private static List<Target> backends(String namespace, HTTPRouteRule rule) {
    List<HTTPBackendRef> refs = new ArrayList<>();
    for (HTTPBackendRef ref : list(rule.getBackendRefs())) {
      if (ref != null && ref.getName() != null && (ref.getKind() == null || ref.getKind().equals("Service"))
          && (ref.getGroup() == null || ref.getGroup().isEmpty())) {
        refs.add(ref);
      }
    }
    List<Target> targets = new ArrayList<>();
    for (HTTPBackendRef ref : refs) {
      Integer weight = refs.size() == 1 ? null : ref.getWeight() == null ? Integer.valueOf(1) : ref.getWeight();
      targets.add(new Target(ref.getNamespace() == null || ref.getNamespace().isEmpty() ? namespace : ref.getNamespace(),
          ref.getName(), ref.getPort() == null ? 0 : ref.getPort(), weight));
    }
    return targets;
  }

  /** {@code [match, path]}; no match at all is Prefix {@code /}, or the default backend on a route without hostnames. */
  private static String[] path(HTTPRouteMatch match, String host) {
    if (match == null) {
      return host.equals(ANY_HOST) ? new String[] {HttpRoute.DEFAULT, "/"} : new String[] {"Prefix", "/"};
    }
    HTTPPathMatch path = match.getPath();
    String type = path == null || path.getType() == null ? "PathPrefix" : path.getType();
    String value = path == null || path.getValue() == null ? "/" : path.getValue();
    return switch (type) {
      case "Exact" -> new String[] {"Exact", value};
      case "PathPrefix" -> new String[] {"Prefix", RowBuilder.prefix(value)};
      default -> new String[] {"ImplementationSpecific", value};
    };
  }

  private static Map<String, String> headers(HTTPRouteMatch match) {
    Map<String, String> headers = new TreeMap<>();
    if (match != null) {
      for (HTTPHeaderMatch header : list(match.getHeaders())) {
        if (header != null && header.getName() != null) {
          headers.put(header.getName(), header.getValue() == null ? "" : header.getValue());
        }
      }
    }
    return headers;
  }

  /** Whether a parent listener the route attaches to is HTTPS and covers {@code host}. */
  private static boolean tls(String group, String namespace, List<ParentReference> parents, String host,
      Map<String, Gateway> gateways) {
    for (ParentReference parent : parents) {
      if (parent == null || parent.getName() == null || parent.getKind() != null && !parent.getKind().equals("Gateway")) {
        continue;
      }
      String parentNamespace = parent.getNamespace() == null || parent.getNamespace().isEmpty() ? namespace
          : parent.getNamespace();
      Gateway gateway = gateways.get(key(group, parentNamespace, parent.getName()));
      if (gateway == null) {
        // a Gateway of someone else's: only its listener's name is known
        if (!host.equals(ANY_HOST) && parent.getSectionName() != null
            && parent.getSectionName().toLowerCase(Locale.ROOT).contains("https")) {
          return true;
        }
        continue;
      }
      for (Listener listener : gateway.getSpec() == null ? List.<Listener>of() : list(gateway.getSpec().getListeners())) {
        if (listener == null || parent.getSectionName() != null && !parent.getSectionName().equals(listener.getName())
            || parent.getPort() != null && !parent.getPort().equals(listener.getPort())
            || !"HTTPS".equals(listener.getProtocol())) {
          continue;
        }
        String hostname = listener.getHostname();
        if (hostname == null || hostname.isEmpty() || RowBuilder.covers(hostname, host)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean redirected(String group, String host, List<Redirect> redirects) {
    for (Redirect redirect : redirects) {
      if (!redirect.group().equals(group)) {
        continue;
      }
      if (redirect.hostnames().isEmpty()) {
        return true;
      }
      for (String hostname : redirect.hostnames()) {
        if (RowBuilder.covers(hostname, host)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A rule that redirects every path to scheme https. */
  private static boolean redirectsToHttps(HTTPRouteRule rule) {
    boolean redirect = false;
    for (HTTPRouteFilter filter : list(rule.getFilters())) {
      if (filter != null && "RequestRedirect".equals(filter.getType()) && filter.getRequestRedirect() != null
          && "https".equalsIgnoreCase(filter.getRequestRedirect().getScheme())) {
        redirect = true;
      }
    }
    if (!redirect) {
      return false;
    }
    for (HTTPRouteMatch match : list(rule.getMatches())) {
      HTTPPathMatch path = match == null ? null : match.getPath();
      boolean everyPath = path == null || (path.getType() == null || path.getType().equals("PathPrefix"))
          && RowBuilder.prefix(path.getValue()).equals("/");
      if (everyPath && (match == null || list(match.getHeaders()).isEmpty())) {
        return true;
      }
    }
    return list(rule.getMatches()).isEmpty();
  }

  private static String key(String group, String namespace, String name) {
    return group + "\u0000" + namespace + "\u0000" + name;
  }
}
