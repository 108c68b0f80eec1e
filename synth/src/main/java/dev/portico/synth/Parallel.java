package dev.portico.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent work (one stack environment, one file, one chunk of objects) on several
 * threads, with the results in input order, so that output is byte-identical whatever the thread
 * count. The count is {@value #PROPERTY} when set (1 runs everything on the calling thread), else
 * the number of processors. For Portico's own use; not an API.
 */
public final class Parallel {
  /** The system property that sets the thread count. */
  public static final String PROPERTY = "portico.threads";

  /** Items below which splitting the work costs more than it saves. */
  private static final int MIN_ITEMS = 64;

  private static ExecutorService pool;

  private Parallel() {}

  /** Work on one item that may fail with a checked exception. */
  @FunctionalInterface
  public interface Task<T, R, E extends Exception> {
    /** The result for {@code item}. */
    R apply(T item) throws E;
  }

  /**
   * The thread count: {@value #PROPERTY} when set, else the number of processors.
   *
   * @throws UsageException when {@value #PROPERTY} is not a whole number of at least 1
   */
  public static int threads() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int threads = Integer.parseInt(value.strip());
      if (threads >= 1) {
        return threads;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("-D" + PROPERTY + "=" + value + ": the thread count must be a whole number of at"
        + " least 1");
  }

  /**
   * {@code task} applied to each of {@code items}, on up to {@link #threads()} threads, the
   * results in the order of the items. When several items fail, the first one's exception (in
   * input order) is thrown, as a sequential loop would throw it.
   */
  public static <T, R, E extends Exception> List<R> map(List<T> items, Task<? super T, ? extends R, E> task)
      throws E {
    return map(items, threads(), MIN_ITEMS, task);
  }

  /** {@link #map(List, Task)} for big items (stacks, groups): split from {@code minItems} items on. */
  public static <T, R, E extends Exception> List<R> map(List<T> items, int minItems,
      Task<? super T, ? extends R, E> task) throws E {
    return map(items, threads(), minItems, task);
  }

  /**
   * {@link #map(List, Task)} for work that waits on the disk more than it computes: split from
   * {@code minItems} items on, over {@code perThread} times as many threads.
   */
  public static <T, R, E extends Exception> List<R> mapBlocking(List<T> items, int perThread, int minItems,
      Task<? super T, ? extends R, E> task) throws E {
    int threads = threads();
    return map(items, threads == 1 ? 1 : threads * perThread, minItems, task);
  }

  @SuppressWarnings("unchecked")
  static <T, R, E extends Exception> List<R> map(List<T> items, int threads, int minItems,
      Task<? super T, ? extends R, E> task) throws E {
    int size = items.size();
    int chunks = Math.min(size / Math.max(1, minItems / 2), threads * 4);
    if (threads <= 1 || size < minItems || chunks < 2) {
      List<R> results = new ArrayList<>(size);
      for (T item : items) {
        results.add(task.apply(item));
      }
      return results;
    }
    Object[] results = new Object[size];
    Throwable[] failures = new Throwable[size];
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
        int from = (int) ((long) size * chunk / chunks);
        int to = (int) ((long) size * (chunk + 1) / chunks);
        for (int i = from; i < to; i++) {
          try {
            results[i] = task.apply(items.get(i));
          } catch (Exception | Error e) {
            failures[i] = e;
            return; // the rest of this chunk is not needed: this failure comes first in it
          }
        }
      }
    };
    int helpers = Math.min(threads, chunks) - 1;
    List<Future<?>> futures = new ArrayList<>(helpers);
    ExecutorService executor = pool();
    for (int i = 0; i < helpers; i++) {
      futures.add(executor.submit(worker));
    }
    worker.run();
    for (Future<?> future : futures) {
      try {
        future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    for (Throwable failure : failures) {
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      if (failure != null) {
        throw (E) failure;
      }
    }
    return (List<R>) Arrays.asList(results);
  }

  private static synchronized ExecutorService pool() {
    if (pool == null) {
      AtomicInteger count = new AtomicInteger();
      pool = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "portico-worker-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
    }
    return pool;
  }
}
