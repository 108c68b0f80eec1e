package dev.portico.synth.write;

import dev.portico.synth.UsageException;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a run's files into the output folder, all or nothing. Under the folder's lock
 * ({@link OutputLock}), everything that can be checked is checked before anything changes: the
 * file list, links and files in the way, that every folder touched is writable, and (by staging
 * every new file, and a link to every file it replaces, in a folder inside the output folder)
 * that there is room. Then each file is moved into place atomically, stale files are moved out,
 * and the file list is replaced last; if any of these fails, what was done is undone from the
 * staging folder, so the folder is wholly the old output or wholly the new. Unchanged files are
 * not touched; only files Portico wrote before (per its list) and no longer writes are pruned,
 * within the run's {@link OutputScope}.
 */
public final class OutputWriter {
  private OutputWriter() {}

  /**
   * What a write did.
   *
   * @param written files created or changed
   * @param unchanged files already up to date
   * @param removed stale files of Portico's removed
   * @param stagingRemoved staging folders of killed runs removed
   */
  public record Result(int written, int unchanged, int removed, int stagingRemoved) {
    /** A write that found no staging folders of killed runs. */
    public Result(int written, int unchanged, int removed) {
      this(written, unchanged, removed, 0);
    }
  }

  /** The steps of a write a test can make fail: {@code probe}, {@code stage}, {@code move}, {@code remove}. */
  @FunctionalInterface
  interface Faults {
    Faults NONE = (step, path) -> {};

    void before(String step, Path path) throws IOException;
  }

  /** Writes {@code files} under {@code outDir}, pruning Portico's stale files within {@code scopes} (a partial run). */
  public static Result write(Path outDir, List<OutputFile> files, List<String> scopes) throws IOException {
    return write(outDir, files, OutputScope.within(scopes));
  }

  /**
   * Writes {@code files} under {@code outDir}, pruning Portico's stale files within {@code scope}.
   *
   * @throws UsageException when {@code outDir} is empty, a file, or below a file
   * @throws IllegalArgumentException when a file's path is not a relative path inside the folder, or two files have
   *     one path (the caller's bug; nothing is changed)
   * @throws OutputException when the folder cannot take the output (locked by another run, a link
   *     or something else in the way, not writable, full, a corrupt file list); the folder is then
   *     as it was
   */
  public static Result write(Path outDir, List<OutputFile> files, OutputScope scope) throws IOException {
    return write(outDir, files, scope, OutputLock.WAIT, Faults.NONE);
  }

  static Result write(Path outDir, List<OutputFile> files, OutputScope scope, Duration lockWait, Faults faults)
      throws IOException {
    checkOutputFolder(outDir);
    boolean existed = Files.exists(outDir);
    Path dir;
    try {
      Files.createDirectories(outDir);
      dir = outDir.toRealPath();
    } catch (IOException e) {
      throw new OutputException("cannot create " + outDir + ": " + reason(e));
    }
    OutputLock lock = null;
    try {
      lock = OutputLock.acquire(dir, lockWait);
      return new Transaction(dir, faults).run(files, scope);
    } catch (IOException e) {
      throw failed(new OutputException("cannot write " + dir + ": " + reason(e) + ". Nothing was changed"),
          existed, dir, lock);
    } catch (RuntimeException e) {
      throw failed(e, existed, dir, lock);
    } finally {
      release(lock);
    }
  }

  /** A failed write: a folder it created is removed again, once its lock is released. */
  private static RuntimeException failed(RuntimeException e, boolean existed, Path dir, OutputLock lock) {
    if (!existed) {
      release(lock);
      deleteIfEmpty(dir);
    }
    return e;
  }

  private static void release(OutputLock lock) {
    if (lock != null) {
      try {
        lock.close();
      } catch (IOException e) {
        // the system releases the lock when the process ends; the file is taken over by the next run
      }
    }
  }

  /**
   * Refuses an output folder named by an empty path, or that is a file or below one.
   *
   * @throws UsageException naming the problem
   */
  public static void checkOutputFolder(Path out) {
    checkOutputFolder("", out);
  }

