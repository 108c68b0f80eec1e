package dev.portico.maven;

import dev.portico.dsl.StackDefinition;
import dev.portico.synth.UsageException;
import dev.portico.synth.report.FindingFormat;
import dev.portico.synth.report.FindingReport;
import dev.portico.synth.report.SourcePaths;
import dev.portico.synth.run.ProjectClasses;
import dev.portico.synth.validate.Finding;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What every goal shares: the project, how findings are printed, and the mapping of Portico's failures to Maven's. */
abstract class PorticoMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  /**
   * How findings are printed: {@code text} (the default: one line each in the build log, as the CLI prints them),
   * {@code json}, {@code sarif} or {@code github} (GitHub Actions annotations), printed to standard output as the
   * CLI prints them.
   */
  @Parameter(property = "portico.format", defaultValue = "text")
  String format;

  /** Also write the findings as SARIF 2.1.0 to this file (for GitHub code scanning), even when there are none. */
  @Parameter(property = "portico.sarifFile")
  File sarifFile;

  /** Skip the goal. */
  @Parameter(property = "portico.skip", defaultValue = "false")
  boolean skip;

  /** Runs the goal unless skipped. */
  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("portico: skipped (portico.skip)");
      return;
    }
    try {
      run();
    } catch (UsageException e) {
      throw new MojoFailureException("portico: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("portico: " + e.getMessage(), e);
    }
  }

  abstract void run() throws MojoFailureException, IOException;

  /**
   * The rule ids of {@code values} (each item one id or several separated by commas).
   *
   * @throws UsageException for an id that names no rule
   */
  static java.util.Set<String> ignoredRules(List<String> values) {
    return dev.portico.synth.run.ValidateRun.ignoredRules(values == null ? List.of() : values, "portico.ignore");
  }

  /**
   * The cluster facts of a {@code portico.nodePortRange} value (null: the API server's defaults).
   *
   * @throws UsageException for a range that is not A-B with 1 <= A <= B <= 65535
   */
  static dev.portico.synth.validate.ClusterFacts clusterFacts(String nodePortRange) {
    return dev.portico.synth.run.ValidateRun.clusterFacts(nodePortRange, "portico.nodePortRange");
  }

  FindingFormat findingFormat() {
    try {
      return FindingFormat.of(format);
    } catch (IllegalArgumentException e) {
      throw new UsageException("format: " + e.getMessage());
    }
  }

  /**
   * Prints {@code findings} as the CLI does (text lines in the log: errors as errors, warnings as
   * warnings; other formats to standard output) and writes {@link #sarifFile}.
   */
  void report(List<Finding> findings, List<StackDefinition> stacks) throws IOException {
    SourcePaths paths = SourcePaths.of(Path.of(session.getExecutionRootDirectory()),
        project.getCompileSourceRoots().stream().map(Path::of).toList(),
        stacks.stream().map(stack -> stack.getClass().getPackageName()).toList());
    FindingFormat findingFormat = findingFormat();
    if (findingFormat == FindingFormat.TEXT) {
      for (Finding finding : findings) {
        if (finding.isError()) {
          getLog().error(finding.format());
        } else {
          getLog().warn(finding.format());
        }
      }
    } else {
      // workflow commands must start their line: printed as the CLI prints them, not through the log
      PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
      FindingReport.print(findingFormat, findings, paths, out);
    }
    if (sarifFile != null) {
      Path file = sarifFile.toPath();
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, FindingReport.render(FindingFormat.SARIF, findings, paths), StandardCharsets.UTF_8);
      getLog().info("portico: SARIF written to " + file);
    }
  }

  /**
   * The project's compiled classes and runtime dependencies.
   *
   * @throws UsageException when the classes are not compiled yet
   */
  ProjectClasses projectClasses(String goal) throws IOException {
    Path classes = Path.of(project.getBuild().getOutputDirectory());
    if (!Files.isDirectory(classes)) {
      throw new UsageException("no compiled classes in " + classes + ": " + goal);
    }
    List<Path> classpath = new ArrayList<>();
    try {
      for (String element : project.getRuntimeClasspathElements()) {
        classpath.add(Path.of(element));
      }
    } catch (org.apache.maven.artifact.DependencyResolutionRequiredException e) {
      throw new IOException("the project's runtime dependencies are not resolved: " + e.getMessage(), e);
    }
    return ProjectClasses.open(classpath.stream().filter(Files::exists).toList());
  }

  /** True for an aggregator (packaging pom), which has no classes of its own. */
  boolean isAggregator() {
    return "pom".equals(project.getPackaging());
  }
}
