package dev.portico.synth.render;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
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

  /**
   * The object whose serialization {@code tokens} replays, as a YAML document; null when it is not
   * the common case.
   */
  String write(JsonParser tokens) throws IOException {
    out.setLength(0);
    if (tokens.nextToken() != JsonToken.START_OBJECT || !mapping(tokens, 0, false)) {
      return null;
    }
    return out.toString();
  }

  /** The fields of an object at {@code indent}; the first one after a "- " already written when {@code inItem}. */
  private boolean mapping(JsonParser tokens, int indent, boolean inItem) throws IOException {
    boolean first = true;
    for (JsonToken token = tokens.nextToken(); token != JsonToken.END_OBJECT; token = tokens.nextToken()) {
      if (!(first && inItem)) {
        indent(indent);
      }
      first = false;
      if (token != JsonToken.FIELD_NAME || !scalarText(tokens.currentName(), true)) {
        return false;
      }
      out.append(':');
      JsonToken value = tokens.nextToken();
      if (value == JsonToken.START_OBJECT) {
        out.append('\n');
        if (!mapping(tokens, indent + 2, false)) {
          return false;
        }
      } else if (value == JsonToken.START_ARRAY) {
        out.append('\n');
        if (!sequence(tokens, indent)) {
          return false;
        }
      } else {
        out.append(' ');
        if (!scalar(tokens, value)) {
          return false;
        }
        out.append('\n');
      }
    }
    return !first; // an empty map is written "{}": not the common case
  }

  /** Items of a sequence whose "- " stands at {@code indent} (Jackson's indentless style). */
  private boolean sequence(JsonParser tokens, int indent) throws IOException {
    boolean empty = true;
    for (JsonToken token = tokens.nextToken(); token != JsonToken.END_ARRAY; token = tokens.nextToken()) {
      empty = false;
      indent(indent);
      out.append("- ");
      if (token == JsonToken.START_OBJECT) {
        if (!mapping(tokens, indent + 2, true)) {
          return false;
        }
      } else if (token == JsonToken.START_ARRAY) {
        return false;
      } else {
        if (!scalar(tokens, token)) {
          return false;
        }
        out.append('\n');
      }
    }
    return !empty;
  }

  private boolean scalar(JsonParser tokens, JsonToken token) throws IOException {
    switch (token) {
      case VALUE_STRING:
        return scalarText(tokens.getText(), false);
      case VALUE_NUMBER_INT:
        if (tokens.getNumberType() == JsonParser.NumberType.INT || tokens.getNumberType() == JsonParser.NumberType.LONG) {
          out.append(tokens.getLongValue());
          return true;
        }
        return false;
      case VALUE_TRUE:
        out.append("true");
        return true;
      case VALUE_FALSE:
        out.append("false");
        return true;
      default:
        return false;
    }
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
