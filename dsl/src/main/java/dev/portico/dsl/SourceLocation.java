package dev.portico.dsl;

import java.util.Objects;

/**
 * Where something was declared: a file name and a 1-based line ({@code 0} when unknown).
 * Prints as {@code Shop.java:42}, the form compilers and Portico's findings use.
 */
public record SourceLocation(String file, int line) {
  /**
   * Where a declaration points when its stack was defined by {@link Stack#defineWithoutSourceLines}:
   * never in a finding, as a run with findings defines the stack again with {@link Stack#define}.
   */
  public static final SourceLocation NOT_RECORDED = new SourceLocation("<not recorded>", 0);

  /** A location for something that has no source line, such as a whole file. */
  public static SourceLocation of(String file) {
    return new SourceLocation(file, 0);
  }

  public SourceLocation {
    Objects.requireNonNull(file, "file");
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
