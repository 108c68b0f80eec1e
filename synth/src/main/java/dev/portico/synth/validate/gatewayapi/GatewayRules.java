package dev.portico.synth.validate.gatewayapi;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedRoutes;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayInfrastructure;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpecAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalParametersReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteNamespaces;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A gateway.networking.k8s.io/v1 Gateway as the Gateway API CRD's OpenAPI schema and CEL rules
 * ({@code x-kubernetes-validations}) in kubernetes-sigs/gateway-api
 * {@code config/crd/standard/gateway.networking.k8s.io_gateways.yaml} enforce it, bundle v1.3.0
 * (standard channel), after the CRD's defaults (an address's type IPAddress, a listener's TLS mode
 * Terminate, allowedRoutes from Same). Protocol names are compared exactly, as v1.3's rules do.
 *
 * <p>Two documented requirements the CRD does not check are warnings: a listener of protocol HTTPS or
 * TLS without {@code tls} (the CEL rule requiring it was dropped before v1.0 so that implementations
 * may supply certificates), and {@code allowedRoutes.namespaces.from: Selector} without a selector.
 * Not checked: {@code spec.tls}, {@code spec.allowedListeners} and {@code spec.defaultScope}, which are
 * not part of the v1.3 standard channel, and the contents of label selectors, which the CRD leaves
 * to the implementation.
 */
final class GatewayRules {
  static final String HTTP = "HTTP";
  static final String HTTPS = "HTTPS";
  static final String TLS = "TLS";
  static final String TCP = "TCP";
  static final String UDP = "UDP";
  static final String TERMINATE = "Terminate";
  /** The protocols that must not have tls, and those documented to need it. */
  static final List<String> CLEARTEXT_PROTOCOLS = List.of(HTTP, TCP, UDP);
  static final List<String> TLS_PROTOCOLS = List.of(HTTPS, TLS);
  static final List<String> HOSTLESS_PROTOCOLS = List.of(TCP, UDP);
  static final List<String> TLS_MODES = List.of(TERMINATE, "Passthrough");
  static final List<String> NAMESPACES_FROM = List.of("All", "Selector", "Same");
  static final String IP_ADDRESS = "IPAddress";
  static final String HOSTNAME = "Hostname";
  static final int MAX_LISTENERS = 64;
  static final int MAX_CERTIFICATE_REFS = 64;
  static final int MAX_ROUTE_KINDS = 8;
  static final int MAX_ADDRESSES = 16;
  static final int MAX_TLS_OPTIONS = 16;
  /** v1.3 allows 8 infrastructure labels and 8 annotations (later versions allow 16 annotations). */
  static final int MAX_INFRASTRUCTURE_ENTRIES = 8;
  static final int ANNOTATION_VALUE_MAX = 4096;

  private GatewayRules() {}

  static void check(Check check, Gateway gateway) {
    MetadataRules.check(check, gateway.getMetadata(), Formats::dns1123Subdomain);
    GatewaySpec spec = gateway.getSpec();
    if (spec == null) {
      check.error("gateway.spec", "spec", "spec is required: a gatewayClassName and at least one listener");
      return;
    }
    className(check, spec.getGatewayClassName());
    listeners(check, GatewayApiFormats.orEmpty(spec.getListeners()));
    addresses(check, GatewayApiFormats.orEmpty(spec.getAddresses()));
    infrastructure(check, spec.getInfrastructure());
  }

  /** {@code ObjectName}: required, 1 to 253 characters; the CRD has no pattern for it. */
  private static void className(Check check, String name) {
    if (name == null) {
      check.error("gateway.class-name", "spec.gatewayClassName",
          "is required: the name of the GatewayClass that runs this Gateway");
    } else {
      check.formatErrors("gateway.class-name", "spec.gatewayClassName", name, GatewayApiFormats.objectName(name), null);
    }
  }

  private static void tooMany(Check check, String path, int size, int max, String what) {
    if (size > max) {
      check.error("gateway.too-many", path, size + " " + what + " given; at most " + max + " are allowed");
    }
  }

