package dev.portico.synth.validate.kubernetes;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Analyzer;
import dev.portico.synth.validate.CheckedKind;
import dev.portico.synth.validate.MetadataRules;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.RuleFamily;
import dev.portico.synth.validate.Scope;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;

/**
 * Kubernetes' own kinds, core ({@code pkg/apis/core/validation}) and networking
 * ({@code pkg/apis/networking/validation}), and the analyzers over Services and the pods they select.
 */
public final class KubernetesFamily implements RuleFamily {
  /** Built on first use ({@link RuleFamily#covers(Class)}). */
  private static final class Kinds {
    static final List<CheckedKind<?>> ALL = List.of(
        new CheckedKind<>("v1", "Service", Service.class,
            service -> service.getSpec() == null ? service : ServiceDefaults.apply(service), ServiceRules::check),
        // ValidateServiceAccount: a DNS-1123 subdomain name; Portico writes no secrets or pull secrets
        CheckedKind.of("v1", "ServiceAccount", ServiceAccount.class,
            (check, account) -> MetadataRules.check(check, account.getMetadata(), Formats::dns1123Subdomain)),
        CheckedKind.of("networking.k8s.io/v1", "Ingress", Ingress.class, IngressRules::check),
        new CheckedKind<>("networking.k8s.io/v1", "IngressClass", IngressClass.class, IngressClassRules::withDefaults,
            IngressClassRules::check),
        CheckedKind.of("networking.k8s.io/v1", "NetworkPolicy", NetworkPolicy.class, NetworkPolicyRules::check),
        new CheckedKind<>("v1", "Namespace", Namespace.class, NamespaceRules::applyDefaults, NamespaceRules::check));
  }

  private static final List<Analyzer> ANALYZERS = List.of(
      analysis -> {
        if (analysis.scope() == Scope.CLOSED) {
          for (PodSet app : analysis.podSets()) {
            AppRules.check(app, analysis.findings());
          }
        }
      },
      ServiceAnalyzers::analyze,
      NetworkPolicyAnalyzers::analyze);

  @Override
  public List<CheckedKind<?>> kinds() {
    return Kinds.ALL;
  }

  @Override
  public boolean covers(Class<?> type) {
    String pkg = type.getPackageName();
    return pkg.equals("io.fabric8.kubernetes.api.model") || pkg.startsWith("io.fabric8.kubernetes.api.model.networking.");
  }

  @Override
  public boolean covers(String apiVersion) {
    return apiVersion.equals("v1") || apiVersion.startsWith("networking.k8s.io/");
  }

  @Override
  public List<Analyzer> analyzers() {
    return ANALYZERS;
  }
}
