package dev.portico.synth.validate.istio;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.istio.api.api.networking.v1alpha3.CaptureMode;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.IstioEgressListener;
import io.fabric8.istio.api.api.networking.v1alpha3.IstioIngressListener;
import io.fabric8.istio.api.api.networking.v1alpha3.OutboundTrafficPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.OutboundTrafficPolicyMode;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSmode;
import io.fabric8.istio.api.api.networking.v1alpha3.Sidecar;
import io.fabric8.istio.api.api.networking.v1alpha3.SidecarPort;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An Istio Sidecar (networking.istio.io v1, v1beta1 and v1alpha3, which share one schema) as
 * istio/istio's webhook validation accepts it: {@code ValidateSidecar} in
 * {@code pkg/config/validation/validation.go} with {@code ValidateAlphaWorkloadSelector},
 * {@code validateSidecarIngressPortAndBind}, {@code validateSidecarEgressPortBindAndCaptureMode},
 * {@code validateSidecarOutboundTrafficPolicy}, {@code validateTLSOptions}, {@code validateConnectionPool},
 * {@code validateDestination}, and {@code agent.ValidateNamespaceSlashWildcardHostname} for egress hosts;
 * the CRD's selector limits (at most 256 labels, values at most 63 characters, no '*'); the dry-run
 * check of {@code validateMetadata}.
 */
final class SidecarRules {
  static final IstioSecurityFormats.SelectorRules SELECTOR = new IstioSecurityFormats.SelectorRules(
      "sidecar.workload-selector", "sidecar.workload-selector-empty", "sidecar.workload-selector-label");
  static final ServerTlsRules.Ids TLS = new ServerTlsRules.Ids("sidecar.tls", "sidecar.tls-version",
      "sidecar.cipher-suites", "sidecar.tls-passthrough-certs", "sidecar.tls-certificates", false);
  static final ConnectionPoolRules.Ids POOL = new ConnectionPoolRules.Ids("sidecar.connection-pool", "sidecar.duration");
  /** The CRD's {@code maxProperties} of {@code workloadSelector.labels}. */
  static final int SELECTOR_LABELS_MAX = 256;
  /** The addresses {@code ValidateSidecar} accepts as the host of an ingress {@code defaultEndpoint}. */
  static final List<String> DEFAULT_ENDPOINT_HOSTS = List.of("127.0.0.1", "0.0.0.0", "::1", "::");

  private SidecarRules() {}

  static void check(Check check, ObjectMeta metadata, Sidecar spec) {
    MetadataRules.check(check, metadata, Formats::dns1123Subdomain);
    IstioSecurityFormats.dryRunUnsupported(check, "sidecar.dry-run-annotation", "Sidecar", metadata);
    if (spec == null) {
      check.error("sidecar.empty", "spec", "is required: a Sidecar sets at least one of egress, ingress, "
          + "outboundTrafficPolicy and inboundConnectionPool");
      return;
    }
    if (spec.getWorkloadSelector() != null) {
      IstioSecurityFormats.selector(check, SELECTOR, "spec.workloadSelector", "labels",
          spec.getWorkloadSelector().getLabels(), SELECTOR_LABELS_MAX,
          "applies to every workload in the namespace (like no workloadSelector)");
    }
    List<IstioIngressListener> ingress = list(spec.getIngress());
    List<IstioEgressListener> egress = list(spec.getEgress());
    if (ingress.isEmpty() && egress.isEmpty() && spec.getOutboundTrafficPolicy() == null
        && spec.getInboundConnectionPool() == null) {
      check.error("sidecar.empty", "spec", "sets none of egress, ingress, outboundTrafficPolicy and "
          + "inboundConnectionPool; an empty Sidecar is rejected (to limit what workloads reach, add e.g. "
          + "egress: [{hosts: [\"./*\", \"istio-system/*\"]}])");
    }
    Map<Long, Integer> ingressPorts = new HashMap<>();
    for (int i = 0; i < ingress.size(); i++) {
      ingress(check, "spec.ingress[" + i + "]", ingress.get(i), ingressPorts, i);
    }
    ConnectionPoolRules.check(check, POOL, "spec.inboundConnectionPool", spec.getInboundConnectionPool());
    egress(check, metadata == null ? null : metadata.getNamespace(), egress);
    outboundTrafficPolicy(check, "spec.outboundTrafficPolicy", spec.getOutboundTrafficPolicy());
  }

