package dev.portico.synth.cli;

import static dev.portico.synth.cli.CliTest.assertExit;
import static dev.portico.synth.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.run.ProjectFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --classpath}: a user's project's stacks, not the ones Portico runs with. */
class CliClasspathTest {
  @TempDir
  Path tmp;

  private static final String BROKEN = """
      package com.example;
      import dev.portico.dsl.*;
      public class BrokenStack implements StackDefinition {
        @Override public String name() { return "broken"; }
        static final Port HTTP = Port.http(8080);
        @Override public void define(Stack stack) {
          App web = stack.app("web", HTTP);
          stack.service("web", web, s -> s.port(ServicePort.of(80, HTTP).named("HTTP")));
        }
      }
      """;

  private ProjectFixture project(Map<String, String> sources, List<String> registered) throws Exception {
    return new ProjectFixture(tmp.resolve("project")).compile(sources, registered);
  }

  private ProjectFixture shop() throws Exception {
    return project(Map.of("com.example.ShopStack", ProjectFixture.stack("ShopStack", "shop", true)),
        List.of("com.example.ShopStack"));
  }

  @Test
  void synthRunsTheProjectsStacksOnly() throws Exception {
    ProjectFixture project = shop();
    Path out = tmp.resolve("out");

    CliTest.Run run = run("synth", "--classpath", project.classes().toString(), "--out", out.toString());

    assertExit(0, run);
    assertEquals(java.util.Set.of(".portico-files", "shop/default/kustomization.yaml", "shop/default/service-web.yaml"),
        CliTest.files(out), "the project's stack, none of those Portico's own class path registers");
  }

  @Test
  void listAndRoutesTakeTheClassPathToo() throws Exception {
    ProjectFixture project = shop();

    CliTest.Run list = run("synth", "-cp", project.classes().toString(), "--list");
    CliTest.Run routes = run("routes", "-cp", project.classes().toString());

    assertExit(0, list);
    assertEquals("shop  namespace shop  environments default  (com.example.ShopStack)\n", list.out());
    assertExit(0, routes);
    assertTrue(routes.out().contains("web.shop.svc.cluster.local:80"), routes::toString);
  }

  @Test
  void noStacksExitsTwoSayingHowStacksAreRegistered() throws Exception {
    ProjectFixture project = project(Map.of("com.example.Plain", "package com.example;\npublic class Plain {}\n"),
        List.of());

    for (List<String> args : List.of(List.of("synth"), List.of("synth", "--list"), List.of("routes"))) {
      List<String> all = new java.util.ArrayList<>(args);
      all.addAll(List.of("--classpath", project.classes().toString()));
      CliTest.Run run = run(all.toArray(String[]::new));

      assertExit(2, run);
      assertEquals("", run.out());
      assertTrue(run.err().contains("no stacks are registered on the class path " + project.classes()), run::toString);
      assertTrue(run.err().contains("@PorticoStack") && run.err().contains("annotationProcessorPaths")
          && run.err().contains("META-INF/services/dev.portico.dsl.StackDefinition"), run::toString);
    }
  }

  @Test
  void annotatedStacksWithoutARegistrySayTheProcessorDidNotRun() throws Exception {
    ProjectFixture project = project(Map.of("com.example.ShopStack", ProjectFixture.stack("ShopStack", "shop", true)),
        List.of());

    CliTest.Run run = run("synth", "--list", "-cp", project.classes().toString());

    assertExit(2, run);
    assertTrue(run.err().contains("com.example.ShopStack (in " + project.classes() + ") carry @PorticoStack: the"
        + " annotation processor did not run"), run::toString);
  }

  @Test
  void aMissingClassPathEntryExitsTwo() {
    CliTest.Run run = run("synth", "-cp", tmp.resolve("target/classes").toString(), "--out", tmp.resolve("out").toString());

    assertExit(2, run);
    assertTrue(run.err().contains("class path entry " + tmp.resolve("target/classes") + " does not exist"), run::toString);
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void githubAnnotationsPointAtTheProjectsSourceFile() throws Exception {
    ProjectFixture project = project(Map.of("com.example.BrokenStack", BROKEN), List.of("com.example.BrokenStack"));

    CliTest.Run run = run("synth", "-cp", project.classes().toString(), "--out", tmp.resolve("out").toString(),
        "--format", "github");

    assertExit(1, run);
    Path source = project.root().resolve("src/main/java/com/example/BrokenStack.java").toAbsolutePath();
    assertTrue(run.out().startsWith("::error file=" + source.toString().replace(":", "%3A") + ",line=8,"
        + "title=service.port-name::Service/broken/web: spec.ports[0].name:"), run::toString);
  }

  @Test
  void stacksRunWithTheProjectAsContextClassLoader() throws Exception {
    ProjectFixture project = project(Map.of("com.example.NamedStack", """
        package com.example;
        import dev.portico.dsl.*;
        public class NamedStack implements StackDefinition {
          static final Port HTTP = Port.http(8080);
          @Override public String name() { return "named"; }
          @Override public void define(Stack stack) {
            // a stack that reads its own resource through the context class loader
            String name = Thread.currentThread().getContextClassLoader().getResource("service-name.txt") != null
                ? "from-resource" : "no-resource";
            stack.service(name, stack.app("web", HTTP), s -> s.port(80, HTTP));
          }
        }
        """), List.of("com.example.NamedStack"));
    Files.writeString(project.classes().resolve("service-name.txt"), "x\n");
    Path out = tmp.resolve("out");

    CliTest.Run run = run("synth", "-cp", project.classes().toString(), "--out", out.toString());

    assertExit(0, run);
    assertTrue(Files.exists(out.resolve("named/default/service-from-resource.yaml")), CliTest.files(out)::toString);
  }

  @Test
  void theRepositorysLauncherSaysItRunsOnTheExamples() {
    System.setProperty(Portico.EXAMPLES_PROPERTY, "true");
    CliTest.Run launcher;
    try {
      launcher = run("--help");
    } finally {
      System.clearProperty(Portico.EXAMPLES_PROPERTY);
    }
    CliTest.Run jar = run("--help");

    assertTrue(launcher.out().contains("This ./portico runs on the example stacks of the Portico repository"), launcher::toString);
    assertTrue(launcher.out().contains("--classpath"), launcher::toString);
    assertFalse(jar.out().contains("./portico"), jar::toString);
  }
}
