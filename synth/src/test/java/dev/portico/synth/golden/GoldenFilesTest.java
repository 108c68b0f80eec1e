package dev.portico.synth.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.write.OutputFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenFilesTest {
  private static final List<String> FOLDERS = List.of("shop/prod/", "shop/prod.yaml");
  private static final List<OutputFile> FILES = List.of(
      new OutputFile("shop/prod/service-web.yaml", "kind: Service\nname: web\n"),
      new OutputFile("shop/prod/kustomization.yaml", "resources:\n- service-web.yaml\n"));

  @TempDir
  Path golden;

  private void writeGolden() throws Exception {
    for (OutputFile file : FILES) {
      Files.createDirectories(golden.resolve(file.path()).getParent());
      Files.writeString(golden.resolve(file.path()), file.content());
    }
  }

  private AssertionError failure(Path dir) {
    return assertThrows(AssertionError.class, () -> GoldenFiles.assertMatches(FILES, dir, FOLDERS, false, false));
  }

  @Test
  void matchingFilesPass() throws Exception {
    writeGolden();
    GoldenFiles.assertMatches(FILES, golden, FOLDERS, false, false);
  }

  @Test
  void aMissingGoldenFileSaysHowToCreateIt() throws Exception {
    writeGolden();
    Files.delete(golden.resolve("shop/prod/service-web.yaml"));

    String message = failure(golden).getMessage();

    assertTrue(message.contains("1 missing"), message);
    assertTrue(message.contains("missing (synthesized, no golden file):\n  shop/prod/service-web.yaml\n"), message);
    assertTrue(message.contains("-Dportico.golden.update=true"), message);
  }

  @Test
  void aMissingGoldenFolderIsOneMessageNotOneLinePerFile() {
    Path absent = golden.resolve("deploy");

    String message = failure(absent).getMessage();

    assertTrue(message.contains("the golden folder " + absent + " does not exist; every file is missing:\n"
        + "  shop/prod/kustomization.yaml\n  shop/prod/service-web.yaml\n"), message);
    assertEquals(1, message.split("-Dportico.golden.update=true", -1).length - 1,
        "how to update is said once: " + message);
  }

  @Test
  void aDifferenceIsShownAsAUnifiedDiff() throws Exception {
    writeGolden();
    Files.writeString(golden.resolve("shop/prod/service-web.yaml"), "kind: Service\nname: old\n");

    String message = failure(golden).getMessage();

    assertTrue(message.contains("differing (diff below, - golden, + now):\n  shop/prod/service-web.yaml\n"), message);
    assertTrue(message.contains("--- a/shop/prod/service-web.yaml\n+++ b/shop/prod/service-web.yaml\n"), message);
    assertTrue(message.contains("-name: old\n+name: web"), message);
  }

  @Test
  void aGoldenFileNoLongerProducedIsStale() throws Exception {
    writeGolden();
    Files.writeString(golden.resolve("shop/prod/service-gone.yaml"), "x\n");

    String message = failure(golden).getMessage();

    assertTrue(message.contains("stale (golden, no longer synthesized):\n  shop/prod/service-gone.yaml\n"), message);
  }

  @Test
  void everyKindOfProblemIsListedInOneFailure() throws Exception {
    writeGolden();
    Files.delete(golden.resolve("shop/prod/kustomization.yaml"));
    Files.writeString(golden.resolve("shop/prod/service-web.yaml"), "kind: Service\nname: old\n");
    Files.writeString(golden.resolve("shop/prod/service-gone.yaml"), "x\n");
    Files.writeString(golden.resolve("shop/prod.yaml"), "x\n");

    String message = failure(golden).getMessage();

    assertTrue(message.startsWith("golden files in " + golden
        + " do not match the synthesized output: 1 missing, 1 differing, 2 stale\n"), message);
    assertTrue(message.contains("  shop/prod/kustomization.yaml\n"), message);
    assertTrue(message.contains("  shop/prod.yaml\n  shop/prod/service-gone.yaml\n"), message);
  }

  @Test
  void filesOfOtherStacksAreNotStale() throws Exception {
    writeGolden();
    Files.createDirectories(golden.resolve("other/prod"));
    Files.writeString(golden.resolve("other/prod/service-x.yaml"), "x\n");

    GoldenFiles.assertMatches(FILES, golden, FOLDERS, false, false);
  }

  @Test
  void updateRewritesAndRemovesStaleFiles() throws Exception {
    Files.createDirectories(golden.resolve("shop/prod"));
    Files.writeString(golden.resolve("shop/prod/service-gone.yaml"), "x\n");

    GoldenFiles.assertMatches(FILES, golden, FOLDERS, true, false);

    assertEquals("kind: Service\nname: web\n", Files.readString(golden.resolve("shop/prod/service-web.yaml")));
    assertFalse(Files.exists(golden.resolve("shop/prod/service-gone.yaml")));
    GoldenFiles.assertMatches(FILES, golden, FOLDERS, false, false);
  }

  @Test
  void updateIsRefusedWhenCiIsTrue() {
    AssertionError error = assertThrows(AssertionError.class,
        () -> GoldenFiles.assertMatches(FILES, golden, FOLDERS, true, true));

    assertTrue(error.getMessage().contains("refusing to rewrite golden files when CI=true"), error.getMessage());
    assertFalse(Files.exists(golden.resolve("shop/prod/service-web.yaml")), "nothing written");
  }
}
