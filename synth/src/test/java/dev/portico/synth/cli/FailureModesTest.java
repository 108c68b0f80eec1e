package dev.portico.synth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reproducers of issue 13 through the command line: each gives a finding or a one-line error
 * with its exit code, never a stack trace (except for a bug, exit 70), and leaves the output
 * folder wholly old or wholly new.
 */
class FailureModesTest {
  @TempDir
  Path tmp;

  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
    }
  }

  static Run raw(byte[] stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Portico.run(args, new ByteArrayInputStream(stdin), new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  /** A run that must not print a trace: a user's mistake or a folder Portico cannot use. */
  static Run run(String... args) {
    Run run = raw(new byte[0], args);
    assertFalse(run.err().contains("\tat ") || run.out().contains("\tat "), () -> "a stack trace:\n" + run);
    assertFalse((run.out() + run.err()).contains("Exception"), () -> "an exception's name:\n" + run);
    assertTrue(run.code() != 70, () -> "exit 70:\n" + run);
    return run;
  }

  Path out() {
    return tmp.resolve("out");
  }

  Run synthGood(String... args) {
    List<String> all = new ArrayList<>(List.of("synth", "--stack", "good", "--out", out().toString()));
    all.addAll(Arrays.asList(args));
    return run(all.toArray(String[]::new));
  }

  static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  // ---------------------------------------------------------------------------------------------
  // point 6: every Throwable is a bug, reported in one line

  @Test
  void anOutOfMemoryErrorExitsSeventyWithOneLineSayingItIsABug() {
    Run run = raw(new byte[0], "synth", "--stack", "throwing", "--set", "error=oom", "--out", out().toString());

    assertEquals(70, run.code(), run::toString);
    String first = lines(run.err()).get(0);
    assertEquals("portico: internal error (a bug in Portico, not in your input): OutOfMemoryError: Java heap space"
        + "; please report it with the trace below", first);
    assertTrue(lines(run.err()).size() < 70, "the trace is bounded: " + lines(run.err()).size() + " lines");
    assertFalse(Files.exists(out()));
  }

  /** A define() that recurses without end is the user's bug: a stack.define finding at the recursion, exit 1. */
  @Test
  void aStackOverflowInDefineIsAFindingAtTheUsersLine() throws IOException {
    Run run = raw(new byte[0], "synth", "--stack", "throwing", "--set", "error=overflow", "--out", out().toString());

    assertEquals(1, run.code(), run::toString);
    int line = CliTest.sourceLine("ThrowingStack", "return depth(n + 1) + 1;");
    assertEquals("ThrowingStack.java:" + line + ": error: Stack/throwing: define: define() failed for environment "
        + "default: StackOverflowError [stack.define]\n", run.out());
    assertFalse(run.err().contains("internal error"), run::toString);
    assertFalse(Files.exists(out()));
  }

  // ---------------------------------------------------------------------------------------------
  // point 1: a file behaves like standard input

  @Test
  void invalidUtf8InAFileIsAFindingNotATrace() throws IOException {
    Path file = Files.write(tmp.resolve("b.yaml"), new byte[] {'k', 'i', 'n', 'd', ':', ' ', 'S', '\n', 'x', ':', ' ',
        (byte) 0xFF, '\n'});

    Run run = run("validate", file.toString());

    assertEquals(1, run.code(), run::toString);
    assertTrue(run.out().startsWith(file + ":2: error: " + file + ": not valid UTF-8: byte 0xFF"), run::toString);
  }

  @Test
  void devZeroIsTooLargeNotAnOutOfMemoryTrace() {
    assumeTrue(Files.exists(Path.of("/dev/zero")), "/dev/zero");

    Run run = run("validate", "/dev/zero");

    assertEquals(1, run.code(), run::toString);
    assertEquals("/dev/zero: error: /dev/zero: it holds more than 64 MiB, the most portico validate reads from one"
        + " input; split it into smaller files [input.too-large]\n", run.out());
  }

  @Test
  void aLongValueIsAFindingNotAStackOverflowInARulesPattern() throws IOException {
    // found by ValidateFuzzTest: the HTTPRoute path pattern recursed once per character
    Path file = Files.writeString(tmp.resolve("route.yaml"), """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: r, namespace: shop}
        spec:
          parentRefs: [{name: eg}]
          rules:
          - matches: [{path: {type: PathPrefix, value: /%s}}]
        """.formatted("a".repeat(100_000) + "^"));

    Run run = run("validate", file.toString());

    assertEquals(1, run.code(), run::toString);
    assertTrue(run.out().contains("[httproute.path-characters]"), run::toString);
  }

  @Test
  void longDottedValuesAreFindingsNotStackOverflowsInPatterns() throws IOException {
    // found by ValidateFuzzTest: hostname, label key and other patterns recursed once per label
    String labels = "a.".repeat(20_000) + "a";
    Path file = Files.writeString(tmp.resolve("long.yaml"), """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: r, namespace: shop}
        spec:
          parentRefs: [{name: eg}]
          hostnames: [%1$s]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: g, namespace: shop}
        spec:
          gatewayClassName: %1$s
          listeners: [{name: http, port: 80, protocol: %1$s, hostname: %1$s}]
          infrastructure: {labels: {? "%1$s/x" : v}}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: d, namespace: shop}
        spec:
          host: web
          subsets: [{name: v1, labels: {? "%1$s/x" : v}}]
        """.formatted(labels));

    Run run = run("validate", file.toString());

    assertEquals(1, run.code(), run::toString);
    assertTrue(run.out().contains("[httproute.hostname]"), run::toString);
    assertTrue(run.out().contains("has a DNS prefix longer than 253 characters"), run::toString);
  }

  // ---------------------------------------------------------------------------------------------
  // points 7 and 8: the folder, and only the folder; all or nothing

  @Test
  void anEmptyOutOrOneBelowAFileIsAUsageError() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "mine\n");

    Run empty = run("synth", "--stack", "good", "--out", "");
    Run below = run("synth", "--stack", "good", "--out", file.resolve("sub").toString());
    Run belowCheck = run("synth", "--stack", "good", "--check", "--out", file.resolve("sub").toString());

    assertEquals(2, empty.code(), empty::toString);
    assertTrue(empty.err().startsWith("portico: --out: the folder name is empty; name a folder, e.g. --out out\n"),
        empty::toString);
    for (Run run : List.of(below, belowCheck)) {
      assertEquals(2, run.code(), run::toString);
      assertTrue(run.err().startsWith("portico: --out " + file.resolve("sub") + ": " + file + " is a file, not a folder\n"),
          run::toString);
    }
    assertEquals("mine\n", Files.readString(file));
  }

  @Test
  void aLinkInsideTheOutputFolderIsRefusedInOneLineAndNothingOutsideChanges() throws IOException {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createDirectories(out());
    Files.createSymbolicLink(out().resolve("good"), elsewhere);

    Run run = synthGood();
    Run check = synthGood("--check");

    for (Run r : List.of(run, check)) {
      assertEquals(1, r.code(), r::toString);
      assertEquals(1, lines(r.err()).size(), r::toString);
      assertTrue(r.err().startsWith("portico: " + out().toRealPath().resolve("good") + " is a symbolic link; Portico"
          + " never writes or deletes through a link inside"), r::toString);
    }
    try (var entries = Files.list(elsewhere)) {
      assertEquals(0, entries.count(), "nothing was written outside the folder");
    }
  }

  @Test
  void aCorruptListOfFilesIsReportedWithWhatToDo() throws IOException {
    assertEquals(0, synthGood().code());
    Path list = out().resolve(".portico-files");
    Files.write(list, new byte[] {'g', 'o', 'o', 'd', '/', 0, '\n'});
    Map<String, String> before = CliTest.snapshot(out());

    Run run = synthGood("--set", "count=3");

    assertEquals(1, run.code(), run::toString);
    assertEquals("portico: " + out().toRealPath().resolve(".portico-files") + " is corrupt: line 1 is not a relative path"
        + " inside the folder: \"good/\\u0000\". Nothing was changed. Delete it and run again; Portico then writes a new"
        + " list, but cannot prune the files the old one named (remove stale ones by hand, or empty the folder"
        + " first)\n", run.err());
    assertEquals(before, CliTest.snapshot(out()));

    // a folder in its place: today's main moved the changed files into place, then failed (exit 70)
    Files.delete(list);
    Files.createDirectory(list);
    Map<String, String> withFolder = CliTest.snapshot(out());
    Run folder = synthGood("--set", "count=3");
    assertEquals(1, folder.code(), folder::toString);
    assertTrue(folder.err().contains(".portico-files is corrupt: it is a folder, not the list of files Portico wrote."),
        folder::toString);
    assertEquals(withFolder, CliTest.snapshot(out()), "wholly the old output");

    Files.delete(list);
    assertEquals(0, synthGood().code(), "deleting it is enough");
  }

  // ---------------------------------------------------------------------------------------------
  // point 9: staging left by a killed run

  @Test
  void stagingLeftByAKilledRunIsDriftAndTheNextRunRemovesIt() throws IOException {
    assertEquals(0, synthGood().code());
    Path staging = Files.createDirectories(out().resolve(".portico-staging-2147483646-1-x/new/good/prod"));
    Files.writeString(staging.resolve("service-web.yaml"), "half\n");

    Run check = synthGood("--check");
    assertEquals(1, check.code(), check::toString);
    assertEquals("Only in " + out() + ": .portico-staging-2147483646-1-x/ (staging left by a portico synth run that"
        + " was killed; the next run removes it)\n", check.out());

    Run run = synthGood();
    assertEquals(0, run.code(), run::toString);
    assertTrue(run.err().contains("0 written, 10 unchanged, 0 removed, 1 staging folder of killed runs removed;"),
        run::toString);
    assertEquals(CliTest.goodFiles("prod", "staging"), CliTest.files(out()));
    assertEquals(0, synthGood("--check").code());
  }

  // ---------------------------------------------------------------------------------------------
  // points 10 and 11: concurrent runs; a partial run says so

  @Test
  void concurrentRunsNeverLeaveTheFolderInconsistent() throws Exception {
    for (int round = 0; round < 3; round++) {
      concurrentRuns();
    }
  }

  private void concurrentRuns() throws Exception {
    List<Run> runs = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int count : List.of(40, 400, 150, 5)) {
      threads.add(new Thread(() -> runs.add(synthGood("--set", "count=" + count))));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }

    for (Run run : runs) {
      assertEquals(0, run.code(), run::toString);
    }
    for (String environment : List.of("prod", "staging")) {
      List<String> listed = lines(CliTest.read(out().resolve("good/" + environment + "/kustomization.yaml"))).stream()
          .filter(line -> line.startsWith("- ")).map(line -> "good/" + environment + "/" + line.substring(2)).toList();
      List<String> present = CliTest.files(out()).stream()
          .filter(file -> file.startsWith("good/" + environment + "/") && !file.endsWith("kustomization.yaml")).toList();
      assertEquals(listed.stream().sorted().toList(), present, "the kustomization lists exactly the files present");
    }
    List<String> manifest = lines(CliTest.read(out().resolve(".portico-files"))).stream()
        .filter(line -> !line.startsWith("#")).toList();
    assertEquals(CliTest.files(out()).stream().filter(file -> !file.equals(".portico-files")).toList(), manifest);
  }

  @Test
  void aPartialRunSaysItPrunedOnlyWhatItSynthesized() {
    Run run = synthGood("--env", "prod");
    assertEquals(0, run.code(), run::toString);
    assertTrue(run.err().contains("; partial run: only good/prod synthesized and pruned ("), run::toString);
    Run check = synthGood("--env", "prod", "--check");
    assertTrue(check.err().contains("is up to date; partial run: only good/prod synthesized and pruned ("),
        check::toString);
  }

  @Test
  void theListOfFilesHasTheModeOfTheOutputs() throws IOException {
    assertEquals(0, synthGood().code());
    assertEquals(Files.getPosixFilePermissions(out().resolve("good/prod/kustomization.yaml")),
        Files.getPosixFilePermissions(out().resolve(".portico-files")));
  }

  @Test
  void integerSettingsAreAsciiDigitsOnly() {
    for (String value : List.of("\u0663", " 2", "2 ")) {
      Run run = synthGood("--set", "count=" + value);
      assertEquals(2, run.code(), run::toString);
      assertTrue(run.err().contains("is not an integer (ASCII digits, optionally after '-', nothing else)"), run::toString);
    }
    assertFalse(Files.exists(out()));
  }
}
