package dev.portico.dsl;

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

  /** An integer parameter. */
  public static Parameter<Integer> integer(String name, int defaultValue, String description) {
    return new Parameter<>(name, "integer", defaultValue, description, raw -> {
      try {
        return Integer.parseInt(raw.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("\"" + raw + "\" is not an integer");
      }
    });
  }

  /** A boolean parameter: {@code true} or {@code false}. */
  public static Parameter<Boolean> bool(String name, boolean defaultValue, String description) {
    return new Parameter<>(name, "boolean", defaultValue, description, raw -> {
      String value = raw.trim().toLowerCase(Locale.ROOT);
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

  /** {@code integer}, {@code boolean} or {@code string}. */
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
