package dev.portico.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build tool that recompiles only changed sources, with the earlier output on the class path
 * and as the output folder: the stack registry keeps the stacks compiled earlier, drops those whose
 * classes are gone, and still refuses a name taken by an earlier class.
 */
class IncrementalBuildTest {
  @TempDir Path dir;

  private Path source(String className, String stackName) throws IOException {
    Path file = dir.resolve("src/com/example/" + className + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "package com.example;\n"
        + "@dev.portico.dsl.annotation.PorticoStack(name = \"" + stackName + "\")\n"
        + "public final class " + className + " implements dev.portico.dsl.StackDefinition {\n"
        + "  @Override public void define(dev.portico.dsl.Stack stack) {}\n"
        + "}\n");
    return file;
  }

  /** Compiles {@code sources} into the output folder, as an incremental build would; returns the diagnostics. */
  private String compile(Path... sources) throws IOException {
    Path out = dir.resolve("classes");
    Files.createDirectories(out);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-implicit:none",
          "-classpath", out + File.pathSeparator + System.getProperty("java.class.path")));
      var task = javac.getTask(diagnostics, files, null, options, null,
          files.getJavaFileObjects(sources));
      task.setProcessors(List.of(new PorticoProcessor()));
      task.call();
    }
    return diagnostics.toString();
  }

  private String registry() throws IOException {
    return Files.readString(dir.resolve("classes/META-INF/services/dev.portico.dsl.StackDefinition"));
  }

  @Test
  void recompilingSomeStacksKeepsTheOthers() throws IOException {
    assertEquals("", compile(source("ShopStack", "shop"), source("AdminStack", "admin")));
    assertEquals("com.example.AdminStack\ncom.example.ShopStack\n", registry());

    assertEquals("", compile(source("BillingStack", "billing")));
    assertEquals("com.example.AdminStack\ncom.example.BillingStack\ncom.example.ShopStack\n", registry());

    assertEquals("", compile(source("ShopStack", "shop")));
    assertEquals("com.example.AdminStack\ncom.example.BillingStack\ncom.example.ShopStack\n", registry(),
        "recompiling a registered stack does not list it twice");
  }

  @Test
  void aStackWhoseClassIsGoneIsDropped() throws IOException {
    compile(source("ShopStack", "shop"), source("AdminStack", "admin"));
    Files.delete(dir.resolve("classes/com/example/AdminStack.class"));
    assertEquals("", compile(source("ShopStack", "shop")));
    assertEquals("com.example.ShopStack\n", registry());
  }

  @Test
  void aNameTakenByAnEarlierClassIsStillAnError() throws IOException {
    compile(source("ShopStack", "shop"));
    String diagnostics = compile(source("StoreStack", "shop"));
    assertTrue(diagnostics.contains("StoreStack.java:2: error: stack name \"shop\" is already used by "
        + "com.example.ShopStack"), diagnostics);
  }
}
