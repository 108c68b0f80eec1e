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
 * maps and lists, nested lists) makes it decline: {@link #result} is then null, and the caller
 * uses the reference pipeline.
 *
 * <p>It takes the object's serialization as events ({@link TokenSink}), from {@link ModelTokens}
 * or replayed from Jackson's tokens ({@link #write(JsonParser)}). One instance per thread; {@link
 * #reset} before each object.
 */
final class FastYaml implements TokenSink {
  /** Jackson's {@code YAMLGenerator.PLAIN_NUMBER_P}, quoted under {@code ALWAYS_QUOTE_NUMBERS_AS_STRINGS}. */
  private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9]*(\\.[0-9]*)?");
  private static final String SPACES = " ".repeat(64);
  private static final int MAX_DEPTH = 64;

  private final YamlQuoting quoting;
  private final StringBuilder out = new StringBuilder(512);
  /** The open mappings and sequences, innermost last: kind, indent, nothing in it yet, first key after "- ". */
  private final boolean[] mapping = new boolean[MAX_DEPTH];
  private final int[] indents = new int[MAX_DEPTH];
  private final boolean[] empty = new boolean[MAX_DEPTH];
  private final boolean[] inItem = new boolean[MAX_DEPTH];
  private int depth;
  /** A key was written and waits for its value. */
  private boolean afterKey;
  private boolean started;
  private boolean declined;

  FastYaml(YamlQuoting quoting) {
    this.quoting = quoting;
  }

  /** Ready for the next object. */
  void reset() {
    out.setLength(0);
    depth = 0;
    afterKey = false;
    started = false;
    declined = false;
  }

  /** The object written since {@link #reset} as a YAML document; null when it was not the common case. */
  String result() {
    return declined || !started || depth != 0 ? null : out.toString();
  }

  /**
   * The object whose serialization {@code tokens} replays, as a YAML document; null when it is not
   * the common case.
   */
  String write(JsonParser tokens) throws IOException {
    reset();
    for (JsonToken token = tokens.nextToken(); token != null && !declined; token = tokens.nextToken()) {
      switch (token) {
        case START_OBJECT -> writeStartObject();
        case END_OBJECT -> writeEndObject();
        case START_ARRAY -> writeStartArray();
        case END_ARRAY -> writeEndArray();
        case FIELD_NAME -> writeFieldName(tokens.currentName());
        case VALUE_STRING -> writeString(tokens.getText());
        case VALUE_NUMBER_INT -> {
          if (tokens.getNumberType() == JsonParser.NumberType.INT
              || tokens.getNumberType() == JsonParser.NumberType.LONG) {
            writeNumber(tokens.getLongValue());
          } else {
            declined = true;
          }
        }
        case VALUE_TRUE -> writeBoolean(true);
        case VALUE_FALSE -> writeBoolean(false);
        default -> declined = true;
      }
    }
    return result();
  }

  @Override
  public void writeStartObject() {
    if (declined) {
      return;
    }
    if (depth == 0) {
      if (started) {
        declined = true;
        return;
      }
      started = true;
      push(true, 0, false);
    } else if (afterKey) {
      out.append('\n');
      afterKey = false;
      push(true, indents[depth - 1] + 2, false);
    } else if (!mapping[depth - 1]) {
      int indent = indents[depth - 1];
      empty[depth - 1] = false;
      indent(indent);
      out.append("- ");
      push(true, indent + 2, true);
    } else {
      declined = true;
    }
  }

  @Override
  public void writeEndObject() {
    if (declined) {
      return;
    }
    if (depth == 0 || !mapping[depth - 1] || afterKey || empty[depth - 1]) {
      declined = true; // an empty map is written "{}": not the common case
      return;
    }
    depth--;
  }

  @Override
  public void writeStartArray() {
    if (declined) {
      return;
    }
    if (!afterKey) {
      declined = true; // a top-level or nested list
      return;
    }
    out.append('\n');
    afterKey = false;
    push(false, indents[depth - 1], false); // Jackson's indentless style: "- " under the key
  }

  @Override
  public void writeEndArray() {
    if (declined) {
      return;
    }
    if (depth == 0 || mapping[depth - 1] || empty[depth - 1]) {
      declined = true; // an empty list is written "[]": not the common case
      return;
    }
    depth--;
  }

  @Override
  public void writeFieldName(String name) {
    if (declined) {
      return;
    }
    if (depth == 0 || !mapping[depth - 1] || afterKey) {
      declined = true;
      return;
    }
    if (!(empty[depth - 1] && inItem[depth - 1])) {
      indent(indents[depth - 1]);
    }
    empty[depth - 1] = false;
    if (!scalarText(name, true)) {
      declined = true;
      return;
    }
    out.append(':');
    afterKey = true;
  }

  @Override
  public void writeString(String value) {
    if (beforeScalar()) {
      if (scalarText(value, false)) {
        out.append('\n');
      } else {
        declined = true;
      }
    }
  }

  @Override
  public void writeNumber(int value) {
    writeNumber((long) value);
  }

  @Override
  public void writeNumber(long value) {
    if (beforeScalar()) {
      out.append(value).append('\n');
    }
  }

  @Override
  public void writeNumber(double value) {
    declined = true; // floats: not the common case
  }

  @Override
  public void writeBoolean(boolean value) {
    if (beforeScalar()) {
      out.append(value).append('\n');
    }
  }

  /** Writes what comes before a scalar (a space after a key, or "- " in a sequence); false when none may come. */
  private boolean beforeScalar() {
    if (declined) {
      return false;
    }
    if (afterKey) {
      out.append(' ');
      afterKey = false;
      return true;
    }
    if (depth > 0 && !mapping[depth - 1]) {
      empty[depth - 1] = false;
      indent(indents[depth - 1]);
      out.append("- ");
      return true;
    }
    declined = true;
    return false;
  }

  private void push(boolean isMapping, int indent, boolean item) {
    if (depth == MAX_DEPTH) {
      declined = true;
      return;
    }
    mapping[depth] = isMapping;
    indents[depth] = indent;
    empty[depth] = true;
    inItem[depth] = item;
    depth++;
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
