package dev.portico.synth.validate;

import dev.portico.dsl.SourceLocation;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One problem found in a stack or a manifest.
 *
 * @param rule the rule's stable id, e.g. {@code service.port-name}
 * @param severity error or warning
 * @param location the user's line: {@code Shop.java:42} for a stack, {@code web.yaml:7} for YAML
 * @param object the object, e.g. {@code Service/shop/web}
 * @param path the field path, e.g. {@code spec.ports[1].name}
 * @param message what is wrong, with the bad value and what would be accepted
 * @param environments the stack environments it was raised in, when a run synthesized several;
 *     empty otherwise (and for {@code portico validate})
 */
public record Finding(
    String rule, Severity severity, SourceLocation location, String object, String path, String message,
    List<String> environments) {

  /** Orders findings by file, line, object, path and rule, so reports are stable. */
  public static final Comparator<Finding> ORDER = Comparator
      .comparing((Finding f) -> f.location().file())
      .thenComparingInt(f -> f.location().line())
      .thenComparing(Finding::object)
      .thenComparing(Finding::path)
      .thenComparing(Finding::rule)
      .thenComparing(Finding::message)
      .thenComparing(f -> String.join(",", f.environments()));

  /** A finding not tied to environments. */
  public Finding(String rule, Severity severity, SourceLocation location, String object, String path, String message) {
    this(rule, severity, location, object, path, message, List.of());
  }

  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    environments = List.copyOf(environments);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** This finding raised in {@code environments}. */
  public Finding inEnvironments(List<String> environments) {
    return new Finding(rule, severity, location, object, path, message, environments);
  }

  /**
   * {@code FILE:LINE: error: KIND/NAME: FIELD.PATH: MESSAGE [RULE-ID]}, on one line, followed by
   * {@code (in staging, prod)} when it names environments.
   */
  public String format() {
    return location + ": " + severity.label() + ": " + object + ": " + (path.isEmpty() ? "" : path + ": ")
        + message + " [" + rule + "]" + (environments.isEmpty() ? "" : " (in " + String.join(", ", environments) + ")");
  }

  @Override
  public String toString() {
    return format();
  }
}
