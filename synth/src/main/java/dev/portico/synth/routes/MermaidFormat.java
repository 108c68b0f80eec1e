package dev.portico.synth.routes;

import dev.portico.synth.routes.RouteTable.HttpRoute;
import dev.portico.synth.routes.RouteTable.ServiceRoute;
import dev.portico.synth.routes.RouteTable.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link RouteTable#mermaid()}: a {@code flowchart LR} of host and path ({@code r}), node port or
 * load balancer ({@code e}), Service port ({@code s}), app ({@code a}) and ExternalName target
 * ({@code x}). Ids are a letter and a number counted in table order, so they are valid mermaid ids
 * and the same table always gives the same text.
 */
final class MermaidFormat {
  private MermaidFormat() {}

  /** A Service port: the node HTTP rows and outside entries point at. */
  private record ServiceKey(String namespace, String service, String port) {}

  static String render(RouteTable table) {
    boolean namespaces = table.services().stream().map(ServiceRoute::namespace).distinct().count() > 1
        || table.http().stream().flatMap(route -> route.backends().stream()).map(Target::namespace)
            .anyMatch(namespace -> table.services().stream().noneMatch(s -> s.namespace().equals(namespace)));
    List<String> nodes = new ArrayList<>();
    Set<String> edges = new LinkedHashSet<>();

    Map<ServiceKey, String> services = new LinkedHashMap<>();
    List<String> serviceNodes = new ArrayList<>();
    Map<String, String> apps = new LinkedHashMap<>();
    List<String> appNodes = new ArrayList<>();
    List<String> externalNodes = new ArrayList<>();
    List<String> entryNodes = new ArrayList<>();
    for (ServiceRoute route : table.services()) {
      String id = "s" + (services.size() + 1);
      services.put(new ServiceKey(route.namespace(), route.service(), route.port()), id);
      serviceNodes.add(id + "[" + quote(serviceLabel(route, namespaces)) + "]");
    }
    // HTTP rows first, so the chart reads left to right: route, Service, app
    int routes = 0;
    for (HttpRoute route : table.http()) {
      String id = "r" + (++routes);
      nodes.add(id + "([" + quote(TableFormat.url(route)) + "])");
      int sum = route.backends().stream().mapToInt(target -> target.weight() == null ? 0 : target.weight()).sum();
      for (Target target : route.backends()) {
        String service = service(table, services, serviceNodes, target, namespaces);
        edges.add(id + (target.weight() == null ? " --> " : " -->|" + quote(TableFormat.percent(target.weight(), sum))
            + "| ") + service);
      }
    }
    for (ServiceRoute route : table.services()) {
      String service = services.get(new ServiceKey(route.namespace(), route.service(), route.port()));
      String outside = outside(route);
      if (outside != null) {
        String id = "e" + (entryNodes.size() + 1);
        entryNodes.add(id + "([" + quote(outside) + "])");
        edges.add(id + " --> " + service);
      }
      if (route.app() != null) {
        for (String app : apps(route.app())) {
          String id = apps.get(app);
          if (id == null) {
            id = "a" + (appNodes.size() + 1);
            apps.put(app, id);
            appNodes.add(id + "{{" + quote(app) + "}}");
            int versions = app.indexOf(" (");
            if (versions > 0) {
              apps.putIfAbsent(app.substring(0, versions), id); // callers are named without their versions
            }
          }
          edges.add(service + " --> " + id);
        }
      }
      if (route.externalName() != null) {
        String id = "x" + (externalNodes.size() + 1);
        externalNodes.add(id + ">" + quote(route.externalName()) + "]");
        edges.add(service + " -->|" + quote("CNAME") + "| " + id);
      }
    }
    List<String> subsetNodes = new ArrayList<>();
    meshRoutes(table, services, subsetNodes, edges);
    List<String> sourceNodes = new ArrayList<>();
    calls(table, services, apps, entryIds(table), sourceNodes, externalNodes, edges);
    StringBuilder out = new StringBuilder("flowchart LR\n");
    for (List<String> group : List.of(nodes, entryNodes, sourceNodes, serviceNodes, subsetNodes, appNodes,
        externalNodes)) {
      group.forEach(node -> out.append("  ").append(node).append('\n'));
    }
    edges.forEach(edge -> out.append("  ").append(edge).append('\n'));
    return out.toString();
  }

