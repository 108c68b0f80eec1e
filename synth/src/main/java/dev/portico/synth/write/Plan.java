package dev.portico.synth.write;

import dev.portico.synth.Parallel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a run would do to an output folder, worked out without changing anything: the files to
 * write (new or changed), those already up to date, Portico's files to prune, and the new file
 * list. Everything is resolved against the real folder, and no link inside it is followed: a
 * link where a folder must be is refused, as is a file where a folder must be or a folder where a
 * file must be; a link where a file goes is replaced, not written through.
 */
final class Plan {
  /** Threads per processor for work on files: they mostly wait on the disk. */
  private static final int FILE_THREADS_PER_PROCESSOR = 2;
  /** Files below which their work stays on one thread. */
  private static final int MIN_PARALLEL_FILES = 32;
  final Path dir;
  final List<OutputFile> changed = new ArrayList<>();
  /**
   * Per changed file, in order: the highest of its folders that does not exist yet (it moves into place whole, with
   * every file staged in it), or null when its folder exists.
   */
  final List<Path> newFolders = new ArrayList<>();
  /** The folders of the changed files ('/'-separated, relative; "" for the output folder), each once, in order. */
  final Set<String> changedFolders;
  int unchanged;
  final List<String> stale = new ArrayList<>();
  final String manifestText;
  final boolean manifestChanged;
  /** Folders found to be real folders (not links), each looked at once. */
  private final Set<Path> realFolders = new java.util.HashSet<>();
  /** The folder of the last file to write that {@link #firstMissingOrFile} looked at ("" for none), and its result. */
  private String lastFolderWritten = "";
  private Path lastFolderWrittenMissing;
  /** Folders found missing: 20,000 files of a new folder look once, not 20,000 times. */
  private final Set<Path> missingFolders = new java.util.HashSet<>();

  private Plan(Path dir, List<OutputFile> files, OutputScope scope) throws IOException {
    this.dir = dir;
    Set<String> previous = Manifest.read(dir);
    Set<String> produced = new HashSet<>(files.size() * 2);
    // the new list: every path produced, and the previous list's paths outside the scope
    List<String> manifest = new ArrayList<>(files.size() + previous.size());
    // first, in order, what needs no look at a file itself; a problem ends this pass where a loop would stop
    Path[] missingFolderOf = new Path[files.size()];
    List<Integer> existing = new ArrayList<>();
    Exception stopped = null;
    for (int i = 0; i < files.size(); i++) {
      OutputFile file = files.get(i);
      try {
        if (!Manifest.isSafe(file.path())) {
          throw new IllegalArgumentException("not a relative path inside the output folder: " + file.path());
        }
        if (!produced.add(file.path())) {
          throw new IllegalArgumentException("two files at one path in the output folder: " + file.path());
        }
        manifest.add(file.path());
        missingFolderOf[i] = firstMissingOrFile(file.path(), true);
      } catch (IOException | RuntimeException e) {
        stopped = e;
        break;
      }
      if (missingFolderOf[i] == null) {
        existing.add(i);
      }
    }
    // then the files whose folders exist, each compared with its new content, on several threads: a re-run over
    // committed output reads all of them (20,000 files at 10,000 apps). The first problem in the files' order wins,
    // as in a loop.
    List<Boolean> upToDate = eachFile(existing, i -> isUpToDate(files.get(i)));
    if (stopped instanceof IOException e) {
      throw e;
    } else if (stopped != null) {
      throw (RuntimeException) stopped;
    }
    for (int i = 0, compared = 0; i < files.size(); i++) {
      if (missingFolderOf[i] == null && upToDate.get(compared++)) {
        unchanged++;
      } else {
        changed.add(files.get(i));
        newFolders.add(missingFolderOf[i]);
      }
    }
    changedFolders = parentsOf(changed);
    for (String path : previous) {
      if (!scope.contains(path)) {
        manifest.add(path);
      } else if (!produced.contains(path) && firstMissingOrFile(path, false) == null) {
        BasicFileAttributes attributes = attributes(dir.resolve(path));
        if (attributes != null && !attributes.isDirectory()) {
          stale.add(path); // a folder there now is not the file Portico wrote: it stays
        }
      }
    }
    // two sorted runs when the files come sorted, as OutputLayout gives them: sorting merges them
    manifest.sort(null);
    manifestText = Manifest.render(distinct(manifest));
    Path manifestFile = dir.resolve(Manifest.FILE_NAME);
    manifestChanged = !isUpToDate(manifestFile, manifestText);
  }

  /**
   * Whether {@code file}, whose folders exist, is there with its content already.
   *
   * @throws OutputException when a folder is where the file goes
   */
  private boolean isUpToDate(OutputFile file) throws IOException {
    Path target = dir.resolve(file.path());
    BasicFileAttributes attributes = attributes(target);
    if (attributes != null && attributes.isDirectory()) {
      throw new OutputException("cannot write " + target + ": a folder is in the way; move it, or choose another"
          + " --out. Nothing was changed");
    }
    return attributes != null && attributes.isRegularFile() && isUpToDate(target, attributes, file.content());
  }

