package dev.portico.synth.validate.gatewayapi;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedListeners;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.FrontendTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.FrontendTLSValidation;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayInfrastructure;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpecAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerNamespaces;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalParametersReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSPortConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A gateway.networking.k8s.io/v1 Gateway as the Gateway API v1.5 standard channel's CRD
 * (kubernetes-sigs/gateway-api {@code config/crd/standard/gateway.networking.k8s.io_gateways.yaml}, tag
 * v1.5.1) checks it with its OpenAPI schema and CEL rules ({@code x-kubernetes-validations}), after the
 * CRD's defaults (an address's type IPAddress, a listener's TLS mode Terminate, allowedRoutes from Same,
 * allowedListeners from None). Protocol names are compared exactly, as the CEL rules do. Listeners are
 * checked by {@link ListenerRules}, which ListenerSets share.
 *
 * <p>New in v1.5's standard channel and checked here: {@code spec.allowedListeners} (which namespaces'
 * ListenerSets may attach), {@code spec.tls} (client certificate validation for the frontend, a client
 * certificate for the backends), "tls mode must be set for protocol TLS", and addresses without a value
 * that no longer count as duplicates. {@code spec.defaultScope} is in the experimental channel only: a
 * warning naming the channel ({@code gateway.experimental}). Not checked: the contents of label
 * selectors, which the CRD leaves to the implementation.
 */
final class GatewayRules {
  static final String KIND = "gateway";
  static final List<String> LISTENERS_FROM = List.of("All", "Selector", "Same", "None");
  static final List<String> VALIDATION_MODES = List.of("AllowValidOnly", "AllowInsecureFallback");
  static final String IP_ADDRESS = "IPAddress";
  static final String HOSTNAME = "Hostname";
  static final int MAX_ADDRESSES = 16;
  /** v1.5 allows 8 infrastructure labels and 8 annotations. */
  static final int MAX_INFRASTRUCTURE_ENTRIES = 8;
  static final int MAX_CA_CERTIFICATE_REFS = 8;
  static final int MAX_PER_PORT = 64;

  private GatewayRules() {}

  static void check(Check check, Gateway gateway) {
    MetadataRules.check(check, gateway.getMetadata(), Formats::dns1123Subdomain);
    GatewayApiCheck c = new GatewayApiCheck(check, KIND);
    GatewaySpec spec = gateway.getSpec();
    if (spec == null) {
      c.error("gateway.spec", "spec", "spec is required: a gatewayClassName and at least one listener");
      return;
    }
    className(c, spec.getGatewayClassName());
    ListenerRules.listeners(c, GatewayApiFormats.orEmpty(spec.getListeners()).stream()
        .map(ListenerRules.View::of).toList());
    addresses(c, GatewayApiFormats.orEmpty(spec.getAddresses()));
    infrastructure(c, spec.getInfrastructure());
    allowedListeners(c, spec.getAllowedListeners());
    tls(c, spec.getTls());
    if (spec.getDefaultScope() != null) {
      c.experimental("spec.defaultScope", "defaultScope (" + Messages.quote(spec.getDefaultScope()) + ")");
    }
  }

  /** {@code ObjectName}: required, 1 to 253 characters; the CRD has no pattern for it. */
  private static void className(GatewayApiCheck c, String name) {
    if (name == null) {
      c.error("gateway.class-name", "spec.gatewayClassName",
          "is required: the name of the GatewayClass that runs this Gateway");
    } else {
      c.formatErrors("gateway.class-name", "spec.gatewayClassName", name, GatewayApiFormats.objectName(name), null);
    }
  }

  // ================================================================= spec.allowedListeners

  /** {@code from}: All, Selector, Same or None (the default: no ListenerSet may attach). */
  private static void allowedListeners(GatewayApiCheck c, AllowedListeners allowed) {
    if (allowed == null || allowed.getNamespaces() == null) {
      return;
    }
    ListenerNamespaces namespaces = allowed.getNamespaces();
    String path = "spec.allowedListeners.namespaces";
    c.oneOf("gateway.allowed-listeners-from", path + ".from", namespaces.getFrom(), LISTENERS_FROM);
    if ("Selector".equals(namespaces.getFrom()) && namespaces.getSelector() == null) {
      ListenerRules.selectorMissing(c, path + ".selector");
    }
  }

