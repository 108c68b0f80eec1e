package dev.portico.synth.validate.gatewayapi;

import dev.portico.synth.validate.Analyzer;
import dev.portico.synth.validate.CheckedKind;
import dev.portico.synth.validate.RuleFamily;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.List;

/** Gateway API's standard kinds, checked against the CRDs' schema and CEL rules. */
public final class GatewayApiFamily implements RuleFamily {
  private static final List<CheckedKind<?>> KINDS = List.of(
      CheckedKind.of("gateway.networking.k8s.io/v1", "Gateway", Gateway.class, GatewayRules::check),
      CheckedKind.of("gateway.networking.k8s.io/v1", "HTTPRoute", HTTPRoute.class, HttpRouteRules::check));

  @Override
  public List<CheckedKind<?>> kinds() {
    return KINDS;
  }

  @Override
  public List<Analyzer> analyzers() {
    return List.of();
  }
}
