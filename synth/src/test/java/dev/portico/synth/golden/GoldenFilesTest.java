package dev.portico.synth.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.write.OutputFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenFilesTest {
  private static final List<String> FOLDERS = List.of("shop/prod/", "shop/prod.yaml");
  private static final List<OutputFile> FILES = List.of(
      new OutputFile("shop/prod/service-web.yaml", "kind: Service\nname: web\n"),
      new OutputFile("shop/prod/kustomization.yaml", "resources:\n- service-web.yaml\n"));

  @TempDir
  Path golden;

  @AfterEach
  void clearUpdate() {
    System.clearProperty(GoldenFiles.UPDATE_PROPERTY);
  }

  private void writeGolden() throws Exception {
    for (OutputFile file : FILES) {
      Files.createDirectories(golden.resolve(file.path()).getParent());
      Files.writeString(golden.resolve(file.path()), file.content());
    }
  }

  @Test
  void matchingFilesPass() throws Exception {
    writeGolden();
    GoldenFiles.assertMatches(FILES, golden, FOLDERS);
  }

  @Test
  void aMissingGoldenFileSaysHowToCreateIt() {
    AssertionError error = assertThrows(AssertionError.class, () -> GoldenFiles.assertMatches(FILES, golden, FOLDERS));
    assertTrue(error.getMessage().contains("missing golden file"), error.getMessage());
    assertTrue(error.getMessage().contains("-Dportico.golden.update=true"), error.getMessage());
  }

  @Test
  void aDifferenceIsShownAsAUnifiedDiff() throws Exception {
    writeGolden();
    Files.writeString(golden.resolve("shop/prod/service-web.yaml"), "kind: Service\nname: old\n");
    AssertionError error = assertThrows(AssertionError.class, () -> GoldenFiles.assertMatches(FILES, golden, FOLDERS));
    assertTrue(error.getMessage().contains("-name: old\n+name: web"), error.getMessage());
  }

  @Test
  void aGoldenFileNoLongerProducedIsStale() throws Exception {
    writeGolden();
    Files.writeString(golden.resolve("shop/prod/service-gone.yaml"), "x\n");
    AssertionError error = assertThrows(AssertionError.class, () -> GoldenFiles.assertMatches(FILES, golden, FOLDERS));
    assertTrue(error.getMessage().contains("stale golden file"), error.getMessage());
  }

  @Test
  void updateRewritesOnlyOnPurposeAndNeverInCi() throws Exception {
    Files.createDirectories(golden.resolve("shop/prod"));
    Files.writeString(golden.resolve("shop/prod/service-gone.yaml"), "x\n");
    System.setProperty(GoldenFiles.UPDATE_PROPERTY, "true");
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      AssertionError error = assertThrows(AssertionError.class, () -> GoldenFiles.assertMatches(FILES, golden, FOLDERS));
      assertTrue(error.getMessage().contains("CI=true"), error.getMessage());
      assertFalse(Files.exists(golden.resolve("shop/prod/service-web.yaml")));
      return;
    }
    GoldenFiles.assertMatches(FILES, golden, FOLDERS);
    assertEquals("kind: Service\nname: web\n", Files.readString(golden.resolve("shop/prod/service-web.yaml")));
    assertFalse(Files.exists(golden.resolve("shop/prod/service-gone.yaml")));
    System.clearProperty(GoldenFiles.UPDATE_PROPERTY);
    GoldenFiles.assertMatches(FILES, golden, FOLDERS);
  }
}