  /**
   * The mesh's routes: from the routed Service to a node per destination (a subset, or the Service),
   * labelled with the rule's match and the destination's share of the split.
   */
  private static void meshRoutes(RouteTable table, Map<ServiceKey, String> services, List<String> subsetNodes,
      Set<String> edges) {
    Map<String, String> destinations = new LinkedHashMap<>();
    for (RouteTable.MeshRouteRow route : table.mesh()) {
      String from = serviceNode(services, route.namespace(), shortName(route.host()), null);
      if (from == null) {
        continue;
      }
      int sum = route.destinations().stream().mapToInt(d -> d.weight() == null ? 0 : d.weight()).sum();
      for (RouteTable.MeshDestination destination : route.destinations()) {
        String label = shortName(destination.host()) + (destination.port() == null ? "" : ":" + destination.port())
            + (destination.subset() == null ? "" : " " + destination.subset());
        String id = destinations.get(label);
        if (id == null) {
          id = "m" + (destinations.size() + 1);
          destinations.put(label, id);
          subsetNodes.add(id + "[/" + quote(label) + "/]");
        }
        String text = (route.match().equals("*") ? "" : route.match() + ": ")
            + (destination.weight() == null ? "mesh" : TableFormat.percent(destination.weight(), sum));
        edges.add(from + " -->|" + quote(text) + "| " + id);
      }
    }
  }

  /** The outside-entry node of each Service, by {@code namespace/name}. */
  private static Map<String, String> entryIds(RouteTable table) {
    Map<String, String> ids = new LinkedHashMap<>();
    int index = 0;
    for (ServiceRoute route : table.services()) {
      if (outside(route) != null) {
        ids.putIfAbsent(route.namespace() + "/" + route.service(), "e" + (++index));
      }
    }
    return ids;
  }

  /**
   * Who may call whom: an edge per declared call from its source to the callee's Service (or the
   * outside host), thick when allowed, crossed when denied, dotted when the objects cannot tell. Node
   * ports and load balancers already have their edge from outside; a denied one is crossed out there.
   */
  private static void calls(RouteTable table, Map<ServiceKey, String> services, Map<String, String> apps,
      Map<String, String> entries, List<String> sourceNodes, List<String> externalNodes, Set<String> edges) {
    Map<String, String> sources = new LinkedHashMap<>();
    Map<String, String> outsides = new LinkedHashMap<>();
    for (RouteTable.CallRow call : table.calls()) {
      String target;
      if (call.kind().equals("egress")) {
        target = outsides.get(call.to());
        if (target == null) {
          target = "x" + (externalNodes.size() + 1);
          outsides.put(call.to(), target);
          externalNodes.add(target + ">" + quote(call.to()) + "]");
        }
      } else {
        String[] parts = call.to().split("/", 3);
        if (parts.length < 3) {
          continue;
        }
        int colon = parts[2].indexOf(':');
        target = serviceNode(services, parts[1], colon < 0 ? parts[2] : parts[2].substring(0, colon),
            colon < 0 ? null : parts[2].substring(colon + 1));
      }
      if (target == null) {
        continue;
      }
      if (call.kind().equals("node port") || call.kind().equals("load balancer")) {
        String[] parts = call.to().split("/", 3);
        String entry = entries.get(parts[1] + "/" + parts[2]);
        if (entry != null && !call.outcome().equals("allowed")) {
          edges.add(entry + (call.outcome().equals("denied") ? " --x|" : " -.->|") + quote(verdict(call)) + "| "
              + target);
        }
        continue;
      }
      String source = apps.get(call.from());
      if (source == null) {
        source = sources.get(call.from());
        if (source == null) {
          source = "c" + (sources.size() + 1);
          sources.put(call.from(), source);
          sourceNodes.add(source + "([" + quote(call.from()) + "])");
        }
      }
      String arrow = switch (call.outcome()) {
        case "allowed" -> " ==>|";
        case "denied" -> " --x|";
        default -> " -.->|";
      };
      edges.add(source + arrow + quote(call.outcome().equals("allowed") ? call.kind() + " " + call.ports()
          : verdict(call)) + "| " + target);
    }
  }

