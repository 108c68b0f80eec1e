package dev.portico.dsl.format;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The protocol Istio reads from a port, as istio/istio {@code pkg/config/kube.ConvertProtocol}
 * and {@code pkg/config/protocol.Parse} do: UDP and SCTP by protocol; else the appProtocol when
 * set, else the port name's prefix before the first '-' ({@code http-api} is HTTP; {@code grpc-web}
 * is checked whole); TCP for the well-known ports 25, 53, 3306 and 27017. An empty result is what
 * {@code istioctl analyze} reports as IST0118 ({@code PortNameIsNotUnderNamingConvention}).
 */
public final class IstioProtocols {
  /** {@code protocol.Parse}: lower-cased name to protocol. */
  private static final Map<String, String> PROTOCOLS = Map.ofEntries(
      Map.entry("tcp", "TCP"), Map.entry("udp", "UDP"), Map.entry("grpc", "GRPC"),
      Map.entry("grpc-web", "GRPC-Web"), Map.entry("http", "HTTP"), Map.entry("http_proxy", "HTTP_PROXY"),
      Map.entry("http2", "HTTP2"), Map.entry("https", "HTTPS"), Map.entry("tls", "TLS"),
      Map.entry("mongo", "Mongo"), Map.entry("redis", "Redis"), Map.entry("mysql", "MySQL"));
  /** Kubernetes' standard appProtocol values that Istio maps. */
  private static final Map<String, String> KUBERNETES_APP_PROTOCOLS = Map.of(
      "kubernetes.io/h2c", "HTTP2", "kubernetes.io/ws", "HTTP", "kubernetes.io/wss", "HTTPS");
  private static final Set<Integer> WELL_KNOWN_PORTS = Set.of(25, 53, 3306, 27017);
  private static final String GRPC_WEB = "grpc-web";

  private IstioProtocols() {}

  /** The prefixes a port name may start with, for messages. */
  public static final String PREFIXES = "http, http2, https, grpc, grpc-web, tcp, tls, mongo, mysql, redis";

  /**
   * A name for a port Istio reads no protocol from (IST0118) that says what Istio treats it as
   * anyway, plain TCP: {@code tcp-<name>}, e.g. {@code tcp-postgres} (never {@code http-...}, which
   * would make Istio parse a database protocol as HTTP); null when that name would be longer than an
   * IANA service name may be (15), so only an appProtocol fits.
   */
  public static String tcpName(String name) {
    String suggestion = "tcp-" + (name == null ? "" : name.toLowerCase(Locale.ROOT));
    return name == null || name.isEmpty() || suggestion.length() > Formats.PORT_NAME_MAX ? null : suggestion;
  }

  /**
   * The protocol Istio gives a port, e.g. {@code HTTP}; empty when it cannot tell (IST0118).
   *
   * @param name the port's name, or null
   * @param protocol TCP, UDP or SCTP
   * @param appProtocol the port's appProtocol, or null
   */
  public static Optional<String> protocolOf(int port, String name, String protocol, String appProtocol) {
    if ("UDP".equals(protocol)) {
      return Optional.of("UDP");
    }
    if ("SCTP".equals(protocol)) {
      return Optional.of("SCTP");
    }
    String label = appProtocol != null ? appProtocol : name == null ? "" : name;
    if (appProtocol != null && KUBERNETES_APP_PROTOCOLS.containsKey(appProtocol)) {
      return Optional.of(KUBERNETES_APP_PROTOCOLS.get(appProtocol));
    }
    String parsed;
    if (label.length() >= GRPC_WEB.length() && label.substring(0, GRPC_WEB.length()).equalsIgnoreCase(GRPC_WEB)) {
      parsed = PROTOCOLS.get(GRPC_WEB);
    } else {
      int dash = label.indexOf('-');
      parsed = PROTOCOLS.get((dash >= 0 ? label.substring(0, dash) : label).toLowerCase(Locale.ROOT));
    }
    if (parsed == null && WELL_KNOWN_PORTS.contains(port)) {
      return Optional.of("TCP");
    }
    return Optional.ofNullable(parsed);
  }
}
