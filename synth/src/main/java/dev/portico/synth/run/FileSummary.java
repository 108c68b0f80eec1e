package dev.portico.synth.run;

import dev.portico.synth.read.ManifestReader;
import dev.portico.synth.validate.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code portico validate --summary}: a line per file (per Helm template of a stream) with what was
 * read from it and what was found there, then a line per ignore with what it silenced, e.g.
 *
 * <pre>
 * summary by file:
 *   base/service.yaml: 1 document, 1 object; 0 errors, 1 warning, 0 ignored; in the build of overlays/prod
 *   &lt;stdin&gt; # Source: web/templates/service.yaml (line 3): 1 document, 1 object; 1 error, 0 warnings, 0 ignored
 * ignored:
 *   --ignore validate.not-checked: 3 warnings
 * </pre>
 */
final class FileSummary {
  private FileSummary() {}

  /** The three counts of one section. */
  private static final class Tally {
    long errors;
    long warnings;
    long ignored;
  }

  static List<String> lines(List<ManifestReader.Section> sections, List<Finding> findings, List<Finding> ignored,
      List<String> ignores) {
    Map<String, List<ManifestReader.Section>> byFile = new HashMap<>();
    for (ManifestReader.Section section : sections) {
      byFile.computeIfAbsent(section.file(), f -> new ArrayList<>()).add(section);
    }
    Map<ManifestReader.Section, Tally> tallies = new HashMap<>();
    for (Finding finding : findings) {
      // a finding of no section (a folder that could not be listed) is tallied under null
      Tally tally = tallies.computeIfAbsent(section(byFile, finding), s -> new Tally());
      if (finding.isError()) {
        tally.errors++;
      } else {
        tally.warnings++;
      }
    }
    for (Finding finding : ignored) {
      tallies.computeIfAbsent(section(byFile, finding), s -> new Tally()).ignored++;
    }
    Tally unplaced = tallies.remove(null);
    List<String> lines = new ArrayList<>();
    lines.add("summary by file:");
    for (ManifestReader.Section section : sections) {
      Tally tally = tallies.getOrDefault(section, new Tally());
      StringBuilder line = new StringBuilder("  ").append(section.file());
      if (!section.template().isEmpty()) {
        line.append(" # Source: ").append(section.template()).append(" (line ").append(section.firstLine()).append(')');
      }
      line.append(": ").append(Counts.plural(section.documents(), "document"));
      if (section.objects() > 0) {
        line.append(", ").append(Counts.plural(section.objects(), "object"));
      }
      if (section.patches() > 0) {
        line.append(", ").append(Counts.plural(section.patches(), "patch", "patches"));
      }
      line.append("; ").append(counts(tally));
      section.notes().forEach(note -> line.append("; ").append(note));
      lines.add(line.toString());
    }
    if (unplaced != null) {
      lines.add("  elsewhere (inputs that could not be listed): " + counts(unplaced));
    }
    if (!ignores.isEmpty()) {
      lines.add("ignored:");
      ignores.forEach(ignore -> lines.add("  " + ignore));
    }
    return lines;
  }

  private static String counts(Tally tally) {
    return Counts.plural(tally.errors, "error") + ", " + Counts.plural(tally.warnings, "warning") + ", "
        + tally.ignored + " ignored";
  }

  /** The section a finding stands in: its file's last section starting at or before its line. */
  private static ManifestReader.Section section(Map<String, List<ManifestReader.Section>> byFile, Finding finding) {
    List<ManifestReader.Section> candidates = byFile.get(finding.location().file());
    if (candidates == null) {
      return null;
    }
    ManifestReader.Section found = candidates.get(0);
    for (ManifestReader.Section section : candidates) {
      if (section.firstLine() <= finding.location().line()) {
        found = section;
      }
    }
    return found;
  }
}
