package dev.portico.synth.validate.gatewayapi;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Messages;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedRoutes;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerEntry;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteNamespaces;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Listeners as Gateway API v1.5 standard checks them on a Gateway's {@code spec.listeners} and a
 * ListenerSet's (whose CRD repeats the Gateway's listener schema and CEL rules): 1 to 64 listeners,
 * names unique, port/protocol/hostname unique, and per listener the name, hostname, port and protocol
 * formats, TLS per protocol ("tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']", "tls
 * mode must be Terminate for protocol HTTPS", "tls mode must be set for protocol TLS", "hostname must
 * not be specified for protocols ['TCP', 'UDP']"), certificates for Terminate, options, and
 * allowedRoutes, after the defaults (TLS mode Terminate, allowedRoutes from Same). Rule ids carry the
 * kind ({@code listenerset.listener-name}).
 *
 * <p>Two documented requirements the CRDs do not check are warnings: an HTTPS listener without
 * {@code tls} (implementations may supply certificates), and {@code from: Selector} without a selector.
 */
final class ListenerRules {
  static final String HTTP = "HTTP";
  static final String HTTPS = "HTTPS";
  static final String TLS = "TLS";
  static final String TCP = "TCP";
  static final String UDP = "UDP";
  static final String TERMINATE = "Terminate";
  /** The protocols that must not have tls. */
  static final List<String> CLEARTEXT_PROTOCOLS = List.of(HTTP, TCP, UDP);
  static final List<String> HOSTLESS_PROTOCOLS = List.of(TCP, UDP);
  static final List<String> TLS_MODES = List.of(TERMINATE, "Passthrough");
  static final List<String> NAMESPACES_FROM = List.of("All", "Selector", "Same");
  static final int MAX_LISTENERS = 64;
  static final int MAX_CERTIFICATE_REFS = 64;
  static final int MAX_ROUTE_KINDS = 8;

  /** A listener of a Gateway or of a ListenerSet (ListenerEntry): the same fields under two model classes. */
  record View(String name, String hostname, Integer port, String protocol, ListenerTLSConfig tls,
      AllowedRoutes allowedRoutes) {
    static View of(Listener l) {
      return new View(l.getName(), l.getHostname(), l.getPort(), l.getProtocol(), l.getTls(), l.getAllowedRoutes());
    }

    static View of(ListenerEntry l) {
      return new View(l.getName(), l.getHostname(), l.getPort(), l.getProtocol(), l.getTls(), l.getAllowedRoutes());
    }
  }

  private ListenerRules() {}

  /** {@code spec.listeners}: required, at most 64, each checked, names and port/protocol/hostname unique. */
  static void listeners(GatewayApiCheck c, List<View> listeners) {
    if (listeners.isEmpty()) {
      c.error(c.id("listeners-required"), "spec.listeners",
          "at least one listener is required, e.g. name \"http\", port 80, protocol \"HTTP\"");
      return;
    }
    c.tooMany("spec.listeners", listeners.size(), MAX_LISTENERS, "listeners");
    for (int i = 0; i < listeners.size(); i++) {
      listener(c, "spec.listeners[" + i + "]", listeners.get(i));
    }
    uniqueNames(c, listeners);
    uniqueCombinations(c, listeners);
  }

  private static void listener(GatewayApiCheck c, String path, View listener) {
    if (listener.name() == null) {
      c.error(c.id("listener-name"), path + ".name", "is required: a DNS-1123 subdomain such as \"http\" or \"https\"");
    } else {
      c.formatErrors(c.id("listener-name"), path + ".name", listener.name(),
          GatewayApiFormats.sectionName(listener.name()),
          GatewayApiFormats.lowerIfValid(listener.name(), GatewayApiFormats::sectionName));
    }
    if (listener.hostname() != null) {
      c.hostname(path + ".hostname", listener.hostname());
    }
    port(c, path + ".port", listener.port());
    protocol(c, path + ".protocol", listener.protocol());
    tlsForbidden(c, path, listener);
    tlsModeForHttps(c, path, listener);
    tlsRequired(c, path, listener);
    hostnameForbidden(c, path, listener);
    tlsMissing(c, path, listener);
    tls(c, path + ".tls", listener.tls());
    allowedRoutes(c, path + ".allowedRoutes", listener.allowedRoutes());
  }

  private static void port(GatewayApiCheck c, String path, Integer port) {
    if (port == null) {
      c.error(c.id("port"), path, "is required: a number from 1 to 65535");
      return;
    }
    for (String problem : Formats.portNumber(port)) {
      c.error(c.id("port"), path, port + " " + problem);
    }
  }

  private static void protocol(GatewayApiCheck c, String path, String protocol) {
    if (protocol == null) {
      c.error(c.id("protocol"), path, "is required: e.g. \"HTTP\", \"HTTPS\", \"TLS\", \"TCP\" or \"UDP\"");
    } else {
      c.formatErrors(c.id("protocol"), path, protocol, GatewayApiFormats.protocol(protocol), null);
    }
  }

  /** "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']". */
  private static void tlsForbidden(GatewayApiCheck c, String path, View listener) {
    String protocol = listener.protocol();
    if (listener.tls() != null && protocol != null && CLEARTEXT_PROTOCOLS.contains(protocol)) {
      c.error(c.id("tls-forbidden"), path + ".tls", "must not be set for protocol " + Messages.quote(protocol)
          + (HTTP.equals(protocol) ? "; use protocol \"HTTPS\" to terminate TLS" : "; use protocol \"TLS\"")
          + ", or remove tls");
    }
  }

  /** "tls mode must be Terminate for protocol HTTPS" (an empty or missing mode defaults to Terminate). */
  private static void tlsModeForHttps(GatewayApiCheck c, String path, View listener) {
    ListenerTLSConfig tls = listener.tls();
    if (!HTTPS.equals(listener.protocol()) || tls == null || tls.getMode() == null) {
      return;
    }
    String mode = tls.getMode();
    if (!mode.isEmpty() && !TERMINATE.equals(mode)) {
      c.error(c.id("tls-mode-https"), path + ".tls.mode", Messages.quote(mode)
          + " is not allowed for protocol \"HTTPS\": an HTTPS listener terminates TLS (mode \"Terminate\"); "
          + "use protocol \"TLS\" to pass TLS through");
    }
  }

  /**
   * "tls mode must be set for protocol TLS" (new in v1.5): a TLS listener needs {@code tls}; its mode
   * then defaults to Terminate, which needs a certificate.
   */
  private static void tlsRequired(GatewayApiCheck c, String path, View listener) {
    if (TLS.equals(listener.protocol()) && listener.tls() == null) {
      c.error(c.id("tls-required"), path + ".tls", "is required for protocol \"TLS\" (\"tls mode must be set for "
          + "protocol TLS\"): e.g. tls: {mode: Passthrough}, or mode Terminate with certificateRefs");
    }
  }

  /** "hostname must not be specified for protocols ['TCP', 'UDP']". */
  private static void hostnameForbidden(GatewayApiCheck c, String path, View listener) {
    String protocol = listener.protocol();
    String hostname = listener.hostname();
    if (hostname != null && !hostname.isEmpty() && protocol != null && HOSTLESS_PROTOCOLS.contains(protocol)) {
      c.error(c.id("hostname-forbidden"), path + ".hostname", Messages.quote(hostname)
          + " must not be set for protocol " + Messages.quote(protocol) + " (it has no host name to match)");
    }
  }

  /** Warning: tls is documented as required for HTTPS, but the CRD does not check it (implementations may supply certificates). */
  private static void tlsMissing(GatewayApiCheck c, String path, View listener) {
    if (listener.tls() == null && HTTPS.equals(listener.protocol())) {
      c.warning(c.id("tls-missing"), path + ".tls", "is not set for protocol \"HTTPS\"; Gateway API documents tls "
          + "as required for HTTPS listeners, and unless the implementation supplies certificates itself the "
          + "listener is not usable (e.g. tls: {mode: Terminate, certificateRefs: [{name: my-cert}]})");
    }
  }

  private static void tls(GatewayApiCheck c, String path, ListenerTLSConfig tls) {
    if (tls == null) {
      return;
    }
    c.oneOf(c.id("tls-mode"), path + ".mode", tls.getMode(), TLS_MODES);
    List<SecretObjectReference> refs = GatewayApiFormats.orEmpty(tls.getCertificateRefs());
    c.tooMany(path + ".certificateRefs", refs.size(), MAX_CERTIFICATE_REFS, "certificateRefs");
    for (int i = 0; i < refs.size(); i++) {
      SecretObjectReference ref = refs.get(i);
      c.reference(path + ".certificateRefs[" + i + "]", ref.getGroup(), ref.getKind(), ref.getName(),
          ref.getNamespace());
    }
    c.options(c.id("tls-option"), path + ".options", tls.getOptions());
    String mode = Objects.requireNonNullElse(tls.getMode(), TERMINATE);
    boolean noOptions = tls.getOptions() == null || tls.getOptions().isEmpty();
    if (TERMINATE.equals(mode) && refs.isEmpty() && noOptions) {
      c.error(c.id("tls-certificates"), path + ".certificateRefs", "is empty, but mode " + Messages.quote(mode)
          + (tls.getMode() == null ? " (the default)" : "")
          + " needs a certificate: reference a kubernetes.io/tls Secret (e.g. [{name: shop-tls}]) or set "
          + "implementation-specific options");
    }
  }

  private static void allowedRoutes(GatewayApiCheck c, String path, AllowedRoutes allowed) {
    if (allowed == null) {
      return;
    }
    namespaces(c, path + ".namespaces", allowed.getNamespaces());
    List<RouteGroupKind> kinds = GatewayApiFormats.orEmpty(allowed.getKinds());
    c.tooMany(path + ".kinds", kinds.size(), MAX_ROUTE_KINDS, "route kinds");
    for (int i = 0; i < kinds.size(); i++) {
      RouteGroupKind kind = kinds.get(i);
      String kindPath = path + ".kinds[" + i + "]";
      if (kind.getGroup() != null) {
        c.refGroup(kindPath + ".group", kind.getGroup());
      }
      if (kind.getKind() == null) {
        c.error(c.id("ref-kind"), kindPath + ".kind", "is required: the route kind, e.g. \"HTTPRoute\"");
      } else {
        c.refKind(kindPath + ".kind", kind.getKind());
      }
    }
  }

  private static void namespaces(GatewayApiCheck c, String path, RouteNamespaces namespaces) {
    if (namespaces == null) {
      return;
    }
    c.oneOf(c.id("namespaces-from"), path + ".from", namespaces.getFrom(), NAMESPACES_FROM);
    if ("Selector".equals(namespaces.getFrom()) && namespaces.getSelector() == null) {
      selectorMissing(c, path + ".selector");
    }
  }

  /** Warning: {@code from: Selector} is documented to need a selector, which the CRD does not check. */
  static void selectorMissing(GatewayApiCheck c, String path) {
    c.warning(c.id("namespaces-selector"), path, "is not set although from is \"Selector\"; "
        + "Gateway API documents the selector as required then (the CRD does not check it), e.g. "
        + "selector: {matchLabels: {shared-gateway: \"true\"}}");
  }

  private static void uniqueNames(GatewayApiCheck c, List<View> listeners) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < listeners.size(); i++) {
      String name = listeners.get(i).name();
      Integer earlier = name == null ? null : seen.putIfAbsent(name, i);
      if (earlier != null) {
        c.error(c.id("listener-name-duplicate"), "spec.listeners[" + i + "].name", Messages.quote(name)
            + " is also the name of spec.listeners[" + earlier + "]; listener names must be unique");
      }
    }
  }

  /** "Combination of port, protocol and hostname must be unique for each listener". */
  private static void uniqueCombinations(GatewayApiCheck c, List<View> listeners) {
    for (int j = 1; j < listeners.size(); j++) {
      View later = listeners.get(j);
      if (later.port() == null || later.protocol() == null) {
        continue;
      }
      for (int i = 0; i < j; i++) {
        View earlier = listeners.get(i);
        if (later.port().equals(earlier.port()) && later.protocol().equals(earlier.protocol())
            && Objects.equals(later.hostname(), earlier.hostname())) {
          c.error(c.id("listener-duplicate"), "spec.listeners[" + j + "]", "port " + later.port()
              + ", protocol " + Messages.quote(later.protocol()) + " and "
              + (later.hostname() == null ? "no hostname" : "hostname " + Messages.quote(later.hostname()))
              + " are the same as in spec.listeners[" + i + "]; each listener needs a unique combination "
              + "of port, protocol and hostname");
          break;
        }
      }
    }
  }
}
