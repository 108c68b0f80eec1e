package dev.portico.synth.cli;

import dev.portico.dsl.StackDefinition;
import dev.portico.synth.UsageException;
import dev.portico.synth.run.ProjectClasses;
import dev.portico.synth.run.Selection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What the commands that synthesize share: whose stacks ({@code --classpath}), which stacks and
 * environments, with which parameters ({@code --stack}, {@code --env}, {@code --set}).
 */
final class StackOptions {

  @Option(names = {"-cp", "--classpath"}, paramLabel = "PATH",
      description = "Your project's compiled classes and dependencies, where its stacks are registered: folders and jars "
          + "separated by ':' (';' on Windows), DIR/* for every jar in DIR, e.g. "
          + "-cp target/classes:$(cat cp.txt). Default: the classes this portico runs with (./portico: the bundled examples).")
  String classpath;

  @Option(names = "--stack", paramLabel = "NAME",
      description = "Only this stack (repeatable). Default: every registered stack.")
  List<String> stacks = new ArrayList<>();

  @Option(names = "--env", paramLabel = "ENV",
      description = "Only this environment (repeatable). Default: every environment each stack declares.")
  List<String> environments = new ArrayList<>();

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Set a stack parameter (repeatable), e.g. --set replicas=3. See synth --list for the parameters.")
  Map<String, String> settings = new LinkedHashMap<>();

  /** The stacks registered where {@code --classpath} says, open until closed. */
  record Registered(List<StackDefinition> stacks, ProjectClasses classes) implements AutoCloseable {
    /** Runs {@code work} as {@link ProjectClasses#withContextLoader} does with {@code --classpath}. */
    <T> T run(ProjectClasses.Work<T> work) throws IOException {
      return classes == null ? work.run() : classes.withContextLoader(work);
    }

    @Override
    public void close() throws IOException {
      if (classes != null) {
        classes.close();
      }
    }
  }

  /**
   * The registered stacks: the project's with {@code --classpath}, otherwise those the context class loader registers.
   *
   * @throws UsageException when none is registered, saying how stacks are registered
   */
  Registered registered() throws IOException {
    if (classpath == null) {
      return new Registered(ProjectClasses.registered(Thread.currentThread().getContextClassLoader(),
          "with this portico: give your project's compiled classes and dependencies with --classpath, e.g. "
              + "--classpath target/classes:$(cat cp.txt) after mvn compile dependency:build-classpath "
              + "-Dmdep.outputFile=cp.txt"), null);
    }
    ProjectClasses classes = ProjectClasses.open(ProjectClasses.parse(classpath));
    try {
      return new Registered(classes.stacks(), classes);
    } catch (RuntimeException e) {
      classes.close();
      throw e;
    }
  }

  Selection selection() {
    return new Selection(stacks, environments, settings);
  }

  /**
   * Where the stacks' sources probably are, for findings' paths in SARIF and GitHub annotations:
   * {@code src/main/java}, and beside each {@code --classpath} folder {@code X/target/classes}
   * (Maven) or {@code X/build/classes/java/main} (Gradle), {@code X/src/main/java}.
   */
  List<Path> sourceRoots() {
    List<Path> roots = new ArrayList<>(List.of(Path.of("src", "main", "java")));
    if (classpath != null) {
      for (Path entry : ProjectClasses.parse(classpath)) {
        Path absolute = entry.toAbsolutePath().normalize();
        if (absolute.endsWith(Path.of("target", "classes")) && absolute.getNameCount() > 2) {
          roots.add(absolute.getParent().getParent().resolve(Path.of("src", "main", "java")));
        } else if (absolute.endsWith(Path.of("build", "classes", "java", "main")) && absolute.getNameCount() > 4) {
          roots.add(absolute.getParent().getParent().getParent().getParent().resolve(Path.of("src", "main", "java")));
        }
      }
    }
    return roots;
  }
}
