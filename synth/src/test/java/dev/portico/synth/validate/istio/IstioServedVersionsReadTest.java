package dev.portico.synth.validate.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.read.ManifestReader;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Validator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * VirtualService, DestinationRule, Gateway, ServiceEntry (networking.istio.io v1, v1beta1 and
 * v1alpha3), PeerAuthentication, AuthorizationPolicy (security.istio.io v1 and v1beta1) and Telemetry
 * (telemetry.istio.io v1 and v1alpha1), in every version Istio's CRDs serve ({@code crd-all.gen.yaml}:
 * one schema per kind for all versions): read with the same rules and analyzers as v1, never
 * {@code validate.not-checked}. Each version gets a rejected document (a field rule's finding, and an
 * IST0101 subset finding that crosses versions) and an accepted near miss.
 */
class IstioServedVersionsReadTest {
  private static final String BAD = """
      apiVersion: v1
      kind: Service
      metadata: {name: reviews, namespace: shop}
      spec:
        selector: {app: reviews}
        ports: [{name: http, port: 9080}]
      ---
      apiVersion: networking.istio.io/%1$s
      kind: VirtualService
      metadata: {name: reviews, namespace: shop}
      spec:
        hosts: [reviews]
        http:
        - route:
          - destination: {host: reviews, subset: v3}
            weight: -1
      ---
      apiVersion: networking.istio.io/%2$s
      kind: DestinationRule
      metadata: {name: reviews, namespace: shop}
      spec:
        host: reviews
        subsets: [{name: v1, labels: {version: v1}}, {name: V.2, labels: {version: v2}}]
      ---
      apiVersion: networking.istio.io/%1$s
      kind: Gateway
      metadata: {name: gw, namespace: shop}
      spec:
        selector: {istio: ingressgateway}
        servers: []
      ---
      apiVersion: networking.istio.io/%2$s
      kind: ServiceEntry
      metadata: {name: payments, namespace: shop}
      spec:
        hosts: []
        resolution: DNS
      ---
      apiVersion: security.istio.io/%3$s
      kind: PeerAuthentication
      metadata: {name: web, namespace: shop}
      spec:
        selector: {matchLabels: {app: reviews}}
        portLevelMtls:
          "0": {mode: STRICT}
      ---
      apiVersion: security.istio.io/%3$s
      kind: AuthorizationPolicy
      metadata: {name: web, namespace: shop}
      spec:
        selector: {matchLabels: {app: reviews}}
        rules:
        - to: [{operation: {methods: [get]}}]
      ---
      apiVersion: telemetry.istio.io/%4$s
      kind: Telemetry
      metadata: {name: web, namespace: shop}
      spec:
        tracing: [{randomSamplingPercentage: 150}]
      """;

  private static final String GOOD = """
      apiVersion: v1
      kind: Service
      metadata: {name: reviews, namespace: shop}
      spec:
        selector: {app: reviews}
        ports: [{name: http, port: 9080}]
      ---
      apiVersion: networking.istio.io/%1$s
      kind: VirtualService
      metadata: {name: reviews, namespace: shop}
      spec:
        hosts: [reviews]
        http:
        - route:
          - destination: {host: reviews, subset: v2}
            weight: 100
      ---
      apiVersion: networking.istio.io/%2$s
      kind: DestinationRule
      metadata: {name: reviews, namespace: shop}
      spec:
        host: reviews
        subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
      ---
      apiVersion: networking.istio.io/%1$s
      kind: Gateway
      metadata: {name: gw, namespace: shop}
      spec:
        selector: {istio: ingressgateway}
        servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [shop.example.com]}]
      ---
      apiVersion: networking.istio.io/%2$s
      kind: ServiceEntry
      metadata: {name: payments, namespace: shop}
      spec:
        hosts: [api.payments.example.com]
        ports: [{number: 443, name: https, protocol: TLS}]
        resolution: DNS
      ---
      apiVersion: security.istio.io/%3$s
      kind: PeerAuthentication
      metadata: {name: web, namespace: shop}
      spec:
        selector: {matchLabels: {app: reviews}}
        portLevelMtls:
          "9080": {mode: STRICT}
      ---
      apiVersion: security.istio.io/%3$s
      kind: AuthorizationPolicy
      metadata: {name: web, namespace: shop}
      spec:
        selector: {matchLabels: {app: reviews}}
        rules:
        - to: [{operation: {methods: [GET]}}]
      ---
      apiVersion: telemetry.istio.io/%4$s
      kind: Telemetry
      metadata: {name: web, namespace: shop}
      spec:
        tracing: [{randomSamplingPercentage: 15}]
      """;

  /** Networking versions for the VirtualService and Gateway, for the DestinationRule and ServiceEntry; security; telemetry. */
  static Stream<Arguments> versions() {
    return Stream.of(
        Arguments.of("v1", "v1", "v1", "v1"),
        Arguments.of("v1beta1", "v1alpha3", "v1beta1", "v1alpha1"),
        Arguments.of("v1alpha3", "v1beta1", "v1beta1", "v1alpha1"),
        Arguments.of("v1beta1", "v1", "v1", "v1alpha1"));
  }

  private static List<Finding> validate(String yaml) throws IOException {
    ManifestReader.Input input = ManifestReader.read(List.of("-"),
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    assertEquals(8, input.resources().size(), () -> "read: " + input.findings());
    List<Finding> findings = new ArrayList<>(input.findings());
    findings.addAll(Validator.validate(input.resources(), input.podSets(), Scope.OPEN));
    return findings;
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @MethodSource("versions")
  void everyServedVersionIsCheckedByTheSameRules(String routing, String destinations, String security,
      String telemetry) throws IOException {
    List<Finding> findings = validate(BAD.formatted(routing, destinations, security, telemetry));

    List<String> rules = findings.stream().map(f -> f.object() + " " + f.path() + " [" + f.rule() + "]").sorted().toList();
    assertEquals(List.of(
        "AuthorizationPolicy/shop/web spec.rules[0].to[0].operation.methods[0] [authorizationpolicy.method]",
        "DestinationRule/shop/reviews spec.subsets[1].name [destinationrule.subset-name]",
        "Gateway/shop/gw spec.servers [istio-gateway.servers-required]",
        "PeerAuthentication/shop/web spec.portLevelMtls[0] [peerauthentication.port]",
        "ServiceEntry/shop/payments spec.hosts [serviceentry.hosts-required]",
        "Telemetry/shop/web spec.tracing[0].randomSamplingPercentage [telemetry.sampling-percentage]",
        "VirtualService/shop/reviews spec.http[0].route[0].destination.subset [mesh.reference-not-found]",
        "VirtualService/shop/reviews spec.http[0].route[0].weight [virtualservice.weight]"), rules);
    Finding subset = findings.stream().filter(f -> f.rule().equals("mesh.reference-not-found")).findFirst().orElseThrow();
    assertTrue(subset.message().contains("\"v3\"") && subset.message().contains("IST0101"), subset::format);
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @MethodSource("versions")
  void aNearMissInEveryServedVersionPasses(String routing, String destinations, String security, String telemetry)
      throws IOException {
    List<Finding> findings = validate(GOOD.formatted(routing, destinations, security, telemetry));

    assertEquals(List.of(), findings.stream().map(Finding::format).toList());
  }
}
