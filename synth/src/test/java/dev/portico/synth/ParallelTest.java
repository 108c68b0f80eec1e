package dev.portico.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {
  private static final List<Integer> ITEMS = IntStream.range(0, 10_000).boxed().toList();

  @AfterEach
  void clearProperty() {
    System.clearProperty(Parallel.PROPERTY);
  }

  @Test
  void resultsComeInInputOrderOnSeveralThreads() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<String> results = Parallel.map(ITEMS, 4, 64, item -> {
      threads.add(Thread.currentThread().getName());
      // the first thread to start waits for a second one, so that one thread alone cannot take every
      // chunk while the others are not scheduled yet (on a busy machine they may start late)
      while (threads.size() < 2 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      return "#" + item;
    });
    assertEquals(ITEMS.stream().map(item -> "#" + item).toList(), results);
    assertTrue(threads.size() > 1, "the work was split: " + threads);
  }

  @Test
  void oneThreadRunsOnTheCaller() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Parallel.map(ITEMS, 1, 64, item -> threads.add(Thread.currentThread().getName()));
    assertEquals(Set.of(Thread.currentThread().getName()), threads);
  }

  @Test
  void theFirstFailureInInputOrderIsThrown() {
    IllegalStateException first = assertThrows(IllegalStateException.class, () -> Parallel.map(ITEMS, 4, 64, item -> {
      if (item == 7_000 || item == 9_999) {
        throw new IOException("item " + item);
      }
      if (item == 3_000) {
        throw new IllegalStateException("item " + item);
      }
      return item;
    }));
    assertEquals("item 3000", first.getMessage());
    IOException checked = assertThrows(IOException.class, () -> Parallel.map(ITEMS, 4, 64, item -> {
      if (item == 9_999 || item == 7_000) {
        throw new IOException("item " + item);
      }
      return item;
    }));
    assertEquals("item 7000", checked.getMessage());
  }

  @Test
  void theThreadCountIsTheProperty() {
    System.setProperty(Parallel.PROPERTY, "3");
    assertEquals(3, Parallel.threads());
    System.clearProperty(Parallel.PROPERTY);
    assertEquals(Runtime.getRuntime().availableProcessors(), Parallel.threads());
    for (String bad : List.of("0", "-1", "two", "1.5")) {
      System.setProperty(Parallel.PROPERTY, bad);
      UsageException error = assertThrows(UsageException.class, Parallel::threads);
      assertTrue(error.getMessage().startsWith("-Dportico.threads=" + bad + ": "), error.getMessage());
    }
  }
}
