package dev.portico.synth.validate;

import dev.portico.dsl.SourceLocation;
import java.util.Comparator;
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
 */
public record Finding(
    String rule, Severity severity, SourceLocation location, String object, String path, String message) {

  /** Orders findings by file, line, object, path and rule, so reports are stable. */
  public static final Comparator<Finding> ORDER = Comparator
      .comparing((Finding f) -> f.location().file())
      .thenComparingInt(f -> f.location().line())
      .thenComparing(Finding::object)
      .thenComparing(Finding::path)
      .thenComparing(Finding::rule)
      .thenComparing(Finding::message);

  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code FILE:LINE: error: KIND/NAME: FIELD.PATH: MESSAGE [RULE-ID]}, on one line. */
  public String format() {
    return location + ": " + severity.label() + ": " + object + ": " + (path.isEmpty() ? "" : path + ": ")
        + message + " [" + rule + "]";
  }

  @Override
  public String toString() {
    return format();
  }
}
