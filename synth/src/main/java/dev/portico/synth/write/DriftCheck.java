package dev.portico.synth.write;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares what would be written with what is in the output folder, in memory, writing nothing:
 * a unified diff per file that would be created, changed or removed.
 */
public final class DriftCheck {
  private DriftCheck() {}

  /** The unified diffs: files to create or change in path order, then files to remove; empty when up to date. */
  public static List<String> diff(Path outDir, List<OutputFile> files, List<String> scopes) throws IOException {
    List<String> diffs = new ArrayList<>();
    Set<String> produced = new TreeSet<>();
    for (OutputFile file : files) {
      produced.add(file.path());
      Path target = outDir.resolve(file.path());
      if (OutputWriter.isUpToDate(target, file.content())) {
        continue;
      }
      String current = Files.isRegularFile(target) ? Files.readString(target, StandardCharsets.UTF_8) : null;
      diffs.add(unified(file.path(), current, file.content()));
    }
    for (String path : Manifest.read(outDir)) {
      if (Manifest.inScope(path, scopes) && !produced.contains(path) && Files.isRegularFile(outDir.resolve(path))) {
        diffs.add(unified(path, Files.readString(outDir.resolve(path), StandardCharsets.UTF_8), null));
      }
    }
    return diffs;
  }

  /** A unified diff from {@code before} to {@code after}; null stands for a missing file. */
  public static String unified(String path, String before, String after) {
    List<String> original = lines(before);
    List<String> revised = lines(after);
    Patch<String> patch = DiffUtils.diff(original, revised);
    List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(
        before == null ? "/dev/null" : "a/" + path, after == null ? "/dev/null" : "b/" + path,
        original, patch, 3);
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      sb.append(line).append('\n');
    }
    return sb.toString();
  }

  private static List<String> lines(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<String> lines = List.of(text.split("\n", -1));
    // a final '\n' ends the last line rather than starting an empty one
    return text.endsWith("\n") ? lines.subList(0, lines.size() - 1) : lines;
  }
}
