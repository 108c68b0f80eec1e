package dev.portico.synth.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.synth.PorticoVersion;
import dev.portico.synth.validate.Finding;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A SARIF 2.1.0 log of one run, in the shape GitHub code scanning accepts: {@code tool.driver}
 * with Portico's name, version and every rule that has a result (id, short description, help),
 * and per finding a result with {@code ruleId}, {@code level}, the message and a physical location
 * (a URI relative to the working folder and {@code region.startLine}; line 1 when a finding is
 * about a whole file, since GitHub requires a start line).
 */
final class SarifLog {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private SarifLog() {}

  static String render(List<Finding> findings, SourcePaths paths) {
    ObjectNode log = JsonFindings.MAPPER.createObjectNode();
    log.put("$schema", SCHEMA);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "Portico");
    driver.put("version", PorticoVersion.get());
    List<String> rules = new ArrayList<>(new TreeSet<>(findings.stream().map(Finding::rule).toList()));
    ArrayNode ruleNodes = driver.putArray("rules");
    for (String rule : rules) {
      ObjectNode node = ruleNodes.addObject();
      node.put("id", rule);
      node.putObject("shortDescription").put("text", RuleHelp.family(rule));
      node.putObject("help").put("text", RuleHelp.help(rule));
    }
    ArrayNode results = run.putArray("results");
    for (Finding finding : findings) {
      ObjectNode result = results.addObject();
      result.put("ruleId", finding.rule());
      result.put("ruleIndex", rules.indexOf(finding.rule()));
      result.put("level", finding.isError() ? "error" : "warning");
      result.putObject("message").put("text", FindingReport.message(finding));
      ObjectNode location = result.putArray("locations").addObject().putObject("physicalLocation");
      location.putObject("artifactLocation").put("uri", uri(paths.resolve(finding.location().file())));
      location.putObject("region").put("startLine", Math.max(1, finding.location().line()));
    }
    return PrettyJson.write(log);
  }

  /** A relative path as a relative URI reference ('/'-separated, percent-encoded); an absolute one as a file URI. */
  static String uri(String path) {
    if (path.startsWith("/")) {
      return Path.of(path).toUri().toString();
    }
    // a first segment with ':' would read as a scheme
    String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
    try {
      return new URI(null, null, first.contains(":") ? "./" + path : path, null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("a path is always a URI path: " + path, e);
    }
  }
}
