package dev.portico.synth.cli;

import static dev.portico.synth.cli.CliTest.assertExit;
import static dev.portico.synth.cli.CliTest.run;
import static dev.portico.synth.cli.CliTest.runWithStdin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.cli.CliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --ignore RULE-ID}, the {@code portico.dev/ignore} annotation and {@code --node-port-range} on
 * validate and synth (issue 12, points 4 and 5): what is ignored is counted in the summary line and
 * listed with {@code --summary}, never hidden silently; an unknown rule id is a usage error on the
 * command line and a warning in an annotation; a node port is checked against the range given; bad
 * ranges are usage errors.
 */
class IgnoreAndClusterOptionsTest {
  @TempDir
  Path tmp;

  /** web has an upper-case port name and ignores that rule; api has the same mistake and ignores nothing. */
  static final String SERVICES = """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
        namespace: shop
        annotations:
          portico.dev/ignore: service.port-name, http.host-without-tls
      spec:
        type: NodePort
        ports:
        - name: HTTP
          port: 80
          nodePort: 30080
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: api
        namespace: shop
      spec:
        ports:
        - name: HTTP
          port: 80
      """;

  static List<String> lines(String text) {
    return text.lines().toList();
  }

  @Test
  void theAnnotationSilencesItsRulesForItsObjectOnlyAndTheSummaryCountsAndListsIt() {
    Run run = runWithStdin(SERVICES, "validate", "--summary", "-");

    assertExit(1, run);
    assertEquals(List.of("<stdin>:22: error: Service/shop/api: spec.ports[0].name: \"HTTP\" must be a DNS-1123 label "
        + "(lowercase letters, digits, '-'; starting and ending with a letter or digit); try \"http\" "
        + "[service.port-name]"), lines(run.out()));
    assertEquals(List.of("summary by file:",
        "  <stdin>: 2 documents, 2 objects; 1 error, 0 warnings, 1 ignored",
        "ignored:",
        "  <stdin>:7: Service/shop/web: portico.dev/ignore service.port-name,http.host-without-tls: 1 error"),
        lines(run.err()).subList(0, 4));
    assertTrue(run.err().contains("portico validate: 2 documents, 2 objects checked; 1 error, 0 warnings, 1 ignored ("),
        run::toString);
  }

  @Test
  void ignoringEveryErrorExitsZeroAndAnIgnoreThatSilencesNothingIsListedToo() {
    Run run = runWithStdin(SERVICES, "validate", "--summary", "--ignore", "service.port-name",
        "--ignore", "validate.not-checked,http.backend-dangling", "-");

    assertExit(0, run);
    assertEquals("", run.out());
    List<String> err = lines(run.err());
    assertEquals(List.of("ignored:",
        "  --ignore http.backend-dangling: nothing (no such finding)",
        "  --ignore service.port-name: 2 errors",
        "  --ignore validate.not-checked: nothing (no such finding)",
        "  <stdin>:7: Service/shop/web: portico.dev/ignore service.port-name,http.host-without-tls: nothing (no such "
            + "finding)"), err.subList(2, 7));
    assertTrue(err.get(7).startsWith("portico validate: 2 documents, 2 objects checked; 0 errors, 0 warnings, "
        + "2 ignored ("), run::toString);
  }

  @Test
  void withoutIgnoresTheSummaryLineIsAsBefore() {
    Run run = runWithStdin(SERVICES.replace("portico.dev/ignore", "example.com/note"), "validate", "-");

    assertExit(1, run);
    assertEquals(2, lines(run.out()).size(), run::toString);
    assertTrue(run.err().startsWith("portico validate: 2 documents, 2 objects checked; 2 errors, 0 warnings ("),
        run::toString);
  }

