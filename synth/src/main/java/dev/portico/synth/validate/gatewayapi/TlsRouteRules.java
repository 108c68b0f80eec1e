package dev.portico.synth.validate.gatewayapi;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRouteSpec;
import java.util.List;
import java.util.Objects;

/**
 * A gateway.networking.k8s.io/v1 TLSRoute (standard since v1.5) as the Gateway API v1.5 standard channel's
 * CRD (kubernetes-sigs/gateway-api {@code config/crd/standard/gateway.networking.k8s.io_tlsroutes.yaml},
 * tag v1.5.1) checks it: hostnames required (1 to 16, "Hostnames cannot contain an IP", the wildcard
 * only as the first label), exactly one rule with 1 to 16 backendRefs, and what all routes share
 * ({@link RouteRules}). The experimental channel's {@code useDefaultGateways} is a warning naming the
 * channel. The deprecated {@code v1alpha2} and {@code v1alpha3} versions, which v1.5 lists but does not serve,
 * are read with v1's rules and reported ({@code tlsroute.api-version}).
 */
final class TlsRouteRules {
  static final String KIND = "tlsroute";
  static final int MAX_RULES = 1;

  private TlsRouteRules() {}

  static void check(Check check, TLSRoute route) {
    MetadataRules.check(check, route.getMetadata(), Formats::dns1123Subdomain);
    GatewayApiCheck c = new GatewayApiCheck(check, KIND);
    c.servedVersion(route.getApiVersion());
    TLSRouteSpec spec = route.getSpec();
    if (spec == null) {
      RouteRules.specRequired(c, "hostnames (SNI names), parentRefs naming the Gateway, and one rule with backendRefs");
      return;
    }
    hostnames(c, RouteRules.list(spec.getHostnames()));
    RouteRules.parentRefs(c, RouteRules.list(spec.getParentRefs()));
    RouteRules.useDefaultGateways(c, spec.getUseDefaultGateways());
    rules(c, RouteRules.list(spec.getRules()));
  }

  /**
   * Required, 1 to 16 Hostnames, none an IP address (the CEL rule "Hostnames cannot contain an IP", whose
   * {@code isIP} reads dotted quads strictly: "010.0.0.1" is not an IP; IPv6 addresses already fail the
   * Hostname pattern).
   */
  private static void hostnames(GatewayApiCheck c, List<String> hostnames) {
    if (hostnames.isEmpty()) {
      c.error("tlsroute.hostnames-required", "spec.hostnames", "at least one hostname is required: the SNI names "
          + "this route accepts, e.g. [\"db.example.com\"] or [\"*.example.com\"]");
      return;
    }
    RouteRules.hostnames(c, hostnames);
    for (int i = 0; i < hostnames.size(); i++) {
      String hostname = Objects.requireNonNullElse(hostnames.get(i), "");
      if (Formats.isIpv4(hostname) && !Formats.hasLeadingZeros(hostname)) {
        c.error("tlsroute.hostname-ip", "spec.hostnames[" + i + "]", Messages.quote(hostname)
            + " is an IP address; a TLSRoute matches the SNI server name, which is never an IP: use a DNS name");
      }
    }
  }

  /** Exactly one rule (minItems 1, maxItems 1), with 1 to 16 backendRefs. */
  private static void rules(GatewayApiCheck c, List<TLSRouteRule> rules) {
    if (rules.isEmpty()) {
      c.error("tlsroute.rules-required", "spec.rules", "one rule is required: its backendRefs receive the TLS "
          + "connections, e.g. [{backendRefs: [{name: db, port: 5432}]}]");
      return;
    }
    c.tooMany("spec.rules", rules.size(), MAX_RULES, "rules");
    for (int i = 0; i < rules.size(); i++) {
      TLSRouteRule rule = rules.get(i);
      String path = "spec.rules[" + i + "]";
      RouteRules.ruleName(c, path + ".name", rule.getName());
      List<BackendRef> refs = RouteRules.list(rule.getBackendRefs());
      if (refs.isEmpty()) {
        c.error("tlsroute.backend-refs-required", path + ".backendRefs",
            "at least one backendRef is required, e.g. [{name: db, port: 5432}]");
      }
      c.tooMany(path + ".backendRefs", refs.size(), RouteRules.MAX_BACKEND_REFS, "backendRefs");
      for (int b = 0; b < refs.size(); b++) {
        BackendRef ref = refs.get(b);
        RouteRules.backendRef(c, path + ".backendRefs[" + b + "]", ref.getGroup(), ref.getKind(), ref.getName(),
            ref.getNamespace(), ref.getPort(), ref.getWeight());
      }
    }
  }
}
