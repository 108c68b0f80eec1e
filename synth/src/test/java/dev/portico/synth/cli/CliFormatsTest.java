package dev.portico.synth.cli;

import static dev.portico.synth.cli.CliTest.assertExit;
import static dev.portico.synth.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --format text|json|sarif|github} on synth and validate: findings on standard output, the summary on standard error. */
class CliFormatsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BAD_YAML = """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
        namespace: shop
      spec:
        ports:
        - name: HTTP
          port: 80
      """;

  @TempDir
  Path tmp;

  private CliTest.Run synthBad(String format) {
    return run("synth", "--stack", "bad", "--out", tmp.resolve("out").toString(), "--format", format);
  }

  @Test
  void jsonHasEveryFindingOfTheTextFormat() throws Exception {
    CliTest.Run text = synthBad("text");
    CliTest.Run json = synthBad("json");

    assertExit(1, json);
    JsonNode findings = JSON.readTree(json.out());
    assertEquals(CliTest.lines(text.out()).size(), findings.size(), json::toString);
    for (int i = 0; i < findings.size(); i++) {
      JsonNode finding = findings.get(i);
      String line = finding.get("file").asText() + ":" + finding.get("line").asInt() + ": "
          + finding.get("severity").asText() + ": " + finding.get("object").asText() + ": " + finding.get("path").asText()
          + ": " + finding.get("message").asText() + " [" + finding.get("rule").asText() + "]";
      assertEquals(CliTest.lines(text.out()).get(i), line);
    }
    assertEquals(text.err().replaceAll("\\(\\d+\\.\\d+ s\\)", ""), json.err().replaceAll("\\(\\d+\\.\\d+ s\\)", ""),
        "the same summary on standard error");
  }

  @Test
  void sarifIsOneLogOnStandardOutput() throws Exception {
    CliTest.Run sarif = synthBad("sarif");

    assertExit(1, sarif);
    JsonNode log = JSON.readTree(sarif.out());
    assertEquals("2.1.0", log.get("version").asText());
    JsonNode results = log.get("runs").get(0).get("results");
    assertEquals(2, results.size(), sarif::toString);
    assertEquals("service.port-name", results.get(0).get("ruleId").asText(), sarif::toString);
    assertTrue(sarif.err().startsWith("portico synth: 1 stack"), sarif::toString);
  }

  @Test
  void githubPrintsOneCommandAFinding() {
    CliTest.Run github = synthBad("github");

    assertExit(1, github);
    List<String> lines = CliTest.lines(github.out());
    assertEquals(2, lines.size(), github::toString);
    assertTrue(lines.stream().allMatch(line -> line.matches("::error file=BadStack\\.java,line=\\d+,title=service\\.[a-z-]+::Service/bad/.+")),
        github::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "sarif", "github"})
  void validateTakesEveryFormat(String format) throws IOException {
    Path yaml = tmp.resolve("web.yaml");
    Files.writeString(yaml, BAD_YAML);

    CliTest.Run run = run("validate", "--format", format, yaml.toString());

    assertExit(1, run);
    assertTrue(run.out().contains("service.port-name"), run::toString);
    assertTrue(run.err().startsWith("portico validate: 1 document, 1 object checked; 1 error"), run::toString);
    if (!format.equals("github")) {
      JSON.readTree(run.out());
    }
  }

  @Test
  void aCleanRunStillPrintsADocumentToUpload() throws IOException {
    Path yaml = tmp.resolve("web.yaml");
    Files.writeString(yaml, BAD_YAML.replace("HTTP", "http").replace("ports:", "selector:\n    app: web\n  ports:"));

    CliTest.Run run = run("validate", "--format", "sarif", yaml.toString());

    assertExit(0, run);
    assertEquals(0, JSON.readTree(run.out()).get("runs").get(0).get("results").size(), run::toString);
  }

  @Test
  void checkWithAMachineFormatKeepsTheDiffOffStandardOutput() throws Exception {
    CliTest.Run check = run("synth", "--stack", "good", "--out", tmp.resolve("out").toString(), "--check", "--format",
        "sarif");

    assertExit(1, check);
    assertEquals(0, JSON.readTree(check.out()).get("runs").get(0).get("results").size(), check::toString);
    assertTrue(check.err().contains("+++ b/good/prod/kustomization.yaml"), check::toString);
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    CliTest.Run run = run("validate", "--format", "xml", "x.yaml");

    assertExit(2, run);
    assertTrue(run.err().contains("xml"), run::toString);
  }

  /**
   * A CI log merges standard output and standard error: every finding arrives whole and before
   * the summary. Checked on a real process, whose streams are separate pipes into one.
   */
  @Test
  void aMergedLogHasWholeFindingLinesBeforeTheSummary() throws Exception {
    Path yaml = tmp.resolve("many.yaml");
    StringBuilder documents = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      documents.append(BAD_YAML.replace("name: web", "name: web-" + i)).append("---\n");
    }
    Files.writeString(yaml, documents);
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        Portico.class.getName(), "validate", yaml.toString()));

    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = process.waitFor();

    assertEquals(1, code, log);
    List<String> lines = CliTest.lines(log);
    assertEquals(201, lines.size(), log);
    for (String line : lines.subList(0, 200)) {
      assertTrue(line.matches(".*many\\.yaml:\\d+: error: Service/shop/web-\\d+: spec\\.ports\\[0\\]\\.name: .* \\[service\\.port-name\\]"),
          () -> "not a whole finding line: " + line);
    }
    assertTrue(lines.get(200).startsWith("portico validate: 200 documents"), log);
    assertFalse(log.contains("\tat "), log);
  }
}