  /**
   * {@code task} for each of {@code files} (or their indexes), the results in their order, on Parallel's threads
   * for disk work: the write's comparing and staging.
   */
  static <T, R> List<R> eachFile(List<T> files, Parallel.Task<? super T, ? extends R, IOException> task)
      throws IOException {
    return Parallel.mapBlocking(files, FILE_THREADS_PER_PROCESSOR, MIN_PARALLEL_FILES, task);
  }

  /**
   * The folders of {@code files} ('/'-separated, relative; "" for the output folder itself), each once, in the
   * order first met: the paths are compared as strings, without resolving a Path for each of 20,000 files.
   */
  static Set<String> parentsOf(List<OutputFile> files) {
    Set<String> parents = new LinkedHashSet<>();
    String last = null;
    for (OutputFile file : files) {
      String path = file.path();
      int slash = path.lastIndexOf('/');
      if (last != null && last.length() == Math.max(slash, 0) && path.startsWith(last)) {
        continue; // the sorted files of one folder come together
      }
      last = slash < 0 ? "" : path.substring(0, slash);
      parents.add(last);
    }
    return parents;
  }

  /** {@code sorted} without its repeated entries. */
  private static List<String> distinct(List<String> sorted) {
    List<String> distinct = new ArrayList<>(sorted.size());
    for (String path : sorted) {
      if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(path)) {
        distinct.add(path);
      }
    }
    return distinct;
  }

  /**
   * The plan for writing {@code files} into {@code dir}, pruning within {@code scope}.
   *
   * @param dir the real output folder ({@link Path#toRealPath})
   * @throws OutputException when something is in the way or the file list is corrupt
   */
  static Plan of(Path dir, List<OutputFile> files, OutputScope scope) throws IOException {
    return new Plan(dir, files, scope);
  }

  /**
   * Null when every folder on the way to {@code path} exists as a real folder; else the first (highest) one
   * that is missing, or, for a file to delete, a file where a folder would be (then there is nothing to delete).
   *
   * @throws OutputException for a link among them, or a file where a folder must be for writing
   */
  private Path firstMissingOrFile(String path, boolean writing) throws IOException {
    int slash = path.lastIndexOf('/');
    if (writing && slash >= 0 && path.regionMatches(0, lastFolderWritten, 0, slash)
        && lastFolderWritten.length() == slash) {
      return lastFolderWrittenMissing; // the files come sorted: the folder of the file before, looked at already
    }
    Path missing = firstMissingOrFileUncached(path, writing);
    if (writing && slash >= 0) {
      lastFolderWritten = path.substring(0, slash);
      lastFolderWrittenMissing = missing;
    }
    return missing;
  }

  private Path firstMissingOrFileUncached(String path, boolean writing) throws IOException {
    String[] segments = path.split("/");
    Path folder = dir;
    for (String segment : Arrays.copyOf(segments, segments.length - 1)) {
      folder = folder.resolve(segment);
      if (realFolders.contains(folder)) {
        continue;
      }
      if (missingFolders.contains(folder)) {
        return folder;
      }
      BasicFileAttributes attributes = attributes(folder);
      if (attributes == null) {
        missingFolders.add(folder);
        return folder;
      }
      if (attributes.isSymbolicLink()) {
        throw new OutputException(folder + " is a symbolic link; Portico never writes or deletes through a link"
            + " inside " + dir + " (it would " + (writing ? "write " : "delete ") + dir.resolve(path)
            + "). Replace the link with a folder, or remove it. Nothing was changed");
      }
      if (!attributes.isDirectory()) {
        if (writing) {
          throw new OutputException("cannot write " + dir.resolve(path) + ": " + folder + " is a file, not a"
              + " folder; move it, or choose another --out. Nothing was changed");
        }
        return folder;
      }
      realFolders.add(folder);
    }
    return null;
  }

  /** The attributes of {@code path} itself (a link is not followed), or null when there is nothing. */
  static BasicFileAttributes attributes(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Whether {@code target} is a regular file (not a link) holding exactly {@code content}. */
  static boolean isUpToDate(Path target, String content) throws IOException {
    return isUpToDate(target, attributes(target), content);
  }

  private static boolean isUpToDate(Path target, BasicFileAttributes attributes, String content) throws IOException {
    if (attributes == null || !attributes.isRegularFile()) {
      return false;
    }
    byte[] expected = content.getBytes(StandardCharsets.UTF_8);
    if (attributes.size() != expected.length) {
      return false;
    }
    // compared a buffer at a time: a large single-file output is not held twice in memory
    byte[] buffer = new byte[Math.max(1, Math.min(expected.length, 1 << 16))];
    try (InputStream in = Files.newInputStream(target, LinkOption.NOFOLLOW_LINKS)) {
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
}
