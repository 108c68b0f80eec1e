package dev.portico.synth.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * {@link LinearStreamReader} gives SnakeYAML's parser exactly what SnakeYAML's own reader gives
 * it: the same events at the same lines, columns and indexes, and the same errors at the same
 * places, on random YAML-ish text (line breaks of every kind, byte-order marks, characters outside
 * the Basic Multilingual Plane, flow and block collections, quotes, anchors).
 *
 * <p>Runs 300 fixed seeds; {@code -Dportico.seed=N} runs seed N alone. A failure names its seed.
 */
class LinearStreamReaderPropertyTest {
  private static final String[] PIECES = {
      "a", "key", ": ", ":", "- ", "-", "\n", "\r\n", "\r", "\u2028", "\u0085", " ", "  ", "\t", "[", "]", "{", "}",
      ", ", "\"", "'", "\\n", "#c", "&x ", "*x", "!!str ", "|", ">", "---\n", "...\n", "? ", "\uFEFF", "\uD83D\uDE00",
      "é", "1", "0x1F", "~", "<<: ", "%YAML 1.1\n", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"};

  static Stream<Long> seeds() {
    String seed = System.getProperty("portico.seed");
    if (seed != null && !seed.isBlank()) {
      return Stream.of(Long.parseLong(seed.trim()));
    }
    return LongStream.rangeClosed(1, 300).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void parsesLikeSnakeYamlsOwnReader(long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder();
    int pieces = 1 + random.nextInt(random.nextBoolean() ? 20 : 400);
    for (int i = 0; i < pieces; i++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    String yaml = text.toString();
    assertEquals(events(new StreamReader(yaml)), events(new LinearStreamReader("'string'", yaml)),
        () -> "seed " + seed + ", text: " + yaml.replace("\n", "\\n").replace("\r", "\\r"));
  }

  /** Every event with its marks, then the error that ended parsing, if any. */
  private static List<String> events(StreamReader reader) {
    List<String> events = new ArrayList<>();
    try {
      ParserImpl parser = new ParserImpl(reader, new LoaderOptions());
      while (!parser.checkEvent(Event.ID.StreamEnd)) {
        Event event = parser.getEvent();
        events.add(event + " " + mark(event.getStartMark()) + "-" + mark(event.getEndMark()));
      }
    } catch (MarkedYAMLException e) {
      events.add("error: " + e.getProblem() + " at " + mark(e.getProblemMark()) + " (" + e.getContext() + " at "
          + mark(e.getContextMark()) + ")");
    } catch (YAMLException e) {
      events.add("error: " + e.getMessage());
    }
    return events;
  }

  private static String mark(Mark mark) {
    return mark == null ? "-" : mark.getLine() + ":" + mark.getColumn() + "@" + mark.getIndex();
  }
}
