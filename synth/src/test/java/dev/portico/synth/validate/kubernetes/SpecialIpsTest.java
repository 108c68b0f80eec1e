package dev.portico.synth.validate.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ValidateNonSpecialIP} with Go's {@code net.IP} predicates, and the IP-family test of cluster IPs. */
class SpecialIpsTest {

  @ParameterizedTest
  @CsvSource({
      "0.0.0.0, unspecified",
      "000.000.000.000, unspecified",
      "::, unspecified",
      "0:0:0:0:0:0:0:0, unspecified",
      "::ffff:0.0.0.0, unspecified",
      "127.0.0.1, loopback",
      "127.255.255.255, loopback",
      "::1, loopback",
      "0:0:0:0:0:0:0:1, loopback",
      "0000:0000:0000:0000:0000:0000:0000:0001, loopback",
      "::ffff:127.000.000.001, loopback",
      "0:0:0:0:0:ffff:7f00:1, loopback",
      "FE80::ABCD, link-local range",
      "::ffff:127.0.0.1, loopback",
      "169.254.0.1, link-local range",
      "169.254.255.255, link-local range",
      "fe80::1, link-local range",
      "febf:ffff::1, link-local range",
      "::ffff:169.254.1.1, link-local range",
      "224.0.0.0, link-local multicast",
      "224.0.0.255, link-local multicast",
      "ff02::1, link-local multicast",
      "ff12::1, link-local multicast",
      "fff2::1, link-local multicast"})
  void special(String ip, String kind) {
    String problem = SpecialIps.problem(ip);
    assertTrue(problem != null && problem.contains(kind), ip + ": " + problem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "0.0.0.1", "126.0.0.1", "128.0.0.1", "169.253.0.1", "169.255.0.1",
      "224.0.1.0", "223.255.255.255", "203.0.113.7", "::2", "::1:0", "1::", "fec0::1", "fe7f::1", "ff05::1",
      "ff01::1", "2001:db8::1", "::ffff:10.0.0.1", "::127.0.0.1", "not an ip", "", "1.2.3.256"})
  void ordinaryOrNotAnIp(String ip) {
    assertNull(SpecialIps.problem(ip), ip);
  }

  @ParameterizedTest
  @CsvSource({
      "10.0.0.1, false",
      "010.0.0.1, false",
      "::ffff:10.0.0.1, false",
      "0:0:0:0:0:ffff:a00:1, false",
      "fd00::1, true",
      "::1, true",
      "::10.0.0.1, true",
      "2001:db8::, true",
      "bogus, false"})
  void ipv6Family(String ip, boolean v6) {
    assertEquals(v6, SpecialIps.isIpv6Family(ip), ip);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fe80::1%eth0", "[::1]", "localhost"})
  void neverResolvesNames(String ip) {
    assertNull(SpecialIps.problem(ip));
    assertFalse(SpecialIps.isIpv6Family(ip));
  }
}
