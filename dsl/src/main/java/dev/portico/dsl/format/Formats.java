package dev.portico.dsl.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name and value formats of Kubernetes' apimachinery ({@code k8s.io/apimachinery/pkg/util/validation}),
 * shared by the synthesizer, {@code portico validate} and the annotation processor so that they cannot
 * drift apart. Each check returns what is wrong, one phrase a problem ("must be ..."), empty when the
 * value is accepted; the caller names the field and quotes the value.
 */
public final class Formats {
  /** Longest DNS-1123 or DNS-1035 label. */
  public static final int DNS_LABEL_MAX = 63;
  /** Longest DNS-1123 subdomain. */
  public static final int DNS_SUBDOMAIN_MAX = 253;
  /** Longest qualified-name part and label value. */
  public static final int QUALIFIED_NAME_MAX = 63;
  /** Longest IANA service (port) name. */
  public static final int PORT_NAME_MAX = 15;

  private static final Pattern PORT_NAME_CHARS = Pattern.compile("[-a-z0-9]+");
  private static final Pattern PORT_NAME_LETTER = Pattern.compile("[a-z]");
  private static final Pattern IPV4 = Pattern.compile("([0-9]+)\\.([0-9]+)\\.([0-9]+)\\.([0-9]+)");

  static final String DNS1123_LABEL_TEXT =
      "a DNS-1123 label (lowercase letters, digits, '-'; starting and ending with a letter or digit)";
  static final String DNS1123_SUBDOMAIN_TEXT =
      "a DNS-1123 subdomain (lowercase letters, digits, '-' and '.'; each part starting and ending with a letter or digit)";
  static final String DNS1035_LABEL_TEXT =
      "a DNS-1035 label (lowercase letters, digits, '-'; starting with a letter, ending with a letter or digit)";
  static final String QUALIFIED_NAME_TEXT =
      "a qualified name (letters, digits, '-', '_' or '.', starting and ending with a letter or digit; "
          + "optionally prefixed by a DNS subdomain and '/', e.g. 'example.com/my-name')";

  private Formats() {}

  /** {@code IsDNS1123Label}: {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}, at most 63 characters. */
  public static List<String> dns1123Label(String value) {
    List<String> problems = new ArrayList<>(2);
    if (isDns1123Label(value, 0, value.length()) && byteLength(value) <= DNS_LABEL_MAX) {
      return List.of();
    }
    maxLength(value, DNS_LABEL_MAX, problems);
    if (!isDns1123Label(value, 0, value.length())) {
      problems.add(isDns1123Subdomain(value)
          ? "must not contain dots (a DNS-1123 label)"
          : "must be " + DNS1123_LABEL_TEXT);
    }
    return problems;
  }

  /** {@code IsDNS1123Subdomain}: DNS-1123 labels joined by '.', at most 253 characters. */
  public static List<String> dns1123Subdomain(String value) {
    if (isDns1123Subdomain(value) && byteLength(value) <= DNS_SUBDOMAIN_MAX) {
      return List.of();
    }
    List<String> problems = new ArrayList<>(2);
    maxLength(value, DNS_SUBDOMAIN_MAX, problems);
    if (!isDns1123Subdomain(value)) {
      problems.add("must be " + DNS1123_SUBDOMAIN_TEXT);
    }
    return problems;
  }

  /** {@code IsDNS1035Label}: {@code [a-z]([-a-z0-9]*[a-z0-9])?}, at most 63 characters. */
  public static List<String> dns1035Label(String value) {
    if (isDns1035Label(value) && byteLength(value) <= DNS_LABEL_MAX) {
      return List.of();
    }
    List<String> problems = new ArrayList<>(2);
    maxLength(value, DNS_LABEL_MAX, problems);
    if (!isDns1035Label(value)) {
      problems.add("must be " + DNS1035_LABEL_TEXT);
    }
    return problems;
  }

  /** {@code IsWildcardDNS1123Subdomain}: {@code *.} followed by a DNS-1123 subdomain, at most 253 characters. */
  public static List<String> wildcardDns1123Subdomain(String value) {
    List<String> problems = new ArrayList<>(2);
    maxLength(value, DNS_SUBDOMAIN_MAX, problems);
    if (!value.startsWith("*.") || !isDns1123Subdomain(value.substring(2))) {
      problems.add("must be a wildcard DNS-1123 subdomain: '*.' followed by a DNS-1123 subdomain");
    }
    return problems;
  }

