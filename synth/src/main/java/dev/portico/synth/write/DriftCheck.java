package dev.portico.synth.write;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares what would be written with what is in the output folder, in memory, writing nothing:
 * a unified diff per file that a run would create, change or remove (pruning included, within the
 * run's {@link OutputScope}), and a line for each staging folder or lock file a killed run left
 * behind, which the next run removes. A folder another run is writing is waited for, as a run
 * would; what a run would refuse (a link inside the folder, a corrupt file list) is refused here
 * too.
 */
public final class DriftCheck {
  private DriftCheck() {}

  /** {@link #diff(Path, List, OutputScope)} for a partial run that prunes within {@code scopes}. */
  public static List<String> diff(Path outDir, List<OutputFile> files, List<String> scopes) throws IOException {
    return diff(outDir, files, OutputScope.within(scopes));
  }

  /**
   * The differences: files to create or change in path order, then files to remove, then what a
   * killed run left; empty when up to date.
   *
   * @throws dev.portico.synth.UsageException when {@code outDir} is empty, a file, or below a file
   * @throws OutputException when a run would refuse the folder
   */
  public static List<String> diff(Path outDir, List<OutputFile> files, OutputScope scope) throws IOException {
    OutputWriter.checkOutputFolder(outDir);
    List<String> diffs = new ArrayList<>();
    if (!Files.exists(outDir)) {
      for (OutputFile file : files) {
        diffs.add(unified(file.path(), null, file.content()));
      }
      return diffs;
    }
    Path dir = outDir.toRealPath();
    try (OutputLock shared = OutputLock.share(dir, OutputLock.WAIT)) {
      Plan plan = Plan.of(dir, files, scope);
      for (OutputFile file : plan.changed) {
        Path target = dir.resolve(file.path());
        BasicFileAttributes attributes = Plan.attributes(target);
        String current = attributes != null && attributes.isRegularFile()
            ? Files.readString(target, StandardCharsets.UTF_8) : null;
        if (attributes != null && attributes.isSymbolicLink()) {
          diffs.add("Symbolic link " + file.path() + " would be replaced by a file\n");
        }
        diffs.add(unified(file.path(), current, file.content()));
      }
      for (String path : plan.stale) {
        Path target = dir.resolve(path);
        BasicFileAttributes attributes = Plan.attributes(target);
        diffs.add(attributes.isRegularFile() ? unified(path, Files.readString(target, StandardCharsets.UTF_8), null)
            : "Only in " + outDir + ": " + path + " (a link Portico wrote as a file; it would be removed)\n");
      }
      for (Path folder : StagingFolders.leftOver(dir)) {
        diffs.add("Only in " + outDir + ": " + folder.getFileName() + "/ (staging left by a portico synth run that was"
            + " killed; the next run removes it)\n");
      }
      if (shared != null && shared.leftOver()) {
        diffs.add("Only in " + outDir + ": " + OutputLock.FILE_NAME + " (lock file left by a portico synth run that was"
            + " killed; the next run removes it)\n");
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
