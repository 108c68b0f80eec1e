package dev.portico.synth.validate.istio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link IstioFormats}: Go's time.ParseDuration and netip, and Istio's host, label, header and regex formats. */
class IstioFormatsTest {

  @ParameterizedTest
  @CsvSource({
      "0, 0", "+0, 0", "-0, 0", "1ns, 1", "1us, 1000", "1\u00b5s, 1000", "1\u03bcs, 1000", "1ms, 1000000",
      "1s, 1000000000", "1.5s, 1500000000", ".5s, 500000000", "1.s, 1000000000", "500ms, 500000000",
      "1m, 60000000000", "1h30m, 5400000000000", "1h1m1s1ms1us1ns, 3661001001001", "-1.5h, -5400000000000",
      "0.0000000001s, 0", "1.0000000009s, 1000000000", "2562047h47m16.854775807s, 9223372036854775807",
      "-2562047h47m16.854775808s, -9223372036854775808"})
  void durationsParseAsGoDoes(String text, long nanos) {
    assertEquals(nanos, IstioFormats.durationNanos(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "1", ".s", "s", "1sec", "1 s", " 1s", "1s ", "1S", "1d", "1s2", "--1s", "1e3s",
      "2562047h47m16.854775808s", "99999999999999999999ns", "1.2.3s", "+", "-"})
  void durationsGoRejects(String text) {
    assertNull(IstioFormats.durationNanos(text), text);
  }

  @Test
  void durationMillisAndChecks() {
    assertEquals(1500L, IstioFormats.durationMillis("1.5s"));
    assertEquals(0L, IstioFormats.durationMillis("999us"));
    assertNull(IstioFormats.durationMillis("1 s"));
    assertNull(IstioFormats.durationMillis(null));
    assertEquals(List.of(), IstioFormats.duration("1ms"));
    assertTrue(IstioFormats.duration("999999ns").get(0).contains("at least 1ms"));
    assertTrue(IstioFormats.duration("1000001ns").get(0).contains("milliseconds"));
    assertTrue(IstioFormats.duration("ten").get(0).contains("is not a duration"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "10.0.0.1", "255.255.255.255", "::", "::1", "2001:db8::7", "1:2:3:4:5:6:7:8",
      "1:2:3:4:5:6:7::", "::ffff:10.0.0.1", "1:2:3:4:5:6:1.2.3.4", "fe80::1%eth0", "FE80::A"})
  void ipsNetipAccepts(String ip) {
    assertTrue(IstioFormats.isIp(ip), ip);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10.0.0", "10.0.0.1.2", "010.0.0.1", "10.0.0.256", "1.2.3.-4", "::1::", ":::",
      "1:2:3:4:5:6:7:8:9", "1::2:3:4:5:6:7:8", "12345::1", "fe80::1%", "::ffff:10.0.0.01", "1:2:3:4:5:6:7:1.2.3.4",
      "example.com", " 10.0.0.1"})
  void ipsNetipRejects(String ip) {
    assertFalse(IstioFormats.isIp(ip), ip);
  }

  @Test
  void cidrsAsNetipParsePrefix() {
    assertTrue(IstioFormats.isCidr("10.0.0.0/8"));
    assertTrue(IstioFormats.isCidr("10.1.2.3/32"));
    assertTrue(IstioFormats.isCidr("2001:db8::/128"));
    assertTrue(IstioFormats.isCidr("0.0.0.0/0"));
    assertFalse(IstioFormats.isCidr("10.0.0.0/33"));
    assertFalse(IstioFormats.isCidr("10.0.0.0/08"));
    assertFalse(IstioFormats.isCidr("10.0.0.0/"));
    assertFalse(IstioFormats.isCidr("fe80::%eth0/64"));
    assertFalse(IstioFormats.isCidr("2001:db8::/129"));
    assertEquals(List.of(), IstioFormats.ipOrCidr("10.0.0.1"));
    assertTrue(IstioFormats.ipOrCidr("10.0.0.0/8/8").get(0).contains("not a valid IP address"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"reviews", "Reviews", "reviews.shop.svc.cluster.local", "*", "*.example.com", "*foo.com",
      "*-foo.example.com", "example.com.", "*.", "123", "a-b.c-d", "xn--bcher-kva.example"})
  void hostsValidateWildcardDomainAccepts(String host) {
    assertEquals(List.of(), IstioFormats.host(host), host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a..b", "-a.com", "a-.com", "a.*.com", "*.*.com", "a_b.com", "foo*.com", "a.com..",
      "10.0.0.1", "a.123", "a.-1", "**.com", "a b.com"})
  void hostsValidateWildcardDomainRejects(String host) {
    assertEquals(1, IstioFormats.host(host).size(), host);
  }

  @Test
  void fqdnRejectsWildcards() {
    assertEquals(List.of(), IstioFormats.fqdn("api.example.com"));
    assertEquals(1, IstioFormats.fqdn("*.example.com").size());
    assertEquals(1, IstioFormats.fqdn("a".repeat(256)).size());
  }

  @Test
  void hostMatchingAsHostName() {
    assertTrue(IstioFormats.hostsOverlap("foo.com", "foo.com"));
    assertFalse(IstioFormats.hostsOverlap("foo.com", "bar.com"));
    assertTrue(IstioFormats.hostsOverlap("*.com", "foo.com"));
    assertTrue(IstioFormats.hostsOverlap("bar.com", "*.com"));
    assertFalse(IstioFormats.hostsOverlap("*.foo.com", "foo.com"));
    assertTrue(IstioFormats.hostsOverlap("*", "foo.com"));
    assertTrue(IstioFormats.hostsOverlap("*", "*.com"));
    assertTrue(IstioFormats.hostsOverlap("*.foo.com", "*.com"));
    assertTrue(IstioFormats.hostSubsetOf("a.foo.com", "*.foo.com"));
    assertTrue(IstioFormats.hostSubsetOf("*.a.foo.com", "*.foo.com"));
    assertFalse(IstioFormats.hostSubsetOf("*.foo.com", "*.a.foo.com"));
    assertFalse(IstioFormats.hostSubsetOf("*.foo.com", "a.foo.com"));
  }

  @Test
  void labelsAsIstioInstance() {
    assertEquals(List.of(), IstioFormats.labelKey("app"));
    assertEquals(List.of(), IstioFormats.labelKey("Example.COM/Tier_1"));
    assertEquals(1, IstioFormats.labelKey("a/b/c").size());
    assertEquals(1, IstioFormats.labelKey("").size());
    assertEquals(1, IstioFormats.labelKey("x".repeat(64)).size());
    assertEquals(List.of(), IstioFormats.labelValue(""));
    assertEquals(List.of(), IstioFormats.labelValue("v".repeat(100)));
    assertEquals(1, IstioFormats.labelValue("v1 ").size());
  }

  @Test
  void headerValuesAsEnvoyParses() {
    for (String ok : List.of("", "plain", "100%%", "%HOSTNAME%", "a %REQ(x-y)% b", "%START_TIME(%s.%3f)%",
        "%PER_REQUEST_STATE([\"a\", \"b\"])%", "%X( [\"a\"] )%")) {
      assertEquals(List.of(), IstioFormats.headerValue(ok), ok);
    }
    for (String bad : List.of("100%", "%HOSTNAME", "abc%123", "%X([a])%", "%X([\"a\" b])%", "a\nb", "%X([\"a\\",
        "%X([\"a\"] b)%")) {
      assertEquals(1, IstioFormats.headerValue(bad).size(), bad);
    }
  }

  @Test
  void regexesApproximateRe2() {
    for (String ok : List.of("^/api/v[0-9]+$", "(?i)abc", "(?P<name>x)", "(?<name>x)", "a{2}", "a{2,}", "{", "}",
        "x{a}", "[[:alpha:]]", "[[:^space:]]", "\\pL", "[a&&b]", "\\Qa.b\\E", "a*?", "\\z")) {
      assertEquals(List.of(), IstioFormats.regex(ok), ok);
    }
    for (String bad : List.of("(", "[", "*", "a**", "(a)\\1", "(?=a)", "(?!a)", "(?<=a)b", "(?<!a)b", "(?>a)", "a++",
        "a{1001}", "a{1,1001}", "\\Z", "[[:foo:]]")) {
      assertEquals(1, IstioFormats.regex(bad).size(), bad);
    }
  }

  @Test
  void retryOnTokens() {
    assertEquals(List.of(), IstioFormats.badRetryOn("5xx,gateway-error,reset,503,+429"));
    assertEquals(List.of(" reset", "0", "600", "5XX"), IstioFormats.badRetryOn("5xx, reset,0,600,5XX"));
    assertEquals(List.of(""), IstioFormats.badRetryOn("5xx,"));
  }

  @Test
  void protocolsIgnoreCase() {
    assertEquals("GRPC-Web", IstioFormats.protocol("grpc-web"));
    assertNull(IstioFormats.protocol("HTTP3"));
    assertNull(IstioFormats.protocol(null));
    assertTrue(IstioFormats.isHttp("http2"));
    assertTrue(IstioFormats.isTls("https"));
    assertTrue(IstioFormats.isTcp("mongo"));
    assertFalse(IstioFormats.isHttp(null));
    assertFalse(IstioFormats.isTls(""));
  }

  @Test
  void headerNames() {
    assertEquals(List.of(), IstioFormats.matchHeaderName("x-user"));
    assertEquals(List.of(), IstioFormats.matchHeaderName(":path"));
    assertEquals(List.of(), IstioFormats.matchHeaderName("@request.auth.claims.sub"));
    assertEquals(1, IstioFormats.matchHeaderName("@request.auth.claims").size());
    assertEquals(1, IstioFormats.matchHeaderName(":foo").size());
    assertEquals(List.of(), IstioFormats.operationHeaderName(":authority", true));
    assertEquals(1, IstioFormats.operationHeaderName(":path", true).size());
    assertEquals(1, IstioFormats.operationHeaderName("HOST", false).size());
  }
}
