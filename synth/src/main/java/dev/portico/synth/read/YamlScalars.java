package dev.portico.synth.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a YAML scalar means to Kubernetes: the value go-yaml v2 resolves it to (YAML 1.1:
 * {@code yes}, {@code on} and {@code y} are booleans, {@code 0x1F} and {@code 017} integers,
 * {@code ~} null) and the JSON that sigs.k8s.io/yaml makes of it, which the API server decodes.
 * Mirrors {@code resolve()} in go-yaml v2's {@code resolve.go} and {@code convertToJSONableObject}
 * in sigs.k8s.io/yaml's {@code yaml.go}.
 */
final class YamlScalars {
  static final String TAG_PREFIX = "tag:yaml.org,2002:";
  static final String STR = TAG_PREFIX + "str";
  static final String BOOL = TAG_PREFIX + "bool";
  static final String INT = TAG_PREFIX + "int";
  static final String FLOAT = TAG_PREFIX + "float";
  static final String NULL = TAG_PREFIX + "null";
  static final String TIMESTAMP = TAG_PREFIX + "timestamp";
  static final String BINARY = TAG_PREFIX + "binary";
  static final String MERGE = TAG_PREFIX + "merge";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final Pattern YAML_STYLE_FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern DOT_FLOAT = Pattern.compile("\\.[0-9]+([eE][-+]?[0-9]+)?");
  private static final Pattern TIMESTAMP_START = Pattern.compile("[0-9]{4}-.*", Pattern.DOTALL);
  private static final Map<String, Object> WORDS = words();

  /** A scalar that has no JSON form, or that does not fit its explicit tag. */
  static final class Unrepresentable extends Exception {
    private static final long serialVersionUID = 1L;

    Unrepresentable(String message) {
      super(message);
    }
  }

  private YamlScalars() {}

  private static Map<String, Object> words() {
    Map<String, Object> words = new java.util.HashMap<>();
    for (String word : new String[] {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}) {
      words.put(word, Boolean.TRUE);
    }
    for (String word : new String[] {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}) {
      words.put(word, Boolean.FALSE);
    }
    for (String word : new String[] {"", "~", "null", "Null", "NULL"}) {
      words.put(word, NULL);
    }
    for (String word : new String[] {".nan", ".NaN", ".NAN"}) {
      words.put(word, Double.NaN);
    }
    for (String word : new String[] {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}) {
      words.put(word, Double.POSITIVE_INFINITY);
    }
    for (String word : new String[] {"-.inf", "-.Inf", "-.INF"}) {
      words.put(word, Double.NEGATIVE_INFINITY);
    }
    words.put("<<", MERGE);
    return Map.copyOf(words);
  }

