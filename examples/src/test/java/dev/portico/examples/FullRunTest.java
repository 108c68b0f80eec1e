package dev.portico.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.cli.Portico;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code portico synth} over every bundled example (a full run: every registered stack and
 * environment) prunes what no stack and environment produces any more, as when an environment is
 * removed from a stack, and {@code --check} reports it as drift; a partial run leaves it alone.
 */
class FullRunTest {
  @TempDir
  Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Portico.run(args, InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void aRemovedEnvironmentIsPrunedByAFullRunAndIsDriftBeforeThat() throws IOException {
    Path out = tmp.resolve("out");
    assertEquals(0, run("synth", "--out", out.toString()).code());
    // what an earlier run wrote for an environment shop no longer declares
    Path qa = Files.createDirectories(out.resolve("shop/qa"));
    Files.writeString(qa.resolve("kustomization.yaml"), "resources: []\n");
    Path list = out.resolve(".portico-files");
    Files.writeString(list, Files.readString(list) + "shop/qa/kustomization.yaml\n");

    Run partial = run("synth", "--stack", "shop", "--out", out.toString());
    assertEquals(0, partial.code(), partial::toString);
    assertTrue(partial.err().contains(", 0 removed; partial run: only shop/default synthesized and pruned ("),
        partial::toString);
    assertTrue(Files.exists(qa.resolve("kustomization.yaml")), "a partial run leaves other environments alone");

    Run check = run("synth", "--check", "--out", out.toString());
    assertEquals(1, check.code(), check::toString);
    assertTrue(check.out().contains("--- a/shop/qa/kustomization.yaml\n+++ /dev/null\n"), check::toString);
    assertTrue(check.err().contains("1 file differs from"), check::toString);

    Run full = run("synth", "--out", out.toString());
    assertEquals(0, full.code(), full::toString);
    assertTrue(full.err().contains(", 1 removed ("), full::toString);
    assertFalse(Files.exists(out.resolve("shop/qa")), "pruned, and its emptied folder with it");
    assertFalse(Files.readString(list).contains("shop/qa"));
    assertEquals(0, run("synth", "--check", "--out", out.toString()).code());
  }

  @Test
  void theFleetsSizeIsBounded() {
    Run run = run("synth", "--stack", "fleet", "--set", "apps=1000000000", "--out", tmp.resolve("out").toString());
    assertEquals(2, run.code(), run::toString);
    assertTrue(run.err().startsWith("portico: --set apps=1000000000: 1000000000 is out of range: apps takes 0 to 50000"),
        run::toString);
    assertFalse(Files.exists(tmp.resolve("out")));
  }
}
