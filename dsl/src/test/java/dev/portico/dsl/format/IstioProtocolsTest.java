package dev.portico.dsl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** istio/istio {@code kube.ConvertProtocol}: what each port name, protocol and appProtocol means to Istio. */
class IstioProtocolsTest {
  @ParameterizedTest(name = "{0} {1}/{2} appProtocol={3} -> {4}")
  @CsvSource(nullValues = "null", value = {
      "8080, http, TCP, null, HTTP",
      "8080, http-api, TCP, null, HTTP",
      "8080, HTTP2, TCP, null, HTTP2",
      "9000, grpc-web, TCP, null, GRPC-Web",
      "9000, grpc-webapp, TCP, null, GRPC-Web",
      "9000, grpc-api, TCP, null, GRPC",
      "6379, redis, TCP, null, Redis",
      "8080, web, TCP, http, HTTP",
      "8080, http, TCP, web, null",
      "8080, web, TCP, kubernetes.io/h2c, HTTP2",
      "8080, web, TCP, kubernetes.io/wss, HTTPS",
      "8080, metrics, TCP, null, null",
      "8080, null, TCP, null, null",
      "8080, httpx, TCP, null, null",
      "3306, db, TCP, null, TCP",
      "53, dns, UDP, null, UDP",
      "53, null, TCP, null, TCP",
      "9999, x, SCTP, null, SCTP"})
  void protocolOf(int port, String name, String protocol, String appProtocol, String expected) {
    assertEquals(Optional.ofNullable(expected), IstioProtocols.protocolOf(port, name, protocol, appProtocol));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(nullValues = "null", value = {
      "postgres, tcp-postgres", "Redis2, tcp-redis2", "a2345678901, tcp-a2345678901", "a23456789012, null", "null, null"})
  void aTcpNameSaysWhatIstioTreatsTheUnknownPortAs(String name, String expected) {
    assertEquals(expected, IstioProtocols.tcpName(name));
    if (expected != null) {
      assertEquals(Optional.of("TCP"), IstioProtocols.protocolOf(5432, expected, "TCP", null), "Istio reads it as TCP");
    }
  }
}
