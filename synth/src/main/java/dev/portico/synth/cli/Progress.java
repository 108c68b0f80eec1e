package dev.portico.synth.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a long run is doing, on one self-overwriting line of standard error, only when standard
 * error is a terminal and only once the run has taken longer than a second: short runs and logs
 * stay clean. The line is cleared before the summary is printed.
 */
final class Progress implements AutoCloseable {
  static final long DEFAULT_DELAY_MILLIS = 1000;
  private static final long REFRESH_MILLIS = 200;

  private final PrintWriter err;
  private final Thread ticker;
  private volatile String status = "starting";
  private volatile boolean done;
  private int printedWidth;

  private Progress(PrintWriter err, long delayMillis) {
    this.err = err;
    this.ticker = new Thread(() -> tick(delayMillis), "portico-progress");
    ticker.setDaemon(true);
    ticker.start();
  }

  /** A progress line on {@code err} when {@code terminal}; otherwise one that prints nothing. */
  static Progress start(PrintWriter err, boolean terminal, long delayMillis) {
    return terminal ? new Progress(err, delayMillis) : new Progress();
  }

  /** Nothing shown: standard error is not a terminal. */
  private Progress() {
    this.err = null;
    this.ticker = null;
  }

  /** What the run is doing now, e.g. "validating 20000 resources". */
  void status(String text) {
    this.status = text;
  }

  private void tick(long delayMillis) {
    try {
      Thread.sleep(delayMillis);
      while (!done) {
        print();
        Thread.sleep(REFRESH_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void print() {
    if (done) {
      return;
    }
    String line = "portico: " + status + " ...";
    err.print("\r" + line + " ".repeat(Math.max(0, printedWidth - line.length())));
    err.flush();
    printedWidth = Math.max(printedWidth, line.length());
  }

  /** Stops and clears the line, so the summary starts at the left margin. */
  @Override
  public void close() {
    if (ticker == null) {
      return;
    }
    synchronized (this) {
      if (done) {
        return; // closed already: the summary may be on the line now
      }
      done = true;
      if (printedWidth > 0) {
        err.print("\r" + " ".repeat(printedWidth) + "\r");
        err.flush();
      }
    }
    ticker.interrupt();
  }

  /** Whether this process's standard error is a terminal (Linux: /proc/self/fd/2; elsewhere: a console). */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception e) {
      return System.console() != null;
    }
  }
}
