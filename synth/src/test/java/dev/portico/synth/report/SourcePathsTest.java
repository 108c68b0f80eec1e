package dev.portico.synth.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcePathsTest {
  @TempDir
  Path work;

  private void touch(String path) throws Exception {
    Path file = work.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "x\n");
  }

  private SourcePaths paths(String... packages) {
    return SourcePaths.of(work, List.of(Path.of("src/main/java"), Path.of("absent")), List.of(packages));
  }

  @Test
  void aStackSourceIsFoundInTheStacksPackageFirst() throws Exception {
    touch("src/main/java/com/example/a/Shop.java");
    touch("src/main/java/com/example/b/Shop.java");

    assertEquals("src/main/java/com/example/b/Shop.java", paths("com.example.b").resolve("Shop.java"));
  }

  @Test
  void otherwiseTheOnlyFileOfThatName() throws Exception {
    touch("src/main/java/com/example/apps/Web.java");

    assertEquals("src/main/java/com/example/apps/Web.java", paths("com.example").resolve("Web.java"));
  }

  @Test
  void anAmbiguousOrUnknownNameStaysAsItIs() throws Exception {
    touch("src/main/java/com/example/a/Shop.java");
    touch("src/main/java/com/example/b/Shop.java");

    assertEquals("Shop.java", paths().resolve("Shop.java"));
    assertEquals("Nowhere.java", paths().resolve("Nowhere.java"));
    assertEquals("<stdin>", paths().resolve("<stdin>"));
  }

  @Test
  void yamlGivenToValidateIsRelativeToTheWorkingFolder() throws Exception {
    touch("k8s/web.yaml");

    assertEquals("k8s/web.yaml", paths().resolve("k8s/web.yaml"));
    assertEquals("k8s/web.yaml", paths().resolve("./k8s/../k8s/web.yaml"));
    assertEquals("k8s/web.yaml", paths().resolve(work.resolve("k8s/web.yaml").toString()));
  }
}
