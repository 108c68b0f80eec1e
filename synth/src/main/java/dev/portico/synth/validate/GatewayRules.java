package dev.portico.synth.validate;

import dev.portico.dsl.format.Formats;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;

/**
 * A gateway.networking.k8s.io/v1 Gateway as the Gateway API CRD's OpenAPI schema and CEL rules
 * ({@code x-kubernetes-validations}) in kubernetes-sigs/gateway-api
 * {@code config/crd/standard/gateway.networking.k8s.io_gateways.yaml} enforce it.
 */
final class GatewayRules {
  private GatewayRules() {}

  static void check(Check check, Gateway gateway) {
    MetadataRules.check(check, gateway.getMetadata(), Formats::dns1123Subdomain);
  }
}
