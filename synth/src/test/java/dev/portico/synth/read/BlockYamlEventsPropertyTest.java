package dev.portico.synth.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;

/**
 * {@link BlockYamlEvents} against SnakeYAML's parser, the oracle: for every text it reads, the
 * events are SnakeYAML's (kind, line, value, style, tag, anchor), and it reads nothing that
 * SnakeYAML rejects. Texts: every YAML file of the repository, random documents in the styles
 * tools and people write (seeds 1-{@value #SEEDS}), and each of those mutated character by
 * character (inserted indicators, quotes, spaces, line breaks). {@code -Dportico.seed=N} replays one seed.
 */
class BlockYamlEventsPropertyTest {
  static final int SEEDS = 300;
  /** Mutated texts read and compared: most mutations are declined, enough must be read to test anything. */
  private static final AtomicInteger MUTATED_READ = new AtomicInteger();

  @AfterAll
  static void enoughMutatedTextsWereRead() {
    if (System.getProperty("portico.seed", "").isBlank()) {
      assertTrue(MUTATED_READ.get() > 3000, "mutated texts read and compared: " + MUTATED_READ);
    }
  }
  private static final String MUTATIONS = " -:#'\"\n[]{}&*!|>\\?,%@`a1.";

  static LongStream seeds() {
    String only = System.getProperty("portico.seed", "").trim();
    return only.isEmpty() ? LongStream.rangeClosed(1, SEEDS) : LongStream.of(Long.parseLong(only));
  }

  /** SnakeYAML's events of {@code text}, described one a line; null when SnakeYAML rejects it. */
  static List<String> snakeEvents(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    try {
      return describe(new ParserImpl(new LinearStreamReader("test.yaml", text), options));
    } catch (YAMLException e) {
      return null;
    }
  }

  static List<String> describe(Parser parser) {
    List<String> events = new ArrayList<>();
    while (true) {
      Event event = parser.getEvent();
      StringBuilder line = new StringBuilder(event.getEventId().name());
      if (event.is(Event.ID.StreamStart) || event.is(Event.ID.StreamEnd) || event.is(Event.ID.DocumentStart)
          || event.is(Event.ID.DocumentEnd)) {
        events.add(line.toString()); // their marks are not read
      } else {
        line.append(" line ").append(event.getStartMark().getLine());
        if (event instanceof NodeEvent node) {
          line.append(" anchor ").append(node.getAnchor());
        }
        if (event instanceof CollectionStartEvent collection) {
          line.append(" tag ").append(collection.getTag());
        }
        if (event instanceof ScalarEvent scalar) {
          line.append(" tag ").append(scalar.getTag()).append(' ').append(scalar.getScalarStyle())
              .append(" implicit ").append(scalar.getImplicit()).append(" value ").append(escape(scalar.getValue()));
        }
        events.add(line.toString());
      }
      if (event.is(Event.ID.StreamEnd)) {
        return events;
      }
    }
  }

