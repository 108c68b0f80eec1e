package dev.portico.synth.validate.kubernetes;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Whether a label selector ({@code metav1.LabelSelectorAsSelector}) picks pods or namespaces whose
 * labels are known in part: a label the selector asks about that the labels do not mention makes the
 * answer {@link Tri#UNKNOWN} unless {@code complete} says they are all the labels there are. An empty
 * selector picks everything; a requirement that is not valid picks nothing.
 */
final class LabelSelectors {
  private LabelSelectors() {}

  static Tri matches(LabelSelector selector, Map<String, String> labels, boolean complete) {
    if (selector == null) {
      return Tri.TRUE;
    }
    Tri result = Tri.TRUE;
    Map<String, String> matchLabels = selector.getMatchLabels();
    if (matchLabels != null) {
      for (var entry : matchLabels.entrySet()) {
        result = result.and(equalsLabel(labels, complete, entry.getKey(), entry.getValue()));
      }
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    if (expressions != null) {
      for (LabelSelectorRequirement requirement : expressions) {
        result = result.and(requirement(requirement, labels, complete));
      }
    }
    return result;
  }

  /** True when the selector picks everything: no labels and no expressions. */
  static boolean isEmpty(LabelSelector selector) {
    return selector == null || (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
        && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
  }

  private static Tri equalsLabel(Map<String, String> labels, boolean complete, String key, String value) {
    if (labels.containsKey(key)) {
      return Tri.of(labels.get(key).equals(value == null ? "" : value));
    }
    return complete ? Tri.FALSE : Tri.UNKNOWN;
  }

  private static Tri requirement(LabelSelectorRequirement requirement, Map<String, String> labels, boolean complete) {
    if (requirement == null || requirement.getKey() == null || requirement.getOperator() == null) {
      return Tri.FALSE;
    }
    String key = requirement.getKey();
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    boolean known = labels.containsKey(key) || complete;
    boolean present = labels.containsKey(key);
    return switch (requirement.getOperator()) {
      case "In" -> !known ? Tri.UNKNOWN : Tri.of(present && values.contains(labels.get(key)));
      case "NotIn" -> !known ? Tri.UNKNOWN : Tri.of(!present || !values.contains(labels.get(key)));
      case "Exists" -> !known ? Tri.UNKNOWN : Tri.of(present);
      case "DoesNotExist" -> !known ? Tri.UNKNOWN : Tri.of(!present);
      default -> Tri.FALSE;
    };
  }
}
