package dev.portico.maven;

import dev.portico.synth.run.ValidateRun;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks YAML manifests (hand-written ones in the repository) with the rules {@code portico synth}
 * applies, as {@code portico validate} does; fails the build on errors (and on warnings with
 * {@code failOnWarning}).
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ValidateMojo extends PorticoMojo {

  /**
   * YAML files and folders (every {@code .yaml}/{@code .yml} below them), e.g.
   * {@code <paths><path>k8s</path></paths>}, or {@code -Dportico.paths=k8s,extra.yaml}.
   */
  @Parameter(property = "portico.paths", required = true)
  List<File> paths;

  /**
   * Rule ids whose findings are not reported (counted in the summary and listed by {@code summary}), e.g.
   * {@code -Dportico.ignore=validate.not-checked}. Like {@code --ignore}; for one object, annotate it
   * {@code portico.dev/ignore: RULE-ID[,RULE-ID]}.
   */
  @Parameter(property = "portico.ignore")
  List<String> ignore;

  /** Log a line per file (documents, objects, errors, warnings, ignored) and each ignore. Like {@code --summary}. */
  @Parameter(property = "portico.summary", defaultValue = "false")
  boolean summary;

  /** The cluster's node-port range, {@code A-B} (default 30000-32767). Like {@code --node-port-range}. */
  @Parameter(property = "portico.nodePortRange")
  String nodePortRange;

  /** Fail on warnings too. */
  @Parameter(property = "portico.failOnWarning", defaultValue = "false")
  boolean failOnWarning;

  @Override
  void run() throws MojoFailureException, IOException {
    // findings name files as given: from the folder mvn runs in, as the CLI's would
    Path here = Path.of("").toAbsolutePath();
    List<String> files = paths.stream().map(file -> file.toPath().toAbsolutePath().normalize())
        .map(path -> path.startsWith(here) && !path.equals(here) ? here.relativize(path).toString() : path.toString())
        .toList();
    ValidateRun.Result result = ValidateRun.run(new ValidateRun.Options(files, ignoredRules(ignore),
        clusterFacts(nodePortRange), summary), InputStream.nullInputStream());
    report(result.findings(), List.of());
    if (summary) {
      result.report().forEach(getLog()::info);
    }
    boolean warnings = result.findings().stream().anyMatch(finding -> !finding.isError());
    if (result.exitCode() != 0 || (failOnWarning && warnings)) {
      throw new MojoFailureException(result.summary() + (result.exitCode() == 0 ? " (failOnWarning)" : ""));
    }
    getLog().info(result.summary());
  }
}
