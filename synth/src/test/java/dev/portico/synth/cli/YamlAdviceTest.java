package dev.portico.synth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.SourceLocation;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Validator;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Findings on YAML speak YAML: every message of the analyzers that carries advice (TLS, sidecar
 * injection, mutual TLS from outside the mesh, AuthorizationPolicy and NetworkPolicy denials, a
 * selector that matches nothing) names YAML fields in {@code portico validate}'s output, never the
 * Java DSL; the same situation in a stack keeps its DSL advice. {@link ValidateFuzzTest} holds every
 * mutated document's output to {@link #DSL_ADVICE} too.
 */
class YamlAdviceTest {
  /** A call of the DSL in a message: {@code Tls.certManager(...)}, {@code stack.allow(...)}, {@code mesh.mtls(...)}. */
  static final Pattern DSL_ADVICE = Pattern.compile("\\b(Tls|HttpTarget|Peer|ServiceType|ServicePort|Port|MtlsMode|Backend"
      + "|Split|Mesh|stack|mesh|ns|app|service)\\.[a-zA-Z]+\\(|declare the app");

  private static final String ISOLATED = """
      apiVersion: v1
      kind: Namespace
      metadata: {name: shop}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: web, ports: [{name: http, containerPort: 8080}]}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: shop}
      spec:
        type: NodePort
        selector: {app: web}
        ports: [{name: http, port: 80, targetPort: http}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: api, namespace: shop}
      spec:
        selector: {app: api}
        ports: [{name: http, port: 80}]
      ---
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: web, namespace: shop}
      spec:
        ingressClassName: nginx
        rules:
        - host: shop.example.com
          http:
            paths:
            - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      ---
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: default, namespace: shop}
      spec:
        mtls: {mode: STRICT}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: deny, namespace: shop}
      spec:
        podSelector: {}
        policyTypes: [Ingress]
      """;

  private static final String AUTHORIZED = """
      apiVersion: v1
      kind: Namespace
      metadata: {name: shop, labels: {istio-injection: enabled}}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: web, ports: [{name: http, containerPort: 8080}]}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: shop}
      spec:
        selector: {app: web}
        ports: [{name: http, port: 80, targetPort: http}]
      ---
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: web, namespace: shop}
      spec:
        ingressClassName: nginx
        tls: [{hosts: [shop.example.com], secretName: shop-tls}]
        rules:
        - host: shop.example.com
          http:
            paths:
            - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      ---
      apiVersion: security.istio.io/v1
      kind: AuthorizationPolicy
      metadata: {name: web, namespace: shop}
      spec:
        selector: {matchLabels: {app: web}}
        action: ALLOW
        rules:
        - from: [{source: {principals: [cluster.local/ns/shop/sa/api]}}]
      """;

  private static final String STRICT = AUTHORIZED + """
      ---
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: default, namespace: shop}
      spec:
        mtls: {mode: STRICT}
      """;

  private static List<String> findings(String yaml) {
    CliTest.Run run = CliTest.runWithStdin(yaml, "validate", "--ignore", "validate.not-checked", "-");
    assertEquals(0, run.code(), run::toString);
    return run.out().lines().toList();
  }

  private static String finding(List<String> lines, String rule) {
    List<String> found = lines.stream().filter(line -> line.endsWith("[" + rule + "]")).toList();
    assertEquals(1, found.size(), () -> rule + " in " + lines);
    assertFalse(DSL_ADVICE.matcher(found.get(0)).find(), found.get(0));
    return found.get(0);
  }

  @Test
  void tlsSelectorAndNetworkPolicyAdviceSpeaksYaml() {
    List<String> lines = findings(ISOLATED);

    assertTrue(finding(lines, "http.host-without-tls").contains("a TLS Secret named by spec.tls[].secretName"),
        lines::toString);
    assertTrue(finding(lines, "service.dangling").contains("fix the selector or the pods' labels"), lines::toString);
    assertTrue(finding(lines, "mesh.namespace-injection").endsWith("istio.io/rev: <revision> [mesh.namespace-injection]"),
        lines::toString);
    assertEquals(2, lines.stream().filter(line -> line.endsWith("[networkpolicy.call-denied]")
        && line.contains("add a rule that admits it to a NetworkPolicy selecting the pods")).count(), lines::toString);
    assertTrue(lines.stream().noneMatch(line -> DSL_ADVICE.matcher(line).find()), lines::toString);
  }

  @Test
  void meshAdviceSpeaksYaml() {
    assertTrue(finding(findings(AUTHORIZED), "authorizationpolicy.call-denied")
        .contains("expose it through Istio (an Istio Gateway, or an Ingress or Gateway of class istio)"));
    assertTrue(finding(findings(STRICT), "mesh.mtls-outside-traffic")
        .contains("a PeerAuthentication selecting them with mtls.mode: PERMISSIVE"));
  }

  /** The near miss: the same public host without TLS, synthesized from a stack, is told in the DSL's terms. */
  @Test
  void aStackKeepsItsDslAdvice() {
    Ingress ingress = new IngressBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata()
        .withNewSpec().addNewRule().withHost("shop.example.com").withNewHttp().addNewPath().withPath("/")
        .withPathType("Prefix").withNewBackend().withNewService().withName("web").withNewPort().withNumber(80).endPort()
        .endService().endBackend().endPath().endHttp().endRule().endSpec().build();
    List<Finding> findings = Validator.validate(List.of(new Resource(ingress, path -> SourceLocation.of("Shop.java"),
        "default")), List.of(), Scope.CLOSED);
    Finding tls = findings.stream().filter(f -> f.rule().equals("http.host-without-tls")).findFirst().orElseThrow();
    assertTrue(tls.message().endsWith("(e.g. Tls.certManager(...))"), tls::format);
    assertTrue(DSL_ADVICE.matcher(tls.message()).find(), tls::format);
  }
}
