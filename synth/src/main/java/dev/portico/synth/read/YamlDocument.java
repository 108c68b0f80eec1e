package dev.portico.synth.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.dsl.SourceLocation;
import dev.portico.synth.validate.Locator;

/**
 * One YAML document (or an item of a {@code kind: List} in one) with the line of every field in it.
 *
 * @param file the file as the user named it
 * @param line the document's first line
 * @param root the parsed tree
 * @param lines the lines of {@code root} and everything in it
 */
record YamlDocument(String file, int line, JsonNode root, YamlLines lines) implements Locator {

  /** Item {@code index} of a {@code kind: List}. */
  YamlDocument listItem(int index) {
    YamlLines item = lines.find("items[" + index + "]");
    return new YamlDocument(file, item.line(), root.get("items").get(index), item);
  }

  @Override
  public SourceLocation locate(String path) {
    return new SourceLocation(file, path.isEmpty() ? line : lines.find(path).line());
  }
}
