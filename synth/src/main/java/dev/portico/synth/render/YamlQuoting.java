package dev.portico.synth.render;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.regex.Pattern;

/**
 * Quotes as few strings as possible, but every string a YAML 1.1 reader (go-yaml, which
 * kubectl, Argo CD and Flux use) would take for something else: booleans and nulls (Jackson's
 * default list), and numbers in any 1.1 notation (octal, hex, sexagesimal, {@code 1_000},
 * {@code .inf}) and dates and timestamps.
 */
final class YamlQuoting extends StringQuotingChecker.Default {
  private static final long serialVersionUID = 1L;

  /** Anything made of number characters that starts like a number: over-quoting a string is harmless. */
  private static final Pattern NUMBER_LIKE = Pattern.compile("[-+]?\\.?[0-9][0-9a-fA-FxXoObB_.:+\\-]*");
  private static final Pattern SPECIAL_FLOAT = Pattern.compile("[-+]?\\.(inf|Inf|INF|nan|NaN|NAN)");
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?");

  @Override
  public boolean needToQuoteValue(String value) {
    return super.needToQuoteValue(value)
        || value.isEmpty()
        || value.equals("~")
        || value.equals("=")
        || value.equals("<<")
        || (mayBeNumeric(value) && (NUMBER_LIKE.matcher(value).matches()
            || SPECIAL_FLOAT.matcher(value).matches()
            || DATE.matcher(value).matches()));
  }

  /** Numbers, special floats and dates all start with a digit, a sign or a dot: others need no regex. */
  static boolean mayBeNumeric(String value) {
    char first = value.charAt(0);
    return (first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.';
  }

  @Override
  public boolean needToQuoteName(String name) {
    return super.needToQuoteName(name) || needToQuoteValue(name);
  }
}