  // ================================================================= spec.tls

  /**
   * GatewayTLSConfig: {@code backend.clientCertificateRef} (a Secret reference), and
   * {@code frontend}: {@code default} required, {@code perPort} at most 64 with unique ports ("Port
   * for TLS configuration must be unique within the Gateway"), each validation with 1 to 8
   * caCertificateRefs (group, kind and name required) and a mode of AllowValidOnly or
   * AllowInsecureFallback.
   */
  private static void tls(GatewayApiCheck c, GatewayTLSConfig tls) {
    if (tls == null) {
      return;
    }
    if (tls.getBackend() != null && tls.getBackend().getClientCertificateRef() != null) {
      SecretObjectReference ref = tls.getBackend().getClientCertificateRef();
      c.reference("spec.tls.backend.clientCertificateRef", ref.getGroup(), ref.getKind(), ref.getName(),
          ref.getNamespace());
    }
    FrontendTLSConfig frontend = tls.getFrontend();
    if (frontend == null) {
      return;
    }
    String path = "spec.tls.frontend";
    if (frontend.getDefault() == null) {
      c.error("gateway.frontend-tls", path + ".default", "is required: the client certificate validation of every "
          + "port without a perPort entry, e.g. default: {validation: {caCertificateRefs: [{group: \"\", kind: "
          + "ConfigMap, name: client-ca}]}}");
    } else {
      validation(c, path + ".default.validation", frontend.getDefault().getValidation());
    }
    List<TLSPortConfig> ports = GatewayApiFormats.orEmpty(frontend.getPerPort());
    c.tooMany(path + ".perPort", ports.size(), MAX_PER_PORT, "perPort entries");
    Map<Integer, Integer> seen = new HashMap<>();
    for (int i = 0; i < ports.size(); i++) {
      TLSPortConfig port = ports.get(i);
      String portPath = path + ".perPort[" + i + "]";
      if (port.getPort() == null) {
        c.error("gateway.frontend-tls", portPath + ".port", "is required: the listener port this validation is for");
      } else {
        c.port(portPath + ".port", port.getPort());
        Integer earlier = seen.putIfAbsent(port.getPort(), i);
        if (earlier != null) {
          c.error("gateway.frontend-tls", portPath + ".port", port.getPort() + " is also configured by " + path
              + ".perPort[" + earlier + "]; each port may have one TLS configuration");
        }
      }
      if (port.getTls() == null) {
        c.error("gateway.frontend-tls", portPath + ".tls", "is required: the client certificate validation of port "
            + port.getPort());
      } else {
        validation(c, portPath + ".tls.validation", port.getTls().getValidation());
      }
    }
  }

  /** FrontendTLSValidation: 1 to 8 caCertificateRefs (ObjectReference: group, kind and name required), a mode. */
  private static void validation(GatewayApiCheck c, String path, FrontendTLSValidation validation) {
    if (validation == null) {
      return;
    }
    List<ObjectReference> refs = GatewayApiFormats.orEmpty(validation.getCaCertificateRefs());
    if (refs.isEmpty()) {
      c.error("gateway.frontend-tls", path + ".caCertificateRefs", "at least one CA certificate is required, e.g. "
          + "[{group: \"\", kind: ConfigMap, name: client-ca}]");
    }
    c.tooMany(path + ".caCertificateRefs", refs.size(), MAX_CA_CERTIFICATE_REFS, "caCertificateRefs");
    for (int i = 0; i < refs.size(); i++) {
      ObjectReference ref = refs.get(i);
      String refPath = path + ".caCertificateRefs[" + i + "]";
      c.localReference(refPath, ref.getGroup(), ref.getKind(), ref.getName(), "CA certificate");
      c.refNamespace(refPath + ".namespace", ref.getNamespace());
    }
    c.oneOf("gateway.frontend-tls", path + ".mode", validation.getMode(), VALIDATION_MODES);
  }

  // ================================================================= spec.addresses

