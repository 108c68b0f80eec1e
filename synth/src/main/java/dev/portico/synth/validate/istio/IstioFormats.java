package dev.portico.synth.validate.istio;

import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The string formats of Istio's configuration validation (istio/istio {@code pkg/config/validation},
 * {@code pkg/config/validation/agent}, {@code pkg/config/labels}, {@code pkg/config/host},
 * {@code pkg/config/protocol}, {@code pkg/config/security}, {@code pkg/util/net}, {@code pkg/util/grpc})
 * and of Go's {@code time.ParseDuration} and {@code net/netip}, which that code relies on.
 *
 * <p>Like {@link dev.portico.dsl.format.Formats}, each check returns what is wrong as phrases meant
 * to follow the quoted value ({@code "x" must be ...}), empty when the value is accepted. Istio's own
 * formats differ from Kubernetes' in ways that matter: its DNS labels accept upper-case letters, host
 * names may be 255 characters long, a top-level domain must not be all digits, and a label value has
 * no length limit.
 *
 * <p>Self-contained and stable: the Istio rule classes of this package share it.
 */
final class IstioFormats {
  /** {@code CheckDNS1123Preconditions}: a domain name is at most 255 characters. */
  static final int DOMAIN_MAX = 255;
  /** {@code labels.DNS1123LabelMaxLength}. */
  static final int LABEL_MAX = 63;
  /** The label-key prefix limit of {@code labels.validateTagKey}. */
  static final int LABEL_PREFIX_MAX = 253;
  /** {@code validateStringRegexp}: Envoy's RE2 program-size limit, approximated by length. */
  static final int REGEX_MAX = 1024;
  /** The mesh gateway name of {@code constants.IstioMeshGateway}. */
  static final String MESH_GATEWAY = "mesh";
  static final String UNIX_PREFIX = "unix://";

