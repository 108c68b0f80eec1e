package dev.portico.synth.read;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ImplicitTuple;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.events.StreamStartEvent;
import org.yaml.snakeyaml.parser.Parser;

/**
 * SnakeYAML's parser events for the block-style YAML that tools write and most people write
 * (kubectl, Helm, kustomize, Portico itself), made without SnakeYAML's scanner, which costs more
 * than the rest of reading a manifest. {@link #of} reads:
 *
 * <ul>
 *   <li>block mappings ({@code key: value}) and block sequences ({@code - item}, also unindented
 *       under a key and compact: {@code - name: http}), nested by indentation with spaces;
 *   <li>plain scalars on one line, single- and double-quoted scalars on one line (the common
 *       escapes), plain or quoted keys, empty values, {@code []} and {@code {}};
 *   <li>comments, blank lines, {@code ---} between documents, {@code \r\n} line ends.
 * </ul>
 *
 * <p>Anything else (anchors, aliases, tags, block and multi-line scalars, flow collections with
 * items, complex keys, directives, tabs, {@code ...}) and anything malformed is declined:
 * {@link #of} returns null and the text is parsed by SnakeYAML, which also reports the syntax
 * errors. For what it reads, the events are SnakeYAML's own (kind, value, style, line), which
 * {@code BlockYamlEventsPropertyTest} checks against SnakeYAML on generated and mutated texts.
 */
final class BlockYamlEvents implements Parser {
  /** More than this many characters in an implicit key: SnakeYAML's limit ({@code could not find expected ':'}). */
  private static final int MAX_KEY = 1024;
  private static final int[] NO_BUFFER = {};
  private static final ImplicitTuple PLAIN = new ImplicitTuple(true, false);
  private static final ImplicitTuple QUOTED = new ImplicitTuple(false, true);

  private final List<Event> events;
  private int next;

  private BlockYamlEvents(List<Event> events) {
    this.events = events;
  }

  /** The events of {@code text}, or null when it is not in the block-style subset this class reads. */
  static Parser of(String name, String text) {
    try {
      return new BlockYamlEvents(new Reading(name, text).stream());
    } catch (Declined declined) {
      return null;
    }
  }

  @Override
  public boolean checkEvent(Event.ID choice) {
    return next < events.size() && events.get(next).is(choice);
  }

  @Override
  public Event peekEvent() {
    return next < events.size() ? events.get(next) : null;
  }

  @Override
  public Event getEvent() {
    return next < events.size() ? events.get(next++) : null;
  }

  /** What this reader leaves to SnakeYAML; thrown without a stack trace. */
  private static final class Declined extends Exception {
    private static final long serialVersionUID = 1L;
    static final Declined INSTANCE = new Declined();

    private Declined() {
      super(null, null, false, false);
    }
  }

  /** One pass over a text. */
  private static final class Reading {
    private final String name;
    private final String text;
    private final List<Event> out = new ArrayList<>();
    /** Each line's first character, its end (before {@code \r\n} or {@code \n}) and its indentation. */
    private final int[] starts;
    private final int[] ends;
    private final int[] indents;
    private final int lineCount;
    private final Mark[] marks;
    /** Collections open; deeper than {@link YamlDocuments#MAX_DEPTH} is SnakeYAML's to read and report. */
    private int depth;

