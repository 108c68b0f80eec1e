package dev.portico.dsl;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A typed value a stack reads with {@link Stack#parameter(Parameter)}: its default, or what the
 * user passed as {@code --set name=value}. Declare parameters in {@link StackDefinition#parameters()}.
 *
 * @param <T> the value's type
 */
public final class Parameter<T> {
  private final String name;
  private final String typeName;
  private final T defaultValue;
  private final String description;
  private final Function<String, T> parser;

  private Parameter(String name, String typeName, T defaultValue, String description, Function<String, T> parser) {
    this.name = Objects.requireNonNull(name, "name");
    this.typeName = typeName;
    this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
    this.description = Objects.requireNonNull(description, "description");
    this.parser = parser;
  }

  /** An integer parameter that takes any {@code int}; prefer {@link #integer(String, int, int, int, String)}. */
  public static Parameter<Integer> integer(String name, int defaultValue, String description) {
    return integer(name, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE, description);
  }

  /**
   * An integer parameter between {@code min} and {@code max} inclusive: {@code --set} takes ASCII
   * digits with an optional leading {@code -}, nothing else (no spaces, no other digits), and a
   * value outside the bounds is refused.
   *
   * @throws IllegalArgumentException when {@code min > max} or the default is outside the bounds
   */
  public static Parameter<Integer> integer(String name, int defaultValue, int min, int max, String description) {
    if (min > max || defaultValue < min || defaultValue > max) {
      throw new IllegalArgumentException("parameter " + name + ": the default " + defaultValue + " must be within "
          + min + ".." + max);
    }
    String bounds = min == Integer.MIN_VALUE && max == Integer.MAX_VALUE ? "" : " " + min + ".." + max;
    return new Parameter<>(name, "integer" + bounds, defaultValue, description, raw -> {
      if (!raw.matches("-?[0-9]+")) {
        throw new IllegalArgumentException("\"" + raw + "\" is not an integer (ASCII digits, optionally after '-',"
            + " nothing else)");
      }
      BigInteger value = new BigInteger(raw);
      if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
        throw new IllegalArgumentException(raw + " is out of range: " + name + " takes " + min + " to " + max);
      }
      return value.intValue();
    });
  }

  /** A boolean parameter: {@code true} or {@code false}. */
  public static Parameter<Boolean> bool(String name, boolean defaultValue, String description) {
    return new Parameter<>(name, "boolean", defaultValue, description, raw -> {
      String value = raw.toLowerCase(Locale.ROOT);
      if (value.equals("true") || value.equals("false")) {
        return Boolean.valueOf(value);
      }
      throw new IllegalArgumentException("\"" + raw + "\" is not a boolean (true or false)");
    });
  }

  /** A string parameter. */
  public static Parameter<String> string(String name, String defaultValue, String description) {
    return new Parameter<>(name, "string", defaultValue, description, raw -> raw);
  }

  public String name() {
    return name;
  }

  /** {@code integer} (with its bounds, e.g. {@code integer 0..50000}), {@code boolean} or {@code string}. */
  public String typeName() {
    return typeName;
  }

  public T defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /**
   * Reads a value given on the command line.
   *
   * @throws IllegalArgumentException with a message naming the bad value and the expected type
   */
  public T parse(String raw) {
    return parser.apply(Objects.requireNonNull(raw, "raw"));
  }

  @Override
  public String toString() {
    return name + " (" + typeName + ", default " + defaultValue + ")";
  }
}
