package dev.portico.synth.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.StackDefinition;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** A user's project compiled at test time: its sources under {@code src/main/java}, its classes under {@code target/classes}. */
public final class ProjectFixture {
  private final Path root;

  public ProjectFixture(Path root) {
    this.root = root;
  }

  public Path classes() {
    return root.resolve("target/classes");
  }

  public Path root() {
    return root;
  }

  /**
   * Compiles {@code sources} (class name to source text) against portico-dsl, with no annotation
   * processor, and registers {@code registered} in {@code META-INF/services} unless it is empty.
   */
  public ProjectFixture compile(Map<String, String> sources, List<String> registered) throws Exception {
    List<String> files = new ArrayList<>();
    for (var source : sources.entrySet()) {
      Path file = root.resolve("src/main/java/" + source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      files.add(file.toString());
    }
    Files.createDirectories(classes());
    String dsl = Path.of(StackDefinition.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    List<String> args = new ArrayList<>(List.of("-proc:none", "-g", "-classpath", dsl, "-d", classes().toString()));
    args.addAll(files);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    int code = javac.run(null, null, new java.io.PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        errors.write(b);
      }
    }), args.toArray(String[]::new));
    assertTrue(code == 0, () -> "javac failed:\n" + errors);
    if (!registered.isEmpty()) {
      Path services = classes().resolve("META-INF/services/dev.portico.dsl.StackDefinition");
      Files.createDirectories(services.getParent());
      Files.writeString(services, String.join("\n", registered) + "\n");
    }
    return this;
  }

  /** A stack class {@code com.example.NAME}, annotated or not, named {@code stack}, with one Service. */
  public static String stack(String className, String stack, boolean annotated) {
    return "package com.example;\n"
        + "import dev.portico.dsl.*;\n"
        + (annotated ? "@dev.portico.dsl.annotation.PorticoStack(name = \"" + stack + "\")\n" : "")
        + "public class " + className + " implements StackDefinition {\n"
        + (annotated ? "" : "  @Override public String name() { return \"" + stack + "\"; }\n")
        + "  static final Port HTTP = Port.http(8080);\n"
        + "  @Override public void define(Stack stack) {\n"
        + "    App web = stack.app(\"web\", HTTP);\n"
        + "    stack.service(\"web\", web, s -> s.port(80, HTTP));\n"
        + "  }\n"
        + "}\n";
  }
}
