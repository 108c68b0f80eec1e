package dev.portico.synth.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.synth.validate.Finding;
import java.util.List;

/** {@code --format json}: one array of {@code {file, line, severity, object, path, message, rule, environments}}. */
final class JsonFindings {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonFindings() {}

  static String render(List<Finding> findings) {
    if (findings.isEmpty()) {
      return "[]\n";
    }
    ArrayNode array = MAPPER.createArrayNode();
    for (Finding finding : findings) {
      ObjectNode node = array.addObject();
      node.put("file", finding.location().file());
      node.put("line", finding.location().line());
      node.put("severity", finding.severity().label());
      node.put("object", finding.object());
      node.put("path", finding.path());
      node.put("message", finding.message());
      node.put("rule", finding.rule());
      ArrayNode environments = node.putArray("environments");
      finding.environments().forEach(environments::add);
    }
    return pretty(array);
  }

  /** Two-space indentation, {@code "key": value}, a final newline: as {@code routes --format json}. */
  static String pretty(JsonNode node) {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"))
        .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    try {
      return MAPPER.writer(printer).writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
