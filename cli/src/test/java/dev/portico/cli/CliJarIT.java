package dev.portico.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged portico-cli jar, run as a user runs it: {@code java -jar portico-cli-VERSION.jar ...}. */
class CliJarIT {
  private static Path jar;

  @TempDir
  Path tmp;

  @BeforeAll
  static void findJar() {
    jar = Path.of(System.getProperty("portico.cli.jar"));
    assertTrue(Files.isRegularFile(jar), "packaged: " + jar);
  }

  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
    }
  }

  private Run java(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
        jar.toString()));
    command.addAll(List.of(args));
    Path out = tmp.resolve("stdout");
    Path err = tmp.resolve("stderr");
    Process process = new ProcessBuilder(command).directory(tmp.toFile()).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    int code = process.waitFor();
    return new Run(code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void itIsOneRunnableJarWithoutExampleStacks() throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      assertEquals("dev.portico.synth.cli.Portico", file.getManifest().getMainAttributes().getValue("Main-Class"));
      assertTrue(file.getEntry("dev/portico/dsl/StackDefinition.class") != null, "the DSL is inside");
      assertTrue(file.getEntry("picocli/CommandLine.class") != null, "dependencies are inside");
      assertTrue(file.stream().noneMatch(entry -> entry.getName().startsWith("dev/portico/examples/")),
          "no example stacks");
      assertTrue(file.getEntry("META-INF/services/dev.portico.dsl.StackDefinition") == null, "no registered stacks");
    }
  }

  @Test
  void versionIsTheBuiltVersion() throws Exception {
    Run run = java("--version");

    assertEquals(0, run.code(), run::toString);
    assertTrue(run.out().matches("portico \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), run::toString);
  }

  @Test
  void withoutAClassPathThereAreNoStacksAndItSaysHowToGiveThem() throws Exception {
    Run run = java("synth", "--list");

    assertEquals(2, run.code(), run::toString);
    assertTrue(run.err().contains("no stacks are registered with this portico: give your project's compiled classes"
        + " and dependencies with --classpath"), run::toString);
  }

  @Test
  void validatesYaml() throws Exception {
    Files.writeString(tmp.resolve("web.yaml"), """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          selector:
            app: web
          ports:
          - name: HTTP
            port: 80
        """);

    Run text = java("validate", "web.yaml");
    Run sarif = java("validate", "--format", "sarif", "web.yaml");

    assertEquals(1, text.code(), text::toString);
    assertTrue(text.out().startsWith("web.yaml:9: error: Service/web: spec.ports[0].name: \"HTTP\""), text::toString);
    assertTrue(text.err().startsWith("portico validate: 1 document, 1 object checked; 1 error"), text::toString);
    assertEquals(1, sarif.code(), sarif::toString);
    assertTrue(sarif.out().contains("\"uri\": \"web.yaml\""), sarif::toString);
    assertTrue(sarif.out().contains("\"startLine\": 9"), sarif::toString);
  }

  @Test
  void synthesizesAProjectsStacksGivenWithClassPath() throws Exception {
    Path source = tmp.resolve("src/main/java/com/example/ShopStack.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, """
        package com.example;
        import dev.portico.dsl.*;
        public class ShopStack implements StackDefinition {
          static final Port HTTP = Port.http(8080);
          @Override public String name() { return "shop"; }
          @Override public void define(Stack stack) {
            stack.service("web", stack.app("web", HTTP), s -> s.port(80, HTTP));
          }
        }
        """);
    Path classes = tmp.resolve("target/classes");
    Files.createDirectories(classes.resolve("META-INF/services"));
    Files.writeString(classes.resolve("META-INF/services/dev.portico.dsl.StackDefinition"), "com.example.ShopStack\n");
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-proc:none", "-classpath",
        jar.toString(), "-d", classes.toString(), source.toString()));

    Run list = java("synth", "--list", "-cp", "target/classes");
    Run synth = java("synth", "-cp", "target/classes", "--out", "deploy");

    assertEquals(0, list.code(), list::toString);
    assertEquals("shop  namespace shop  environments default  (com.example.ShopStack)\n", list.out());
    assertEquals(0, synth.code(), synth::toString);
    assertEquals("""
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: shop
        spec:
          ports:
          - name: http
            port: 80
            protocol: TCP
            targetPort: http
          selector:
            app.kubernetes.io/name: web
        """, Files.readString(tmp.resolve("deploy/shop/default/service-web.yaml")));
    assertFalse(synth.err().contains("Exception"), synth::toString);
  }
}
