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

  // ---- issue 12 point 6: findings that do not hide each other -----------------------------------

  private static List<String> rulesAndPaths(List<Finding> findings) {
    return findings.stream().map(f -> f.rule() + " " + f.path()).sorted().toList();
  }

  private static final String WEB_PODS = """
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
      """;

  private static final String INGRESS = """
      ---
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: web, namespace: shop}
      spec:
        tls: [{hosts: [shop.example.com], secretName: shop-tls}]
        rules:
        - host: shop.example.com
          http:
            paths:
            - path: /
              pathType: Prefix
              backend: {service: {name: web, port: {number: 80}}}
      """;

  /**
   * The example: a quoted port and a misspelled field no longer hide the upper-case port name
   * and the selector that matches nothing, and the Ingress finds its Service (before: only the two
   * schema findings, and "Service web is not in the input" on the Ingress).
   */
  @Test
  void anObjectWithSchemaFindingsIsStillCheckedAndStillReferencedAndEachBadFieldIsReportedOnce() throws Exception {
    String yaml = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: webb}
          sessionAfinity: None
          ports:
          - name: HTTP
            port: "80"
            targetPort: http
        """ + WEB_PODS + INGRESS;

    List<Finding> findings = validate(yaml, "-");

    assertEquals(List.of(
        "schema.type spec.ports[0].port",
        "schema.unknown-field spec.sessionAfinity",
        "service.dangling spec.selector",
        "service.port-name spec.ports[0].name",
        "validate.not-checked "), rulesAndPaths(findings));
  }

  /** Near miss: the same object written correctly gets only the rules' findings. */
  @Test
  void theSameObjectWithoutSchemaProblemsGetsTheSameRuleFindings() throws Exception {
    String yaml = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: webb}
          sessionAffinity: None
          ports:
          - name: HTTP
            port: 80
            targetPort: http
        """ + WEB_PODS + INGRESS;

    assertEquals(List.of("service.dangling spec.selector", "service.port-name spec.ports[0].name",
        "validate.not-checked "), rulesAndPaths(validate(yaml, "-")));
  }

  /**
   * A dropped value is reported once, by the schema: {@code targetport} (its case wrong) is dropped, so
   * targetPort defaults to the port, 80, which no container declares; that finding would repeat the
   * schema's and is not reported. A value that cannot be coerced ({@code port: {number: 80}}) likewise:
   * no "port is required" after "must be an integer".
   */
  @Test
  void findingsAtARepairedPathAreNotReportedTwice() throws Exception {
    String yaml = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports:
          - name: http
            port: 80
            targetport: 8080
          - name: metrics
            port: {number: 9090}
        """ + WEB_PODS;

    List<Finding> findings = validate(yaml, "-");

    assertEquals(List.of("schema.type spec.ports[1].port", "schema.unknown-field spec.ports[0].targetport",
        "validate.not-checked "), rulesAndPaths(findings));
    Finding unknown = findings.stream().filter(f -> f.rule().equals("schema.unknown-field")).findFirst().orElseThrow();
    assertTrue(unknown.message().contains("did you mean \"targetPort\"?"), unknown::format);
  }

  /**
   * An empty list item cannot be read: the list is checked up to it (later items would move up and be
   * named by the wrong index and line); the rest of the object is checked, and the Ingress still finds
   * the Service and its port 80.
   */
  @Test
  void aListWithAnUnreadableItemIsCheckedUpToItAndTheObjectIsStillUsed() throws Exception {
    String yaml = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports:
          - name: http
            port: 80
            targetPort: http
          -
          - name: METRICS
            port: 9090
          externalTrafficPolicy: Locale
        """ + WEB_PODS + INGRESS;

    assertEquals(List.of("schema.type spec.ports[1]", "service.external-traffic-policy spec.externalTrafficPolicy",
        "validate.not-checked "), rulesAndPaths(validate(yaml, "-")));
  }

  /** An object with a schema finding still takes part in the checks across objects: a duplicate name. */
  @Test
  void anObjectWithASchemaFindingIsStillADuplicate() throws Exception {
    String yaml = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          ports: [{name: http, port: 80}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          ports: [{name: http, port: 80, protocl: TCP}]
        """;

    List<Finding> findings = validate(yaml, "-");

    assertEquals(List.of("resource.duplicate metadata.name", "schema.unknown-field spec.ports[0].protocl"),
        rulesAndPaths(findings));
    assertEquals(9, findings.stream().filter(f -> f.rule().equals("resource.duplicate")).findFirst().orElseThrow()
        .location().line());
  }
}
