package dev.portico.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code @PorticoStack} classes are registered for ServiceLoader, and everything it needs is checked. */
class StackRegistrationTest {
  static final String SERVICES = "META-INF/services/dev.portico.dsl.StackDefinition";

  static JavaFileObject stack(String className, String annotation, String body) {
    return JavaFileObjects.forSourceLines("com.example." + className,
        "package com.example;",
        "import dev.portico.dsl.*;",
        "import dev.portico.dsl.annotation.PorticoStack;",
        annotation,
        body.isEmpty() ? "public final class " + className + " implements StackDefinition {" : body,
        "  @Override public void define(Stack stack) {}",
        "}");
  }

  @Test
  void stacksAreListedForServiceLoaderInNameOrder() {
    Compilation compilation = javac().withProcessors(new PorticoProcessor()).compile(
        stack("ShopStack", "@PorticoStack(name = \"shop\", environments = {\"staging\", \"prod\"})", ""),
        stack("AdminStack", "@PorticoStack(name = \"admin\", namespace = \"ops\")", ""),
        JavaFileObjects.forSourceLines("com.example.Outer",
            "package com.example;",
            "public class Outer {",
            "  @dev.portico.dsl.annotation.PorticoStack(name = \"nested\")",
            "  public static class Inner implements dev.portico.dsl.StackDefinition {",
            "    @Override public void define(dev.portico.dsl.Stack stack) {}",
            "  }",
            "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, SERVICES).contentsAsUtf8String()
        .isEqualTo("com.example.AdminStack\ncom.example.Outer$Inner\ncom.example.ShopStack\n");
  }

  @Test
  void noStacksNoFile() {
    Compilation compilation = javac().withProcessors(new PorticoProcessor()).compile(
        JavaFileObjects.forSourceLines("com.example.Plain", "package com.example;", "class Plain {}"));
    assertThat(compilation).succeededWithoutWarnings();
    org.junit.jupiter.api.Assertions.assertTrue(compilation.generatedFiles().stream()
        .noneMatch(file -> file.getName().contains("META-INF")));
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "@PorticoStack(name = \"Shop\")| | \"Shop\" must be a DNS-1123 label| stack.name",
      "@PorticoStack(name = \"shop\", namespace = \"Shop_NS\")| | \"Shop_NS\" must be a DNS-1123 label| metadata.namespace",
      "@PorticoStack(name = \"shop\", environments = {\"prod\", \"Stage\"})| | \"Stage\" must be a DNS-1123 label| stack.environment",
      "@PorticoStack(name = \"shop\")| public final class Bad {| Bad must implement dev.portico.dsl.StackDefinition| stack.shape",
      "@PorticoStack(name = \"shop\")| abstract public class Bad implements StackDefinition {| a stack must be a concrete class| stack.shape",
      "@PorticoStack(name = \"shop\")| final class Bad implements StackDefinition {| Bad must be public| stack.shape",
      "@PorticoStack(name = \"shop\")| public final class Bad implements StackDefinition { public Bad(int x) {}| Bad needs a public constructor without arguments| stack.shape",
      "@PorticoStack(name = \"shop\")| public final class Bad implements StackDefinition { private Bad() {}| Bad needs a public constructor without arguments| stack.shape"})
  void errors(String annotation, String body, String message, String rule) {
    JavaFileObject source = stack("Bad", annotation, body == null ? "" : body);
    Compilation compilation = javac().withProcessors(new PorticoProcessor()).compile(source);
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLine(4);
    assertThat(compilation).hadErrorContaining("[" + rule + "]").inFile(source).onLine(4);
  }

  @Test
  void twoStacksOfOneNameInACompilation() {
    JavaFileObject first = stack("ShopStack", "@PorticoStack(name = \"shop\")", "");
    JavaFileObject second = stack("StoreStack", "@PorticoStack(name = \"shop\")", "");
    Compilation compilation = javac().withProcessors(new PorticoProcessor()).compile(first, second);
    assertThat(compilation).hadErrorContaining("stack name \"shop\" is already used by com.example.ShopStack")
        .inFile(second).onLine(4);
  }

  @Test
  void aNestedStackMustBeStatic() {
    JavaFileObject source = JavaFileObjects.forSourceLines("com.example.Outer",
        "package com.example;",
        "public class Outer {",
        "  @dev.portico.dsl.annotation.PorticoStack(name = \"inner\")",
        "  public class Inner implements dev.portico.dsl.StackDefinition {",
        "    @Override public void define(dev.portico.dsl.Stack stack) {}",
        "  }",
        "}");
    Compilation compilation = javac().withProcessors(new PorticoProcessor()).compile(source);
    assertThat(compilation).hadErrorContaining("a nested stack class must be static").inFile(source).onLine(3);
  }
}