  private static void oneOf(Check check, String rule, String path, String value, List<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      check.error(rule, path, Messages.quote(value) + " is not supported; use " + Messages.oneOf(allowed)
          + " (case-sensitive)" + Messages.tryInstead(value, GatewayApiFormats.caseVariant(value, allowed)));
    }
  }

  // ================================================================= spec.listeners

  private static void listeners(Check check, List<Listener> listeners) {
    if (listeners.isEmpty()) {
      check.error("gateway.listeners-required", "spec.listeners",
          "at least one listener is required, e.g. name \"http\", port 80, protocol \"HTTP\"");
      return;
    }
    tooMany(check, "spec.listeners", listeners.size(), MAX_LISTENERS, "listeners");
    for (int i = 0; i < listeners.size(); i++) {
      listener(check, "spec.listeners[" + i + "]", listeners.get(i));
    }
    uniqueNames(check, listeners);
    uniqueCombinations(check, listeners);
  }

  private static void listener(Check check, String path, Listener listener) {
    listenerName(check, path + ".name", listener.getName());
    hostname(check, path + ".hostname", listener.getHostname());
    port(check, path + ".port", listener.getPort());
    protocol(check, path + ".protocol", listener.getProtocol());
    tlsForbidden(check, path, listener);
    tlsModeForHttps(check, path, listener);
    hostnameForbidden(check, path, listener);
    tlsMissing(check, path, listener);
    tls(check, path + ".tls", listener.getTls());
    allowedRoutes(check, path + ".allowedRoutes", listener.getAllowedRoutes());
  }

  private static void listenerName(Check check, String path, String name) {
    if (name == null) {
      check.error("gateway.listener-name", path, "is required: a DNS-1123 subdomain such as \"http\" or \"https\"");
    } else {
      check.formatErrors("gateway.listener-name", path, name, GatewayApiFormats.sectionName(name),
          GatewayApiFormats.lowerIfValid(name, GatewayApiFormats::sectionName));
    }
  }

  private static void hostname(Check check, String path, String hostname) {
    if (hostname != null) {
      check.formatErrors("gateway.hostname", path, hostname, GatewayApiFormats.hostname(hostname),
          GatewayApiFormats.lowerIfValid(hostname, GatewayApiFormats::hostname));
    }
  }

  private static void port(Check check, String path, Integer port) {
    if (port == null) {
      check.error("gateway.port", path, "is required: a number from 1 to 65535");
      return;
    }
    for (String problem : Formats.portNumber(port)) {
      check.error("gateway.port", path, port + " " + problem);
    }
  }

  private static void protocol(Check check, String path, String protocol) {
    if (protocol == null) {
      check.error("gateway.protocol", path, "is required: e.g. \"HTTP\", \"HTTPS\", \"TLS\", \"TCP\" or \"UDP\"");
    } else {
      check.formatErrors("gateway.protocol", path, protocol, GatewayApiFormats.protocol(protocol), null);
    }
  }

  /** "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']". */
  private static void tlsForbidden(Check check, String path, Listener listener) {
    String protocol = listener.getProtocol();
    if (listener.getTls() != null && protocol != null && CLEARTEXT_PROTOCOLS.contains(protocol)) {
      check.error("gateway.tls-forbidden", path + ".tls", "must not be set for protocol " + Messages.quote(protocol)
          + (HTTP.equals(protocol) ? "; use protocol \"HTTPS\" to terminate TLS" : "; use protocol \"TLS\"")
          + ", or remove tls");
    }
  }

  /** "tls mode must be Terminate for protocol HTTPS" (an empty or missing mode defaults to Terminate). */
  private static void tlsModeForHttps(Check check, String path, Listener listener) {
    ListenerTLSConfig tls = listener.getTls();
    if (!HTTPS.equals(listener.getProtocol()) || tls == null || tls.getMode() == null) {
      return;
    }
    String mode = tls.getMode();
    if (!mode.isEmpty() && !TERMINATE.equals(mode)) {
      check.error("gateway.tls-mode-https", path + ".tls.mode", Messages.quote(mode)
          + " is not allowed for protocol \"HTTPS\": an HTTPS listener terminates TLS (mode \"Terminate\"); "
          + "use protocol \"TLS\" to pass TLS through");
    }
  }

  /** "hostname must not be specified for protocols ['TCP', 'UDP']". */
  private static void hostnameForbidden(Check check, String path, Listener listener) {
    String protocol = listener.getProtocol();
    String hostname = listener.getHostname();
    if (hostname != null && !hostname.isEmpty() && protocol != null && HOSTLESS_PROTOCOLS.contains(protocol)) {
      check.error("gateway.hostname-forbidden", path + ".hostname", Messages.quote(hostname)
          + " must not be set for protocol " + Messages.quote(protocol) + " (it has no host name to match)");
    }
  }

  /** Warning: the tls field is documented as required for HTTPS and TLS, but the CRD does not check it. */
  private static void tlsMissing(Check check, String path, Listener listener) {
    String protocol = listener.getProtocol();
    if (listener.getTls() == null && protocol != null && TLS_PROTOCOLS.contains(protocol)) {
      check.warning("gateway.tls-missing", path + ".tls", "is not set for protocol " + Messages.quote(protocol)
          + "; Gateway API documents tls as required for HTTPS and TLS listeners, and unless the implementation "
          + "supplies certificates itself the listener is not usable (e.g. tls: {mode: "
          + (HTTPS.equals(protocol) ? "Terminate, certificateRefs: [{name: my-cert}]" : "Passthrough") + "})");
    }
  }

  private static void tls(Check check, String path, ListenerTLSConfig tls) {
    if (tls == null) {
      return;
    }
    oneOf(check, "gateway.tls-mode", path + ".mode", tls.getMode(), TLS_MODES);
    List<SecretObjectReference> refs = GatewayApiFormats.orEmpty(tls.getCertificateRefs());
    tooMany(check, path + ".certificateRefs", refs.size(), MAX_CERTIFICATE_REFS, "certificateRefs");
    for (int i = 0; i < refs.size(); i++) {
      SecretObjectReference ref = refs.get(i);
      String refPath = path + ".certificateRefs[" + i + "]";
      reference(check, refPath, ref.getGroup(), ref.getKind(), ref.getName());
      namespace(check, refPath + ".namespace", ref.getNamespace());
    }
    options(check, path + ".options", tls.getOptions());
    certificatesRequired(check, path, tls);
  }

  /** "certificateRefs or options must be specified when mode is Terminate" (the default mode). */
  private static void certificatesRequired(Check check, String path, ListenerTLSConfig tls) {
    String mode = Objects.requireNonNullElse(tls.getMode(), TERMINATE);
    boolean noOptions = tls.getOptions() == null || tls.getOptions().isEmpty();
    if (TERMINATE.equals(mode) && GatewayApiFormats.orEmpty(tls.getCertificateRefs()).isEmpty() && noOptions) {
      check.error("gateway.tls-certificates", path + ".certificateRefs", "is empty, but mode "
          + Messages.quote(mode) + (tls.getMode() == null ? " (the default)" : "")
          + " needs a certificate: reference a kubernetes.io/tls Secret (e.g. [{name: shop-tls}]) or set "
          + "implementation-specific options");
    }
  }

  private static void options(Check check, String path, Map<String, String> options) {
    if (options == null) {
      return;
    }
    tooMany(check, path, options.size(), MAX_TLS_OPTIONS, "options");
    for (var entry : new TreeMap<>(options).entrySet()) {
      String value = Objects.requireNonNullElse(entry.getValue(), "");
      check.formatErrors("gateway.tls-option", path + "[" + entry.getKey() + "]", value,
          GatewayApiFormats.length(value, 0, ANNOTATION_VALUE_MAX), null);
    }
  }

  private static void allowedRoutes(Check check, String path, AllowedRoutes allowed) {
    if (allowed == null) {
      return;
    }
    namespaces(check, path + ".namespaces", allowed.getNamespaces());
    List<RouteGroupKind> kinds = GatewayApiFormats.orEmpty(allowed.getKinds());
    tooMany(check, path + ".kinds", kinds.size(), MAX_ROUTE_KINDS, "route kinds");
    for (int i = 0; i < kinds.size(); i++) {
      RouteGroupKind kind = kinds.get(i);
      String kindPath = path + ".kinds[" + i + "]";
      if (kind.getGroup() != null) {
        group(check, kindPath + ".group", kind.getGroup());
      }
      requiredKind(check, kindPath + ".kind", kind.getKind(), "the route kind, e.g. \"HTTPRoute\"");
    }
  }

  private static void namespaces(Check check, String path, RouteNamespaces namespaces) {
    if (namespaces == null) {
      return;
    }
    oneOf(check, "gateway.namespaces-from", path + ".from", namespaces.getFrom(), NAMESPACES_FROM);
    if ("Selector".equals(namespaces.getFrom()) && namespaces.getSelector() == null) {
      check.warning("gateway.namespaces-selector", path + ".selector", "is not set although from is \"Selector\"; "
          + "Gateway API documents the selector as required then (the CRD does not check it), e.g. "
          + "selector: {matchLabels: {shared-gateway: \"true\"}}");
    }
  }

  private static void uniqueNames(Check check, List<Listener> listeners) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < listeners.size(); i++) {
      String name = listeners.get(i).getName();
      Integer earlier = name == null ? null : seen.putIfAbsent(name, i);
      if (earlier != null) {
        check.error("gateway.listener-name-duplicate", "spec.listeners[" + i + "].name", Messages.quote(name)
            + " is also the name of spec.listeners[" + earlier + "]; listener names must be unique within the Gateway");
      }
    }
  }

  /** "Combination of port, protocol and hostname must be unique for each listener". */
  private static void uniqueCombinations(Check check, List<Listener> listeners) {
    for (int j = 1; j < listeners.size(); j++) {
      Listener later = listeners.get(j);
      if (later.getPort() == null || later.getProtocol() == null) {
        continue;
      }
      for (int i = 0; i < j; i++) {
        Listener earlier = listeners.get(i);
        if (later.getPort().equals(earlier.getPort()) && later.getProtocol().equals(earlier.getProtocol())
            && Objects.equals(later.getHostname(), earlier.getHostname())) {
          check.error("gateway.listener-duplicate", "spec.listeners[" + j + "]", "port " + later.getPort()
              + ", protocol " + Messages.quote(later.getProtocol()) + " and "
              + (later.getHostname() == null ? "no hostname" : "hostname " + Messages.quote(later.getHostname()))
              + " are the same as in spec.listeners[" + i + "]; each listener needs a unique combination "
              + "of port, protocol and hostname");
          break;
        }
      }
    }
  }

  // ================================================================= references

  private static void reference(Check check, String path, String group, String kind, String name) {
    if (group != null) {
      group(check, path + ".group", group);
    }
    if (kind != null) {
      requiredKind(check, path + ".kind", kind, "");
    }
    if (name == null) {
      check.error("gateway.ref-name", path + ".name", "is required: the name of the referenced object");
    } else {
      check.formatErrors("gateway.ref-name", path + ".name", name, GatewayApiFormats.objectName(name), null);
    }
  }

  private static void group(Check check, String path, String group) {
    check.formatErrors("gateway.ref-group", path, group, GatewayApiFormats.group(group),
        GatewayApiFormats.lowerIfValid(group, GatewayApiFormats::group));
  }

  private static void requiredKind(Check check, String path, String kind, String what) {
    if (kind == null) {
      check.error("gateway.ref-kind", path, "is required: " + what);
    } else {
      check.formatErrors("gateway.ref-kind", path, kind, GatewayApiFormats.kind(kind), null);
    }
  }

  private static void namespace(Check check, String path, String namespace) {
    if (namespace != null) {
      check.formatErrors("gateway.ref-namespace", path, namespace, GatewayApiFormats.namespace(namespace),
          GatewayApiFormats.lowerIfValid(namespace, GatewayApiFormats::namespace));
    }
  }

  // ================================================================= spec.addresses

  private static void addresses(Check check, List<GatewaySpecAddress> addresses) {
    tooMany(check, "spec.addresses", addresses.size(), MAX_ADDRESSES, "addresses");
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < addresses.size(); i++) {
      GatewaySpecAddress address = addresses.get(i);
      String path = "spec.addresses[" + i + "]";
      String type = Objects.requireNonNullElse(address.getType(), IP_ADDRESS);
      check.formatErrors("gateway.address-type", path + ".type", type, GatewayApiFormats.addressType(type), null);
      String value = address.getValue();
      if (value != null) {
        addressValue(check, path + ".value", type, value);
        uniqueAddress(check, path + ".value", type, value, seen, i);
      }
    }
  }

  /** Value: at most 253 characters; an IPv4 or IPv6 address for IPAddress (the schema's oneOf), a hostname for Hostname. */
  private static void addressValue(Check check, String path, String type, String value) {
    check.formatErrors("gateway.address-value", path, value, GatewayApiFormats.length(value, 0, GatewayApiFormats.ADDRESS_MAX), null);
    if (IP_ADDRESS.equals(type) && !isIp(value)) {
      check.error("gateway.address-value", path, Messages.quote(value) + " must be an IPv4 or IPv6 address for type "
          + "\"IPAddress\" (use type \"Hostname\" for a DNS name, or leave value out to have one assigned)");
    } else if (HOSTNAME.equals(type) && !GatewayApiFormats.hostname(value).isEmpty()) {
      check.error("gateway.address-value", path, Messages.quote(value) + " must be " + GatewayApiFormats.HOSTNAME_TEXT
          + " for type \"Hostname\"");
    }
  }

  /** The {@code ipv4} and {@code ipv6} formats of kube-openapi: an IP that contains '.' or ':' respectively. */
  private static boolean isIp(String value) {
    return Formats.isIpv4(value) || Formats.isIpv6(value);
  }

  /** "IPAddress values must be unique" and "Hostname values must be unique". */
  private static void uniqueAddress(Check check, String path, String type, String value, Map<String, Integer> seen,
      int index) {
    if (!IP_ADDRESS.equals(type) && !HOSTNAME.equals(type)) {
      return;
    }
    Integer earlier = seen.putIfAbsent(type + "\u0000" + value, index);
    if (earlier != null) {
      check.error("gateway.address-duplicate", path, Messages.quote(value) + " is also requested by spec.addresses["
          + earlier + "]; " + type + " values must be unique");
    }
  }

  // ================================================================= spec.infrastructure

  private static void infrastructure(Check check, GatewayInfrastructure infrastructure) {
    if (infrastructure == null) {
      return;
    }
    String path = "spec.infrastructure";
    entries(check, path + ".labels", infrastructure.getLabels(), "labels", Formats::labelValue);
    entries(check, path + ".annotations", infrastructure.getAnnotations(), "annotations",
        value -> GatewayApiFormats.length(value, 0, ANNOTATION_VALUE_MAX));
    parametersRef(check, path + ".parametersRef", infrastructure.getParametersRef());
  }

  private static void entries(Check check, String path, Map<String, String> entries, String what,
      Function<String, List<String>> valueFormat) {
    if (entries == null) {
      return;
    }
    tooMany(check, path, entries.size(), MAX_INFRASTRUCTURE_ENTRIES, what);
    for (var entry : new TreeMap<>(entries).entrySet()) {
      String keyPath = path + "[" + entry.getKey() + "]";
      for (String problem : GatewayApiFormats.infrastructureKey(entry.getKey())) {
        check.error("gateway.infrastructure-key", keyPath, "key " + Messages.quote(entry.getKey()) + " " + problem);
      }
      String value = Objects.requireNonNullElse(entry.getValue(), "");
      for (String problem : valueFormat.apply(value)) {
        check.error("gateway.infrastructure-value", keyPath, "value " + Messages.quote(value) + " " + problem);
      }
    }
  }

  /** LocalParametersReference: group, kind and name are all required. */
  private static void parametersRef(Check check, String path, LocalParametersReference ref) {
    if (ref == null) {
      return;
    }
    if (ref.getGroup() == null) {
      check.error("gateway.ref-group", path + ".group", "is required: the parameters' API group (\"\" for core)");
    }
    requiredKind(check, path + ".kind", ref.getKind(), "the parameters' kind, e.g. \"ConfigMap\"");
    reference(check, path, ref.getGroup(), null, ref.getName());
  }
}