  /**
   * {@link #checkOutputFolder(Path)}, the message naming the option that gave the folder
   * ({@code --out}).
   */
  public static void checkOutputFolder(String option, Path out) {
    if (out.toString().isEmpty()) {
      throw new UsageException((option.isEmpty() ? "the output folder" : option) + ": the folder name is empty; name"
          + " a folder" + (option.isEmpty() ? "" : ", e.g. " + option + " out"));
    }
    String named = option.isEmpty() ? "" : option + " ";
    Path absolute = out.toAbsolutePath().normalize();
    for (Path path = absolute; path != null; path = path.getParent()) {
      if (Files.exists(path) && !Files.isDirectory(path)) {
        throw new UsageException(named + out + ": " + (path.equals(absolute) ? "is a file, not a folder"
            : path + " is a file, not a folder"));
      }
    }
  }

  /** One write, from its checks to its clean-up. */
  private static final class Transaction {
    private final Path dir;
    private final Faults faults;
    private Path staging;
    /** Whether each changed file replaces one, kept in the staging folder to restore on failure. */
    private List<Boolean> kept;
    private final List<Undo> undo = new ArrayList<>();
    private final List<Path> createdFolders = new ArrayList<>();

    @FunctionalInterface
    private interface Undo {
      void run() throws IOException;
    }

    Transaction(Path dir, Faults faults) {
      this.dir = dir;
      this.faults = faults;
    }

    Result run(List<OutputFile> files, OutputScope scope) throws IOException {
      int stagingRemoved = removeLeftOverStaging();
      Plan plan = Plan.of(dir, files, scope);
      if (plan.changed.isEmpty() && plan.stale.isEmpty() && !plan.manifestChanged) {
        return new Result(0, plan.unchanged, 0, stagingRemoved);
      }
      probe(plan);
      stage(plan);
      try {
        moveIntoPlace(plan);
      } catch (IOException | RuntimeException e) {
        throw restore(e);
      }
      for (String path : plan.stale) {
        deleteEmptyFolders(dir.resolve(path).getParent());
      }
      try {
        StagingFolders.delete(staging);
      } catch (IOException e) {
        // left behind; the next run removes it as a killed run's staging folder
      }
      return new Result(plan.changed.size(), plan.unchanged, plan.stale.size(), stagingRemoved);
    }

    /** Staging folders of killed runs: garbage, removed first (they may be what filled the disk). */
    private int removeLeftOverStaging() throws IOException {
      List<Path> leftOver = StagingFolders.leftOver(dir);
      for (Path folder : leftOver) {
        try {
          StagingFolders.delete(folder);
        } catch (IOException e) {
          throw new OutputException("cannot remove " + folder + ", left by a run that was killed: " + reason(e)
              + ". Remove it by hand. Nothing else was changed");
        }
      }
      return leftOver.size();
    }

    /** Every existing folder that gains or loses an entry must be writable: each is tried with a file. */
    private void probe(Plan plan) {
      Set<Path> folders = new LinkedHashSet<>();
      folders.add(dir);
      for (String parent : plan.changedFolders) {
        Path folder = dir.resolve(parent);
        while (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
          folder = folder.getParent();
        }
        folders.add(folder);
      }
      for (String path : plan.stale) {
        folders.add(dir.resolve(path).getParent());
      }
      for (Path folder : folders) {
        try {
          faults.before("probe", folder);
          // named here rather than by Files.createTempFile, whose SecureRandom costs a short run milliseconds
          Files.delete(Files.createFile(folder.resolve(".portico-probe-" + ProcessHandle.current().pid() + "-"
              + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36) + ".tmp")));
        } catch (IOException e) {
          throw new OutputException("cannot write in " + folder + ": " + reason(e) + ". Nothing was changed");
        }
      }
    }

