package dev.portico.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every compile-time error and warning about an app, with its message, file and line: the
 * annotation below is written on line 4 of Checkout.java, with {@code ATTRS} substituted.
 */
class AppErrorsTest {
  private static Compilation compile(String app, String listens) {
    JavaFileObject source = JavaFileObjects.forSourceLines("com.example.Checkout",
        "package com.example;",
        "import dev.portico.dsl.annotation.*;",
        "import dev.portico.dsl.Protocol;",
        "@PorticoApp(" + app + ")",
        listens.isEmpty() ? "" : "@Listens(name = \"http\", port = 8080)",
        listens,
        "public class Checkout {}");
    return javac().withProcessors(new PorticoProcessor()).compile(source);
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "name = \"Checkout\"| | \"Checkout\" must be a DNS-1035 label| 4| app.name",
      "name = \"9lives\"| | \"9lives\" must be a DNS-1035 label| 4| app.name",
      "name = \"c\", selector = @PorticoApp.Label(key = \"app/x/y\", value = \"c\")| | label key \"app/x/y\"| 4| metadata.label-key",
      "name = \"c\", selector = @PorticoApp.Label(key = \"app\", value = \"-c\")| | label value \"-c\"| 4| metadata.label-value",
      "name = \"c\", selector = {@PorticoApp.Label(key = \"app\", value = \"a\"), @PorticoApp.Label(key = \"app\", value = \"b\")}| | selector label \"app\" is given twice| 4| app.selector-duplicate",
      "name = \"c\"| @Listens(name = \"HTTP\", port = 80)| \"HTTP\" must contain only lowercase letters, digits and '-' (an IANA service name); try \"http\"| 6| app.port-name",
      "name = \"c\"| @Listens(name = \"http-administration\", port = 80)| \"http-administration\" must be no more than 15 characters| 6| app.port-name",
      "name = \"c\"| @Listens(name = \"a--b\", port = 80)| must not contain consecutive hyphens| 6| app.port-name",
      "name = \"c\"| @Listens(name = \"admin\", port = 0)| 0 must be between 1 and 65535| 6| app.port-number",
      "name = \"c\"| @Listens(name = \"admin\", port = 65536)| 65536 must be between 1 and 65535| 6| app.port-number",
      "name = \"c\"| @Listens(name = \"http\", port = 81)| \"http\" is used by an earlier port of the app| 6| app.port-name-duplicate",
      "name = \"c\"| @Listens(name = \"admin\", port = 8080)| port 8080/TCP is already declared| 6| app.port-duplicate",
      "name = \"c\", versions = {\"v1\", \"v1\"}| | \"v1\" is declared twice| 4| app.version-duplicate",
      "name = \"c\", versions = {\"v1\", \"-v2\"}| | \"-v2\" must| 4| app.version",
      "name = \"c\", versions = \"\"| | a version must not be empty| 4| app.version"})
  void errors(String app, String listens, String message, int line, String rule) {
    Compilation compilation = compile(app, listens == null ? "" : listens);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source(compilation)).onLine(line);
    assertThat(compilation).hadErrorContaining("[" + rule + "]").inFile(source(compilation)).onLine(line);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "name = \"c\", selector = @PorticoApp.Label(key = \"app.kubernetes.io/name\", value = \"C_1.x\")| @Listens(name = \"admin\", port = 9000, appProtocol = \"http\")",
      "name = \"c\"| @Listens(name = \"a23456789012345\", port = 65535, appProtocol = \"tcp\")",
      "name = \"c\"| @Listens(name = \"dns\", port = 8080, protocol = Protocol.UDP)",
      "name = \"c\"| @Listens(name = \"grpc-api\", port = 9000)",
      "name = \"c\", versions = {\"v1\", \"v2-canary\"}| @Listens(name = \"tcp-postgres\", port = 5432)"})
  void nearMissesCompileWithoutWarnings(String app, String listens) {
    assertThat(compile(app, listens)).succeededWithoutWarnings();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "@Listens(name = \"metrics\", port = 9100)| port name \"metrics\" does not follow Istio's <protocol>[-suffix] convention",
      "@Listens(name = \"postgres\", port = 5432)| so Istio treats it as plain TCP (IST0118): rename it \"tcp-postgres\" or set appProtocol",
      "@Listens(name = \"replication-a\", port = 5433)| so Istio treats it as plain TCP (IST0118): set appProtocol",
      "@Listens(name = \"admin\", port = 9000, appProtocol = \"web\")| appProtocol \"web\" is not a protocol Istio knows"})
  void istioNamingIsAWarning(String listens, String message) {
    Compilation compilation = compile("name = \"c\"", listens);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining(message).inFile(source(compilation)).onLine(6);
    assertThat(compilation).hadWarningContaining("[app.port-protocol-unknown]");
    // never an http prefix for a port that may not speak HTTP: Istio would parse PostgreSQL as HTTP
    org.junit.jupiter.api.Assertions.assertTrue(compilation.warnings().stream()
        .noneMatch(w -> w.getMessage(java.util.Locale.ROOT).contains("\"http-")), compilation.warnings()::toString);
  }

  @org.junit.jupiter.api.Test
  void listensWithoutPorticoAppIsAnError() {
    JavaFileObject source = JavaFileObjects.forSourceLines("com.example.Orphan",
        "package com.example;",
        "@dev.portico.dsl.annotation.Listens(name = \"http\", port = 8080)",
        "class Orphan {}");
    Compilation compilation = javac().withProcessors(new PorticoProcessor()).compile(source);
    assertThat(compilation).hadErrorContaining("add @PorticoApp").inFile(source).onLine(2);
  }

  @org.junit.jupiter.api.Test
  void aHandNamedClassInTheWayIsAnError() {
    JavaFileObject app = JavaFileObjects.forSourceLines("com.example.Web",
        "package com.example;",
        "@dev.portico.dsl.annotation.PorticoApp(name = \"web\")",
        "class Web {}");
    JavaFileObject taken = JavaFileObjects.forSourceLines("com.example.WebApp",
        "package com.example;",
        "class WebApp {}");
    Compilation compilation = javac().withProcessors(new PorticoProcessor()).compile(app, taken);
    assertThat(compilation).hadErrorContaining("the handle for this app would be WebApp, but com.example.WebApp already exists")
        .inFile(app).onLine(2);
  }

  private static JavaFileObject source(Compilation compilation) {
    return compilation.sourceFiles().get(0);
  }
}
