package dev.portico.synth.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a multi-document YAML stream into trees, remembering the line of every field, so a
 * finding can say {@code web.yaml:7}. Duplicate keys are reported, not silently merged.
 */
final class YamlDocuments {
  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A problem that stops reading: a YAML syntax error or a duplicate key. */
  static final class Problem extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;
    final String path;

    Problem(String message, int line, String path) {
      super(message);
      this.line = line;
      this.path = path;
    }
  }

  private YamlDocuments() {}

  /**
   * The documents of {@code text}; empty documents are skipped.
   *
   * @param duplicates receives a description of each duplicate key as {@link Problem}s (reading goes on)
   * @throws Problem on a syntax error, with its line
   */
  static List<YamlDocument> read(String file, String text, List<Problem> duplicates) throws Problem {
    List<YamlDocument> documents = new ArrayList<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        int line = parser.currentTokenLocation().getLineNr();
        Map<String, Integer> lines = new HashMap<>();
        JsonNode root = value(parser, token, "", lines, duplicates);
        if (root != null && !root.isNull()) {
          documents.add(new YamlDocument(file, line, root, lines));
        }
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new Problem("YAML syntax error: " + e.getOriginalMessage().lines().findFirst().orElse(""), line, "");
    } catch (IOException e) {
      throw new Problem("cannot read: " + e.getMessage(), 0, "");
    }
    return documents;
  }

  private static JsonNode value(JsonParser parser, JsonToken token, String path, Map<String, Integer> lines,
      List<Problem> duplicates) throws IOException {
    lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
    switch (token) {
      case START_OBJECT: {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          int line = parser.currentTokenLocation().getLineNr();
          String child = path.isEmpty() ? name : path + "." + name;
          if (object.has(name)) {
            duplicates.add(new Problem("duplicate key " + name + " (the API server rejects it; an earlier "
                + "value is at line " + lines.get(child) + ")", line, child));
          }
          lines.put(child, line);
          object.set(name, value(parser, parser.nextToken(), child, lines, duplicates));
        }
        return object;
      }
      case START_ARRAY: {
        ArrayNode array = NODES.arrayNode();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          array.add(value(parser, next, path + "[" + array.size() + "]", lines, duplicates));
        }
        return array;
      }
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        switch (parser.getNumberType()) {
          case INT:
            return NODES.numberNode(parser.getIntValue());
          case LONG:
            return NODES.numberNode(parser.getLongValue());
          default:
            return NODES.numberNode(parser.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        return NODES.textNode(parser.getText());
    }
  }
}
