package dev.portico.synth.routes;

import dev.portico.synth.routes.RouteTable.HttpRoute;
import dev.portico.synth.routes.RouteTable.ServiceRoute;
import dev.portico.synth.routes.RouteTable.Target;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** {@link RouteTable#table()}: two sections of aligned columns. */
final class TableFormat {
  static final String ARROW = "→";
  private static final String NONE = "-";

  private TableFormat() {}

  static String render(RouteTable table) {
    StringBuilder out = new StringBuilder();
    out.append("Services\n");
    out.append(services(table.services()));
    out.append("\nHTTP routes\n");
    out.append(http(table.http()));
    if (!table.mesh().isEmpty()) {
      out.append("\nMesh routes\n");
      out.append(mesh(table.mesh()));
    }
    if (!table.calls().isEmpty()) {
      out.append("\nWho may call whom\n");
      out.append(calls(table.calls()));
    }
    return out.toString();
  }

  /** One row per declared call: what NetworkPolicies and the mesh say, with why. */
  private static String calls(List<RouteTable.CallRow> calls) {
    boolean mesh = calls.stream().anyMatch(row -> row.mesh() != null);
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("FROM", "", "TO", "PORTS", "KIND", "VIA", "NETWORKPOLICY"));
    if (mesh) {
      header.add("MESH (MTLS, AUTHORIZATIONPOLICY)");
    }
    rows.add(header);
    for (RouteTable.CallRow call : calls) {
      List<String> row = new ArrayList<>(List.of(call.from(), call.outcome().equals("denied") ? "✗" : ARROW, call.to(),
          call.ports(), call.kind(), call.via(), call.network() + ": " + call.networkReason()));
      if (mesh) {
        row.add(call.mesh() == null ? NONE : call.mesh() + ": " + call.meshReason());
      }
      rows.add(row);
    }
    return align(rows);
  }

  private static String services(List<ServiceRoute> services) {
    if (services.isEmpty()) {
      return "  (none)\n";
    }
    boolean namespaces = services.stream().map(ServiceRoute::namespace).distinct().count() > 1;
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("SERVICE", "TYPE", "PORT", "APP", "IN THE CLUSTER", "FROM OUTSIDE", "KUBECTL PROXY"));
    for (ServiceRoute route : services) {
      rows.add(List.of(
          namespaces ? route.namespace() + "/" + route.service() : route.service(),
          route.type(),
          orNone(route.port()),
          orNone(route.app()),
          route.dns(),
          orNone(outside(route)),
          orNone(route.proxyUrl())));
    }
    // columns that say nothing for any row are left out
    for (int column = rows.get(0).size() - 1; column >= 3; column--) {
      int c = column;
      if (column != 4 && rows.stream().skip(1).allMatch(row -> row.get(c).equals(NONE))) {
        for (int i = 0; i < rows.size(); i++) {
          List<String> row = new ArrayList<>(rows.get(i));
          row.remove(c);
          rows.set(i, row);
        }
      }
    }
    return align(rows);
  }

  private static String mesh(List<RouteTable.MeshRouteRow> routes) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("HOST", "MATCH", "", "DESTINATIONS", "POLICIES", "VIA"));
    for (RouteTable.MeshRouteRow route : routes) {
      int sum = route.destinations().stream().mapToInt(d -> d.weight() == null ? 0 : d.weight()).sum();
      List<String> destinations = new ArrayList<>();
      for (RouteTable.MeshDestination destination : route.destinations()) {
        destinations.add(destination + (destination.weight() == null ? "" : " (" + percent(destination.weight(), sum)
            + ")"));
      }
      rows.add(List.of(route.host(), route.match(), ARROW, destinations.isEmpty() ? NONE
          : String.join(", ", destinations), route.policies().isEmpty() ? NONE : String.join("; ", route.policies()),
          route.via()));
    }
    return align(rows);
  }

  /** How the port is reached from outside the cluster: node port, load balancer, external IPs, DNS alias. */
  static String outside(ServiceRoute route) {
    List<String> ways = new ArrayList<>();
    if (route.loadBalancer() != null) {
      ways.add(route.loadBalancer());
    }
    if (route.nodePort() != null) {
      ways.add("<node>:" + route.nodePort());
    } else if (route.type().equals("NodePort") && route.port() != null) {
      ways.add("<node>:<allocated>");
    }
    if (route.externalIps() != null) {
      ways.add(route.externalIps());
    }
    if (route.externalName() != null) {
      ways.add("CNAME " + route.externalName());
    }
    return ways.isEmpty() ? null : String.join("; ", ways);
  }

  private static String http(List<HttpRoute> routes) {
    if (routes.isEmpty()) {
      return "  (none)\n";
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("ROUTE", "", "BACKENDS", "VIA"));
    for (HttpRoute route : routes) {
      rows.add(List.of(url(route), ARROW, backends(route), route.via() == null ? NONE : route.via()));
    }
    return align(rows);
  }

  /** {@code https://shop.example.com/api}, with what else the row matches on. */
  static String url(HttpRoute route) {
    String scheme = route.tls() ? route.httpsRedirect() ? "https://" : "http(s)://" : "http://";
    StringBuilder url = new StringBuilder(scheme).append(route.host());
    if (route.match().equals(HttpRoute.DEFAULT)) {
      url.append(" (default backend)");
    } else {
      url.append(route.path());
      if (route.match().equals("Exact")) {
        url.append(" (exact)");
      } else if (route.match().equals("ImplementationSpecific")) {
        url.append(" (implementation-specific)");
      }
    }
    if (!route.headers().isEmpty()) {
      url.append(" [").append(route.headers().entrySet().stream()
          .map(header -> header.getKey() + ": " + header.getValue()).collect(Collectors.joining(", "))).append(']');
    }
    if (!route.tls() && route.httpsRedirect()) {
      url.append(" (redirected to https)");
    }
    return url.toString();
  }

  /** {@code web:8080 (90%), web-next:8080 (10%)}; a Service of another namespace than the row's object is {@code ns/name:port}. */
  static String backends(HttpRoute route) {
    String namespace = viaNamespace(route.via());
    int sum = route.backends().stream().mapToInt(target -> target.weight() == null ? 0 : target.weight()).sum();
    List<String> parts = new ArrayList<>();
    for (Target target : route.backends()) {
      String name = (namespace == null || namespace.equals(target.namespace()) ? "" : target.namespace() + "/")
          + target.service() + ":" + target.port();
      parts.add(target.weight() == null ? name : name + " (" + percent(target.weight(), sum) + ")");
    }
    return String.join(", ", parts);
  }

  /** The namespace of the first object in a {@code via}, e.g. {@code storefront} of {@code Ingress/storefront/storefront}. */
  static String viaNamespace(String via) {
    if (via == null) {
      return null;
    }
    String first = via.split(", ", 2)[0];
    String[] parts = first.split("/");
    return parts.length == 3 ? parts[1] : "default";
  }

  static String percent(int weight, int sum) {
    if (sum <= 0) {
      return "0%";
    }
    BigDecimal percent = BigDecimal.valueOf(weight * 100L).divide(BigDecimal.valueOf(sum), 1, RoundingMode.HALF_UP)
        .stripTrailingZeros();
    return percent.toPlainString() + "%";
  }

  private static String orNone(String value) {
    return value == null ? NONE : value;
  }

  /** Columns padded to their widest cell, two spaces apart, each line indented by two; no trailing spaces. */
  private static String align(List<List<String>> rows) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < columns; i++) {
        if (widths[i] == 0) {
          continue;
        }
        line.append(row.get(i));
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