  /**
   * The JSON value of a scalar.
   *
   * @param tag its explicit tag (e.g. {@code tag:yaml.org,2002:str}), or null
   * @param plain whether it is plain (not quoted, not a block scalar) and untagged
   * @throws Unrepresentable for a value JSON cannot hold ({@code .inf}, {@code .nan}) or one that
   *     does not fit its tag ({@code !!int abc})
   */
  static JsonNode value(String value, String tag, boolean plain) throws Unrepresentable {
    if (tag == null && !plain) {
      return NODES.textNode(value);
    }
    String wanted = tag == null ? "" : tag;
    Object resolved = resolve(wanted, value);
    if (!wanted.isEmpty() && !wanted.equals(STR) && !wanted.equals(BINARY) && !tagOf(resolved).equals(wanted)) {
      if (wanted.equals(FLOAT) && resolved instanceof BigInteger integer) {
        resolved = integer.doubleValue();
      } else if (isResolvable(wanted)) {
        throw new Unrepresentable("cannot decode " + shortTag(tagOf(resolved)) + " `" + value + "` as a "
            + shortTag(wanted));
      }
    }
    if (wanted.equals(BINARY)) {
      try {
        byte[] bytes = Base64.getDecoder().decode(value.replace("\n", "").replace("\r", ""));
        return NODES.textNode(new String(bytes, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new Unrepresentable("!!binary value contains invalid base64 data");
      }
    }
    return json(resolved, value);
  }

  /** The key a map entry has in JSON (sigs.k8s.io/yaml turns numbers and booleans into strings). */
  static String key(JsonNode key) throws Unrepresentable {
    if (key.isTextual()) {
      return key.textValue();
    }
    if (key.isBoolean()) {
      return key.booleanValue() ? "true" : "false";
    }
    if (key.isIntegralNumber() && key.bigIntegerValue().compareTo(INT64_MAX) <= 0) {
      return key.bigIntegerValue().toString();
    }
    if (key.isFloatingPointNumber()) {
      return goFloat32(key.doubleValue());
    }
    if (key.isContainerNode()) {
      throw new Unrepresentable("a map key must be a scalar, not " + (key.isArray() ? "a list" : "a map"));
    }
    throw new Unrepresentable("a map key cannot be " + (key.isNull() ? "null" : "the number " + key.asText())
        + " (Kubernetes' YAML decoder accepts strings, numbers and booleans)");
  }

  private static boolean isResolvable(String tag) {
    return tag.isEmpty() || tag.equals(STR) || tag.equals(BOOL) || tag.equals(INT) || tag.equals(FLOAT)
        || tag.equals(NULL) || tag.equals(TIMESTAMP);
  }

  /** go-yaml v2's resolve(): Boolean, NULL, Double, BigInteger, or the text (a String, or TIMESTAMP's text). */
  private static Object resolve(String tag, String in) {
    if (!isResolvable(tag) || tag.equals(STR)) {
      return in;
    }
    char hint = in.isEmpty() ? 'N' : hint(in.charAt(0));
    if (hint == 0) {
      return in;
    }
    Object word = WORDS.get(in);
    if (word != null) {
      return word == MERGE ? in : word;
    }
    switch (hint) {
      case '.' -> {
        if (DOT_FLOAT.matcher(in).matches()) {
          double value = Double.parseDouble(in);
          if (!Double.isInfinite(value)) {
            return value;
          }
        }
      }
      case 'D', 'S' -> {
        if ((tag.isEmpty() || tag.equals(TIMESTAMP)) && TIMESTAMP_START.matcher(in).matches()) {
          return new Timestamp(in);
        }
        String plain = in.replace("_", "");
        BigInteger integer = goParseInt(plain);
        if (integer != null) {
          return integer;
        }
        if (YAML_STYLE_FLOAT.matcher(plain).matches()) {
          double value = Double.parseDouble(plain);
          if (!Double.isInfinite(value)) {
            return value;
          }
        }
      }
      default -> {
        // 'M': only the words above
      }
    }
    return in;
  }

  /** go-yaml's resolve table: the first character says what a plain scalar may be. */
  private static char hint(char first) {
    if (first == '+' || first == '-') {
      return 'S';
    }
    if (first >= '0' && first <= '9') {
      return 'D';
    }
    if ("yYnNtTfFoO~".indexOf(first) >= 0) {
      return 'M';
    }
    return first == '.' ? '.' : 0;
  }

  /** A YAML timestamp, which go-yaml v2 hands on as its text when the target is untyped. */
  private record Timestamp(String text) {}

  /**
   * Go's {@code strconv.ParseInt(s, 0, 64)}, falling back to {@code ParseUint}: an optional sign,
   * then {@code 0x}, {@code 0o}, {@code 0b} or a leading {@code 0} (octal) or decimal digits.
   * Null when {@code s} is none of these or out of range.
   */
  static BigInteger goParseInt(String s) {
    if (s.isEmpty()) {
      return null;
    }
    boolean negative = false;
    boolean signed = false;
    String digits = s;
    if (digits.charAt(0) == '+' || digits.charAt(0) == '-') {
      negative = digits.charAt(0) == '-';
      signed = true;
      digits = digits.substring(1);
    }
    if (digits.isEmpty()) {
      return null;
    }
    int radix = 10;
    if (digits.charAt(0) == '0') {
      char prefix = digits.length() >= 3 ? (char) (digits.charAt(1) | 0x20) : 0;
      if (prefix == 'b' || prefix == 'o' || prefix == 'x') {
        radix = prefix == 'b' ? 2 : prefix == 'o' ? 8 : 16;
        digits = digits.substring(2);
      } else {
        radix = 8;
        digits = digits.substring(1);
      }
    }
    BigInteger value = BigInteger.ZERO;
    for (int i = 0; i < digits.length(); i++) {
      int digit = asciiDigit(digits.charAt(i));
      if (digit < 0 || digit >= radix) {
        return null;
      }
      value = value.multiply(BigInteger.valueOf(radix)).add(BigInteger.valueOf(digit));
      if (value.bitLength() > 64) {
        return null;
      }
    }
    if (negative) {
      value = value.negate();
    }
    if (value.compareTo(INT64_MIN) >= 0 && value.compareTo(INT64_MAX) <= 0) {
      return value;
    }
    return !signed && value.compareTo(UINT64_MAX) <= 0 ? value : null;
  }

  private static int asciiDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'Z' ? c - 'A' + 10 : -1;
  }

  private static String tagOf(Object resolved) {
    if (resolved == NULL) {
      return NULL;
    }
    if (resolved instanceof Boolean) {
      return BOOL;
    }
    if (resolved instanceof BigInteger) {
      return INT;
    }
    if (resolved instanceof Double) {
      return FLOAT;
    }
    return resolved instanceof Timestamp ? TIMESTAMP : STR;
  }

  private static String shortTag(String tag) {
    return tag.startsWith(TAG_PREFIX) ? "!!" + tag.substring(TAG_PREFIX.length()) : tag;
  }

  /**
   * The JSON node: Go's encoding/json writes a float64 without a fraction and below 1e21 as an
   * integer literal ({@code 1e3} is {@code 1000}), which then decodes into an integer field; NaN
   * and infinities have no JSON form, so the API server rejects the document.
   */
  private static JsonNode json(Object resolved, String text) throws Unrepresentable {
    if (resolved == NULL) {
      return NODES.nullNode();
    }
    if (resolved instanceof Boolean bool) {
      return NODES.booleanNode(bool);
    }
    if (resolved instanceof BigInteger integer) {
      return integer(integer);
    }
    if (resolved instanceof Double number) {
      if (number.isNaN() || number.isInfinite()) {
        throw new Unrepresentable(text + " is not a number JSON can hold, so the API server rejects the document;"
            + " quote it (\"" + text + "\") if it is a string");
      }
      if (number == Math.rint(number) && Math.abs(number) < 1e21) {
        return integer(new BigDecimal(number).toBigIntegerExact());
      }
      return NODES.numberNode(number);
    }
    return NODES.textNode(resolved instanceof Timestamp timestamp ? timestamp.text() : (String) resolved);
  }

  private static JsonNode integer(BigInteger value) {
    if (value.bitLength() < 32) {
      return NODES.numberNode(value.intValue());
    }
    return value.bitLength() < 64 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
  }

  /**
   * Go's {@code strconv.FormatFloat(f, 'g', -1, 32)}, as sigs.k8s.io/yaml writes a float map key:
   * the shortest float32 digits, in exponent form when the exponent is below -4 or at least 6.
   */
  static String goFloat32(double value) {
    float f = (float) value;
    if (Float.isNaN(f)) {
      return ".nan";
    }
    if (Float.isInfinite(f)) {
      return f > 0 ? ".inf" : "-.inf";
    }
    String sign = (f < 0 || (f == 0 && 1 / f < 0)) ? "-" : "";
    if (f == 0) {
      return sign + "0";
    }
    BigDecimal shortest = new BigDecimal(Float.toString(Math.abs(f))).stripTrailingZeros();
    String digits = shortest.unscaledValue().toString();
    int exponent = digits.length() - 1 - shortest.scale(); // of the first digit
    if (exponent < -4 || exponent >= 6) {
      return sign + scientific(digits, exponent);
    }
    if (exponent >= digits.length() - 1) {
      return sign + digits + "0".repeat(exponent - (digits.length() - 1));
    }
    if (exponent >= 0) {
      return sign + digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
    }
    return sign + "0." + "0".repeat(-exponent - 1) + digits;
  }

  private static String scientific(String digits, int exponent) {
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String exp = Integer.toString(Math.abs(exponent));
    return mantissa + "e" + (exponent < 0 ? "-" : "+") + (exp.length() < 2 ? "0" + exp : exp);
  }
}
