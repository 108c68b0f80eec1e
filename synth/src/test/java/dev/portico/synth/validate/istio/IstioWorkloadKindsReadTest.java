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
import org.junit.jupiter.api.Test;

/**
 * Sidecar, RequestAuthentication, WorkloadEntry and WorkloadGroup as {@code portico validate} reads
 * them from YAML, in every version Istio serves: checked (never {@code validate.not-checked}), each
 * with the finding of its rules and nothing else.
 */
class IstioWorkloadKindsReadTest {
  private static final String YAML = """
      apiVersion: networking.istio.io/v1
      kind: Sidecar
      metadata: {name: default, namespace: shop}
      spec:
        egress:
        - hosts: ["./*", "istio-system/*"]
      ---
      apiVersion: networking.istio.io/v1beta1
      kind: Sidecar
      metadata: {name: web, namespace: shop}
      spec:
        workloadSelector: {labels: {app: web}}
        ingress:
        - port: {number: 8080, protocol: HTTP, name: http}
          defaultEndpoint: 10.0.0.1:8080
      ---
      apiVersion: networking.istio.io/v1alpha3
      kind: Sidecar
      metadata: {name: db, namespace: shop}
      spec:
        egress:
        - port: {number: 0, protocol: HTTP, name: uds}
          bind: unix:///var/run/db.sock
          hosts: ["./*"]
      ---
      apiVersion: security.istio.io/v1
      kind: RequestAuthentication
      metadata: {name: jwt, namespace: shop}
      spec:
        selector: {matchLabels: {app: web}}
        jwtRules:
        - issuer: https://accounts.example.com
          jwksUri: https://accounts.example.com/.well-known/jwks.json
          fromHeaders: [{name: Authorization, prefix: "Bearer "}]
          outputClaimToHeaders: [{claim: sub, header: x-jwt-sub}]
      ---
      apiVersion: security.istio.io/v1beta1
      kind: RequestAuthentication
      metadata: {name: legacy, namespace: shop}
      spec:
        jwtRules:
        - issuer: legacy
          jwksUri: legacy.example.com/keys
      ---
      apiVersion: networking.istio.io/v1
      kind: WorkloadEntry
      metadata: {name: vm1, namespace: shop}
      spec:
        address: 10.0.0.7
        ports: {http: 8080}
        labels: {app: web}
      ---
      apiVersion: networking.istio.io/v1alpha3
      kind: WorkloadEntry
      metadata: {name: vm2, namespace: shop}
      spec:
        ports: {http: 8080}
      ---
      apiVersion: networking.istio.io/v1beta1
      kind: WorkloadGroup
      metadata: {name: vms, namespace: shop}
      spec:
        metadata: {labels: {app: web}}
        template: {ports: {http: 8080}, serviceAccount: web}
        probe:
          httpGet: {port: 8080, path: /ready}
      ---
      apiVersion: networking.istio.io/v1
      kind: WorkloadGroup
      metadata: {name: tcp, namespace: shop}
      spec:
        template: {}
        probe:
          tcpSocket: {port: 0}
      """;

  @Test
  void everyServedVersionIsReadAndChecked() throws IOException {
    ManifestReader.Input input = ManifestReader.read(List.of("-"),
        new ByteArrayInputStream(YAML.getBytes(StandardCharsets.UTF_8)));
    assertEquals(9, input.resources().size(), () -> "read: " + input.findings());
    List<Finding> findings = new ArrayList<>(input.findings());
    findings.addAll(Validator.validate(input.resources(), input.podSets(), Scope.OPEN));
    List<String> rules = findings.stream().map(f -> f.object() + " " + f.path() + " [" + f.rule() + "]").sorted()
        .toList();
    assertEquals(List.of(
        "RequestAuthentication/shop/legacy spec.jwtRules[0].jwksUri [requestauthentication.jwks-uri]",
        "Sidecar/shop/web spec.ingress[0].defaultEndpoint [sidecar.default-endpoint]",
        "WorkloadEntry/shop/vm2 spec.address [workloadentry.address]",
        "WorkloadGroup/shop/tcp spec.probe.tcpSocket.port [workloadgroup.probe-port]"), rules);
    assertTrue(findings.stream().noneMatch(f -> f.rule().equals("validate.not-checked")));
  }
}
