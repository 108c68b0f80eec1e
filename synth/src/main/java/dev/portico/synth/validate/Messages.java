package dev.portico.synth.validate;

import dev.portico.dsl.format.DeclarationRules;
import java.util.Collection;
import java.util.stream.Collectors;

/** Wording shared by rules and readers: quoting values the way findings show them. */
public final class Messages {
  private Messages() {}

  /** A value as a finding shows it: strings in double quotes with escapes, numbers bare. */
  public static String quote(Object value) {
    return DeclarationRules.quote(value);
  }

  /** {@code "; try \"x\""} when a usable suggestion differs from the value, else "". */
  public static String tryInstead(Object value, String suggestion) {
    return DeclarationRules.tryInstead(value, suggestion);
  }

  /** A list as a finding shows it: {@code ["a", "b"]}. */
  public static String list(Collection<String> values) {
    return values.stream().map(Messages::quote).collect(Collectors.joining(", ", "[", "]"));
  }

  /** {@code "A", "B" or "C"}. */
  public static String oneOf(Collection<String> values) {
    var quoted = values.stream().map(Messages::quote).collect(Collectors.toList());
    if (quoted.size() == 1) {
      return quoted.get(0);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
  }
}
