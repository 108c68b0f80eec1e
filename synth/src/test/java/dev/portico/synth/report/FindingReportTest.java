package dev.portico.synth.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.dsl.SourceLocation;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Severity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every format prints the same findings; JSON and GitHub in detail (SARIF: {@link SarifSchemaTest}). */
class FindingReportTest {
  static final Finding ERROR = new Finding("service.port-name", Severity.ERROR, new SourceLocation("Shop.java", 42),
      "Service/shop/web", "spec.ports[1].name", "\"HTTP\" must be a DNS-1123 label; try \"http\"");
  static final Finding WARNING = new Finding("envoyfilter.version-sensitive", Severity.WARNING,
      new SourceLocation("Shop.java", 7), "EnvoyFilter/shop/limit", "", "re-test it", List.of("staging", "prod"));
  static final Finding WHOLE_FILE = new Finding("yaml.syntax", Severity.ERROR, SourceLocation.of("k8s/a,b:c.yaml"),
      "k8s/a,b:c.yaml", "", "100% broken\r\nsecond line");

  @TempDir
  Path tmp;

  @Test
  void textIsOneFormattedLineAFinding() {
    assertEquals(ERROR.format() + "\n" + WARNING.format() + "\n",
        FindingReport.render(FindingFormat.TEXT, List.of(ERROR, WARNING), SourcePaths.workingDirectory()));
    assertTrue(WARNING.format().endsWith("[envoyfilter.version-sensitive] (in staging, prod)"), WARNING.format());
    assertEquals("", FindingReport.render(FindingFormat.TEXT, List.of(), SourcePaths.workingDirectory()));
  }

  @Test
  void jsonIsOneArrayWithTheFieldsOfTheTextLine() throws Exception {
    String json = FindingReport.render(FindingFormat.JSON, List.of(ERROR, WARNING), SourcePaths.workingDirectory());

    JsonNode array = JsonFindings.MAPPER.readTree(json);
    assertEquals(2, array.size());
    JsonNode first = array.get(0);
    assertEquals("Shop.java", first.get("file").asText());
    assertEquals(42, first.get("line").asInt());
    assertEquals("error", first.get("severity").asText());
    assertEquals("Service/shop/web", first.get("object").asText());
    assertEquals("spec.ports[1].name", first.get("path").asText());
    assertEquals(ERROR.message(), first.get("message").asText());
    assertEquals("service.port-name", first.get("rule").asText());
    assertEquals(0, first.get("environments").size());
    assertEquals("[\"staging\",\"prod\"]", array.get(1).get("environments").toString());
    assertEquals("[]\n", FindingReport.render(FindingFormat.JSON, List.of(), SourcePaths.workingDirectory()));
  }

  @Test
  void githubIsOneWorkflowCommandAFinding() {
    String commands = FindingReport.render(FindingFormat.GITHUB, List.of(ERROR, WARNING), SourcePaths.workingDirectory());

    assertEquals("::error file=Shop.java,line=42,title=service.port-name::Service/shop/web: spec.ports[1].name: "
        + "\"HTTP\" must be a DNS-1123 label; try \"http\"\n"
        + "::warning file=Shop.java,line=7,title=envoyfilter.version-sensitive::EnvoyFilter/shop/limit: re-test it"
        + " (in staging, prod)\n", commands);
  }

  @Test
  void githubEscapesAsTheActionsToolkitDoes() {
    String command = FindingReport.render(FindingFormat.GITHUB, List.of(WHOLE_FILE), SourcePaths.workingDirectory());

    // no line for a whole-file finding; ':' and ',' escaped in properties only; '%', CR and LF everywhere
    assertEquals("::error file=k8s/a%2Cb%3Ac.yaml,title=yaml.syntax::k8s/a,b:c.yaml: 100%25 broken%0D%0Asecond line\n",
        command);
    assertEquals("a%25b%0D%0Ac%3Ad%2Ce", GithubCommands.escapeProperty("a%b\r\nc:d,e"));
    assertEquals("a%25b%0D%0Ac:d,e", GithubCommands.escapeData("a%b\r\nc:d,e"));
  }

  @Test
  void githubNamesTheSourceFileFromTheWorkingFolder() throws Exception {
    Path source = tmp.resolve("src/main/java/com/example/Shop.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "class Shop {}\n");
    SourcePaths paths = SourcePaths.of(tmp, List.of(Path.of("src/main/java")), List.of("com.example"));

    String command = FindingReport.render(FindingFormat.GITHUB, List.of(ERROR), paths);

    assertTrue(command.startsWith("::error file=src/main/java/com/example/Shop.java,line=42,"), command);
  }

  @Test
  void printWritesEachLineWholeAndFlushesBeforeReturning() {
    List<String> writes = new ArrayList<>();
    StringBuilder flushedAt = new StringBuilder();
    Writer recorder = new Writer() {
      @Override
      public void write(char[] buffer, int offset, int length) {
        writes.add(new String(buffer, offset, length));
      }

      @Override
      public void flush() {
        flushedAt.append(writes.size()).append(' ');
      }

      @Override
      public void close() {}
    };
    PrintWriter out = new PrintWriter(recorder);

    FindingReport.print(FindingFormat.TEXT, List.of(ERROR, WARNING), SourcePaths.workingDirectory(), out);

    assertEquals(List.of(ERROR.format() + "\n", WARNING.format() + "\n"), writes, "one write a whole line");
    assertTrue(flushedAt.toString().contains("2 "), "flushed after the last line: " + flushedAt);
  }

  @Test
  void formatsAreNamedInLowerCase() {
    assertEquals("sarif", FindingFormat.SARIF.toString());
    assertEquals(FindingFormat.GITHUB, FindingFormat.of("GitHub"));
    assertThrows(IllegalArgumentException.class, () -> FindingFormat.of("xml"));
  }
}
