package dev.portico.synth.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Validator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {
  private static List<Finding> validate(String yaml, String... args) throws Exception {
    ManifestReader.Input input = ManifestReader.read(List.of(args),
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    List<Finding> findings = new ArrayList<>(input.findings());
    findings.addAll(Validator.validate(input.resources(), input.podSets(), Scope.OPEN));
    return findings;
  }

  @Test
  void itemsOfAListAreCheckedWhereTheyStand() throws Exception {
    String yaml = """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Service
          metadata:
            name: ok
          spec:
            ports:
            - port: 80
        - apiVersion: v1
          kind: Service
          metadata:
            name: bad
          spec:
            ports:
            - port: 80
              name: HTTP
        """;
    List<Finding> findings = validate(yaml, "-");
    assertEquals(1, findings.size(), findings.toString());
    Finding finding = findings.get(0);
    assertEquals("service.port-name", finding.rule());
    assertEquals("spec.ports[0].name", finding.path());
    assertEquals("<stdin>:18", finding.location().toString());
  }

  @Test
  void standardInputNamedTwiceIsReadOnce() throws Exception {
    String yaml = "apiVersion: v1\nkind: Service\nmetadata:\n  name: Bad\nspec:\n  ports:\n  - port: 80\n";
    List<Finding> findings = validate(yaml, "-", "-");
    assertEquals(1, findings.size(), findings.toString());
    assertTrue(findings.get(0).format().startsWith("<stdin>:4: error: Service/Bad: metadata.name:"),
        findings.get(0).format());
  }

  @Test
  void emptyListItemsAreFindingsNotCrashes() throws Exception {
    String yaml = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: r, namespace: shop}
        spec:
          parentRefs: [null]
          rules: null
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: i, namespace: shop}
        spec:
          rules: null
          tls: [{hosts: null}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          ports:
          -
          - port: 80
        """;
    List<String> findings = validate(yaml, "-").stream().map(Finding::format).toList();
    assertTrue(findings.contains("<stdin>:5: error: HTTPRoute/shop/r: spec.parentRefs[0]: an empty list item (null) "
        + "is not allowed; fill it in or remove it (a lone '-' in YAML is an empty item) [schema.type]"), findings::toString);
    assertTrue(findings.stream().anyMatch(f -> f.startsWith("<stdin>:20: error: Service/shop/web: spec.ports[0]: an empty")),
        findings::toString);
    assertTrue(findings.stream().anyMatch(f -> f.contains("Ingress/shop/i: spec: either defaultBackend or rules")),
        findings::toString);
  }

  @Test
  void ingressesAndRoutesAreCheckedAgainstServicesInOtherFiles() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("portico-read");
    java.nio.file.Files.writeString(dir.resolve("a-service.yaml"), """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports:
          - {name: http, port: 80, targetPort: 8080}
        """);
    java.nio.file.Files.writeString(dir.resolve("b-ingress.yaml"), """
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
              - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
              - {path: /x, pathType: Prefix, backend: {service: {name: web, port: {number: 81}}}}
        """);
    List<Finding> findings = validate("", dir.toString());
    assertEquals(List.of("http.backend-dangling WARNING spec.rules[0].http.paths[1].backend.service.name",
            "http.backend-port ERROR spec.rules[0].http.paths[2].backend.service.port.number"),
        findings.stream().map(f -> f.rule() + " " + f.severity() + " " + f.path()).toList());
  }
}
