package dev.portico.synth.cli;

import dev.portico.synth.report.FindingFormat;
import dev.portico.synth.report.FindingReport;
import dev.portico.synth.report.SourcePaths;
import dev.portico.synth.run.RoutesRun;
import dev.portico.synth.validate.Finding;
import java.io.PrintWriter;
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

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  StackOptions selection = new StackOptions();

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "Output format: table (the default: aligned columns, a section per stack and environment), json "
          + "(one array of {stack, environment, services, http, mesh}) or mermaid (a flowchart per stack and environment, "
          + "host/path -> Service:port -> app, with mesh splits and who may call whom, each in a ```mermaid block of "
          + "Markdown, which GitHub renders).")
  RoutesRun.Format format;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    try (StackOptions.Registered registered = selection.registered()) {
      RoutesRun.Result result = registered.run(() -> RoutesRun.run(registered.stacks(), selection.selection(), format));
      if (result.exitCode() != 0) {
        FindingReport.print(FindingFormat.TEXT, result.findings(), SourcePaths.workingDirectory(), stdout);
      } else {
        for (Finding finding : result.findings()) {
          stderr.println(finding.format());
        }
        stderr.flush();
        stdout.print(result.routes());
        stdout.flush();
      }
      stderr.println(result.summary());
      stderr.flush();
      return result.exitCode();
    }
  }
}
