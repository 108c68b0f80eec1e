package dev.portico.synth.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.dsl.SourceLocation;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Severity;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads a multi-document YAML stream into JSON trees as Kubernetes does (sigs.k8s.io/yaml over
 * go-yaml v2), remembering the line of every field so a finding can say {@code web.yaml:7}:
 * scalars resolved as YAML 1.1 ({@link YamlScalars}), aliases expanded, {@code <<} merge keys
 * applied in document order (a later key wins; within a list of merged maps the earlier map wins),
 * duplicate keys reported rather than silently merged. An undefined alias, an alias to the node
 * that holds it, a merge of something other than maps, and more alias expansion than go-yaml
 * allows ({@code document contains excessive aliasing}) are syntax errors, as there.
 *
 * <p>The events come from {@link BlockYamlEvents} for the block style most manifests are written in,
 * else from SnakeYAML's parser, over a {@link LinearStreamReader} so that long scalars cost linear
 * time. Nesting is limited to {@value #MAX_DEPTH} levels.
 */
final class YamlDocuments {
  /**
   * Deepest nesting of lists and maps read: Kubernetes objects nest a few dozen levels (a CRD's
   * schema for a pod template about fifty), and reading, checking and converting a tree recurses
   * once or more per level, which must fit a thread's default stack.
   */
  static final int MAX_DEPTH = 200;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A YAML syntax error ({@code yaml.syntax}) or a duplicate key ({@code yaml.duplicate-key}), with its line. */
  static final class Problem extends Exception {
    private static final long serialVersionUID = 1L;
    final String rule;
    final int line;
    /** Where in its document; null when the problem stops reading the stream. */
    final String path;

    Problem(String message, int line, String path) {
      this("yaml.syntax", message, line, path);
    }

    Problem(String rule, String message, int line, String path) {
      super(message);
      this.rule = rule;
      this.line = line;
      this.path = path;
    }

    /** This problem as an error of {@code file}, the object named after the file. */
    Finding finding(String file) {
      return new Finding(rule, Severity.ERROR, new SourceLocation(file, line), file, path == null ? "" : path,
          getMessage());
    }
  }

  private YamlDocuments() {}

  /**
   * The documents of {@code text}; empty documents are skipped.
   *
   * @param problems receives each duplicate key, and each document that cannot be read as
   *     Kubernetes reads it (an undefined alias, excessive aliasing, a bad merge, a value JSON
   *     cannot hold): reading goes on with the next key or document
   * @throws Problem on a syntax error, which stops reading the stream
   */
  static List<YamlDocument> read(String file, String text, List<Problem> problems) throws Problem {
    checkPrintable(text);
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE); // the size of an input is limited before it is parsed
    // most manifests are in the block style BlockYamlEvents reads; SnakeYAML's scanner reads the rest
    Parser parser = BlockYamlEvents.of(file, text);
    if (parser == null) {
      parser = new ParserImpl(new LinearStreamReader(file, text), options);
    }
    List<YamlDocument> documents = new ArrayList<>();
    try {
      while (!parser.checkEvent(Event.ID.StreamEnd)) {
        Event event = parser.getEvent();
        if (event.is(Event.ID.DocumentStart)) {
          Document document = new Document(parser, problems);
          Event first = parser.getEvent();
          int line = line(first);
          Value root;
          try {
            root = document.value(first, Where.ROOT, 0);
          } catch (Problem problem) {
            if (problem.path == null) {
              throw problem; // too deep: the rest of the stream is not parsed (that would take as long)
            }
            problems.add(problem); // this document only: skip to its end
            root = null;
            while (!parser.checkEvent(Event.ID.DocumentEnd)) {
              parser.getEvent();
            }
          }
          parser.getEvent(); // DocumentEnd
          if (root != null && !root.json().isNull()) {
            documents.add(new YamlDocument(file, line, root.json(), root.lines()));
          }
        }
      }
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1
          : e.getContextMark() != null ? e.getContextMark().getLine() + 1 : 0;
      String problem = e.getProblem() == null ? e.getClass().getSimpleName() : e.getProblem();
      throw new Problem("YAML syntax error: " + problem.strip()
          + (e.getContext() == null ? "" : " (" + e.getContext().strip() + ")"), line, "");
    } catch (YAMLException e) {
      throw new Problem("YAML syntax error: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), 0, "");
    }
    return documents;
  }

  /**
   * The text of a file as go-yaml reads it: UTF-8, or UTF-16 after a byte-order mark (a UTF-8 one
   * is dropped too); nothing else. Decoding is strict, so a flipped byte is an error with its line,
   * not a replacement character.
   *
   * @throws Problem for bytes that are not valid in that encoding
   */
  static String decode(byte[] bytes) throws Problem {
    Charset charset = StandardCharsets.UTF_8;
    int offset = 0;
    if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
      charset = StandardCharsets.UTF_16LE;
      offset = 2;
    } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
      charset = StandardCharsets.UTF_16BE;
      offset = 2;
    } else if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      offset = 3;
    }
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8,
        (long) bytes.length - offset + 16));
    CoderResult result = decoder.decode(in, out, true);
    if (result.isUnderflow()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      int lineStart = offset;
      for (int i = offset; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      StringBuilder bad = new StringBuilder();
      for (int i = at; i < Math.min(bytes.length, at + result.length()); i++) {
        bad.append(bad.length() == 0 ? "" : " ").append(String.format("0x%02X", bytes[i] & 0xFF));
      }
      String encoding = charset == StandardCharsets.UTF_8 ? "UTF-8" : "UTF-16 (as its byte-order mark says)";
      throw new Problem("not valid " + encoding + ": byte" + (result.length() == 1 ? " " : "s ") + bad + " at column "
          + (at - lineStart + 1) + " cannot be decoded; Kubernetes reads YAML as UTF-8 (or UTF-16 after a "
          + "byte-order mark): save the file as UTF-8", line, "");
    }
    out.flip();
    return out.toString();
  }

  /** What SnakeYAML's reader rejects as it reads ("special characters are not allowed"), with its line. */
  private static void checkPrintable(String text) throws Problem {
    int line = 1;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (!StreamReader.isPrintable(c)) {
        throw new Problem(String.format("YAML syntax error: the control character U+%04X is not allowed in YAML"
            + " (only tab, line breaks and printable characters are); is this a binary or UTF-16 file?", c), line, "");
      }
      if (c == '\n') {
        line++;
      }
      i += Character.charCount(c);
    }
  }

  private static int line(Event event) {
    return event.getStartMark() == null ? 0 : event.getStartMark().getLine() + 1;
  }

  /** A value and the lines of its fields and items. */
  private record Value(JsonNode json, YamlLines lines) {}

  /** The state of one document: its anchors and how much its aliases expanded. */
  private static final class Document {
    private final Parser parser;
    private final List<Problem> problems;
    private final Map<String, Anchor> anchors = new HashMap<>();
    /** Values decoded, and those of them that came from aliases, as go-yaml counts them. */
    private long decoded;
    private long aliased;

    Document(Parser parser, List<Problem> problems) {
      this.parser = parser;
      this.problems = problems;
    }

    /** An anchored value (null while it is being read) and how many values it holds. */
    private static final class Anchor {
      Value value;
      long size;
    }

    /** The value that starts with {@code event}. */
    Value value(Event event, Where where, int depth) throws Problem {
      if (depth > MAX_DEPTH) {
        throw new Problem("YAML syntax error: nested more than " + MAX_DEPTH + " levels deep", line(event), null);
      }
      if (event instanceof AliasEvent alias) {
        Value anchored = resolve(alias, where).value;
        return new Value(anchored.json(), anchored.lines().at(line(event)));
      }
      decoded++;
      String anchorName = event instanceof NodeEvent node ? node.getAnchor() : null;
      Anchor anchor = null;
      long decodedBefore = decoded;
      if (anchorName != null) {
        anchor = new Anchor();
        anchors.put(anchorName, anchor);
      }
      Value value;
      if (event instanceof ScalarEvent scalar) {
        value = new Value(scalar(scalar, where), YamlLines.scalar(line(event)));
      } else if (event instanceof SequenceStartEvent) {
        ArrayNode array = NODES.arrayNode();
        List<YamlLines> items = new ArrayList<>();
        for (Event next = parser.getEvent(); !next.is(Event.ID.SequenceEnd); next = parser.getEvent()) {
          Value item = value(next, where.item(array.size()), depth + 1);
          array.add(item.json());
          items.add(item.lines());
        }
        value = new Value(array, YamlLines.list(line(event), items));
      } else if (event instanceof MappingStartEvent) {
        value = mapping(line(event), where, depth);
      } else {
        throw new Problem("YAML syntax error: unexpected " + event.getEventId(), line(event), where.path());
      }
      if (anchor != null) {
        anchor.value = value;
        anchor.size = decoded - decodedBefore;
      }
      return value;
    }

    private Value mapping(int line, Where where, int depth) throws Problem {
      ObjectNode object = NODES.objectNode();
      Map<String, YamlLines> fields = new HashMap<>();
      Set<String> explicit = new HashSet<>();
      for (Event keyEvent = parser.getEvent(); !keyEvent.is(Event.ID.MappingEnd); keyEvent = parser.getEvent()) {
        if (isMerge(keyEvent)) {
          merge(parser.getEvent(), object, fields, where, depth + 1);
          continue;
        }
        int keyLine = line(keyEvent);
        String name;
        try {
          name = YamlScalars.key(value(keyEvent, where, depth + 1).json());
        } catch (YamlScalars.Unrepresentable e) {
          throw new Problem("YAML syntax error: " + e.getMessage(), keyLine, where.path());
        }
        Where child = where.field(name);
        if (!explicit.add(name)) {
          problems.add(new Problem("yaml.duplicate-key", "duplicate key " + name + " (the API server rejects it; an "
              + "earlier value is at line " + fields.get(name).line() + ")", keyLine, child.path()));
        }
        Value value = value(parser.getEvent(), child, depth + 1);
        object.set(name, value.json());
        fields.put(name, value.lines().at(keyLine)); // a field is located at its key
      }
      return new Value(object, YamlLines.map(line, fields));
    }

    /**
     * A {@code <<} merge key's value into a map being read: a map, an alias of one, or a list of
     * those, as go-yaml v2 applies it: its keys replace those already set, and the first map of a
     * list wins over later ones.
     */
    private void merge(Event event, ObjectNode object, Map<String, YamlLines> fields, Where where, int depth)
        throws Problem {
      List<Value> maps = new ArrayList<>();
      if (event instanceof SequenceStartEvent) {
        for (Event next = parser.getEvent(); !next.is(Event.ID.SequenceEnd); next = parser.getEvent()) {
          maps.add(mergeSource(next, where, depth + 1));
        }
      } else {
        maps.add(mergeSource(event, where, depth));
      }
      for (int i = maps.size() - 1; i >= 0; i--) {
        object.setAll((ObjectNode) maps.get(i).json());
        fields.putAll(maps.get(i).lines().fields());
      }
    }

    private Value mergeSource(Event event, Where where, int depth) throws Problem {
      if (event instanceof AliasEvent || event instanceof MappingStartEvent) {
        Value value = value(event, where, depth);
        if (value.json() instanceof ObjectNode) {
          return value;
        }
      }
      throw new Problem("YAML syntax error: a merge key (<<) takes a map, an alias of a map or a list of those",
          line(event), where.path());
    }

    /** The anchor an alias names, counting its values as go-yaml does and refusing excessive aliasing. */
    private Anchor resolve(AliasEvent alias, Where where) throws Problem {
      Anchor anchor = anchors.get(alias.getAnchor());
      if (anchor == null) {
        throw new Problem("YAML syntax error: undefined alias *" + alias.getAnchor() + " (no &" + alias.getAnchor()
            + " anchor before it in this document)", line(alias), where.path());
      }
      if (anchor.value == null) {
        throw new Problem("YAML syntax error: alias *" + alias.getAnchor() + " stands inside the value it names",
            line(alias), where.path());
      }
      decoded += 1 + anchor.size;
      aliased += anchor.size;
      if (aliased > 100 && decoded > 1000 && (double) aliased / decoded > allowedAliasRatio(decoded)) {
        throw new Problem("YAML syntax error: the aliases in this document expand to " + decoded + " values, "
            + aliased + " of them from aliases; Kubernetes' YAML decoder (go-yaml) rejects that as "
            + "\"document contains excessive aliasing\"", line(alias), where.path());
      }
      return anchor;
    }

    /** go-yaml v2's limit: 99% of the values may come from aliases up to 400,000 values, 10% from 4,000,000. */
    private static double allowedAliasRatio(long decodeCount) {
      if (decodeCount <= 400_000) {
        return 0.99;
      }
      if (decodeCount >= 4_000_000) {
        return 0.10;
      }
      return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000.0);
    }

    private JsonNode scalar(ScalarEvent scalar, Where where) throws Problem {
      String tag = scalar.getTag();
      if ("!".equals(tag)) {
        return NODES.textNode(scalar.getValue()); // the non-specific tag: a string
      }
      try {
        return YamlScalars.value(scalar.getValue(), tag, tag == null && scalar.isPlain());
      } catch (YamlScalars.Unrepresentable e) {
        throw new Problem("YAML syntax error: " + e.getMessage(), line(scalar), where.path());
      }
    }

    /** A plain, untagged {@code <<} key, or one tagged {@code !!merge}. */
    private static boolean isMerge(Event event) {
      return event instanceof ScalarEvent scalar && scalar.getValue().equals("<<")
          && (scalar.getTag() == null ? scalar.isPlain() : scalar.getTag().equals(YamlScalars.MERGE));
    }
  }
}
