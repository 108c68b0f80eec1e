package dev.portico.dsl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The apimachinery formats, with the edge cases of {@code k8s.io/apimachinery/pkg/util/validation}
 * and of the sloppy IP parser ({@code k8s.io/utils/net.ParseIPSloppy}) Kubernetes uses for Service
 * fields.
 */
class FormatsTest {

  private static String repeat(char c, int n) {
    return String.valueOf(c).repeat(n);
  }

  /** {@code count} labels of {@code width} 'a's joined by dots. */
  private static String subdomain(int count, int width) {
    return String.join(".", java.util.Collections.nCopies(count, repeat('a', width)));
  }

  private static void accepted(Function<String, List<String>> check, String value) {
    assertEquals(List.of(), check.apply(value), () -> "expected " + quote(value) + " to be accepted");
  }

  /** Rejected, with exactly {@code count} problems, the first containing {@code phrase}. */
  private static void rejected(Function<String, List<String>> check, String value, int count, String phrase) {
    List<String> problems = check.apply(value);
    assertEquals(count, problems.size(), () -> quote(value) + " gave " + problems);
    assertTrue(problems.stream().anyMatch(p -> p.contains(phrase)),
        () -> quote(value) + " gave " + problems + ", none containing " + quote(phrase));
  }

  private static String quote(String value) {
    return "\"" + value + "\"";
  }

  // ---------------------------------------------------------------- DNS-1123 label

  @ParameterizedTest
  @ValueSource(strings = {"a", "0", "my-name", "123-abc", "a-b-c", "a1", "1a", "x--y"})
  void dns1123LabelAccepts(String value) {
    accepted(Formats::dns1123Label, value);
  }

  @Test
  void dns1123LabelAcceptsSixtyThreeCharacters() {
    accepted(Formats::dns1123Label, repeat('a', 63));
  }

  @Test
  void dns1123LabelRejectsSixtyFourCharactersWithOnlyTheLengthProblem() {
    rejected(Formats::dns1123Label, repeat('a', 64), 1, "no more than 63 characters (it has 64)");
  }

  @Test
  void dns1123LabelCountsUtf8Bytes() {
    // 62 ASCII characters and one two-byte character: 63 chars but 64 bytes, as Go's len() counts
    String value = repeat('a', 61) + "é" + "a";
    List<String> problems = Formats.dns1123Label(value);
    assertEquals(2, problems.size(), problems::toString);
    assertTrue(problems.get(0).contains("it has 64"), problems::toString);
  }

  @Test
  void dns1123LabelWithDotsSaysSo() {
    rejected(Formats::dns1123Label, "a.b", 1, "must not contain dots");
    rejected(Formats::dns1123Label, "my.name.example", 1, "must not contain dots");
  }

