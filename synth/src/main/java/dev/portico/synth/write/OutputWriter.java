package dev.portico.synth.write;

import dev.portico.synth.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes output so that a failure leaves the previous output intact: changed files are first
 * staged in a temporary folder inside the output folder, then each is moved into place
 * atomically; unchanged files are not touched; files Portico wrote before (per its manifest)
 * that are no longer produced are removed, and no other file is.
 */
public final class OutputWriter {
  private OutputWriter() {}

  /**
   * What a write did.
   *
   * @param written files created or changed
   * @param unchanged files already up to date
   * @param removed stale files of Portico's removed
   */
  public record Result(int written, int unchanged, int removed) {}

  /** Writes {@code files} under {@code outDir}, pruning Portico's stale files within {@code scopes}. */
  public static Result write(Path outDir, List<OutputFile> files, List<String> scopes) throws IOException {
    Files.createDirectories(outDir);
    Set<String> previous = Manifest.read(outDir);
    List<OutputFile> changed = new ArrayList<>();
    int unchanged = 0;
    for (OutputFile file : files) {
      if (isUpToDate(outDir.resolve(file.path()), file.content())) {
        unchanged++;
      } else {
        changed.add(file);
      }
    }
    Set<String> produced = new TreeSet<>();
    files.forEach(file -> produced.add(file.path()));
    List<String> stale = new ArrayList<>();
    for (String path : previous) {
      if (Manifest.inScope(path, scopes) && !produced.contains(path)) {
        stale.add(path);
      }
    }

    checkNothingInTheWay(outDir, changed);
    Path staging = Files.createTempDirectory(outDir, ".portico-staging-");
    try {
      for (OutputFile file : changed) {
        Path staged = staging.resolve(file.path());
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, file.content(), StandardCharsets.UTF_8);
      }
      for (OutputFile file : changed) {
        Path target = outDir.resolve(file.path());
        Files.createDirectories(target.getParent());
        move(staging.resolve(file.path()), target);
      }
    } finally {
      deleteTree(staging);
    }
    for (String path : stale) {
      Path target = outDir.resolve(path);
      Files.deleteIfExists(target);
      deleteEmptyParents(target.getParent(), outDir);
    }
    Set<String> manifest = new TreeSet<>();
    for (String path : previous) {
      if (!Manifest.inScope(path, scopes)) {
        manifest.add(path);
      }
    }
    manifest.addAll(produced);
    Path manifestFile = outDir.resolve(Manifest.FILE_NAME);
    String manifestText = Manifest.render(manifest);
    if (!isUpToDate(manifestFile, manifestText)) {
      Path temp = Files.createTempFile(outDir, ".portico-files-", ".tmp");
      Files.writeString(temp, manifestText, StandardCharsets.UTF_8);
      move(temp, manifestFile);
    }
    return new Result(changed.size(), unchanged, stale.size());
  }

  /**
   * Fails before anything is changed when a file must go where a folder is, or a folder where a
   * file is: the output is then left exactly as it was.
   */
  private static void checkNothingInTheWay(Path outDir, List<OutputFile> changed) {
    for (OutputFile file : changed) {
      Path target = outDir.resolve(file.path());
      if (Files.exists(target) && !Files.isRegularFile(target)) {
        throw new UsageException("cannot write " + target + ": something that is not a file is in the way; "
            + "move it, or choose another --out");
      }
      for (Path dir = target.getParent(); dir != null && !dir.equals(outDir); dir = dir.getParent()) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
          throw new UsageException("cannot write " + target + ": " + dir + " is a file, not a folder; "
              + "move it, or choose another --out");
        }
      }
    }
  }

  static boolean isUpToDate(Path target, String content) throws IOException {
    if (!Files.isRegularFile(target)) {
      return false;
    }
    byte[] expected = content.getBytes(StandardCharsets.UTF_8);
    if (Files.size(target) != expected.length) {
      return false;
    }
    // compared a buffer at a time: a large single-file output is not held twice in memory
    byte[] buffer = new byte[Math.min(expected.length, 1 << 16)];
    try (InputStream in = Files.newInputStream(target)) {
      int offset = 0;
      for (int read = in.readNBytes(buffer, 0, buffer.length); read > 0;
          read = in.readNBytes(buffer, 0, buffer.length)) {
        if (offset + read > expected.length
            || !Arrays.equals(buffer, 0, read, expected, offset, offset + read)) {
          return false;
        }
        offset += read;
      }
      return offset == expected.length;
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteEmptyParents(Path dir, Path stop) throws IOException {
    Path root = stop.toAbsolutePath().normalize();
    for (Path d = dir.toAbsolutePath().normalize(); d != null && d.startsWith(root) && !d.equals(root); d = d.getParent()) {
      try {
        Files.delete(d);
      } catch (DirectoryNotEmptyException | java.nio.file.NoSuchFileException e) {
        return;
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
