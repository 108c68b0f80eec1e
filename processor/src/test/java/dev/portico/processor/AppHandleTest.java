package dev.portico.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Every shape of generated app handle, compared as source. */
class AppHandleTest {
  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new PorticoProcessor()).compile(sources);
  }

  @Test
  void portsSelectorAndAppProtocolBecomeConstantsAndMethods() {
    JavaFileObject checkout = JavaFileObjects.forSourceLines("com.example.Checkout",
        "package com.example;",
        "",
        "import dev.portico.dsl.Protocol;",
        "import dev.portico.dsl.annotation.Listens;",
        "import dev.portico.dsl.annotation.PorticoApp;",
        "",
        "@PorticoApp(name = \"checkout\", selector = {",
        "    @PorticoApp.Label(key = \"tier\", value = \"web\"),",
        "    @PorticoApp.Label(key = \"app\", value = \"checkout\")})",
        "@Listens(name = \"http\", port = 8080)",
        "@Listens(name = \"grpc-web\", port = 9090, appProtocol = \"kubernetes.io/h2c\")",
        "@Listens(name = \"dns\", port = 53, protocol = Protocol.UDP)",
        "public class Checkout {}");
    Compilation compilation = compile(checkout);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.example.CheckoutApp").hasSourceEquivalentTo(
        JavaFileObjects.forSourceLines("com.example.CheckoutApp",
            "package com.example;",
            "",
            "import dev.portico.dsl.App;",
            "import dev.portico.dsl.Port;",
            "import dev.portico.dsl.Protocol;",
            "import dev.portico.dsl.SourceLocation;",
            "import dev.portico.dsl.Stack;",
            "import dev.portico.dsl.annotation.PorticoGenerated;",
            "import java.util.List;",
            "import java.util.Map;",
            "import javax.annotation.processing.Generated;",
            "",
            "@Generated(\"dev.portico.processor.PorticoProcessor\")",
            "@PorticoGenerated(Checkout.class)",
            "public final class CheckoutApp {",
            "  public static final Port HTTP = Port.of(\"http\", 8080, Protocol.TCP)",
            "      .declaredAt(new SourceLocation(\"Checkout.java\", 10));",
            "  public static final Port GRPC_WEB = Port.of(\"grpc-web\", 9090, Protocol.TCP)",
            "      .withAppProtocol(\"kubernetes.io/h2c\").declaredAt(new SourceLocation(\"Checkout.java\", 11));",
            "  public static final Port DNS = Port.of(\"dns\", 53, Protocol.UDP)",
            "      .declaredAt(new SourceLocation(\"Checkout.java\", 12));",
            "",
            "  private CheckoutApp() {}",
            "",
            "  public static String name() {",
            "    return \"checkout\";",
            "  }",
            "",
            "  public static Map<String, String> selector() {",
            "    return Map.ofEntries(Map.entry(\"app\", \"checkout\"), Map.entry(\"tier\", \"web\"));",
            "  }",
            "",
            "  public static List<Port> ports() {",
            "    return List.of(HTTP, GRPC_WEB, DNS);",
            "  }",
            "",
            "  public static App declare(Stack stack) {",
            "    return stack.app(name(), app -> app.selector(\"app\", \"checkout\").selector(\"tier\", \"web\")",
            "        .ports(HTTP, GRPC_WEB, DNS));",
            "  }",
            "}"));
  }

  @Test
  void withoutSelectorTheAppIsSelectedByItsName() {
    Compilation compilation = compile(JavaFileObjects.forSourceLines("com.example.Cart",
        "package com.example;",
        "",
        "@dev.portico.dsl.annotation.PorticoApp(name = \"cart\")",
        "@dev.portico.dsl.annotation.Listens(name = \"redis\", port = 6379)",
        "class Cart {}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.example.CartApp").hasSourceEquivalentTo(
        JavaFileObjects.forSourceLines("com.example.CartApp",
            "package com.example;",
            "",
            "import dev.portico.dsl.App;",
            "import dev.portico.dsl.Port;",
            "import dev.portico.dsl.Protocol;",
            "import dev.portico.dsl.SourceLocation;",
            "import dev.portico.dsl.Stack;",
            "import dev.portico.dsl.annotation.PorticoGenerated;",
            "import java.util.List;",
            "import java.util.Map;",
            "import javax.annotation.processing.Generated;",
            "",
            "@Generated(\"dev.portico.processor.PorticoProcessor\")",
            "@PorticoGenerated(Cart.class)",
            "public final class CartApp {",
            "  public static final Port REDIS = Port.of(\"redis\", 6379, Protocol.TCP)",
            "      .declaredAt(new SourceLocation(\"Cart.java\", 4));",
            "",
            "  private CartApp() {}",
            "",
            "  public static String name() {",
            "    return \"cart\";",
            "  }",
            "",
            "  public static Map<String, String> selector() {",
            "    return Map.ofEntries(Map.entry(\"app.kubernetes.io/name\", \"cart\"));",
            "  }",
            "",
            "  public static List<Port> ports() {",
            "    return List.of(REDIS);",
            "  }",
            "",
            "  public static App declare(Stack stack) {",
            "    return stack.app(name(), app -> app.ports(REDIS));",
            "  }",
            "}"));
  }

  @Test
  void aNestedTypeIsNamedAfterItsEnclosingTypesAndAPortStartingWithADigitGetsAPrefix() {
    Compilation compilation = compile(JavaFileObjects.forSourceLines("com.example.Shop",
        "package com.example;",
        "",
        "public class Shop {",
        "  @dev.portico.dsl.annotation.PorticoApp(name = \"api\")",
        "  @dev.portico.dsl.annotation.Listens(name = \"3scale\", port = 3000, appProtocol = \"http\")",
        "  static class Api {}",
        "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.example.ShopApiApp").contentsAsUtf8String()
        .contains("public static final Port PORT_3SCALE = Port.of(\"3scale\", 3000, Protocol.TCP).withAppProtocol(\"http\")");
    assertThat(compilation).generatedSourceFile("com.example.ShopApiApp").contentsAsUtf8String()
        .contains("@PorticoGenerated(Shop.Api.class)");
  }

  @Test
  void versionsAreDeclaredWithTheAppAndListed() {
    Compilation compilation = compile(JavaFileObjects.forSourceLines("com.example.Orders",
        "package com.example;",
        "",
        "@dev.portico.dsl.annotation.PorticoApp(name = \"orders\", versions = {\"v1\", \"v2\"})",
        "@dev.portico.dsl.annotation.Listens(name = \"http\", port = 8080)",
        "class Orders {}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.example.OrdersApp").contentsAsUtf8String()
        .contains("return stack.app(name(), app -> app.ports(HTTP).versions(\"v1\", \"v2\"));");
    assertThat(compilation).generatedSourceFile("com.example.OrdersApp").contentsAsUtf8String()
        .contains("public static List<String> versions() {\n    return List.of(\"v1\", \"v2\");");
  }

  @Test
  void anAppWithoutPortsStillGetsAHandle() {
    Compilation compilation = compile(JavaFileObjects.forSourceLines("Batch",
        "@dev.portico.dsl.annotation.PorticoApp(name = \"batch\")",
        "class Batch {}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("BatchApp").contentsAsUtf8String()
        .contains("return stack.app(name(), app -> app.ports());");
  }

  @Test
  void generatedSourceIsTheSameEveryTime() {
    JavaFileObject source = JavaFileObjects.forSourceLines("com.example.Web",
        "package com.example;",
        "@dev.portico.dsl.annotation.PorticoApp(name = \"web\")",
        "@dev.portico.dsl.annotation.Listens(name = \"http\", port = 8080)",
        "@dev.portico.dsl.annotation.Listens(name = \"https\", port = 8443)",
        "class Web {}");
    String first = generated(compile(source), "com.example.WebApp");
    String second = generated(compile(source), "com.example.WebApp");
    org.junit.jupiter.api.Assertions.assertEquals(first, second);
  }

  private static String generated(Compilation compilation, String name) {
    try {
      return compilation.generatedSourceFile(name).orElseThrow().getCharContent(false).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
