package dev.portico.synth.report;

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
    return PrettyJson.write(array);
  }
}
