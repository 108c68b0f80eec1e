package dev.portico.synth.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The output folder is Portico's, and only the folder: no link inside it is followed, a run is
 * all or nothing whatever step fails, a killed run's staging is cleaned up, one run at a time
 * holds it, and a full run prunes what nothing produces any more.
 */
class OutputWriterTest {
  private static final OutputScope SCOPE = OutputScope.within(List.of("s/e/", "s/e.yaml"));

  @TempDir
  Path tmp;

  Path out() {
    return tmp.resolve("out");
  }

  static List<OutputFile> files(String... pathsAndContents) {
    List<OutputFile> files = new ArrayList<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      files.add(new OutputFile(pathsAndContents[i], pathsAndContents[i + 1]));
    }
    return files;
  }

  /** Every entry below {@code dir} (links as links), with file contents: what a failed run must not change. */
  static Map<String, String> snapshot(Path dir) {
    Map<String, String> entries = new TreeMap<>();
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return entries;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.toList()) {
        if (path.equals(dir)) {
          continue;
        }
        String name = dir.relativize(path).toString();
        if (Files.isSymbolicLink(path)) {
          entries.put(name, "-> " + Files.readSymbolicLink(path));
        } else if (Files.isDirectory(path)) {
          entries.put(name + "/", "");
        } else {
          entries.put(name, Files.readString(path, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  // ---------------------------------------------------------------------------------------------
  // what was already true

  @Test
  void unchangedFilesAreNotRewrittenAndStaleOnesArePruned() throws Exception {
    OutputWriter.Result first = OutputWriter.write(out(), files("s/e/a.yaml", "a\n", "s/e/b.yaml", "b\n"), SCOPE);
    assertEquals(new OutputWriter.Result(2, 0, 0), first);
    Files.writeString(out().resolve("s/e/mine.yaml"), "user\n");
    OutputWriter.Result second = OutputWriter.write(out(), files("s/e/a.yaml", "a\n"), SCOPE);
    assertEquals(new OutputWriter.Result(0, 1, 1), second);
    assertFalse(Files.exists(out().resolve("s/e/b.yaml")));
    assertTrue(Files.exists(out().resolve("s/e/mine.yaml")), "a user's file survives");
    assertEquals(Map.of(".portico-files", Manifest.HEADER + "\ns/e/a.yaml\n", "s/", "", "s/e/", "", "s/e/a.yaml", "a\n",
        "s/e/mine.yaml", "user\n"), snapshot(out()), "no lock, staging or probe file is left");
  }

  @Test
  void aFolderInTheWayChangesNothing() throws Exception {
    OutputWriter.write(out(), files("s/e/a.yaml", "a: 1\n"), SCOPE);
    Files.createDirectories(out().resolve("s/e/b.yaml"));
    Map<String, String> before = snapshot(out());
    OutputException error = assertThrows(OutputException.class,
        () -> OutputWriter.write(out(), files("s/e/a.yaml", "a: 2\n", "s/e/b.yaml", "b: 1\n"), SCOPE));
    assertTrue(error.getMessage().contains("b.yaml: a folder is in the way"), error.getMessage());
    assertEquals(before, snapshot(out()), "nothing was changed");
  }

  /**
   * A re-run over many files (compared with their new content on several threads) rewrites exactly the changed
   * ones, and of several problems reports the first in the files' order, as one loop over them would.
   */
  @Test
  void manyExistingFilesAreComparedAndTheFirstProblemInOrderIsReported() throws Exception {
    severalThreads();
    OutputWriter.write(out(), manyFiles("1", true), OutputScope.everything());
    List<OutputFile> next = new ArrayList<>();
    for (OutputFile file : manyFiles("1", true)) {
      next.add(file.path().endsWith("7.yaml") ? new OutputFile(file.path(), file.content() + "changed: true\n") : file);
    }
    assertEquals(new OutputWriter.Result(20, 180, 0), OutputWriter.write(out(), next, OutputScope.everything()),
        "the 20 files ending in 7 are rewritten, the list is unchanged");
    assertEquals(new OutputWriter.Result(0, 200, 0), OutputWriter.write(out(), next, OutputScope.everything()));

    Files.delete(out().resolve("s/e/f150.yaml"));
    Files.createDirectories(out().resolve("s/e/f150.yaml"));
    Files.delete(out().resolve("s/e/f050.yaml"));
    Files.createDirectories(out().resolve("s/e/f050.yaml"));
    Files.createSymbolicLink(out().resolve("s/z"), tmp);
    List<OutputFile> withLink = new ArrayList<>(next);
    withLink.add(new OutputFile("s/z/a.yaml", "a\n")); // after s/e/ in order
    Map<String, String> before = snapshot(out());
    OutputException folderFirst = assertThrows(OutputException.class,
        () -> OutputWriter.write(out(), withLink, OutputScope.everything()));
    assertTrue(folderFirst.getMessage().contains("f050.yaml: a folder is in the way"), folderFirst.getMessage());

    List<OutputFile> linkFirst = new ArrayList<>(next);
    linkFirst.add(0, new OutputFile("s/z/a.yaml", "a\n")); // listed first
    OutputException link = assertThrows(OutputException.class,
        () -> OutputWriter.write(out(), linkFirst, OutputScope.everything()));
    assertTrue(link.getMessage().contains("is a symbolic link"), link.getMessage());
    assertEquals(before, snapshot(out()), "nothing was changed");
  }

  @Test
  void aFileWhereAFolderBelongsChangesNothing() throws Exception {
    Files.createDirectories(out());
    Files.writeString(out().resolve("s"), "mine\n");
    OutputException error = assertThrows(OutputException.class,
        () -> OutputWriter.write(out(), files("s/e/a.yaml", "a: 1\n"), SCOPE));
    assertTrue(error.getMessage().contains("is a file, not a folder"), error.getMessage());
    assertEquals(Map.of("s", "mine\n"), snapshot(out()));
  }

  // ---------------------------------------------------------------------------------------------
  // point 7: no link inside the folder is followed

  @Test
  void aLinkToAFolderInsideTheOutputIsRefusedAndNothingOutsideIsTouched() throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere/e"));
    Files.writeString(elsewhere.resolve("old.yaml"), "precious\n");
    Files.createDirectories(out());
    Files.writeString(out().resolve(Manifest.FILE_NAME), Manifest.HEADER + "\ns/e/old.yaml\n");
    Files.createSymbolicLink(out().resolve("s"), tmp.resolve("elsewhere"));
    Map<String, String> outside = snapshot(tmp.resolve("elsewhere"));
    Map<String, String> before = snapshot(out());

    OutputException write = assertThrows(OutputException.class,
        () -> OutputWriter.write(out(), files("s/e/a.yaml", "a\n"), SCOPE));
    OutputException prune = assertThrows(OutputException.class,
        () -> OutputWriter.write(out(), files(), OutputScope.everything()));

    assertTrue(write.getMessage().startsWith(out().toRealPath().resolve("s") + " is a symbolic link; Portico never"
        + " writes or deletes through a link inside"), write.getMessage());
    assertTrue(prune.getMessage().contains("it would delete"), prune.getMessage());
    assertEquals(outside, snapshot(tmp.resolve("elsewhere")), "nothing outside the folder was written or deleted");
    assertEquals(before, snapshot(out()));
  }

  @Test
  void aLinkWhereAFileGoesIsReplacedNotWrittenThrough() throws Exception {
    Path target = Files.writeString(tmp.resolve("target.txt"), "outside\n");
    Files.createDirectories(out().resolve("s/e"));
    Files.createSymbolicLink(out().resolve("s/e/a.yaml"), target);

    OutputWriter.Result result = OutputWriter.write(out(), files("s/e/a.yaml", "outside\n"), SCOPE);

    assertEquals(1, result.written(), "a link is never up to date, even to the same content");
    assertFalse(Files.isSymbolicLink(out().resolve("s/e/a.yaml")));
    assertEquals("outside\n", Files.readString(out().resolve("s/e/a.yaml")));
    assertEquals("outside\n", Files.readString(target));
  }

  @Test
  void anOutputFolderThatIsItselfALinkIsResolvedOnce() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Files.createSymbolicLink(out(), real);

    OutputWriter.write(out(), files("s/e/a.yaml", "a\n"), SCOPE);

    assertEquals("a\n", Files.readString(real.resolve("s/e/a.yaml")));
  }

  // ---------------------------------------------------------------------------------------------
  // point 8: all or nothing

  /** A run that writes a changed file, a new one in a new folder, removes a stale one and rewrites the list. */
  static List<OutputFile> secondRun() {
    return files("s/e/a.yaml", "a: 2\n", "s/e/c.yaml", "c: 1\n", "s/f/d.yaml", "d: 1\n", "s/e/kustomization.yaml", "k\n");
  }

  Map<String, String> firstRun() throws IOException {
    OutputWriter.write(out(), files("s/e/a.yaml", "a: 1\n", "s/e/b.yaml", "b: 1\n", "s/e/kustomization.yaml", "k\n"),
        OutputScope.everything());
    return snapshot(out());
  }

  /** How many times the second run passes a fault point: the test fails at each of them in turn. */
  static int faultPoints() throws IOException {
    Path dir = Files.createTempDirectory("portico-faults");
    try {
      OutputWriter.write(dir, files("s/e/a.yaml", "a: 1\n", "s/e/b.yaml", "b: 1\n", "s/e/kustomization.yaml", "k\n"),
          OutputScope.everything());
      AtomicInteger count = new AtomicInteger();
      OutputWriter.write(dir, secondRun(), OutputScope.everything(), Duration.ZERO, (step, path) -> count.incrementAndGet());
      return count.get();
    } finally {
      StagingFolders.delete(dir);
    }
  }

  static Stream<Integer> failures() throws IOException {
    return IntStream.range(0, faultPoints()).boxed();
  }

  @ParameterizedTest(name = "failing at fault point {0}")
  @MethodSource("failures")
  void aFailureAtAnyStepLeavesThePreviousOutputWhole(int failAt) throws Exception {
    Map<String, String> before = firstRun();
    AtomicInteger step = new AtomicInteger();
    List<String> failedStep = new ArrayList<>();

    OutputException error = assertThrows(OutputException.class, () -> OutputWriter.write(out(), secondRun(),
        OutputScope.everything(), Duration.ZERO, (name, path) -> {
          if (step.getAndIncrement() == failAt) {
            failedStep.add(name);
            throw new IOException("No space left on device");
          }
        }));

    assertTrue(error.getMessage().contains("No space left on device"), error.getMessage());
    assertTrue(error.getMessage().endsWith(failedStep.get(0).equals("move") || failedStep.get(0).equals("remove")
        ? "Every change was undone: the folder holds the previous output" : "Nothing was changed"), error.getMessage());
    assertEquals(before, snapshot(out()), "wholly the previous output, after failing at " + failedStep);
  }

  /** Two threads a processor's worth of staging and comparing threads, even on a machine with one processor. */
  static void severalThreads() {
    System.setProperty(dev.portico.synth.Parallel.PROPERTY, "2");
  }

  @org.junit.jupiter.api.AfterEach
  void defaultThreads() {
    System.clearProperty(dev.portico.synth.Parallel.PROPERTY);
  }

  @Test
  void twoFilesAtOnePathAreRefusedAndNothingChanges() throws Exception {
    OutputWriter.write(out(), files("s/e/a.yaml", "a: 1\n"), SCOPE);
    Map<String, String> before = snapshot(out());
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> OutputWriter.write(out(), files("s/e/a.yaml", "a: 2\n", "s/e/a.yaml", "a: 3\n"), SCOPE));
    assertEquals("two files at one path in the output folder: s/e/a.yaml", error.getMessage());
    assertEquals(before, snapshot(out()));
  }

  @Test
  void textThatIsNotUnicodeFailsToStageAndNothingChanges() throws Exception {
    OutputWriter.write(out(), files("s/e/a.yaml", "a: 1\n"), SCOPE);
    Map<String, String> before = snapshot(out());
    OutputException error = assertThrows(OutputException.class,
        () -> OutputWriter.write(out(), files("s/e/a.yaml", "a: \uD800\n"), SCOPE));
    assertTrue(error.getMessage().startsWith("cannot stage the new output in ")
        && error.getMessage().endsWith(". Nothing was changed"), error.getMessage());
    assertEquals(before, snapshot(out()), "a lone surrogate is not written as '?'");
    assertEquals(new OutputWriter.Result(1, 0, 0), OutputWriter.write(out(), files("s/e/a.yaml", "a: \uD83D\uDE00\n"),
        SCOPE), "a surrogate pair is Unicode");
    assertEquals("a: \uD83D\uDE00\n", Files.readString(out().resolve("s/e/a.yaml"), StandardCharsets.UTF_8));
  }

  @Test
  void aFileThatCannotBeStagedIsNamedWithItsReason() throws Exception {
    OutputException error = assertThrows(OutputException.class,
        () -> OutputWriter.write(out(), files("s/a.yaml", "a\n", "s/a.yaml/b.yaml", "b\n"), OutputScope.everything()));
    assertTrue(error.getMessage().contains(": Is a directory (") && error.getMessage().contains("a.yaml)"),
        error.getMessage());
    assertFalse(Files.exists(out()), "the folder it created is removed again");
  }

  /** Files s/e/f000.yaml ... of {@code version}: every one when {@code all}, else every other one. */
  static List<OutputFile> manyFiles(String version, boolean all) {
    List<OutputFile> files = new ArrayList<>();
    for (int i = 0; i < 200; i += all ? 1 : 2) {
      files.add(new OutputFile(String.format("s/e/f%03d.yaml", i), "f: " + i + "\nversion: " + version + "\n"));
    }
    return files;
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> manyFilesFaults() {
    return Stream.of("stage", "move").flatMap(step -> Stream.of("s/e/f100.yaml", "s/e/f101.yaml", "s/e/f199.yaml")
        .map(file -> org.junit.jupiter.params.provider.Arguments.of(step, file)));
  }

  /**
   * 200 files in one folder are staged on several threads, half of them replacing files (kept to restore) and
   * half new, interleaved: a failure at any of them, while staging or moving, leaves the previous output whole,
   * each replaced file restored and each new one removed.
   */
  @ParameterizedTest(name = "failing at {0} of {1}")
  @MethodSource("manyFilesFaults")
  void aFailureAmongManyFilesStagedOnSeveralThreadsLeavesThePreviousOutputWhole(String failStep, String failFile)
      throws Exception {
    severalThreads();
    OutputWriter.write(out(), manyFiles("1", false), OutputScope.everything());
    Map<String, String> before = snapshot(out());
    Path failAt = out().toRealPath().resolve(failFile);

    OutputException error = assertThrows(OutputException.class, () -> OutputWriter.write(out(), manyFiles("2", true),
        OutputScope.everything(), Duration.ZERO, (step, path) -> {
          if (step.equals(failStep) && path.equals(failAt)) {
            throw new IOException("No space left on device");
          }
        }));

    assertTrue(error.getMessage().contains("No space left on device"), error.getMessage());
    assertEquals(before, snapshot(out()), "wholly the previous output after failing at " + failStep + " of " + failFile);
    OutputWriter.Result result = OutputWriter.write(out(), manyFiles("2", true), OutputScope.everything());
    assertEquals(new OutputWriter.Result(200, 0, 0), result);
    Map<String, String> after = snapshot(out());
    for (OutputFile file : manyFiles("2", true)) {
      assertEquals(file.content(), after.get(file.path()), file.path());
    }
  }

  @Test
  void theFoldersOfTheFilesAreEachNamedOnceInTheOrderFirstMet() {
    assertEquals(List.of("", "s", "s/e", "s/e/f", "t"), new ArrayList<>(Plan.parentsOf(files(
        "a.yaml", "", "b.yaml", "", "s/a.yaml", "", "s/e/a.yaml", "", "s/e/b.yaml", "", "s/e/f/a.yaml", "",
        "s/e/g.yaml", "", "s/ea.yaml", "", "t/a.yaml", "", "t/b.yaml", ""))));
    // the same as each file's parent Path, for random lists, sorted or not
    long seed = Long.getLong("portico.seed", 14L);
    java.util.Random random = new java.util.Random(seed);
    String[] segments = {"a", "b", "ab", "a.yaml", "b.yaml"};
    for (int run = 0; run < 500; run++) {
      List<OutputFile> files = new ArrayList<>();
      for (int i = random.nextInt(12); i >= 0; i--) {
        StringBuilder path = new StringBuilder();
        for (int depth = random.nextInt(3); depth > 0; depth--) {
          path.append(segments[random.nextInt(segments.length)]).append('/');
        }
        files.add(new OutputFile(path.append(segments[3 + random.nextInt(2)]).toString(), ""));
      }
      if (random.nextBoolean()) {
        files.sort(java.util.Comparator.comparing(OutputFile::path));
      }
      java.util.Set<String> expected = new java.util.LinkedHashSet<>();
      for (OutputFile file : files) {
        Path parent = Path.of(file.path()).getParent();
        expected.add(parent == null ? "" : parent.toString());
      }
      assertEquals(new ArrayList<>(expected), new ArrayList<>(Plan.parentsOf(files)),
          "run " + run + " of seed " + seed + " (-Dportico.seed=" + seed + "): " + files);
    }
  }

  @Test
  void theListOfFilesIsReadStrictly() throws Exception {
    Map<String, String> before = firstRun();
    Path list = out().resolve(Manifest.FILE_NAME);
    String good = Files.readString(list);
    for (byte[] corrupt : List.of("s/e/a.yaml\n\0\n".getBytes(StandardCharsets.UTF_8),
        new byte[] {'s', '/', (byte) 0xFF, '\n'}, "../x\n".getBytes(StandardCharsets.UTF_8))) {
      Files.write(list, corrupt);
      OutputException error = assertThrows(OutputException.class,
          () -> OutputWriter.write(out(), secondRun(), OutputScope.everything()));
      assertTrue(error.getMessage().startsWith(out().toRealPath().resolve(Manifest.FILE_NAME) + " is corrupt: "),
          error.getMessage());
      assertTrue(error.getMessage().contains("Nothing was changed. Delete it and run again"), error.getMessage());
    }
    Files.writeString(list, good);
    assertEquals(before, snapshot(out()));

    Files.delete(list);
    Files.createDirectory(list);
    OutputException folder = assertThrows(OutputException.class,
        () -> OutputWriter.write(out(), secondRun(), OutputScope.everything()));
    assertTrue(folder.getMessage().contains("is corrupt: it is a folder, not the list of files Portico wrote"),
        folder.getMessage());
  }

  @Test
  void aReadOnlyFolderIsFoundBeforeAnythingChanges() throws Exception {
    assumeTrue(!isRoot(), "permissions do not stop root; the probe is also tested by failing it");
    Map<String, String> before = firstRun();
    Path folder = out().resolve("s/e");
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      OutputException error = assertThrows(OutputException.class,
          () -> OutputWriter.write(out(), secondRun(), OutputScope.everything()));
      assertTrue(error.getMessage().startsWith("cannot write in " + folder.toRealPath()), error.getMessage());
    } finally {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    assertEquals(before, snapshot(out()));
  }

  @Test
  void anOutputFolderThatIsEmptyOrBelowAFileIsAUsageError() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x\n");
    assertThrows(dev.portico.synth.UsageException.class, () -> OutputWriter.checkOutputFolder(Path.of("")));
    dev.portico.synth.UsageException below = assertThrows(dev.portico.synth.UsageException.class,
        () -> OutputWriter.write(file.resolve("sub"), files("s/e/a.yaml", "a\n"), SCOPE));
    assertEquals(file.resolve("sub") + ": " + file + " is a file, not a folder", below.getMessage());
  }

  @Test
  void theListAndTheOutputsHaveOneFileMode() throws Exception {
    OutputWriter.write(out(), files("s/e/a.yaml", "a\n"), SCOPE);
    assertEquals(Files.getPosixFilePermissions(out().resolve("s/e/a.yaml")),
        Files.getPosixFilePermissions(out().resolve(Manifest.FILE_NAME)));
  }

  // ---------------------------------------------------------------------------------------------
  // point 9: staging left by a killed run

  static Path staging(Path dir, String name) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name).resolve("new/s/e"));
    Files.writeString(folder.resolve("a.yaml"), "half\n");
    return dir.resolve(name);
  }

  @Test
  void stagingOfAKilledRunIsRemovedAndReportedByTheDriftCheck() throws Exception {
    firstRun();
    long start = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
    long self = ProcessHandle.current().pid();
    Path deadPid = staging(out(), ".portico-staging-2147483646-12345-abc");
    Path reusedPid = staging(out(), ".portico-staging-" + self + "-" + (start - 1000) + "-abc");
    Path alive = staging(out(), ".portico-staging-" + self + "-" + start + "-abc");
    Path oldVersion = staging(out(), ".portico-staging-4839201");
    Files.setLastModifiedTime(oldVersion, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    Path recentOldVersion = staging(out(), ".portico-staging-4839202");

    List<String> drift = DriftCheck.diff(out(), List.of(new OutputFile("s/e/a.yaml", "a: 1\n"),
        new OutputFile("s/e/b.yaml", "b: 1\n"), new OutputFile("s/e/kustomization.yaml", "k\n")), OutputScope.everything());
    assertEquals(Stream.of(deadPid, reusedPid, oldVersion).map(folder -> "Only in " + out() + ": "
        + folder.getFileName() + "/ (staging left by a portico synth run that was killed; the next run removes it)\n")
        .sorted().toList(), drift);

    OutputWriter.Result result = OutputWriter.write(out(), secondRun(), OutputScope.everything());

    assertEquals(3, result.stagingRemoved());
    assertFalse(Files.exists(deadPid));
    assertFalse(Files.exists(reusedPid));
    assertFalse(Files.exists(oldVersion));
    assertTrue(Files.exists(alive), "a live run's staging is left alone");
    assertTrue(Files.exists(recentOldVersion), "an old version's staging touched within the hour is left alone");
  }

  // ---------------------------------------------------------------------------------------------
  // point 10: one run at a time

  @Test
  void aHeldLockMakesTheNextRunWaitThenFailNamingTheHolder() throws Exception {
    Map<String, String> before = firstRun();
    try (OutputLock held = OutputLock.acquire(out().toRealPath(), Duration.ZERO)) {
      long started = System.nanoTime();
      OutputException error = assertThrows(OutputException.class,
          () -> OutputWriter.write(out(), secondRun(), OutputScope.everything(), Duration.ofMillis(300), Faults()));
      assertTrue(System.nanoTime() - started >= Duration.ofMillis(300).toNanos(), "it waited");
      assertTrue(error.getMessage().startsWith(out().toRealPath() + " is locked by another portico synth run (pid "
          + ProcessHandle.current().pid() + " on "), error.getMessage());
    }
    assertEquals(before, snapshot(out()));
  }

  private static OutputWriter.Faults Faults() {
    return OutputWriter.Faults.NONE;
  }

  @Test
  void concurrentRunsTakeTurnsAndLeaveAConsistentFolder() throws Exception {
    firstRun();
    for (int round = 0; round < 5; round++) {
      List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Thread> runs = new ArrayList<>();
      for (int n = 1; n <= 4; n++) {
        List<OutputFile> files = new ArrayList<>();
        StringBuilder kustomization = new StringBuilder();
        for (int i = 0; i < n * 20; i++) {
          files.add(new OutputFile("s/e/app-" + i + ".yaml", "n: " + n + "\n"));
          kustomization.append("- app-").append(i).append(".yaml\n");
        }
        files.add(new OutputFile("s/e/kustomization.yaml", kustomization.toString()));
        runs.add(new Thread(() -> {
          try {
            OutputWriter.write(out(), files, OutputScope.everything());
          } catch (Throwable e) {
            failures.add(e);
          }
        }));
      }
      runs.forEach(Thread::start);
      for (Thread run : runs) {
        run.join();
      }
      assertEquals(List.of(), failures);
      // whichever run came last, the folder is exactly its output
      List<String> listed = Files.readAllLines(out().resolve("s/e/kustomization.yaml")).stream()
          .map(line -> line.substring(2)).toList();
      List<String> present;
      try (Stream<Path> entries = Files.list(out().resolve("s/e"))) {
        present = entries.map(p -> p.getFileName().toString()).filter(name -> !name.equals("kustomization.yaml"))
            .sorted().toList();
      }
      assertEquals(listed.stream().sorted().toList(), present);
      assertEquals(1, Files.readAllLines(out().resolve("s/e").resolve(present.get(0))).size());
      List<String> manifest = Manifest.read(out()).stream().toList();
      assertEquals(listed.size() + 1, manifest.size(), "the list names exactly the files present");
      assertFalse(Files.exists(out().resolve(OutputLock.FILE_NAME)), "the lock file is removed");
    }
  }

  @Test
  void aLockHeldByAnotherProcessIsWaitedForAndAKilledHoldersLockIsTakenOver() throws Exception {
    Map<String, String> before = firstRun();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
        out().toRealPath().toString()).redirectErrorStream(true).start();
    try {
      assertEquals("locked", new String(holder.getInputStream().readNBytes(6), StandardCharsets.UTF_8));

      OutputException error = assertThrows(OutputException.class,
          () -> OutputWriter.write(out(), secondRun(), OutputScope.everything(), Duration.ofMillis(300), Faults()));
      assertTrue(error.getMessage().contains("(pid " + holder.pid() + " on "), error.getMessage());
      assertEquals(before.keySet().stream().toList(), snapshot(out()).keySet().stream()
          .filter(name -> !name.equals(OutputLock.FILE_NAME)).toList());

      holder.destroyForcibly().waitFor(); // kill -9: the lock file stays, the system releases the lock
      assertTrue(Files.exists(out().resolve(OutputLock.FILE_NAME)));
      List<String> drift = DriftCheck.diff(out(), List.of(), OutputScope.within(List.of()));
      assertEquals(List.of("Only in " + out() + ": .portico-lock (lock file left by a portico synth run that was"
          + " killed; the next run removes it)\n"), drift);

      OutputWriter.write(out(), secondRun(), OutputScope.everything(), Duration.ofMillis(300), Faults());
      assertFalse(Files.exists(out().resolve(OutputLock.FILE_NAME)), "taken over, then released");
      assertEquals("a: 2\n", Files.readString(out().resolve("s/e/a.yaml")));
    } finally {
      holder.destroyForcibly();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // point 11: pruning

  @Test
  void aFullRunPrunesWhatNoStackAndEnvironmentProducesAndAPartialRunOnlyWithinItsScope() throws Exception {
    OutputWriter.write(out(), files("shop/prod/a.yaml", "a\n", "shop/staging/a.yaml", "a\n", "gone/default.yaml", "g\n"),
        OutputScope.everything());
    List<OutputFile> prodOnly = files("shop/prod/a.yaml", "a\n");

    OutputWriter.Result partial = OutputWriter.write(out(), prodOnly, OutputScope.within(List.of("shop/prod/",
        "shop/prod.yaml")));
    assertEquals(0, partial.removed());
    assertEquals(List.of(), DriftCheck.diff(out(), prodOnly, OutputScope.within(List.of("shop/prod/"))));
    List<String> drift = DriftCheck.diff(out(), prodOnly, OutputScope.everything());
    assertEquals(2, drift.size(), drift::toString);
    assertTrue(drift.get(0).startsWith("--- a/gone/default.yaml\n+++ /dev/null\n"), drift::toString);
    assertTrue(drift.get(1).startsWith("--- a/shop/staging/a.yaml\n+++ /dev/null\n"), drift::toString);

    OutputWriter.Result full = OutputWriter.write(out(), prodOnly, OutputScope.everything());

    assertEquals(2, full.removed());
    assertEquals(Map.of(".portico-files", Manifest.HEADER + "\nshop/prod/a.yaml\n", "shop/", "", "shop/prod/", "",
        "shop/prod/a.yaml", "a\n"), snapshot(out()), "emptied folders go too");
    assertEquals(List.of(), DriftCheck.diff(out(), prodOnly, OutputScope.everything()));
  }
}