  @Test
  void dns1123LabelLongAndDottedGivesBothProblems() {
    List<String> problems = Formats.dns1123Label(subdomain(3, 30));
    assertEquals(2, problems.size(), problems::toString);
    assertTrue(problems.get(0).contains("no more than 63"));
    assertTrue(problems.get(1).contains("must not contain dots"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-a", "a-", "-", "A", "My-Name", "a_b", "a b", "a.", ".a", "a..b", "é", "a\n"})
  void dns1123LabelRejects(String value) {
    rejected(Formats::dns1123Label, value, 1, "DNS-1123 label");
  }

  // ---------------------------------------------------------------- DNS-1123 subdomain

  @ParameterizedTest
  @ValueSource(strings = {"a", "example.com", "my-db.example.com", "1.2.3.4", "a-1.b-2", "0"})
  void dns1123SubdomainAccepts(String value) {
    accepted(Formats::dns1123Subdomain, value);
  }

  @Test
  void dns1123SubdomainHasNoPerLabelLimit() {
    accepted(Formats::dns1123Subdomain, repeat('a', 100) + ".com");
  }

  @Test
  void dns1123SubdomainLength() {
    String max = subdomain(3, 63) + "." + repeat('a', 61);
    assertEquals(253, max.length());
    accepted(Formats::dns1123Subdomain, max);
    rejected(Formats::dns1123Subdomain, max + "x", 1, "no more than 253 characters (it has 254)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".a", "a.", "a..b", "Example.com", "a_b.com", "-a.com", "a-.com", "a.-b", "*.a.com",
      "a b", "a/b"})
  void dns1123SubdomainRejects(String value) {
    rejected(Formats::dns1123Subdomain, value, 1, "DNS-1123 subdomain");
  }

  // ---------------------------------------------------------------- DNS-1035 label

  @ParameterizedTest
  @ValueSource(strings = {"a", "my-name", "abc-123", "a1", "x--y"})
  void dns1035LabelAccepts(String value) {
    accepted(Formats::dns1035Label, value);
  }

  @Test
  void dns1035LabelLength() {
    accepted(Formats::dns1035Label, repeat('a', 63));
    rejected(Formats::dns1035Label, repeat('a', 64), 1, "no more than 63 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1abc", "0", "-a", "a-", "A", "a.b", "a_b", "web.shop"})
  void dns1035LabelRejects(String value) {
    rejected(Formats::dns1035Label, value, 1, "DNS-1035 label");
  }

  // ---------------------------------------------------------------- wildcard subdomain

  @ParameterizedTest
  @ValueSource(strings = {"*.example.com", "*.a", "*.a-b.c"})
  void wildcardAccepts(String value) {
    accepted(Formats::wildcardDns1123Subdomain, value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "*", "*.", "example.com", "*example.com", "*.*.example.com", "a.*.com", "*.Example.com",
      "**.a.com", ".*.a"})
  void wildcardRejects(String value) {
    rejected(Formats::wildcardDns1123Subdomain, value, 1, "wildcard");
  }

  @Test
  void wildcardLength() {
    String max = "*." + repeat('a', 251);
    accepted(Formats::wildcardDns1123Subdomain, max);
    rejected(Formats::wildcardDns1123Subdomain, max + "a", 1, "no more than 253");
  }

  // ---------------------------------------------------------------- qualified name

  @ParameterizedTest
  @ValueSource(strings = {"a", "MyName", "my.name", "123-abc", "a_b", "A-B_C.D", "example.com/MyName",
      "kubernetes.io/h2c", "app.kubernetes.io/name", "a/b", "1.2/x"})
  void qualifiedNameAccepts(String value) {
    accepted(Formats::qualifiedName, value);
  }

  @Test
  void qualifiedNameLengths() {
    accepted(Formats::qualifiedName, repeat('N', 63));
    accepted(Formats::qualifiedName, "example.com/" + repeat('N', 63));
    rejected(Formats::qualifiedName, repeat('N', 64), 1, "name part must be no more than 63");
    rejected(Formats::qualifiedName, "example.com/" + repeat('N', 64), 1, "name part must be no more than 63");
    String prefix = subdomain(3, 63) + "." + repeat('a', 61);
    assertEquals(253, prefix.length());
    accepted(Formats::qualifiedName, prefix + "/x");
    rejected(Formats::qualifiedName, prefix + "a/x", 1, "prefix part must be no more than 253");
  }

  static Stream<Arguments> qualifiedNameRejects() {
    return Stream.of(
        Arguments.of("", 1, "name part must be non-empty"),
        Arguments.of("/name", 1, "non-empty prefix"),
        Arguments.of("example.com/", 1, "name part must be non-empty"),
        Arguments.of("/", 2, "non-empty prefix"),
        Arguments.of("a/b/c", 1, "at most one '/'"),
        Arguments.of("example.com/a/b", 1, "at most one '/'"),
        Arguments.of("//", 1, "at most one '/'"),
        Arguments.of("Example.com/x", 1, "prefix part must be a DNS-1123 subdomain"),
        Arguments.of("ex_ample.com/x", 1, "prefix part"),
        Arguments.of("-abc", 1, "name part must be a qualified name"),
        Arguments.of("abc-", 1, "name part"),
        Arguments.of("_a", 1, "name part"),
        Arguments.of("a_", 1, "name part"),
        Arguments.of(".a", 1, "name part"),
        Arguments.of("a b", 1, "name part"),
        Arguments.of("a:b", 1, "name part"),
        Arguments.of("Example.com/-x", 2, "prefix part"));
  }

  @ParameterizedTest
  @MethodSource
  void qualifiedNameRejects(String value, int count, String phrase) {
    rejected(Formats::qualifiedName, value, count, phrase);
  }

  // ---------------------------------------------------------------- label value

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "MyValue", "my_value", "12345", "v1.2.3", "A-b_C.d"})
  void labelValueAccepts(String value) {
    accepted(Formats::labelValue, value);
  }

  @Test
  void labelValueLength() {
    accepted(Formats::labelValue, repeat('v', 63));
    rejected(Formats::labelValue, repeat('v', 64), 1, "no more than 63 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-a", "a-", "_a", "a.", "a b", "a/b", "é", "a:b"})
  void labelValueRejects(String value) {
    rejected(Formats::labelValue, value, 1, "label value");
  }

  // ---------------------------------------------------------------- IANA service (port) name

  @ParameterizedTest
  @ValueSource(strings = {"http", "h2c", "a", "web-8080", "abcdefghijklmno", "1a", "a1-b2", "x9"})
  void ianaServiceNameAccepts(String value) {
    accepted(Formats::ianaServiceName, value);
  }

  static Stream<Arguments> ianaServiceNameRejects() {
    return Stream.of(
        Arguments.of("abcdefghijklmnop", 1, "no more than 15 characters (an IANA service name; it has 16)"),
        Arguments.of("HTTP", 2, "only lowercase letters, digits and '-'"), // no letter a-z either
        Arguments.of("Http", 1, "only lowercase letters"),
        Arguments.of("a_b", 1, "only lowercase letters"),
        Arguments.of("a.b", 1, "only lowercase letters"),
        Arguments.of("8080", 1, "at least one lowercase letter"),
        Arguments.of("123-456", 1, "at least one lowercase letter"),
        Arguments.of("a--b", 1, "consecutive hyphens"),
        Arguments.of("-http", 1, "begin or end with a hyphen"),
        Arguments.of("http-", 1, "begin or end with a hyphen"),
        Arguments.of("", 2, "at least one lowercase letter"),
        Arguments.of("-", 2, "at least one lowercase letter"),
        Arguments.of("--", 3, "consecutive hyphens"),
        Arguments.of("-very--long-name-", 3, "no more than 15"));
  }

  @ParameterizedTest
  @MethodSource
  void ianaServiceNameRejects(String value, int count, String phrase) {
    rejected(Formats::ianaServiceName, value, count, phrase);
  }

  // ---------------------------------------------------------------- port number

  @ParameterizedTest
  @ValueSource(longs = {1, 80, 8080, 65535})
  void portNumberAccepts(long port) {
    assertEquals(List.of(), Formats.portNumber(port));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, 65536, 100000, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE})
  void portNumberRejects(long port) {
    assertEquals(List.of("must be between 1 and 65535, inclusive"), Formats.portNumber(port));
  }

