package dev.portico.maven;

import dev.portico.dsl.StackDefinition;
import dev.portico.synth.UsageException;
import dev.portico.synth.run.ProjectClasses;
import dev.portico.synth.run.RoutesRun;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Shows how every app of the project's stacks is reached, per stack and environment, as
 * {@code portico routes} does: a table, JSON or a Mermaid flowchart, in the log or a file. Compiles
 * the project first. Writes no manifests.
 */
@Mojo(name = "routes", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class RoutesMojo extends StackGoal {

  /** {@code table} (the default), {@code json} or {@code mermaid}. Like {@code routes --format}. */
  @Parameter(property = "portico.routes.format", defaultValue = "table")
  String routesFormat;

  /** Write the routes to this file instead of the log. */
  @Parameter(property = "portico.routes.outputFile")
  File routesFile;

  @Override
  void run() throws MojoFailureException, IOException {
    if (isAggregator()) {
      getLog().info("portico: no classes in a project of packaging pom; no routes");
      return;
    }
    RoutesRun.Format chosen;
    try {
      chosen = RoutesRun.Format.valueOf(routesFormat.trim().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("routesFormat \"" + routesFormat + "\": use table, json or mermaid");
    }
    try (ProjectClasses classes = projectClasses("compile the project first (mvn compile portico:routes)")) {
      List<StackDefinition> stacks = classes.stacks();
      RoutesRun.Result result = classes.withContextLoader(() -> RoutesRun.run(stacks, selection(), chosen));
      report(result.findings(), stacks);
      if (result.exitCode() != 0) {
        throw new MojoFailureException(result.summary());
      }
      if (routesFile != null) {
        if (routesFile.getParentFile() != null) {
          Files.createDirectories(routesFile.getParentFile().toPath());
        }
        Files.writeString(routesFile.toPath(), result.routes(), StandardCharsets.UTF_8);
        getLog().info("portico: routes written to " + routesFile);
      } else {
        for (String line : result.routes().stripTrailing().split("\n", -1)) {
          getLog().info(line);
        }
      }
      getLog().info(result.summary());
    }
  }
}
