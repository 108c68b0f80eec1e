package dev.portico.synth.validate.gatewayapi;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.list;
import static dev.portico.synth.validate.Fixtures.validate;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerEntry;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerEntryBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerSetBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Field and CEL rules of a ListenerSet (standard since Gateway API v1.5): the Gateway's listener rules
 * under the {@code listenerset} prefix, and its parentRef.
 */
class ListenerSetRulesTest {

  /**
   * ListenerSet/shop/shop-listeners joining Gateway infra/shared: listener 0 "https" on 443 for
   * shop.example.com terminating TLS with Secret shop-tls, for HTTPRoutes of its namespace; listener 1
   * "db" on 8443 passing TLS for db.example.com through.
   */
  static ListenerSet listenerSet() {
    return new ListenerSetBuilder()
        .withNewMetadata().withName("shop-listeners").withNamespace("shop").endMetadata()
        .withNewSpec()
        .withNewParentRef().withName("shared").withNamespace("infra").endParentRef()
        .addNewListener().withName("https").withPort(443).withProtocol("HTTPS").withHostname("shop.example.com")
        .withNewTls().withMode("Terminate").addNewCertificateRef().withName("shop-tls").endCertificateRef().endTls()
        .withNewAllowedRoutes().withNewNamespaces().withFrom("Same").endNamespaces()
        .addNewKind().withKind("HTTPRoute").endKind().endAllowedRoutes()
        .endListener()
        .addNewListener().withName("db").withPort(8443).withProtocol("TLS").withHostname("db.example.com")
        .withNewTls().withMode("Passthrough").endTls()
        .endListener()
        .endSpec()
        .build();
  }

  static ListenerSet listenerSet(Consumer<ListenerSet> mutation) {
    ListenerSet set = listenerSet();
    mutation.accept(set);
    return set;
  }

  static ListenerEntry listener(ListenerSet s, int i) {
    return s.getSpec().getListeners().get(i);
  }

  static ListenerTLSConfig tls(ListenerSet s, int i) {
    return listener(s, i).getTls();
  }

  static ListenerEntry entry(String name, Integer port, String protocol) {
    return new ListenerEntryBuilder().withName(name).withPort(port).withProtocol(protocol).build();
  }

  static <T> ArrayList<T> times(int n, java.util.function.IntFunction<T> item) {
    return IntStream.range(0, n).mapToObj(item).collect(Collectors.toCollection(ArrayList::new));
  }

  static List<Finding> check(ListenerSet set) {
    return validate(set).stream()
        .filter(f -> f.object().startsWith("ListenerSet/"))
        .filter(f -> f.rule().startsWith("listenerset.") || f.rule().startsWith("metadata."))
        .toList();
  }

