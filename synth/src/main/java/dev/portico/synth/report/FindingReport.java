package dev.portico.synth.report;

import dev.portico.synth.validate.Finding;
import java.io.PrintWriter;
import java.util.List;

/**
 * Findings printed in a {@link FindingFormat}: the one place the CLI and the Maven goals turn
 * findings into text, so both print the same bytes.
 */
public final class FindingReport {
  private FindingReport() {}

  /**
   * The report: for text and GitHub one line a finding, for JSON and SARIF one document (printed
   * even when there is no finding, so a file to upload always exists); each line ends with '\n'.
   *
   * @param paths resolves finding files for SARIF and GitHub, whose viewers need paths from the working folder
   */
  public static String render(FindingFormat format, List<Finding> findings, SourcePaths paths) {
    return switch (format) {
      case TEXT -> text(findings);
      case JSON -> JsonFindings.render(findings);
      case SARIF -> SarifLog.render(findings, paths);
      case GITHUB -> GithubCommands.render(findings, paths);
    };
  }

  /**
   * Prints {@link #render} to {@code out} a line per write and flushes, so that when standard
   * output and standard error share one log every line arrives whole and before anything the
   * caller prints to standard error afterwards (the summary).
   */
  public static void print(FindingFormat format, List<Finding> findings, SourcePaths paths, PrintWriter out) {
    String report = render(format, findings, paths);
    int start = 0;
    while (start < report.length()) {
      int end = report.indexOf('\n', start);
      end = end < 0 ? report.length() : end + 1;
      out.write(report, start, end - start);
      start = end;
    }
    out.flush();
  }

  private static String text(List<Finding> findings) {
    StringBuilder out = new StringBuilder();
    for (Finding finding : findings) {
      out.append(finding.format()).append('\n');
    }
    return out.toString();
  }

  /** {@code KIND/NAME: FIELD.PATH: MESSAGE}, plus the environments: the text line without its location, severity and rule. */
  static String message(Finding finding) {
    return finding.object() + ": " + (finding.path().isEmpty() ? "" : finding.path() + ": ") + finding.message()
        + (finding.environments().isEmpty() ? "" : " (in " + String.join(", ", finding.environments()) + ")");
  }
}