  private static String escape(String value) {
    StringBuilder out = new StringBuilder("\"");
    value.codePoints().forEach(c -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u{%X}", c)
        : String.valueOf((char) c)));
    return out.append('"').toString();
  }

  /** Checks one text; returns whether {@link BlockYamlEvents} read it. */
  static boolean check(String text, String context) {
    Parser fast = BlockYamlEvents.of("test.yaml", text);
    if (fast == null) {
      return false;
    }
    if (context.contains("mutat")) {
      MUTATED_READ.incrementAndGet();
    }
    List<String> expected = snakeEvents(text);
    if (expected == null) {
      fail(context + ": read a text SnakeYAML rejects:\n" + text);
    }
    assertEquals(String.join("\n", expected), String.join("\n", describe(fast)), () -> context + ":\n" + text);
    return true;
  }

  // ---- the repository's YAML --------------------------------------------------------------------

  @Test
  void everyYamlFileOfTheRepositoryAndItsMutations() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().matches(".*\\.ya?ml$"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/node_modules/")
              && !p.toString().contains("/.git/") && !root.relativize(p).startsWith("out"))
          .sorted().toList();
    }
    assertTrue(files.size() > 100, "the repository's YAML files: " + files.size());
    int read = 0;
    Random random = new Random(7);
    for (Path file : files) {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      if (!isPrintable(text)) {
        continue;
      }
      read += check(text, file.toString()) ? 1 : 0;
      for (int m = 0; m < 20; m++) {
        check(mutate(text, random), file + " mutated (seed 7, mutation " + m + ")");
      }
    }
    // most of them are the block style this class reads: a change that declines them all fails here
    assertTrue(read > files.size() / 2, "read " + read + " of " + files.size());
  }

  private static boolean isPrintable(String text) {
    return text.codePoints().allMatch(org.yaml.snakeyaml.reader.StreamReader::isPrintable);
  }

  /** One to three characters inserted, deleted or replaced at random places. */
  static String mutate(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      int at = out.length() == 0 ? 0 : random.nextInt(out.length());
      char c = MUTATIONS.charAt(random.nextInt(MUTATIONS.length()));
      switch (random.nextInt(3)) {
        case 0 -> out.insert(at, c);
        case 1 -> {
          if (out.length() > 0) {
            out.deleteCharAt(at);
          }
        }
        default -> {
          if (out.length() > 0) {
            out.setCharAt(at, c);
          }
        }
      }
    }
    return out.toString();
  }

  // ---- random documents -------------------------------------------------------------------------

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomDocumentsAndTheirMutations(long seed) {
    Random random = new Random(seed);
    String text = new RandomYaml(random).stream();
    String context = "seed " + seed + " (replay with -Dportico.seed=" + seed + ")";
    boolean read = check(text, context);
    for (int m = 0; m < 30; m++) {
      check(mutate(text, random), context + ", mutation " + m);
    }
    if (!read) {
      // the generator writes only what this class reads, except in the styles it declines on purpose
      assertTrue(text.contains("|") || text.contains("&") || text.contains("\t"),
          () -> context + ": declined a text in the block style:\n" + text);
    }
  }

  @Test
  void declinesWhatItLeavesToSnakeYaml() {
    for (String text : List.of("a: &x 1\nb: *x\n", "a: !!str 1\n", "a: |\n  text\n", "a: >\n  text\n",
        "a: [1, 2]\n", "a: {b: 1}\n", "? a\n: b\n", "%YAML 1.1\n---\na: 1\n", "a: 1\n...\n", "a:\tb\n",
        "a: one\n  two\n", "a: \"one\n  two\"\n", "--- a\n", "just a scalar\n", "a: \"\\q\"\n", "a: b: c\n",
        "- ".repeat(YamlDocuments.MAX_DEPTH + 1) + "deep\n")) {
      assertNull(BlockYamlEvents.of("test.yaml", text), () -> "declined: " + text);
    }
  }

  @Test
  void readsTheStylesManifestsUse() {
    String text = """
        # a comment
        apiVersion: v1
        kind: Service   # trailing comment
        metadata:
          name: web
          labels: {}
          annotations:
            "quoted key": 'it''s'
            other: "tab\\there \\u00e9"
        spec:
          ports:
          - name: http
            port: 80
          -
            name: metrics
          selector:
        ---
        items: []
        list:
          - - nested
            - again
          - plain: -1
        """;
    assertNotNull(BlockYamlEvents.of("test.yaml", text));
    assertTrue(check(text, "styles"));
    assertTrue(check(text.replace("\n", "\r\n"), "styles with CRLF"));
  }

  /** Random YAML in the block style, with the variations tools and people write. */
  static final class RandomYaml {
    private final Random random;
    private final StringBuilder out = new StringBuilder();
    private final int step;
    private final boolean indentlessLists;

    RandomYaml(Random random) {
      this.random = random;
      this.step = 2 + random.nextInt(3);
      this.indentlessLists = random.nextBoolean();
    }

    String stream() {
      int documents = 1 + random.nextInt(3);
      for (int d = 0; d < documents; d++) {
        if (d > 0 || random.nextBoolean()) {
          out.append(random.nextInt(4) == 0 ? "--- # next\n" : "---\n");
        }
        maybeComment(0);
        mapping(0, 3);
      }
      if (random.nextInt(10) == 0) {
        out.append("a: |\n  block\n"); // declined on purpose: the test expects a decline for it
      }
      String text = out.toString();
      return random.nextInt(5) == 0 ? text.replace("\n", "\r\n") : text;
    }

    private void maybeComment(int indent) {
      if (random.nextInt(6) == 0) {
        out.append(" ".repeat(indent)).append("# ").append(word()).append('\n');
      }
      if (random.nextInt(8) == 0) {
        out.append('\n');
      }
    }

    private void mapping(int indent, int depth) {
      int fields = 1 + random.nextInt(4);
      for (int f = 0; f < fields; f++) {
        if (f > 0) {
          out.append(" ".repeat(indent));
        }
        out.append(key()).append(':');
        value(indent, depth, true);
        if (f + 1 < fields) {
          maybeComment(indent);
        }
      }
    }

    /** A value after "key:" or "-": on this line or the next ones. */
    private void value(int indent, int depth, boolean underKey) {
      int kind = depth <= 0 ? 0 : random.nextInt(5);
      if (kind == 3) {
        out.append('\n');
        int inner = underKey && indentlessLists ? indent : indent + step;
        list(inner, depth - 1);
      } else if (kind == 4) {
        out.append('\n').append(" ".repeat(indent + step));
        mapping(indent + step, depth - 1);
      } else {
        out.append(' ').append(scalar());
        if (random.nextInt(8) == 0) {
          out.append("  # ").append(word());
        }
        out.append('\n');
      }
    }

    private void list(int indent, int depth) {
      int items = 1 + random.nextInt(3);
      for (int i = 0; i < items; i++) {
        out.append(" ".repeat(indent)).append('-');
        switch (depth <= 0 ? 0 : random.nextInt(4)) {
          case 1 -> {
            int spaces = 1 + (random.nextInt(4) == 0 ? 2 : 0);
            out.append(" ".repeat(spaces));
            mapping(indent + 1 + spaces, depth - 1); // compact: "- key: value", "-   key: value"
          }
          case 2 -> {
            out.append('\n').append(" ".repeat(indent + step));
            mapping(indent + step, depth - 1);
          }
          default -> {
            out.append(' ').append(scalar()).append('\n');
          }
        }
      }
    }

    private String key() {
      return switch (random.nextInt(12)) {
        case 0 -> "\"" + word() + " key\"";
        case 1 -> "'" + word() + "'";
        case 2 -> "app.kubernetes.io/" + word();
        case 3 -> word() + " " + word(); // a plain key with a space
        case 4 -> word() + "  "; // spaces before the ':'
        case 5 -> "\"\"";
        case 6 -> "x:y"; // ':' not followed by a space belongs to the key
        case 7 -> "8080";
        default -> word();
      };
    }

    private String scalar() {
      return switch (random.nextInt(17)) {
        case 0 -> "\"" + word() + "\\n" + word() + "\\\"\"";
        case 1 -> "'" + word() + "''s'";
        case 2 -> String.valueOf(random.nextInt(70000) - 100);
        case 3 -> random.nextBoolean() ? "true" : "no";
        case 4 -> "[]";
        case 5 -> "{}";
        case 6 -> "\"\"";
        case 7 -> "~";
        case 8 -> "1.5";
        case 9 -> "https://" + word() + ".example.com:8443/a#b";
        case 10 -> "\"\\u00e9\\x41\\t\"";
        case 11 -> "a b  c";
        case 12 -> "-" + word();
        case 13 -> "100m";
        case 14 -> switch (random.nextInt(8)) {
          case 0 -> "a#b";
          case 1 -> "a:b";
          case 2 -> "caf\u00e9 \u65e5\u672c";
          case 3 -> "'a #b'";
          case 4 -> "\"a: b\"";
          case 5 -> "a, b [c] {d}";
          case 6 -> "x@y %z";
          default -> "word   ";
        };
        default -> word();
      };
    }

    private String word() {
      String[] words = {"web", "http", "app-0001", "port", "name", "selector", "v1", "Prefix", "x_y", "k8s"};
      return words[random.nextInt(words.length)];
    }
  }
}