  private static Arguments reject(String name, String rule, String path, String text, Consumer<ListenerSet> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.ERROR, path, text);
  }

  private static Arguments warn(String name, String rule, String path, String text, Consumer<ListenerSet> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.WARNING, path, text);
  }

  private static Arguments ok(String name, Consumer<ListenerSet> mutation) {
    return Arguments.of(Named.of(name, mutation));
  }

  private static String q(String value) {
    return "\"" + value + "\"";
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        reject("no spec", "listenerset.spec", "spec", "spec is required", s -> s.setSpec(null)),
        reject("no parentRef", "listenerset.parent-ref", "spec.parentRef", "is required",
            s -> s.getSpec().setParentRef(null)),
        reject("parentRef without name", "listenerset.ref-name", "spec.parentRef.name", "is required",
            s -> s.getSpec().getParentRef().setName(null)),
        reject("parentRef namespace uppercase", "listenerset.ref-namespace", "spec.parentRef.namespace",
            "try " + q("infra"), s -> s.getSpec().getParentRef().setNamespace("INFRA")),
        reject("parentRef group uppercase", "listenerset.ref-group", "spec.parentRef.group", q("Gateway.Networking"),
            s -> s.getSpec().getParentRef().setGroup("Gateway.Networking")),
        reject("parentRef kind with dot", "listenerset.ref-kind", "spec.parentRef.kind", q("v1.Gateway"),
            s -> s.getSpec().getParentRef().setKind("v1.Gateway")),
        reject("no listeners", "listenerset.listeners-required", "spec.listeners", "at least one listener",
            s -> s.getSpec().setListeners(list())),
        reject("65 listeners", "listenerset.too-many", "spec.listeners", "65 listeners given; at most 64",
            s -> s.getSpec().setListeners(times(65, i -> entry("l" + i, 1000 + i, "HTTP")))),
        reject("listener name uppercase", "listenerset.listener-name", "spec.listeners[0].name", "try " + q("https"),
            s -> listener(s, 0).setName("HTTPS")),
        reject("listener name twice (a map keyed by name)", "listenerset.listener-name-duplicate",
            "spec.listeners[1].name", q("https") + " is also the name of spec.listeners[0]",
            s -> listener(s, 1).setName("https")),
        reject("same port, protocol and hostname", "listenerset.listener-duplicate", "spec.listeners[2]",
            "port 8443, protocol " + q("TLS") + " and hostname " + q("db.example.com"),
            s -> s.getSpec().getListeners().add(new ListenerEntryBuilder(listener(s, 1)).withName("db-2").build())),
        reject("hostname with a wildcard inside", "listenerset.hostname", "spec.listeners[0].hostname",
            q("shop.*.com"), s -> listener(s, 0).setHostname("shop.*.com")),
        reject("port missing", "listenerset.port", "spec.listeners[0].port", "is required",
            s -> listener(s, 0).setPort(null)),
        reject("protocol with a slash but no domain", "listenerset.protocol", "spec.listeners[0].protocol", q("/h2"),
            s -> listener(s, 0).setProtocol("/h2")),
        reject("tls on HTTP", "listenerset.tls-forbidden", "spec.listeners[0].tls", "must not be set for protocol "
            + q("HTTP"), s -> listener(s, 0).setProtocol("HTTP")),
        reject("Passthrough on HTTPS", "listenerset.tls-mode-https", "spec.listeners[0].tls.mode", q("Passthrough"),
            s -> tls(s, 0).setMode("Passthrough")),
        reject("TLS without tls", "listenerset.tls-required", "spec.listeners[1].tls", "is required for protocol",
            s -> listener(s, 1).setTls(null)),
        reject("hostname on TCP", "listenerset.hostname-forbidden", "spec.listeners[1].hostname", q("TCP"), s -> {
          listener(s, 1).setProtocol("TCP");
          listener(s, 1).setTls(null);
        }),
        warn("HTTPS without tls", "listenerset.tls-missing", "spec.listeners[0].tls", "is not set for protocol",
            s -> listener(s, 0).setTls(null)),
        reject("tls mode lowercase", "listenerset.tls-mode", "spec.listeners[1].tls.mode", "try " + q("Passthrough"),
            s -> tls(s, 1).setMode("passthrough")),
        reject("Terminate without certificate", "listenerset.tls-certificates", "spec.listeners[1].tls.certificateRefs",
            "needs a certificate", s -> tls(s, 1).setMode("Terminate")),
        reject("TLS option 4097", "listenerset.tls-option", "spec.listeners[0].tls.options[k]", "(it has 4097)",
            s -> tls(s, 0).setOptions(Map.of("k", "v".repeat(4097)))),
        reject("certificateRef namespace with underscore", "listenerset.ref-namespace",
            "spec.listeners[0].tls.certificateRefs[0].namespace", q("cert_store"),
            s -> tls(s, 0).getCertificateRefs().get(0).setNamespace("cert_store")),
        reject("from lowercase", "listenerset.namespaces-from", "spec.listeners[0].allowedRoutes.namespaces.from",
            "try " + q("All"), s -> listener(s, 0).getAllowedRoutes().getNamespaces().setFrom("all")),
        warn("Selector without selector", "listenerset.namespaces-selector",
            "spec.listeners[0].allowedRoutes.namespaces.selector", "is not set although from is " + q("Selector"),
            s -> listener(s, 0).getAllowedRoutes().getNamespaces().setFrom("Selector")),
        reject("route kind missing", "listenerset.ref-kind", "spec.listeners[0].allowedRoutes.kinds[0].kind",
            "is required", s -> listener(s, 0).getAllowedRoutes().getKinds().get(0).setKind(null)),
        reject("name with underscore", "metadata.name", "metadata.name", q("shop_listeners"),
            s -> s.getMetadata().setName("shop_listeners")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<ListenerSet> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(listenerSet(mutation)), rule, severity, path, text);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", s -> { }),
        ok("parentRef in the same namespace (namespace left out)", s -> s.getSpec().getParentRef().setNamespace(null)),
        ok("parentRef with the defaults written out", s -> {
          s.getSpec().getParentRef().setGroup("gateway.networking.k8s.io");
          s.getSpec().getParentRef().setKind("Gateway");
        }),
        ok("64 listeners", s -> s.getSpec().setListeners(times(64, i -> entry("l" + i, 1000 + i, "HTTP")))),
        ok("same port and protocol with other hostnames", s -> s.getSpec().getListeners().add(
            new ListenerEntryBuilder(listener(s, 1)).withName("db-2").withHostname("db2.example.com").build())),
        ok("TLS with Terminate and a certificate", s -> {
          tls(s, 1).setMode("Terminate");
          tls(s, 1).setCertificateRefs(list(new SecretObjectReference(null, null, "db-tls", null)));
        }),
        ok("certificate in another namespace (the ReferenceGrant is checked across objects)",
            s -> tls(s, 0).getCertificateRefs().get(0).setNamespace("certs")),
        ok("8 route kinds", s -> listener(s, 0).getAllowedRoutes().setKinds(
            times(8, i -> new RouteGroupKind(null, "Route" + i)))),
        ok("routes from All", s -> listener(s, 0).getAllowedRoutes().getNamespaces().setFrom("All")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<ListenerSet> mutation) {
    assertClean(check(listenerSet(mutation)));
  }

  /** The ids ListenerSet reaches through the shared checks ({@link RuleIds}): the Gateway's listener rules. */
  static final List<String> SHARED = List.of("too-many", "ref-name", "ref-group", "ref-kind", "ref-namespace",
      "port", "hostname", "listeners-required", "listener-name", "listener-name-duplicate", "listener-duplicate",
      "protocol", "tls-forbidden", "tls-mode-https", "tls-required", "hostname-forbidden", "tls-missing", "tls-mode",
      "tls-certificates", "tls-option", "namespaces-from", "namespaces-selector");

  static final List<String> RULE_IDS = Stream.concat(SHARED.stream().map(s -> "listenerset." + s),
      Stream.of("listenerset.spec", "listenerset.parent-ref")).toList();

  @Test
  void everyRuleIdOfTheSourceIsListedAndExercised() {
    RuleIds.assertListedAndExercised("listenerset", "ListenerSetRules.java", SHARED, RULE_IDS, rejected());
  }
}
