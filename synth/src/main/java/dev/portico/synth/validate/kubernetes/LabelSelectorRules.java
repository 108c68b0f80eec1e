package dev.portico.synth.validate.kubernetes;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A label selector as apimachinery's {@code ValidateLabelSelector} checks it
 * ({@code pkg/apis/meta/v1/validation}), with {@code AllowInvalidLabelValueInSelector} false as on
 * create: {@code matchLabels} keys are qualified names and values label values ({@code ValidateLabels});
 * each {@code matchExpressions} requirement has an operator of In, NotIn, Exists or DoesNotExist,
 * values for In and NotIn and none for the others, a qualified-name key and label-value values
 * ({@code ValidateLabelSelectorRequirement}).
 */
final class LabelSelectorRules {
  /** The operators {@code ValidateLabelSelectorRequirement} knows, as it names them. */
  static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist");

  private LabelSelectorRules() {}

  static void check(Check check, String path, LabelSelector selector) {
    if (selector == null) {
      return;
    }
    Map<String, String> labels = selector.getMatchLabels();
    if (labels != null) {
      for (var entry : new TreeMap<>(labels).entrySet()) {
        String keyPath = path + ".matchLabels[" + entry.getKey() + "]";
        key(check, keyPath, entry.getKey());
        value(check, keyPath, entry.getValue() == null ? "" : entry.getValue());
      }
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    if (expressions == null) {
      return;
    }
    for (int i = 0; i < expressions.size(); i++) {
      LabelSelectorRequirement requirement = expressions.get(i);
      String at = path + ".matchExpressions[" + i + "]";
      if (requirement == null) {
        check.error("label-selector.operator", at, "an empty requirement needs a key and an operator ("
            + Messages.oneOf(OPERATORS) + ")");
        continue;
      }
      requirement(check, at, requirement);
    }
  }

  private static void requirement(Check check, String at, LabelSelectorRequirement requirement) {
    String operator = requirement.getOperator();
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    if ("In".equals(operator) || "NotIn".equals(operator)) {
      if (values.isEmpty()) {
        check.error("label-selector.values", at + ".values", "values must be specified when operator is "
            + Messages.quote(operator) + ": list the label values to match");
      }
    } else if ("Exists".equals(operator) || "DoesNotExist".equals(operator)) {
      if (!values.isEmpty()) {
        check.error("label-selector.values", at + ".values", Messages.list(values) + " may not be specified when "
            + "operator is " + Messages.quote(operator) + " (it tests only the key); drop the values");
      }
    } else {
      check.error("label-selector.operator", at + ".operator", Messages.quote(operator)
          + " is not a valid selector operator; use " + Messages.oneOf(OPERATORS) + " (case-sensitive)");
    }
    key(check, at + ".key", requirement.getKey() == null ? "" : requirement.getKey());
    for (int v = 0; v < values.size(); v++) {
      value(check, at + ".values[" + v + "]", values.get(v) == null ? "" : values.get(v));
    }
  }

  private static void key(Check check, String path, String key) {
    for (String problem : Formats.qualifiedName(key)) {
      check.error("label-selector.label", path, "label key " + Messages.quote(key) + " " + problem);
    }
  }

  private static void value(Check check, String path, String value) {
    for (String problem : Formats.labelValue(value)) {
      check.error("label-selector.label", path, "label value " + Messages.quote(value) + " " + problem);
    }
  }
}
