package dev.portico.synth.validate.gatewayapi;

import dev.portico.synth.validate.Analyzer;
import dev.portico.synth.validate.CheckedKind;
import dev.portico.synth.validate.RuleFamily;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendTLSPolicy;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRoute;
import java.util.List;

/**
 * Gateway API v1.5 standard: the channel's kinds, checked against its CRD schemas and CEL rules. Every version v1.5 serves is read: {@code v1} for all eight kinds, and {@code v1beta1} for
 * GatewayClass, Gateway, HTTPRoute and ReferenceGrant, whose v1beta1 schemas are the same as v1's. The
 * versions the CRDs list without serving them (TLSRoute v1alpha2 and v1alpha3, BackendTLSPolicy v1alpha3)
 * are read too, to report that the API server rejects them.
 * (Checks across objects, such as ReferenceGrants, are in the {@code http} family.)
 */
public final class GatewayApiFamily implements RuleFamily {
  private static final String V1 = "gateway.networking.k8s.io/v1";
  private static final String V1BETA1 = "gateway.networking.k8s.io/v1beta1";
  private static final String V1ALPHA2 = "gateway.networking.k8s.io/v1alpha2";
  private static final String V1ALPHA3 = "gateway.networking.k8s.io/v1alpha3";

  /** Built on first use ({@link RuleFamily#covers(Class)}). */
  private static final class Kinds {
    static final List<CheckedKind<?>> ALL = List.of(
        CheckedKind.of(V1BETA1, "GatewayClass", GatewayClass.class, GatewayClassRules::check),
        CheckedKind.of(V1BETA1, "Gateway", Gateway.class, GatewayRules::check),
        CheckedKind.of(V1BETA1, "HTTPRoute", HTTPRoute.class, HttpRouteRules::check),
        CheckedKind.of(V1BETA1, "ReferenceGrant", ReferenceGrant.class, ReferenceGrantRules::check),
        // listed by the v1.5 CRDs with served: false; read to report that (and to check the fields for v1)
        CheckedKind.of(V1ALPHA2, "TLSRoute", TLSRoute.class, TlsRouteRules::check),
        CheckedKind.of(V1ALPHA3, "TLSRoute", TLSRoute.class, TlsRouteRules::check),
        CheckedKind.of(V1ALPHA3, "BackendTLSPolicy", BackendTLSPolicy.class, BackendTlsPolicyRules::check),
        // v1 last: the validator files objects by their model class, and v1 is what Portico writes
        CheckedKind.of(V1, "GatewayClass", GatewayClass.class, GatewayClassRules::check),
        CheckedKind.of(V1, "Gateway", Gateway.class, GatewayRules::check),
        CheckedKind.of(V1, "HTTPRoute", HTTPRoute.class, HttpRouteRules::check),
        CheckedKind.of(V1, "GRPCRoute", GRPCRoute.class, GrpcRouteRules::check),
        CheckedKind.of(V1, "TLSRoute", TLSRoute.class, TlsRouteRules::check),
        CheckedKind.of(V1, "ListenerSet", ListenerSet.class, ListenerSetRules::check),
        CheckedKind.of(V1, "ReferenceGrant", ReferenceGrant.class, ReferenceGrantRules::check),
        CheckedKind.of(V1, "BackendTLSPolicy", BackendTLSPolicy.class, BackendTlsPolicyRules::check));
  }

  @Override
  public List<CheckedKind<?>> kinds() {
    return Kinds.ALL;
  }

  @Override
  public boolean covers(Class<?> type) {
    return type.getPackageName().startsWith("io.fabric8.kubernetes.api.model.gatewayapi.");
  }

  @Override
  public boolean covers(String apiVersion) {
    return apiVersion.startsWith("gateway.networking.k8s.io/");
  }

  @Override
  public List<Analyzer> analyzers() {
    return List.of();
  }
}
