package dev.portico.synth.validate;

import dev.portico.dsl.SourceLocation;

/** Maps a field path of an object to the user's line that produced it. */
@FunctionalInterface
public interface Locator {

  /** The location of {@code path} (e.g. {@code spec.ports[1].name}), or of its closest ancestor that has one. */
  SourceLocation locate(String path);

  /**
   * True when the value at {@code path} (or above it) could not be read as written: a schema finding
   * reported it and the reader dropped or coerced it, so that the rest of the object is checked. A
   * finding there would repeat the schema finding, and is not reported.
   */
  default boolean isRepaired(String path) {
    return false;
  }

  /** The parent of a field path: {@code spec.ports[1].name} to {@code spec.ports[1]} to {@code spec.ports} to {@code spec} to {@code ""}. */
  static String parent(String path) {
    if (path.endsWith("]")) {
      return path.substring(0, path.lastIndexOf('['));
    }
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    if (bracket > dot) {
      // a map key such as metadata.labels[app.kubernetes.io/name] ends in ']' and is handled above
      return path.substring(0, bracket);
    }
    return dot < 0 ? "" : path.substring(0, dot);
  }
}
