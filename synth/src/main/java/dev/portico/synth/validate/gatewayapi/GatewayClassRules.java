package dev.portico.synth.validate.gatewayapi;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParametersReference;

/**
 * A gateway.networking.k8s.io/v1 GatewayClass (cluster-scoped) as the Gateway API v1.5 standard
 * channel's CRD (kubernetes-sigs/gateway-api
 * {@code config/crd/standard/gateway.networking.k8s.io_gatewayclasses.yaml}, tag v1.5.1) checks it:
 * {@code spec.controllerName} required, a domain-prefixed path of at most 253 characters (its
 * "Value is immutable" rule needs the stored object and is not checked), {@code description} at most
 * 64 characters, and {@code parametersRef} with group, kind and name required. Its name and labels
 * follow the metadata rules; a namespace is not checked, as the API server drops it for cluster-scoped
 * kinds.
 */
final class GatewayClassRules {
  static final String KIND = "gatewayclass";
  static final int DESCRIPTION_MAX = 64;

  private GatewayClassRules() {}

  static void check(Check check, GatewayClass gatewayClass) {
    MetadataRules.checkClusterScoped(check, gatewayClass.getMetadata(), Formats::dns1123Subdomain);
    GatewayApiCheck c = new GatewayApiCheck(check, KIND);
    GatewayClassSpec spec = gatewayClass.getSpec();
    if (spec == null) {
      c.error("gatewayclass.spec", "spec", "spec is required: the controllerName of the implementation that runs "
          + "this class's Gateways, e.g. \"example.com/gateway-controller\"");
      return;
    }
    String controller = spec.getControllerName();
    if (controller == null) {
      c.error("gatewayclass.controller-name", "spec.controllerName", "is required: the domain-prefixed name of the "
          + "controller, e.g. \"gateway.envoyproxy.io/gatewayclass-controller\"");
    } else {
      c.formatErrors("gatewayclass.controller-name", "spec.controllerName", controller,
          GatewayApiFormats.controllerName(controller), null);
    }
    if (spec.getDescription() != null) {
      c.formatErrors("gatewayclass.description", "spec.description", spec.getDescription(),
          GatewayApiFormats.length(spec.getDescription(), 0, DESCRIPTION_MAX), null);
    }
    ParametersReference ref = spec.getParametersRef();
    if (ref != null) {
      c.localReference("spec.parametersRef", ref.getGroup(), ref.getKind(), ref.getName(), "parameters");
      c.refNamespace("spec.parametersRef.namespace", ref.getNamespace());
    }
  }
}
