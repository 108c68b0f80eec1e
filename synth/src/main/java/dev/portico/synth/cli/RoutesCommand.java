package dev.portico.synth.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.dsl.StackDefinition;
import dev.portico.synth.StackOutput;
import dev.portico.synth.Synthesis;
import dev.portico.synth.routes.RouteTable;
import dev.portico.synth.validate.Finding;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code portico routes}: how every app of the synthesized stacks is reached. */
@Command(
    name = "routes",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Shows how every app is reached, per stack and environment.",
        "",
        "Synthesizes the stacks as synth does and reads the Services, Ingresses, HTTPRoutes, Gateways and Istio",
        "VirtualServices it would write (it writes nothing). Services: one row per port with the in-cluster",
        "DNS name and port (web.shop.svc.cluster.local:80), the kubectl proxy URL of ClusterIP Services",
        "(http://127.0.0.1:8001/api/v1/namespaces/shop/services/web:http/proxy/), node ports, load balancers,",
        "external IPs, ExternalName aliases and the app the selector picks. HTTP routes: one row per host, path",
        "and header match, e.g. https://shop.example.com/api -> api:8080, with canary weights",
        "(web:8080 (90%%), web-next:8080 (10%%)) and the objects each row comes from. https:// means TLS with",
        "plain HTTP redirected, http(s):// TLS without the redirect. An Ingress, the Gateway API and the Istio",
        "gateway rendering of the same exposure show the same HTTP routes. Mesh routes (when the stack has a",
        "mesh): one row per VirtualService rule, with its match, its split between subsets and its timeout,",
        "retries and faults. Who may call whom (when the stack declares callers, exposures or node ports):",
        "one row per declared call with whether its NetworkPolicies and, in a mesh, mutual TLS and",
        "AuthorizationPolicies admit it, and why.",
        "",
        "With validation errors, prints the findings as synth does and exits 1; warnings go to standard error.",
        "Writes nothing. Exit codes: 0 success; 1 validation errors; 2 usage error."})
final class RoutesCommand implements Callable<Integer> {

  /** How the routes are printed. */
  enum Format { table, json, mermaid }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  StackOptions selection = new StackOptions();

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "Output format: table (the default: aligned columns, a section per stack and environment), json "
          + "(one array of {stack, environment, services, http, mesh}) or mermaid (a flowchart per stack and environment, "
          + "host/path -> Service:port -> app, with mesh splits and who may call whom, each in a ```mermaid block of "
          + "Markdown, which GitHub renders).")
  Format format;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    List<StackDefinition> selected = selection.select(StackOptions.registered());
    Synthesis synthesis = selection.synthesize(selected);
    long errors = synthesis.findings().stream().filter(Finding::isError).count();
    long warnings = synthesis.findings().size() - errors;
    String summary = "portico routes: " + SynthCommand.counts(selected.size(), synthesis) + "; "
        + SynthCommand.plural(errors, "error") + ", " + SynthCommand.plural(warnings, "warning");
    if (errors > 0) {
      for (Finding finding : synthesis.findings()) {
        stdout.println(finding.format());
      }
      stderr.println(summary + "; no routes shown (" + SynthCommand.seconds(start) + ")");
      return Portico.FINDINGS;
    }
    for (Finding finding : synthesis.findings()) {
      stderr.println(finding.format());
    }
    stdout.print(switch (format) {
      case table -> table(synthesis);
      case json -> json(synthesis);
      case mermaid -> mermaid(synthesis);
    });
    stdout.flush();
    stderr.println(summary + " (" + SynthCommand.seconds(start) + ")");
    return 0;
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

  static String json(Synthesis synthesis) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode sections = mapper.createArrayNode();
    for (StackOutput output : synthesis.outputs()) {
      ObjectNode section = sections.addObject();
      section.put("stack", output.stack());
      section.put("environment", output.environment());
      section.setAll((ObjectNode) mapper.readTree(routes(output).json()));
    }
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"))
        .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    return mapper.writer(printer).writeValueAsString(sections) + "\n";
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
