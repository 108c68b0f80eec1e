package dev.portico.synth.validate.gatewayapi;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.list;
import static dev.portico.synth.validate.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedListeners;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedRoutes;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.FrontendTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.FrontendTLSValidation;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBackendTLS;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayInfrastructure;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpecAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerNamespaces;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalParametersReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteNamespaces;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSPortConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Field and CEL rules of a Gateway (Gateway API v1.5 standard channel), one table of rejected
 * inputs and one of near misses. Each rejected row mutates the valid baseline {@link #gateway()} in
 * one way and names the rule, the severity, the exact field path and a text the message must contain
 * (the bad value wherever there is one).
 */
class GatewayRulesTest {

  /**
   * Gateway/shop/gw of class "example" on 203.0.113.10: listener 0 "http" on 80 for HTTPRoutes of its
   * namespace; listener 1 "https" on 443 for shop.example.com, terminating TLS with Secret shop-tls;
   * listener 2 "tls" on 8443 passing TLS through.
   */
  static Gateway gateway() {
    return new GatewayBuilder()
        .withNewMetadata().withName("gw").withNamespace("shop").endMetadata()
        .withNewSpec()
        .withGatewayClassName("example")
        .addNewListener().withName("http").withPort(80).withProtocol("HTTP")
        .withNewAllowedRoutes().withNewNamespaces().withFrom("Same").endNamespaces()
        .addNewKind().withKind("HTTPRoute").endKind().endAllowedRoutes()
        .endListener()
        .addNewListener().withName("https").withPort(443).withProtocol("HTTPS").withHostname("shop.example.com")
        .withNewTls().withMode("Terminate").addNewCertificateRef().withName("shop-tls").endCertificateRef().endTls()
        .endListener()
        .addNewListener().withName("tls").withPort(8443).withProtocol("TLS")
        .withNewTls().withMode("Passthrough").endTls()
        .endListener()
        .addNewAddress().withType("IPAddress").withValue("203.0.113.10").endAddress()
        .endSpec()
        .build();
  }

  static Gateway gateway(Consumer<Gateway> mutation) {
    Gateway gateway = gateway();
    mutation.accept(gateway);
    return gateway;
  }

  // ================================================================= accessors and builders

  static GatewaySpec spec(Gateway g) {
    return g.getSpec();
  }

  static Listener listener(Gateway g, int i) {
    return g.getSpec().getListeners().get(i);
  }

  static ListenerTLSConfig tls(Gateway g, int i) {
    return listener(g, i).getTls();
  }

  static SecretObjectReference certificate(Gateway g) {
    return tls(g, 1).getCertificateRefs().get(0);
  }

  static AllowedRoutes allowed(Gateway g) {
    return listener(g, 0).getAllowedRoutes();
  }

  static RouteNamespaces namespaces(Gateway g) {
    return allowed(g).getNamespaces();
  }

  static GatewaySpecAddress address(Gateway g) {
    return g.getSpec().getAddresses().get(0);
  }

  static AllowedListeners allowedListeners(String from) {
    return new AllowedListeners(new ListenerNamespaces(from, null));
  }

  static FrontendTLSValidation caValidation(String name) {
    return new FrontendTLSValidation(list(new ObjectReference("", "ConfigMap", name, null)), null);
  }

  /**
   * Sets spec.tls: the backend client certificate Secret gw-client, and frontend validation with the
   * ConfigMap client-ca by default and port-443-ca on port 443; returns the frontend.
   */
  static FrontendTLSConfig frontend(Gateway g) {
    g.getSpec().setTls(new GatewayTLSConfig(
        new GatewayBackendTLS(new SecretObjectReference(null, null, "gw-client", null)),
        new FrontendTLSConfig(new TLSConfig(caValidation("client-ca")),
            list(new TLSPortConfig(443, new TLSConfig(caValidation("port-443-ca")))))));
    return g.getSpec().getTls().getFrontend();
  }

  static Listener listener(String name, Integer port, String protocol) {
    return new ListenerBuilder().withName(name).withPort(port).withProtocol(protocol).build();
  }

  static Listener https(String name, String hostname) {
    return new ListenerBuilder().withName(name).withPort(443).withProtocol("HTTPS").withHostname(hostname)
        .withNewTls().addNewCertificateRef().withName(name + "-tls").endCertificateRef().endTls().build();
  }

  static void add(Gateway g, Listener listener) {
    g.getSpec().getListeners().add(listener);
  }

  static void protocol(Gateway g, int i, String protocol) {
    listener(g, i).setProtocol(protocol);
  }

  static void address(Gateway g, String type, String value) {
    address(g).setType(type);
    address(g).setValue(value);
  }

  static GatewayInfrastructure infrastructure(Gateway g) {
    if (g.getSpec().getInfrastructure() == null) {
      g.getSpec().setInfrastructure(new GatewayInfrastructure(new HashMap<>(), new HashMap<>(), null));
    }
    return g.getSpec().getInfrastructure();
  }

  static Map<String, String> entries(int n, String value) {
    return IntStream.range(0, n).boxed().collect(Collectors.toMap(i -> "k" + i, i -> value));
  }

  static <T> ArrayList<T> times(int n, java.util.function.IntFunction<T> item) {
    return IntStream.range(0, n).mapToObj(item).collect(Collectors.toCollection(ArrayList::new));
  }

  /**
   * The findings of the Gateway's own field rules (gateway.* and metadata.*), from {@link Fixtures#validate};
   * cross-resource analyzers and the fixture's apps are tested elsewhere.
   */
  static List<Finding> check(Gateway gateway) {
    return validate(gateway).stream()
        .filter(f -> f.object().startsWith("Gateway/"))
        .filter(f -> f.rule().startsWith("gateway.") || f.rule().startsWith("metadata."))
        .toList();
  }

  private static Arguments reject(String name, String rule, String path, String text, Consumer<Gateway> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.ERROR, path, text);
  }

  private static Arguments warn(String name, String rule, String path, String text, Consumer<Gateway> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.WARNING, path, text);
  }

  private static Arguments ok(String name, Consumer<Gateway> mutation) {
    return Arguments.of(Named.of(name, mutation));
  }

  private static String q(String value) {
    return "\"" + value + "\"";
  }

  // ================================================================= rejected inputs

  static Stream<Arguments> rejected() {
    return Stream.of(
        // ---- metadata (shared rules) and spec
        reject("name with underscore", "metadata.name", "metadata.name", q("gw_1"), g -> g.getMetadata().setName("gw_1")),
        reject("no spec", "gateway.spec", "spec", "required", g -> g.setSpec(null)),
        // ---- gateway.class-name: ObjectName, required, 1..253, no pattern
        reject("class missing", "gateway.class-name", "spec.gatewayClassName", "required",
            g -> spec(g).setGatewayClassName(null)),
        reject("class empty", "gateway.class-name", "spec.gatewayClassName", q("") + " must not be empty",
            g -> spec(g).setGatewayClassName("")),
        reject("class 254", "gateway.class-name", "spec.gatewayClassName", "(it has 254)",
            g -> spec(g).setGatewayClassName("c".repeat(254))),
        // ---- gateway.listeners-required, gateway.too-many
        reject("no listeners", "gateway.listeners-required", "spec.listeners", "at least one listener",
            g -> spec(g).setListeners(list())),
        reject("65 listeners", "gateway.too-many", "spec.listeners", "65 listeners given; at most 64",
            g -> spec(g).setListeners(times(65, i -> listener("l" + i, 1000 + i, "HTTP")))),
        reject("65 certificateRefs", "gateway.too-many", "spec.listeners[1].tls.certificateRefs",
            "65 certificateRefs given; at most 64",
            g -> tls(g, 1).setCertificateRefs(times(65, i -> new SecretObjectReference(null, null, "c" + i, null)))),
        reject("9 route kinds", "gateway.too-many", "spec.listeners[0].allowedRoutes.kinds", "9 route kinds given",
            g -> allowed(g).setKinds(times(9, i -> new RouteGroupKind(null, "Route" + i)))),
        reject("17 addresses", "gateway.too-many", "spec.addresses", "17 addresses given; at most 16",
            g -> spec(g).setAddresses(times(17, i -> new GatewaySpecAddress("IPAddress", "203.0.113." + i)))),
        reject("17 TLS options", "gateway.too-many", "spec.listeners[1].tls.options", "17 options given; at most 16",
            g -> tls(g, 1).setOptions(entries(17, "v"))),
        reject("9 infrastructure labels", "gateway.too-many", "spec.infrastructure.labels", "9 labels given; at most 8",
            g -> infrastructure(g).setLabels(entries(9, "v"))),
        reject("9 infrastructure annotations", "gateway.too-many", "spec.infrastructure.annotations",
            "9 annotations given; at most 8", g -> infrastructure(g).setAnnotations(entries(9, "v"))),
        // ---- gateway.listener-name: SectionName, required
        reject("listener name missing", "gateway.listener-name", "spec.listeners[0].name", "required",
            g -> listener(g, 0).setName(null)),
        reject("listener name uppercase", "gateway.listener-name", "spec.listeners[0].name",
            q("HTTP") + " must be a DNS-1123 subdomain", g -> listener(g, 0).setName("HTTP")),
        reject("listener name suggestion", "gateway.listener-name", "spec.listeners[1].name", "try " + q("https"),
            g -> listener(g, 1).setName("HTTPS")),
        reject("listener name underscore", "gateway.listener-name", "spec.listeners[2].name", q("tls_pass"),
            g -> listener(g, 2).setName("tls_pass")),
        reject("listener name 254", "gateway.listener-name", "spec.listeners[0].name", "(it has 254)",
            g -> listener(g, 0).setName("a".repeat(250) + ".com")),
        reject("listener name empty", "gateway.listener-name", "spec.listeners[0].name", "must not be empty",
            g -> listener(g, 0).setName("")),
        // ---- gateway.listener-name-duplicate (CEL and list-map key)
        reject("listener name twice", "gateway.listener-name-duplicate", "spec.listeners[2].name",
            q("http") + " is also the name of spec.listeners[0]", g -> listener(g, 2).setName("http")),
        // ---- gateway.listener-duplicate (CEL: port, protocol and hostname unique)
        reject("same port and protocol, no hostnames", "gateway.listener-duplicate", "spec.listeners[3]",
            "port 80, protocol " + q("HTTP") + " and no hostname are the same as in spec.listeners[0]",
            g -> add(g, listener("http-2", 80, "HTTP"))),
        reject("same port, protocol and hostname", "gateway.listener-duplicate", "spec.listeners[3]",
            "hostname " + q("shop.example.com"), g -> add(g, https("https-2", "shop.example.com"))),
        // ---- gateway.hostname
        reject("hostname uppercase", "gateway.hostname", "spec.listeners[1].hostname", "try " + q("shop.example.com"),
            g -> listener(g, 1).setHostname("Shop.example.com")),
        reject("hostname with port", "gateway.hostname", "spec.listeners[1].hostname", q("shop.example.com:443"),
            g -> listener(g, 1).setHostname("shop.example.com:443")),
        reject("hostname bare wildcard", "gateway.hostname", "spec.listeners[1].hostname", q("*"),
            g -> listener(g, 1).setHostname("*")),
        reject("hostname empty", "gateway.hostname", "spec.listeners[0].hostname", "must not be empty",
            g -> listener(g, 0).setHostname("")),
        // ---- gateway.port
        reject("port missing", "gateway.port", "spec.listeners[0].port", "required", g -> listener(g, 0).setPort(null)),
        reject("port 0", "gateway.port", "spec.listeners[0].port", "0 must be between 1 and 65535",
            g -> listener(g, 0).setPort(0)),
        reject("port 65536", "gateway.port", "spec.listeners[2].port", "65536", g -> listener(g, 2).setPort(65_536)),
        // ---- gateway.protocol: ProtocolType pattern
        reject("protocol missing", "gateway.protocol", "spec.listeners[0].protocol", "required",
            g -> protocol(g, 0, null)),
        reject("protocol empty", "gateway.protocol", "spec.listeners[0].protocol", "must not be empty",
            g -> protocol(g, 0, "")),
        reject("protocol with space", "gateway.protocol", "spec.listeners[0].protocol", q("HTTP 2") + " must be a protocol",
            g -> protocol(g, 0, "HTTP 2")),
        reject("protocol domain without path", "gateway.protocol", "spec.listeners[0].protocol", q("example.com"),
            g -> protocol(g, 0, "example.com")),
        reject("protocol with '-' after the slash (the pattern's second part)", "gateway.protocol",
            "spec.listeners[0].protocol", q("example.com/my-proto"), g -> protocol(g, 0, "example.com/my-proto")),
        reject("protocol 256", "gateway.protocol", "spec.listeners[0].protocol", "(it has 256)",
            g -> protocol(g, 0, "P".repeat(256))),
        // ---- gateway.tls-forbidden / tls-mode-https / hostname-forbidden (CEL)
        reject("tls on HTTP", "gateway.tls-forbidden", "spec.listeners[1].tls",
            "must not be set for protocol " + q("HTTP") + "; use protocol " + q("HTTPS"), g -> protocol(g, 1, "HTTP")),
        reject("tls on TCP", "gateway.tls-forbidden", "spec.listeners[2].tls", q("TCP"), g -> protocol(g, 2, "TCP")),
        reject("tls on UDP", "gateway.tls-forbidden", "spec.listeners[2].tls", q("UDP"), g -> protocol(g, 2, "UDP")),
        reject("Passthrough on HTTPS", "gateway.tls-mode-https", "spec.listeners[1].tls.mode",
            q("Passthrough") + " is not allowed for protocol " + q("HTTPS"), g -> tls(g, 1).setMode("Passthrough")),
        reject("hostname on TCP", "gateway.hostname-forbidden", "spec.listeners[3].hostname",
            q("db.example.com") + " must not be set for protocol " + q("TCP"), g -> {
              Listener tcp = listener("db", 5432, "TCP");
              tcp.setHostname("db.example.com");
              add(g, tcp);
            }),
        reject("hostname on UDP", "gateway.hostname-forbidden", "spec.listeners[3].hostname", q("UDP"), g -> {
          Listener udp = listener("dns", 53, "UDP");
          udp.setHostname("dns.example.com");
          add(g, udp);
        }),
        // ---- gateway.tls-missing (warning: documented as required, not enforced)
        warn("HTTPS without tls", "gateway.tls-missing", "spec.listeners[1].tls",
            "is not set for protocol " + q("HTTPS"), g -> listener(g, 1).setTls(null)),
        // ---- gateway.tls-required (v1.5: "tls mode must be set for protocol TLS")
        reject("TLS without tls", "gateway.tls-required", "spec.listeners[2].tls",
            "is required for protocol \"TLS\"", g -> listener(g, 2).setTls(null)),
        // ---- gateway.tls-mode / tls-certificates / tls-option
        reject("tls mode lowercase", "gateway.tls-mode", "spec.listeners[1].tls.mode", "try " + q("Terminate"),
            g -> tls(g, 1).setMode("terminate")),
        reject("tls mode empty", "gateway.tls-mode", "spec.listeners[1].tls.mode",
            q("") + " is not supported; use " + q("Terminate") + " or " + q("Passthrough"), g -> tls(g, 1).setMode("")),
        reject("Terminate without certificates", "gateway.tls-certificates", "spec.listeners[2].tls.certificateRefs",
            "is empty, but mode " + q("Terminate") + " needs a certificate", g -> tls(g, 2).setMode("Terminate")),
        reject("default mode without certificates", "gateway.tls-certificates", "spec.listeners[1].tls.certificateRefs",
            "(the default)", g -> {
              tls(g, 1).setMode(null);
              tls(g, 1).setCertificateRefs(list());
            }),
        reject("empty tls on TLS", "gateway.tls-certificates", "spec.listeners[2].tls.certificateRefs", "is empty",
            g -> listener(g, 2).setTls(new ListenerTLSConfig())),
        reject("TLS option value 4097", "gateway.tls-option", "spec.listeners[1].tls.options[example.com/ciphers]",
            "(it has 4097)", g -> tls(g, 1).setOptions(Map.of("example.com/ciphers", "c".repeat(4097)))),
        // ---- gateway.ref-name / ref-group / ref-kind / ref-namespace
        reject("certificateRef name missing", "gateway.ref-name", "spec.listeners[1].tls.certificateRefs[0].name",
            "required", g -> certificate(g).setName(null)),
        reject("certificateRef name empty", "gateway.ref-name", "spec.listeners[1].tls.certificateRefs[0].name",
            "must not be empty", g -> certificate(g).setName("")),
        reject("parametersRef name missing", "gateway.ref-name", "spec.infrastructure.parametersRef.name", "required",
            g -> infrastructure(g).setParametersRef(new LocalParametersReference("", "ConfigMap", null))),
        reject("certificateRef group uppercase", "gateway.ref-group", "spec.listeners[1].tls.certificateRefs[0].group",
            q("Core") + " must be an API group", g -> certificate(g).setGroup("Core")),
        reject("certificateRef group suggestion", "gateway.ref-group",
            "spec.listeners[1].tls.certificateRefs[0].group", "try " + q("cert-manager.io"),
            g -> certificate(g).setGroup("Cert-Manager.io")),
        reject("route kind group with version", "gateway.ref-group", "spec.listeners[0].allowedRoutes.kinds[0].group",
            q("gateway.networking.k8s.io/v1"), g -> allowed(g).getKinds().get(0).setGroup("gateway.networking.k8s.io/v1")),
        reject("parametersRef group missing", "gateway.ref-group", "spec.infrastructure.parametersRef.group", "required",
            g -> infrastructure(g).setParametersRef(new LocalParametersReference(null, "ConfigMap", "params"))),
        reject("certificateRef kind trailing dash", "gateway.ref-kind", "spec.listeners[1].tls.certificateRefs[0].kind",
            q("Secret-") + " must be a kind", g -> certificate(g).setKind("Secret-")),
        reject("route kind missing", "gateway.ref-kind", "spec.listeners[0].allowedRoutes.kinds[0].kind", "required",
            g -> allowed(g).getKinds().get(0).setKind(null)),
        reject("route kind with space", "gateway.ref-kind", "spec.listeners[0].allowedRoutes.kinds[0].kind",
            q("HTTP Route"), g -> allowed(g).getKinds().get(0).setKind("HTTP Route")),
        reject("parametersRef kind missing", "gateway.ref-kind", "spec.infrastructure.parametersRef.kind", "required",
            g -> infrastructure(g).setParametersRef(new LocalParametersReference("", null, "params"))),
        reject("certificateRef namespace uppercase", "gateway.ref-namespace",
            "spec.listeners[1].tls.certificateRefs[0].namespace", "try " + q("certs"),
            g -> certificate(g).setNamespace("Certs")),
        // ---- gateway.namespaces-from / namespaces-selector (warning)
        reject("from lowercase", "gateway.namespaces-from", "spec.listeners[0].allowedRoutes.namespaces.from",
            q("same") + " is not supported; use " + q("All") + ", " + q("Selector") + " or " + q("Same"),
            g -> namespaces(g).setFrom("same")),
        reject("from None (ListenerSets only)", "gateway.namespaces-from",
            "spec.listeners[0].allowedRoutes.namespaces.from", q("None"), g -> namespaces(g).setFrom("None")),
        warn("Selector without selector", "gateway.namespaces-selector",
            "spec.listeners[0].allowedRoutes.namespaces.selector", "is not set although from is " + q("Selector"),
            g -> namespaces(g).setFrom("Selector")),
        // ---- gateway.address-type / address-value / address-duplicate
        reject("address type lowercase", "gateway.address-type", "spec.addresses[0].type",
            q("hostname") + " must be an address type", g -> address(g, "hostname", "gw.example.com")),
        reject("address type domain without path", "gateway.address-type", "spec.addresses[0].type", q("example.com"),
            g -> address(g, "example.com", "x")),
        reject("IPAddress with a hostname", "gateway.address-value", "spec.addresses[0].value",
            q("gw.example.com") + " must be an IPv4 or IPv6 address", g -> address(g, "IPAddress", "gw.example.com")),
        reject("IPAddress octet 256", "gateway.address-value", "spec.addresses[0].value", q("203.0.113.256"),
            g -> address(g, "IPAddress", "203.0.113.256")),
        reject("defaulted IPAddress with CIDR", "gateway.address-value", "spec.addresses[0].value", q("10.0.0.0/8"),
            g -> address(g, null, "10.0.0.0/8")),
        reject("IPAddress empty", "gateway.address-value", "spec.addresses[0].value", q(""),
            g -> address(g, "IPAddress", "")),
        reject("Hostname uppercase", "gateway.address-value", "spec.addresses[0].value",
            q("GW.example.com") + " must be a hostname", g -> address(g, "Hostname", "GW.example.com")),
        reject("NamedAddress 254", "gateway.address-value", "spec.addresses[0].value", "(it has 254)",
            g -> address(g, "NamedAddress", "n".repeat(254))),
        reject("IPAddress twice", "gateway.address-duplicate", "spec.addresses[1].value",
            q("203.0.113.10") + " is also requested by spec.addresses[0]; IPAddress values must be unique",
            g -> spec(g).getAddresses().add(new GatewaySpecAddress(null, "203.0.113.10"))),
        reject("Hostname twice", "gateway.address-duplicate", "spec.addresses[2].value", "Hostname values must be unique",
            g -> spec(g).getAddresses().addAll(list(new GatewaySpecAddress("Hostname", "gw.example.com"),
                new GatewaySpecAddress("Hostname", "gw.example.com")))),
        // ---- gateway.infrastructure-key / infrastructure-value
        reject("label key with space", "gateway.infrastructure-key", "spec.infrastructure.labels[bad key]",
            "key " + q("bad key") + " must be a key", g -> infrastructure(g).getLabels().put("bad key", "v")),
        reject("annotation key name 64", "gateway.infrastructure-key",
            "spec.infrastructure.annotations[example.com/" + "k".repeat(64) + "]", q("example.com/" + "k".repeat(64)),
            g -> infrastructure(g).getAnnotations().put("example.com/" + "k".repeat(64), "v")),
        reject("annotation key prefix 253", "gateway.infrastructure-key",
            "spec.infrastructure.annotations[" + "p".repeat(249) + ".com/k]", "prefix shorter than 253 characters",
            g -> infrastructure(g).getAnnotations().put("p".repeat(249) + ".com/k", "v")),
        reject("label value leading dash", "gateway.infrastructure-value", "spec.infrastructure.labels[tier]",
            "value " + q("-edge"), g -> infrastructure(g).getLabels().put("tier", "-edge")),
        reject("label value 64", "gateway.infrastructure-value", "spec.infrastructure.labels[tier]", "v".repeat(64),
            g -> infrastructure(g).getLabels().put("tier", "v".repeat(64))),
        reject("annotation value 4097", "gateway.infrastructure-value", "spec.infrastructure.annotations[note]",
            "(it has 4097)", g -> infrastructure(g).getAnnotations().put("note", "n".repeat(4097))),
        // ---- gateway.allowed-listeners-from (standard since v1.5)
        reject("allowedListeners from lowercase", "gateway.allowed-listeners-from",
            "spec.allowedListeners.namespaces.from", q("all") + " is not supported; use " + q("All") + ", "
                + q("Selector") + ", " + q("Same") + " or " + q("None") + " (case-sensitive); try " + q("All"),
            g -> spec(g).setAllowedListeners(allowedListeners("all"))),
        warn("allowedListeners Selector without selector", "gateway.namespaces-selector",
            "spec.allowedListeners.namespaces.selector", "is not set although from is " + q("Selector"),
            g -> spec(g).setAllowedListeners(allowedListeners("Selector"))),
        // ---- gateway.frontend-tls (spec.tls, standard since v1.5)
        reject("frontend without default", "gateway.frontend-tls", "spec.tls.frontend.default", "is required",
            g -> frontend(g).setDefault(null)),
        reject("frontend validation without CA certificates", "gateway.frontend-tls",
            "spec.tls.frontend.default.validation.caCertificateRefs", "at least one CA certificate is required",
            g -> frontend(g).getDefault().getValidation().setCaCertificateRefs(list())),
        reject("frontend validation mode lowercase", "gateway.frontend-tls", "spec.tls.frontend.default.validation.mode",
            q("allowValidOnly") + " is not supported; use " + q("AllowValidOnly") + " or "
                + q("AllowInsecureFallback"), g -> frontend(g).getDefault().getValidation().setMode("allowValidOnly")),
        reject("perPort port twice", "gateway.frontend-tls", "spec.tls.frontend.perPort[1].port",
            "443 is also configured by spec.tls.frontend.perPort[0]", g -> frontend(g).getPerPort().add(
                new TLSPortConfig(443, new TLSConfig(caValidation("other-ca"))))),
        reject("perPort without port", "gateway.frontend-tls", "spec.tls.frontend.perPort[0].port", "is required",
            g -> frontend(g).getPerPort().get(0).setPort(null)),
        reject("perPort without tls", "gateway.frontend-tls", "spec.tls.frontend.perPort[0].tls", "is required",
            g -> frontend(g).getPerPort().get(0).setTls(null)),
        reject("perPort port 0", "gateway.port", "spec.tls.frontend.perPort[0].port", "0 must be between 1 and 65535",
            g -> frontend(g).getPerPort().get(0).setPort(0)),
        reject("9 CA certificates", "gateway.too-many", "spec.tls.frontend.default.validation.caCertificateRefs",
            "9 caCertificateRefs given; at most 8", g -> frontend(g).getDefault().getValidation().setCaCertificateRefs(
                times(9, i -> new ObjectReference("", "ConfigMap", "ca" + i, null)))),
        reject("CA certificate kind missing", "gateway.ref-kind",
            "spec.tls.frontend.default.validation.caCertificateRefs[0].kind", "is required",
            g -> frontend(g).getDefault().getValidation().getCaCertificateRefs().get(0).setKind(null)),
        reject("CA certificate group missing", "gateway.ref-group",
            "spec.tls.frontend.perPort[0].tls.validation.caCertificateRefs[0].group", "is required",
            g -> frontend(g).getPerPort().get(0).getTls().getValidation().getCaCertificateRefs().get(0).setGroup(null)),
        reject("CA certificate namespace uppercase", "gateway.ref-namespace",
            "spec.tls.frontend.default.validation.caCertificateRefs[0].namespace", q("Certs"),
            g -> frontend(g).getDefault().getValidation().getCaCertificateRefs().get(0).setNamespace("Certs")),
        reject("backend client certificate without name", "gateway.ref-name", "spec.tls.backend.clientCertificateRef.name",
            "is required", g -> {
              frontend(g);
              spec(g).getTls().getBackend().getClientCertificateRef().setName(null);
            }),
        // ---- gateway.experimental: spec.defaultScope is in the experimental channel only
        warn("defaultScope", "gateway.experimental", "spec.defaultScope", "defaultScope (" + q("All")
            + ") is in Gateway API v1.5's experimental channel only", g -> spec(g).setDefaultScope("All")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<Gateway> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(gateway(mutation)), rule, severity, path, text);
  }

  // ================================================================= near misses: accepted

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", g -> { }),
        // class and listeners
        ok("class name with uppercase and underscore (ObjectName has no pattern)",
            g -> spec(g).setGatewayClassName("My_Class")),
        ok("class name 253", g -> spec(g).setGatewayClassName("c".repeat(253))),
        ok("64 listeners", g -> spec(g).setListeners(times(64, i -> listener("l" + i, 1000 + i, "HTTP")))),
        ok("listener name with dots", g -> listener(g, 0).setName("http.v1")),
        ok("listener name with leading digit", g -> listener(g, 0).setName("80-http")),
        ok("listener on the same port with another hostname", g -> add(g, https("admin", "admin.example.com"))),
        ok("listener on the same port with a wildcard hostname", g -> add(g, https("any", "*.example.com"))),
        ok("listener on the same port without hostname", g -> add(g, https("fallback", null))),
        ok("listeners on the same port with other protocols", g -> {
          add(g, listener("raw", 80, "TCP"));
          add(g, listener("quic", 80, "UDP"));
        }),
        ok("port 1 and 65535", g -> {
          listener(g, 0).setPort(1);
          listener(g, 2).setPort(65_535);
        }),
        ok("hostname on HTTP", g -> listener(g, 0).setHostname("shop.example.com")),
        ok("hostname on TLS", g -> listener(g, 2).setHostname("*.example.com")),
        ok("TCP listener without hostname", g -> add(g, listener("db", 5432, "TCP"))),
        // protocols
        ok("implementation protocol with domain", g -> protocol(g, 0, "example.com/proto")),
        ok("implementation protocol word", g -> protocol(g, 0, "h2c")),
        ok("protocol word with inner dashes", g -> protocol(g, 0, "HTTP-2")),
        ok("protocol matched only at its end (the pattern's second part is not anchored)",
            g -> protocol(g, 0, "weird proto example.com/x")),
        ok("https with Passthrough (the CEL rule compares \"HTTPS\" exactly)", g -> {
          protocol(g, 1, "https");
          tls(g, 1).setMode("Passthrough");
        }),
        // tls
        ok("tls mode defaulted with certificate", g -> tls(g, 1).setMode(null)),
        ok("Terminate with options only", g -> {
          tls(g, 1).setCertificateRefs(list());
          tls(g, 1).setOptions(Map.of("example.com/cert-source", "acme"));
        }),
        ok("Terminate on TLS with certificate", g -> {
          tls(g, 2).setMode("Terminate");
          tls(g, 2).setCertificateRefs(list(new SecretObjectReference(null, null, "tls-cert", null)));
        }),
        ok("Passthrough without certificates", g -> tls(g, 2).setCertificateRefs(list())),
        ok("Passthrough with certificates (ignored)",
            g -> tls(g, 2).setCertificateRefs(list(new SecretObjectReference(null, null, "x", null)))),
        ok("64 certificateRefs", g -> tls(g, 1).setCertificateRefs(
            times(64, i -> new SecretObjectReference(null, null, "c" + i, null)))),
        ok("certificateRef of another kind and namespace", g -> {
          certificate(g).setGroup("example.com");
          certificate(g).setKind("Certificate");
          certificate(g).setNamespace("certs");
        }),
        ok("certificateRef in the core group", g -> certificate(g).setGroup("")),
        ok("16 TLS options with long value", g -> {
          tls(g, 1).setOptions(entries(16, "v"));
          tls(g, 1).getOptions().put("k0", "v".repeat(4096));
        }),
        // allowedRoutes
        ok("routes from All", g -> namespaces(g).setFrom("All")),
        ok("routes from Selector with selector", g -> {
          namespaces(g).setFrom("Selector");
          namespaces(g).setSelector(new LabelSelectorBuilder().addToMatchLabels("shared-gateway", "true").build());
        }),
        ok("selector ignored with Same", g -> namespaces(g).setSelector(new LabelSelectorBuilder().build())),
        ok("from defaulted", g -> namespaces(g).setFrom(null)),
        ok("8 route kinds", g -> allowed(g).setKinds(times(8, i -> new RouteGroupKind(null, "Route" + i)))),
        ok("route kind in the core group", g -> allowed(g).getKinds().get(0).setGroup("")),
        ok("no allowedRoutes", g -> listener(g, 0).setAllowedRoutes(null)),
        // addresses
        ok("IPv6 address", g -> address(g, "IPAddress", "2001:db8::10")),
        ok("type defaulted to IPAddress", g -> address(g, null, "203.0.113.11")),
        ok("Hostname address", g -> address(g, "Hostname", "gw.example.com")),
        ok("wildcard Hostname address", g -> address(g, "Hostname", "*.example.com")),
        ok("NamedAddress free text", g -> address(g, "NamedAddress", "my ip address")),
        ok("custom address type", g -> address(g, "example.com/pool", "pool-a")),
        ok("address type only prefixed by Hostname (the pattern's first part is not anchored at the end)",
            g -> address(g, "Hostnames", "anything")),
        ok("value left out to be assigned", g -> address(g, "IPAddress", null)),
        ok("same value under two types", g -> spec(g).getAddresses().add(
            new GatewaySpecAddress("NamedAddress", "203.0.113.10"))),
        ok("two values left out", g -> spec(g).getAddresses().addAll(list(new GatewaySpecAddress("IPAddress", null),
            new GatewaySpecAddress("IPAddress", null)))),
        ok("16 addresses", g -> spec(g).setAddresses(
            times(16, i -> new GatewaySpecAddress("IPAddress", "203.0.113." + i)))),
        // infrastructure
        ok("8 labels and 8 annotations", g -> {
          infrastructure(g).setLabels(entries(8, "v"));
          infrastructure(g).setAnnotations(entries(8, "v"));
        }),
        ok("prefixed keys with mixed-case names", g -> {
          infrastructure(g).getLabels().put("example.com/My_Key.v1", "My.Value_1");
          infrastructure(g).getAnnotations().put("service.beta.kubernetes.io/aws-load-balancer-type", "nlb");
        }),
        ok("empty label value and 63", g -> {
          infrastructure(g).getLabels().put("empty", "");
          infrastructure(g).getLabels().put("long", "v".repeat(63));
        }),
        ok("annotation value 4096 free text", g -> infrastructure(g).getAnnotations().put("note", "n ".repeat(2048))),
        ok("key name 63", g -> infrastructure(g).getLabels().put("k".repeat(63), "v")),
        ok("parametersRef", g -> infrastructure(g).setParametersRef(
            new LocalParametersReference("", "ConfigMap", "gw-params"))),
        ok("TLS listener with Passthrough only (the mode the v1.5 rule asks for)",
            g -> tls(g, 2).setCertificateRefs(null)),
        ok("Hostname address without a value (v1.5: empty is allowed, and not a duplicate)", g ->
            spec(g).getAddresses().addAll(list(new GatewaySpecAddress("Hostname", null),
                new GatewaySpecAddress("Hostname", null)))),
        // allowedListeners (standard since v1.5)
        ok("allowedListeners from None", g -> spec(g).setAllowedListeners(allowedListeners("None"))),
        ok("allowedListeners from All", g -> spec(g).setAllowedListeners(allowedListeners("All"))),
        ok("allowedListeners from Same", g -> spec(g).setAllowedListeners(allowedListeners("Same"))),
        ok("allowedListeners defaulted", g -> spec(g).setAllowedListeners(new AllowedListeners())),
        ok("allowedListeners from Selector with selector", g -> spec(g).setAllowedListeners(new AllowedListeners(
            new ListenerNamespaces("Selector", new LabelSelectorBuilder().addToMatchLabels("team", "a").build())))),
        // spec.tls (standard since v1.5)
        ok("spec.tls with backend and frontend", GatewayRulesTest::frontend),
        ok("frontend validation AllowInsecureFallback, 8 CA certificates in another namespace", g -> {
          FrontendTLSValidation validation = frontend(g).getDefault().getValidation();
          validation.setMode("AllowInsecureFallback");
          validation.setCaCertificateRefs(times(8, i -> new ObjectReference("", "ConfigMap", "ca" + i, "certs")));
        }),
        ok("frontend default without validation", g -> frontend(g).getDefault().setValidation(null)),
        ok("frontend without perPort", g -> frontend(g).setPerPort(list())),
        ok("backend without client certificate", g -> {
          frontend(g);
          spec(g).getTls().setBackend(new GatewayBackendTLS());
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<Gateway> mutation) {
    assertClean(check(gateway(mutation)));
  }

  // ================================================================= details

  /** The ids Gateway reaches through the shared checks ({@link RuleIds}), most of them its listeners'. */
  static final List<String> SHARED = List.of("too-many", "ref-name", "ref-group", "ref-kind", "ref-namespace",
      "port", "hostname", "experimental", "listeners-required", "listener-name", "listener-name-duplicate",
      "listener-duplicate", "protocol", "tls-forbidden", "tls-mode-https", "tls-required", "hostname-forbidden",
      "tls-missing", "tls-mode", "tls-certificates", "tls-option", "namespaces-from", "namespaces-selector");

  static final List<String> RULE_IDS = Stream.concat(SHARED.stream().map(s -> "gateway." + s), Stream.of(
      "gateway.spec", "gateway.class-name", "gateway.address-type", "gateway.address-value",
      "gateway.address-duplicate", "gateway.infrastructure-key", "gateway.infrastructure-value",
      "gateway.allowed-listeners-from", "gateway.frontend-tls")).toList();

  @Test
  void everyRuleIdOfTheSourceIsListedAndExercised() {
    RuleIds.assertListedAndExercised("gateway", "GatewayRules.java", SHARED, RULE_IDS, rejected());
  }

  @Test
  void onlyTheTwoDocumentedRequirementsAndExperimentalFieldsAreWarnings() {
    Set<String> warnings = rejected().filter(a -> a.get()[2] == Severity.WARNING).map(a -> (String) a.get()[1])
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("gateway.namespaces-selector", "gateway.tls-missing", "gateway.experimental"), warnings);
  }

  @Test
  void threeIdenticalListenersAreTwoDuplicates() {
    List<Finding> findings = check(gateway(g -> {
      add(g, listener("a", 9000, "HTTP"));
      add(g, listener("b", 9000, "HTTP"));
      add(g, listener("c", 9000, "HTTP"));
    }));
    assertEquals(2, findings.stream().filter(f -> f.rule().equals("gateway.listener-duplicate")).count(),
        Fixtures.describe(findings));
  }

  @Test
  void aTcpListenerWithTlsAndHostnameBreaksBothRules() {
    List<Finding> findings = check(gateway(g -> {
      protocol(g, 2, "TCP");
      listener(g, 2).setHostname("db.example.com");
    }));
    Fixtures.find(findings, "gateway.tls-forbidden", "spec.listeners[2].tls");
    Fixtures.find(findings, "gateway.hostname-forbidden", "spec.listeners[2].hostname");
    assertEquals(2, findings.size(), Fixtures.describe(findings));
  }

  @Test
  void theInputIsNotChanged() {
    Gateway gateway = gateway(g -> {
      tls(g, 1).setMode(null);
      address(g).setType(null);
      namespaces(g).setFrom(null);
    });
    Gateway before = new GatewayBuilder(gateway).build();
    check(gateway);
    assertEquals(before, gateway);
  }
}
