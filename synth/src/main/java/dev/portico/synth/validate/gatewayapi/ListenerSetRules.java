package dev.portico.synth.validate.gatewayapi;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerSetSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentGatewayReference;

/**
 * A gateway.networking.k8s.io/v1 ListenerSet (standard since v1.5, GEP-1713) as the Gateway API v1.5 standard
 * channel's CRD (kubernetes-sigs/gateway-api
 * {@code config/crd/standard/gateway.networking.k8s.io_listenersets.yaml}, tag v1.5.1) checks it: the
 * Gateway's listener schema and CEL rules on {@code spec.listeners} ({@link ListenerRules}), and a
 * required {@code parentRef} whose name is required. Whether the parent Gateway admits the ListenerSet
 * ({@code spec.allowedListeners}, None by default) is a cross-object check of the {@code http} family.
 */
final class ListenerSetRules {
  static final String KIND = "listenerset";

  private ListenerSetRules() {}

  static void check(Check check, ListenerSet listenerSet) {
    MetadataRules.check(check, listenerSet.getMetadata(), Formats::dns1123Subdomain);
    GatewayApiCheck c = new GatewayApiCheck(check, KIND);
    ListenerSetSpec spec = listenerSet.getSpec();
    if (spec == null) {
      c.error("listenerset.spec", "spec", "spec is required: a parentRef naming the Gateway, and listeners");
      return;
    }
    ParentGatewayReference parent = spec.getParentRef();
    if (parent == null) {
      c.error("listenerset.parent-ref", "spec.parentRef", "is required: the Gateway these listeners join, e.g. "
          + "{name: shared-gateway, namespace: infra}");
    } else {
      c.reference("spec.parentRef", parent.getGroup(), parent.getKind(), parent.getName(), parent.getNamespace());
    }
    ListenerRules.listeners(c, GatewayApiFormats.orEmpty(spec.getListeners()).stream()
        .map(ListenerRules.View::of).toList());
  }
}
