package dev.portico.synth.cli;

import static dev.portico.synth.cli.CliTest.assertExit;
import static dev.portico.synth.cli.CliTest.assertNoJavaInternals;
import static dev.portico.synth.cli.CliTest.lines;
import static dev.portico.synth.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.synth.cli.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code portico routes} end to end, through {@link Portico#run}, on the test stack {@code http}
 * ({@link dev.portico.synth.testing.HttpStack}): Ingress in {@code staging}, a Gateway of its own
 * in {@code prod}, a shared Gateway in {@code shared}.
 */
class RoutesCommandTest {

  static final String STAGING_HTTP_ROUTES = """
      HTTP routes
        ROUTE                                           BACKENDS                             VIA
        https://app.example.com/                     →  web:8080 (80%), web-next:8080 (20%)  Ingress/http/site, Ingress/http/site-canary
        https://app.example.com/ [x-canary: always]  →  web-next:8080                        Ingress/http/site-canary
        https://app.example.com/docs                 →  docs:8080                            Ingress/http/site
        https://app.example.com/healthz (exact)      →  web:8080                             Ingress/http/site
        http://old.example.com/v1                    →  legacy:8080                          Ingress/http/legacy
        http://* (default backend)                   →  web:8080                             Ingress/http/site
      """;

  @TempDir
  Path tmp;

  /** The lines of a table's HTTP routes section, each cut before its VIA column. */
  static List<String> routesWithoutVia(String table) {
    List<String> all = lines(table);
    int start = all.indexOf("HTTP routes");
    assertTrue(start >= 0, table);
    int via = all.get(start + 1).indexOf("VIA");
    List<String> rows = new ArrayList<>();
    for (String line : all.subList(start + 1, all.size())) {
      if (line.isEmpty() || line.startsWith("==")) {
        break;
      }
      rows.add(line.substring(0, Math.min(via, line.length())).stripTrailing());
    }
    return rows;
  }

  @Test
  void tableShowsServicesAndHttpRoutesOfAnEnvironment() {
    Run run = run("routes", "--stack", "http", "--env", "staging");

    assertExit(0, run);
    assertEquals("""
        == http / staging ==

        Services
          SERVICE       TYPE          PORT           APP                IN THE CLUSTER                          FROM OUTSIDE                    KUBECTL PROXY
          docs          ClusterIP     8080/TCP http  App/http/docs      docs.http.svc.cluster.local:8080        -                               http://127.0.0.1:8001/api/v1/namespaces/http/services/docs:http/proxy/
          legacy        ClusterIP     8080/TCP http  App/http/legacy    legacy.http.svc.cluster.local:8080      -                               http://127.0.0.1:8001/api/v1/namespaces/http/services/legacy:http/proxy/
          payments      ExternalName  443/TCP        -                  payments.http.svc.cluster.local:443     CNAME api.payments.example.com  -
          web           ClusterIP     8080/TCP http  App/http/web       web.http.svc.cluster.local:8080         -                               http://127.0.0.1:8001/api/v1/namespaces/http/services/web:http/proxy/
          web-next      ClusterIP     8080/TCP http  App/http/web-next  web-next.http.svc.cluster.local:8080    -                               http://127.0.0.1:8001/api/v1/namespaces/http/services/web-next:http/proxy/
          web-nodeport  NodePort      80/TCP http    App/http/web       web-nodeport.http.svc.cluster.local:80  <node>:30081                    -

        """ + STAGING_HTTP_ROUTES, run.out());
    assertTrue(run.err().contains("portico routes: 1 stack, 1 environment, 9 resources; 0 errors, 1 warning"),
        run::toString);
  }

  @Test
  void everyTargetShowsTheSameHttpRoutes() {
    Run run = run("routes", "--stack", "http");

    assertExit(0, run);
    String[] sections = run.out().split("\n(?===)");
    assertEquals(3, sections.length, run::toString);
    assertTrue(sections[0].startsWith("== http / staging ==\n"), run::toString);
    assertTrue(sections[1].startsWith("== http / prod ==\n"), run::toString);
    assertTrue(sections[2].startsWith("== http / shared ==\n"), run::toString);
    List<String> staging = routesWithoutVia(sections[0]);
    assertEquals(routesWithoutVia(STAGING_HTTP_ROUTES), staging);
    assertEquals(staging, routesWithoutVia(sections[1]), "Ingress and own Gateway");
    assertEquals(staging, routesWithoutVia(sections[2]), "Ingress and shared Gateway");
    assertTrue(sections[1].contains("HTTPRoute/http/site-app-example-com"), run::toString);
    assertNotEquals(sections[0], sections[1], "only the VIA column differs");
  }

  @Test
  void jsonIsOneArrayOfSectionsWithTheSameHttpRowsPerTarget() throws IOException {
    Run run = run("routes", "--stack", "http", "--format", "json");

    assertExit(0, run);
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertTrue(root.isArray());
    assertEquals(3, root.size());
    List<String> keys = new ArrayList<>();
    root.get(0).fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("stack", "environment", "services", "http", "mesh", "calls"), keys);
    assertEquals(List.of("staging", "prod", "shared"), List.of(root.get(0).get("environment").asText(),
        root.get(1).get("environment").asText(), root.get(2).get("environment").asText()));
    JsonNode staging = withoutVia(root.get(0).get("http"));
    assertEquals(6, staging.size());
    assertEquals(staging, withoutVia(root.get(1).get("http")));
    assertEquals(staging, withoutVia(root.get(2).get("http")));
    JsonNode canary = staging.get(0);
    assertEquals("app.example.com", canary.get("host").asText());
    assertEquals(80, canary.get("backends").get(0).get("weight").asInt());
    assertEquals(20, canary.get("backends").get(1).get("weight").asInt());
    assertTrue(canary.get("tls").asBoolean() && canary.get("httpsRedirect").asBoolean());
    JsonNode nodePort = stream(root.get(0).get("services"))
        .filter(service -> service.get("service").asText().equals("web-nodeport")).findFirst().orElseThrow();
    assertEquals(30081, nodePort.get("nodePort").asInt());
    assertTrue(run.out().endsWith("]\n"), "ends with one newline");
    assertFalse(run.out().contains("warning"), "warnings go to standard error, not into the JSON");
  }

  static JsonNode withoutVia(JsonNode rows) {
    JsonNode copy = rows.deepCopy();
    for (JsonNode row : copy) {
      assertTrue(row.hasNonNull("via"), row::toString);
      ((ObjectNode) row).remove("via");
    }
    return copy;
  }

  static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> nodes = new ArrayList<>();
    for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
      nodes.add(it.next());
    }
    return nodes.stream();
  }

  @Test
  void mermaidIsAMarkdownFlowchartPerEnvironment() {
    Run run = run("routes", "--stack", "http", "--env", "prod", "--format", "mermaid");

    assertExit(0, run);
    assertEquals("""
        **http / prod**

        ```mermaid
        flowchart LR
          r1(["https://app.example.com/"])
          r2(["https://app.example.com/ [x-canary: always]"])
          r3(["https://app.example.com/docs"])
          r4(["https://app.example.com/healthz (exact)"])
          r5(["http://old.example.com/v1"])
          r6(["http://* (default backend)"])
          e1(["node port 30081"])
          s1["docs:8080"]
          s2["legacy:8080"]
          s3["payments:443 (ExternalName)"]
          s4["web:8080"]
          s5["web-next:8080"]
          s6["web-nodeport:80 (NodePort)"]
          a1{{"App/http/docs"}}
          a2{{"App/http/legacy"}}
          a3{{"App/http/web"}}
          a4{{"App/http/web-next"}}
          x1>"api.payments.example.com"]
          r1 -->|"80%"| s4
          r1 -->|"20%"| s5
          r2 --> s5
          r3 --> s1
          r4 --> s4
          r5 --> s2
          r6 --> s4
          s1 --> a1
          s2 --> a2
          s3 -->|"CNAME"| x1
          s4 --> a3
          s5 --> a4
          e1 --> s6
          s6 --> a3
        ```
        """, run.out());
  }

  @Test
  void mermaidOfSeveralEnvironmentsHasABlockEach() {
    Run run = run("routes", "--stack", "http", "--format", "mermaid");

    assertExit(0, run);
    assertEquals(3, lines(run.out()).stream().filter(line -> line.equals("```mermaid")).count(), run::toString);
    assertTrue(run.out().startsWith("**http / staging**\n\n```mermaid\nflowchart LR\n"), run::toString);
    assertTrue(run.out().contains("```\n\n**http / prod**\n\n```mermaid\n"), run::toString);
  }

  @Test
  void outputIsTheSameEveryRunAndSectionsFollowTheStacksAsNamed() {
    for (String format : List.of("table", "json", "mermaid")) {
      Run first = run("routes", "--stack", "http", "--stack", "good", "--format", format);

      assertExit(0, first);
      assertEquals(first.out(), run("routes", "--stack", "http", "--stack", "good", "--format", format).out(), format);
      Run reversed = run("routes", "--stack", "good", "--stack", "http", "--format", format);
      assertNotEquals(first.out(), reversed.out(), format);
      assertEquals(first.out().length(), reversed.out().length(), format);
    }
  }

  @Test
  void warningsGoToStandardErrorAndTheRoutesAreShown() {
    Run run = run("routes", "--stack", "http", "--env", "shared");

    assertExit(0, run);
    assertFalse(run.out().contains("warning"), run::toString);
    assertTrue(run.out().contains("HTTPRoute/http/site-app-example-com"), run::toString);
    assertTrue(run.err().contains("warning: HTTPRoute/http/site-app-example-com") && run.err().contains(
        "[http.tls-on-shared-gateway]"), run::toString);
  }

  @Test
  void errorsExitOneWithTheFindingsSynthPrintsAndNoRoutes() {
    Run synth = run("synth", "--stack", "bad", "--out", tmp.resolve("out").toString());
    Run routes = run("routes", "--stack", "bad");

    assertExit(1, routes);
    assertNoJavaInternals(routes);
    assertEquals(2, lines(routes.out()).size(), routes::toString);
    assertEquals(synth.out(), routes.out(), "the same findings, formatted the same way");
    assertFalse(routes.out().contains("Services"), routes::toString);
    assertTrue(routes.err().contains("2 errors") && routes.err().contains("no routes shown"), routes::toString);
  }

  @Test
  void writesNothing() throws IOException {
    Path cwd = Path.of("").toAbsolutePath();
    Set<String> before = topLevel(cwd);

    assertExit(0, run("routes", "--stack", "good", "--stack", "http"));

    assertEquals(before, topLevel(cwd));
    assertFalse(Files.exists(cwd.resolve("out")) && !before.contains("out"));
  }

  static Set<String> topLevel(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return new TreeSet<>(list.map(path -> path.getFileName().toString()).toList());
    }
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        Arguments.of(List.of("routes", "--stack", "nope"), "no stack named nope; registered: bad, good, http, throwing"),
        Arguments.of(List.of("routes", "--stack", "http", "--env", "nope"),
            "no selected stack declares environment nope; known: prod, shared, staging"),
        Arguments.of(List.of("routes", "--stack", "good", "--set", "nope=1"),
            "--set nope: no selected stack has a parameter nope; known: count"),
        Arguments.of(List.of("routes", "--stack", "good", "--set", "count=abc"), "--set count=abc: \"abc\" is not an integer"),
        Arguments.of(List.of("routes", "--format", "xml"), "Invalid value for option '--format'"),
        Arguments.of(List.of("routes", "--format"), "Missing required parameter for option '--format'"),
        Arguments.of(List.of("routes", "--out", "x"), "Unknown options: '--out', 'x'"),
        Arguments.of(List.of("routes", "extra"), "Unmatched argument at index 1: 'extra'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usageErrors")
  void usageErrorsExitTwo(List<String> args, String message) {
    Run run = run(args.toArray(String[]::new));

    assertExit(2, run);
    assertTrue(run.err().contains(message), () -> "expected " + message + " in:\n" + run);
    assertEquals("", run.out());
    assertNoJavaInternals(run);
  }

  @Test
  void formatIsCaseInsensitive() {
    Run run = run("routes", "--stack", "good", "--env", "prod", "--format", "JSON");

    assertExit(0, run);
    assertTrue(run.out().startsWith("[\n  {\n    \"stack\": \"good\","), run::toString);
  }

  @Test
  void help() {
    Run run = run("routes", "--help");

    assertExit(0, run);
    assertEquals("", run.err());
    CommandSpec spec = CommandSpec.forAnnotatedObject(new RoutesCommand());
    for (OptionSpec option : spec.options()) {
      for (String name : option.names()) {
        assertTrue(run.out().contains(name), () -> "help does not mention " + name + ":\n" + run);
      }
    }
    for (String text : List.of("Usage: portico routes", "--stack=NAME", "--env=ENV", "--set=KEY=VALUE",
        "--format=FORMAT", "table", "json", "mermaid", "kubectl proxy", "web.shop.svc.cluster.local:80",
        "Writes nothing", "exits 1")) {
      assertTrue(run.out().contains(text), () -> "routes --help does not mention " + text + ":\n" + run);
    }
    assertEquals(run.out(), run("help", "routes").out(), "portico help routes is routes --help");
    assertTrue(run("--help").out().contains("routes"), "portico --help lists routes");
  }
}
