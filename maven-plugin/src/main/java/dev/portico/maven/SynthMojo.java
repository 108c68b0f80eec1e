package dev.portico.maven;

import dev.portico.synth.run.ProjectClasses;
import dev.portico.synth.run.SynthRun;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Synthesizes the project's stacks into the output folder, as {@code portico synth} does:
 * {@code deploy/<stack>/<env>/<kind>-<name>.yaml} plus a {@code kustomization.yaml} per folder.
 * Compiles the project first ({@code mvn portico:synth} is enough). Every finding is printed as
 * {@code File.java:LINE: error: ...}; any error fails the build and nothing is written.
 */
@Mojo(name = "synth", defaultPhase = LifecyclePhase.PROCESS_CLASSES, requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class SynthMojo extends StackGoal {

  /**
   * The output folder, committed to the repository and applied by a GitOps engine (Argo CD, Flux):
   * {@code deploy/} beside the POM by default. Like {@code --out}.
   */
  @Parameter(property = "portico.out", defaultValue = "${project.basedir}/deploy")
  File outputDirectory;

  /** One multi-document {@code <stack>/<env>.yaml} per environment instead of a folder. Like {@code --single-file}. */
  @Parameter(property = "portico.singleFile", defaultValue = "false")
  boolean singleFile;

  /**
   * Rule ids whose warnings are not reported (counted in the summary), e.g.
   * {@code -Dportico.ignore=envoyfilter.version-sensitive}; errors are always reported. Like {@code --ignore}.
   */
  @Parameter(property = "portico.ignore")
  List<String> ignore;

  /** The cluster's node-port range, {@code A-B} (default 30000-32767). Like {@code --node-port-range}. */
  @Parameter(property = "portico.nodePortRange")
  String nodePortRange;

  @Override
  void run() throws MojoFailureException, IOException {
    if (isAggregator()) {
      getLog().info("portico: no classes in a project of packaging pom; nothing to synthesize");
      return;
    }
    try (ProjectClasses classes = projectClasses("compile the project first (mvn compile portico:synth)")) {
      SynthRun.Result result = classes.withContextLoader(() -> SynthRun.run(classes.stacks(),
          new SynthRun.Options(selection(), outputDirectory.toPath(), singleFile, false,
              ignoredRules(ignore), clusterFacts(nodePortRange)), status -> {}));
      report(result.findings(), result.stacks());
      if (result.exitCode() != 0) {
        throw new MojoFailureException(result.summary());
      }
      getLog().info(result.summary());
    }
  }
}
