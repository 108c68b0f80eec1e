package dev.portico.synth.read;

import java.util.ArrayList;
import java.util.List;

/**
 * The templates a {@code helm template} stream came from: before each document Helm writes
 * {@code # Source: CHART/templates/FILE.yaml}, so the lines from one such comment to the next are
 * that template's output.
 */
final class HelmSources {
  static final String MARK = "# Source: ";

  /**
   * One template's part of a stream.
   *
   * @param line the line of its {@code # Source:} comment
   * @param template what the comment names
   */
  record Part(int line, String template) {}

  private HelmSources() {}

  /** The {@code # Source:} comments of {@code text}, in order; none for YAML that is not Helm's output. */
  static List<Part> parts(String text) {
    List<Part> parts = new ArrayList<>();
    int line = 1;
    int counted = 0;
    for (int at = text.indexOf(MARK); at >= 0; at = text.indexOf(MARK, at + MARK.length())) {
      if (at > 0 && text.charAt(at - 1) != '\n') {
        continue;
      }
      for (int i = counted; i < at; i++) {
        if (text.charAt(i) == '\n') {
          line++;
        }
      }
      counted = at;
      int end = text.indexOf('\n', at);
      String template = text.substring(at + MARK.length(), end < 0 ? text.length() : end).strip();
      if (!template.isEmpty()) {
        parts.add(new Part(line, template));
      }
    }
    return parts;
  }
}
