package dev.portico.synth.routes;

import static dev.portico.synth.routes.IngressRoutes.list;
import static dev.portico.synth.routes.RouteTable.ANY_HOST;

import dev.portico.synth.routes.RouteTable.HttpRoute;
import dev.portico.synth.routes.RouteTable.Target;
import dev.portico.synth.validate.Resource;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link HttpRoute}s of Istio VirtualServices bound to ingress Gateways: a row per host, rule
 * and match; {@code hosts: ["*"]} with a rule without match is the default backend. TLS comes from
 * the Gateway's HTTPS servers covering the host, the HTTPS redirect from its HTTP servers with
 * {@code httpsRedirect}. Mesh-internal VirtualServices are not external routes.
 */
final class IstioRoutes {
  private IstioRoutes() {}

  static List<HttpRoute> of(List<Resource> resources) {
    Map<String, Gateway> gateways = new HashMap<>();
    for (Resource resource : resources) {
      if (resource.object() instanceof Gateway gateway) {
        gateways.putIfAbsent(key(resource.group(), ServicePorts.namespace(gateway), ServicePorts.name(gateway)),
            gateway);
      }
    }
    List<HttpRoute> rows = new ArrayList<>();
    for (Resource resource : resources) {
      if (resource.object() instanceof VirtualService vs && vs.getSpec() != null) {
        List<Gateway> bound = new ArrayList<>();
        for (String name : list(vs.getSpec().getGateways())) {
          if (name == null || name.equals("mesh")) {
            continue;
          }
          int slash = name.indexOf('/');
          Gateway gateway = gateways.get(key(resource.group(), slash < 0 ? ServicePorts.namespace(vs)
              : name.substring(0, slash), slash < 0 ? name : name.substring(slash + 1)));
          if (gateway != null) {
            bound.add(gateway);
          }
        }
        if (!list(vs.getSpec().getGateways()).isEmpty() && !list(vs.getSpec().getGateways()).equals(List.of("mesh"))) {
          rows.addAll(rows(resource, vs, bound));
        }
      }
    }
    return rows;
  }

  private static List<HttpRoute> rows(Resource resource, VirtualService vs, List<Gateway> gateways) {
    String namespace = ServicePorts.namespace(vs);
    List<HttpRoute> rows = new ArrayList<>();
    for (HTTPRoute rule : list(vs.getSpec().getHttp())) {
      if (rule == null) {
        continue;
      }
      List<Target> backends = backends(namespace, list(rule.getRoute()));
      if (backends.isEmpty()) {
        continue;
      }
      List<HTTPMatchRequest> matches = list(rule.getMatch()).isEmpty() ? java.util.Collections.singletonList(null)
          : rule.getMatch();
      for (String host : list(vs.getSpec().getHosts())) {
        for (HTTPMatchRequest match : matches) {
          String[] path = path(match, host);
          rows.add(new HttpRoute(host, path[0], path[1], headers(match), backends, served(gateways, host, true),
              served(gateways, host, false), resource.id()));
        }
      }
    }
    return rows;
  }

  private static List<Target> backends(String namespace, List<HTTPRouteDestination> route) {
    List<Target> targets = new ArrayList<>();
    for (HTTPRouteDestination destination : route) {
      if (destination == null || destination.getDestination() == null || destination.getDestination().getHost() == null) {
        continue;
      }
      String host = destination.getDestination().getHost();
      int dot = host.indexOf('.');
      String service = dot < 0 ? host : host.substring(0, dot);
      String ns = dot < 0 ? namespace : host.substring(dot + 1).split("\\.")[0];
      var port = destination.getDestination().getPort();
      targets.add(new Target(ns, service, port == null || port.getNumber() == null ? 0 : port.getNumber().intValue(),
          route.size() == 1 ? null : destination.getWeight() == null ? Integer.valueOf(0) : destination.getWeight()));
    }
    return targets;
  }

  private static String[] path(HTTPMatchRequest match, String host) {
    StringMatch uri = match == null ? null : match.getUri();
    if (uri == null) {
      return host.equals(ANY_HOST) ? new String[] {HttpRoute.DEFAULT, "/"} : new String[] {"Prefix", "/"};
    }
    if (uri.getMatchType() instanceof StringMatchExact exact) {
      return new String[] {"Exact", exact.getExact()};
    }
    if (uri.getMatchType() instanceof StringMatchPrefix prefix) {
      return new String[] {"Prefix", RowBuilder.prefix(prefix.getPrefix())};
    }
    return new String[] {"ImplementationSpecific", String.valueOf(uri.getMatchType())};
  }

  private static Map<String, String> headers(HTTPMatchRequest match) {
    Map<String, String> headers = new TreeMap<>();
    if (match != null && match.getHeaders() != null) {
      match.getHeaders().forEach((name, value) -> headers.put(name,
          value != null && value.getMatchType() instanceof StringMatchExact exact ? exact.getExact() : ""));
    }
    return headers;
  }

  /** Whether a bound Gateway has an HTTPS server for {@code host} ({@code https}) or redirects its plain HTTP. */
  private static boolean served(List<Gateway> gateways, String host, boolean https) {
    for (Gateway gateway : gateways) {
      for (Server server : gateway.getSpec() == null ? List.<Server>of() : list(gateway.getSpec().getServers())) {
        if (server == null || server.getPort() == null) {
          continue;
        }
        boolean match = https ? "HTTPS".equalsIgnoreCase(server.getPort().getProtocol())
            : "HTTP".equalsIgnoreCase(server.getPort().getProtocol()) && server.getTls() != null
                && Boolean.TRUE.equals(server.getTls().getHttpsRedirect());
        if (!match) {
          continue;
        }
        for (String pattern : list(server.getHosts())) {
          String bare = pattern.contains("/") ? pattern.substring(pattern.indexOf('/') + 1) : pattern;
          if (!host.equals(ANY_HOST) && (bare.equals("*") || bare.equals(host) || RowBuilder.covers(bare, host))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String key(String group, String namespace, String name) {
    return group + "\u0000" + namespace + "\u0000" + name;
  }
}