    Reading(String name, String text) throws Declined {
      this.name = name;
      this.text = text;
      int count = 1;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n') {
          count++;
        } else if (c == '\t' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')
            || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
          throw Declined.INSTANCE; // tabs, other line breaks and byte-order marks: SnakeYAML's rules
        }
      }
      starts = new int[count];
      ends = new int[count];
      indents = new int[count];
      int line = 0;
      int start = 0;
      for (int i = 0; i <= text.length(); i++) {
        if (i == text.length() || text.charAt(i) == '\n') {
          int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
          int indent = start;
          while (indent < end && text.charAt(indent) == ' ') {
            indent++;
          }
          starts[line] = start;
          ends[line] = end;
          indents[line] = indent - start;
          line++;
          start = i + 1;
        }
      }
      lineCount = count;
      marks = new Mark[count];
    }

    List<Event> stream() throws Declined {
      Mark mark = mark(0);
      out.add(new StreamStartEvent(mark, mark));
      int line = nextContent(0);
      while (line < lineCount) {
        boolean explicit = isMarker(line, '-');
        if (isMarker(line, '.') || at(line, 0) == '%') {
          throw Declined.INSTANCE; // document end markers and directives
        }
        Mark start = mark(line);
        if (explicit) {
          int after = starts[line] + 3;
          if (!blankOrComment(after, ends[line])) {
            throw Declined.INSTANCE; // content after "---"
          }
          line = nextContent(line + 1);
        }
        out.add(new DocumentStartEvent(start, start, explicit, null, null));
        if (!inDocument(line)) {
          out.add(empty(endMark(line))); // an empty document: marked at the next token, as SnakeYAML does
        } else {
          line = block(line, indents[line], -1);
          if (inDocument(line)) {
            throw Declined.INSTANCE; // more after the root node
          }
        }
        Mark end = mark(Math.min(line, lineCount - 1));
        out.add(new DocumentEndEvent(end, end, false));
      }
      Mark end = mark(lineCount - 1);
      out.add(new StreamEndEvent(end, end));
      return out;
    }

    // ---- lines ----------------------------------------------------------------------------------

    /** Where a collection ending before {@code next} ends: at the next token, as SnakeYAML marks it. */
    private Mark endMark(int next) {
      return mark(Math.min(next, lineCount - 1));
    }

    /** One mark a line, made when first needed: the events of a line share it. */
    private Mark mark(int line) {
      Mark mark = marks[line];
      if (mark == null) {
        mark = new Mark(name, 0, line, 0, NO_BUFFER, 0);
        marks[line] = mark;
      }
      return mark;
    }

    /** The character at {@code column} of {@code line}, or 0 past its end. */
    private char at(int line, int column) {
      int i = starts[line] + column;
      return i < ends[line] ? text.charAt(i) : 0;
    }

    /** {@code ---} or {@code ...} at the start of a line, alone or followed by a space. */
    private boolean isMarker(int line, char c) {
      int s = starts[line];
      return ends[line] - s >= 3 && text.charAt(s) == c && text.charAt(s + 1) == c && text.charAt(s + 2) == c
          && (ends[line] - s == 3 || text.charAt(s + 3) == ' ');
    }

    /** Only spaces from {@code from} to {@code end}, or spaces and then a comment. */
    private boolean blankOrComment(int from, int end) {
      int i = from;
      while (i < end && text.charAt(i) == ' ') {
        i++;
      }
      return i == end || text.charAt(i) == '#' && (i > from || from == 0 || text.charAt(from - 1) == ' ');
    }

    /** The first line at or after {@code line} with content other than spaces and a comment; lineCount if none. */
    private int nextContent(int line) {
      int l = line;
      while (l < lineCount && blankLine(l)) {
        l++;
      }
      return l;
    }

    private boolean blankLine(int line) {
      int i = starts[line] + indents[line];
      return i == ends[line] || text.charAt(i) == '#';
    }

    // ---- nodes ----------------------------------------------------------------------------------

    /**
     * The block node whose first line is {@code line}, starting at {@code column} (its indentation:
     * a compact node inside a sequence entry starts after the "- ").
     *
     * @param parent the indentation of the collection holding it (-1 for the root)
     * @return the first content line after it
     */
    private int block(int line, int column, int parent) throws Declined {
      if (column <= parent) {
        throw Declined.INSTANCE;
      }
      if (isEntry(line, column)) {
        return sequence(line, column);
      }
      if (keyEnd(line, column) >= 0) {
        return mapping(line, column);
      }
      throw Declined.INSTANCE; // a scalar on a line of its own, a flow collection, ...
    }

    /** A sequence entry at {@code column} of {@code line}: "-" followed by a space or the line's end. */
    private boolean isEntry(int line, int column) {
      return at(line, column) == '-' && isSpaceOrEnd(line, column + 1);
    }

    /** One collection deeper; deeper than {@link YamlDocuments#MAX_DEPTH} is declined. */
    private void enter() throws Declined {
      if (++depth > YamlDocuments.MAX_DEPTH) {
        throw Declined.INSTANCE;
      }
    }

    /**
     * Whether content line {@code next}, after an item or value of a collection at {@code indent},
     * holds the collection's next one: false when it belongs to an enclosing node or another
     * document; declined when it is indented deeper (a continuation line or a mistake).
     */
    private boolean continues(int next, int indent) throws Declined {
      if (!inDocument(next) || indents[next] < indent) {
        return false;
      }
      if (indents[next] > indent) {
        throw Declined.INSTANCE;
      }
      return true;
    }

    /** Whether content line {@code line} (from {@link #nextContent}) belongs to the current document. */
    private boolean inDocument(int line) {
      return line < lineCount && !isMarker(line, '-');
    }

    /** The first column at or after {@code column} of {@code line} that is not a space. */
    private int skipSpaces(int line, int column) {
      int c = column;
      while (at(line, c) == ' ') {
        c++;
      }
      return c;
    }

    private boolean isSpaceOrEnd(int line, int column) {
      char c = at(line, column);
      return c == ' ' || c == 0;
    }

    /** A block sequence whose entries ("- ") stand at {@code indent}, the first on {@code line}. */
    private int sequence(int line, int indent) throws Declined {
      enter();
      Mark start = mark(line);
      out.add(new SequenceStartEvent(null, null, true, start, start, DumperOptions.FlowStyle.BLOCK));
      int l = line;
      int next;
      while (true) {
        int content = skipSpaces(l, indent + 1);
        if (starts[l] + content == ends[l] || at(l, content) == '#' && content > indent + 1) {
          next = value(l, indent, false); // "-" alone: the item is on the next lines, or empty
        } else if (isEntry(l, content)) {
          next = sequence(l, content); // "- - a": a sequence in a sequence
        } else if (keyEnd(l, content) >= 0) {
          next = mapping(l, content); // "- name: http": a map in a sequence
        } else {
          inline(l, content);
          next = afterInline(l, indent);
        }
        if (!continues(next, indent) || !isEntry(next, indent)) {
          break; // also the key after an unindented sequence, or a mistake the caller declines
        }
        l = next;
      }
      Mark end = endMark(next);
      out.add(new SequenceEndEvent(end, end));
      depth--;
      return next;
    }

    /** A block mapping whose keys stand at {@code indent}, the first on {@code line}. */
    private int mapping(int line, int indent) throws Declined {
      enter();
      Mark start = mark(line);
      out.add(new MappingStartEvent(null, null, true, start, start, DumperOptions.FlowStyle.BLOCK));
      int l = line;
      int next;
      while (true) {
        int colon = keyEnd(l, indent);
        if (colon < 0) {
          throw Declined.INSTANCE; // not a key where one belongs
        }
        key(l, indent, colon);
        int content = skipSpaces(l, colon + 1);
        if (starts[l] + content == ends[l] || at(l, content) == '#') {
          next = value(l, indent, true);
        } else {
          inline(l, content);
          next = afterInline(l, indent);
        }
        if (!continues(next, indent)) {
          break;
        }
        if (isEntry(next, indent)) {
          throw Declined.INSTANCE; // an entry after a mapping value
        }
        l = next;
      }
      Mark end = endMark(next);
      out.add(new MappingEndEvent(end, end));
      depth--;
      return next;
    }

    /**
     * The value after a key or "-" with nothing after it on {@code line}: the block node on the next
     * content line when it is indented deeper than {@code indent} (or, under a key, an unindented
     * sequence at {@code indent}), else an empty scalar.
     */
    private int value(int line, int indent, boolean underKey) throws Declined {
      int next = nextContent(line + 1);
      if (inDocument(next)) {
        int nextIndent = indents[next];
        if (nextIndent > indent || underKey && nextIndent == indent && isEntry(next, indent)) {
          return nextIndent > indent ? block(next, nextIndent, indent) : sequence(next, indent);
        }
      }
      out.add(empty(mark(line)));
      return next;
    }

    /** After a scalar on {@code line}: the next content line, which may not be indented deeper than {@code indent}. */
    private int afterInline(int line, int indent) throws Declined {
      int next = nextContent(line + 1);
      if (inDocument(next) && indents[next] > indent) {
        throw Declined.INSTANCE; // a multi-line scalar, or a mistake
      }
      return next;
    }

    // ---- keys and scalars -----------------------------------------------------------------------

    /**
     * Where the ':' of a key at {@code column} of {@code line} stands (as a column), or -1 when the
     * line has no key there that this class reads.
     */
    private int keyEnd(int line, int column) {
      int s = starts[line];
      int end = ends[line];
      int i = s + column;
      if (i >= end) {
        return -1;
      }
      char first = text.charAt(i);
      if (first == '"' || first == '\'') {
        int close = quotedEnd(i, end, first);
        return close >= 0 && close + 1 < end && text.charAt(close + 1) == ':'
            && (close + 2 == end || text.charAt(close + 2) == ' ') ? close + 1 - s : -1;
      }
      if (isIndicator(first) || first == '-') {
        return -1;
      }
      for (int j = i + 1; j < end && j - i <= MAX_KEY; j++) {
        char c = text.charAt(j);
        if (c == ':' && (j + 1 == end || text.charAt(j + 1) == ' ')) {
          return j - s;
        }
        if (c == '#' && text.charAt(j - 1) == ' ') {
          return -1; // a comment before any ':'
        }
      }
      return -1;
    }

    /** The key at {@code column} of {@code line}, its ':' at {@code colon}. */
    private void key(int line, int column, int colon) throws Declined {
      int s = starts[line];
      char first = text.charAt(s + column);
      if (first == '"' || first == '\'') {
        out.add(quotedScalar(quoted(s + column, s + colon - 1, first), first, mark(line)));
      } else {
        int end = s + colon;
        while (text.charAt(end - 1) == ' ') {
          end--;
        }
        out.add(plain(text.substring(s + column, end), mark(line)));
      }
    }

    /** A scalar from {@code column} of {@code line} to its end or a comment: plain, quoted, {@code []}, {@code {}}. */
    private void inline(int line, int column) throws Declined {
      int s = starts[line];
      int end = ends[line];
      int i = s + column;
      char first = text.charAt(i);
      Mark mark = mark(line);
      if (first == '"' || first == '\'') {
        int close = quotedEnd(i, end, first);
        if (close < 0 || !blankOrCommentAfter(close + 1, end)) {
          throw Declined.INSTANCE;
        }
        out.add(quotedScalar(quoted(i, close, first), first, mark));
        return;
      }
      if ((first == '[' || first == '{') && i + 1 < end && text.charAt(i + 1) == (first == '[' ? ']' : '}')
          && blankOrCommentAfter(i + 2, end)) {
        if (first == '[') {
          out.add(new SequenceStartEvent(null, null, true, mark, mark, DumperOptions.FlowStyle.FLOW));
          out.add(new SequenceEndEvent(mark, mark));
        } else {
          out.add(new MappingStartEvent(null, null, true, mark, mark, DumperOptions.FlowStyle.FLOW));
          out.add(new MappingEndEvent(mark, mark));
        }
        return;
      }
      if (isIndicator(first) || first == '-' && (i + 1 == end || text.charAt(i + 1) == ' ')) {
        throw Declined.INSTANCE;
      }
      int stop = end;
      for (int j = i + 1; j < end; j++) {
        char c = text.charAt(j);
        if (c == '#' && text.charAt(j - 1) == ' ') {
          stop = j;
          break;
        }
        if (c == ':' && (j + 1 == end || text.charAt(j + 1) == ' ')) {
          throw Declined.INSTANCE; // "key: a: b" is not YAML
        }
      }
      while (text.charAt(stop - 1) == ' ') {
        stop--;
      }
      out.add(plain(text.substring(i, stop), mark));
    }

    /** Whether only spaces, or spaces and a comment, follow a closing quote at {@code from}. */
    private boolean blankOrCommentAfter(int from, int end) {
      int i = from;
      while (i < end && text.charAt(i) == ' ') {
        i++;
      }
      return i == end || i > from && text.charAt(i) == '#';
    }

    /** The index of the quote that closes the quoted scalar opening at {@code open}, or -1 on this line. */
    private int quotedEnd(int open, int end, char quote) {
      for (int j = open + 1; j < end; j++) {
        char c = text.charAt(j);
        if (quote == '\'' && c == '\'') {
          if (j + 1 < end && text.charAt(j + 1) == '\'') {
            j++;
            continue;
          }
          return j;
        }
        if (quote == '"' && c == '\\') {
          j++;
          continue;
        }
        if (quote == '"' && c == '"') {
          return j;
        }
      }
      return -1;
    }

    /** The value of the quoted scalar between the quotes at {@code open} and {@code close}. */
    private String quoted(int open, int close, char quote) throws Declined {
      if (quote == '\'') {
        String inner = text.substring(open + 1, close);
        return inner.indexOf('\'') < 0 ? inner : inner.replace("''", "'");
      }
      int backslash = text.indexOf('\\', open + 1);
      if (backslash < 0 || backslash > close) {
        return text.substring(open + 1, close);
      }
      StringBuilder value = new StringBuilder(close - open);
      for (int j = open + 1; j < close; j++) {
        char c = text.charAt(j);
        if (c != '\\') {
          value.append(c);
          continue;
        }
        char e = text.charAt(++j);
        switch (e) {
          case '0' -> value.append('\0');
          case 'a' -> value.append('\u0007');
          case 'b' -> value.append('\b');
          case 't' -> value.append('\t');
          case 'n' -> value.append('\n');
          case 'v' -> value.append('\u000B');
          case 'f' -> value.append('\f');
          case 'r' -> value.append('\r');
          case 'e' -> value.append('\u001B');
          case ' ' -> value.append(' ');
          case '"' -> value.append('"');
          case '/' -> value.append('/');
          case '\\' -> value.append('\\');
          case 'N' -> value.append('\u0085');
          case '_' -> value.append('\u00A0');
          case 'L' -> value.append('\u2028');
          case 'P' -> value.append('\u2029');
          case 'x', 'u', 'U' -> {
            int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            if (j + digits >= close) {
              throw Declined.INSTANCE;
            }
            int code = 0;
            for (int k = 1; k <= digits; k++) {
              int digit = Character.digit(text.charAt(j + k), 16);
              if (digit < 0) {
                throw Declined.INSTANCE;
              }
              code = code * 16 + digit;
            }
            if (!Character.isValidCodePoint(code) || code >= 0xD800 && code <= 0xDFFF) {
              throw Declined.INSTANCE;
            }
            value.appendCodePoint(code);
            j += digits;
          }
          default -> throw Declined.INSTANCE;
        }
      }
      return value.toString();
    }

    private static boolean isIndicator(char c) {
      return switch (c) {
        case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' -> true;
        default -> false;
      };
    }

    private static ScalarEvent plain(String value, Mark mark) {
      return new ScalarEvent(null, null, PLAIN, value, mark, mark, DumperOptions.ScalarStyle.PLAIN);
    }

    private static ScalarEvent quotedScalar(String value, char quote, Mark mark) {
      return new ScalarEvent(null, null, QUOTED, value, mark, mark,
          quote == '\'' ? DumperOptions.ScalarStyle.SINGLE_QUOTED : DumperOptions.ScalarStyle.DOUBLE_QUOTED);
    }

    private static ScalarEvent empty(Mark mark) {
      return new ScalarEvent(null, null, PLAIN, "", mark, mark, DumperOptions.ScalarStyle.PLAIN);
    }
  }
}
