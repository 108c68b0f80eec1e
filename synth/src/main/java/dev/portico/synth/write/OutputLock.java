package dev.portico.synth.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * One run at a time in an output folder: a lock file ({@value #FILE_NAME}) that names its holder
 * (process id, start time, host), locked with the operating system's file lock, which the system
 * releases when the holder exits however it exits. So a lock left by a killed run is simply taken
 * over; a live holder makes the next run wait briefly, then fail naming it. The file is deleted
 * when the lock is released. A run reading the folder ({@code --check}) takes the lock shared.
 */
final class OutputLock implements AutoCloseable {
  static final String FILE_NAME = ".portico-lock";
  /** How long a run waits for another to finish. */
  static final Duration WAIT = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 50;

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final boolean delete;
  private boolean closed;

  private OutputLock(Path file, FileChannel channel, FileLock lock, boolean delete) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.delete = delete;
  }

  /**
   * Takes the lock of {@code dir} to write it, waiting up to {@code wait} for another run.
   *
   * @throws OutputException when another run still holds it, naming that run
   */
  static OutputLock acquire(Path dir, Duration wait) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    long deadline = System.nanoTime() + wait.toNanos();
    String holder = holder();
    while (true) {
      Locked locked = lock(file, false);
      if (locked != null) {
        locked.channel.truncate(0);
        locked.channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        return new OutputLock(file, locked.channel, locked.lock, true);
      }
      if (System.nanoTime() >= deadline) {
        throw held(dir, file, wait, "write");
      }
      sleep();
    }
  }

  /**
   * Takes the lock of {@code dir} shared, to read it, when a lock file is there: null when there is
   * none; {@link #leftOver} when nobody holds it.
   *
   * @throws OutputException when a run writing the folder still holds it after {@code wait}
   */
  static OutputLock share(Path dir, Duration wait) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      if (Plan.attributes(file) == null) {
        return null;
      }
      Locked locked = lock(file, true);
      if (locked != null) {
        return new OutputLock(file, locked.channel, locked.lock, false);
      }
      if (System.nanoTime() >= deadline) {
        throw held(dir, file, wait, "read");
      }
      sleep();
    }
  }

  private record Locked(FileChannel channel, FileLock lock) {}

  /**
   * The lock on the file at {@code file} now, or null when another run holds it (or the file was
   * replaced meanwhile: a holder deletes it as it releases its lock). The file is compared by its
   * identity before opening and after locking, not read again: with POSIX locks, closing any other
   * descriptor of the file would release this process's lock.
   */
  private static Locked lock(Path file, boolean shared) throws IOException {
    Object before = fileKey(file);
    if (before == null) {
      if (shared) {
        return null;
      }
      try {
        Files.newByteChannel(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS).close();
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another run made it first
      }
      before = fileKey(file);
      if (before == null) {
        return null;
      }
    }
    FileChannel channel;
    try {
      channel = shared ? open(file, StandardOpenOption.READ) : open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (NoSuchFileException e) {
      return null;
    }
    FileLock lock = tryLock(channel, shared);
    if (lock != null && before.equals(fileKey(file))) {
      return new Locked(channel, lock);
    }
    channel.close(); // releases the lock, if any
    return null;
  }

  /** The identity of the file at {@code file} (device and inode), or null when there is none. */
  private static Object fileKey(Path file) throws IOException {
    var attributes = Plan.attributes(file);
    if (attributes == null) {
      return null;
    }
    Object key = attributes.fileKey();
    return key != null ? key : attributes.creationTime();
  }

  /** Whether the lock file is there although nobody holds it: left by a run that was killed. */
  boolean leftOver() {
    return !delete;
  }

  /** Opens the lock file without following a link: a link or folder in its place is refused. */
  private static FileChannel open(Path file, OpenOption... options) throws IOException {
    OpenOption[] all = Arrays.copyOf(options, options.length + 1);
    all[options.length] = LinkOption.NOFOLLOW_LINKS;
    try {
      return FileChannel.open(file, all);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (FileSystemException e) {
      if (Files.isSymbolicLink(file) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new OutputException(file + " is in the way of Portico's lock: it is not a regular file. Remove it"
            + " and run again");
      }
      throw e;
    }
  }

  private static FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
    try {
      return channel.tryLock(0, Long.MAX_VALUE, shared);
    } catch (OverlappingFileLockException e) {
      return null; // held by this process (another thread's run)
    }
  }

  private static OutputException held(Path dir, Path file, Duration wait, String what) {
    String holder = "";
    try {
      holder = read(file);
    } catch (IOException e) {
      // gone or unreadable: name no holder
    }
    return new OutputException(dir + " is locked by another portico synth run" + (holder.isEmpty() ? ""
        : " (" + holder + ")") + "; waited " + wait.toSeconds() + " s to " + what + " it. Run again when that run"
        + " has finished (a run that was killed holds no lock: its " + FILE_NAME + " is taken over)");
  }

  /** {@code pid 1234 on host, started 2024-01-01T10:00:00Z}. */
  private static String holder() {
    ProcessHandle self = ProcessHandle.current();
    return "pid " + self.pid() + " on " + hostName() + ", started "
        + self.info().startInstant().map(OutputLock::utc).orElse("?") + ", locked at " + utc(Instant.now());
  }

  /**
   * {@code 2024-01-01T10:00:00Z}, as {@code Instant.truncatedTo(SECONDS).toString()} writes it for these years,
   * without {@code DateTimeFormatter}, whose set-up costs a short run milliseconds.
   */
  static String utc(Instant instant) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(20).append(t.getYear()).append('-');
    two(sb, t.getMonthValue()).append('-');
    two(sb, t.getDayOfMonth()).append('T');
    two(sb, t.getHour()).append(':');
    two(sb, t.getMinute()).append(':');
    return two(sb, t.getSecond()).append('Z').toString();
  }

  private static StringBuilder two(StringBuilder sb, int value) {
    return sb.append(value < 10 ? "0" : "").append(value);
  }

  /**
   * This machine's name, for the lock file: the kernel's where Linux tells it (no name lookup, which can wait
   * on DNS), else the JDK's.
   */
  private static String hostName() {
    try {
      String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
      if (!kernel.isEmpty()) {
        return kernel;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: ask the JDK
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "this host";
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OutputException("interrupted while waiting for the output folder's lock");
    }
  }

  /** Releases the lock; a writer's lock file is deleted first, while it is still held. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return; // a second close must not delete the lock file of a run that came since
    }
    closed = true;
    try {
      if (delete) {
        Files.deleteIfExists(file);
      }
    } finally {
      try {
        lock.release();
      } finally {
        channel.close();
      }
    }
  }
}
