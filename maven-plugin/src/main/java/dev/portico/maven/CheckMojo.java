package dev.portico.maven;

import dev.portico.synth.run.ProjectClasses;
import dev.portico.synth.run.SynthRun;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Fails the build when the output folder differs from what {@code portico:synth} would write, with
 * a unified diff per file in the log, as {@code portico synth --check} does: bound to {@code verify},
 * it makes {@code mvn verify} catch a forgotten regeneration. Writes nothing. Findings with errors
 * fail the build too.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class CheckMojo extends StackGoal {

  /** The output folder to compare, as {@code portico:synth} writes it. Like {@code --out}. */
  @Parameter(property = "portico.out", defaultValue = "${project.basedir}/deploy")
  File outputDirectory;

  /** Compare with the layout of {@code --single-file}. */
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
      getLog().info("portico: no classes in a project of packaging pom; nothing to check");
      return;
    }
    try (ProjectClasses classes = projectClasses(
        "check runs after compilation (mvn verify), or alone with mvn compile portico:check")) {
      SynthRun.Result result = classes.withContextLoader(() -> SynthRun.run(classes.stacks(),
          new SynthRun.Options(selection(), outputDirectory.toPath(), singleFile, true,
              ignoredRules(ignore), clusterFacts(nodePortRange)), status -> {}));
      report(result.findings(), result.stacks());
      for (String diff : result.diffs()) {
        getLog().error(diff.endsWith("\n") ? diff.substring(0, diff.length() - 1) : diff);
      }
      if (result.exitCode() != 0) {
        throw new MojoFailureException(result.summary() + (result.diffs().isEmpty() ? ""
            : "; run mvn portico:synth and commit the result"));
      }
      getLog().info(result.summary());
    }
  }
}
