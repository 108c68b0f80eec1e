package dev.portico.synth.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes the common case of a Kubernetes object as YAML directly, byte for byte as the Jackson
 * and SnakeYAML pipeline would ({@link YamlRenderer#renderReference}), several times faster: block
 * mappings, indentless block sequences, ints, booleans and strings of {@code [A-Za-z0-9._/-]}
 * starting with a letter, digit or '/', quoted exactly where Jackson's {@code MINIMIZE_QUOTES}
 * and {@link YamlQuoting} quote them. Anything else (other characters, floats, nulls, empty
 * maps, nested lists) makes {@link #write} decline, and the caller uses the reference pipeline.
 */
final class FastYaml {
  /** Jackson's {@code YAMLGenerator.PLAIN_NUMBER_P}, quoted under {@code ALWAYS_QUOTE_NUMBERS_AS_STRINGS}. */
  private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9]*(\\.[0-9]*)?");
  private static final String SPACES = " ".repeat(64);

  private final YamlQuoting quoting;
  private final StringBuilder out = new StringBuilder(512);

  FastYaml(YamlQuoting quoting) {
    this.quoting = quoting;
  }

  /** {@code root} (a non-empty object) as a YAML document; null when it is not the common case. */
  String write(JsonNode root) {
    out.setLength(0);
    if (!root.isObject() || root.isEmpty() || !mapping(root, 0, false)) {
      return null;
    }
    return out.toString();
  }

  /** The fields of {@code node} at {@code indent}; the first one after a "- " already written when {@code inItem}. */
  private boolean mapping(JsonNode node, int indent, boolean inItem) {
    boolean first = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!(first && inItem)) {
        indent(indent);
      }
      first = false;
      if (!scalarText(field.getKey(), true)) {
        return false;
      }
      out.append(':');
      JsonNode value = field.getValue();
      if (value.isObject()) {
        if (value.isEmpty()) {
          return false;
        }
        out.append('\n');
        if (!mapping(value, indent + 2, false)) {
          return false;
        }
      } else if (value.isArray()) {
        if (value.isEmpty()) {
          return false;
        }
        out.append('\n');
        if (!sequence(value, indent)) {
          return false;
        }
      } else {
        out.append(' ');
        if (!scalar(value)) {
          return false;
        }
        out.append('\n');
      }
    }
    return true;
  }

  /** Items of a sequence whose "- " stands at {@code indent} (Jackson's indentless style). */
  private boolean sequence(JsonNode node, int indent) {
    for (JsonNode item : node) {
      indent(indent);
      out.append("- ");
      if (item.isObject()) {
        if (item.isEmpty() || !mapping(item, indent + 2, true)) {
          return false;
        }
      } else if (item.isArray()) {
        return false;
      } else {
        if (!scalar(item)) {
          return false;
        }
        out.append('\n');
      }
    }
    return true;
  }

  private boolean scalar(JsonNode value) {
    if (value.isTextual()) {
      return scalarText(value.textValue(), false);
    }
    if (value.isInt() || value.isLong()) {
      out.append(value.longValue());
      return true;
    }
    if (value.isBoolean()) {
      out.append(value.booleanValue());
      return true;
    }
    return false;
  }

  /** A key or a string value, plain or double-quoted as Jackson decides; false for text outside the common case. */
  private boolean scalarText(String text, boolean key) {
    if (!isCommon(text)) {
      return false;
    }
    boolean quote = key ? quoting.needToQuoteName(text)
        : quoting.needToQuoteValue(text) || (YamlQuoting.mayBeNumeric(text) && PLAIN_NUMBER.matcher(text).matches());
    if (quote) {
      out.append('"').append(text).append('"'); // nothing in the common alphabet needs escaping
    } else {
      out.append(text);
    }
    return true;
  }

  /** Non-empty, of {@code [A-Za-z0-9._/-]}, starting with a letter, digit or '/': plain-safe for SnakeYAML. */
  static boolean isCommon(String text) {
    int length = text.length();
    if (length == 0) {
      return false;
    }
    char start = text.charAt(0);
    if (!(isAlphanumeric(start) || start == '/')) {
      return false;
    }
    for (int i = 1; i < length; i++) {
      char c = text.charAt(i);
      if (!(isAlphanumeric(c) || c == '.' || c == '_' || c == '/' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private void indent(int indent) {
    if (indent <= SPACES.length()) {
      out.append(SPACES, 0, indent);
    } else {
      out.append(" ".repeat(indent));
    }
  }
}
