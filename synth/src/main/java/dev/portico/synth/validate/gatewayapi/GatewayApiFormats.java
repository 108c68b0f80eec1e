package dev.portico.synth.validate.gatewayapi;

import dev.portico.synth.validate.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The string types of Gateway API ({@code apis/v1/shared_types.go}) as the Gateway API v1.5 standard
 * channel's CRDs (kubernetes-sigs/gateway-api {@code config/crd/standard/}, tag v1.5.1) check them with
 * OpenAPI {@code pattern}, {@code minLength} and {@code maxLength}: Hostname, PreciseHostname,
 * SectionName, ObjectName, Group, Kind, Namespace, HTTPHeaderName, Duration, and the patterns of
 * single fields (a GatewayClass' controllerName, a CORS origin, a gRPC service and method, a
 * BackendTLSPolicy's wellKnownCACertificates and subject alternative name URI). Like {@link dev.portico.dsl.format.Formats}, each check returns what is wrong, one phrase
 * a problem, empty when the value is accepted.
 *
 * <p>Differences from apimachinery's formats that matter here: CRD lengths count characters (Unicode
 * code points, as kube-openapi's {@code utf8.RuneCountInString}), not bytes; patterns are Go RE2
 * regular expressions, where {@code $} matches only at the very end (Java's {@code $} would also
 * match before a final line break, so the patterns below use {@code \z} or {@link Matcher#matches()});
 * and a SectionName or Hostname has no 63-character limit per label.
 */
final class GatewayApiFormats {
  static final int HOSTNAME_MAX = 253;
  static final int NAME_MAX = 253;
  static final int GROUP_MAX = 253;
  static final int KIND_MAX = 63;
  static final int NAMESPACE_MAX = 63;
  static final int HEADER_NAME_MAX = 256;
  static final int PROTOCOL_MAX = 255;
  static final int ADDRESS_MAX = 253;
  /** Entries of an options map ({@code tls.options}, a BackendTLSPolicy's {@code options}). */
  static final int OPTIONS_MAX = 16;
  /** The longest value of an options map or an infrastructure annotation. */
  static final int ANNOTATION_VALUE_MAX = 4096;
  /** {@code GatewayController}: a GatewayClass' controllerName. */
  static final int CONTROLLER_MAX = 253;
  /** A gRPC method match's service or method. */
  static final int GRPC_NAME_MAX = 1024;

  private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String SUBDOMAIN = LABEL + "(\\." + LABEL + ")*";
  private static final Pattern HOSTNAME = Pattern.compile("(\\*\\.)?" + SUBDOMAIN);
  private static final Pattern PRECISE_HOSTNAME = Pattern.compile(SUBDOMAIN);
  private static final Pattern KIND = Pattern.compile("[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?");
  private static final Pattern NAMESPACE = Pattern.compile(LABEL);
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-.^_`|~]+");
  /** {@code Duration}: {@code ^([0-9]{1,5}(h|m|s|ms)){1,4}$} (GEP-2257). */
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,5}(h|m|s|ms)){1,4}");
  /**
   * {@code ProtocolType}. Its second alternative is not anchored at the start, so any value that
   * ends in "domain/word" matches, and a '-' after the '/' does not; hence {@link Matcher#find()}.
   */
  private static final Pattern PROTOCOL = Pattern.compile("^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?\\z|"
      + SUBDOMAIN + "/[A-Za-z0-9]+\\z");
  /** {@code AddressType}: only its first alternative is anchored at the start, only its last at the end. */
  private static final Pattern ADDRESS_TYPE = Pattern.compile("^Hostname|IPAddress|NamedAddress|"
      + SUBDOMAIN + "/[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+\\z");
  /** The infrastructure label and annotation key rule of the Gateway CRD. */
  private static final Pattern INFRASTRUCTURE_KEY =
      Pattern.compile("(" + SUBDOMAIN + "/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]");
  private static final Pattern DURATION_PART = Pattern.compile("([0-9]{1,5})(ms|h|m|s)");
  /** {@code GatewayController}: a domain-prefixed path, e.g. "example.com/gateway-controller". */
  private static final Pattern CONTROLLER = Pattern.compile(SUBDOMAIN + "/[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+");
  /** {@code CORSOrigin}: "*", or http(s)://host[:port] where the host may start with "*." or be "*". */
  private static final Pattern CORS_ORIGIN =
      Pattern.compile("\\*|https?://((\\*\\.)?([a-zA-Z0-9\\-]+\\.)*[a-zA-Z0-9-]+|\\*)(:[0-9]{1,5})?");
  /** A gRPC service of an Exact method match (the CEL rule's {@code (?i)} pattern). */
  private static final Pattern GRPC_SERVICE =
      Pattern.compile("\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*", Pattern.CASE_INSENSITIVE);
  /** A gRPC method of an Exact method match. */
  private static final Pattern GRPC_METHOD = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");
  /** {@code WellKnownCACertificatesType}: "System", or a domain-prefixed name. */
  private static final Pattern WELL_KNOWN_CA =
      Pattern.compile("System|" + SUBDOMAIN + "/([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]");
  /** {@code AbsoluteURI}: RFC 3986's URI parts, with a scheme and an authority; anchored at the start only. */
  private static final Pattern ABSOLUTE_URI = Pattern.compile("^(([^:/?#]+):)(//([^/?#]*))([^?#]*)(\\?([^#]*))?(#(.*))?");

  static final String HOSTNAME_TEXT = "a hostname: lowercase letters, digits, '-' and '.', each part starting and "
      + "ending with a letter or digit, optionally prefixed by one wildcard label \"*.\" (e.g. \"shop.example.com\" "
      + "or \"*.example.com\")";
  static final String PRECISE_HOSTNAME_TEXT = "a precise hostname: lowercase letters, digits, '-' and '.', each part "
      + "starting and ending with a letter or digit, without a wildcard (e.g. \"shop.example.com\")";
  static final String SECTION_NAME_TEXT = "a DNS-1123 subdomain (lowercase letters, digits, '-' and '.'; each part "
      + "starting and ending with a letter or digit)";
  static final String GROUP_TEXT = "an API group: empty for the core group, or a DNS-1123 subdomain such as "
      + "\"gateway.networking.k8s.io\"";
  static final String KIND_TEXT = "a kind: a letter followed by letters, digits or '-', ending with a letter or digit "
      + "(e.g. \"Service\")";
  static final String NAMESPACE_TEXT = "a namespace name: a DNS-1123 label (lowercase letters, digits, '-'; starting "
      + "and ending with a letter or digit)";
  static final String HEADER_NAME_TEXT = "an HTTP header name: letters, digits and !#$%&'*+-.^_`|~ only (RFC 7230 "
      + "token characters)";
  static final String PROTOCOL_TEXT = "a protocol: \"HTTP\", \"HTTPS\", \"TLS\", \"TCP\", \"UDP\", another word of "
      + "letters, digits and inner '-', or a domain-prefixed name with only letters and digits after the '/' "
      + "(e.g. \"example.com/proto\")";
  static final String ADDRESS_TYPE_TEXT = "an address type: \"IPAddress\", \"Hostname\", \"NamedAddress\" or a "
      + "domain-prefixed name such as \"example.com/custom\"";
  static final String INFRASTRUCTURE_KEY_TEXT = "a key: an optional DNS subdomain prefix and '/', then a name of up "
      + "to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
  static final String CONTROLLER_TEXT = "a domain-prefixed path: a DNS subdomain, '/', then letters, digits and "
      + "URL path characters (e.g. \"example.com/gateway-controller\")";
  static final String CORS_ORIGIN_TEXT = "\"*\" or an origin \"http(s)://HOST[:PORT]\" whose host is a DNS name "
      + "(optionally starting with \"*.\") or \"*\", without a path (e.g. \"https://shop.example.com\")";
  static final String GRPC_SERVICE_TEXT = "a gRPC service name: dot-separated words of letters, digits and '_', "
      + "each starting with a letter or '_' (e.g. \"shop.v1.Cart\")";
  static final String GRPC_METHOD_TEXT = "a gRPC method name: letters, digits and '_', starting with a letter or '_' "
      + "(e.g. \"GetCart\")";
  static final String WELL_KNOWN_CA_TEXT = "\"System\" or a domain-prefixed name (e.g. \"example.com/my-ca-set\")";
  static final String ABSOLUTE_URI_TEXT = "an absolute URI with a scheme and an authority, e.g. "
      + "\"spiffe://cluster.local/ns/shop/sa/web\"";
  static final String DURATION_TEXT = "a Gateway API duration: one to four parts of 1-5 digits followed by "
      + "h, m, s or ms, e.g. \"10s\", \"1h30m\" or \"500ms\"";

  private GatewayApiFormats() {}

  /** {@code Hostname}: at most 253 characters, optionally a {@code *.} wildcard label first; IPs match the pattern. */
  static List<String> hostname(String value) {
    return format(value, 1, HOSTNAME_MAX, HOSTNAME, HOSTNAME_TEXT);
  }

  /** {@code PreciseHostname}: a hostname without a wildcard, as redirects and rewrites use. */
  static List<String> preciseHostname(String value) {
    return format(value, 1, HOSTNAME_MAX, PRECISE_HOSTNAME, PRECISE_HOSTNAME_TEXT);
  }

  /** {@code SectionName}: a listener name, a parentRef's sectionName, a route rule's name. */
  static List<String> sectionName(String value) {
    return format(value, 1, NAME_MAX, PRECISE_HOSTNAME, SECTION_NAME_TEXT);
  }

  /** {@code ObjectName}: any non-empty name of at most 253 characters (no pattern). */
  static List<String> objectName(String value) {
    return length(value, 1, NAME_MAX);
  }

  /** {@code Group}: {@code ^$|^<DNS-1123 subdomain>$}, at most 253 characters. */
  static List<String> group(String value) {
    return value.isEmpty() ? List.of() : format(value, 0, GROUP_MAX, PRECISE_HOSTNAME, GROUP_TEXT);
  }

  /** {@code Kind}: 1 to 63 characters. */
  static List<String> kind(String value) {
    return format(value, 1, KIND_MAX, KIND, KIND_TEXT);
  }

  /** {@code Namespace}: a DNS-1123 label of 1 to 63 characters. */
  static List<String> namespace(String value) {
    return format(value, 1, NAMESPACE_MAX, NAMESPACE, NAMESPACE_TEXT);
  }

  /** {@code HTTPHeaderName}, also used for query parameter names: 1 to 256 token characters. */
  static List<String> headerName(String value) {
    return format(value, 1, HEADER_NAME_MAX, HEADER_NAME, HEADER_NAME_TEXT);
  }

  /** {@code ProtocolType}: 1 to 255 characters, matching its (partly unanchored) pattern. */
  static List<String> protocol(String value) {
    return find(value, 1, PROTOCOL_MAX, PROTOCOL, PROTOCOL_TEXT);
  }

  /** {@code AddressType}: 1 to 253 characters, matching its (partly unanchored) pattern. */
  static List<String> addressType(String value) {
    return find(value, 1, ADDRESS_MAX, ADDRESS_TYPE, ADDRESS_TYPE_TEXT);
  }

  /**
   * A key of {@code spec.infrastructure.labels} or {@code .annotations}: the CRD's rules "Label keys must
   * be in the form of an optional DNS subdomain prefix followed by a required name segment of up to 63
   * characters" and "If specified, the label key's prefix must be a DNS subdomain not longer than 253
   * characters in total" ({@code key.split("/")[0].size() < 253}).
   */
  static List<String> infrastructureKey(String value) {
    List<String> problems = new ArrayList<>(2);
    if (!matches(INFRASTRUCTURE_KEY, value)) {
      problems.add("must be " + INFRASTRUCTURE_KEY_TEXT);
    }
    int prefix = characters(value.split("/", -1)[0]);
    if (prefix >= NAME_MAX) {
      problems.add("must have a prefix shorter than " + NAME_MAX + " characters (it has " + prefix + ")");
    }
    return problems;
  }

  /** {@code GatewayController}: 1 to 253 characters, a domain-prefixed path. */
  static List<String> controllerName(String value) {
    return format(value, 1, CONTROLLER_MAX, CONTROLLER, CONTROLLER_TEXT);
  }

  /** {@code CORSOrigin}: 1 to 253 characters. */
  static List<String> corsOrigin(String value) {
    return format(value, 1, HOSTNAME_MAX, CORS_ORIGIN, CORS_ORIGIN_TEXT);
  }

  /** A gRPC service of an Exact method match: at most 1024 characters; the CEL pattern rejects "" too. */
  static List<String> grpcService(String value) {
    return lengthAndPattern(value, GRPC_NAME_MAX, GRPC_SERVICE, GRPC_SERVICE_TEXT);
  }

  /** A gRPC method of an Exact method match: at most 1024 characters; the CEL pattern rejects "" too. */
  static List<String> grpcMethod(String value) {
    return lengthAndPattern(value, GRPC_NAME_MAX, GRPC_METHOD, GRPC_METHOD_TEXT);
  }

  private static List<String> lengthAndPattern(String value, int max, Pattern pattern, String text) {
    List<String> problems = new ArrayList<>(length(value, 0, max));
    if (!matches(pattern, value)) {
      problems.add("must be " + text);
    }
    return problems;
  }

  /** {@code WellKnownCACertificatesType}: 1 to 253 characters. */
  static List<String> wellKnownCaCertificates(String value) {
    return format(value, 1, HOSTNAME_MAX, WELL_KNOWN_CA, WELL_KNOWN_CA_TEXT);
  }

  /** {@code AbsoluteURI}: 1 to 253 characters; the pattern need only match a prefix. */
  static List<String> absoluteUri(String value) {
    return find(value, 1, HOSTNAME_MAX, ABSOLUTE_URI, ABSOLUTE_URI_TEXT);
  }

  /** {@code Duration}: {@code ^([0-9]{1,5}(h|m|s|ms)){1,4}$}. */
  static List<String> duration(String value) {
    return isDuration(value) ? List.of() : List.of("must be " + DURATION_TEXT);
  }

  static boolean isDuration(String value) {
    return value != null && DURATION.matcher(value).matches();
  }

  /**
   * The length of a Gateway API duration in milliseconds, as CEL's {@code duration()} (Go's
   * {@code time.ParseDuration}) reads it: the parts are added up, so "1h30m" is 5,400,000 and "1m1m"
   * is 120,000.
   *
   * @throws IllegalArgumentException when {@code value} is not a Gateway API duration; see {@link #isDuration}
   */
  static long durationMillis(String value) {
    if (!isDuration(value)) {
      throw new IllegalArgumentException("not a Gateway API duration: " + Messages.quote(value));
    }
    long millis = 0;
    Matcher part = DURATION_PART.matcher(value);
    while (part.find()) {
      long amount = Long.parseLong(part.group(1));
      millis += switch (part.group(2)) {
        case "h" -> amount * 3_600_000L;
        case "m" -> amount * 60_000L;
        case "s" -> amount * 1_000L;
        default -> amount;
      };
    }
    return millis;
  }

  /** A list field as the rules read it: null (never set) is empty, like a list fabric8 leaves out when empty. */
  static <T> List<T> orEmpty(List<T> values) {
    return values == null ? List.of() : values;
  }

  /** {@code minLength} and {@code maxLength}, counted in characters (code points). */
  static List<String> length(String value, int min, int max) {
    int length = characters(value);
    if (length < min) {
      return List.of(min == 1 ? "must not be empty" : "must be at least " + min + " characters");
    }
    if (length > max) {
      return List.of("must be no more than " + max + " characters (it has " + length + ")");
    }
    return List.of();
  }

  /** The length OpenAPI validation measures: Unicode code points, as Go's {@code utf8.RuneCountInString}. */
  static int characters(String value) {
    return value.codePointCount(0, value.length());
  }

  /**
   * {@code value} lower-cased when that satisfies {@code format}, for a finding's "try"; null otherwise.
   */
  static String lowerIfValid(String value, Function<String, List<String>> format) {
    String lower = value.toLowerCase(Locale.ROOT);
    return !lower.equals(value) && format.apply(lower).isEmpty() ? lower : null;
  }

  /** The entry of {@code allowed} that equals {@code value} ignoring case, for a finding's "try"; null when none does. */
  static String caseVariant(String value, List<String> allowed) {
    return allowed.stream().filter(a -> a.equalsIgnoreCase(value)).findFirst().orElse(null);
  }

  /** Length problems, then (for a non-empty value) the pattern's, which need only match somewhere. */
  private static List<String> find(String value, int min, int max, Pattern pattern, String text) {
    List<String> problems = new ArrayList<>(length(value, min, max));
    if (!value.isEmpty() && value.length() <= PATTERN_LENGTH_MAX && !pattern.matcher(value).find()) {
      problems.add("must be " + text);
    }
    return problems;
  }

  /** Length problems, then (for a non-empty value) the pattern's; the pattern must match the whole value. */
  private static List<String> format(String value, int min, int max, Pattern pattern, String text) {
    List<String> problems = new ArrayList<>(length(value, min, max));
    if (!value.isEmpty() && !matches(pattern, value)) {
      problems.add("must be " + text);
    }
    return problems;
  }

  /**
   * Patterns are matched on values of at most this many characters, more than any maximum length
   * here: java.util.regex recurses once per repetition of a group (each label of a hostname), and a
   * value of a few thousand labels overflows the stack. A longer value is reported for its length.
   */
  private static final int PATTERN_LENGTH_MAX = 1024;

  /** Whether {@code value} matches {@code pattern}; true (not reported) beyond {@link #PATTERN_LENGTH_MAX}. */
  private static boolean matches(Pattern pattern, String value) {
    return value.length() > PATTERN_LENGTH_MAX || pattern.matcher(value).matches();
  }
}
