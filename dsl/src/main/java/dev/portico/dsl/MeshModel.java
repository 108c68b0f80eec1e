package dev.portico.dsl;

import java.util.List;
import java.util.Objects;

/**
 * What a stack declared for the service mesh, frozen: the input to Istio synthesis.
 *
 * @param subsets subsets, in declaration order
 * @param routes routes, one a Service at most
 * @param policies destination policies, one a Service at most
 * @param externals hosts outside the mesh reached from inside
 * @param mtls mutual TLS modes, for the namespace (no app) or one app
 * @param rateLimits local rate limits per app
 * @param telemetry telemetry for the namespace or an app
 * @param istioVersion the Istio version version-sensitive resources (EnvoyFilters) target
 * @param controlPlane istiod's pods, which sidecars reach when egress is restricted
 */
public record MeshModel(
    List<Subset> subsets,
    List<MeshRoute> routes,
    List<DestinationPolicy> policies,
    List<Mesh.External> externals,
    List<Mesh.Mtls> mtls,
    List<Mesh.Limit> rateLimits,
    List<MeshTelemetry> telemetry,
    String istioVersion,
    Peer controlPlane) {

  public MeshModel {
    subsets = List.copyOf(subsets);
    routes = List.copyOf(routes);
    policies = List.copyOf(policies);
    externals = List.copyOf(externals);
    mtls = List.copyOf(mtls);
    rateLimits = List.copyOf(rateLimits);
    telemetry = List.copyOf(telemetry);
    Objects.requireNonNull(istioVersion, "istioVersion");
    Objects.requireNonNull(controlPlane, "controlPlane");
  }

  /** True when the stack declared nothing for the mesh. */
  public boolean isEmpty() {
    return subsets.isEmpty() && routes.isEmpty() && policies.isEmpty() && externals.isEmpty() && mtls.isEmpty()
        && rateLimits.isEmpty() && telemetry.isEmpty();
  }
}
