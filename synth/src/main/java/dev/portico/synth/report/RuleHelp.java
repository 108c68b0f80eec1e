package dev.portico.synth.report;

import java.util.Map;

/**
 * What a rule checks, for SARIF's rule descriptions: by the family its id starts with
 * ({@code service.port-name} is a Service rule). The README's "What is checked" table lists every
 * rule with the upstream source it mirrors.
 */
final class RuleHelp {
  private static final Map<String, String> FAMILIES = Map.ofEntries(
      Map.entry("metadata", "Object metadata as the Kubernetes API server validates it (ValidateObjectMeta)"),
      Map.entry("service", "Service fields as the Kubernetes API server validates them (ValidateService)"),
      Map.entry("app", "An app's name and container ports (Portico's declaration rules)"),
      Map.entry("stack", "A stack's declaration: name, namespace, environments, define()"),
      Map.entry("resource", "One object per kind and name"),
      Map.entry("ingress", "Ingress fields as the Kubernetes API server validates them (ValidateIngress)"),
      Map.entry("httproute", "HTTPRoute fields as the Gateway API CRD's schema and CEL rules accept them"),
      Map.entry("gateway", "Gateway fields as the Gateway API CRD's schema and CEL rules accept them"),
      Map.entry("gatewayclass", "GatewayClass fields as the Gateway API CRD's schema and CEL rules accept them"),
      Map.entry("grpcroute", "GRPCRoute fields as the Gateway API CRD's schema and CEL rules accept them"),
      Map.entry("tlsroute", "TLSRoute fields as the Gateway API CRD's schema and CEL rules accept them"),
      Map.entry("listenerset", "ListenerSet fields as the Gateway API CRD's schema and CEL rules accept them"),
      Map.entry("referencegrant", "ReferenceGrant fields as the Gateway API CRD's schema and CEL rules accept them"),
      Map.entry("backendtlspolicy", "BackendTLSPolicy fields as the Gateway API CRD's schema and CEL rules accept them"),
      Map.entry("networkpolicy", "NetworkPolicy fields as the Kubernetes API server validates them (ValidateNetworkPolicy),"
          + " and whether policies admit the calls a stack declares"),
      Map.entry("label-selector", "Label selectors as the Kubernetes API server validates them (ValidateLabelSelector)"),
      Map.entry("namespace", "Namespace fields as the Kubernetes API server validates them (ValidateNamespace)"),
      Map.entry("allow", "Who may call whom, as a stack declares it with allow(...)"),
      Map.entry("ingressclass", "IngressClass fields as the Kubernetes API server validates them (ValidateIngressClass)"),
      Map.entry("http", "HTTP exposure across objects: backends, hosts and paths, TLS, what a target can express"),
      Map.entry("virtualservice", "VirtualService fields as Istio's validation webhook accepts them"),
      Map.entry("destinationrule", "DestinationRule fields as Istio's validation webhook accepts them"),
      Map.entry("istio-gateway", "Istio Gateway fields as Istio's validation webhook accepts them"),
      Map.entry("serviceentry", "ServiceEntry fields as Istio's validation webhook accepts them"),
      Map.entry("peerauthentication", "PeerAuthentication fields as Istio's validation webhook accepts them"),
      Map.entry("authorizationpolicy", "AuthorizationPolicy fields as Istio's validation webhook accepts them"),
      Map.entry("telemetry", "Telemetry fields as Istio's validation webhook accepts them"),
      Map.entry("envoyfilter", "EnvoyFilter fields as Istio's validation webhook accepts them"),
      Map.entry("sidecar", "Sidecar fields as Istio's validation webhook accepts them"),
      Map.entry("requestauthentication", "RequestAuthentication fields as Istio's validation webhook accepts them"),
      Map.entry("workloadentry", "WorkloadEntry fields as Istio's validation webhook accepts them"),
      Map.entry("workloadgroup", "WorkloadGroup fields as Istio's validation webhook accepts them"),
      Map.entry("mesh", "The service mesh across objects, as istioctl analyze checks it"),
      Map.entry("schema", "Field names, value types and enum values of a manifest (strict decoding)"),
      Map.entry("yaml", "YAML syntax"),
      Map.entry("input", "Inputs portico validate cannot read (unreadable, too large)"),
      Map.entry("kustomize", "Kustomize layouts as kustomize build reads them: listed files, patches and their targets"),
      Map.entry("validate", "What portico validate reads and checks"));

  private RuleHelp() {}

  /** One sentence on what {@code rule}'s family checks. */
  static String family(String rule) {
    int dot = rule.indexOf('.');
    String family = FAMILIES.get(dot < 0 ? rule : rule.substring(0, dot));
    return family != null ? family : "A Portico rule";
  }

  /** The help text of {@code rule}: its family and where every rule is listed. */
  static String help(String rule) {
    return family(rule) + ". Rule " + rule + "; every rule, with the upstream source it mirrors, is listed in the"
        + " \"What is checked\" table of Portico's README.";
  }
}
