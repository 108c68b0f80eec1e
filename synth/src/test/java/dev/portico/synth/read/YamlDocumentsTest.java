package dev.portico.synth.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Validator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code portico validate} makes of YAML text, through {@link ManifestReader#read}: bytes that
 * are not UTF-8, aliases, merge keys and YAML 1.1 scalars as Kubernetes (sigs.k8s.io/yaml over
 * go-yaml v2) reads them, and inputs that used to crash or take minutes.
 */
class YamlDocumentsTest {
  @TempDir
  Path tmp;

  static List<String> validate(byte[] bytes, String... args) {
    ManifestReader.Input input;
    try {
      input = ManifestReader.read(List.of(args), new ByteArrayInputStream(bytes));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<Finding> findings = new ArrayList<>(input.findings());
    findings.addAll(Validator.validate(input.resources(), input.podSets(), Scope.OPEN));
    findings.sort(Finding.ORDER);
    return findings.stream().map(Finding::format).toList();
  }

  static List<String> validate(String yaml) {
    return validate(yaml.getBytes(StandardCharsets.UTF_8), "-");
  }

  static final String SERVICE = """
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: shop}
      spec:
        selector: {app: web}
        ports:
      """;

  // ---------------------------------------------------------------------------------------------
  // bytes

  @Test
  void invalidUtf8InAFileIsASyntaxFindingAtItsLineAsOnStandardInput() throws Exception {
    byte[] bytes = "kind: Service\nx: \u00ff\n".getBytes(StandardCharsets.ISO_8859_1); // a lone 0xFF
    Path file = tmp.resolve("b.yaml");
    Files.write(file, bytes);

    List<String> fromFile = validate(new byte[0], file.toString());
    List<String> fromStdin = validate(bytes, "-");

    assertEquals(List.of(file + ":2: error: " + file + ": not valid UTF-8: byte 0xFF at column 4 cannot be decoded;"
        + " Kubernetes reads YAML as UTF-8 (or UTF-16 after a byte-order mark): save the file as UTF-8 [yaml.syntax]"),
        fromFile);
    assertEquals(fromFile.get(0).replace(file.toString(), "<stdin>"), fromStdin.get(0));
  }

  @Test
  void rawSurrogatesAndTruncatedSequencesAreFindingsToo() {
    byte[] surrogate = {'a', ':', ' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'};
    byte[] truncated = {'a', ':', ' ', 'x', '\n', 'b', ':', ' ', (byte) 0xE2, (byte) 0x82};
    assertTrue(validate(surrogate, "-").get(0).matches("<stdin>:1: error: .*not valid UTF-8: byte.* 0xED.*\\[yaml\\.syntax\\]"),
        validate(surrogate, "-")::toString);
    assertTrue(validate(truncated, "-").get(0).startsWith("<stdin>:2: error: <stdin>: not valid UTF-8"),
        validate(truncated, "-")::toString);
  }

  @Test
  void utf16WithAByteOrderMarkIsReadAndWithoutOneIsAFinding() {
    String yaml = SERVICE + "  - {name: http, port: 80}\n";
    byte[] le = yaml.getBytes(StandardCharsets.UTF_16LE);
    byte[] withBom = new byte[le.length + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(le, 0, withBom, 2, le.length);

    assertEquals(List.of(), validate(withBom, "-"));
    List<String> noBom = validate(le, "-");
    assertEquals(1, noBom.size(), noBom::toString);
    assertTrue(noBom.get(0).contains("control character U+0000") && noBom.get(0).endsWith("[yaml.syntax]"), noBom::toString);
  }

  @Test
  void aBinaryFileIsAFindingNotATrace() {
    byte[] binary = new byte[4096];
    new java.util.Random(7).nextBytes(binary);
    List<String> findings = validate(binary, "-");
    assertEquals(1, findings.size(), findings::toString);
    assertTrue(findings.get(0).endsWith("[yaml.syntax]"), findings::toString);
  }

  // ---------------------------------------------------------------------------------------------
  // aliases and merge keys

  @Test
  void aliasesAreExpandedBeforeTheRulesSeeTheValues() {
    List<String> findings = validate("""
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports:
          - name: &HTTP_PORT HTTP
            port: 80
            targetPort: &p 99999
          - name: *HTTP_PORT
            port: 81
            targetPort: *p
        """);

    assertEquals(List.of(
        "<stdin>:7: error: Service/shop/web: spec.ports[0].name: \"HTTP\" must be a DNS-1123 label (lowercase letters,"
            + " digits, '-'; starting and ending with a letter or digit); try \"http\" [service.port-name]",
        "<stdin>:9: error: Service/shop/web: spec.ports[0].targetPort: 99999 must be between 1 and 65535, inclusive,"
            + " or a container port's name [service.target-port]",
        "<stdin>:10: error: Service/shop/web: spec.ports[1].name: \"HTTP\" must be a DNS-1123 label (lowercase letters,"
            + " digits, '-'; starting and ending with a letter or digit); try \"http\" [service.port-name]",
        "<stdin>:10: error: Service/shop/web: spec.ports[1].name: \"HTTP\" is used by an earlier port; port names must"
            + " be unique [service.port-name-duplicate]",
        "<stdin>:12: error: Service/shop/web: spec.ports[1].targetPort: 99999 must be between 1 and 65535, inclusive,"
            + " or a container port's name [service.target-port]"),
        findings);
  }

  @Test
  void anAliasedMapIsCheckedWhereItIsUsedAndLocatedWhereItIsWritten() {
    List<String> findings = validate("""
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports:
          - &port
            name: http
            port: 80
            protocol: tcp
        ---
        x: 1
        """);
    assertEquals(1, findings.stream().filter(f -> f.contains("[service.port-protocol]")).count(), findings::toString);
    assertTrue(findings.get(0).startsWith("<stdin>:10: error: Service/shop/web: spec.ports[0].protocol: \"tcp\""),
        findings::toString);
  }

  @Test
  void mergeKeysAreAppliedNotReportedAsUnknownFields() {
    List<String> findings = validate("""
        apiVersion: v1
        kind: Service
        metadata:
          <<: &meta {namespace: shop, labels: {team: a}}
          name: web
        spec:
          selector: {app: web}
          ports:
          - &http {name: http, port: 80, targetPort: 8080}
          - <<: *http
            name: admin
            port: 81
          - <<: [{name: first, port: 82}, {name: second, port: 83, protocol: tcp}]
        """);
    assertEquals(List.of("<stdin>:13: error: Service/shop/web: spec.ports[2].protocol: \"tcp\" is not supported; use"
        + " \"SCTP\", \"TCP\" or \"UDP\" (case-sensitive); try \"TCP\" [service.port-protocol]"), findings);
  }

  @Test
  void aKeyBeforeAMergeIsOverwrittenByItAsGoYamlV2Does() {
    // go-yaml v2 applies map entries in order, so the merge replaces name: b; a later key would win
    List<String> findings = validate(SERVICE + "  - {name: b, <<: {name: Bad}, port: 80}\n");
    assertEquals(1, findings.size(), findings::toString);
    assertTrue(findings.get(0).contains("\"Bad\" must be a DNS-1123 label"), findings::toString);
  }

  @Test
  void anUndefinedAliasIsASyntaxErrorAndOtherDocumentsAreStillChecked() {
    List<String> findings = validate(SERVICE + "  - {name: http, port: 80, targetPort: *p}\n---\n" + SERVICE
        + "  - {name: HTTP, port: 80}\n");
    assertEquals(2, findings.size(), findings::toString);
    assertEquals("<stdin>:7: error: <stdin>: spec.ports[0].targetPort: YAML syntax error: undefined alias *p (no &p"
        + " anchor before it in this document) [yaml.syntax]", findings.get(0));
    assertTrue(findings.get(1).startsWith("<stdin>:15: error: Service/shop/web: spec.ports[0].name:"), findings::toString);
  }

  @Test
  void anchorsBelongToTheirDocument() {
    List<String> findings = validate("a: &x 1\n---\nb: *x\n");
    assertEquals(List.of("<stdin>:3: error: <stdin>: b: YAML syntax error: undefined alias *x (no &x anchor before it"
        + " in this document) [yaml.syntax]"), findings.stream().filter(f -> f.contains("yaml.syntax")).toList());
  }

  @Test
  void anAliasInsideTheValueItNamesAndABadMergeAreSyntaxErrors() {
    assertEquals(List.of("<stdin>:2: error: <stdin>: a.b: YAML syntax error: alias *x stands inside the value it names"
        + " [yaml.syntax]"), validate("a: &x\n  b: *x\n"));
    assertEquals(List.of("<stdin>:2: error: <stdin>: YAML syntax error: a merge key (<<) takes a map, an alias of a map"
        + " or a list of those [yaml.syntax]"), validate("kind: x\n<<: 5\n"));
  }

  @Test
  void aBillionLaughsIsRefusedQuicklyAsGoYamlRefusesIt() {
    StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char level = 'b'; level <= 'z'; level++) {
      char previous = (char) (level - 1);
      yaml.append(level).append(": &").append(level).append(" [");
      for (int i = 0; i < 9; i++) {
        yaml.append(i == 0 ? "" : ", ").append('*').append(previous);
      }
      yaml.append("]\n");
    }
    List<String> findings = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> validate(yaml.toString()));
    assertEquals(1, findings.size(), findings::toString);
    assertTrue(findings.get(0).contains("\"document contains excessive aliasing\""), findings::toString);
  }

  @Test
  void moderateAliasingIsFine() {
    StringBuilder yaml = new StringBuilder(SERVICE.replace("ports:\n", "ports:\n  - &p {name: p0, port: 1000}\n"));
    for (int i = 1; i < 200; i++) {
      yaml.append("  - {<<: *p, name: p").append(i).append(", port: ").append(1000 + i).append("}\n");
    }
    assertEquals(List.of(), validate(yaml.toString()));
  }

  // ---------------------------------------------------------------------------------------------
  // scalars as go-yaml v2 resolves them, keys as sigs.k8s.io/yaml converts them

  @Test
  void yamlOneOneScalarsAreResolvedAsKubernetesResolvesThem() {
    // go-yaml v2: y, on, yes are booleans; 0x50 and 0o120 are 80; 1e2 is 100 and JSON writes it as an integer
    List<String> findings = validate(SERVICE + """
          - {name: y, port: 0x50}
          - {name: a, port: 0o121, targetPort: 1e2}
          - {name: b, port: 1_000, appProtocol: on}
          - {name: c, port: 017, targetPort: "0x50"}
        """);
    assertEquals(List.of(
        "<stdin>:7: error: Service/shop/web: spec.ports[0].name: the boolean true must be a string; quote it: \"true\""
            + " [schema.type]",
        "<stdin>:9: error: Service/shop/web: spec.ports[2].appProtocol: the boolean true must be a string; quote it:"
            + " \"true\" [schema.type]"),
        findings);
  }

  @Test
  void valuesJsonCannotHoldAreSyntaxErrors() {
    List<String> findings = validate(SERVICE + "  - {name: a, port: .inf}\n");
    assertEquals(List.of("<stdin>:7: error: <stdin>: spec.ports[0].port: YAML syntax error: .inf is not a number JSON"
        + " can hold, so the API server rejects the document; quote it (\".inf\") if it is a string [yaml.syntax]"),
        findings);
    assertTrue(validate("a: !!int abc\n").get(0).contains("cannot decode !!str `abc` as a !!int"));
  }

  @Test
  void keysAreStringsAsInJson() {
    assertEquals(List.of("<stdin>:3: error: <stdin>: metadata.labels.true: duplicate key true (the API server rejects it;"
        + " an earlier value is at line 2) [yaml.duplicate-key]"),
        validate("metadata:\n  labels: {yes: a,\n    true: b}\n").stream().filter(f -> f.contains("duplicate")).toList());
  }

  // ---------------------------------------------------------------------------------------------
  // size and shape

  @Test
  void aTenMegabyteScalarIsReadInLinearTime() {
    String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  a: " + "x".repeat(10_000_000) + "\n";
    // SnakeYAML's own reader takes over a minute here (n²/2048 copies); this one under a second
    List<String> findings = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> validate(yaml));
    assertEquals(List.of("<stdin>:1: warning: ConfigMap/big: v1 ConfigMap is not checked by this version of Portico"
        + " [validate.not-checked]"), findings);
  }

  @Test
  void deepNestingIsASyntaxErrorNotAStackOverflow() {
    String flow = "a: " + "[".repeat(200_000) + "]".repeat(200_000) + "\n";
    List<String> findings = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> validate(flow));
    assertEquals(List.of("<stdin>:1: error: <stdin>: YAML syntax error: nested more than 200 levels deep [yaml.syntax]"),
        findings);
    StringBuilder block = new StringBuilder("a:\n");
    for (int i = 0; i < 300; i++) {
      block.append(" ".repeat(i)).append("-\n");
    }
    assertTrue(validate(block.toString()).get(0).endsWith("nested more than 200 levels deep [yaml.syntax]"));
  }

  @Test
  void aLongKeyWithManyDotsIsLocatedInLinearTime() {
    String key = "a.".repeat(60_000) + "a/x";
    String yaml = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: shop\n  labels:\n    ? \"" + key
        + "\"\n    : v\nspec:\n  ports: [{name: http, port: 80}]\n";
    List<String> findings = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> validate(yaml));
    assertEquals(1, findings.size(), findings::toString);
    assertTrue(findings.get(0).startsWith("<stdin>:7: error: Service/shop/s: metadata.labels[a.a.a."), findings::toString);
  }

  @Test
  void wideDocumentsAreLocatedWithoutAPathPerValue() {
    String yaml = "a: " + "[".repeat(190) + "1, ".repeat(100_000) + "1" + "]".repeat(190) + "\n";
    List<String> findings = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> validate(yaml));
    assertEquals(1, findings.size(), findings::toString);
    assertTrue(findings.get(0).endsWith("[schema.kind]"), findings::toString);
  }
}