    /**
     * Writes every new file, and the new file list, into the staging folder, with a hard link (or
     * a copy) of every file they replace: all the space the run needs is taken here, before
     * anything in the output changes.
     */
    private void stage(Plan plan) {
      try {
        staging = StagingFolders.create(dir);
        Path staged = staging.resolve("new");
        Files.createDirectory(staged);
        // the folders first, once each; then the files
        for (String parent : plan.changedFolders) {
          Files.createDirectories(staged.resolve(parent));
        }
        // then the files, in slices of the sorted list on several threads, so that one folder's files are written
        // by several at once: ext4 adds entries to a folder one at a time, but the rest of creating a file (the
        // write, the close, the JVM's share) overlaps. 20,000 files in one folder, 10,000 apps: 1.48 s on one thread
        // a folder, 1.33 s so (median of 8 alternating runs, 2 cores; bench/README.md)
        List<Integer> indexes = new ArrayList<>(plan.changed.size());
        for (int i = 0; i < plan.changed.size(); i++) {
          indexes.add(i);
        }
        kept = Plan.eachFile(indexes, i -> stage(plan.changed.get(i), staged, plan.newFolders.get(i) != null));
        if (plan.manifestChanged) {
          Path manifest = dir.resolve(Manifest.FILE_NAME);
          faults.before("stage", manifest);
          Files.writeString(staged.resolve(Manifest.FILE_NAME), plan.manifestText, StandardCharsets.UTF_8);
          if (Plan.attributes(manifest) != null) {
            keep(manifest, staging.resolve("old").resolve(Manifest.FILE_NAME));
          }
        }
      } catch (IOException | RuntimeException e) {
        try {
          if (staging != null) {
            StagingFolders.delete(staging);
          }
        } catch (IOException ignored) {
          // the next run removes it
        }
        throw new OutputException("cannot stage the new output in " + dir + ": " + reason(e)
            + ". Nothing was changed");
      }
    }

    /** Writes one file into the staging folder; whether it replaces one, kept to restore on failure. */
    private boolean stage(OutputFile file, Path staged, boolean inNewFolder) throws IOException {
      Path target = dir.resolve(file.path());
      faults.before("stage", target);
      writeNew(staged.resolve(file.path()), file.content());
      if (inNewFolder || Plan.attributes(target) == null) {
        return false; // nothing there to keep
      }
      keep(target, staging.resolve("old").resolve(file.path()));
      return true;
    }

    /**
     * Writes {@code content} to {@code file}, a new file in the staging folder (no link to follow): through a
     * FileOutputStream, which opens, writes and closes with less of the JVM's work per file than Files.write's channel.
     * What it cannot open is tried again with Files.writeString, whose exception names the problem as everywhere else
     * ("permission denied (FILE)"); text that is not Unicode (a lone surrogate) fails, as in Files.writeString.
     */
    private static void writeNew(Path file, String content) throws IOException {
      byte[] bytes = utf8(content);
      FileOutputStream out;
      try {
        out = new FileOutputStream(file.toFile());
      } catch (FileNotFoundException e) {
        Files.write(file, bytes);
        return;
      }
      try (out) {
        out.write(bytes);
      }
    }

