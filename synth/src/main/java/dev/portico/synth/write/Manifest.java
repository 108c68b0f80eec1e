package dev.portico.synth.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The list of files Portico wrote into an output folder ({@value #FILE_NAME}), so that it prunes
 * only its own files: anything else a user puts there survives.
 */
final class Manifest {
  static final String FILE_NAME = ".portico-files";

  private Manifest() {}

  /** The paths Portico wrote last time; empty when there is no manifest. Unsafe entries are ignored. */
  static Set<String> read(Path outDir) throws IOException {
    Path file = outDir.resolve(FILE_NAME);
    Set<String> paths = new TreeSet<>();
    if (!Files.isRegularFile(file)) {
      return paths;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String path = line.strip();
      if (!path.isEmpty() && !path.startsWith("#") && isSafe(path)) {
        paths.add(path);
      }
    }
    return paths;
  }

  static String render(Set<String> paths) {
    StringBuilder sb = new StringBuilder("# Files written by portico synth; it removes only these. Do not edit.\n");
    for (String path : new TreeSet<>(paths)) {
      sb.append(path).append('\n');
    }
    return sb.toString();
  }

  /** Relative, '/'-separated, no '..' or '.' segments: a manifest cannot make Portico touch files outside the folder. */
  static boolean isSafe(String path) {
    if (path.startsWith("/") || path.contains("\\") || path.contains(":")) {
      return false;
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  static boolean inScope(String path, List<String> scopes) {
    for (String scope : scopes) {
      if (scope.endsWith("/") ? path.startsWith(scope) : path.equals(scope)) {
        return true;
      }
    }
    return false;
  }
}
