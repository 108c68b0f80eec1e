package dev.portico.synth.routes;

import static dev.portico.synth.routes.RouteTable.ANY_HOST;

import dev.portico.synth.routes.RouteTable.HttpRoute;
import dev.portico.synth.routes.RouteTable.Target;
import dev.portico.synth.validate.Resource;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link HttpRoute}s of networking.k8s.io/v1 Ingresses, read as ingress-nginx does: a canary
 * Ingress ({@code nginx.ingress.kubernetes.io/canary: "true"}) adds its backend to the row of the
 * main Ingress with the same host and path, weighted {@code canary-weight} against
 * {@code canary-weight-total - canary-weight}, and, with {@code canary-by-header}, a row of its own
 * for requests carrying the header.
 */
final class IngressRoutes {
  static final String NGINX = "nginx.ingress.kubernetes.io/";
  /** What ingress-nginx's {@code rewrite-target} paths end with: the prefix, then the part to keep. */
  static final String REWRITE_SUFFIX = "(/|$)(.*)";
  /** The root path {@code /} as a rewrite expression (its second group is what follows the '/'). */
  static final String ROOT_REWRITE = "/()(.*)";

  private IngressRoutes() {}

  /** Where a main Ingress's path is, to find it from a canary's. */
  private record PathKey(String group, String namespace, String host, String path, String type) {}

  static List<HttpRoute> of(List<Resource> resources, ServicePorts ports) {
    List<RowBuilder> rows = new ArrayList<>();
    Map<PathKey, RowBuilder> mains = new LinkedHashMap<>();
    List<Resource> canaries = new ArrayList<>();
    for (Resource resource : resources) {
      if (resource.object() instanceof Ingress ingress && ingress.getSpec() != null) {
        if ("true".equals(annotations(ingress).get(NGINX + "canary"))) {
          canaries.add(resource);
        } else {
          main(resource, ingress, ports, rows, mains);
        }
      }
    }
    for (Resource resource : canaries) {
      canary(resource, (Ingress) resource.object(), ports, rows, mains);
    }
    return rows.stream().map(RowBuilder::build).toList();
  }

  private static void main(Resource resource, Ingress ingress, ServicePorts ports, List<RowBuilder> rows,
      Map<PathKey, RowBuilder> mains) {
    Map<String, String> annotations = annotations(ingress);
    boolean regex = "true".equals(annotations.get(NGINX + "use-regex")) || annotations.containsKey(NGINX + "rewrite-target");
    boolean force = "true".equals(annotations.get(NGINX + "force-ssl-redirect"));
    boolean sslRedirect = !"false".equals(annotations.get(NGINX + "ssl-redirect"));
    String namespace = ServicePorts.namespace(ingress);
    IngressSpec spec = ingress.getSpec();
    for (IngressRule rule : list(spec.getRules())) {
      if (rule == null || rule.getHttp() == null) {
        continue;
      }
      String host = rule.getHost() == null || rule.getHost().isEmpty() ? ANY_HOST : rule.getHost();
      boolean certificate = tls(spec.getTls(), host);
      boolean tls = certificate || force && !host.equals(ANY_HOST);
      boolean redirect = !host.equals(ANY_HOST) && (certificate && sslRedirect || force);
      for (HTTPIngressPath path : list(rule.getHttp().getPaths())) {
        if (path == null) {
          continue;
        }
        Target target = target(resource.group(), namespace, path.getBackend(), ports);
        if (target == null) {
          continue;
        }
        String type = path.getPathType() == null ? "ImplementationSpecific" : path.getPathType();
        String[] match = match(type, path.getPath(), regex);
        RowBuilder row = new RowBuilder(host, match[0], match[1], Map.of(), tls, redirect, resource.id());
        row.backends.add(target);
        rows.add(row);
        mains.putIfAbsent(new PathKey(resource.group(), namespace, host, path.getPath(), type), row);
      }
    }
    Target fallback = target(resource.group(), namespace, spec.getDefaultBackend(), ports);
    if (fallback != null) {
      RowBuilder row = new RowBuilder(ANY_HOST, HttpRoute.DEFAULT, "/", Map.of(), false, false, resource.id());
      row.backends.add(fallback);
      rows.add(row);
    }
  }

