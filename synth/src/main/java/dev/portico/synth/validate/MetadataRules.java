package dev.portico.synth.validate;

import dev.portico.dsl.format.Formats;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Object metadata as apimachinery's {@code ValidateObjectMeta} checks it: name, namespace, label
 * keys and values, annotation keys and the total annotation size.
 */
public final class MetadataRules {
  /** {@code TotalAnnotationSizeLimitB}: keys plus values, in bytes. */
  static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;

  private MetadataRules() {}

  /**
   * Checks {@code metadata} of a namespaced object whose name follows {@code nameFormat}.
   *
   * @param nameFormat the problems of a name, e.g. {@code Formats::dns1035Label}
   */
  public static void check(Check check, ObjectMeta meta, Function<String, List<String>> nameFormat) {
    check(check, meta, nameFormat, true);
  }

  /**
   * Checks {@code metadata} of a cluster-scoped object (an IngressClass, a GatewayClass): as
   * {@link #check}, without a namespace.
   */
  public static void checkClusterScoped(Check check, ObjectMeta meta, Function<String, List<String>> nameFormat) {
    check(check, meta, nameFormat, false);
  }

  private static void check(Check check, ObjectMeta meta, Function<String, List<String>> nameFormat,
      boolean namespaced) {
    if (meta == null) {
      check.error("metadata.name", "metadata", "metadata is required (with a name)");
      return;
    }
    name(check, meta.getName(), nameFormat);
    if (namespaced) {
      namespace(check, meta.getNamespace());
    }
    labels(check, "metadata.labels", meta.getLabels());
    annotations(check, meta.getAnnotations());
  }

  static void name(Check check, String name, Function<String, List<String>> nameFormat) {
    if (name == null || name.isEmpty()) {
      check.error("metadata.name", "metadata.name", "a name is required");
      return;
    }
    check.formatErrorsSuggesting("metadata.name", "metadata.name", name, nameFormat.apply(name),
        () -> Formats.suggestDns1123Label(name).replaceAll("^[0-9-]+", ""));
  }

  /** Namespaces are DNS-1123 labels; a manifest without one lands in the namespace kubectl is given. */
  static void namespace(Check check, String namespace) {
    if (namespace == null || namespace.isEmpty()) {
      return;
    }
    check.formatErrorsSuggesting("metadata.namespace", "metadata.namespace", namespace, Formats.dns1123Label(namespace),
        () -> Formats.suggestDns1123Label(namespace));
  }

  /** {@code ValidateLabels}: keys are qualified names, values label values. Used for selectors too. */
  public static void labels(Check check, String path, Map<String, String> labels) {
    if (labels == null) {
      return;
    }
    for (var entry : new TreeMap<>(labels).entrySet()) {
      String key = entry.getKey();
      String keyPath = path + "[" + key + "]";
      for (String problem : Formats.qualifiedName(key)) {
        check.error("metadata.label-key", keyPath, "label key " + Messages.quote(key) + " " + problem);
      }
      String value = entry.getValue() == null ? "" : entry.getValue();
      for (String problem : Formats.labelValue(value)) {
        check.error("metadata.label-value", keyPath, "label value " + Messages.quote(value) + " " + problem);
      }
    }
  }

  /** {@code ValidateAnnotations}: keys are qualified names once lower-cased; keys and values total at most 256 KiB. */
  static void annotations(Check check, Map<String, String> annotations) {
    if (annotations == null) {
      return;
    }
    long total = 0;
    for (var entry : new TreeMap<>(annotations).entrySet()) {
      String key = entry.getKey();
      for (String problem : Formats.qualifiedName(key.toLowerCase(Locale.ROOT))) {
        check.error("metadata.annotation-key", "metadata.annotations[" + key + "]",
            "annotation key " + Messages.quote(key) + " " + problem);
      }
      total += Formats.byteLength(key) + (entry.getValue() == null ? 0 : Formats.byteLength(entry.getValue()));
    }
    if (total > ANNOTATIONS_MAX_BYTES) {
      check.error("metadata.annotations-size", "metadata.annotations",
          "annotations total " + total + " bytes; keys and values together must be at most "
              + ANNOTATIONS_MAX_BYTES + " bytes");
    }
  }
}
