package dev.portico.synth.validate.kubernetes;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassParametersReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A networking.k8s.io/v1 IngressClass (cluster-scoped) as the API server validates it on create,
 * following kubernetes {@code pkg/apis/networking/validation/validation.go}: {@code ValidateIngressClass}
 * (the name a DNS-1123 subdomain, {@code ValidateIngressClassName}), {@code validateIngressClassSpec}
 * (the controller at most 250 bytes and, by apimachinery's {@code IsDomainPrefixedPath}, a DNS-1123
 * subdomain, '/', and HTTP path characters) and {@code validateIngressClassParametersReference} (apiGroup
 * a DNS-1123 subdomain when set; kind and name required path segment names; scope Namespace or Cluster;
 * a namespace, a DNS-1123 label, required with Namespace and forbidden with Cluster), after
 * {@code SetDefaults_IngressClass} (a parameters reference without a scope is Cluster-scoped). The
 * controller's immutability needs the stored object and is not checked; a namespace in metadata is
 * not checked, as the API server drops it for cluster-scoped kinds.
 */
final class IngressClassRules {
  /** {@code maxLenIngressClassController}. */
  static final int CONTROLLER_MAX = 250;
  static final String NAMESPACE = "Namespace";
  static final String CLUSTER = "Cluster";
  /** {@code supportedIngressClassParametersReferenceScopes}, sorted as upstream lists them. */
  static final List<String> SCOPES = List.of(CLUSTER, NAMESPACE);
  /** apimachinery's {@code httpPathFmt}: RFC 3986 path characters. */
  private static final Pattern HTTP_PATH = Pattern.compile("[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+");

  private IngressClassRules() {}

  /** {@code SetDefaults_IngressClass}: a parameters reference without a scope gets scope Cluster. */
  static IngressClass withDefaults(IngressClass ingressClass) {
    var spec = ingressClass.getSpec();
    if (spec == null || spec.getParameters() == null || spec.getParameters().getScope() != null) {
      return ingressClass;
    }
    return new IngressClassBuilder(ingressClass).editSpec().editParameters().withScope(CLUSTER).endParameters()
        .endSpec().build();
  }

  static void check(Check check, IngressClass original, IngressClass ingressClass) {
    MetadataRules.checkClusterScoped(check, ingressClass.getMetadata(), Formats::dns1123Subdomain);
    var spec = ingressClass.getSpec();
    controller(check, spec == null ? null : spec.getController());
    if (spec != null && spec.getParameters() != null) {
      boolean scopeDefaulted = original.getSpec().getParameters().getScope() == null;
      parameters(check, "spec.parameters", spec.getParameters(), scopeDefaulted);
    }
  }

  /** {@code validateIngressClassSpec}: at most 250 bytes, then {@code IsDomainPrefixedPath}. */
  private static void controller(Check check, String controller) {
    String path = "spec.controller";
    if (controller == null || controller.isEmpty()) {
      check.error("ingressclass.controller", path, "is required: the controller that implements this class, as a "
          + "domain-prefixed path such as \"k8s.io/ingress-nginx\"");
      return;
    }
    int bytes = controller.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > CONTROLLER_MAX) {
      check.error("ingressclass.controller", path, Messages.quote(controller.substring(0, controller.offsetByCodePoints(0, 20)) + "...")
          + " must be no more than " + CONTROLLER_MAX + " bytes (it has " + bytes + ")");
    }
    String[] parts = controller.split("/", 2);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      check.error("ingressclass.controller", path, Messages.quote(controller)
          + " must be a domain-prefixed path (such as \"acme.io/foo\"): a DNS subdomain, '/', then a path");
      return;
    }
    for (String problem : Formats.dns1123Subdomain(parts[0])) {
      check.error("ingressclass.controller", path, "the domain " + Messages.quote(parts[0]) + " of "
          + Messages.quote(controller) + " " + problem);
    }
    if (!HTTP_PATH.matcher(parts[1]).matches()) {
      check.error("ingressclass.controller", path, "the path " + Messages.quote(parts[1]) + " of "
          + Messages.quote(controller) + " must contain only letters, digits and the URL path characters "
          + "/-._~%!$&'()*+,;=:");
    }
  }

  /** {@code validateIngressClassParametersReference}, after defaulting the scope. */
  private static void parameters(Check check, String path, IngressClassParametersReference params,
      boolean scopeDefaulted) {
    if (params.getApiGroup() != null) {
      for (String problem : Formats.dns1123Subdomain(params.getApiGroup())) {
        check.error("ingressclass.parameters-api-group", path + ".apiGroup", Messages.quote(params.getApiGroup())
            + " " + problem + " (leave apiGroup out for the core group)");
      }
    }
    IngressRules.pathSegmentName(check, "ingressclass.parameters-kind", path + ".kind", params.getKind(),
        "the parameters' kind, e.g. \"IngressParameters\"");
    IngressRules.pathSegmentName(check, "ingressclass.parameters-name", path + ".name", params.getName(),
        "the parameters' name");
    String scope = params.getScope();
    if (!SCOPES.contains(scope)) {
      check.error("ingressclass.parameters-scope", path + ".scope", Messages.quote(scope) + " is not supported; use "
          + Messages.oneOf(SCOPES) + " (case-sensitive)" + Messages.tryInstead(scope,
              SCOPES.stream().filter(s -> s.equalsIgnoreCase(scope)).findFirst().orElse(null)));
      return;
    }
    String namespace = params.getNamespace();
    if (NAMESPACE.equals(scope)) {
      if (namespace == null) {
        check.error("ingressclass.parameters-namespace", path + ".namespace",
            "is required: scope is \"Namespace\", so name the namespace the parameters live in");
      } else {
        check.formatErrorsSuggesting("ingressclass.parameters-namespace", path + ".namespace", namespace,
            Formats.dns1123Label(namespace), () -> Formats.suggestDns1123Label(namespace));
      }
    } else if (namespace != null) {
      check.error("ingressclass.parameters-namespace", path + ".namespace", Messages.quote(namespace)
          + " is forbidden: scope is \"Cluster\"" + (scopeDefaulted ? " (the default when scope is not set)" : "")
          + "; set scope: Namespace for parameters in a namespace, or remove namespace");
    }
  }
}