  /**
   * {@code IsQualifiedName}: an optional DNS-1123-subdomain prefix and '/', then a name of at most 63
   * characters matching {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}. Label keys, annotation keys
   * (lower-cased first) and appProtocol use it.
   */
  public static List<String> qualifiedName(String value) {
    int slash = value.indexOf('/');
    if (slash < 0 ? isQualifiedNamePart(value) && byteLength(value) <= QUALIFIED_NAME_MAX
        : value.indexOf('/', slash + 1) < 0 && slash > 0 && isDns1123Subdomain(value.substring(0, slash))
            && byteLength(value.substring(0, slash)) <= DNS_SUBDOMAIN_MAX
            && isQualifiedNamePart(value.substring(slash + 1))
            && byteLength(value.substring(slash + 1)) <= QUALIFIED_NAME_MAX) {
      return List.of();
    }
    List<String> problems = new ArrayList<>(2);
    String[] parts = value.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        problems.add("must have a non-empty prefix before '/'");
      } else {
        for (String problem : dns1123Subdomain(prefix)) {
          problems.add("prefix part " + problem);
        }
      }
    } else {
      problems.add("must be " + QUALIFIED_NAME_TEXT + " with at most one '/'");
      return problems;
    }
    if (name.isEmpty()) {
      problems.add("name part must be non-empty");
    } else {
      if (byteLength(name) > QUALIFIED_NAME_MAX) {
        problems.add("name part must be no more than " + QUALIFIED_NAME_MAX + " characters (it has " + byteLength(name) + ")");
      }
      if (!isQualifiedNamePart(name)) {
        problems.add("name part must be " + QUALIFIED_NAME_TEXT);
      }
    }
    return problems;
  }

  /** {@code IsValidLabelValue}: empty, or at most 63 characters matching the qualified-name part. */
  public static List<String> labelValue(String value) {
    if ((value.isEmpty() || isQualifiedNamePart(value)) && byteLength(value) <= QUALIFIED_NAME_MAX) {
      return List.of();
    }
    List<String> problems = new ArrayList<>(2);
    maxLength(value, QUALIFIED_NAME_MAX, problems);
    if (!value.isEmpty() && !isQualifiedNamePart(value)) {
      problems.add("must be empty or a label value (letters, digits, '-', '_' or '.', "
          + "starting and ending with a letter or digit)");
    }
    return problems;
  }

  /**
   * {@code IsValidPortName}: an IANA service name, at most 15 characters of {@code [-a-z0-9]} with
   * at least one letter, no "--", and no '-' at either end.
   */
  public static List<String> ianaServiceName(String value) {
    List<String> problems = new ArrayList<>(4);
    if (byteLength(value) > PORT_NAME_MAX) {
      problems.add("must be no more than " + PORT_NAME_MAX + " characters (an IANA service name; it has " + byteLength(value) + ")");
    }
    if (!PORT_NAME_CHARS.matcher(value).matches()) {
      problems.add("must contain only lowercase letters, digits and '-' (an IANA service name)");
    }
    if (!PORT_NAME_LETTER.matcher(value).find()) {
      problems.add("must contain at least one lowercase letter (an IANA service name)");
    }
    if (value.contains("--")) {
      problems.add("must not contain consecutive hyphens (an IANA service name)");
    }
    if (value.startsWith("-") || value.endsWith("-")) {
      problems.add("must not begin or end with a hyphen (an IANA service name)");
    }
    return problems;
  }

  /** {@code IsValidPortNum}: 1 to 65535. */
  public static List<String> portNumber(long port) {
    return port >= 1 && port <= 65_535 ? List.of() : List.of("must be between 1 and 65535, inclusive");
  }

  /** True for an IPv4 address in dotted-quad form or an IPv6 address, as Go's {@code net.ParseIP} accepts. */
  public static boolean isIp(String value) {
    return isIpv4(value) || isIpv6(value);
  }

  /**
   * True for a dotted-quad IPv4 address. Like {@code netutils.ParseIPSloppy}, which Kubernetes uses
   * for Service IP fields while {@code StrictIPCIDRValidation} is off (its default), leading zeros are
   * accepted and read as decimal; see {@link #hasLeadingZeros(String)}.
   */
  public static boolean isIpv4(String value) {
    var m = IPV4.matcher(value);
    if (!m.matches()) {
      return false;
    }
    for (int i = 1; i <= 4; i++) {
      String octet = m.group(i).replaceFirst("^0+(?=.)", "");
      if (octet.length() > 3 || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /** True when an IPv4 address (or the IPv4 part of a CIDR) has an octet with a leading zero, e.g. {@code 010.0.0.1}. */
  public static boolean hasLeadingZeros(String value) {
    int slash = value.indexOf('/');
    String address = slash < 0 ? value : value.substring(0, slash);
    var m = IPV4.matcher(address);
    if (!m.matches()) {
      return false;
    }
    for (int i = 1; i <= 4; i++) {
      if (m.group(i).length() > 1 && m.group(i).charAt(0) == '0') {
        return true;
      }
    }
    return false;
  }

  /** True for an IPv6 address in any textual form, including an embedded dotted-quad IPv4 tail; no zone. */
  public static boolean isIpv6(String value) {
    if (value.isEmpty() || value.indexOf(':') < 0) {
      return false;
    }
    int lastColon = value.lastIndexOf(':');
    String head = value;
    String tail = value.substring(lastColon + 1);
    if (tail.indexOf('.') >= 0) {
      if (!isIpv4(tail)) {
        return false;
      }
      head = value.substring(0, lastColon + 1) + "0:0";
    }
    int doubleColon = head.indexOf("::");
    if (doubleColon >= 0 && head.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String[] groups;
    if (doubleColon >= 0) {
      String left = head.substring(0, doubleColon);
      String right = head.substring(doubleColon + 2);
      String[] l = left.isEmpty() ? new String[0] : left.split(":", -1);
      String[] r = right.isEmpty() ? new String[0] : right.split(":", -1);
      if (l.length + r.length > 7) {
        return false;
      }
      groups = new String[l.length + r.length];
      System.arraycopy(l, 0, groups, 0, l.length);
      System.arraycopy(r, 0, groups, l.length, r.length);
    } else {
      groups = head.split(":", -1);
      if (groups.length != 8) {
        return false;
      }
    }
    for (String group : groups) {
      if (group.isEmpty() || group.length() > 4) {
        return false;
      }
      for (int i = 0; i < group.length(); i++) {
        if (!isAsciiHexDigit(group.charAt(i))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isAsciiHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** True for a CIDR such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}, as Go's {@code net.ParseCIDR} accepts. */
  public static boolean isCidr(String value) {
    int slash = value.indexOf('/');
    if (slash < 0 || slash != value.lastIndexOf('/')) {
      return false;
    }
    String address = value.substring(0, slash);
    String bits = value.substring(slash + 1);
    // ASCII digits only; like ParseCIDRSloppy, leading zeros are read as decimal ("/016" is 16)
    if (bits.isEmpty() || !bits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    bits = bits.replaceFirst("^0+(?=.)", "");
    if (bits.length() > 3) {
      return false;
    }
    int prefix = Integer.parseInt(bits);
    if (isIpv4(address)) {
      return prefix <= 32;
    }
    return isIpv6(address) && prefix <= 128;
  }

  /**
   * A DNS-1123 label close to {@code value}, for a finding's "try": lower-cased, other characters
   * turned into '-', trimmed to 63 characters and to letters or digits at both ends; empty when
   * nothing of the value is usable.
   */
  public static String suggestDns1123Label(String value) {
    String lower = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-");
    if (lower.length() > DNS_LABEL_MAX) {
      lower = lower.substring(0, DNS_LABEL_MAX);
    }
    return lower.replaceAll("^-+", "").replaceAll("-+$", "");
  }

  private static void maxLength(String value, int max, List<String> problems) {
    int length = byteLength(value);
    if (length > max) {
      problems.add("must be no more than " + max + " characters (it has " + length + ")");
    }
  }

  /** The length Kubernetes measures: UTF-8 bytes, as Go's {@code len}. */
  public static int byteLength(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= 0x80) {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      }
    }
    return value.length(); // ASCII: one byte a character
  }

  // Hand-written matchers for the apimachinery regular expressions: these run for every name of every object.

  /** {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?} on {@code value[from, to)}. */
  private static boolean isDns1123Label(String value, int from, int to) {
    if (from >= to || !isLowerAlphanumeric(value.charAt(from)) || !isLowerAlphanumeric(value.charAt(to - 1))) {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      char c = value.charAt(i);
      if (!isLowerAlphanumeric(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** DNS-1123 labels joined by '.'. */
  private static boolean isDns1123Subdomain(String value) {
    int start = 0;
    while (true) {
      int dot = value.indexOf('.', start);
      int end = dot < 0 ? value.length() : dot;
      if (!isDns1123Label(value, start, end)) {
        return false;
      }
      if (dot < 0) {
        return true;
      }
      start = dot + 1;
    }
  }

  /** {@code [a-z]([-a-z0-9]*[a-z0-9])?}. */
  private static boolean isDns1035Label(String value) {
    return !value.isEmpty() && value.charAt(0) >= 'a' && value.charAt(0) <= 'z'
        && isDns1123Label(value, 0, value.length());
  }

  /** {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}. */
  private static boolean isQualifiedNamePart(String value) {
    int length = value.length();
    if (length == 0 || !isAlphanumeric(value.charAt(0)) || !isAlphanumeric(value.charAt(length - 1))) {
      return false;
    }
    for (int i = 1; i < length - 1; i++) {
      char c = value.charAt(i);
      if (!isAlphanumeric(c) && c != '-' && c != '_' && c != '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean isAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
