package dev.portico.synth.run;

import dev.portico.dsl.StackDefinition;
import dev.portico.synth.PorticoVersion;
import dev.portico.synth.StackRegistry;
import dev.portico.synth.UsageException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A project's compiled classes and dependencies, loaded so that its stacks run on this Portico:
 * Portico's own classes ({@code dev.portico.dsl}, {@code dev.portico.synth}) come from the
 * loader that loaded Portico, so {@code StackDefinition} is one class for Portico and the stacks,
 * and every other class comes from the project's class path (never from Portico's dependencies).
 * Used by {@code portico --classpath} and by the Maven goals.
 */
public final class ProjectClasses implements AutoCloseable {
  private static final String SERVICES = "META-INF/services/" + StackDefinition.class.getName();
  private static final String DSL_POM = "META-INF/maven/dev.portico/portico-dsl/pom.properties";
  private static final byte[] STACK_ANNOTATION =
      "Ldev/portico/dsl/annotation/PorticoStack;".getBytes(StandardCharsets.UTF_8);

  private final List<Path> classpath;
  private final URLClassLoader loader;

  private ProjectClasses(List<Path> classpath, ClassLoader portico) {
    this.classpath = List.copyOf(classpath);
    URL[] urls = new URL[classpath.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = classpath.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new UsageException("class path entry " + classpath.get(i) + " is not a valid path: " + e.getMessage());
      }
    }
    this.loader = new URLClassLoader("portico-project", urls, new PorticoFirst(portico));
  }

  /**
   * The classes of {@code classpath} (folders and jars), over the Portico that loaded this class.
   *
   * @throws UsageException when an entry does not exist
   */
  public static ProjectClasses open(List<Path> classpath) {
    for (Path entry : classpath) {
      if (!Files.exists(entry)) {
        throw new UsageException("class path entry " + entry + " does not exist");
      }
    }
    return new ProjectClasses(classpath, ProjectClasses.class.getClassLoader());
  }

  /**
   * A class path as {@code java -cp} takes it: entries separated by the platform's separator
   * ({@code :} or {@code ;}); {@code DIR/*} stands for every jar in {@code DIR}.
   */
  public static List<Path> parse(String classpath) {
    List<Path> entries = new ArrayList<>();
    for (String entry : classpath.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
      if (entry.isBlank()) {
        continue;
      }
      if (entry.endsWith("/*") || entry.endsWith(File.separator + "*") || entry.equals("*")) {
        Path dir = Path.of(entry.length() == 1 ? "." : entry.substring(0, entry.length() - 2));
        if (!Files.isDirectory(dir)) {
          throw new UsageException("class path entry " + entry + ": " + dir + " is not a folder");
        }
        try (Stream<Path> jars = Files.list(dir)) {
          jars.filter(jar -> jar.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jar")).sorted()
              .forEach(entries::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        continue;
      }
      entries.add(Path.of(entry));
    }
    return entries;
  }

  /** The loader of the project's classes. */
  public ClassLoader loader() {
    return loader;
  }

  /**
   * The project's registered stacks, sorted by name.
   *
   * @throws UsageException when none is registered (saying how stacks are registered, and that
   *     the annotation processor did not run when the project's class folders hold
   *     {@code @PorticoStack} classes but no registry); when the project has another version of
   *     portico-dsl; or as {@link StackRegistry#load}
   */
  public List<StackDefinition> stacks() {
    checkDslVersion();
    List<StackDefinition> stacks = StackRegistry.load(loader);
    if (stacks.isEmpty()) {
      throw new UsageException(noStacks(classFolders(), "on the class path " + describe(classpath)));
    }
    return stacks;
  }

  /**
   * The stacks registered to {@code loader} (the CLI without {@code --classpath}).
   *
   * @param hint appended when there is none, e.g. how to give the project's classes
   * @throws UsageException when none is registered, or as {@link StackRegistry#load}
   */
  public static List<StackDefinition> registered(ClassLoader loader, String hint) {
    List<StackDefinition> stacks = StackRegistry.load(loader);
    if (stacks.isEmpty()) {
      throw new UsageException(noStacks(List.of(), hint));
    }
    return stacks;
  }

  /** A step that may fail with an {@link IOException}. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code work} with the project's loader as the thread's context class loader, so a stack
   * that reads its own resources through it finds them, then restores the previous one.
   */
  public <T> T withContextLoader(Work<T> work) throws IOException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return work.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public void close() throws IOException {
    loader.close();
  }

  private List<Path> classFolders() {
    return classpath.stream().filter(Files::isDirectory).toList();
  }

  private static String describe(List<Path> classpath) {
    if (classpath.isEmpty()) {
      return "(empty)";
    }
    String first = classpath.get(0).toString();
    int more = classpath.size() - 1;
    return more == 0 ? first : first + " and " + Counts.plural(more, "more entry", "more entries");
  }

  /** Why no stack is found, and how stacks are registered. */
  static String noStacks(List<Path> classFolders, String where) {
    List<String> annotated = annotatedWithoutRegistry(classFolders);
    String how = "A stack is a public class implementing dev.portico.dsl.StackDefinition with a public no-argument"
        + " constructor, registered by annotating it @PorticoStack and compiling with dev.portico:portico-processor in"
        + " the maven-compiler-plugin's annotationProcessorPaths, or by listing it in " + SERVICES + ".";
    if (!annotated.isEmpty()) {
      return "no stacks are registered " + where + ", but " + annotated.get(0)
          + (annotated.size() > 1 ? " and " + (annotated.size() - 1) + " more" : "")
          + " carry @PorticoStack: the annotation processor did not run, so no " + SERVICES + " was written. Add"
          + " dev.portico:portico-processor to the maven-compiler-plugin's annotationProcessorPaths (needed on every"
          + " JDK) and rebuild (mvn clean compile).";
    }
    return "no stacks are registered " + where + ". " + how;
  }

  /** Classes under {@code folders} annotated {@code @PorticoStack} in folders without a registry. */
  private static List<String> annotatedWithoutRegistry(List<Path> folders) {
    List<String> classes = new ArrayList<>();
    for (Path folder : folders) {
      if (Files.exists(folder.resolve(SERVICES))) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(folder)) {
        walk.filter(file -> file.toString().endsWith(".class") && Files.isRegularFile(file)).sorted()
            .filter(ProjectClasses::annotated)
            .forEach(file -> {
              String name = folder.relativize(file).toString().replace(File.separatorChar, '.');
              classes.add(name.substring(0, name.length() - ".class".length()) + " (in " + folder + ")");
            });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return classes;
  }

  /** Whether a class file names the {@code @PorticoStack} type (in its constant pool, as an annotation does). */
  private static boolean annotated(Path classFile) {
    try {
      byte[] bytes = Files.readAllBytes(classFile);
      outer:
      for (int i = 0; i <= bytes.length - STACK_ANNOTATION.length; i++) {
        for (int j = 0; j < STACK_ANNOTATION.length; j++) {
          if (bytes[i + j] != STACK_ANNOTATION[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A portico-dsl jar of another version on the project's class path would be ignored silently: say so instead. */
  private void checkDslVersion() {
    String ours = PorticoVersion.get();
    try {
      Enumeration<URL> poms = loader.findResources(DSL_POM);
      while (poms.hasMoreElements()) {
        URL pom = poms.nextElement();
        Properties properties = new Properties();
        try (InputStream in = pom.openStream()) {
          properties.load(in);
        }
        String theirs = properties.getProperty("version");
        if (theirs != null && !theirs.equals(ours)) {
          throw new UsageException("the project uses portico-dsl " + theirs + " but this Portico is " + ours
              + "; stacks run on the Portico that runs them, so use one version for portico-dsl, portico-processor"
              + " and the plugin or CLI (e.g. one portico.version property)");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The parent of the project's loader: Portico's own classes from the loader that loaded Portico,
   * the JDK's from the platform loader, nothing else (so the project's own dependencies win).
   */
  private static final class PorticoFirst extends ClassLoader {
    private final ClassLoader portico;

    PorticoFirst(ClassLoader portico) {
      super("portico-shared", ClassLoader.getPlatformClassLoader());
      this.portico = portico;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("dev.portico.dsl.") || name.startsWith("dev.portico.synth.")) {
        try {
          return portico.loadClass(name);
        } catch (ClassNotFoundException e) {
          // not Portico's: the project's own class in a dev.portico package
        }
      }
      return super.loadClass(name, resolve);
    }
  }
}
