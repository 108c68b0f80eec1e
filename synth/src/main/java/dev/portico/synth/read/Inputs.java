package dev.portico.synth.read;

import dev.portico.dsl.SourceLocation;
import dev.portico.synth.UsageException;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The inputs of {@code portico validate} and their bytes: files, folders (every {@code .yaml} and
 * {@code .yml} below them and kustomization files, in name order, hidden ones skipped), devices, FIFOs and standard input.
 * Every input is read whole but bounded: at most {@link Limits#maxBytes()} bytes, and a stream
 * (standard input, a FIFO, a device) that sends nothing for {@link Limits#idle()} is given up.
 * What cannot be read is a finding for that input ({@code input.unreadable},
 * {@code input.too-large}); the other inputs are still read.
 */
final class Inputs {
  static final String STDIN = "<stdin>";

  /**
   * How much is read.
   *
   * @param maxBytes the most bytes read from one input
   * @param idle how long a stream may send nothing before it is given up
   */
  record Limits(long maxBytes, Duration idle) {
    /** 64 MiB from one input; 30 s without data on a stream. */
    static final Limits DEFAULT = new Limits(64L << 20, Duration.ofSeconds(30));
  }

  /**
   * One input.
   *
   * @param name the name findings use: the path as given or found, or {@code <stdin>}
   * @param group unused: the reader works out clusters ({@link Kustomizations})
   * @param path the file, or null for standard input
   * @param stream read as a stream (standard input, a FIFO, a device), with the idle limit
   */
  record Source(String name, String group, Path path, boolean stream) {}

  private Inputs() {}

  /**
   * The inputs {@code paths} name; {@code "-"} is standard input (read once however often named).
   * Paths that cannot be listed or are not regular files inside a folder become findings.
   *
   * @throws UsageException when a path does not exist
   */
  static List<Source> sources(List<String> paths, List<Finding> findings) {
    List<Source> sources = new ArrayList<>();
    boolean stdin = false;
    for (String arg : paths) {
      if (arg.equals("-")) {
        if (!stdin) {
          sources.add(new Source(STDIN, STDIN, null, true));
          stdin = true;
        }
        continue;
      }
      Path path = Path.of(arg);
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(path, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        if (Files.isSymbolicLink(path)) {
          findings.add(unreadable(arg, "it is a link to a missing file"));
          continue;
        }
        throw new UsageException("no such file or folder: " + arg);
      } catch (IOException e) {
        findings.add(unreadable(arg, reason(e)));
        continue;
      }
      if (attributes.isDirectory()) {
        folder(path, sources, findings);
      } else {
        sources.add(new Source(arg, arg, path, !attributes.isRegularFile()));
      }
    }
    // a file named twice (or found in two folders given) is read once
    Map<String, Source> once = new LinkedHashMap<>();
    sources.forEach(source -> once.putIfAbsent(source.name(), source));
    return new ArrayList<>(once.values());
  }

  private static void folder(Path root, List<Source> sources, List<Finding> findings) {
    List<Source> found = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
          return !dir.equals(root) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          if (isHidden(file) || !isYaml(file)) {
            return FileVisitResult.CONTINUE;
          }
          String name = file.toString();
          BasicFileAttributes target = attributes;
          if (attributes.isSymbolicLink()) {
            try {
              target = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
              findings.add(unreadable(name, "it is a link to a missing file"));
              return FileVisitResult.CONTINUE;
            } catch (IOException e) {
              findings.add(unreadable(name, reason(e)));
              return FileVisitResult.CONTINUE;
            }
          }
          if (target.isRegularFile()) {
            found.add(new Source(name, name, file, false));
          } else if (!target.isDirectory()) {
            findings.add(unreadable(name, "not a regular file (" + kind(target) + "); in a folder, validate reads "
                + "regular files only (name it on the command line to read it as a stream)"));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          findings.add(unreadable(file.toString(), reason(e)));
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      findings.add(unreadable(root.toString(), reason(e)));
    }
    found.sort(Comparator.comparing(Source::path));
    sources.addAll(found);
  }

  /**
   * The bytes of {@code source}.
   *
   * @throws Unreadable when it cannot be read, is larger than the limit, or stays silent
   */
  static byte[] read(Source source, InputStream stdin, Limits limits) throws Unreadable {
    if (!source.stream()) {
      try {
        long size = Files.size(source.path());
        if (size > limits.maxBytes()) {
          throw tooLarge(source, limits);
        }
        try (InputStream in = Files.newInputStream(source.path())) {
          // the size is known: one buffer of it and a byte more (to see whether the file grew since)
          // rather than 8 KiB chunks, most manifests being far smaller
          long limit = Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1);
          byte[] bytes = in.readNBytes((int) Math.min(size + 1, limit));
          if (bytes.length > size) {
            byte[] rest = in.readNBytes((int) (limit - bytes.length));
            byte[] all = java.util.Arrays.copyOf(bytes, bytes.length + rest.length);
            System.arraycopy(rest, 0, all, bytes.length, rest.length);
            bytes = all;
          }
          if (bytes.length > limits.maxBytes()) {
            throw tooLarge(source, limits);
          }
          return bytes;
        }
      } catch (IOException e) {
        throw new Unreadable(unreadable(source.name(), reason(e)));
      }
    }
    return readStream(source, stdin, limits);
  }

  /**
   * Reads a stream on a daemon thread, so that a FIFO nobody opens for writing, a terminal or a
   * silent pipe is given up after the idle limit instead of blocking forever (the thread is left
   * blocked; the process ends anyway), and an endless stream stops at the size limit.
   */
  private static byte[] readStream(Source source, InputStream stdin, Limits limits) throws Unreadable {
    AtomicLong received = new AtomicLong();
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (InputStream in = source.path() == null ? nonClosing(stdin) : Files.newInputStream(source.path())) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
          bytes.write(chunk, 0, n);
          received.addAndGet(n);
          if (bytes.size() > limits.maxBytes()) {
            result.complete(null);
            return;
          }
        }
        result.complete(bytes.toByteArray());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, "portico-read");
    reader.setDaemon(true);
    reader.start();
    long seen = 0;
    long quietSince = System.nanoTime();
    while (true) {
      try {
        byte[] bytes = result.get(Math.min(200, Math.max(1, limits.idle().toMillis())), TimeUnit.MILLISECONDS);
        if (bytes == null) {
          throw tooLarge(source, limits);
        }
        return bytes;
      } catch (TimeoutException e) {
        long now = System.nanoTime();
        if (received.get() != seen) {
          seen = received.get();
          quietSince = now;
        } else if (now - quietSince >= limits.idle().toNanos()) {
          throw new Unreadable(unreadable(source.name(), "no data for " + (limits.idle().toMillis() % 1000 == 0
              ? limits.idle().toSeconds() + " s" : limits.idle().toMillis() + " ms")
              + (seen == 0 ? "; is anything writing to it?" : " after " + seen + " bytes; given up")));
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
          throw new Unreadable(unreadable(source.name(), reason(io)));
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException("reading " + source.name() + " failed", cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Unreadable(unreadable(source.name(), "interrupted"));
      }
    }
  }

  /** Standard input is not closed when it has been read: the caller owns it. */
  private static InputStream nonClosing(InputStream in) {
    return new java.io.FilterInputStream(in) {
      @Override
      public void close() {}
    };
  }

  /** An input that could not be read, as the finding that says so. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Finding finding;

    Unreadable(Finding finding) {
      super(finding.message());
      this.finding = finding;
    }
  }

  private static Unreadable tooLarge(Source source, Limits limits) {
    return new Unreadable(new Finding("input.too-large", Severity.ERROR, SourceLocation.of(source.name()),
        source.name(), "", (source.path() == null ? "standard input sends" : "it holds") + " more than "
            + size(limits.maxBytes()) + ", the most portico validate reads from one input; split it into smaller files"));
  }

  static Finding unreadable(String name, String reason) {
    return new Finding("input.unreadable", Severity.ERROR, SourceLocation.of(name), name, "", "cannot read it: " + reason);
  }

  private static String size(long bytes) {
    return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "it no longer exists";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String kind(BasicFileAttributes attributes) {
    return attributes.isOther() ? "a FIFO, socket or device" : "not a file or folder";
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.equals("Kustomization");
  }

  private static boolean isHidden(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().startsWith(".");
  }
}