  // ---------------------------------------------------------------- IPv4

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "10.0.0.1", "192.168.1.254", "1.2.3.4",
      // sloppy: leading zeros are read as decimal (ParseIPSloppy, StrictIPCIDRValidation off)
      "010.000.0.1", "1.2.3.04", "1.1.1.01", "0001.2.3.4", "00255.0.0.0"})
  void ipv4Accepts(String value) {
    assertTrue(Formats.isIpv4(value), value);
    assertTrue(Formats.isIp(value), value);
    assertFalse(Formats.isIpv6(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "256.0.0.1", "1.2.3.256", "1.2.3.0256", "999.1.1.1", "1.2.3", "1.2.3.4.5", "1.2.3.4 ",
      " 1.2.3.4", "1..2.3", "1.2.3.", ".1.2.3", "a.b.c.d", "1.2.3.-1", "1.2.3.+1", "1.2.3.4/8", "1.2.3.4:80",
      "0x1.2.3.4", "1.2.3.4\n", "\uff11.2.3.4", "\u0661.2.3.4"})
  void ipv4Rejects(String value) {
    assertFalse(Formats.isIpv4(value), value);
  }

  @Test
  void leadingZeros() {
    assertTrue(Formats.hasLeadingZeros("010.0.0.1"));
    assertTrue(Formats.hasLeadingZeros("1.2.3.04"));
    assertTrue(Formats.hasLeadingZeros("10.0.0.01/24"));
    assertFalse(Formats.hasLeadingZeros("10.0.0.1"));
    assertFalse(Formats.hasLeadingZeros("0.0.0.0"));
    assertFalse(Formats.hasLeadingZeros("10.0.0.0/08"), "only the address part counts");
    assertFalse(Formats.hasLeadingZeros("::1"));
    assertFalse(Formats.hasLeadingZeros("not an ip"));
  }

  // ---------------------------------------------------------------- IPv6

  @ParameterizedTest
  @ValueSource(strings = {"::", "::1", "1::", "::0", "2001:db8::ffff", "2001:DB8::FFFF", "1234::abcd",
      "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1::8", "fe80::1", "0:0:0:0:0:0:0:0",
      "0000:0000::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
      // embedded IPv4 tails, including IPv4-mapped addresses
      "::ffff:1.2.3.4", "::1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "::ffff:01.02.03.004", "64:ff9b::192.0.2.33"})
  void ipv6Accepts(String value) {
    assertTrue(Formats.isIpv6(value), value);
    assertTrue(Formats.isIp(value), value);
    assertFalse(Formats.isIpv4(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ":", ":::", "1::2::3", "::1::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7::8", "1::2:3:4:5:6:7:8", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "1::2:", ":1::", "12345::",
      "g::", "::g", "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5:6::1.2.3.4", "::ffff:1.2.3.256", "::1.2.3", "::1.2.3.4.5",
      "1.2.3.4::", "::1.2.3.4:5", "1.2::3",
      // zones and brackets are not part of an address
      "fe80::1%eth0", "fe80::1%1", "[::1]", "[2001:db8::1]", "[::1]:80",
      // not hexadecimal in ASCII
      "::\uff11", "\uff21::1", "::1 ", " ::1"})
  void ipv6Rejects(String value) {
    assertFalse(Formats.isIpv6(value), value);
    assertFalse(Formats.isIp(value), value);
  }

  // ---------------------------------------------------------------- CIDR

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/8", "0.0.0.0/0", "1.2.3.4/32", "192.168.0.0/16",
      // sloppy: host bits set, leading zeros in the address or the prefix length
      "1.2.3.4/24", "1.1.01.0/24", "192.168.0.0/016", "10.0.0.0/08", "10.0.0.0/0008",
      "2001:db8::/32", "::/0", "::/128", "::1/128", "2001:DB8::/64", "2001:db8::1/64", "::ffff:1.1.1.0/120",
      "::ffff:1.1.1.0/24", "2001:db8::/064"})
  void cidrAccepts(String value) {
    assertTrue(Formats.isCidr(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10.0.0.0", "10.0.0.0/", "/8", "/", "10.0.0.0/33", "10.0.0.0/100", "::/129",
      "2001:db8::/1000", "10.0.0.0/-1", "192.168.0.0/-16", "192.168.0.0/+16", "1.2.3.0/0/99", "10.0.0.0/8/",
      "10.0.0.0/ 8", "10.0.0.0 /8", " 10.0.0.0/8", "10.0.0.0/8 ", "256.0.0.0/8", "10.0.0/8", "10.0.0.0/a",
      "10.0.0.0/0x8", "fe80::1%eth0/64", "[::]/0", "::1::/64", "10.0.0.0/\u0668", "10.0.0.0/\uff18",
      "10.0.0.0/99999999999999999999"})
  void cidrRejects(String value) {
    assertFalse(Formats.isCidr(value), value);
  }

  // ---------------------------------------------------------------- suggestions

  @Test
  void suggestions() {
    assertEquals("http", Formats.suggestDns1123Label("HTTP"));
    assertEquals("my-port-name", Formats.suggestDns1123Label("My_Port.Name"));
    assertEquals("a", Formats.suggestDns1123Label("--a--"));
    assertEquals("a-b", Formats.suggestDns1123Label("a  --  b"));
    assertEquals("", Formats.suggestDns1123Label(""));
    assertEquals("", Formats.suggestDns1123Label("___"));
    assertEquals(63, Formats.suggestDns1123Label(repeat('X', 100)).length());
  }

  @Test
  void aSuggestionIsEmptyOrAValidLabel() {
    Random random = new Random(42);
    String alphabet = "aZ09-_. /:é";
    for (int i = 0; i < 2_000; i++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(80);
      for (int j = 0; j < length; j++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String suggestion = Formats.suggestDns1123Label(sb.toString());
      assertTrue(suggestion.isEmpty() || Formats.dns1123Label(suggestion).isEmpty(),
          () -> "suggestion " + quote(suggestion) + " for " + quote(sb.toString()) + " is not a label");
    }
  }

  @Test
  void byteLength() {
    assertEquals(0, Formats.byteLength(""));
    assertEquals(3, Formats.byteLength("abc"));
    assertEquals(2, Formats.byteLength("é"));
    assertEquals(4, Formats.byteLength("\uD83D\uDE00"));
  }
}
