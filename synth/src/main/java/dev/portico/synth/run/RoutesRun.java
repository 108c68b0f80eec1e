package dev.portico.synth.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.dsl.StackDefinition;
import dev.portico.synth.StackOutput;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.UsageException;
import dev.portico.synth.report.PrettyJson;
import dev.portico.synth.routes.RouteTable;
import dev.portico.synth.validate.Finding;
import java.io.IOException;
import java.util.List;

/** {@code portico routes} and {@code portico:routes}: how every app of the synthesized stacks is reached. */
public final class RoutesRun {
  private RoutesRun() {}

  /** How the routes are printed. */
  public enum Format {
    /** Aligned columns, a section per stack and environment. */
    table,
    /** One array of {@code {stack, environment, services, http, mesh}}. */
    json,
    /** A flowchart per stack and environment, each in a {@code ```mermaid} block of Markdown. */
    mermaid
  }

  /**
   * What a run showed.
   *
   * @param exitCode 0, or 1 when the stacks have errors (then {@code routes} is empty)
   * @param findings every finding, sorted
   * @param routes the routes in the format asked for
   * @param summary one line
   */
  public record Result(int exitCode, List<Finding> findings, String routes, String summary) {
    public Result {
      findings = List.copyOf(findings);
    }
  }

  /**
   * Synthesizes the selected stacks, writing nothing, and renders their routes.
   *
   * @throws UsageException for an unknown stack, environment or parameter, or a bad value
   */
  public static Result run(List<StackDefinition> registered, Selection selection, Format format) throws IOException {
    long start = System.nanoTime();
    List<StackDefinition> selected = selection.select(registered);
    Synthesis synthesis = Synthesizer.synthesize(selected, selection.environments(), selection.settings());
    String summary = "portico routes: " + Counts.synthesis(selected.size(), synthesis) + "; "
        + Counts.findings(synthesis.findings());
    if (synthesis.hasErrors()) {
      return new Result(1, synthesis.findings(), "", summary + "; no routes shown (" + Counts.seconds(start) + ")");
    }
    String routes = switch (format) {
      case table -> table(synthesis);
      case json -> json(synthesis);
      case mermaid -> mermaid(synthesis);
    };
    return new Result(0, synthesis.findings(), routes, summary + " (" + Counts.seconds(start) + ")");
  }

  private static RouteTable routes(StackOutput output) {
    return RouteTable.of(output.resources(), output.apps(), output.calls());
  }

  private static String title(StackOutput output) {
    return output.stack() + " / " + output.environment();
  }

  static String table(Synthesis synthesis) {
    StringBuilder out = new StringBuilder();
    for (StackOutput output : synthesis.outputs()) {
      if (out.length() > 0) {
        out.append('\n');
      }
      String title = "== " + title(output) + " ==";
      out.append(title).append("\n\n").append(routes(output).table());
    }
    return out.toString();
  }

  static String json(Synthesis synthesis) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode sections = mapper.createArrayNode();
    for (StackOutput output : synthesis.outputs()) {
      ObjectNode section = sections.addObject();
      section.put("stack", output.stack());
      section.put("environment", output.environment());
      section.setAll((ObjectNode) mapper.readTree(routes(output).json()));
    }
    return PrettyJson.write(sections);
  }

  static String mermaid(Synthesis synthesis) {
    StringBuilder out = new StringBuilder();
    for (StackOutput output : synthesis.outputs()) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append("**").append(title(output)).append("**\n\n```mermaid\n").append(routes(output).mermaid())
          .append("```\n");
    }
    return out.toString();
  }
}