  /** {@code labels.dns1123LabelFmt}: letters (either case), digits and '-'. */
  private static final String LABEL = "[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?";
  private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL);
  /** {@code labels.wildcardPrefix}: "*", or a label with a leading "*" or "*-". */
  private static final Pattern WILDCARD_LABEL = Pattern.compile("\\*|(?:\\*|\\*-)?" + LABEL);
  private static final String QUALIFIED_NAME = "(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  /** {@code labels.tagRegexp}: an optional DNS prefix and '/', then a qualified name. */
  private static final Pattern LABEL_KEY =
      Pattern.compile("(" + LABEL + "(?:\\." + LABEL + ")*/)?(" + QUALIFIED_NAME + ")");
  private static final Pattern LABEL_VALUE = Pattern.compile("(?:" + QUALIFIED_NAME + ")?");
  /** {@code validHeaderNameRegex}: RFC 7230 token characters. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~A-Za-z0-9]+");
  /** {@code httpHeaderValueRegexp}: no control characters but tab. */
  private static final Pattern HEADER_VALUE = Pattern.compile("[^\\x00-\\x08\\x0A-\\x1F\\x7F]*");
  private static final String JWT_CLAIM_PREFIX = "@request.auth.claims";

  static final String LABEL_TEXT = "letters, digits and '-', starting and ending with a letter or digit, at most 63 "
      + "characters";
  static final String HOST_TEXT = "a DNS name such as \"reviews.shop.svc.cluster.local\" or \"api.example.com\", "
      + "optionally with a wildcard first label such as \"*.example.com\"";
  static final String DURATION_TEXT = "a duration such as \"10s\", \"1.5s\", \"500ms\" or \"1m30s\" (units ns, us, ms, "
      + "s, m, h)";

  /** {@code protocol.Instance}: the protocol names Istio knows, matched case-insensitively. */
  static final List<String> PROTOCOLS = List.of("HTTP", "HTTPS", "GRPC", "GRPC-Web", "HTTP2", "HTTP_PROXY", "TCP",
      "TLS", "UDP", "Mongo", "Redis", "MySQL");
  private static final Set<String> HTTP_PROTOCOLS = Set.of("HTTP", "HTTP2", "HTTP_PROXY", "GRPC", "GRPC-Web");
  private static final Set<String> TCP_PROTOCOLS = Set.of("TCP", "HTTPS", "TLS", "Mongo", "Redis", "MySQL");
  private static final Set<String> TLS_PROTOCOLS = Set.of("HTTPS", "TLS");

  /** {@code supportedRetryOnPolicies}: Envoy's x-envoy-retry-on and x-envoy-retry-grpc-on policies. */
  static final List<String> RETRY_ON_POLICIES = List.of("5xx", "gateway-error", "reset", "reset-before-request",
      "connect-failure", "retriable-4xx", "refused-stream", "retriable-status-codes", "retriable-headers",
      "envoy-ratelimited", "http3-post-connect-failure", "cancelled", "deadline-exceeded", "internal",
      "resource-exhausted", "unavailable");

  /** The codes Go's {@code http.StatusText} names, which {@code validateHTTPRetry} accepts in retryOn. */
  private static final Set<Integer> HTTP_STATUS_CODES = Set.of(100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206,
      207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410,
      411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503,
      504, 505, 506, 507, 508, 510, 511);

  /** {@code grpc.SupportedGRPCStatus}. */
  static final List<String> GRPC_STATUSES = List.of("OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT",
      "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
      "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
      "UNAUTHENTICATED");

  /** {@code security.ValidCipherSuites}. */
  static final List<String> CIPHER_SUITES = List.of("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
      "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305",
      "ECDHE-RSA-CHACHA20-POLY1305", "ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA",
      "ECDHE-RSA-AES256-SHA", "AES128-GCM-SHA256", "AES256-GCM-SHA384", "AES128-SHA", "AES256-SHA", "DES-CBC3-SHA");

  private IstioFormats() {}

  // ================================================================= names

  /** {@code labels.IsDNS1123Label}: at most 63 letters (either case), digits and '-', alphanumeric at both ends. */
  static boolean isDns1123Label(String value) {
    return value != null && value.length() <= LABEL_MAX && DNS1123_LABEL.matcher(value).matches();
  }

  /** {@code labels.IsWildcardDNS1123Label}: a label, "*", or a label led by "*" or "*-" (e.g. "*foo"). */
  static boolean isWildcardLabel(String value) {
    return value != null && value.length() <= LABEL_MAX && WILDCARD_LABEL.matcher(value).matches();
  }

  /**
   * {@code agent.ValidateWildcardDomain}: a host of a VirtualService, DestinationRule or ServiceEntry.
   * At most one problem, as upstream stops at the first.
   */
  static List<String> host(String domain) {
    String value = domain == null ? "" : domain;
    List<String> pre = dnsPreconditions(value);
    if (!pre.isEmpty()) {
      return pre;
    }
    int dot = value.indexOf('.');
    String first = dot < 0 ? value : value.substring(0, dot);
    if (!isWildcardLabel(first)) {
      return List.of(firstLabelProblem(first));
    }
    return dot < 0 ? List.of() : labels(value.substring(dot + 1));
  }

  /** {@code agent.ValidateFQDN}: a DNS name without wildcards. At most one problem. */
  static List<String> fqdn(String name) {
    String value = name == null ? "" : name;
    List<String> pre = dnsPreconditions(value);
    return pre.isEmpty() ? labels(value) : pre;
  }

  private static List<String> dnsPreconditions(String value) {
    if (value.length() > DOMAIN_MAX) {
      return List.of("is longer than " + DOMAIN_MAX + " characters, the limit for a domain name");
    }
    if (value.isEmpty()) {
      return List.of("is empty; " + HOST_TEXT + " is required");
    }
    return List.of();
  }

  private static String firstLabelProblem(String label) {
    if (label.contains("*")) {
      return "has an invalid first label " + Messages.quote(label) + ": a wildcard is \"*\" alone or at the start of "
          + "the first label, e.g. \"*.example.com\"";
    }
    return "has an invalid label " + Messages.quote(label) + ": labels are " + LABEL_TEXT;
  }

  /** {@code agent.ValidateDNS1123Labels}: no all-numeric top-level domain; labels valid; one trailing dot allowed. */
  private static List<String> labels(String domain) {
    String[] parts = domain.split("\\.", -1);
    String tld = parts[parts.length - 1];
    if (isGoInteger(tld)) {
      return List.of("has an all-numeric top-level domain " + Messages.quote(tld)
          + "; use a DNS name (an IP address is not a host here)");
    }
    for (int i = 0; i < parts.length; i++) {
      if (i == parts.length - 1 && parts[i].isEmpty()) {
        return List.of();
      }
      if (!isDns1123Label(parts[i])) {
        return List.of(parts[i].contains("*")
            ? "has a wildcard outside the first label (" + Messages.quote(parts[i])
                + "); a wildcard is allowed only as the first label, e.g. \"*.example.com\""
            : "has an invalid label " + Messages.quote(parts[i]) + ": labels are " + LABEL_TEXT);
      }
    }
    return List.of();
  }

  /** Go's {@code strconv.Atoi} succeeds: an optional sign and decimal digits (range aside). */
  private static boolean isGoInteger(String value) {
    String digits = value.startsWith("+") || value.startsWith("-") ? value.substring(1) : value;
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    try {
      Long.parseLong(value);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** {@code agent.ValidatePartialWildCard}: a '*' anywhere but "*" alone or a leading "*.". */
  static boolean isPartialWildcard(String host) {
    return host != null && host.contains("*") && host.length() != 1 && !host.startsWith("*.");
  }

  /** {@code host.Name.Matches}: the two (possibly wildcard) hosts overlap. */
  static boolean hostsOverlap(String a, String b) {
    boolean aWild = a.startsWith("*");
    boolean bWild = b.startsWith("*");
    if (aWild && bWild) {
      return a.length() < b.length()
          ? b.substring(1).endsWith(a.substring(1))
          : a.substring(1).endsWith(b.substring(1));
    }
    if (aWild) {
      return b.endsWith(a.substring(1));
    }
    if (bWild) {
      return a.endsWith(b.substring(1));
    }
    return a.equals(b);
  }

  /** {@code host.Name.SubsetOf}: every name {@code a} matches is matched by {@code b}. */
  static boolean hostSubsetOf(String a, String b) {
    boolean aWild = a.startsWith("*");
    boolean bWild = b.startsWith("*");
    if (aWild) {
      return bWild && a.length() >= b.length() && a.substring(1).endsWith(b.substring(1));
    }
    if (bWild) {
      return a.endsWith(b.substring(1));
    }
    return a.equals(b);
  }

  // ================================================================= addresses

  /** {@code netip.ParseAddr} succeeds: IPv4 without leading zeros, or IPv6 (with an optional zone). */
  static boolean isIp(String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    if (value.indexOf(':') < 0) {
      return isStrictIpv4(value);
    }
    int zone = value.indexOf('%');
    if (zone >= 0) {
      if (zone == value.length() - 1) {
        return false;
      }
      return isIpv6(value.substring(0, zone));
    }
    return isIpv6(value);
  }

  /** {@code netip.ParsePrefix} succeeds: an address without zone, '/', and 0-32 or 0-128 without leading zeros. */
  static boolean isCidr(String value) {
    if (value == null) {
      return false;
    }
    int slash = value.lastIndexOf('/');
    if (slash < 0) {
      return false;
    }
    String address = value.substring(0, slash);
    String bits = value.substring(slash + 1);
    if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')
        || (bits.length() > 1 && bits.charAt(0) == '0')) {
      return false;
    }
    int prefix = Integer.parseInt(bits);
    if (address.indexOf('%') >= 0) {
      return false;
    }
    if (address.indexOf(':') < 0) {
      return isStrictIpv4(address) && prefix <= 32;
    }
    return isIpv6(address) && prefix <= 128;
  }

  /** {@code agent.ValidateIPSubnet}: with exactly one '/' a CIDR block, otherwise an IP address. */
  static List<String> ipOrCidr(String value) {
    String v = value == null ? "" : value;
    if (v.chars().filter(c -> c == '/').count() == 1) {
      return isCidr(v) ? List.of() : List.of("is not a valid CIDR block (e.g. \"10.0.0.0/16\" or \"2001:db8::/32\")");
    }
    return isIp(v) ? List.of() : List.of("is not a valid IP address (e.g. \"10.0.0.1\" or \"2001:db8::1\")");
  }

  private static boolean isStrictIpv4(String value) {
    String[] parts = value.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
          || (part.length() > 1 && part.charAt(0) == '0') || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv6(String value) {
    String head = value;
    int lastColon = value.lastIndexOf(':');
    String tail = value.substring(lastColon + 1);
    if (tail.indexOf('.') >= 0) {
      if (!isStrictIpv4(tail)) {
        return false;
      }
      // an embedded IPv4 address stands for the last two groups
      head = value.substring(0, lastColon + 1) + "0:0";
    }
    int groupsNeeded = 8;
    int doubleColon = head.indexOf("::");
    if (doubleColon >= 0 && head.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    List<String> groups = new ArrayList<>();
    if (doubleColon >= 0) {
      String left = head.substring(0, doubleColon);
      String right = head.substring(doubleColon + 2);
      int count = 0;
      for (String side : new String[] {left, right}) {
        if (side.isEmpty()) {
          continue;
        }
        for (String group : side.split(":", -1)) {
          groups.add(group);
          count++;
        }
      }
      if (count >= groupsNeeded) {
        return false;
      }
    } else {
      if (head.isEmpty()) {
        return groupsNeeded == 0;
      }
      for (String group : head.split(":", -1)) {
        groups.add(group);
      }
      if (groups.size() != groupsNeeded) {
        return false;
      }
    }
    for (String group : groups) {
      if (group.isEmpty() || group.length() > 4 || !group.chars().allMatch(IstioFormats::isHexDigit)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** {@code agent.ValidatePort}: 1 to 65535. */
  static List<String> port(long number) {
    return number >= 1 && number <= 65_535 ? List.of() : List.of("must be a port number from 1 to 65535");
  }

  /** {@code ValidateUnixAddress}: an abstract socket ("@name") or an absolute path not ending in '/'. */
  static List<String> unixAddress(String path) {
    if (path.isEmpty()) {
      return List.of("has an empty socket path after \"unix://\"");
    }
    if (path.startsWith("@")) {
      return List.of();
    }
    if (!path.startsWith("/") || path.endsWith("/")) {
      return List.of("must name a socket by absolute file path (\"unix:///var/run/app.sock\") or abstract name "
          + "(\"unix://@app\")");
    }
    return List.of();
  }

  // ================================================================= durations

  /**
   * Go's {@code time.ParseDuration}, as Istio reads duration fields: the nanoseconds, or null when
   * unparsable or beyond Go's range (about 292 years).
   */
  static Long durationNanos(String text) {
    if (text == null) {
      return null;
    }
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0L;
    }
    if (s.isEmpty()) {
      return null;
    }
    BigInteger total = BigInteger.ZERO;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (!(c == '.' || (c >= '0' && c <= '9'))) {
        return null;
      }
      int start = i;
      while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
        i++;
      }
      String whole = s.substring(start, i);
      String fraction = "";
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fractionStart = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          i++;
        }
        fraction = s.substring(fractionStart, i);
      }
      if (whole.isEmpty() && fraction.isEmpty()) {
        return null;
      }
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !(s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
        i++;
      }
      Long unit = unitNanos(s.substring(unitStart, i));
      if (unit == null) {
        return null;
      }
      BigInteger wholeValue = whole.isEmpty() ? BigInteger.ZERO : new BigInteger(whole);
      BigInteger value = wholeValue.multiply(BigInteger.valueOf(unit));
      if (!fraction.isEmpty()) {
        value = value.add(new BigDecimal("0." + fraction).multiply(BigDecimal.valueOf(unit))
            .setScale(0, RoundingMode.DOWN).toBigInteger());
      }
      total = total.add(value);
      if (total.compareTo(BigInteger.ONE.shiftLeft(63)) > 0) {
        return null;
      }
    }
    if (negative) {
      return total.negate().longValueExact();
    }
    return total.bitLength() > 63 ? null : total.longValue();
  }

  private static Long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "\u00b5s", "\u03bcs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> null;
    };
  }

  /** {@link #durationNanos} in whole milliseconds (truncated toward zero), or null when unparsable. */
  static Long durationMillis(String text) {
    Long nanos = durationNanos(text);
    return nanos == null ? null : nanos / 1_000_000L;
  }

  /** {@code agent.ValidateDuration} on a duration field: parsable, at least 1ms, whole milliseconds. */
  static List<String> duration(String text) {
    Long nanos = durationNanos(text);
    if (nanos == null) {
      return List.of("is not " + DURATION_TEXT);
    }
    if (nanos < 1_000_000L) {
      return List.of("must be at least 1ms");
    }
    if (nanos % 1_000_000L != 0) {
      return List.of("must be a whole number of milliseconds (Istio supports millisecond precision only)");
    }
    return List.of();
  }

  // ================================================================= labels and headers

  /** {@code labels.validateTagKey}: an optional DNS-name prefix and '/', then a name of up to 63 characters. */
  static List<String> labelKey(String key) {
    if (key != null && key.length() > LABEL_PREFIX_MAX + 1 + LABEL_MAX) {
      // too long either way; not matched: java.util.regex recurses once per label of the prefix,
      // and a key of a few thousand labels overflows the stack
      int slash = key.lastIndexOf('/');
      return List.of(slash > LABEL_PREFIX_MAX ? "has a DNS prefix longer than " + LABEL_PREFIX_MAX + " characters"
          : "has a name longer than " + LABEL_MAX + " characters");
    }
    var m = LABEL_KEY.matcher(key == null ? "" : key);
    if (!m.matches()) {
      return List.of("is not a valid label key: an optional DNS prefix and '/', then letters, digits, '-', '_' or "
          + "'.', starting and ending with a letter or digit (e.g. \"app\" or \"example.com/tier\")");
    }
    if (m.group(1) != null && m.group(1).length() - 1 > LABEL_PREFIX_MAX) {
      return List.of("has a DNS prefix longer than " + LABEL_PREFIX_MAX + " characters");
    }
    if (m.group(2).length() > LABEL_MAX) {
      return List.of("has a name longer than " + LABEL_MAX + " characters");
    }
    return List.of();
  }

  /** {@code labels.labelValueRegexp}: empty, or letters, digits, '-', '_', '.', alphanumeric at both ends. */
  static List<String> labelValue(String value) {
    return LABEL_VALUE.matcher(value == null ? "" : value).matches() ? List.of()
        : List.of("is not a valid label value: empty, or letters, digits, '-', '_' or '.', starting and ending with "
            + "a letter or digit");
  }

  /** {@code labels.Instance.Validate}: reports each bad key and value of {@code labels} at {@code path[key]}. */
  static void labels(Check check, String rule, String path, Map<String, String> labels) {
    if (labels == null) {
      return;
    }
    for (var entry : new TreeMap<>(nullSafe(labels)).entrySet()) {
      String keyPath = path + "[" + entry.getKey() + "]";
      for (String problem : labelKey(entry.getKey())) {
        check.error(rule, keyPath, "label key " + Messages.quote(entry.getKey()) + " " + problem);
      }
      for (String problem : labelValue(entry.getValue())) {
        check.error(rule, keyPath, "label value " + Messages.quote(entry.getValue()) + " " + problem);
      }
    }
  }

  /**
   * {@code validateWorkloadSelector} (and {@code ValidateAlphaWorkloadSelector}): no empty keys, no '*'
   * in keys or values; a selector without labels is only warned about (it selects every workload).
   */
  static void workloadSelector(Check check, String rule, String path, Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      check.warning(rule, path, "has no labels, so it selects every workload in the namespace; add labels "
          + "(e.g. app: web) or drop the selector");
      return;
    }
    for (var entry : new TreeMap<>(nullSafe(labels)).entrySet()) {
      String key = entry.getKey();
      String value = entry.getValue() == null ? "" : entry.getValue();
      String keyPath = path + "[" + key + "]";
      if (key.isEmpty()) {
        check.error(rule, keyPath, "an empty label key is not supported in a selector (" + Messages.quote("=" + value)
            + ")");
      }
      if (key.contains("*") || value.contains("*")) {
        check.error(rule, keyPath, Messages.quote(key + "=" + value)
            + " uses a wildcard, which selectors do not support; name exact label keys and values");
      }
    }
  }

  private static Map<String, String> nullSafe(Map<String, String> map) {
    Map<String, String> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(k == null ? "" : k, v == null ? "" : v));
    return out;
  }

  /** True for a JWT claim route key ({@code jwt.ToRoutingClaim}): "@request.auth.claims.x" or "...claims[x]". */
  static boolean isJwtClaimRoute(String name) {
    if (name == null || !name.toLowerCase(Locale.ROOT).startsWith(JWT_CLAIM_PREFIX)) {
      return false;
    }
    String rest = name.substring(JWT_CLAIM_PREFIX.length());
    return (rest.startsWith(".") && rest.length() > 1)
        || (rest.startsWith("[") && rest.endsWith("]") && rest.length() > 2);
  }

  /**
   * {@code ValidateHTTPHeaderNameOrJwtClaimRoute}: a header name to match on: RFC 7230 token
   * characters, an HTTP/2 pseudo-header, or a JWT claim route.
   */
  static List<String> matchHeaderName(String name) {
    if (name == null || name.isEmpty()) {
      return List.of("is empty; a header name is required");
    }
    if (isJwtClaimRoute(name) || List.of(":method", ":scheme", ":authority", ":path", ":status").contains(name)) {
      return List.of();
    }
    return HEADER_NAME.matcher(name).matches() ? List.of()
        : List.of("is not a valid header name: use letters, digits and !#$%&'*+-.^_`|~ only (e.g. \"x-user\")");
  }

  /** {@code ValidateCORSHTTPHeaderName}: token characters, or "*". */
  static List<String> corsHeaderName(String name) {
    if (name == null || name.isEmpty()) {
      return List.of("is empty; a header name is required");
    }
    return name.equals("*") || HEADER_NAME.matcher(name).matches() ? List.of()
        : List.of("is not a valid header name: use \"*\" or letters, digits and !#$%&'*+-.^_`|~ only");
  }

  /**
   * The header name of a set/add operation ({@code ValidateHTTPHeaderWithAuthorityOperationName}, when
   * {@code request} and {@code adding}) or of a remove or response operation
   * ({@code ValidateHTTPHeaderOperationName}).
   */
  static List<String> operationHeaderName(String name, boolean requestAdd) {
    if (name == null || name.isEmpty()) {
      return List.of("is empty; a header name is required");
    }
    boolean authority = name.equalsIgnoreCase(":authority") || name.equalsIgnoreCase("host");
    if (requestAdd) {
      return (name.startsWith(":") || name.equalsIgnoreCase("host")) && !authority
          ? List.of("is a pseudo-header (leading ':'), which cannot be set; only \":authority\" or \"host\" may be")
          : List.of();
    }
    if (name.equalsIgnoreCase("host")) {
      return List.of("cannot be changed here: the Host header can be set only on requests (set or add)");
    }
    if (name.startsWith(":")) {
      return List.of("is a pseudo-header (leading ':'), which cannot be changed here");
    }
    return List.of();
  }

  /**
   * {@code ValidateHTTPHeaderValue}: no control characters but tab, and Envoy's %VARIABLE% syntax well
   * formed (a literal '%' is written "%%"), as Envoy's {@code header_parser.cc} reads it.
   */
  static List<String> headerValue(String value) {
    String v = value == null ? "" : value;
    if (!HEADER_VALUE.matcher(v).matches()) {
      return List.of("contains a control character, which a header value cannot hold");
    }
    String problem = headerValueSyntax(v);
    return problem == null ? List.of() : List.of(problem + "; write a literal '%' as \"%%\"");
  }

  private static String headerValueSyntax(String v) {
    final int literal = 0;
    final int variable = 1;
    final int expectArray = 2;
    final int expectString = 3;
    final int string = 4;
    final int expectDelimiter = 5;
    final int expectArgsEnd = 6;
    final int expectVariableEnd = 7;
    int state = literal;
    for (int pos = 0; pos < v.length(); pos++) {
      char ch = v.charAt(pos);
      boolean hasNext = pos + 1 < v.length();
      switch (state) {
        case literal -> {
          if (ch == '%') {
            if (!hasNext) {
              return "has an unescaped '%' at the end";
            }
            if (v.charAt(pos + 1) == '%') {
              pos++;
            } else {
              state = variable;
            }
          }
        }
        case variable -> {
          if (ch == '%') {
            state = literal;
          } else if (ch == '(') {
            state = expectArray;
          }
        }
        case expectArray -> {
          if (ch == '[') {
            state = expectString;
          } else if (ch != ' ') {
            state = string;
          }
        }
        case expectDelimiter -> {
          if (ch == ',') {
            state = expectString;
          } else if (ch == ']') {
            state = expectArgsEnd;
          } else if (ch != ' ') {
            return "expects ',', ']' or a space at offset " + pos;
          }
        }
        case expectString -> {
          if (ch == '"') {
            state = string;
          } else if (ch != ' ') {
            return "expects '\"' at offset " + pos;
          }
        }
        case string -> {
          if (ch == '\\') {
            if (!hasNext) {
              return "ends inside a backslash escape";
            }
            pos++;
          } else if (ch == ')') {
            state = expectVariableEnd;
          } else if (ch == '"') {
            state = expectDelimiter;
          }
        }
        case expectArgsEnd -> {
          if (ch == ')') {
            state = expectVariableEnd;
          } else if (ch != ' ') {
            return "expects ')' at offset " + pos;
          }
        }
        default -> {
          if (ch == '%') {
            state = literal;
          } else if (ch != ' ') {
            return "expects '%' at offset " + pos;
          }
        }
      }
    }
    return state == literal ? null : "has an unterminated %VARIABLE% expression";
  }

  // ================================================================= regular expressions

  /**
   * {@code validateStringRegexp}: at most 1024 characters and valid RE2 syntax. RE2 is approximated by
   * Java's regex engine after rejecting what RE2 lacks (backreferences, lookaround, atomic groups,
   * possessive quantifiers, repeat counts over 1000) and translating what Java reads differently
   * (named groups {@code (?P<n>...)}, a literal '{'); a few exotic differences remain.
   */
  static List<String> regex(String re) {
    String value = re == null ? "" : re;
    if (value.length() > REGEX_MAX) {
      return List.of("is longer than " + REGEX_MAX + " characters, the limit for a regular expression");
    }
    String problem = re2Problem(value);
    if (problem == null) {
      try {
        Pattern.compile(toJava(value));
      } catch (PatternSyntaxException e) {
        problem = e.getDescription() + " near index " + e.getIndex();
      }
    }
    return problem == null ? List.of()
        : List.of("is not a valid regular expression (" + problem + "); Istio uses RE2 syntax "
            + "(https://github.com/google/re2/wiki/Syntax)");
  }

  private static String re2Problem(String re) {
    boolean inClass = false;
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        if (i + 1 < re.length()) {
          char next = re.charAt(i + 1);
          if (!inClass && next >= '1' && next <= '9') {
            return "backreference \\" + next + " is not supported";
          }
          if (next == 'Z' || next == 'G' || next == 'k') {
            return "escape \\" + next + " is not supported";
          }
        }
        i++;
        continue;
      }
      if (inClass) {
        if (c == ']') {
          inClass = false;
        }
        continue;
      }
      if (c == '[') {
        inClass = true;
        if (i + 1 < re.length() && re.charAt(i + 1) == '^') {
          i++;
        }
        if (i + 1 < re.length() && re.charAt(i + 1) == ']') {
          i++;
        }
        continue;
      }
      if (c == '(' && re.startsWith("(?", i)) {
        if (re.startsWith("(?=", i) || re.startsWith("(?!", i) || re.startsWith("(?<=", i)
            || re.startsWith("(?<!", i)) {
          return "lookaround (?=, (?!, (?<=, (?<! is not supported";
        }
        if (re.startsWith("(?>", i)) {
          return "atomic group (?> is not supported";
        }
      }
      if ((c == '*' || c == '+' || c == '?' || c == '}') && i + 1 < re.length() && re.charAt(i + 1) == '+') {
        return "possessive quantifier " + c + "+ is not supported";
      }
      if (c == '{') {
        var m = Pattern.compile("\\{(\\d+)(,(\\d*))?}").matcher(re).region(i, re.length());
        if (m.lookingAt()) {
          if (m.group(1).length() > 4 || Integer.parseInt(m.group(1)) > 1000
              || (m.group(3) != null && !m.group(3).isEmpty()
                  && (m.group(3).length() > 4 || Integer.parseInt(m.group(3)) > 1000))) {
            return "repeat count over 1000 in " + m.group();
          }
        }
      }
    }
    return null;
  }

  /** RE2 syntax rewritten for Java: named groups made non-capturing names, a literal '{' escaped. */
  private static String toJava(String re) {
    StringBuilder out = new StringBuilder();
    boolean inClass = false;
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\' && i + 1 < re.length()) {
        out.append(c).append(re.charAt(++i));
        continue;
      }
      if (inClass) {
        if (c == ']') {
          inClass = false;
        } else if (re.startsWith("[:", i) && re.indexOf(":]", i + 2) > 0) {
          int end = re.indexOf(":]", i + 2);
          out.append(posixClass(re.substring(i + 2, end)));
          i = end + 1;
          continue;
        } else if (c == '[' || c == '&') {
          out.append('\\');
        }
        out.append(c);
        continue;
      }
      if (c == '[') {
        inClass = true;
        out.append(c);
        if (i + 1 < re.length() && re.charAt(i + 1) == '^') {
          out.append(re.charAt(++i));
        }
        if (i + 1 < re.length() && re.charAt(i + 1) == ']') {
          out.append("\\]");
          i++;
        }
        continue;
      }
      if (c == '(' && (re.startsWith("(?P<", i) || (re.startsWith("(?<", i) && !re.startsWith("(?<=", i)
          && !re.startsWith("(?<!", i)))) {
        int close = re.indexOf('>', i);
        if (close > 0) {
          out.append("(?:");
          i = close;
          continue;
        }
      }
      if (c == '{' && !Pattern.compile("\\{\\d+(,\\d*)?}").matcher(re).region(i, re.length()).lookingAt()) {
        out.append("\\{");
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }

  /** A POSIX class of RE2 ("alpha", "^digit") as Java writes it; unknown names stay invalid. */
  private static String posixClass(String name) {
    boolean negated = name.startsWith("^");
    String bare = negated ? name.substring(1) : name;
    String java = switch (bare) {
      case "alnum" -> "Alnum";
      case "alpha" -> "Alpha";
      case "ascii" -> "ASCII";
      case "blank" -> "Blank";
      case "cntrl" -> "Cntrl";
      case "digit" -> "Digit";
      case "graph" -> "Graph";
      case "lower" -> "Lower";
      case "print" -> "Print";
      case "punct" -> "Punct";
      case "space" -> "Space";
      case "upper" -> "Upper";
      case "xdigit" -> "XDigit";
      case "word" -> null;
      default -> "Unknown_POSIX_class_" + bare;
    };
    if (java == null) {
      return negated ? "\\W" : "\\w";
    }
    return (negated ? "\\P{" : "\\p{") + java + "}";
  }

  // ================================================================= protocols, retries, statuses

  /** {@code protocol.Parse}: the canonical name of a protocol, matched case-insensitively, or null. */
  static String protocol(String name) {
    if (name == null) {
      return null;
    }
    for (String protocol : PROTOCOLS) {
      if (protocol.equalsIgnoreCase(name)) {
        return protocol;
      }
    }
    return null;
  }

  /** {@code protocol.Instance.IsHTTP}: HTTP, HTTP2, HTTP_PROXY, GRPC, GRPC-Web. */
  static boolean isHttp(String name) {
    String protocol = protocol(name);
    return protocol != null && HTTP_PROTOCOLS.contains(protocol);
  }

  /** {@code protocol.Instance.IsTLS}: HTTPS, TLS. */
  static boolean isTls(String name) {
    String protocol = protocol(name);
    return protocol != null && TLS_PROTOCOLS.contains(protocol);
  }

  /** {@code protocol.Instance.IsTCP}: TCP, HTTPS, TLS, Mongo, Redis, MySQL. */
  static boolean isTcp(String name) {
    String protocol = protocol(name);
    return protocol != null && TCP_PROTOCOLS.contains(protocol);
  }

  /** Go's {@code http.StatusText(code) != ""}. */
  static boolean isHttpStatusCode(int code) {
    return HTTP_STATUS_CODES.contains(code);
  }

  /**
   * {@code validateHTTPRetry}'s retryOn: the comma-separated policies (split as written, so a space
   * makes a policy unknown) that are neither Envoy retry policies nor HTTP status codes Go knows.
   */
  static List<String> badRetryOn(String retryOn) {
    List<String> bad = new ArrayList<>();
    for (String policy : retryOn.split(",", -1)) {
      if (RETRY_ON_POLICIES.contains(policy)) {
        continue;
      }
      if (isGoInteger(policy)) {
        long code = Long.parseLong(policy);
        if (code >= 100 && code < 600 && isHttpStatusCode((int) code)) {
          continue;
        }
      }
      bad.add(policy);
    }
    return bad;
  }

  /** {@code security.IsValidCipherSuite}: empty, "ALL", an expression led by a symbol, or a known suite. */
  static boolean isValidCipherSuite(String suite) {
    if (suite == null || suite.isEmpty() || suite.equals("ALL")) {
      return true;
    }
    if (!Character.isLetterOrDigit(suite.codePointAt(0))) {
      return true;
    }
    return CIPHER_SUITES.contains(suite);
  }

  // ================================================================= exportTo

  /**
   * {@code validateExportTo}: each entry ".", "*", a namespace (a DNS-1123 label), or for ServiceEntries
   * "~"; no duplicates ("." counts as the object's own namespace); "*" and "~" alone; a DestinationRule
   * with a workload selector exported only to its own namespace.
   *
   * @param namespace the object's namespace, or null when unknown (then "." is distinct from names)
   */
  static void exportTo(Check check, String rule, String namespace, List<String> exportTo, boolean serviceEntry,
      boolean destinationRuleWithSelector) {
    if (exportTo == null || exportTo.isEmpty()) {
      return;
    }
    String ns = namespace == null || namespace.isEmpty() ? null : namespace;
    List<String> keys = new ArrayList<>();
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < exportTo.size(); i++) {
      String entry = exportTo.get(i) == null ? "" : exportTo.get(i);
      String path = "spec.exportTo[" + i + "]";
      String key = entry.equals(".") && ns != null ? ns : entry;
      int earlier = keys.indexOf(key);
      if (earlier >= 0) {
        String before = entries.get(earlier);
        check.error(rule, path, Messages.quote(entry) + (before.equals(entry) ? " is listed twice"
            : " is the object's own namespace " + Messages.quote(ns) + ", already listed as "
                + Messages.quote(before)) + "; list each entry once");
        continue;
      }
      if (entry.equals("~")) {
        if (!serviceEntry) {
          check.error(rule, path, "\"~\" (export to no one) is allowed only for ServiceEntries; use \".\" to keep "
              + "this object in its namespace");
          continue;
        }
      } else if (!entry.equals(".") && !entry.equals("*") && !isDns1123Label(key)) {
        check.error(rule, path, Messages.quote(entry) + " must be \".\" (this namespace), \"*\" (all namespaces)"
            + (serviceEntry ? ", \"~\" (no one)" : "") + " or a namespace name (a DNS-1123 label)");
        continue;
      }
      keys.add(key);
      entries.add(entry);
    }
    if (destinationRuleWithSelector && !keys.isEmpty()) {
      boolean own = keys.contains(ns == null ? "." : ns);
      if (!own) {
        check.error(rule, "spec.exportTo", Messages.list(exportTo) + " exports beyond the DestinationRule's own "
            + "namespace, which a DestinationRule with a workloadSelector cannot; use [\".\"]");
      } else if (keys.size() > 1) {
        check.error(rule, "spec.exportTo", Messages.list(exportTo) + " has several entries; a DestinationRule with "
            + "a workloadSelector may list only its own namespace (\".\")");
      }
    }
    if (keys.contains("*") && exportTo.size() > 1) {
      check.error(rule, "spec.exportTo", Messages.list(exportTo) + " mixes \"*\" (all namespaces) with other "
          + "entries; use [\"*\"] alone");
    }
    if (keys.contains("~") && exportTo.size() > 1) {
      check.error(rule, "spec.exportTo", Messages.list(exportTo) + " mixes \"~\" (no one) with other entries; "
          + "use [\"~\"] alone");
    }
  }
}