    /** {@code text} in UTF-8; a lone surrogate is an error, not a '?'. */
    private static byte[] utf8(String text) throws CharacterCodingException {
      for (int i = 0; i < text.length(); i++) {
        if (Character.isSurrogate(text.charAt(i))) {
          ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text)); // reports errors
          return Arrays.copyOf(bytes.array(), bytes.limit());
        }
      }
      return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A hard link to {@code file} at {@code backup} (no space needed), or else a copy. */
    private void keep(Path file, Path backup) throws IOException {
      Files.createDirectories(backup.getParent());
      try {
        Files.createLink(backup, file);
      } catch (UnsupportedOperationException | IOException e) {
        Files.copy(file, backup, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }

    private void moveIntoPlace(Plan plan) throws IOException {
      Set<Path> movedTrees = new java.util.HashSet<>();
      Set<Path> folders = new java.util.HashSet<>();
      for (int i = 0; i < plan.changed.size(); i++) {
        OutputFile file = plan.changed.get(i);
        Path tree = plan.newFolders.get(i);
        if (tree != null) {
          if (movedTrees.add(tree)) {
            Path staged = staging.resolve("new").resolve(dir.relativize(tree));
            faults.before("move", tree);
            move(staged, tree);
            undo.add(() -> move(tree, staged));
          }
          continue;
        }
        Path target = dir.resolve(file.path());
        Path backup = staging.resolve("old").resolve(file.path());
        if (folders.add(target.getParent())) {
          createFolders(target.getParent());
        }
        faults.before("move", target);
        move(staging.resolve("new").resolve(file.path()), target);
        undo.add(kept.get(i) ? () -> move(backup, target) : () -> Files.deleteIfExists(target));
      }
      for (String path : plan.stale) {
        Path target = dir.resolve(path);
        Path removed = staging.resolve("removed").resolve(path);
        Files.createDirectories(removed.getParent());
        faults.before("remove", target);
        move(target, removed);
        undo.add(() -> move(removed, target));
      }
      if (plan.manifestChanged) {
        Path manifest = dir.resolve(Manifest.FILE_NAME);
        Path backup = staging.resolve("old").resolve(Manifest.FILE_NAME);
        faults.before("move", manifest);
        move(staging.resolve("new").resolve(Manifest.FILE_NAME), manifest);
        undo.add(Files.exists(backup, LinkOption.NOFOLLOW_LINKS) ? () -> move(backup, manifest)
            : () -> Files.deleteIfExists(manifest));
      }
    }

    /** Undoes every move done, newest first, and says what happened. */
    private OutputException restore(Exception failure) {
      List<String> failed = new ArrayList<>();
      for (int i = undo.size() - 1; i >= 0; i--) {
        try {
          undo.get(i).run();
        } catch (IOException | RuntimeException e) {
          failed.add(reason(e));
        }
      }
      for (int i = createdFolders.size() - 1; i >= 0; i--) {
        deleteIfEmpty(createdFolders.get(i));
      }
      if (failed.isEmpty()) {
        try {
          StagingFolders.delete(staging);
        } catch (IOException ignored) {
          // the next run removes it
        }
        return new OutputException("writing " + dir + " failed: " + reason(failure) + ". Every change was undone:"
            + " the folder holds the previous output");
      }
      return new OutputException("writing " + dir + " failed: " + reason(failure) + ", and undoing it failed too ("
          + String.join("; ", failed) + "). The previous files are in " + staging.resolve("old") + " and "
          + staging.resolve("removed") + ": move them back, then run again");
    }

    /** Creates the missing folders up to {@code folder}, remembering them to remove on failure. */
    private void createFolders(Path folder) throws IOException {
      List<Path> missing = new ArrayList<>();
      for (Path f = folder; f != null && !f.equals(dir) && Plan.attributes(f) == null; f = f.getParent()) {
        missing.add(0, f);
      }
      for (Path f : missing) {
        Files.createDirectory(f);
        createdFolders.add(f);
      }
    }

    /** Removes folders emptied by pruning, up to (not including) the output folder. */
    private void deleteEmptyFolders(Path folder) {
      for (Path f = folder; f != null && f.startsWith(dir) && !f.equals(dir); f = f.getParent()) {
        if (!deleteIfEmpty(f)) {
          return;
        }
      }
    }
  }

  /** Deletes {@code folder} when it is a real, empty folder; whether it did. */
  private static boolean deleteIfEmpty(Path folder) {
    try {
      BasicFileAttributes attributes = Plan.attributes(folder);
      if (attributes == null || !attributes.isDirectory()) {
        return false;
      }
      Files.delete(folder);
      return true;
    } catch (DirectoryNotEmptyException | NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** What went wrong, in a few words: "permission denied", "No space left on device", ... */
  static String reason(Throwable e) {
    if (e instanceof OutputException) {
      return e.getMessage();
    }
    if (e instanceof AccessDeniedException denied) {
      return "permission denied" + (denied.getFile() == null ? "" : " (" + denied.getFile() + ")");
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason() + (fs.getFile() == null ? "" : " (" + fs.getFile() + ")");
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
