package dev.portico.synth.report;

import dev.portico.synth.validate.Finding;
import java.util.List;

/**
 * GitHub Actions workflow commands, one a finding: {@code ::error file=F,line=L,title=RULE-ID::MESSAGE}
 * ({@code ::warning} for warnings), escaped as the Actions toolkit escapes them: {@code %}, CR and LF
 * in the message; those and {@code :} and {@code ,} in property values.
 */
final class GithubCommands {
  private GithubCommands() {}

  static String render(List<Finding> findings, SourcePaths paths) {
    StringBuilder out = new StringBuilder();
    for (Finding finding : findings) {
      out.append("::").append(finding.isError() ? "error" : "warning")
          .append(" file=").append(escapeProperty(paths.resolve(finding.location().file())));
      if (finding.location().line() > 0) {
        out.append(",line=").append(finding.location().line());
      }
      out.append(",title=").append(escapeProperty(finding.rule()))
          .append("::").append(escapeData(FindingReport.message(finding))).append('\n');
    }
    return out.toString();
  }

  /** The message after {@code ::}. */
  static String escapeData(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** A property value ({@code file=...}). */
  static String escapeProperty(String text) {
    return escapeData(text).replace(":", "%3A").replace(",", "%2C");
  }
}
