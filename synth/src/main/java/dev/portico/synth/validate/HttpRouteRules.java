package dev.portico.synth.validate;

import dev.portico.dsl.format.Formats;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;

/**
 * A gateway.networking.k8s.io/v1 HTTPRoute as the Gateway API CRD's OpenAPI schema and CEL rules
 * ({@code x-kubernetes-validations}) in kubernetes-sigs/gateway-api
 * {@code config/crd/standard/gateway.networking.k8s.io_httproutes.yaml} enforce it.
 */
final class HttpRouteRules {
  private HttpRouteRules() {}

  static void check(Check check, HTTPRoute route) {
    MetadataRules.check(check, route.getMetadata(), Formats::dns1123Subdomain);
  }
}
