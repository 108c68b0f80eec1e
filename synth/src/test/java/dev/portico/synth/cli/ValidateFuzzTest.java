package dev.portico.synth.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.read.ManifestReader;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Validator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutated documents through {@code portico validate}, half from a file and half on standard input:
 * every input gets a verdict (exit 0 or 1), never a trace, an exception's name or exit 70, within a
 * bounded time. The documents are built from the golden files and hand-made seeds (workloads, lists,
 * aliases and merge keys) by byte flips, truncation, type swaps (of scalars and of whole blocks),
 * key deletion, duplicated and swapped lines, re-indentation, aliases, anchors and merge keys,
 * invalid UTF-8, control characters, deep nesting, long scalars and spliced documents.
 *
 * <p>Runs {@code portico.fuzz.count} documents (default {@value #DEFAULT_COUNT}), seeds 1 to N, in
 * tests of {@value #BATCH}; {@code -Dportico.fuzz.count=100000} runs a longer campaign,
 * {@code -Dportico.seed=N} seed N alone. A failure names its seed and prints the document.
 */
class ValidateFuzzTest {
  static final int DEFAULT_COUNT = 3000;
  /** Far above what a document takes (milliseconds): a hang or a quadratic blow-up, not a slow machine. */
  static final Duration PER_DOCUMENT = Duration.ofSeconds(10);

  /** Consecutive seeds checked in one test, so the cost of a test is shared by many documents. */
  static final int BATCH = 100;

  /** Batches of seeds, as first and last seed: {@code portico.fuzz.count} seeds in all, or {@code portico.seed} alone. */
  static Stream<long[]> batches() {
    String seed = System.getProperty("portico.seed");
    if (seed != null && !seed.isBlank()) {
      long only = Long.parseLong(seed.trim());
      return Stream.<long[]>of(new long[] {only, only});
    }
    long count = Long.getLong("portico.fuzz.count", DEFAULT_COUNT);
    return LongStream.range(0, (count + BATCH - 1) / BATCH)
        .mapToObj(batch -> new long[] {batch * BATCH + 1, Math.min(count, (batch + 1) * BATCH)});
  }

  /** Runs each document on a worker thread, so one that hangs fails its test instead of the suite. */
  private static ExecutorService worker = newWorker();

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "fuzz");
      thread.setDaemon(true);
      return thread;
    });
  }

  @ParameterizedTest(name = "seeds {0}")
  @MethodSource("batches")
  void everyDocumentGetsAVerdict(long[] seeds) throws Exception {
    for (long seed = seeds[0]; seed <= seeds[1]; seed++) {
      check(seed);
    }
  }

  private static void check(long seed) throws Exception {
    byte[] document = document(seed);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // half the documents from a file, half on standard input; every tenth through the whole
    // command, the others through what it runs (reading, the rules, the findings' text), a tenth of
    // the cost: a Throwable there is an exit 70 there
    String input = "-";
    if (seed % 2 == 1) {
      Path file = Files.createTempFile("portico-fuzz-", ".yaml");
      file.toFile().deleteOnExit();
      Files.write(file, document);
      input = file.toString();
    }
    String path = input;
    Future<Integer> run = worker.submit(() -> seed % 10 == 0
        ? Portico.run(new String[] {"validate", path}, new ByteArrayInputStream(document), new PrintWriter(out),
            new PrintWriter(err))
        : validate(path, document, new PrintWriter(out)));
    int code;
    try {
      code = run.get(PER_DOCUMENT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      run.cancel(true);
      worker = newWorker(); // the stuck thread is abandoned
      throw new AssertionError("seed " + seed + " (rerun with -Dportico.seed=" + seed + ") took longer than "
          + PER_DOCUMENT + "; the document:\n" + show(document));
    }
    if (!path.equals("-")) {
      Files.delete(Path.of(path));
    }
    String output = out + "" + err;
    String failure = "seed " + seed + " (rerun with -Dportico.seed=" + seed + "): exit " + code + "\n--- output:\n"
        + output + "--- the document:\n" + show(document);
    assertTrue(code == 0 || code == 1, failure);
    assertFalse(output.contains("Exception"), failure);
    assertFalse(output.contains("\tat "), failure);
    assertFalse(output.contains("internal error"), failure);
    // findings on YAML speak YAML: no advice written in the Java DSL
    assertFalse(YamlAdviceTest.DSL_ADVICE.matcher(output).find(), failure);
  }

  /** What {@link ValidateCommand} does with standard input, and its exit code; 70 with the trace for a Throwable. */
  private static int validate(String path, byte[] document, PrintWriter out) {
    try {
      ManifestReader.Input input = ManifestReader.read(List.of(path), new ByteArrayInputStream(document));
      List<Finding> findings = new ArrayList<>(input.findings());
      findings.addAll(Validator.validate(input.resources(), input.podSets(), Scope.OPEN));
      findings.sort(Finding.ORDER);
      findings.forEach(finding -> out.println(finding.format()));
      return findings.stream().anyMatch(Finding::isError) ? 1 : 0;
    } catch (Throwable e) {
      e.printStackTrace(out);
      return 70;
    } finally {
      out.flush();
    }
  }

  /** The document of {@code seed}: a seed document with one to four mutations. */
  static byte[] document(long seed) {
    Random random = new Random(seed);
    byte[] document = SEEDS.get(random.nextInt(SEEDS.size()));
    int mutations = 1 + random.nextInt(4);
    for (int i = 0; i < mutations; i++) {
      document = MUTATIONS.get(random.nextInt(MUTATIONS.size())).apply(document, random);
    }
    return document;
  }

  // ---------------------------------------------------------------------------------------------
  // seeds

  private static Path golden() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("golden"))) {
        return dir.resolve("golden");
      }
    }
    throw new IllegalStateException("no golden/ folder above " + Path.of("").toAbsolutePath());
  }

  /** Every golden file (the fleet's first few only: the rest are alike) and the hand-made seeds. */
  private static List<byte[]> seeds(Path golden) {
    List<byte[]> seeds = new ArrayList<>();
    Map<String, Integer> perFolder = new TreeMap<>();
    try (Stream<Path> files = Files.walk(golden)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        String folder = golden.relativize(file.getParent()).toString();
        if (perFolder.merge(folder, 1, Integer::sum) <= 12) {
          seeds.add(Files.readAllBytes(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String seed : HAND_MADE) {
      seeds.add(seed.getBytes(StandardCharsets.UTF_8));
    }
    return seeds;
  }

  private static final List<String> HAND_MADE = List.of("""
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop}
      spec:
        template:
          metadata:
            labels: &labels {app: web, tier: front}
          spec:
            containers:
            - name: web
              ports:
              - {name: http, containerPort: 8080, protocol: TCP}
            initContainers:
            - name: init
              ports: [{containerPort: 9000}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: shop, labels: *labels}
      spec:
        selector: {app: web}
        ports:
        - &http {name: http, port: 80, targetPort: http}
        - <<: *http
          name: alt
          port: 81
      """, """
      apiVersion: v1
      kind: List
      items:
      - apiVersion: v1
        kind: Service
        metadata: {name: a, namespace: x}
        spec:
          type: NodePort
          ports: [{port: 80, nodePort: 30080}]
      - apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c, namespace: x}
        spec:
          jobTemplate:
            spec:
              template:
                metadata: {labels: {app: c}}
                spec: {containers: [{name: c, ports: [{containerPort: 1}]}]}
      """, """
      x-defaults: &defaults
        timeout: 10s
        retries: {attempts: 3, perTryTimeout: 2s}
      ---
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: reviews, namespace: bookinfo}
      spec:
        hosts: [reviews]
        http:
        - match: [{uri: {prefix: /v1}}]
          route: [{destination: {host: reviews, subset: v1}, weight: 90}, {destination: {host: reviews}, weight: 10}]
          timeout: 10s
      """, """
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata: {name: r, namespace: shop}
      spec:
        parentRefs: [{name: eg, sectionName: http}]
        hostnames: ["shop.example.com"]
        rules:
        - matches: [{path: {type: PathPrefix, value: /}}]
          backendRefs: [{name: web, port: 80, weight: 1}]
          filters:
          - type: RequestRedirect
            requestRedirect: {scheme: https, statusCode: 301}
      """, """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: web
        namespace: shop
        annotations: {nginx.ingress.kubernetes.io/canary: "true", kubernetes.io/ingress.class: nginx}
      spec:
        tls: [{hosts: [shop.example.com], secretName: shop-tls}]
        rules:
        - host: shop.example.com
          http:
            paths:
            - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      """);

  /** Declared after the hand-made seeds, which it reads. */
  private static final List<byte[]> SEEDS = seeds(golden());

  // ---------------------------------------------------------------------------------------------
  // mutations

  private static final List<String> VALUES = List.of("{}", "[]", "5", "-1", "99999999999999999999999", "\"x\"", "true",
      "yes", "no", "on", "null", "~", "{a: 1}", "[1, 2]", "0x1F", "017", "0o17", "1e3", ".inf", ".nan", "1_000", "!!int x",
      "!!binary aGk=", "!!str 80", "!custom v", "&a 1", "*a", "*undefined", "<<", "- x", "|\n  text", ">-\n  text",
      "\"\\u0000\"", "'it''s'", "2001-12-14", "12:30", "-", "? x", "@", "`", "%x", "[[[[", "]]", "{a: {b: {c: [", "\"",
      "'", "#", "\t", "a: b: c");

  private static final List<BiFunction<byte[], Random, byte[]>> MUTATIONS = List.of(
      // a flipped bit, a random byte
      (doc, random) -> {
        byte[] copy = doc.clone();
        if (copy.length > 0) {
          int at = random.nextInt(copy.length);
          copy[at] = random.nextBoolean() ? (byte) (copy[at] ^ (1 << random.nextInt(8))) : (byte) random.nextInt(256);
        }
        return copy;
      },
      // truncation
      (doc, random) -> java.util.Arrays.copyOf(doc, doc.length == 0 ? 0 : random.nextInt(doc.length)),
      // a value swapped for one of another type
      (doc, random) -> replaceValue(doc, random, VALUES.get(random.nextInt(VALUES.size()))),
      // a value that is a block (a list or map below its key) swapped for one of another type
      (doc, random) -> {
        List<String> lines = lines(doc);
        List<Integer> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).stripTrailing().endsWith(":")) {
            blocks.add(i);
          }
        }
        if (blocks.isEmpty()) {
          return doc;
        }
        int at = blocks.get(random.nextInt(blocks.size()));
        int indent = indent(lines.get(at)).length();
        int end = at + 1;
        while (end < lines.size() && (lines.get(end).isBlank() || indent(lines.get(end)).length() > indent
            || lines.get(end).startsWith(" ".repeat(indent) + "- ") && !lines.get(at).stripLeading().startsWith("- "))) {
          end++;
        }
        String value = List.of("{a: 1}", "{name: x, ports: {containerPort: 80}}", "5", "x", "[1, 2]", "[x]", "~",
            "{}", "[]", "[[1]]", "[{a: 1}]", "{containers: {name: x}}").get(random.nextInt(12));
        lines.subList(at + 1, end).clear();
        lines.set(at, lines.get(at).stripTrailing() + " " + value);
        return join(lines);
      },
      // a key deleted (its line)
      (doc, random) -> editLines(doc, random, (lines, at) -> lines.remove((int) at)),
      // a line duplicated (a duplicate key)
      (doc, random) -> editLines(doc, random, (lines, at) -> lines.add(at, lines.get(at))),
      // two lines swapped
      (doc, random) -> editLines(doc, random, (lines, at) -> java.util.Collections.swap(lines, at,
          random.nextInt(lines.size()))),
      // re-indented
      (doc, random) -> editLines(doc, random, (lines, at) -> lines.set(at, random.nextBoolean()
          ? " ".repeat(1 + random.nextInt(3)) + lines.get(at) : lines.get(at).stripLeading())),
      // an anchor on one value and an alias (or a merge of it) elsewhere
      (doc, random) -> {
        byte[] anchored = replaceValue(doc, random, "&x {port: 80, name: Bad}");
        return editLines(anchored, random, (lines, at) -> lines.add(at, indent(lines.get(at))
            + List.of("<<: *x", "name: *x", "port: *x", "- *x", "<<: [*x, {a: 1}]", "<<: *nope", "*x: 1", "<<: 5")
                .get(random.nextInt(8))));
      },
      // invalid UTF-8, control characters, a byte-order mark, line breaks of another kind
      (doc, random) -> insert(doc, random, List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0x80},
          new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82},
          new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new byte[] {0}, new byte[] {7}, new byte[] {'\r'},
          new byte[] {(byte) 0xFE, (byte) 0xFF}, "\u2028".getBytes(StandardCharsets.UTF_8),
          "\uD83D\uDE00".getBytes(StandardCharsets.UTF_8)).get(random.nextInt(11))),
      // deep nesting
      (doc, random) -> {
        boolean flow = random.nextBoolean();
        int depth = 1 + random.nextInt(random.nextInt(4) > 0 ? 50 : 400);
        String open = flow ? (random.nextBoolean() ? "[" : "{a: ").repeat(depth) : "";
        String value = flow ? open + "1" + (open.startsWith("[") ? "]" : "}").repeat(depth) : nestedBlock(depth);
        return replaceValue(doc, random, value);
      },
      // a long scalar
      (doc, random) -> replaceValue(doc, random, List.of("x", "a.", "a-", "%20", "*.", "/a", "a.b/", "1", "a=b,", "é")
          .get(random.nextInt(10)).repeat(1 + random.nextInt(random.nextInt(4) > 0 ? 100 : 50_000))),
      // a long key, written explicitly (an implicit key is at most 1,024 characters)
      (doc, random) -> editLines(doc, random, (lines, at) -> {
        String key = List.of("a.", "x", "a/", "-").get(random.nextInt(4)).repeat(1 + random.nextInt(20_000));
        lines.add(at, indent(lines.get(at)) + ": v");
        lines.add(at, indent(lines.get(at)) + "? \"" + key + "x\"");
      }),
      // YAML punctuation dropped in
      (doc, random) -> insert(doc, random, List.of("- ", ": ", "? ", "!!int ", "&", "*", "---\n", "...\n", "%YAML 1.1\n",
          "\t", "{", "}", "[", "]", ",", "|", ">", "#", "\"", "'", "<<: ").get(random.nextInt(21))
          .getBytes(StandardCharsets.UTF_8)),
      // two documents spliced
      (doc, random) -> {
        byte[] other = SEEDS.get(random.nextInt(SEEDS.size()));
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(java.util.Arrays.copyOf(doc, random.nextInt(doc.length + 1)));
        both.writeBytes(java.util.Arrays.copyOfRange(other, random.nextInt(other.length + 1), other.length));
        return both.toByteArray();
      });

  private static String nestedBlock(int depth) {
    StringBuilder block = new StringBuilder("\n");
    for (int i = 1; i <= depth; i++) {
      block.append("  ".repeat(i)).append("k:\n");
    }
    return block.append("  ".repeat(depth + 1)).append("v").toString();
  }

  private static String indent(String line) {
    return line.substring(0, line.length() - line.stripLeading().length());
  }

  private static List<String> lines(byte[] doc) {
    return new ArrayList<>(List.of(new String(doc, StandardCharsets.ISO_8859_1).split("\n", -1)));
  }

  private static byte[] join(List<String> lines) {
    return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Applies {@code edit} at a random line (bytes kept as they are: ISO-8859-1 maps them one to one). */
  private static byte[] editLines(byte[] doc, Random random, java.util.function.BiConsumer<List<String>, Integer> edit) {
    List<String> lines = lines(doc);
    edit.accept(lines, random.nextInt(lines.size()));
    return join(lines);
  }

  /** Replaces the value after a random "key: " (or a random line's end) with {@code value}. */
  private static byte[] replaceValue(byte[] doc, Random random, String value) {
    List<String> lines = lines(doc);
    int at = random.nextInt(lines.size());
    String line = lines.get(at);
    int colon = line.indexOf(": ");
    String utf8Value = new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    lines.set(at, (colon >= 0 ? line.substring(0, colon + 2) : line + " ") + utf8Value);
    return join(lines);
  }

  private static byte[] insert(byte[] doc, Random random, byte[] bytes) {
    int at = random.nextInt(doc.length + 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(doc, 0, at);
    out.writeBytes(bytes);
    out.write(doc, at, doc.length - at);
    return out.toByteArray();
  }

  /** The document for a failure message: text, with bytes that are not printable ASCII as \xNN. */
  static String show(byte[] document) {
    StringBuilder shown = new StringBuilder();
    for (int i = 0; i < Math.min(document.length, 6000); i++) {
      int b = document[i] & 0xFF;
      if (b == '\n' || b >= 0x20 && b < 0x7F) {
        shown.append((char) b);
      } else {
        shown.append(String.format("\\x%02X", b));
      }
    }
    return shown + (document.length > 6000 ? "\n... (" + document.length + " bytes in all)" : "") + "\n";
  }
}