  private static void canary(Resource resource, Ingress ingress, ServicePorts ports, List<RowBuilder> rows,
      Map<PathKey, RowBuilder> mains) {
    Map<String, String> annotations = annotations(ingress);
    Integer weight = integer(annotations.get(NGINX + "canary-weight"));
    Integer total = integer(annotations.get(NGINX + "canary-weight-total"));
    String header = annotations.get(NGINX + "canary-by-header");
    String headerValue = annotations.getOrDefault(NGINX + "canary-by-header-value", "always");
    String namespace = ServicePorts.namespace(ingress);
    for (IngressRule rule : list(ingress.getSpec().getRules())) {
      if (rule == null || rule.getHttp() == null) {
        continue;
      }
      String host = rule.getHost() == null || rule.getHost().isEmpty() ? ANY_HOST : rule.getHost();
      for (HTTPIngressPath path : list(rule.getHttp().getPaths())) {
        if (path == null) {
          continue;
        }
        String type = path.getPathType() == null ? "ImplementationSpecific" : path.getPathType();
        RowBuilder main = mains.get(new PathKey(resource.group(), namespace, host, path.getPath(), type));
        Target target = target(resource.group(), namespace, path.getBackend(), ports);
        if (main == null || target == null) {
          continue; // ingress-nginx ignores a canary without a main Ingress for its host and path
        }
        if (header != null && !header.isEmpty()) {
          RowBuilder row = new RowBuilder(main.host, main.match, main.path, Map.of(header, headerValue), main.tls,
              main.httpsRedirect, resource.id());
          row.backends.add(target);
          rows.add(row);
        }
        if (weight != null) {
          int sum = total == null || total <= 0 ? 100 : total;
          int rest = sum - weight;
          for (int i = 0; i < main.backends.size(); i++) {
            Target backend = main.backends.get(i);
            if (backend.weight() == null) {
              main.backends.set(i, backend.withWeight(rest));
            }
          }
          main.backends.add(target.withWeight(weight));
          if (!main.via.contains(resource.id())) {
            main.via.add(resource.id());
          }
        }
      }
    }
  }

  /**
   * {@code [match, path]}: ingress-nginx's rewrite expression {@code /api(/|$)(.*)} reads as Prefix
   * {@code /api}, and {@code /()(.*)} (or {@code (/|$)(.*)}) as Prefix {@code /}.
   */
  private static String[] match(String type, String path, boolean regex) {
    String value = path == null || path.isEmpty() ? "/" : path;
    if (type.equals("ImplementationSpecific") && regex && value.equals(ROOT_REWRITE)) {
      return new String[] {"Prefix", "/"};
    }
    if (type.equals("ImplementationSpecific") && regex && value.endsWith(REWRITE_SUFFIX)) {
      return new String[] {"Prefix",
          RowBuilder.prefix(unescape(value.substring(0, value.length() - REWRITE_SUFFIX.length())))};
    }
    return switch (type) {
      case "Prefix" -> new String[] {"Prefix", RowBuilder.prefix(value)};
      case "Exact" -> new String[] {"Exact", value};
      default -> new String[] {"ImplementationSpecific", value};
    };
  }

  /** The literal path of a regular expression that escapes its special characters with a backslash. */
  static String unescape(String regex) {
    StringBuilder sb = new StringBuilder(regex.length());
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        c = regex.charAt(++i);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static boolean tls(List<IngressTLS> tls, String host) {
    for (IngressTLS entry : list(tls)) {
      if (entry == null) {
        continue;
      }
      for (String covered : list(entry.getHosts())) {
        if (RowBuilder.covers(covered, host)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Target target(String group, String namespace, IngressBackend backend, ServicePorts ports) {
    if (backend == null || backend.getService() == null || backend.getService().getName() == null) {
      return null;
    }
    var service = backend.getService();
    int port = 0;
    if (service.getPort() != null && service.getPort().getNumber() != null) {
      port = service.getPort().getNumber();
    } else if (service.getPort() != null && service.getPort().getName() != null) {
      port = ports.number(group, namespace, service.getName(), service.getPort().getName());
    }
    return new Target(namespace, service.getName(), port, null);
  }

  private static Map<String, String> annotations(Ingress ingress) {
    Map<String, String> annotations = ingress.getMetadata() == null ? null : ingress.getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }

  private static Integer integer(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }
}
