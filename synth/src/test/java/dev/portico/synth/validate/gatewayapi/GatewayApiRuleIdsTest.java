package dev.portico.synth.validate.gatewayapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every id the shared checks compose ({@code id("...")} in {@link RuleIds#SHARED_SOURCES}) is declared
 * by at least one kind's test, whose own {@code everyRuleIdOfTheSourceIsListedAndExercised} then
 * requires a rejected case for it: no rule id in the sources goes untested.
 */
class GatewayApiRuleIdsTest {
  static final List<List<String>> DECLARED = List.of(HttpRouteRulesTest.SHARED, GrpcRouteRulesTest.SHARED,
      TlsRouteRulesTest.SHARED, GatewayRulesTest.SHARED, ListenerSetRulesTest.SHARED, GatewayClassRulesTest.SHARED,
      ReferenceGrantRulesTest.SHARED, BackendTlsPolicyRulesTest.SHARED);

  /** Each source of the family names the version and channel its rules follow. */
  @Test
  void everyRuleSourceSaysGatewayApiV15Standard() throws Exception {
    try (var files = java.nio.file.Files.list(RuleIds.directory())) {
      List<String> missing = files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".java"))
          .filter(name -> !RuleIds.source(name).contains("Gateway API v1.5 standard")).sorted().toList();
      assertEquals(List.of(), missing);
    }
  }

  @Test
  void everySharedRuleIdIsDeclaredByAKind() {
    Set<String> declared = new TreeSet<>();
    DECLARED.forEach(declared::addAll);
    assertEquals(RuleIds.sharedSuffixes(), declared);
  }
}
