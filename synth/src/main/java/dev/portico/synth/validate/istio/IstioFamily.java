package dev.portico.synth.validate.istio;

import dev.portico.synth.validate.Analyzer;
import dev.portico.synth.validate.CheckedKind;
import dev.portico.synth.validate.RuleFamily;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1alpha3.EnvoyFilter;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import io.fabric8.istio.api.telemetry.v1.Telemetry;
import java.util.List;

/**
 * Istio's kinds, checked as its validating webhook does ({@code pkg/config/validation}), and the
 * {@code istioctl analyze} checks across them.
 */
public final class IstioFamily implements RuleFamily {
  /**
   * The kinds Istio's CRDs serve in several versions of one schema ({@code crd-all.gen.yaml}:
   * networking v1, v1beta1 and v1alpha3; security v1 and v1beta1; telemetry v1 and v1alpha1), and
   * istio-model reads into one spec class: every version is read into the v1 class, so the rules and
   * the analyzers see one type, and the object keeps the apiVersion it was written with.
   */
  /** Built on first use ({@link RuleFamily#covers(Class)}). */
  private static final class Kinds {
    static final List<CheckedKind<?>> ALL = List.of(
        CheckedKind.of("networking.istio.io/v1", "VirtualService", VirtualService.class, VirtualServiceRules::check),
        CheckedKind.of("networking.istio.io/v1beta1", "VirtualService", VirtualService.class,
            VirtualServiceRules::check),
        CheckedKind.of("networking.istio.io/v1alpha3", "VirtualService", VirtualService.class,
            VirtualServiceRules::check),
        CheckedKind.of("networking.istio.io/v1", "DestinationRule", DestinationRule.class, DestinationRuleRules::check),
        CheckedKind.of("networking.istio.io/v1beta1", "DestinationRule", DestinationRule.class,
            DestinationRuleRules::check),
        CheckedKind.of("networking.istio.io/v1alpha3", "DestinationRule", DestinationRule.class,
            DestinationRuleRules::check),
        CheckedKind.of("networking.istio.io/v1", "Gateway", Gateway.class, IstioGatewayRules::check),
        CheckedKind.of("networking.istio.io/v1beta1", "Gateway", Gateway.class, IstioGatewayRules::check),
        CheckedKind.of("networking.istio.io/v1alpha3", "Gateway", Gateway.class, IstioGatewayRules::check),
        CheckedKind.of("networking.istio.io/v1", "ServiceEntry", ServiceEntry.class, ServiceEntryRules::check),
        CheckedKind.of("networking.istio.io/v1beta1", "ServiceEntry", ServiceEntry.class, ServiceEntryRules::check),
        CheckedKind.of("networking.istio.io/v1alpha3", "ServiceEntry", ServiceEntry.class, ServiceEntryRules::check),
        CheckedKind.of("networking.istio.io/v1alpha3", "EnvoyFilter", EnvoyFilter.class, EnvoyFilterRules::check),
        CheckedKind.of("security.istio.io/v1", "PeerAuthentication", PeerAuthentication.class,
            PeerAuthenticationRules::check),
        CheckedKind.of("security.istio.io/v1beta1", "PeerAuthentication", PeerAuthentication.class,
            PeerAuthenticationRules::check),
        CheckedKind.of("security.istio.io/v1", "AuthorizationPolicy", AuthorizationPolicy.class,
            AuthorizationPolicyRules::check),
        CheckedKind.of("security.istio.io/v1beta1", "AuthorizationPolicy", AuthorizationPolicy.class,
            AuthorizationPolicyRules::check),
        CheckedKind.of("telemetry.istio.io/v1", "Telemetry", Telemetry.class, TelemetryRules::check),
        CheckedKind.of("telemetry.istio.io/v1alpha1", "Telemetry", Telemetry.class, TelemetryRules::check),
        // the versions Istio serves of one schema each: v1, v1beta1, v1alpha3 (networking), v1, v1beta1 (security)
        CheckedKind.of("networking.istio.io/v1", "Sidecar", io.fabric8.istio.api.networking.v1.Sidecar.class,
            (check, o) -> SidecarRules.check(check, o.getMetadata(), o.getSpec())),
        CheckedKind.of("networking.istio.io/v1beta1", "Sidecar", io.fabric8.istio.api.networking.v1beta1.Sidecar.class,
            (check, o) -> SidecarRules.check(check, o.getMetadata(), o.getSpec())),
        CheckedKind.of("networking.istio.io/v1alpha3", "Sidecar",
            io.fabric8.istio.api.networking.v1alpha3.Sidecar.class,
            (check, o) -> SidecarRules.check(check, o.getMetadata(), o.getSpec())),
        CheckedKind.of("networking.istio.io/v1", "WorkloadEntry", io.fabric8.istio.api.networking.v1.WorkloadEntry.class,
            (check, o) -> WorkloadEntryRules.check(check, o.getMetadata(), o.getSpec())),
        CheckedKind.of("networking.istio.io/v1beta1", "WorkloadEntry",
            io.fabric8.istio.api.networking.v1beta1.WorkloadEntry.class,
            (check, o) -> WorkloadEntryRules.check(check, o.getMetadata(), o.getSpec())),
        CheckedKind.of("networking.istio.io/v1alpha3", "WorkloadEntry",
            io.fabric8.istio.api.networking.v1alpha3.WorkloadEntry.class,
            (check, o) -> WorkloadEntryRules.check(check, o.getMetadata(), o.getSpec())),
        CheckedKind.of("networking.istio.io/v1", "WorkloadGroup", io.fabric8.istio.api.networking.v1.WorkloadGroup.class,
            (check, o) -> WorkloadGroupRules.check(check, o.getMetadata(), o.getSpec())),
        CheckedKind.of("networking.istio.io/v1beta1", "WorkloadGroup",
            io.fabric8.istio.api.networking.v1beta1.WorkloadGroup.class,
            (check, o) -> WorkloadGroupRules.check(check, o.getMetadata(), o.getSpec())),
        CheckedKind.of("networking.istio.io/v1alpha3", "WorkloadGroup",
            io.fabric8.istio.api.networking.v1alpha3.WorkloadGroup.class,
            (check, o) -> WorkloadGroupRules.check(check, o.getMetadata(), o.getSpec())),
        CheckedKind.of("security.istio.io/v1", "RequestAuthentication",
            io.fabric8.istio.api.security.v1.RequestAuthentication.class,
            (check, o) -> RequestAuthenticationRules.check(check, o.getMetadata(), o.getSpec())),
        CheckedKind.of("security.istio.io/v1beta1", "RequestAuthentication",
            io.fabric8.istio.api.security.v1beta1.RequestAuthentication.class,
            (check, o) -> RequestAuthenticationRules.check(check, o.getMetadata(), o.getSpec())));
  }

  private static final List<Analyzer> ANALYZERS = List.of(MeshAnalyzers::analyze, MeshBoundaryAnalyzers::analyze);

  @Override
  public List<CheckedKind<?>> kinds() {
    return Kinds.ALL;
  }

  @Override
  public boolean covers(Class<?> type) {
    return type.getPackageName().startsWith("io.fabric8.istio.");
  }

  @Override
  public boolean covers(String apiVersion) {
    return apiVersion.contains(".istio.io/");
  }

  @Override
  public List<Analyzer> analyzers() {
    return ANALYZERS;
  }
}