  private static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : values;
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }

  private static long number(Long value) {
    return value == null ? 0 : value;
  }

  // ================================================================= ingress

  private static void ingress(Check check, String path, IstioIngressListener listener, Map<Long, Integer> ports,
      int index) {
    if (listener == null) {
      check.error("sidecar.null-entry", path, "is null; an ingress listener needs a port");
      return;
    }
    SidecarPort port = listener.getPort();
    if (port == null) {
      check.error("sidecar.ingress-port", path + ".port", "is required for an ingress listener: the number, "
          + "protocol and name of the port the workload listens on, e.g. {number: 8080, protocol: HTTP, name: http}");
      return;
    }
    targetPort(check, path, port);
    portName(check, path, port);
    protocol(check, path, port);
    portNumber(check, path, number(port.getNumber()));
    bind(check, path, listener.getBind());
    Integer earlier = ports.putIfAbsent(number(port.getNumber()), index);
    if (earlier != null) {
      check.error("sidecar.port-duplicate", path + ".port.number", number(port.getNumber()) + " is already the port "
          + "of spec.ingress[" + earlier + "]; ports of IP-bound listeners must be unique");
    }
    if (!isEmpty(listener.getDefaultEndpoint())) {
      defaultEndpoint(check, path + ".defaultEndpoint", listener.getDefaultEndpoint());
    }
    if (listener.getTls() != null) {
      ingressTls(check, path + ".tls", listener.getTls(), port.getProtocol());
    }
    ConnectionPoolRules.check(check, POOL, path + ".connectionPool", listener.getConnectionPool());
    if (listener.getConnectionPool() != null && listener.getConnectionPool().getHttp() != null
        && !IstioFormats.isHttp(port.getProtocol())) {
      check.warning("sidecar.connection-pool-protocol", path + ".connectionPool.http", "is set for port "
          + number(port.getNumber()) + " whose protocol " + Messages.quote(port.getProtocol() == null ? ""
          : port.getProtocol()) + " is not HTTP, so only the tcp settings apply; drop http or use an HTTP protocol");
    }
  }

  /**
   * The ingress {@code defaultEndpoint}: "unix://" and a socket path, or {@code host:port} (Go's
   * {@code net.SplitHostPort}) where the host is 127.0.0.1, 0.0.0.0, [::1], [::] or empty.
   */
  private static void defaultEndpoint(Check check, String path, String endpoint) {
    if (endpoint.startsWith(IstioFormats.UNIX_PREFIX)) {
      for (String problem : IstioFormats.unixAddress(endpoint.substring(IstioFormats.UNIX_PREFIX.length()))) {
        check.error("sidecar.default-endpoint", path, Messages.quote(endpoint) + " " + problem);
      }
      return;
    }
    String accepted = "; use \"127.0.0.1:PORT\", \"0.0.0.0:PORT\", \"[::1]:PORT\", \"[::]:PORT\", \":PORT\" or "
        + "\"unix:///path/to/socket\"";
    String host;
    String port;
    if (endpoint.startsWith("[")) {
      int close = endpoint.indexOf(']');
      if (close < 0 || close + 1 >= endpoint.length() || endpoint.charAt(close + 1) != ':') {
        check.error("sidecar.default-endpoint", path, Messages.quote(endpoint) + " is not HOST:PORT" + accepted);
        return;
      }
      host = endpoint.substring(1, close);
      port = endpoint.substring(close + 2);
    } else {
      int colon = endpoint.lastIndexOf(':');
      if (colon < 0 || endpoint.substring(0, colon).contains(":")) {
        check.error("sidecar.default-endpoint", path, Messages.quote(endpoint) + " is not HOST:PORT"
            + (colon < 0 ? " (no port)" : " (an IPv6 host goes in brackets)") + accepted);
        return;
      }
      host = endpoint.substring(0, colon);
      port = endpoint.substring(colon + 1);
    }
    if (!host.isEmpty() && !DEFAULT_ENDPOINT_HOSTS.contains(host)) {
      check.error("sidecar.default-endpoint", path, Messages.quote(endpoint) + " names host " + Messages.quote(host)
          + ": a Sidecar forwards inbound traffic only to the workload itself" + accepted);
    }
    boolean digits = !port.isEmpty() && port.length() <= 9 && port.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!digits) {
      check.error("sidecar.default-endpoint", path, Messages.quote(endpoint) + " has port " + Messages.quote(port)
          + ", which is not a number" + accepted);
    } else {
      for (String problem : IstioFormats.port(Long.parseLong(port))) {
        check.error("sidecar.default-endpoint", path, Messages.quote(endpoint) + " has port " + port + ", which "
            + problem);
      }
    }
  }

  /** What a Sidecar's ingress TLS may not use, then {@code validateTLSOptions}. */
  private static void ingressTls(Check check, String path, ServerTLSSettings tls, String protocol) {
    List<String> unsupported = new ArrayList<>();
    if (tls.getSubjectAltNames() != null && !tls.getSubjectAltNames().isEmpty()) {
      unsupported.add("subjectAltNames");
    }
    if (Boolean.TRUE.equals(tls.getHttpsRedirect())) {
      unsupported.add("httpsRedirect");
    }
    if (!isEmpty(tls.getCredentialName())) {
      unsupported.add("credentialName");
    }
    if (tls.getCredentialNames() != null && !tls.getCredentialNames().isEmpty()) {
      unsupported.add("credentialNames");
    }
    if (tls.getTlsCertificates() != null && !tls.getTlsCertificates().isEmpty()) {
      unsupported.add("tlsCertificates");
    }
    for (String field : unsupported) {
      check.error("sidecar.ingress-tls", path + "." + field, "is not supported in a Sidecar's ingress TLS; "
          + "give the certificate as files (serverCertificate, privateKey, caCertificates for MUTUAL)");
    }
    ServerTLSSettingsTLSmode mode = tls.getMode();
    if (mode == ServerTLSSettingsTLSmode.ISTIO_MUTUAL || mode == ServerTLSSettingsTLSmode.AUTO_PASSTHROUGH) {
      check.error("sidecar.ingress-tls", path + ".mode", Messages.quote(mode.name()) + " cannot be used in a "
          + "Sidecar's ingress TLS; use SIMPLE, MUTUAL or OPTIONAL_MUTUAL (mesh mTLS is set by PeerAuthentication)");
    }
    if (!IstioFormats.isTls(protocol)) {
      check.error("sidecar.ingress-tls", path, "is set on a port whose protocol is " + Messages.quote(protocol == null
          ? "" : protocol) + "; TLS settings need protocol HTTPS or TLS");
    }
    ServerTlsRules.check(check, TLS, path, tls);
  }

  // ================================================================= egress

  private static void egress(Check check, String namespace, List<IstioEgressListener> egress) {
    Map<Long, Integer> ports = new HashMap<>();
    Map<String, Integer> sockets = new HashMap<>();
    for (int i = 0; i < egress.size(); i++) {
      String path = "spec.egress[" + i + "]";
      IstioEgressListener listener = egress.get(i);
      if (listener == null) {
        check.error("sidecar.null-entry", path, "is null; an egress listener needs hosts");
        continue;
      }
      SidecarPort port = listener.getPort();
      if (port == null) {
        // one catch-all at most follows: upstream's "only one listener with empty port" cannot fire once the
        // catch-all must be last
        if (i != egress.size() - 1) {
          check.error("sidecar.catch-all-egress", path + ".port", "is missing, so this is the catch-all listener, "
              + "which must be the last in spec.egress (there is only one); move it to the end or give it a port");
        }
      } else {
        egressPort(check, path, listener, port, ports, sockets, i);
      }
      egressHosts(check, path + ".hosts", namespace, list(listener.getHosts()));
    }
  }

  private static void egressPort(Check check, String path, IstioEgressListener listener, SidecarPort port,
      Map<Long, Integer> ports, Map<String, Integer> sockets, int index) {
    targetPort(check, path, port);
    portName(check, path, port);
    protocol(check, path, port);
    String bind = listener.getBind() == null ? "" : listener.getBind();
    long number = number(port.getNumber());
    if (number == 0) {
      if (!bind.startsWith(IstioFormats.UNIX_PREFIX)) {
        check.error("sidecar.bind", path + ".bind", (bind.isEmpty() ? "is empty" : Messages.quote(bind) + " is not a "
            + "unix domain socket") + ", but port.number is 0, which only a unix domain socket listener may have; "
            + "bind \"unix:///path/to/socket\", or give a port number from 1 to 65535");
      } else {
        for (String problem : IstioFormats.unixAddress(bind.substring(IstioFormats.UNIX_PREFIX.length()))) {
          check.error("sidecar.bind", path + ".bind", Messages.quote(bind) + " " + problem);
        }
      }
      CaptureMode mode = listener.getCaptureMode();
      if (mode != null && mode != CaptureMode.DEFAULT && mode != CaptureMode.NONE) {
        check.error("sidecar.capture-mode", path + ".captureMode", Messages.quote(mode.name()) + " cannot be used "
            + "on a unix domain socket listener; use DEFAULT or NONE");
      }
      Integer earlier = sockets.putIfAbsent(bind, index);
      if (earlier != null) {
        check.error("sidecar.port-duplicate", path + ".bind", Messages.quote(bind) + " is already the socket of "
            + "spec.egress[" + earlier + "]; unix domain sockets of listeners must be unique");
      }
      return;
    }
    portNumber(check, path, number);
    bind(check, path, bind);
    Integer earlier = ports.putIfAbsent(number, index);
    if (earlier != null) {
      check.error("sidecar.port-duplicate", path + ".port.number", number + " is already the port of spec.egress["
          + earlier + "]; ports of IP-bound listeners must be unique");
    }
  }

  /**
   * {@code agent.ValidateNamespaceSlashWildcardHostname} for a Sidecar, and the duplicate-host warnings
   * of {@code ValidateSidecar}.
   */
  private static void egressHosts(Check check, String path, String namespace, List<String> hosts) {
    if (hosts.isEmpty()) {
      check.error("sidecar.egress-hosts", path, "at least one host is required, as \"namespace/dnsName\", e.g. "
          + "\"./*\" (this namespace) or \"istio-system/*\"");
      return;
    }
    Map<String, Set<String>> seen = new LinkedHashMap<>();
    for (int h = 0; h < hosts.size(); h++) {
      String value = hosts.get(h) == null ? "" : hosts.get(h);
      String hostPath = path + "[" + h + "]";
      egressHost(check, hostPath, value);
      int slash = value.indexOf('/');
      if (slash < 0 || value.startsWith("~")) {
        continue;
      }
      String ns = value.substring(0, slash);
      String host = value.substring(slash + 1);
      if (ns.equals(".") && namespace != null && !namespace.isEmpty()) {
        ns = namespace;
      }
      Set<String> names = seen.computeIfAbsent(ns, k -> new HashSet<>());
      boolean duplicate = host.equals("*") ? !names.isEmpty() : names.contains(host) || names.contains("*");
      if (duplicate) {
        check.warning("sidecar.egress-host-duplicate", hostPath, Messages.quote(value) + " repeats or overlaps an "
            + "earlier host of namespace " + Messages.quote(ns) + " in this listener; list each once (\"" + ns
            + "/*\" already covers every host of the namespace)");
      }
      names.add(host);
    }
    if (seen.containsKey("*") && seen.get("*").contains("*") && seen.size() != 1) {
      check.warning("sidecar.egress-host-duplicate", path, "\"*/*\" selects every host of every namespace, so the "
          + "other namespaces' hosts add nothing; keep \"*/*\" alone");
    }
  }

  private static void egressHost(Check check, String path, String value) {
    int slash = value.indexOf('/');
    if (slash < 0) {
      String host = value.isEmpty() ? "*" : value.equals("*") || value.contains(".") ? value
          : value + ".NAMESPACE.svc.cluster.local";
      check.error("sidecar.egress-hosts", path, Messages.quote(value) + " must be of the form \"namespace/dnsName\", "
          + "e.g. \"./" + host + "\" or \"*/" + host + "\"");
      return;
    }
    String ns = value.substring(0, slash);
    String host = value.substring(slash + 1);
    if (ns.isEmpty() || host.isEmpty()) {
      check.error("sidecar.egress-hosts", path, Messages.quote(value) + " must name both parts of "
          + "\"namespace/dnsName\", e.g. \"./*\" or \"istio-system/*\"");
    }
    String bare = ns.startsWith("~") ? ns.substring(1) : ns;
    if (!bare.isEmpty() && !bare.equals("*") && !bare.equals(".") && !IstioFormats.isDns1123Label(bare)) {
      check.error("sidecar.egress-hosts", path, Messages.quote(value) + " has an invalid namespace "
          + Messages.quote(ns) + ": \"*\", \".\", a namespace name (a DNS-1123 label), optionally after \"~\"");
    }
    if (host.isEmpty()) {
      return;
    }
    if (!host.equals("*") && !host.contains(".")) {
      check.error("sidecar.egress-hosts", path, Messages.quote(value) + " has the short name " + Messages.quote(host)
          + "; use a fully qualified name such as \"" + host + "." + (bare.isEmpty() || bare.equals("*")
          || bare.equals(".") ? "NAMESPACE" : bare) + ".svc.cluster.local\", a wildcard such as \"*.example.com\", "
          + "or \"*\"");
    } else if (IstioFormats.isPartialWildcard(host)) {
      check.error("sidecar.egress-hosts", path, Messages.quote(value) + " has a partial wildcard; a wildcard must "
          + "be \"*\" alone or a whole first label, e.g. \"*.example.com\"");
    } else {
      for (String problem : IstioFormats.host(host)) {
        check.error("sidecar.egress-hosts", path, Messages.quote(value) + " " + problem);
      }
    }
  }

  // ================================================================= outbound traffic policy

  /** {@code validateSidecarOutboundTrafficPolicy} with {@code validateDestination} on the egress proxy. */
  private static void outboundTrafficPolicy(Check check, String path, OutboundTrafficPolicy policy) {
    if (policy == null || policy.getEgressProxy() == null) {
      return;
    }
    Destination proxy = policy.getEgressProxy();
    OutboundTrafficPolicyMode mode = policy.getMode() == null ? OutboundTrafficPolicyMode.REGISTRY_ONLY
        : policy.getMode();
    if (mode != OutboundTrafficPolicyMode.ALLOW_ANY) {
      check.error("sidecar.egress-proxy", path + ".egressProxy", "is set with mode "
          + Messages.quote(mode.name()) + (policy.getMode() == null ? " (the default)" : "") + "; an egress proxy "
          + "is used only with mode ALLOW_ANY");
      return;
    }
    String host = proxy.getHost() == null ? "" : proxy.getHost();
    for (String problem : IstioFormats.fqdn(host)) {
      check.error("sidecar.egress-proxy", path + ".egressProxy.host", Messages.quote(host) + " " + problem);
    }
    if (proxy.getPort() == null) {
      check.error("sidecar.egress-proxy", path + ".egressProxy.port", "is required: the port of the egress proxy, "
          + "e.g. {number: 3128}");
      return;
    }
    String subset = proxy.getSubset();
    if (subset != null && !subset.isEmpty() && !IstioFormats.isDns1123Label(subset)) {
      check.error("sidecar.egress-proxy", path + ".egressProxy.subset", Messages.quote(subset) + " must be a subset "
          + "name: " + IstioFormats.LABEL_TEXT);
    }
    for (String problem : IstioFormats.port(number(proxy.getPort().getNumber()))) {
      check.error("sidecar.egress-proxy", path + ".egressProxy.port.number", number(proxy.getPort().getNumber())
          + " " + problem);
    }
  }

  // ================================================================= ports and binds

  private static void targetPort(Check check, String path, SidecarPort port) {
    if (port.getTargetPort() != null && port.getTargetPort() > 0) {
      check.error("sidecar.target-port", path + ".port.targetPort", port.getTargetPort() + " has no effect on a "
          + "Sidecar and is rejected; drop it");
    }
  }

  private static void portName(Check check, String path, SidecarPort port) {
    String name = port.getName();
    if (name != null && !name.isEmpty() && !IstioFormats.isDns1123Label(name)) {
      check.error("sidecar.port-name", path + ".port.name", Messages.quote(name) + " must be a DNS-1123 label ("
          + IstioFormats.LABEL_TEXT + ")" + Messages.tryInstead(name, Formats.suggestDns1123Label(name)));
    }
  }

  private static void protocol(Check check, String path, SidecarPort port) {
    String protocol = port.getProtocol();
    if (protocol != null && !protocol.isEmpty() && IstioFormats.protocol(protocol) == null) {
      check.error("sidecar.port-protocol", path + ".port.protocol", Messages.quote(protocol) + " is not a protocol "
          + "Istio knows; use " + Messages.oneOf(IstioFormats.PROTOCOLS) + " (any case), or leave it out to "
          + "detect it");
    }
  }

  private static void portNumber(Check check, String path, long number) {
    for (String problem : IstioFormats.port(number)) {
      check.error("sidecar.port-number", path + ".port.number", number + " " + problem);
    }
  }

  private static void bind(Check check, String path, String bind) {
    if (bind != null && !bind.isEmpty() && !IstioFormats.isIp(bind)) {
      check.error("sidecar.bind", path + ".bind", Messages.quote(bind) + " must be an IP address to listen on, "
          + "e.g. \"127.0.0.1\" or \"0.0.0.0\"");
    }
  }
}
