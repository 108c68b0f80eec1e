package dev.portico.synth.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.cli.Portico;
import dev.portico.synth.testing.BadStack;
import dev.portico.synth.testing.GoodStack;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-line golden test, against the folder synth writes. */
class PorticoGoldenTest {
  @TempDir
  Path tmp;

  private Path synth(String... extra) {
    Path deploy = tmp.resolve("deploy");
    List<String> args = new ArrayList<>(List.of("synth", "--stack", "good", "--out", deploy.toString()));
    args.addAll(List.of(extra));
    int code = Portico.run(args.toArray(String[]::new), InputStream.nullInputStream(),
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    assertEquals(0, code, "synth " + args);
    return deploy;
  }

  @Test
  void theFolderSynthWritesIsTheGoldenFolder() {
    Path deploy = synth();

    PorticoGolden.assertStack(new GoodStack(), deploy);
  }

  @Test
  void driftInAnyEnvironmentFailsOnceWithEveryFile() throws Exception {
    Path deploy = synth();
    Files.writeString(deploy.resolve("good/prod/service-web.yaml"), "edited\n");
    Files.delete(deploy.resolve("good/staging/kustomization.yaml"));

    AssertionError error = assertThrows(AssertionError.class, () -> PorticoGolden.assertStack(new GoodStack(), deploy));

    String message = error.getMessage();
    assertTrue(message.contains("1 missing, 1 differing"), message);
    assertTrue(message.contains("  good/staging/kustomization.yaml\n"), message);
    assertTrue(message.contains("+++ b/good/prod/service-web.yaml"), message);
    assertTrue(message.contains("-Dportico.golden.update=true"), message);
    assertTrue(message.endsWith("Or regenerate the folder as synth does: mvn portico:synth (or portico synth --out "
        + deploy + ")."), message);
  }

  @Test
  void settingsAndTheSingleFileLayoutMatchSynthWithTheSameOptions() {
    Path deploy = synth("--set", "count=3", "--single-file");

    PorticoGolden.assertStack(new GoodStack(), deploy, Map.of("count", "3"), true);
    assertThrows(AssertionError.class, () -> PorticoGolden.assertStack(new GoodStack(), deploy));
  }

  @Test
  void aStackWithErrorsFailsWithItsFindings() {
    AssertionError error = assertThrows(AssertionError.class, () -> PorticoGolden.assertStack(new BadStack(), tmp));

    assertTrue(error.getMessage().startsWith("stack bad has errors, so nothing is compared:\nBadStack.java:"),
        error.getMessage());
    assertTrue(error.getMessage().contains("[service.port-name]"), error.getMessage());
  }
}
