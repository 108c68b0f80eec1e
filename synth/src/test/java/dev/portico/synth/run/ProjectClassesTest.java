package dev.portico.synth.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.StackDefinition;
import dev.portico.synth.PorticoVersion;
import dev.portico.synth.UsageException;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's project's classes, loaded over Portico: its registered stacks, and why there are none. */
class ProjectClassesTest {
  @TempDir
  Path tmp;

  private ProjectFixture project(Map<String, String> sources, List<String> registered) throws Exception {
    return new ProjectFixture(tmp.resolve("project")).compile(sources, registered);
  }

  @Test
  void registeredStacksRunOnPorticosOwnStackDefinition() throws Exception {
    ProjectFixture project = project(Map.of("com.example.ShopStack", ProjectFixture.stack("ShopStack", "shop", true)),
        List.of("com.example.ShopStack"));

    try (ProjectClasses classes = ProjectClasses.open(List.of(project.classes()))) {
      List<StackDefinition> stacks = classes.stacks();

      assertEquals(List.of("shop"), stacks.stream().map(StackDefinition::name).toList());
      assertSame(classes.loader(), stacks.get(0).getClass().getClassLoader(), "the stack is the project's class");
      assertSame(StackDefinition.class, classes.loader().loadClass(StackDefinition.class.getName()),
          "StackDefinition is one class for Portico and the project");
    }
  }

  @Test
  void porticosOtherDependenciesAreNotVisibleToTheProject() throws Exception {
    ProjectFixture project = project(Map.of("com.example.ShopStack", ProjectFixture.stack("ShopStack", "shop", true)),
        List.of("com.example.ShopStack"));

    try (ProjectClasses classes = ProjectClasses.open(List.of(project.classes()))) {
      assertThrows(ClassNotFoundException.class, () -> classes.loader().loadClass("picocli.CommandLine"),
          "the project's own dependencies decide, never Portico's");
      assertThrows(ClassNotFoundException.class,
          () -> classes.loader().loadClass("com.fasterxml.jackson.databind.ObjectMapper"));
      assertEquals(1, java.util.Collections.list(classes.loader().getResources(
          "META-INF/services/dev.portico.dsl.StackDefinition")).size(), "only the project's registry is read");
    }
  }

  @Test
  void annotatedStacksWithoutARegistryMeanTheProcessorDidNotRun() throws Exception {
    ProjectFixture project = project(Map.of(
        "com.example.ShopStack", ProjectFixture.stack("ShopStack", "shop", true),
        "com.example.AdminStack", ProjectFixture.stack("AdminStack", "admin", true)), List.of());

    try (ProjectClasses classes = ProjectClasses.open(List.of(project.classes()))) {
      String message = assertThrows(UsageException.class, classes::stacks).getMessage();

      assertTrue(message.startsWith("no stacks are registered on the class path " + project.classes()
          + ", but com.example.AdminStack (in " + project.classes() + ") and 1 more carry @PorticoStack: the annotation"
          + " processor did not run"), message);
      assertTrue(message.contains("dev.portico:portico-processor to the maven-compiler-plugin's"
          + " annotationProcessorPaths (needed on every JDK)"), message);
    }
  }

  @Test
  void noStackAtAllSaysHowStacksAreRegistered() throws Exception {
    ProjectFixture project = project(Map.of("com.example.Plain", "package com.example;\npublic class Plain {}\n"),
        List.of());

    try (ProjectClasses classes = ProjectClasses.open(List.of(project.classes()))) {
      String message = assertThrows(UsageException.class, classes::stacks).getMessage();

      assertEquals("no stacks are registered on the class path " + project.classes() + ". A stack is a public class"
          + " implementing dev.portico.dsl.StackDefinition with a public no-argument constructor, registered by"
          + " annotating it @PorticoStack and compiling with dev.portico:portico-processor in the"
          + " maven-compiler-plugin's annotationProcessorPaths, or by listing it in"
          + " META-INF/services/dev.portico.dsl.StackDefinition.", message);
    }
  }

  @Test
  void twoStacksOfOneNameAreAnErrorNamingBothClasses() throws Exception {
    ProjectFixture project = project(Map.of(
        "com.example.ShopStack", ProjectFixture.stack("ShopStack", "shop", false),
        "com.example.OtherShop", ProjectFixture.stack("OtherShop", "shop", false)),
        List.of("com.example.ShopStack", "com.example.OtherShop"));

    try (ProjectClasses classes = ProjectClasses.open(List.of(project.classes()))) {
      String message = assertThrows(UsageException.class, classes::stacks).getMessage();

      assertTrue(message.startsWith("two stacks are named shop: com.example."), message);
      assertTrue(message.contains("com.example.ShopStack") && message.contains("com.example.OtherShop"), message);
    }
  }

  @Test
  void aMissingEntryIsAUsageError() {
    Path missing = tmp.resolve("target/classes");

    String message = assertThrows(UsageException.class, () -> ProjectClasses.open(List.of(missing))).getMessage();

    assertEquals("class path entry " + missing + " does not exist", message);
  }

  @Test
  void anotherPorticoDslVersionIsRefusedWithTheFix() throws Exception {
    ProjectFixture project = project(Map.of("com.example.ShopStack", ProjectFixture.stack("ShopStack", "shop", true)),
        List.of("com.example.ShopStack"));
    Path jar = tmp.resolve("portico-dsl-9.9.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("META-INF/maven/dev.portico/portico-dsl/pom.properties"));
      out.write("groupId=dev.portico\nartifactId=portico-dsl\nversion=9.9\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.closeEntry();
    }

    try (ProjectClasses classes = ProjectClasses.open(List.of(project.classes(), jar))) {
      String message = assertThrows(UsageException.class, classes::stacks).getMessage();

      assertTrue(message.startsWith("the project uses portico-dsl 9.9 but this Portico is " + PorticoVersion.get()),
          message);
      assertTrue(message.contains("use one version"), message);
    }
  }

  @Test
  void aClassPathIsParsedAsJavaReadsIt() throws Exception {
    Path lib = Files.createDirectories(tmp.resolve("lib"));
    for (String name : List.of("b.jar", "a.jar", "notes.txt")) {
      try (OutputStream out = Files.newOutputStream(lib.resolve(name))) {
        out.write(0);
      }
    }

    List<Path> entries = ProjectClasses.parse("target/classes" + File.pathSeparator + File.pathSeparator
        + lib + File.separator + "*" + File.pathSeparator + "x.jar");

    assertEquals(List.of(Path.of("target/classes"), lib.resolve("a.jar"), lib.resolve("b.jar"), Path.of("x.jar")),
        entries);
    assertThrows(UsageException.class, () -> ProjectClasses.parse(tmp.resolve("nope") + File.separator + "*"));
  }

  @Test
  void withoutAClassPathTheHintSaysHowToGiveOne() {
    ClassLoader empty = new ClassLoader(ClassLoader.getPlatformClassLoader()) {};

    String message = assertThrows(UsageException.class,
        () -> ProjectClasses.registered(empty, "with this portico: give --classpath")).getMessage();

    assertTrue(message.startsWith("no stacks are registered with this portico: give --classpath. A stack is"), message);
  }
}
