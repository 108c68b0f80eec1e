package dev.portico.synth.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns the file of a finding into a path relative to the working folder, which SARIF viewers and
 * GitHub annotations need: YAML files as given to {@code validate}, and stack sources, which
 * findings name by file name only ({@code Shop.java}), looked up under the source roots.
 */
public final class SourcePaths {
  private final Path workingDir;
  private final List<Path> roots;
  private final List<String> packageDirs;
  /** Java files under the roots by file name; read on first use only. */
  private Map<String, List<Path>> byName;

  private SourcePaths(Path workingDir, List<Path> roots, List<String> packages) {
    this.workingDir = workingDir.toAbsolutePath().normalize();
    this.roots = roots.stream().map(root -> this.workingDir.resolve(root).normalize()).filter(Files::isDirectory)
        .toList();
    this.packageDirs = packages.stream().map(name -> name.replace('.', '/')).distinct().toList();
  }

  /**
   * Paths relative to {@code workingDir}.
   *
   * @param sourceRoots where stack sources live (e.g. {@code src/main/java}); missing ones are ignored
   * @param packages the stacks' packages, looked in first when several files share a name
   */
  public static SourcePaths of(Path workingDir, List<Path> sourceRoots, List<String> packages) {
    return new SourcePaths(workingDir, sourceRoots, packages);
  }

  /** Paths relative to the current folder, with no source roots. */
  public static SourcePaths workingDirectory() {
    return of(Path.of(""), List.of(), List.of());
  }

  /**
   * {@code file} as a '/'-separated path relative to the working folder when it can be found
   * there; an absolute path when it exists outside it; otherwise {@code file} unchanged.
   */
  public String resolve(String file) {
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      return file;
    }
    Path absolute = workingDir.resolve(path).normalize();
    if (Files.isRegularFile(absolute)) {
      return relative(absolute);
    }
    if (path.getNameCount() == 1 && !path.isAbsolute()) {
      Path source = findSource(file);
      if (source != null) {
        return relative(source);
      }
    }
    return file;
  }

  private String relative(Path absolute) {
    Path shown = absolute.startsWith(workingDir) ? workingDir.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }

  /** {@code Shop.java} in a stack's package under a root, or the only file of that name under the roots. */
  private Path findSource(String name) {
    for (Path root : roots) {
      for (String dir : packageDirs) {
        Path candidate = root.resolve(dir).resolve(name);
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    }
    List<Path> found = index().getOrDefault(name, List.of());
    return found.size() == 1 ? found.get(0) : null;
  }

  private Map<String, List<Path>> index() {
    if (byName == null) {
      byName = new TreeMap<>();
      for (Path root : roots) {
        try (Stream<Path> walk = Files.walk(root)) {
          walk.filter(p -> p.getFileName().toString().endsWith(".java") && Files.isRegularFile(p)).sorted()
              .forEach(p -> byName.computeIfAbsent(p.getFileName().toString(), n -> new ArrayList<>()).add(p));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return byName;
  }
}
