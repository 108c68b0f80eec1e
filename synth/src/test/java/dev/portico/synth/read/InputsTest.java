package dev.portico.synth.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portico.synth.validate.Finding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that cannot be read whole: each is a finding for that input, never a hang, an unbounded
 * read or a trace, and the other inputs are still checked.
 */
class InputsTest {
  private static final Inputs.Limits SMALL = new Inputs.Limits(1 << 20, Duration.ofMillis(500));
  private static final String GOOD = "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\n"
      + "spec:\n  ports:\n  - {name: HTTP, port: 80}\n";

  @TempDir
  Path tmp;

  private ManifestReader.Input read(InputStream stdin, Inputs.Limits limits, String... paths) {
    return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> ManifestReader.read(List.of(paths), stdin, limits));
  }

  private Path good() throws IOException {
    return Files.writeString(tmp.resolve("good.yaml"), GOOD);
  }

  private static List<String> formatted(ManifestReader.Input input) {
    return input.findings().stream().map(Finding::format).toList();
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void mkfifo(Path fifo) throws Exception {
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");
  }

  @Test
  void aFileThatFailsToReadIsAFindingAndTheOtherPathsAreStillRead() throws Exception {
    Path unreadable = Path.of("/proc/self/mem"); // every read fails with EIO, even for root
    assumeTrue(Files.exists(unreadable), "Linux /proc");

    ManifestReader.Input input = read(InputStream.nullInputStream(), Inputs.Limits.DEFAULT, unreadable.toString(),
        good().toString());

    assertEquals(List.of("/proc/self/mem: error: /proc/self/mem: cannot read it: Input/output error [input.unreadable]"),
        formatted(input));
    assertEquals(1, input.resources().size(), "good.yaml was read");
  }

  @Test
  void permissionDeniedOnAFileOrAFolderIsAFinding() throws Exception {
    assumeTrue(!isRoot(), "permissions do not stop root");
    Path file = Files.writeString(tmp.resolve("secret.yaml"), GOOD);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    Path folder = Files.createDirectories(tmp.resolve("closed"));
    Files.writeString(folder.resolve("x.yaml"), GOOD);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("---------"));
    try {
      ManifestReader.Input input = read(InputStream.nullInputStream(), Inputs.Limits.DEFAULT, tmp.toString());
      assertTrue(formatted(input).contains(file + ": error: " + file + ": cannot read it: permission denied [input.unreadable]"),
          formatted(input)::toString);
      assertTrue(formatted(input).contains(folder + ": error: " + folder + ": cannot read it: permission denied"
          + " [input.unreadable]"), formatted(input)::toString);
    } finally {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void aFifoNobodyWritesToIsGivenUpAfterTheIdleLimit() throws Exception {
    Path fifo = tmp.resolve("fifo");
    mkfifo(fifo);

    ManifestReader.Input input = read(InputStream.nullInputStream(), SMALL, fifo.toString(), good().toString());

    assertEquals(List.of(fifo + ": error: " + fifo + ": cannot read it: no data for 500 ms; is anything writing to it?"
        + " [input.unreadable]"), formatted(input));
    assertEquals(1, input.resources().size(), "good.yaml was read");
    try (OutputStream release = Files.newOutputStream(fifo)) {
      release.flush(); // lets the abandoned reader thread finish
    }
  }

  @Test
  void aFifoWithAWriterIsReadLikeProcessSubstitution() throws Exception {
    Path fifo = tmp.resolve("fifo");
    mkfifo(fifo);
    Thread writer = new Thread(() -> {
      try (OutputStream out = Files.newOutputStream(fifo)) {
        out.write(GOOD.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.start();

    ManifestReader.Input input = read(InputStream.nullInputStream(), SMALL, fifo.toString());

    writer.join();
    assertEquals(List.of(), formatted(input));
    assertEquals(1, input.resources().size());
  }

  @Test
  void aFifoInsideAFolderIsReportedNotOpened() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("manifests"));
    mkfifo(folder.resolve("pipe.yaml"));
    Files.writeString(folder.resolve("web.yaml"), GOOD);

    ManifestReader.Input input = read(InputStream.nullInputStream(), Inputs.Limits.DEFAULT, folder.toString());

    assertEquals(List.of(folder.resolve("pipe.yaml") + ": error: " + folder.resolve("pipe.yaml") + ": cannot read it:"
        + " not a regular file (a FIFO, socket or device); in a folder, validate reads regular files only (name it on"
        + " the command line to read it as a stream) [input.unreadable]"), formatted(input));
    assertEquals(1, input.resources().size());
  }

  @Test
  void devZeroStopsAtTheSizeLimit() {
    assumeTrue(Files.exists(Path.of("/dev/zero")), "/dev/zero");

    ManifestReader.Input input = read(InputStream.nullInputStream(), SMALL, "/dev/zero");

    assertEquals(List.of("/dev/zero: error: /dev/zero: it holds more than 1 MiB, the most portico validate reads from"
        + " one input; split it into smaller files [input.too-large]"), formatted(input));
  }

  @Test
  void aFileOverTheLimitIsNotRead() throws Exception {
    Path big = Files.write(tmp.resolve("big.yaml"), new byte[(1 << 20) + 1]);

    ManifestReader.Input input = read(InputStream.nullInputStream(), SMALL, big.toString(), good().toString());

    assertEquals(List.of(big + ": error: " + big + ": it holds more than 1 MiB, the most portico validate reads from"
        + " one input; split it into smaller files [input.too-large]"), formatted(input));
    assertEquals(1, input.resources().size());
  }

  @Test
  void aFileReadWholeEvenWhenItHoldsMoreThanItsSizeSaid() throws Exception {
    // /proc files say they are empty and hold text: what a file that grew after its size was read looks like
    Path status = Path.of("/proc/self/status");
    assumeTrue(Files.isRegularFile(status) && Files.size(status) == 0, "/proc/self/status, a regular file of size 0");

    byte[] bytes = Inputs.read(new Inputs.Source("status", "status", status, false), InputStream.nullInputStream(),
        SMALL);

    assertTrue(bytes.length > 100 && new String(bytes, StandardCharsets.UTF_8).startsWith("Name:"),
        () -> bytes.length + " bytes");
  }

  @Test
  void aFileOfExactlyTheLimitIsRead() throws Exception {
    byte[] content = new byte[1 << 20];
    java.util.Arrays.fill(content, (byte) '#');
    Path full = Files.write(tmp.resolve("full.yaml"), content);

    byte[] bytes = Inputs.read(new Inputs.Source("full.yaml", "full.yaml", full, false), InputStream.nullInputStream(),
        SMALL);

    assertEquals(1 << 20, bytes.length);
  }

  @Test
  void standardInputThatNeverEndsStopsAtTheSizeLimit() {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 'x';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        java.util.Arrays.fill(b, off, off + len, (byte) 'x');
        return len;
      }
    };

    ManifestReader.Input input = read(endless, SMALL, "-");

    assertEquals(List.of("<stdin>: error: <stdin>: standard input sends more than 1 MiB, the most portico validate"
        + " reads from one input; split it into smaller files [input.too-large]"), formatted(input));
  }

  @Test
  void silentStandardInputIsGivenUp() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    InputStream silent = new InputStream() {
      @Override
      public int read() throws IOException {
        try {
          never.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return -1;
      }
    };

    ManifestReader.Input input = read(silent, SMALL, "-", good().toString());

    never.countDown();
    assertEquals(List.of("<stdin>: error: <stdin>: cannot read it: no data for 500 ms; is anything writing to it?"
        + " [input.unreadable]"), formatted(input));
    assertEquals(1, input.resources().size());
  }

  @Test
  void aBrokenLinkIsAFinding() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("links"));
    Files.createSymbolicLink(folder.resolve("gone.yaml"), tmp.resolve("nowhere.yaml"));

    ManifestReader.Input input = read(new ByteArrayInputStream(new byte[0]), SMALL, folder.toString());

    assertEquals(List.of(folder.resolve("gone.yaml") + ": error: " + folder.resolve("gone.yaml")
        + ": cannot read it: it is a link to a missing file [input.unreadable]"), formatted(input));
  }
}
