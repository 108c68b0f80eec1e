package dev.portico.synth.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.dsl.SourceLocation;
import dev.portico.synth.validate.Locator;
import java.util.Map;

/**
 * One YAML document with the line of every field path in it.
 *
 * @param file the file as the user named it
 * @param line the document's first line
 * @param root the parsed tree
 * @param lines field path (e.g. {@code spec.ports[1].name}) to 1-based line, for the whole
 *     document this one is part of
 * @param prefix where {@code root} stands in that document: "" for a document, {@code items[3]}
 *     for an item of a {@code kind: List}
 */
record YamlDocument(String file, int line, JsonNode root, Map<String, Integer> lines, String prefix)
    implements Locator {

  /** A whole document. */
  YamlDocument(String file, int line, JsonNode root, Map<String, Integer> lines) {
    this(file, line, root, lines, "");
  }

  /** Item {@code index} of a {@code kind: List}, located in this document's lines. */
  YamlDocument listItem(int index) {
    String path = "items[" + index + "]";
    return new YamlDocument(file, locate(path).line(), root.get("items").get(index), lines, absolute(path));
  }

  @Override
  public SourceLocation locate(String path) {
    for (String p = absolute(path); !p.isEmpty(); p = Locator.parent(p)) {
      Integer found = lines.get(p);
      if (found == null && p.endsWith("]")) {
        // rules name map entries as labels[key]; the reader records them as labels.key
        String key = p.substring(p.lastIndexOf('[') + 1, p.length() - 1);
        if (!key.chars().allMatch(Character::isDigit)) {
          found = lines.get(p.substring(0, p.lastIndexOf('[')) + "." + key);
        }
      }
      if (found != null) {
        return new SourceLocation(file, found);
      }
    }
    return new SourceLocation(file, line);
  }

  private String absolute(String path) {
    if (prefix.isEmpty()) {
      return path;
    }
    return path.isEmpty() ? prefix : prefix + "." + path;
  }
}