  @Test
  void anAnnotationNamingNoRuleIsAWarningWithTheNearestId() {
    Run run = runWithStdin(SERVICES.replace("service.port-name, http.host-without-tls", "service.port-nam,,"),
        "validate", "-");

    assertExit(1, run);
    assertEquals(List.of(
        "<stdin>:7: warning: Service/shop/web: metadata.annotations.portico.dev/ignore: \"service.port-nam\" is not a "
            + "Portico rule id; did you mean service.port-name?; this annotation silences nothing for it "
            + "[validate.unknown-rule]",
        "<stdin>:7: warning: Service/shop/web: metadata.annotations.portico.dev/ignore: an empty rule id in "
            + "\"service.port-nam,,\"; write RULE-ID[,RULE-ID], e.g. http.host-without-tls,validate.not-checked "
            + "[validate.unknown-rule]"),
        lines(run.out()).stream().filter(line -> line.contains("validate.unknown-rule")).toList());
    assertEquals(2, lines(run.out()).stream().filter(line -> line.endsWith("[service.port-name]")).count(),
        run::toString);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "service.port-nam | portico: --ignore service.port-nam: \"service.port-nam\" is not a Portico rule id; did you "
          + "mean service.port-name?",
      "nonsense | portico: --ignore nonsense: \"nonsense\" is not a Portico rule id; the README's \"What is checked\" "
          + "table lists them (e.g. service.port-name, validate.not-checked)",
      "'service.port-name,' | portico: --ignore \"service.port-name,\": an empty rule id; give RULE-ID (or several "
          + "separated by commas, without spaces), e.g. --ignore validate.not-checked"})
  void anIgnoreNamingNoRuleIsAUsageError(String id, String message) {
    for (String command : List.of("validate", "synth")) {
      Run run = command.equals("validate") ? runWithStdin(SERVICES, "validate", "--ignore", id, "-")
          : run("synth", "--stack", "good", "--ignore", id, "--out", tmp.resolve("out").toString());

      assertExit(2, run);
      assertEquals(message, lines(run.err()).get(0));
      assertFalse(Files.exists(tmp.resolve("out")));
    }
  }

  @Test
  void synthIgnoresWarningsButNeverErrors() {
    Run warnings = run("synth", "--stack", "http", "--ignore", "http.host-without-tls", "--out",
        tmp.resolve("http").toString());
    assertExit(0, warnings);
    assertEquals(List.of("[http.tls-on-shared-gateway] (in shared)"), lines(warnings.out()).stream()
        .map(line -> line.substring(line.lastIndexOf(" ["))).map(String::strip).toList());
    // the two host-without-tls warnings (one in staging, one in prod) are counted, not printed
    assertTrue(warnings.err().contains("; 0 errors, 1 warning, 2 ignored;"), warnings::toString);

    Run errors = run("synth", "--stack", "bad", "--ignore", "service.port-name", "--out", tmp.resolve("bad").toString());
    assertExit(1, errors);
    assertTrue(errors.out().contains("[service.port-name]"), errors::toString);
    assertTrue(errors.err().contains("2 errors, 0 warnings, 0 ignored (1 error of ignored rules reported: --ignore "
        + "silences warnings only in synth); nothing written"), errors::toString);
  }

  @Test
  void aNodePortOutsideTheRangeGivenIsAnErrorInValidateAndSynth() {
    String yaml = SERVICES.replace("portico.dev/ignore", "example.com/note").replace("name: HTTP", "name: http");
    assertExit(0, runWithStdin(yaml, "validate", "-"));
    assertExit(0, runWithStdin(yaml, "validate", "--node-port-range", "30000-30080", "-"));

    Run narrow = runWithStdin(yaml, "validate", "--node-port-range", "20000-22767", "-");
    assertExit(1, narrow);
    assertEquals(List.of("<stdin>:13: error: Service/shop/web: spec.ports[0].nodePort: 30080 is outside the node port "
        + "range 20000-22767 (the range given); pick one inside it or leave it out so the cluster allocates one "
        + "[service.node-port-range]"), lines(narrow.out()));
    Run wide = runWithStdin(yaml.replace("30080", "20080"), "validate", "--node-port-range", "20000-22767", "-");
    assertExit(0, wide);
    Run byDefault = runWithStdin(yaml.replace("30080", "20080"), "validate", "-");
    assertTrue(byDefault.out().contains("20080 is outside the node port range 30000-32767 (the default "
        + "--service-node-port-range)"), byDefault::toString);

    // the good stack's staging Service takes node port 30080
    Run synth = run("synth", "--stack", "good", "--node-port-range", "31000-32767", "--out", tmp.resolve("o").toString());
    assertExit(1, synth);
    assertTrue(synth.out().contains("30080 is outside the node port range 31000-32767 (the range given)"),
        synth::toString);
    assertExit(0, run("synth", "--stack", "good", "--node-port-range", "30000-30100", "--out",
        tmp.resolve("o").toString()));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "32767-30000 | \"32767-30000\" ends below where it starts: write the lower port first, e.g. 30000-32767",
      "30000 | \"30000\" is not a range: write A-B, two port numbers, e.g. 30000-32767",
      "30000+2767 | \"30000+2767\" is not a range: write A-B, two port numbers, e.g. 30000-32767",
      "0-100 | \"0-100\": 0 is not a port number (1-65535)",
      "1-70000 | \"1-70000\": 70000 is not a port number (1-65535)",
      "' 30000-32767' | \" 30000-32767\" is not a range: write A-B, two port numbers, e.g. 30000-32767",
      "-5-10 | \"-5-10\" is not a range: write A-B, two port numbers, e.g. 30000-32767"})
  void aBadRangeIsAUsageError(String range, String message) {
    for (String command : List.of("validate", "synth")) {
      Run run = command.equals("validate") ? runWithStdin(SERVICES, "validate", "--node-port-range", range, "-")
          : run("synth", "--stack", "good", "--node-port-range", range, "--out", tmp.resolve("out").toString());

      assertExit(2, run);
      assertEquals("portico: --node-port-range " + message, lines(run.err()).get(0));
      assertFalse(Files.exists(tmp.resolve("out")));
    }
  }
}
