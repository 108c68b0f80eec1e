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

  @Test
  void everySharedRuleIdIsDeclaredByAKind() {
    Set<String> declared = new TreeSet<>();
    DECLARED.forEach(declared::addAll);
    assertEquals(RuleIds.sharedSuffixes(), declared);
  }
}
