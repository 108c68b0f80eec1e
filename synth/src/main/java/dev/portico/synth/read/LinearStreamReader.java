package dev.portico.synth.read;

import java.io.Reader;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's {@link StreamReader} over a text already in memory. SnakeYAML's own reader copies
 * its whole look-ahead window each time it reads 1,024 more characters, and its scanner looks
 * ahead over a whole word before consuming it, so a scalar of n characters without a space costs
 * about n²/2,048 copies (a 10 MB scalar: over a minute). This reader indexes the text directly:
 * reading is linear. Positions, lines and columns are those SnakeYAML's reader reports.
 *
 * <p>The text must hold printable characters only ({@link StreamReader#isPrintable(int)}), which
 * SnakeYAML's reader checks as it reads; {@link YamlDocuments} checks it before parsing.
 */
final class LinearStreamReader extends StreamReader {
  private static final int[] NO_SNIPPET = {};

  private final String name;
  /** The text, when every code point is one char. */
  private final String text;
  /** The text's code points, when some need two chars (else null). */
  private final int[] codePoints;
  private final int length;
  private int pointer;
  private int index;
  private int documentIndex;
  private int line;
  private int column;

  LinearStreamReader(String name, String text) {
    super(Reader.nullReader());
    this.name = name;
    boolean narrow = text.codePoints().count() == text.length();
    this.text = narrow ? text : null;
    this.codePoints = narrow ? null : text.codePoints().toArray();
    this.length = narrow ? text.length() : codePoints.length;
  }

  private int at(int position) {
    return codePoints == null ? text.charAt(position) : codePoints[position];
  }

  /** A mark without a snippet of the text (Portico reports the line; a snippet would cost a copy per token). */
  @Override
  public Mark getMark() {
    return new Mark(name, index, line, column, NO_SNIPPET, 0);
  }

  @Override
  public void forward() {
    forward(1);
  }

  @Override
  public void forward(int count) {
    for (int i = 0; i < count && pointer < length; i++) {
      int ch = at(pointer++);
      index++;
      documentIndex++;
      if (Constant.LINEBR.has(ch) || (ch == '\r' && pointer < length && at(pointer) != '\n')) {
        line++;
        column = 0;
      } else if (ch != '\uFEFF') {
        column++;
      }
    }
  }

  @Override
  public int peek() {
    return peek(0);
  }

  @Override
  public int peek(int offset) {
    int position = pointer + offset;
    return position < length ? at(position) : 0;
  }

  @Override
  public String prefix(int count) {
    int end = Math.min(length, pointer + count);
    if (end <= pointer) {
      return "";
    }
    return codePoints == null ? text.substring(pointer, end) : new String(codePoints, pointer, end - pointer);
  }

  @Override
  public String prefixForward(int count) {
    String prefix = prefix(count);
    pointer += count;
    index += count;
    documentIndex += count;
    column += count; // a prefix never holds a line break
    return prefix;
  }

  @Override
  public int getColumn() {
    return column;
  }

  @Override
  public int getDocumentIndex() {
    return documentIndex;
  }

  @Override
  public void resetDocumentIndex() {
    documentIndex = 0;
  }

  @Override
  public int getIndex() {
    return index;
  }

  @Override
  public int getLine() {
    return line;
  }
}