  private static void addresses(GatewayApiCheck c, List<GatewaySpecAddress> addresses) {
    c.tooMany("spec.addresses", addresses.size(), MAX_ADDRESSES, "addresses");
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < addresses.size(); i++) {
      GatewaySpecAddress address = addresses.get(i);
      String path = "spec.addresses[" + i + "]";
      String type = Objects.requireNonNullElse(address.getType(), IP_ADDRESS);
      c.formatErrors("gateway.address-type", path + ".type", type, GatewayApiFormats.addressType(type), null);
      String value = address.getValue();
      if (value != null) {
        addressValue(c, path + ".value", type, value);
        uniqueAddress(c, path + ".value", type, value, seen, i);
      }
    }
  }

  /** Value: at most 253 characters; an IPv4 or IPv6 address for IPAddress (the schema's oneOf), a hostname for Hostname. */
  private static void addressValue(GatewayApiCheck c, String path, String type, String value) {
    c.formatErrors("gateway.address-value", path, value, GatewayApiFormats.length(value, 0, GatewayApiFormats.ADDRESS_MAX), null);
    if (IP_ADDRESS.equals(type) && !isIp(value)) {
      c.error("gateway.address-value", path, Messages.quote(value) + " must be an IPv4 or IPv6 address for type "
          + "\"IPAddress\" (use type \"Hostname\" for a DNS name, or leave value out to have one assigned)");
    } else if (HOSTNAME.equals(type) && !GatewayApiFormats.hostname(value).isEmpty()) {
      c.error("gateway.address-value", path, Messages.quote(value) + " must be " + GatewayApiFormats.HOSTNAME_TEXT
          + " for type \"Hostname\"");
    }
  }

  /** The {@code ipv4} and {@code ipv6} formats of kube-openapi: an IP that contains '.' or ':' respectively. */
  private static boolean isIp(String value) {
    return Formats.isIpv4(value) || Formats.isIpv6(value);
  }

  /** "IPAddress values must be unique" and "Hostname values must be unique". */
  private static void uniqueAddress(GatewayApiCheck c, String path, String type, String value, Map<String, Integer> seen,
      int index) {
    if (!IP_ADDRESS.equals(type) && !HOSTNAME.equals(type)) {
      return;
    }
    Integer earlier = seen.putIfAbsent(type + "\u0000" + value, index);
    if (earlier != null) {
      c.error("gateway.address-duplicate", path, Messages.quote(value) + " is also requested by spec.addresses["
          + earlier + "]; " + type + " values must be unique");
    }
  }

  // ================================================================= spec.infrastructure

  private static void infrastructure(GatewayApiCheck c, GatewayInfrastructure infrastructure) {
    if (infrastructure == null) {
      return;
    }
    String path = "spec.infrastructure";
    entries(c, path + ".labels", infrastructure.getLabels(), "labels", Formats::labelValue);
    entries(c, path + ".annotations", infrastructure.getAnnotations(), "annotations",
        value -> GatewayApiFormats.length(value, 0, GatewayApiFormats.ANNOTATION_VALUE_MAX));
    LocalParametersReference ref = infrastructure.getParametersRef();
    if (ref != null) {
      c.localReference(path + ".parametersRef", ref.getGroup(), ref.getKind(), ref.getName(), "parameters");
    }
  }

  private static void entries(GatewayApiCheck c, String path, Map<String, String> entries, String what,
      Function<String, List<String>> valueFormat) {
    if (entries == null) {
      return;
    }
    c.tooMany(path, entries.size(), MAX_INFRASTRUCTURE_ENTRIES, what);
    for (var entry : new TreeMap<>(entries).entrySet()) {
      String keyPath = path + "[" + entry.getKey() + "]";
      for (String problem : GatewayApiFormats.infrastructureKey(entry.getKey())) {
        c.error("gateway.infrastructure-key", keyPath, "key " + Messages.quote(entry.getKey()) + " " + problem);
      }
      String value = Objects.requireNonNullElse(entry.getValue(), "");
      for (String problem : valueFormat.apply(value)) {
        c.error("gateway.infrastructure-value", keyPath, "value " + Messages.quote(value) + " " + problem);
      }
    }
  }
}
