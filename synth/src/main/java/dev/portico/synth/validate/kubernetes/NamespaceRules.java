package dev.portico.synth.validate.kubernetes;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A v1 Namespace as the API server defaults and validates it on create, following kubernetes
 * {@code pkg/apis/core/validation}: {@code ValidateNamespace} ({@code ValidateObjectMeta} without a
 * namespace, the name a DNS-1123 label by {@code ValidateNamespaceName}, finalizers in metadata and
 * in {@code spec.finalizers} by {@code validateFinalizerName}: a qualified name, and either one of the
 * standard names or containing a '/'); defaulted as {@code SetDefaults_Namespace} in
 * {@code pkg/apis/core/v1/defaults.go} does: the label {@code kubernetes.io/metadata.name} is set to the
 * name, whatever was written.
 */
final class NamespaceRules {
  /** The label the API server sets to a namespace's name; NetworkPolicies select namespaces by it. */
  static final String NAME_LABEL = "kubernetes.io/metadata.name";
  /** {@code helper.IsStandardFinalizerName}: {@code kubernetes} and the two deletion finalizers. */
  static final Set<String> STANDARD_FINALIZERS = Set.of("kubernetes", "orphan", "foregroundDeletion");

  private NamespaceRules() {}

  /** {@code SetDefaults_Namespace}: the name label, on a copy. */
  static Namespace applyDefaults(Namespace namespace) {
    ObjectMeta meta = namespace.getMetadata();
    if (meta == null || meta.getName() == null || meta.getName().isEmpty()) {
      return namespace;
    }
    Map<String, String> labels = meta.getLabels() == null ? new TreeMap<>() : new TreeMap<>(meta.getLabels());
    if (meta.getName().equals(labels.get(NAME_LABEL))) {
      return namespace;
    }
    labels.put(NAME_LABEL, meta.getName());
    Namespace copy = new Namespace(namespace.getApiVersion(), namespace.getKind(), copy(meta, labels),
        namespace.getSpec(), null);
    return copy;
  }

  static void check(Check check, Namespace original, Namespace defaulted) {
    ObjectMeta meta = original.getMetadata();
    MetadataRules.check(check, meta, Formats::dns1123Label);
    if (meta == null) {
      return;
    }
    if (meta.getNamespace() != null && !meta.getNamespace().isEmpty()) {
      check.error("metadata.namespace", "metadata.namespace", Messages.quote(meta.getNamespace())
          + " is not allowed on this type: a Namespace is cluster-scoped; drop metadata.namespace");
    }
    String written = meta.getLabels() == null ? null : meta.getLabels().get(NAME_LABEL);
    if (written != null && meta.getName() != null && !written.equals(meta.getName())) {
      check.warning("namespace.name-label", "metadata.labels[" + NAME_LABEL + "]", Messages.quote(written)
          + " is replaced by the API server with the namespace's name " + Messages.quote(meta.getName())
          + " (SetDefaults_Namespace); NetworkPolicies that select it by " + Messages.quote(written) + " match nothing");
    }
    finalizers(check, "metadata.finalizers", meta.getFinalizers());
    if (original.getSpec() != null) {
      finalizers(check, "spec.finalizers", original.getSpec().getFinalizers());
    }
  }

  /** {@code validateFinalizerName}: {@code IsQualifiedName}, and a standard name or one with a '/'. */
  private static void finalizers(Check check, String path, List<String> finalizers) {
    if (finalizers == null) {
      return;
    }
    for (int i = 0; i < finalizers.size(); i++) {
      String finalizer = finalizers.get(i) == null ? "" : finalizers.get(i);
      String at = path + "[" + i + "]";
      List<String> problems = Formats.qualifiedName(finalizer);
      for (String problem : problems) {
        check.error("namespace.finalizer", at, Messages.quote(finalizer) + " " + problem);
      }
      if (!finalizer.contains("/") && !STANDARD_FINALIZERS.contains(finalizer)) {
        check.error("namespace.finalizer", at, Messages.quote(finalizer) + " is neither a standard finalizer name ("
            + Messages.oneOf(List.of("kubernetes", "orphan", "foregroundDeletion")) + ") nor fully qualified; "
            + "prefix it with a domain, e.g. " + Messages.quote("example.com/" + finalizer));
      }
    }
  }

  private static ObjectMeta copy(ObjectMeta meta, Map<String, String> labels) {
    ObjectMeta copy = new ObjectMeta();
    copy.setName(meta.getName());
    copy.setNamespace(meta.getNamespace());
    copy.setLabels(labels);
    copy.setAnnotations(meta.getAnnotations());
    copy.setFinalizers(meta.getFinalizers());
    copy.setGenerateName(meta.getGenerateName());
    return copy;
  }
}
