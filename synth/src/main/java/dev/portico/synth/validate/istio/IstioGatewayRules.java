package dev.portico.synth.validate.istio;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.istio.api.api.networking.v1alpha3.Port;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSmode;
import io.fabric8.istio.api.networking.v1.Gateway;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An Istio Gateway (networking.istio.io) as istio/istio's webhook validation accepts it:
 * {@code ValidateGateway} in {@code pkg/config/validation/validation.go} with {@code validateServer},
 * {@code validateServerPort}, {@code validateServerBind} and {@code validateTLSOptions}, and
 * {@code agent.ValidateNamespaceSlashWildcardHostname} for server hosts. Not checked, as upstream does
 * not: the selector's labels and a server's name.
 */
final class IstioGatewayRules {
  /** {@code validateTLSOptions}'s findings on a Gateway server. */
  static final ServerTlsRules.Ids TLS = new ServerTlsRules.Ids("istio-gateway.tls", "istio-gateway.tls-version",
      "istio-gateway.cipher-suites", "istio-gateway.tls-passthrough-certs", "istio-gateway.tls-certificates", true);

  private IstioGatewayRules() {}

  static void check(Check check, Gateway gateway) {
    MetadataRules.check(check, gateway.getMetadata(), Formats::dns1123Subdomain);
    String name = gateway.getMetadata() == null ? null : gateway.getMetadata().getName();
    if (name != null && !name.isEmpty() && Formats.dns1123Subdomain(name).isEmpty()
        && !IstioFormats.isDns1123Label(name)) {
      check.error("istio-gateway.name", "metadata.name", Messages.quote(name) + " must be a DNS-1123 label for an "
          + "Istio Gateway (no dots, at most 63 characters), as VirtualServices name it \"namespace/name\""
          + Messages.tryInstead(name, Formats.suggestDns1123Label(name.replace('.', '-'))));
    }
    var spec = gateway.getSpec();
    List<Server> servers = spec == null || spec.getServers() == null ? List.of() : spec.getServers();
    if (servers.isEmpty()) {
      check.error("istio-gateway.servers-required", spec == null ? "spec" : "spec.servers", "at least one server is "
          + "required: a port, its hosts and TLS settings");
    }
    for (int i = 0; i < servers.size(); i++) {
      String path = "spec.servers[" + i + "]";
      if (servers.get(i) == null) {
        check.error("istio-gateway.null-entry", path, "is null; a server needs a port and hosts");
        continue;
      }
      server(check, path, servers.get(i));
    }
    Map<String, Integer> portNames = new HashMap<>();
    for (int i = 0; i < servers.size(); i++) {
      Server server = servers.get(i);
      if (server == null || server.getPort() == null) {
        continue;
      }
      String portName = server.getPort().getName() == null ? "" : server.getPort().getName();
      Integer earlier = portNames.putIfAbsent(portName, i);
      if (earlier != null) {
        check.error("istio-gateway.port-name-duplicate", "spec.servers[" + i + "].port.name", Messages.quote(portName)
            + " is already the port name of spec.servers[" + earlier + "]; port names must be unique across servers");
      }
      ServerTLSSettings tls = server.getTls();
      if (tls != null && Boolean.TRUE.equals(tls.getHttpsRedirect())
          && !IstioFormats.isHttp(server.getPort().getProtocol())) {
        check.warning("istio-gateway.https-redirect", "spec.servers[" + i + "].tls.httpsRedirect", "only has an "
            + "effect on plain-text HTTP servers; this one is " + Messages.quote(server.getPort().getProtocol()));
      }
    }
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }

  private static List<String> list(List<String> values) {
    return values == null ? List.of() : values;
  }

  /** {@code validateServer}. */
  private static void server(Check check, String path, Server server) {
    List<String> hosts = list(server.getHosts());
    if (hosts.isEmpty()) {
      check.error("istio-gateway.hosts-required", path + ".hosts", "at least one host is required, e.g. "
          + "\"shop.example.com\" or \"shop/*.example.com\"");
    }
    for (int i = 0; i < hosts.size(); i++) {
      host(check, path + ".hosts[" + i + "]", hosts.get(i) == null ? "" : hosts.get(i));
    }
    String bind = server.getBind() == null ? "" : server.getBind();
    boolean portValid = port(check, path + ".port", server.getPort(), bind);
    bind(check, path, server.getPort(), bind);
    ServerTlsRules.check(check, TLS, path + ".tls", server.getTls());
    if (!portValid) {
      return;
    }
    String protocol = server.getPort().getProtocol();
    ServerTLSSettings tls = server.getTls();
    if (IstioFormats.isTls(protocol) && tls == null) {
      check.error("istio-gateway.tls-required", path + ".tls", "is required for protocol "
          + Messages.quote(protocol) + ": e.g. mode SIMPLE with credentialName naming a TLS Secret");
    } else if (!IstioFormats.isTls(protocol) && tls != null) {
      if (IstioFormats.isHttp(protocol)) {
        ServerTLSSettingsTLSmode mode = tls.getMode() == null ? ServerTLSSettingsTLSmode.PASSTHROUGH : tls.getMode();
        boolean passthrough = mode == ServerTLSSettingsTLSmode.PASSTHROUGH
            || mode == ServerTLSSettingsTLSmode.AUTO_PASSTHROUGH;
        if (!passthrough || !isEmpty(tls.getCaCertificates()) || !isEmpty(tls.getPrivateKey())
            || !isEmpty(tls.getServerCertificate())) {
          check.error("istio-gateway.tls-not-allowed", path + ".tls", "cannot terminate TLS on plain-text protocol "
              + Messages.quote(protocol) + "; use protocol HTTPS for TLS, or keep only httpsRedirect: true here");
        }
      } else {
        check.error("istio-gateway.tls-not-allowed", path + ".tls", "is not allowed for protocol "
            + Messages.quote(protocol) + "; TLS settings go on HTTPS or TLS servers");
      }
    }
  }

