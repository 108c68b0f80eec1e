package dev.portico.synth.validate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every field rule on each object and every cross-resource analyzer on all of them, and
 * returns all findings, sorted. The same entry point serves synthesized stacks and
 * {@code portico validate}.
 */
public final class Validator {
  private Validator() {}

  /**
   * Checks {@code resources}.
   *
   * @param podSets the pods Services may select: apps of the stacks (checked too, in a closed
   *     scope), or workloads found in the input
   * @param scope whether a reference to something absent is an error ({@link Scope#CLOSED}) or a warning
   */
  public static List<Finding> validate(List<Resource> resources, List<PodSet> podSets, Scope scope) {
    List<Finding> findings = new ArrayList<>();
    Map<String, Resource> seen = new HashMap<>();
    // each Service is defaulted once, as the API server would, for the field rules and the analyzers
    Map<Resource, Service> defaulted = new IdentityHashMap<>();
    for (Resource resource : resources) {
      Check check = new Check(resource, findings);
      Resource earlier = seen.putIfAbsent(resource.group() + "\u0000" + resource.id(), resource);
      if (earlier != null) {
        check.error("resource.duplicate", "metadata.name", resource.id() + " is declared twice; the first is at "
            + earlier.locator().locate("metadata.name") + " (names are unique per kind and namespace)");
      }
      if (resource.object() instanceof Service service) {
        Service withDefaults = service.getSpec() == null ? null : ServiceDefaults.apply(service);
        if (withDefaults != null) {
          defaulted.put(resource, withDefaults);
        }
        ServiceRules.check(check, service, withDefaults);
      } else if (resource.object() instanceof Ingress ingress) {
        IngressRules.check(check, ingress);
      } else if (resource.object() instanceof HTTPRoute route) {
        HttpRouteRules.check(check, route);
      } else if (resource.object() instanceof Gateway gateway) {
        GatewayRules.check(check, gateway);
      } else if (resource.object() instanceof io.fabric8.istio.api.networking.v1.VirtualService virtualService) {
        VirtualServiceRules.check(check, virtualService);
      } else if (resource.object() instanceof io.fabric8.istio.api.networking.v1.DestinationRule rule) {
        DestinationRuleRules.check(check, rule);
      } else if (resource.object() instanceof io.fabric8.istio.api.networking.v1.Gateway gateway) {
        IstioGatewayRules.check(check, gateway);
      } else if (resource.object() instanceof io.fabric8.istio.api.networking.v1.ServiceEntry entry) {
        ServiceEntryRules.check(check, entry);
      } else if (resource.object() instanceof io.fabric8.istio.api.security.v1.PeerAuthentication policy) {
        PeerAuthenticationRules.check(check, policy);
      } else if (resource.object() instanceof io.fabric8.istio.api.security.v1.AuthorizationPolicy policy) {
        AuthorizationPolicyRules.check(check, policy);
      } else if (resource.object() instanceof io.fabric8.istio.api.telemetry.v1.Telemetry telemetry) {
        TelemetryRules.check(check, telemetry);
      } else if (resource.object() instanceof io.fabric8.istio.api.networking.v1alpha3.EnvoyFilter filter) {
        EnvoyFilterRules.check(check, filter);
      } else if (resource.object() instanceof io.fabric8.kubernetes.api.model.ServiceAccount account) {
        // ValidateServiceAccount: a DNS-1123 subdomain name; Portico writes no secrets or pull secrets
        MetadataRules.check(check, account.getMetadata(), dev.portico.dsl.format.Formats::dns1123Subdomain);
      }
    }
    if (scope == Scope.CLOSED) {
      for (PodSet app : podSets) {
        AppRules.check(app, findings);
      }
    }
    ServiceAnalyzers.analyze(resources, defaulted, podSets, scope, findings);
    HttpAnalyzers.analyze(resources, scope, findings);
    MeshAnalyzers.analyze(resources, podSets, scope, findings);
    findings.sort(Finding.ORDER);
    return findings;
  }
}
