package dev.portico.synth.cli;

import dev.portico.synth.report.FindingFormat;
import dev.portico.synth.report.FindingReport;
import dev.portico.synth.report.SourcePaths;
import dev.portico.synth.run.ValidateRun;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code portico validate}: the synthesizer's rules on manifests from anywhere. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
        "Checks manifests from anywhere with the rules synth applies.",
        "",
        "Checks Kubernetes manifests with the rules portico synth applies: the API server's validation",
        "of Services, ServiceAccounts, Ingresses, IngressClasses, NetworkPolicies, Namespaces and object",
        "metadata; the Gateway API",
        "v1.5 standard CRDs' rules for GatewayClasses, Gateways, ListenerSets, HTTPRoutes, GRPCRoutes,",
        "TLSRoutes, ReferenceGrants and BackendTLSPolicies (experimental-channel fields are warnings",
        "naming the channel); Istio's webhook validation (every version Istio serves) of VirtualServices, DestinationRules,",
        "Gateways, ServiceEntries, Sidecars, WorkloadEntries, WorkloadGroups, PeerAuthentications,",
        "RequestAuthentications, AuthorizationPolicies, Telemetry and EnvoyFilters;",
        "field names, value types and enum values; and cross-resource checks (selectors that match no",
        "workload, target ports no container declares, node-port clashes, backends that name no Service,",
        "references across namespaces without a ReferenceGrant, classes the input lacks,",
        "two owners of one host and path, NetworkPolicies that select no workload or deny a route of the",
        "input, STRICT mTLS behind a non-Istio ingress or a node port, mesh namespaces without sidecar",
        "injection, and istioctl analyze's IST0101, IST0109, IST0118, IST0162, IST0173).",
        "Prints one finding a line: FILE:LINE: SEVERITY: KIND/NAME: FIELD.PATH: MESSAGE [RULE-ID].",
        "Kinds it does not check yet are reported as warnings, never silently passed. Selectors are",
        "compared with the workloads in the input; when a namespace has workloads but none matches,",
        "that is a warning (the pods may live elsewhere); a namespace with none is not compared.",
        "An object with a schema finding is still checked by every rule and still referenced: the bad value is",
        "coerced (port: \"80\") or left out, and reported once. Messages name YAML fields, never the Java DSL.",
        "Clusters (duplicate names, node-port clashes, host and path owners, IST0109, policies): each kustomization",
        "no other one includes is one cluster, its build: the files its resources list and those of its bases and",
        "components, recursively (a base of two overlays is in both; files and bases it names are read even outside",
        "the paths given); standard input is one cluster (helm template | portico validate -); any other file is",
        "one. References (backends, destinations) are looked up across the whole input. Kustomize is not run:",
        "objects are checked as written, remote bases, Helm charts and generators are not read, and patches are",
        "checked as patches (field names and types, their target; JSON 6902 operations), not as broken objects.",
        "YAML is read as Kubernetes reads it: aliases expanded, merge keys applied, YAML 1.1 scalars (yes, on, 0x1F).",
        "An input that is not UTF-8, larger than 64 MiB, unreadable, or (a stream) silent for 30 s is a finding",
        "for that input; the others are still checked.",
        "Findings go to standard output, the one-line summary to standard error.",
        "Exit 0 when there is no error, 1 otherwise."})
final class ValidateCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private final InputStream stdin;

  ValidateCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "How findings are printed: text (the default: one line each), json (one array, for scripts), sarif "
          + "(SARIF 2.1.0, for GitHub code scanning) or github (GitHub Actions annotations).")
  FindingFormat format;

  @Option(names = "--ignore", paramLabel = "RULE-ID",
      description = "Do not report the findings of this rule (repeatable; or several ids separated by commas). Each "
          + "ignore is counted in the summary line and listed by --summary with what it silenced; an id that names "
          + "no rule is a usage error. For one object, annotate it: portico.dev/ignore: RULE-ID[,RULE-ID].")
  List<String> ignore = new ArrayList<>();

  @Option(names = "--summary",
      description = "After the findings, print to standard error a line per file (per Helm template of a stream): "
          + "documents, objects checked, patches, errors, warnings and ignored findings, the Kustomize clusters it "
          + "is in and what was not read; then each ignore with what it silenced.")
  boolean summary;

  @CommandLine.Mixin
  ClusterOptions cluster = new ClusterOptions();

  @Parameters(paramLabel = "PATH", arity = "1..*",
      description = "YAML files, folders (every .yaml/.yml below them, and kustomization files), or - for standard "
          + "input.")
  List<String> paths = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    ValidateRun.Options options = new ValidateRun.Options(paths, ValidateRun.ignoredRules(ignore, "--ignore"),
        cluster.facts(), summary);
    ValidateRun.Result result = ValidateRun.run(options, stdin);
    FindingReport.print(format, result.findings(), SourcePaths.workingDirectory(), stdout);
    if (summary) {
      result.report().forEach(stderr::println);
    }
    stderr.println(result.summary());
    stderr.flush();
    return result.exitCode();
  }
}
