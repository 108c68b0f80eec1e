package dev.portico.synth.write;

import java.nio.file.Path;
import java.time.Duration;

/** Holds an output folder's lock in a process of its own until killed: {@code LockHolder DIR}. */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    try (OutputLock lock = OutputLock.acquire(Path.of(args[0]), Duration.ofSeconds(10))) {
      System.out.print("locked");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
