package dev.portico.synth.validate.gatewayapi;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Every rule id the Gateway API kinds report, as each kind's test declares them (composed ids included). */
public final class GatewayApiRuleIds {
  private GatewayApiRuleIds() {}

  public static Set<String> all() {
    Set<String> ids = new TreeSet<>();
    for (List<String> kind : List.of(HttpRouteRulesTest.RULE_IDS, GrpcRouteRulesTest.RULE_IDS, TlsRouteRulesTest.RULE_IDS,
        GatewayRulesTest.RULE_IDS, ListenerSetRulesTest.RULE_IDS, GatewayClassRulesTest.RULE_IDS,
        ReferenceGrantRulesTest.RULE_IDS, BackendTlsPolicyRulesTest.RULE_IDS)) {
      ids.addAll(kind);
    }
    return ids;
  }
}
