package dev.portico.synth.routes;

import dev.portico.synth.routes.RouteTable.HttpRoute;
import dev.portico.synth.routes.RouteTable.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An {@link HttpRoute} while it is assembled (a canary Ingress adds to its main Ingress's row). */
final class RowBuilder {
  final String host;
  final String match;
  final String path;
  final Map<String, String> headers;
  final List<Target> backends = new ArrayList<>();
  final boolean tls;
  final boolean httpsRedirect;
  final List<String> via = new ArrayList<>();

  RowBuilder(String host, String match, String path, Map<String, String> headers, boolean tls, boolean httpsRedirect,
      String via) {
    this.host = host;
    this.match = match;
    this.path = path;
    this.headers = new TreeMap<>(headers);
    this.tls = tls;
    this.httpsRedirect = httpsRedirect;
    this.via.add(via);
  }

  HttpRoute build() {
    return new HttpRoute(host, match, path, headers, backends, tls, httpsRedirect, String.join(", ", via));
  }

  /** A Prefix path as both APIs compare it: {@code /api/} and {@code /api} match the same requests. */
  static String prefix(String path) {
    if (path == null || path.isEmpty()) {
      return "/";
    }
    String trimmed = path;
    while (trimmed.length() > 1 && trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }

  /** Whether a TLS certificate's or listener's {@code pattern} (exact, or {@code *.example.com}) covers {@code host}. */
  static boolean covers(String pattern, String host) {
    if (pattern == null || pattern.isEmpty() || host.equals(RouteTable.ANY_HOST)) {
      return false;
    }
    String p = pattern.toLowerCase(java.util.Locale.ROOT);
    String h = host.toLowerCase(java.util.Locale.ROOT);
    if (p.equals(h)) {
      return true;
    }
    return p.startsWith("*.") && h.endsWith(p.substring(1)) && h.length() > p.length() - 1
        && !h.substring(0, h.length() - p.length() + 1).contains(".") && !h.startsWith("*");
  }
}