  /** {@code denied by NetworkPolicy}, {@code denied by the mesh}, {@code unknown}. */
  private static String verdict(RouteTable.CallRow call) {
    if (call.outcome().equals("denied")) {
      return "denied by " + (call.network().equals("denied") ? "NetworkPolicy" : "the mesh");
    }
    return call.outcome();
  }

  /** The node of a Service's port ({@code null} for its first), or null when the table has no such Service. */
  private static String serviceNode(Map<ServiceKey, String> services, String namespace, String service, String port) {
    for (var entry : services.entrySet()) {
      ServiceKey key = entry.getKey();
      if (key.namespace().equals(namespace) && key.service().equals(service)
          && (port == null || key.port() != null && key.port().startsWith(port + "/"))) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static String shortName(String host) {
    int dot = host.indexOf('.');
    return dot < 0 ? host : host.substring(0, dot);
  }

  /** The apps of a Service row, e.g. {@code App/shop/orders (v1, v2), App/shop/web}: split outside parentheses. */
  static List<String> apps(String apps) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < apps.length(); i++) {
      char c = apps.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (depth == 0 && apps.startsWith(", ", i)) {
        out.add(apps.substring(start, i));
        start = i + 2;
      }
    }
    out.add(apps.substring(start));
    return out;
  }

  /** The node of the Service port a target names, added when the table has no such Service. */
  private static String service(RouteTable table, Map<ServiceKey, String> services, List<String> serviceNodes,
      Target target, boolean namespaces) {
    ServiceKey fallback = null;
    for (ServiceRoute route : table.services()) {
      if (route.namespace().equals(target.namespace()) && route.service().equals(target.service())
          && route.port() != null && route.port().startsWith(target.port() + "/")) {
        ServiceKey key = new ServiceKey(route.namespace(), route.service(), route.port());
        if (route.port().startsWith(target.port() + "/TCP")) {
          return services.get(key);
        }
        fallback = fallback == null ? key : fallback;
      }
    }
    if (fallback != null) {
      return services.get(fallback);
    }
    ServiceKey missing = new ServiceKey(target.namespace(), target.service(), target.port() + "/TCP");
    String id = services.get(missing);
    if (id == null) {
      id = "s" + (services.size() + 1);
      services.put(missing, id);
      serviceNodes.add(id + "[" + quote((namespaces ? target.namespace() + "/" : "") + target.service() + ":"
          + target.port() + " (no such Service)") + "]");
    }
    return id;
  }

  private static String serviceLabel(ServiceRoute route, boolean namespaces) {
    StringBuilder label = new StringBuilder();
    if (namespaces) {
      label.append(route.namespace()).append('/');
    }
    label.append(route.service());
    if (route.port() != null) {
      String[] parts = route.port().split(" ", 2)[0].split("/", 2);
      label.append(':').append(parts[0]);
      if (parts.length > 1 && !parts[1].equals("TCP")) {
        label.append('/').append(parts[1]);
      }
    }
    if (!route.type().equals("ClusterIP")) {
      label.append(" (").append(route.type()).append(')');
    }
    return label.toString();
  }

  /** A node port, load balancer or external IPs, as a node's label; null for none. */
  private static String outside(ServiceRoute route) {
    List<String> ways = new ArrayList<>();
    if (route.loadBalancer() != null) {
      ways.add(route.loadBalancer());
    }
    if (route.nodePort() != null) {
      ways.add("node port " + route.nodePort());
    } else if (route.type().equals("NodePort") && route.port() != null) {
      ways.add("node port (allocated)");
    }
    if (route.externalIps() != null) {
      ways.add("external IP " + route.externalIps());
    }
    return ways.isEmpty() ? null : String.join("; ", ways);
  }

  /** A label in double quotes, with the characters mermaid would read as syntax or HTML as entity codes. */
  static String quote(String label) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : label.toCharArray()) {
      switch (c) {
        case '"' -> out.append("#quot;");
        case '<' -> out.append("#lt;");
        case '>' -> out.append("#gt;");
        case '#' -> out.append("#35;");
        case '\n', '\r' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
