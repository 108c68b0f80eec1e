package dev.portico.synth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void onATerminalTheLineShowsTheStatusAndIsClearedOnce() throws Exception {
    StringWriter text = new StringWriter();
    PrintWriter err = new PrintWriter(text, true);
    Progress progress = Progress.start(err, true, 0);
    progress.status("validating 20000 resources");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!text.toString().contains("validating") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    progress.close();
    err.print("summary");
    progress.close(); // again: must not erase the summary
    String out = text.toString();
    assertTrue(out.contains("\rportico: validating 20000 resources ..."), out);
    assertTrue(out.endsWith("\rsummary"), () -> "cleared once, before the summary: " + out.replace("\r", "\\r"));
  }

  @Test
  void elsewhereNothingIsPrinted() throws Exception {
    StringWriter text = new StringWriter();
    Progress progress = Progress.start(new PrintWriter(text, true), false, 0);
    progress.status("writing 1 file");
    Thread.sleep(50);
    progress.close();
    assertEquals("", text.toString());
  }

  @Test
  void aShortRunPrintsNothingEvenOnATerminal() {
    StringWriter text = new StringWriter();
    Progress progress = Progress.start(new PrintWriter(text, true), true, Progress.DEFAULT_DELAY_MILLIS);
    progress.status("writing 1 file");
    progress.close();
    assertEquals("", text.toString());
  }
}
