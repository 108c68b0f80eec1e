package dev.portico.synth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.testing.GoodStack;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code portico} command end to end, through {@link Portico#run}: exit codes, what is printed,
 * and what is (and is not) written. The stacks live in {@code dev.portico.synth.testing} and are
 * registered in this module's test resources: {@code good} (two environments, a {@code count}
 * parameter), {@code bad} (invalid Services), {@code throwing} (a define() that throws) and {@code http}
 * (HTTP exposures, for {@code portico routes}: see {@link RoutesCommandTest}).
 */
class CliTest {
  /** An old time every file is set to before a run that must not write, so any write shows. */
  private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));

  private static final List<String> GOOD_FILES_PER_ENV = List.of(
      "kustomization.yaml", "service-web-public.yaml", "service-web.yaml", "service-worker-1.yaml",
      "service-worker-2.yaml");

  @TempDir
  Path tmp;

  /** What one run of the CLI did. */
  record Run(int code, String out, String err) {
    String all() {
      return out + err;
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
    }
  }

  static Run run(String... args) {
    return runWithStdin("", args);
  }

  static Run runWithStdin(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    int code = Portico.run(args, in, new PrintWriter(out), new PrintWriter(err));
    Run run = new Run(code, out.toString(), err.toString());
    // stack traces are for bugs in Portico; no test here feeds it one
    assertFalse(run.all().contains("\tat "), () -> "stack trace printed by " + List.of(args) + ":\n" + run);
    assertFalse(run.all().contains("Caused by:"), () -> "stack trace printed by " + List.of(args) + ":\n" + run);
    assertFalse(run.all().contains("portico: internal error"), () -> "internal error for " + List.of(args) + ":\n" + run);
    return run;
  }

  /** A user mistake is reported in the user's terms: no Java exception names either. */
  static void assertNoJavaInternals(Run run) {
    assertFalse(run.all().contains("Exception"), () -> "exception name in output:\n" + run);
  }

  static void assertExit(int expected, Run run) {
    assertEquals(expected, run.code(), () -> "unexpected exit code:\n" + run);
  }

  Path out() {
    return tmp.resolve("out");
  }

  Run synth(String... args) {
    List<String> all = new ArrayList<>(List.of("synth", "--out", out().toString()));
    all.addAll(Arrays.asList(args));
    return run(all.toArray(String[]::new));
  }

  Run synthGood(String... args) {
    List<String> all = new ArrayList<>(List.of("--stack", "good"));
    all.addAll(Arrays.asList(args));
    return synth(all.toArray(String[]::new));
  }

  // ---------------------------------------------------------------------------------------------
  // file-system helpers

  /** Every file and folder below {@code dir}, relative and '/'-separated, sorted. */
  static Set<String> tree(Path dir) {
    if (!Files.exists(dir)) {
      return Set.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      Set<String> paths = new TreeSet<>();
      walk.filter(path -> !path.equals(dir))
          .forEach(path -> paths.add(dir.relativize(path).toString().replace('\\', '/')
              + (Files.isDirectory(path) ? "/" : "")));
      return paths;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The regular files below {@code dir}, relative. */
  static Set<String> files(Path dir) {
    Set<String> files = new TreeSet<>();
    for (String path : tree(dir)) {
      if (!path.endsWith("/")) {
        files.add(path);
      }
    }
    return files;
  }

  /** Every file's and folder's path, modification time and (for files) content. */
  static Map<String, String> snapshot(Path dir) {
    Map<String, String> snapshot = new TreeMap<>();
    try {
      for (String path : tree(dir)) {
        Path p = dir.resolve(path);
        String mtime = Files.getLastModifiedTime(p).toString();
        snapshot.put(path, path.endsWith("/") ? mtime : mtime + "\n" + Files.readString(p, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return snapshot;
  }

  /** Sets every modification time below (and of) {@code dir} to {@link #LONG_AGO}, deepest first. */
  static void ageAll(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.setLastModifiedTime(path, LONG_AGO);
      }
    }
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  static Set<String> goodFiles(String... environments) {
    Set<String> expected = new TreeSet<>();
    expected.add(".portico-files");
    for (String environment : environments) {
      for (String file : GOOD_FILES_PER_ENV) {
        expected.add("good/" + environment + "/" + file);
      }
    }
    return expected;
  }

  /** The 1-based line of a test stack's source that contains {@code text} (exactly one line must). */
  static int sourceLine(String simpleClassName, String text) throws IOException {
    String relative = "src/test/java/dev/portico/synth/testing/" + simpleClassName + ".java";
    Path source = Files.exists(Path.of(relative)) ? Path.of(relative) : Path.of("synth").resolve(relative);
    List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    int found = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        assertEquals(0, found, "more than one line of " + source + " contains " + text);
        found = i + 1;
      }
    }
    assertTrue(found > 0, "no line of " + source + " contains " + text);
    return found;
  }

  static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  // ---------------------------------------------------------------------------------------------

  @Nested
  class Synth {

    @Test
    void writesOneFilePerResourceAndAKustomizationPerEnvironment() throws IOException {
      Run run = synthGood();

      assertExit(0, run);
      assertEquals("", run.out(), "a clean run prints no findings");
      assertTrue(run.err().contains("1 stack, 2 environments, 8 resources; 0 errors, 0 warnings"), run::toString);
      assertTrue(run.err().contains("10 written, 0 unchanged, 0 removed"), run::toString);
      assertEquals(goodFiles("prod", "staging"), files(out()));
      for (String environment : List.of("prod", "staging")) {
        Path folder = out().resolve("good").resolve(environment);
        assertEquals("""
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
            - service-web-public.yaml
            - service-web.yaml
            - service-worker-1.yaml
            - service-worker-2.yaml
            """, read(folder.resolve("kustomization.yaml")));
        assertEquals("""
            apiVersion: v1
            kind: Service
            metadata:
              name: worker-1
              namespace: good
            spec:
              ports:
              - name: jobs
                port: 7000
                protocol: TCP
                targetPort: jobs
              selector:
                app.kubernetes.io/name: worker
            """, read(folder.resolve("service-worker-1.yaml")));
      }
      // environments differ where the stack says so
      assertTrue(read(out().resolve("good/prod/service-web-public.yaml")).contains("type: LoadBalancer\n"));
      assertTrue(read(out().resolve("good/staging/service-web-public.yaml")).contains("type: NodePort\n"));
      List<String> manifest = lines(read(out().resolve(".portico-files")));
      assertEquals(new ArrayList<>(goodFiles("prod", "staging")).subList(1, 11),
          manifest.stream().filter(line -> !line.startsWith("#")).toList(),
          "the manifest lists every file Portico wrote");
    }

    @Test
    void envSelectsEnvironments() {
      assertExit(0, synthGood("--env", "staging"));

      assertEquals(goodFiles("staging"), files(out()));
    }

    @Test
    void secondRunIsByteIdenticalAndTouchesNothing() throws IOException {
      assertExit(0, synthGood());
      ageAll(out());
      Map<String, String> before = snapshot(out());

      Run second = synthGood();

      assertExit(0, second);
      assertTrue(second.err().contains("0 written, 10 unchanged, 0 removed"), second::toString);
      assertEquals(before, snapshot(out()), "an unchanged file is not rewritten (same bytes, same mtime)");
    }

    @Test
    void singleFileWritesOneMultiDocumentFilePerEnvironment() throws IOException {
      assertExit(0, synthGood());
      Map<String, String> folderLayout = new TreeMap<>();
      for (String file : files(out())) {
        folderLayout.put(file, read(out().resolve(file)));
      }

      Run run = synthGood("--single-file");

      assertExit(0, run);
      assertEquals(Set.of(".portico-files", "good/prod.yaml", "good/staging.yaml"), files(out()),
          "switching to --single-file prunes the folder layout");
      assertEquals(Set.of(".portico-files", "good/", "good/prod.yaml", "good/staging.yaml"), tree(out()),
          "emptied folders are removed");
      assertTrue(run.err().contains("2 written, 0 unchanged, 10 removed"), run::toString);
      for (String environment : List.of("prod", "staging")) {
        String single = read(out().resolve("good/" + environment + ".yaml"));
        StringBuilder expected = new StringBuilder();
        String kustomization = folderLayout.get("good/" + environment + "/kustomization.yaml");
        for (String line : lines(kustomization)) {
          if (line.startsWith("- ")) {
            expected.append("---\n").append(folderLayout.get("good/" + environment + "/" + line.substring(2)));
          }
        }
        assertEquals(expected.toString(), single,
            "the single file holds the folder's documents, each after '---', in kustomization order");
      }

      Run back = synthGood();

      assertExit(0, back);
      assertEquals(goodFiles("prod", "staging"), files(out()), "switching back prunes the single files");
      assertTrue(back.err().contains("10 written, 0 unchanged, 2 removed"), back::toString);
      for (var entry : folderLayout.entrySet()) {
        assertEquals(entry.getValue(), read(out().resolve(entry.getKey())), entry.getKey());
      }
    }

    @Test
    void setChangesParametersAndRemovesServicesNoLongerProduced() throws IOException {
      assertEquals(2, GoodStack.COUNT.defaultValue(), "the test assumes count defaults to 2");
      assertExit(0, synthGood());

      Run run = synthGood("--set", "count=1");

      assertExit(0, run);
      assertTrue(run.err().contains("2 removed"), run::toString);
      Set<String> expected = new TreeSet<>(goodFiles("prod", "staging"));
      expected.removeIf(file -> file.endsWith("service-worker-2.yaml"));
      assertEquals(expected, files(out()));
      assertFalse(read(out().resolve("good/prod/kustomization.yaml")).contains("worker-2"));
      assertFalse(read(out().resolve(".portico-files")).contains("worker-2"));

      assertExit(0, synthGood("--set", "count=3"));
      assertTrue(Files.isRegularFile(out().resolve("good/staging/service-worker-3.yaml")));
    }

    @Test
    void usersOwnFilesSurviveAndOnlyPorticoFilesArePruned() throws IOException {
      assertExit(0, synthGood());
      Map<String, String> userFiles = Map.of(
          "README.md", "# my manifests\n",
          "good/notes.txt", "written by hand\n",
          "good/prod/service-extra.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: extra\n",
          "good/prod/service-worker-2.yaml.orig", "a backup\n",
          "other/default/service-x.yaml", "kind: Service\n");
      for (var file : userFiles.entrySet()) {
        Files.createDirectories(out().resolve(file.getKey()).getParent());
        Files.writeString(out().resolve(file.getKey()), file.getValue());
      }

      Run run = synthGood("--set", "count=1", "--env", "prod");

      assertExit(0, run);
      assertTrue(run.err().contains("1 removed"), run::toString);
      assertFalse(Files.exists(out().resolve("good/prod/service-worker-2.yaml")), "a stale Portico file is removed");
      assertTrue(Files.exists(out().resolve("good/staging/service-worker-2.yaml")),
          "files of environments not synthesized are left alone");
      for (var file : userFiles.entrySet()) {
        assertEquals(file.getValue(), read(out().resolve(file.getKey())), "a user's file survives: " + file.getKey());
      }

      Run folderGone = synthGood("--single-file");

      assertExit(0, folderGone);
      for (var file : userFiles.entrySet()) {
        assertEquals(file.getValue(), read(out().resolve(file.getKey())), "a user's file survives: " + file.getKey());
      }
      assertFalse(Files.exists(out().resolve("good/prod/kustomization.yaml")));
      assertFalse(Files.exists(out().resolve("good/staging")), "an emptied folder is removed");
    }

    @Test
    void aForgedManifestCannotMakePorticoDeleteFilesOutsideTheOutputFolder() throws IOException {
      Path outside = tmp.resolve("precious.txt");
      Files.writeString(outside, "keep me\n");
      Files.createDirectories(out());
      Files.writeString(out().resolve(".portico-files"), "good/prod/../../../precious.txt\n/etc/hostname\n");

      Run run = synthGood();

      assertExit(1, run);
      assertTrue(run.err().contains(".portico-files is corrupt: line 1 is not a relative path inside the folder"), run::toString);
      assertEquals("keep me\n", read(outside));
    }

    @Test
    void listShowsStacksEnvironmentsAndParameters() {
      Run run = run("synth", "--list");

      assertExit(0, run);
      List<String> lines = lines(run.out());
      assertTrue(lines.stream().anyMatch(line -> line.startsWith("good ") && line.contains("environments staging, prod")),
          run::toString);
      assertTrue(lines.stream().anyMatch(line -> line.contains("--set count=<integer>") && line.contains("default 2")
          && line.contains(GoodStack.COUNT.description())), run::toString);
      assertTrue(lines.stream().anyMatch(line -> line.startsWith("bad ")), run::toString);
      assertTrue(lines.stream().anyMatch(line -> line.startsWith("throwing ")), run::toString);
    }
  }

  @Nested
  class Check {

    @Test
    void upToDateExitsZeroAndWritesNothing() throws IOException {
      assertExit(0, synthGood());
      ageAll(out());
      Map<String, String> before = snapshot(out());

      Run check = synthGood("--check");

      assertExit(0, check);
      assertEquals("", check.out());
      assertTrue(check.err().contains("is up to date"), check::toString);
      assertEquals(before, snapshot(out()), "--check writes nothing");
    }

    @Test
    void editedFileExitsOneWithAUnifiedDiffAndWritesNothing() throws IOException {
      assertExit(0, synthGood());
      Path edited = out().resolve("good/prod/service-web-public.yaml");
      String original = read(edited);
      assertTrue(original.contains("    port: 80\n"), original);
      Files.writeString(edited, original.replace("    port: 80\n", "    port: 81\n"));
      ageAll(out());
      Map<String, String> before = snapshot(out());

      Run check = synthGood("--check");

      assertExit(1, check);
      List<String> diff = lines(check.out());
      assertEquals(List.of("--- a/good/prod/service-web-public.yaml", "+++ b/good/prod/service-web-public.yaml"),
          diff.subList(0, 2), check::toString);
      assertTrue(diff.get(2).matches("@@ -\\d+,\\d+ \\+\\d+,\\d+ @@"), check::toString);
      assertTrue(diff.contains("-    port: 81"), check::toString);
      assertTrue(diff.contains("+    port: 80"), check::toString);
      assertTrue(diff.contains("     protocol: TCP"), "context lines are kept: " + check);
      assertEquals(1, diff.stream().filter(line -> line.startsWith("+++ ")).count(), "only the edited file differs");
      assertTrue(check.err().contains("1 file differs from"), check::toString);
      assertEquals(before, snapshot(out()), "--check writes nothing");
    }

    @Test
    void missingAndStaleFilesAreDrift() throws IOException {
      assertExit(0, synthGood());
      Files.delete(out().resolve("good/staging/service-web.yaml"));
      ageAll(out());
      Map<String, String> before = snapshot(out());

      Run check = synthGood("--check", "--set", "count=1");

      assertExit(1, check);
      List<String> diff = lines(check.out());
      assertTrue(diff.contains("+++ b/good/staging/service-web.yaml"), "a missing file is drift: " + check);
      assertTrue(diff.contains("--- a/good/prod/service-worker-2.yaml"), "a file to remove is drift: " + check);
      assertTrue(diff.contains("-  name: worker-2"), check::toString);
      assertTrue(diff.contains("+++ /dev/null"), check::toString);
      assertTrue(diff.contains("--- /dev/null"), check::toString);
      assertEquals(before, snapshot(out()), "--check writes nothing");
    }

    @Test
    void neverSynthesizedFolderIsDriftAndIsNotCreated() {
      Run check = synthGood("--check");

      assertExit(1, check);
      assertTrue(check.out().contains("+++ b/good/prod/kustomization.yaml"), check::toString);
      assertFalse(Files.exists(out()), "--check creates nothing");
    }

    @Test
    void errorsWinOverDriftAndNothingIsWritten() throws IOException {
      assertExit(0, synthGood());
      ageAll(out());
      Map<String, String> before = snapshot(out());

      Run check = synth("--stack", "good", "--stack", "bad", "--check");

      assertExit(1, check);
      assertTrue(check.out().contains("[service.port-name]"), check::toString);
      assertEquals(before, snapshot(out()));
    }
  }

  @Nested
  class Findings {

    @Test
    void stackWithErrorsExitsOnePrintsFindingsAtTheUsersLinesAndWritesNothing() throws IOException {
      assertExit(0, synthGood());
      ageAll(out());
      Map<String, String> before = snapshot(out());

      // good would change (a third worker) but bad has errors: nothing at all may be written
      Run run = synth("--stack", "good", "--stack", "bad", "--set", "count=3");

      assertExit(1, run);
      assertNoJavaInternals(run);
      int nameLine = sourceLine("BadStack", "named(\"HTTP\")");
      int nodePortLine = sourceLine("BadStack", "nodePort(30080)");
      assertEquals(List.of(
          "BadStack.java:" + nameLine + ": error: Service/bad/web: spec.ports[0].name: \"HTTP\" must be a DNS-1123 label"
              + " (lowercase letters, digits, '-'; starting and ending with a letter or digit); try \"http\""
              + " [service.port-name]",
          "BadStack.java:" + nodePortLine + ": error: Service/bad/web-internal: spec.ports[0].nodePort: 30080 is not"
              + " allowed when type is \"ClusterIP\"; use type NodePort or LoadBalancer, or drop the node port"
              + " [service.node-port]"),
          lines(run.out()));
      assertTrue(run.err().contains("2 errors") && run.err().contains("nothing written"), run::toString);
      assertEquals(before, snapshot(out()), "a run with errors writes nothing; the previous output is intact");
    }

    @Test
    void stackWithErrorsCreatesNoOutputFolder() {
      Run run = synth("--stack", "bad");

      assertExit(1, run);
      assertFalse(Files.exists(out()), "a run with errors writes nothing");
    }

    @Test
    void findingLinesHaveTheDocumentedShape() {
      Run run = synth("--stack", "bad");

      for (String line : lines(run.out())) {
        assertTrue(line.matches("[A-Za-z]+\\.java:\\d+: (error|warning): [A-Za-z]+/[-a-z0-9/]+: [^ ]+: .+ \\[[a-z.-]+\\]"),
            "FILE:LINE: SEVERITY: KIND/NAME: FIELD.PATH: MESSAGE [RULE-ID]: " + line);
      }
    }

    @Test
    void defineThatThrowsIsAFindingNotAStackTrace() throws IOException {
      Run run = synth("--stack", "throwing");

      assertExit(1, run);
      int line = sourceLine("ThrowingStack", "throw new IllegalStateException");
      assertEquals(List.of("ThrowingStack.java:" + line + ": error: Stack/throwing: define: define() failed for"
              + " environment default: IllegalStateException: the config file is missing [stack.define]"),
          lines(run.out()));
      assertTrue(run.err().contains("nothing written"), run::toString);
      assertFalse(Files.exists(out()));
    }

    @Test
    void aThrowingStackDoesNotHideOtherStacksFindings() {
      Run run = synth("--stack", "throwing", "--stack", "bad");

      assertExit(1, run);
      assertTrue(run.out().contains("[stack.define]"), run::toString);
      assertTrue(run.out().contains("[service.port-name]"), run::toString);
      assertTrue(run.out().contains("[service.node-port]"), run::toString);
    }
  }

  @Nested
  class Usage {

    static Stream<Arguments> usageErrors() {
      return Stream.of(
          Arguments.of(List.of("synth", "--stack", "nope"), "no stack named nope; registered: bad, good, http, throwing"),
          Arguments.of(List.of("synth", "--stack", "good", "--env", "nope"),
              "no selected stack declares environment nope; known: prod, staging"),
          Arguments.of(List.of("synth", "--stack", "good", "--set", "nope=1"),
              "--set nope: no selected stack has a parameter nope; known: count"),
          Arguments.of(List.of("synth", "--stack", "good", "--set", "count=abc"),
              "--set count=abc: \"abc\" is not an integer"),
          Arguments.of(List.of("synth", "--stack", "bad", "--set", "count=1"),
              "--set count: no selected stack has a parameter count (they have none)"),
          Arguments.of(List.of("synth", "--bogus"), "Unknown option: '--bogus'"),
          Arguments.of(List.of("synth", "--set"), "Missing required parameter for option '--set'"),
          Arguments.of(List.of("synth", "--set", "count"), "should be in KEY=VALUE format but was count"),
          Arguments.of(List.of("--bogus"), "Unknown option: '--bogus'"),
          Arguments.of(List.of(), "a command is required: synth, validate or routes"),
          Arguments.of(List.of("frobnicate"), "frobnicate"),
          Arguments.of(List.of("validate"), "Missing required parameter: 'PATH'"),
          Arguments.of(List.of("validate", "--bogus", "x.yaml"), "Unknown option: '--bogus'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void exitsTwoWithAMessageAndWritesNothing(List<String> args, String message) {
      List<String> all = new ArrayList<>(args);
      if (all.size() > 0 && all.get(0).equals("synth")) {
        all.addAll(1, List.of("--out", out().toString()));
      }

      Run run = run(all.toArray(String[]::new));

      assertExit(2, run);
      assertTrue(run.err().contains(message), () -> "expected " + message + " in:\n" + run);
      assertNoJavaInternals(run);
      assertFalse(Files.exists(out()), "a usage error writes nothing");
    }

    @ParameterizedTest(name = "check={0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void outThatIsAFileExitsTwoAndLeavesItAlone(boolean check) throws IOException {
      Path file = tmp.resolve("out");
      Files.writeString(file, "not a folder\n");

      Run run = check ? synthGood("--check") : synthGood();

      assertExit(2, run);
      assertTrue(run.err().contains("--out " + file + ": is a file, not a folder"), run::toString);
      assertNoJavaInternals(run);
      assertEquals("not a folder\n", read(file));
    }

    @Test
    void missingValidatePathExitsTwo() {
      Run run = run("validate", tmp.resolve("nope.yaml").toString());

      assertExit(2, run);
      assertTrue(run.err().contains("no such file or folder: " + tmp.resolve("nope.yaml")), run::toString);
      assertEquals("", run.out());
      assertNoJavaInternals(run);
    }

    @Test
    void folderWithoutYamlExitsTwo() throws IOException {
      Files.writeString(tmp.resolve("readme.txt"), "not yaml\n");

      Run run = run("validate", tmp.toString());

      assertExit(2, run);
      assertTrue(run.err().contains("no .yaml or .yml files"), run::toString);
      assertNoJavaInternals(run);
    }
  }

  @Nested
  class Help {

    /** Every option of {@code spec}, by each of its names, and its positional parameters' labels. */
    void assertMentionsEveryOption(CommandSpec spec, String help) {
      for (OptionSpec option : spec.options()) {
        for (String name : option.names()) {
          assertTrue(help.contains(name), () -> "help does not mention " + name + ":\n" + help);
        }
        if (!option.description()[0].isEmpty()) {
          assertTrue(help.contains(option.description()[0].split(" ")[0]), help);
        }
      }
      spec.positionalParameters().forEach(parameter ->
          assertTrue(help.contains(parameter.paramLabel()), () -> "help does not mention " + parameter.paramLabel()));
    }

    @Test
    void porticoHelp() {
      Run run = run("--help");

      assertExit(0, run);
      assertEquals("", run.err());
      for (String text : List.of("Usage: portico", "--help", "--version", "synth", "validate", "Exit codes")) {
        assertTrue(run.out().contains(text), () -> "portico --help does not mention " + text + ":\n" + run);
      }
    }

    @Test
    void synthHelp() {
      Run run = run("synth", "--help");

      assertExit(0, run);
      assertEquals("", run.err());
      CommandSpec spec = CommandSpec.forAnnotatedObject(new SynthCommand());
      assertMentionsEveryOption(spec, run.out());
      for (String option : List.of("--stack", "--env", "--set", "--out", "--single-file", "--check", "--list",
          "--help", "--version")) {
        assertTrue(spec.findOption(option) != null, "synth has option " + option);
        assertTrue(run.out().contains(option), () -> "synth --help does not mention " + option + ":\n" + run);
      }
      assertEquals(run.out(), run("help", "synth").out(), "portico help synth is synth --help");
    }

    @Test
    void validateHelp() {
      Run run = run("validate", "--help");

      assertExit(0, run);
      assertEquals("", run.err());
      CommandSpec spec = CommandSpec.forAnnotatedObject(new ValidateCommand(InputStream.nullInputStream()));
      assertMentionsEveryOption(spec, run.out());
      for (String text : List.of("PATH", "standard input", "--help", "--version", "[RULE-ID]")) {
        assertTrue(run.out().contains(text), () -> "validate --help does not mention " + text + ":\n" + run);
      }
    }

    @Test
    void version() {
      Run run = run("--version");

      assertExit(0, run);
      assertTrue(run.out().startsWith("portico "), run::toString);
    }
  }

  @Nested
  class Validate {

    static final String GOOD = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: shop
        spec:
          selector:
            app: web
          ports:
          - name: http
            port: 80
            targetPort: http
        """;

    /** Three problems, at lines 10, 15 and 26. */
    static final String BAD = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: shop
        spec:
          selector:
            app: web
          ports:
          - name: HTTP
            port: 80
            targetPort: http
          - name: metrics
            port: 9090
            protocol: tcp
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          namespace: shop
        spec:
          type: ClusterIP
          ports:
          - port: 8080
            nodePort: 30080
        """;

    static List<String> badFindings(String file) {
      return List.of(
          file + ":10: error: Service/shop/web: spec.ports[0].name: \"HTTP\" must be a DNS-1123 label (lowercase"
              + " letters, digits, '-'; starting and ending with a letter or digit); try \"http\" [service.port-name]",
          file + ":15: error: Service/shop/web: spec.ports[1].protocol: \"tcp\" is not supported; use \"SCTP\","
              + " \"TCP\" or \"UDP\" (case-sensitive); try \"TCP\" [service.port-protocol]",
          file + ":26: error: Service/shop/api: spec.ports[0].nodePort: 30080 is not allowed when type is"
              + " \"ClusterIP\"; use type NodePort or LoadBalancer, or drop the node port [service.node-port]");
    }

    Path write(String name, String text) throws IOException {
      Path file = tmp.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return file;
    }

    @Test
    void goodYamlExitsZeroWithNoFindings() throws IOException {
      Path file = write("good.yaml", GOOD);

      Run run = run("validate", file.toString());

      assertExit(0, run);
      assertEquals("", run.out());
      assertTrue(run.err().contains("1 document, 1 object checked; 0 errors, 0 warnings"), run::toString);
    }

    @Test
    void badServicesExitOneWithEveryProblemAtItsLine() throws IOException {
      Path file = write("bad.yaml", BAD);

      Run run = run("validate", file.toString());

      assertExit(1, run);
      assertEquals(badFindings(file.toString()), lines(run.out()));
      assertTrue(run.err().contains("3 errors"), run::toString);
      assertNoJavaInternals(run);
    }

    @Test
    void readsStandardInput() {
      Run run = runWithStdin(BAD, "validate", "-");

      assertExit(1, run);
      assertEquals(badFindings("<stdin>"), lines(run.out()));
    }

    @Test
    void readsFoldersAndStandardInputTogether() throws IOException {
      write("manifests/good.yaml", GOOD.replace("name: web", "name: web2"));
      write("manifests/nested/notes.txt", "ignored\n");

      Run run = runWithStdin(BAD, "validate", tmp.resolve("manifests").toString(), "-");

      assertExit(1, run);
      assertEquals(badFindings("<stdin>"), lines(run.out()));
      assertTrue(run.err().contains("3 documents"), run::toString);
    }

    @Test
    void unknownKindsAreAWarningNotAPass() throws IOException {
      Path file = write("config.yaml", """
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: settings
          data:
            key: value
          """);

      Run run = run("validate", file.toString());

      assertExit(0, run);
      assertEquals(List.of(file + ":1: warning: ConfigMap/settings: v1 ConfigMap is not checked by this version of"
          + " Portico [validate.not-checked]"), lines(run.out()));
    }

    @Test
    void yamlSyntaxErrorIsAFindingWithALine() throws IOException {
      Path file = write("broken.yaml", """
          apiVersion: v1
          kind: Service
          metadata:
            name: web
           spec: [
          """);

      Run run = run("validate", file.toString());

      assertExit(1, run);
      List<String> lines = lines(run.out());
      assertEquals(1, lines.size(), run::toString);
      assertTrue(lines.get(0).matches(java.util.regex.Pattern.quote(file.toString()) + ":5: error: .*\\[yaml\\.syntax\\]"),
          run::toString);
      assertNoJavaInternals(run);
    }

    @Test
    void syntaxErrorInOneFileDoesNotHideFindingsInAnother() throws IOException {
      write("all/a.yaml", "kind: [\n");
      write("all/b.yaml", BAD);

      Run run = run("validate", tmp.resolve("all").toString());

      assertExit(1, run);
      assertTrue(run.out().contains("[yaml.syntax]"), run::toString);
      assertTrue(run.out().contains("[service.node-port]"), run::toString);
    }

    @Test
    void synthesizedOutputIsClean() {
      assertExit(0, synthGood());

      Run run = run("validate", out().toString());

      assertExit(0, run);
      assertEquals("", run.out(), "the synthesized output has no findings");
      assertTrue(run.err().contains("10 documents, 8 objects checked; 0 errors, 0 warnings"), run::toString);
    }

    @Test
    void synthesizedSingleFilesAreClean() {
      assertExit(0, synthGood("--single-file"));

      Run run = run("validate", out().toString());

      assertExit(0, run);
      assertEquals("", run.out(), "the synthesized output has no findings");
      assertTrue(run.err().contains("8 documents, 8 objects checked; 0 errors, 0 warnings"), run::toString);
    }
  }
}
