package dev.portico.synth.write;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The folders a run stages its files in, inside the output folder:
 * {@code .portico-staging-<pid>-<start>-<random>}, named after the process that made it (its id
 * and start time), so a later run can prove it is dead: no process has that id, or the one that
 * has it started at another time. A folder of an earlier version of Portico
 * ({@code .portico-staging-<digits>}) counts as dead once untouched for {@link #LEGACY_AGE}.
 */
final class StagingFolders {
  static final String PREFIX = ".portico-staging-";
  static final Duration LEGACY_AGE = Duration.ofHours(1);
  private static final Pattern NAMED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-(\\d+)-[0-9a-z]+");
  private static final Pattern LEGACY = Pattern.compile(Pattern.quote(PREFIX) + "\\d+");

  private StagingFolders() {}

  /** A new, empty staging folder of this process in {@code dir}. */
  static Path create(Path dir) throws IOException {
    ProcessHandle self = ProcessHandle.current();
    long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    String random = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    return Files.createDirectory(dir.resolve(PREFIX + self.pid() + "-" + start + "-" + random));
  }

  /** The staging folders in {@code dir} whose run is provably over (it was killed), by name. */
  static List<Path> leftOver(Path dir) throws IOException {
    List<Path> dead = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, PREFIX + "*")) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && isDead(entry)) {
          dead.add(entry);
        }
      }
    }
    dead.sort(null);
    return dead;
  }

  private static boolean isDead(Path folder) throws IOException {
    String name = folder.getFileName().toString();
    Matcher named = NAMED.matcher(name);
    if (named.matches()) {
      long pid;
      long start;
      try {
        pid = Long.parseLong(named.group(1));
        start = Long.parseLong(named.group(2));
      } catch (NumberFormatException e) {
        return false;
      }
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      if (process.isEmpty() || !process.get().isAlive()) {
        return true;
      }
      Optional<Instant> started = process.get().info().startInstant();
      return start != 0 && started.isPresent() && started.get().toEpochMilli() != start;
    }
    if (LEGACY.matcher(name).matches()) {
      Instant modified = Files.getLastModifiedTime(folder, LinkOption.NOFOLLOW_LINKS).toInstant();
      return modified.isBefore(Instant.now().minus(LEGACY_AGE));
    }
    return false;
  }

  /** Deletes {@code folder} and everything in it, never following a link. */
  static void delete(Path folder) throws IOException {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
