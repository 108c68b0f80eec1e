package dev.portico.dsl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.format.DeclarationRules.PortDeclaration;
import dev.portico.dsl.format.DeclarationRules.Problem;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each declaration rule with a rejected value and an accepted near miss. */
class DeclarationRulesTest {
  private static final PortDeclaration HTTP = new PortDeclaration("http", 8080, "TCP");

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of(DeclarationRules.stack("Shop", null, List.of("default")), "stack.name", "name", "\"Shop\"", "try \"shop\""),
        Arguments.of(DeclarationRules.stack("shop", "Shop_NS", List.of()), "metadata.namespace", "namespace", "\"Shop_NS\"", "try \"shop-ns\""),
        Arguments.of(DeclarationRules.stack("shop", null, List.of("prod", "Stage")), "stack.environment", "environments[1]", "\"Stage\"", "output folder"),
        Arguments.of(DeclarationRules.appName("1web"), "app.name", "name", "\"1web\"", "DNS-1035"),
        Arguments.of(DeclarationRules.appName("Web"), "app.name", "name", "\"Web\"", "try \"web\""),
        Arguments.of(DeclarationRules.appPods(Map.of("app/x/y", "web"), List.of(HTTP)), "metadata.label-key", "selector[app/x/y]", "\"app/x/y\"", "label key"),
        Arguments.of(DeclarationRules.appPods(Map.of("app", "-web"), List.of(HTTP)), "metadata.label-value", "selector[app]", "\"-web\"", "label value"),
        Arguments.of(DeclarationRules.appPods(Map.of(), List.of(new PortDeclaration("HTTP", 80, "TCP"))), "app.port-name", "ports[0].name", "\"HTTP\"", "try \"http\""),
        Arguments.of(DeclarationRules.appPods(Map.of(), List.of(new PortDeclaration("my-long-port-name", 80, "TCP"))), "app.port-name", "ports[0].name", "\"my-long-port-name\"", "15"),
        Arguments.of(DeclarationRules.appPods(Map.of(), List.of(HTTP, new PortDeclaration("http", 81, "TCP"))), "app.port-name-duplicate", "ports[1].name", "\"http\"", "unique"),
        Arguments.of(DeclarationRules.appPods(Map.of(), List.of(new PortDeclaration("x", 0, "TCP"))), "app.port-number", "ports[0].containerPort", "0 must be between 1 and 65535", ""),
        Arguments.of(DeclarationRules.appPods(Map.of(), List.of(HTTP, new PortDeclaration("admin", 8080, "TCP"))), "app.port-duplicate", "ports[1]", "8080/TCP", "ports[0]"),
        Arguments.of(DeclarationRules.appVersions(List.of("v1", "-v2")), "app.version", "versions[1]", "\"-v2\"", "\"version\" label"),
        Arguments.of(DeclarationRules.appVersions(List.of("")), "app.version", "versions[0]", "must not be empty", "\"v1\""),
        Arguments.of(DeclarationRules.appVersions(List.of("v1", "v1")), "app.version-duplicate", "versions[1]", "\"v1\"", "twice"));
  }

  @ParameterizedTest
  @MethodSource("rejected")
  void rejected(List<Problem> problems, String rule, String field, String value, String hint) {
    assertTrue(problems.stream().anyMatch(p -> p.rule().equals(rule) && p.field().equals(field)
        && p.message().contains(value) && p.message().contains(hint)), () -> rule + " at " + field + " in " + problems);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of(DeclarationRules.stack("shop-2", "orders", List.of("prod", "staging-eu"))),
        Arguments.of(DeclarationRules.appName("web-2")),
        Arguments.of(DeclarationRules.appVersions(List.of("v1", "v2", "2024-01_rc.1"))),
        Arguments.of(DeclarationRules.appPods(Map.of("app.kubernetes.io/name", "Web_2.x"), List.of(HTTP))),
        Arguments.of(DeclarationRules.appPods(Map.of(), List.of(new PortDeclaration("a23456789012345", 65535, "TCP")))),
        Arguments.of(DeclarationRules.appPods(Map.of(), List.of(HTTP, new PortDeclaration("dns", 8080, "UDP")))),
        Arguments.of(DeclarationRules.appPods(Map.of(), List.of(new PortDeclaration(null, 80, "TCP"),
            new PortDeclaration(null, 81, "TCP")))));
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void accepted(List<Problem> problems) {
    assertEquals(List.of(), problems);
  }
}
