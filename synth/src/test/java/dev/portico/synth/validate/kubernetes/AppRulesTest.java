package dev.portico.synth.validate.kubernetes;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portico.dsl.SourceLocation;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Severity;
import dev.portico.synth.validate.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** An app's pods: container port names (IANA), numbers, uniqueness, and its labels. */
class AppRulesTest {

  private static PodSet.ContainerPort port(String name, int number, String protocol) {
    return new PodSet.ContainerPort(name, number, protocol, new SourceLocation("Shop.java", 20 + number % 7));
  }

  private static PodSet app(Map<String, String> labels, PodSet.ContainerPort... ports) {
    return new PodSet("App(web)", "shop", labels, Arrays.asList(ports), new SourceLocation("Shop.java", 10),
        Fixtures.GROUP);
  }

  private static PodSet app(PodSet.ContainerPort... ports) {
    return app(Map.of("app", "web"), ports);
  }

  private static List<Finding> check(PodSet app, Scope scope) {
    return Validator.validate(List.of(), List.of(app), scope);
  }

  private static Arguments reject(String rule, String path, String text, PodSet app) {
    return Arguments.of(Named.of(rule + " " + text, app), rule, path, text);
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        reject("app.port-name", "ports[0].name", "\"HTTP\"", app(port("HTTP", 8080, "TCP"))),
        reject("app.port-name", "ports[0].name", "\"8080\"", app(port("8080", 8080, "TCP"))),
        reject("app.port-name", "ports[1].name", "\"a--b\"", app(port("http", 8080, "TCP"), port("a--b", 81, "TCP"))),
        reject("app.port-name", "ports[0].name", "\"-http\"", app(port("-http", 8080, "TCP"))),
        reject("app.port-name", "ports[0].name", "\"abcdefghijklmnop\"", app(port("abcdefghijklmnop", 8080, "TCP"))),
        reject("app.port-name", "ports[0].name", "\"web_http\"", app(port("web_http", 8080, "TCP"))),
        reject("app.port-name", "ports[0].name", "\"\"", app(port("", 8080, "TCP"))),
        reject("app.port-name-duplicate", "ports[1].name", "\"http\"",
            app(port("http", 8080, "TCP"), port("http", 8081, "TCP"))),
        reject("app.port-number", "ports[0].containerPort", "0 must be between 1 and 65535",
            app(port("http", 0, "TCP"))),
        reject("app.port-number", "ports[0].containerPort", "65536", app(port("http", 65_536, "TCP"))),
        reject("app.port-number", "ports[1].containerPort", "-1", app(port("http", 80, "TCP"), port(null, -1, "TCP"))),
        reject("app.port-duplicate", "ports[1]", "8080/TCP", app(port("http", 8080, "TCP"), port(null, 8080, "TCP"))),
        reject("app.port-duplicate", "ports[2]", "53/UDP",
            app(port("dns", 53, "UDP"), port("dns-tcp", 53, "TCP"), port(null, 53, "UDP"))),
        reject("metadata.label-key", "selector[Bad Key]", "\"Bad Key\"", app(Map.of("Bad Key", "web"))),
        reject("metadata.label-value", "selector[app]", "\"-web\"", app(Map.of("app", "-web"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(PodSet app, String rule, String path, String text) {
    List<Finding> findings = check(app, Scope.CLOSED);
    Finding finding = assertFinding(findings, rule, Severity.ERROR, path, text);
    assertEquals("App(web)", finding.object());
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        app(port("http", 8080, "TCP")),
        app(port("h2c", 1, "TCP"), port("abcdefghijklmno", 65_535, "TCP")),
        app(port("1a", 80, "TCP")),
        app(port(null, 8080, "TCP"), port(null, 9090, "TCP")),
        app(port("dns", 53, "UDP"), port("dns-tcp", 53, "TCP"), port("dns-sctp", 53, "SCTP")),
        app(Map.of("app.kubernetes.io/name", "web", "tier", "")),
        app(Map.of()))
        .map(app -> Arguments.of(Named.of(app.ports() + " " + app.labels(), app)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(PodSet app) {
    assertClean(check(app, Scope.CLOSED));
  }

  @Test
  void aPortFindingPointsAtThePortsLine() {
    var ports = new ArrayList<>(List.of(port("http", 8080, "TCP"), port("HTTP", 9090, "TCP")));
    List<Finding> findings = check(app(ports.toArray(PodSet.ContainerPort[]::new)), Scope.CLOSED);
    Finding finding = assertFinding(findings, "app.port-name", Severity.ERROR, "ports[1].name", "\"HTTP\"");
    assertEquals(ports.get(1).location(), finding.location());
    Finding label = assertFinding(check(app(Map.of("Bad Key", "x")), Scope.CLOSED), "metadata.label-key",
        Severity.ERROR, "selector[Bad Key]", "\"Bad Key\"");
    assertEquals(new SourceLocation("Shop.java", 10), label.location());
  }

  @Test
  void appsAreNotCheckedInOpenScope() {
    // in `portico validate` the pods are workloads of the input, validated as such elsewhere
    assertClean(check(app(port("HTTP", 0, "TCP"), port("HTTP", 0, "TCP")), Scope.OPEN));
  }
}