  /**
   * {@code agent.ValidateNamespaceSlashWildcardHostname} for gateways: "host" or "namespace/host",
   * the namespace "*", "." or a DNS-1123 label, the host "*", a DNS name (no short names), a
   * wildcard DNS name ("*.example.com") or an IP address, and no partial wildcards.
   */
  private static void host(Check check, String path, String value) {
    int slash = value.indexOf('/');
    String host = value;
    if (slash >= 0) {
      String namespace = value.substring(0, slash);
      host = value.substring(slash + 1);
      if (namespace.isEmpty() || host.isEmpty()) {
        check.error("istio-gateway.host", path, Messages.quote(value) + " must name both parts of \"namespace/host\", "
            + "e.g. \"shop/shop.example.com\" or \"*/*.example.com\"");
        return;
      }
      if (!namespace.equals("*") && !namespace.equals(".") && !IstioFormats.isDns1123Label(namespace)) {
        check.error("istio-gateway.host", path, Messages.quote(value) + " has an invalid namespace "
            + Messages.quote(namespace) + ": \"*\", \".\" or a namespace name (a DNS-1123 label)");
      }
    }
    if (host.equals("*")) {
      return;
    }
    if (IstioFormats.isPartialWildcard(host)) {
      check.error("istio-gateway.host", path, Messages.quote(value) + " has a partial wildcard; a wildcard must be "
          + "\"*\" alone or a whole first label, e.g. \"*.example.com\"");
      return;
    }
    if (!host.contains(".")) {
      check.error("istio-gateway.host", path, Messages.quote(value) + " is "
          + (host.isEmpty() ? "empty" : "a short name") + "; a Gateway host must be a fully qualified name such as \"shop.example.com\", a wildcard such as "
          + "\"*.example.com\", or \"*\", optionally after \"namespace/\"");
      return;
    }
    if (!IstioFormats.isIp(host)) {
      for (String problem : IstioFormats.host(host)) {
        check.error("istio-gateway.host", path, Messages.quote(value) + " " + problem);
      }
    }
  }

  /**
   * {@code validateServerPort}: present, a known protocol, a number (0 only on a unix socket), no
   * targetPort, a name. True when valid.
   */
  private static boolean port(Check check, String path, Port port, String bind) {
    if (port == null) {
      check.error("istio-gateway.port", path, "is required: a number, a protocol and a name, e.g. {number: 443, "
          + "protocol: HTTPS, name: https}");
      return false;
    }
    boolean valid = true;
    String protocol = port.getProtocol() == null ? "" : port.getProtocol();
    if (IstioFormats.protocol(protocol) == null) {
      valid = false;
      check.error("istio-gateway.protocol", path + ".protocol", Messages.quote(protocol) + " is not a protocol Istio "
          + "knows; use " + Messages.oneOf(IstioFormats.PROTOCOLS) + " (any case)");
    }
    long number = port.getNumber() == null ? 0 : port.getNumber();
    if (number > 0 || !bind.startsWith(IstioFormats.UNIX_PREFIX)) {
      for (String problem : IstioFormats.port(number)) {
        valid = false;
        check.error("istio-gateway.port", path + ".number", number + " " + problem);
      }
    }
    if (port.getTargetPort() != null && port.getTargetPort() > 0) {
      valid = false;
      check.error("istio-gateway.target-port", path + ".targetPort", port.getTargetPort() + " has no effect on a "
          + "Gateway and is rejected; drop it (the gateway's Service maps ports)");
    }
    if (isEmpty(port.getName())) {
      valid = false;
      check.error("istio-gateway.port", path + ".name", "is required: a name for the port, e.g. \"https\"");
    }
    return valid;
  }

  /** {@code validateServerBind}: a unix socket (with port 0) or an IP address. */
  private static void bind(Check check, String path, Port port, String bind) {
    if (bind.startsWith(IstioFormats.UNIX_PREFIX)) {
      for (String problem : IstioFormats.unixAddress(bind.substring(IstioFormats.UNIX_PREFIX.length()))) {
        check.error("istio-gateway.bind", path + ".bind", Messages.quote(bind) + " " + problem);
      }
      if (port != null && port.getNumber() != null && port.getNumber() != 0) {
        check.error("istio-gateway.bind", path + ".port.number", port.getNumber() + " must be 0 when bind is a unix "
            + "domain socket (" + Messages.quote(bind) + ")");
      }
    } else if (!bind.isEmpty() && !IstioFormats.isIp(bind)) {
      check.error("istio-gateway.bind", path + ".bind", Messages.quote(bind) + " must be an IP address to listen "
          + "on (e.g. \"0.0.0.0\") or a unix domain socket (\"unix:///path\")");
    }
  }
}
