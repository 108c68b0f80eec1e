package dev.portico.synth.validate;

import dev.portico.dsl.format.Formats;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * A networking.k8s.io/v1 Ingress as the API server validates it on create:
 * {@code ValidateIngressCreate}, {@code ValidateIngressSpec} and friends in kubernetes
 * {@code pkg/apis/networking/validation/validation.go}.
 */
final class IngressRules {
  private IngressRules() {}

  static void check(Check check, Ingress ingress) {
    MetadataRules.check(check, ingress.getMetadata(), Formats::dns1123Subdomain);
  }
}
