package dev.portico.synth.validate.istio;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.istio.IstioRuleTables.ok;
import static dev.portico.synth.validate.istio.IstioRuleTables.q;
import static dev.portico.synth.validate.istio.IstioRuleTables.reject;
import static dev.portico.synth.validate.istio.IstioRuleTables.warn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Severity;
import io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntryLocation;
import io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntryResolution;
import io.fabric8.istio.api.api.networking.v1alpha3.ServicePort;
import io.fabric8.istio.api.api.networking.v1alpha3.WorkloadEntry;
import io.fabric8.istio.api.api.networking.v1alpha3.WorkloadEntryBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.WorkloadSelector;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.ServiceEntryBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ServiceEntryRules}: rejected single mutations of a valid baseline, and accepted near misses. */
class ServiceEntryRulesTest {

  // ================================================================= the baseline

  /**
   * ServiceEntry/shop/payments-api: the external host api.payments.example.com at address 240.240.0.1,
   * ports https 443 (TLS) and http 80 (HTTP), resolution DNS, location MESH_EXTERNAL, with one endpoint
   * eu.api.payments.example.com whose https port is 8443.
   */
  static ServiceEntry serviceEntry() {
    return new ServiceEntryBuilder()
        .withNewMetadata().withName("payments-api").withNamespace("shop").endMetadata()
        .withNewSpec()
        .withHosts("api.payments.example.com")
        .withAddresses("240.240.0.1")
        .addNewPort("https", 443L, "TLS", null)
        .addNewPort("http", 80L, "HTTP", null)
        .withResolution(ServiceEntryResolution.DNS)
        .withLocation(ServiceEntryLocation.MESH_EXTERNAL)
        .addToEndpoints(new WorkloadEntryBuilder().withAddress("eu.api.payments.example.com").addToPorts("https", 8443L)
            .addToLabels("region", "eu").build())
        .endSpec()
        .build();
  }

  static ServiceEntry serviceEntry(Consumer<ServiceEntry> mutation) {
    ServiceEntry entry = serviceEntry();
    mutation.accept(entry);
    return entry;
  }

  static List<Finding> check(ServiceEntry entry) {
    return IstioRuleTables.check(ServiceEntryRules::check, entry);
  }

  private static io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntry spec(ServiceEntry e) {
    return e.getSpec();
  }

  private static ServicePort port(ServiceEntry e, int i) {
    return e.getSpec().getPorts().get(i);
  }

  private static WorkloadEntry endpoint(ServiceEntry e) {
    return e.getSpec().getEndpoints().get(0);
  }

  private static void hosts(ServiceEntry e, String... hosts) {
    spec(e).setHosts(new ArrayList<>(List.of(hosts)));
  }

  /** Resolution STATIC with one endpoint at 10.0.0.7 (https on 8443). */
  private static void staticEndpoints(ServiceEntry e) {
    spec(e).setResolution(ServiceEntryResolution.STATIC);
    endpoint(e).setAddress("10.0.0.7");
  }

  private static void resolution(ServiceEntry e, ServiceEntryResolution resolution) {
    spec(e).setResolution(resolution);
    spec(e).setEndpoints(new ArrayList<>());
  }

  private static WorkloadSelector selector(String key, String value) {
    return new WorkloadSelector(new HashMap<>(Map.of(key, value)));
  }

  // ================================================================= rejected inputs

  static Stream<Arguments> rejected() {
    return Stream.<Arguments>of(
        reject("name uppercase", "metadata.name", "metadata.name", q("Payments"),
            (ServiceEntry e) -> e.getMetadata().setName("Payments")),
        reject("spec missing", "serviceentry.hosts-required", "spec", "spec is required", (ServiceEntry e) -> e.setSpec(null)),
        // ---- hosts
        reject("no hosts", "serviceentry.hosts-required", "spec.hosts", "at least one host",
            (ServiceEntry e) -> spec(e).setHosts(new ArrayList<>())),
        reject("host *", "serviceentry.host", "spec.hosts[0]", "\"*\" is not allowed", (ServiceEntry e) -> hosts(e, "*")),
        reject("host invalid label", "serviceentry.host", "spec.hosts[0]", q("api_payments.example.com"),
            (ServiceEntry e) -> hosts(e, "api_payments.example.com")),
        reject("host an IP (numeric top-level domain)", "serviceentry.host", "spec.hosts[0]", q("203.0.113.7"),
            (ServiceEntry e) -> hosts(e, "203.0.113.7")),
        reject("host with a scheme", "serviceentry.host", "spec.hosts[0]", q("https://api.example.com"),
            (ServiceEntry e) -> hosts(e, "https://api.example.com")),
        warn("host partial wildcard", "serviceentry.host-partial-wildcard", "spec.hosts[0]",
            q("*api.example.com") + " has a partial wildcard", (ServiceEntry e) -> {
              hosts(e, "*api.example.com");
              spec(e).setResolution(ServiceEntryResolution.NONE);
              spec(e).setEndpoints(new ArrayList<>());
            }),
        // ---- addresses
        reject("address invalid", "serviceentry.address", "spec.addresses[0]", q("240.240.0") + " is not a valid IP",
            (ServiceEntry e) -> spec(e).getAddresses().set(0, "240.240.0")),
        reject("address CIDR invalid", "serviceentry.address", "spec.addresses[0]", q("240.240.0.0/40")
            + " is not a valid CIDR block", (ServiceEntry e) -> spec(e).getAddresses().set(0, "240.240.0.0/40")),
        reject("address leading zero", "serviceentry.address", "spec.addresses[0]", q("240.240.0.01"),
            (ServiceEntry e) -> spec(e).getAddresses().set(0, "240.240.0.01")),
        reject("address host name", "serviceentry.address", "spec.addresses[0]", q("vip.example.com"),
            (ServiceEntry e) -> spec(e).getAddresses().set(0, "vip.example.com")),
        reject("CIDR with resolution DNS", "serviceentry.cidr-resolution", "spec.resolution",
            q("DNS") + " cannot be used with CIDR addresses", (ServiceEntry e) -> spec(e).getAddresses().set(0,
                "240.240.0.0/16")),
        // ---- ports
        reject("port name missing", "serviceentry.port-name", "spec.ports[0].name", "is required",
            (ServiceEntry e) -> port(e, 0).setName(null)),
        reject("port name invalid", "serviceentry.port-name", "spec.ports[0].name", q("https_1")
            + " must be a DNS-1123 label", (ServiceEntry e) -> port(e, 0).setName("https_1")),
        reject("port name suggestion", "serviceentry.port-name", "spec.ports[0].name", "try " + q("https-1"),
            (ServiceEntry e) -> port(e, 0).setName("https_1")),
        reject("port name duplicate", "serviceentry.port-name-duplicate", "spec.ports[1].name",
            q("https") + " is already the name of spec.ports[0]", (ServiceEntry e) -> port(e, 1).setName("https")),
        reject("port number duplicate", "serviceentry.port-number-duplicate", "spec.ports[1].number",
            "443 is already the number of spec.ports[0]", (ServiceEntry e) -> port(e, 1).setNumber(443L)),
        reject("port number 0", "serviceentry.port-number", "spec.ports[1].number", "0 must be a port number",
            (ServiceEntry e) -> port(e, 1).setNumber(null)),
        reject("port number 65536", "serviceentry.port-number", "spec.ports[1].number", "65536",
            (ServiceEntry e) -> port(e, 1).setNumber(65_536L)),
        reject("target port 70000", "serviceentry.target-port", "spec.ports[0].targetPort", "70000",
            (ServiceEntry e) -> port(e, 0).setTargetPort(70_000L)),
        reject("protocol unknown", "serviceentry.port-protocol", "spec.ports[0].protocol", q("QUIC")
            + " is not a protocol Istio knows", (ServiceEntry e) -> port(e, 0).setProtocol("QUIC")),
        reject("null port", "serviceentry.null-entry", "spec.ports[2]", "is null",
            (ServiceEntry e) -> spec(e).getPorts().add(null)),
        reject("two hosts on a TCP port", "serviceentry.multiple-hosts", "spec.ports[0].protocol",
            q("TCP") + " cannot tell 2 hosts apart", (ServiceEntry e) -> {
              hosts(e, "api.payments.example.com", "api2.payments.example.com");
              spec(e).setAddresses(new ArrayList<>());
              port(e, 0).setProtocol("TCP");
            }),
        reject("two hosts on a port without protocol", "serviceentry.multiple-hosts", "spec.ports[1].protocol", q(""),
            (ServiceEntry e) -> {
              hosts(e, "api.payments.example.com", "api2.payments.example.com");
              spec(e).setAddresses(new ArrayList<>());
              port(e, 1).setProtocol(null);
            }),
        warn("two hosts sharing an address on TCP", "serviceentry.tcp-hosts-address", "spec.hosts",
            "2 hosts share the addresses on TCP port 443", (ServiceEntry e) ->
                hosts(e, "api.payments.example.com", "api2.payments.example.com")),
        // ---- selector and endpoints
        reject("selector with endpoints", "serviceentry.endpoints-selector", "spec.workloadSelector",
            "cannot be combined with endpoints", (ServiceEntry e) -> {
              staticEndpoints(e);
              spec(e).setWorkloadSelector(selector("app", "payments"));
            }),
        reject("selector wildcard", "serviceentry.workload-selector", "spec.workloadSelector.labels[app]",
            q("app=pay*"), (ServiceEntry e) -> {
              resolution(e, ServiceEntryResolution.STATIC);
              spec(e).setWorkloadSelector(selector("app", "pay*"));
            }),
        warn("selector without labels", "serviceentry.workload-selector", "spec.workloadSelector.labels",
            "selects every workload", (ServiceEntry e) -> {
              resolution(e, ServiceEntryResolution.STATIC);
              spec(e).setWorkloadSelector(new WorkloadSelector());
            }),
        warn("selector with resolution DNS", "serviceentry.selector-resolution", "spec.workloadSelector",
            "has no effect with resolution DNS", (ServiceEntry e) -> {
              resolution(e, ServiceEntryResolution.DNS);
              spec(e).setWorkloadSelector(selector("app", "payments"));
            }),
        warn("selector with resolution NONE", "serviceentry.selector-resolution", "spec.workloadSelector",
            "NONE", (ServiceEntry e) -> {
              resolution(e, ServiceEntryResolution.NONE);
              spec(e).setWorkloadSelector(selector("app", "payments"));
            }),
        reject("endpoints with resolution NONE", "serviceentry.endpoints-none", "spec.endpoints",
            "must be empty with resolution NONE", (ServiceEntry e) -> spec(e).setResolution(
                ServiceEntryResolution.NONE)),
        reject("endpoints with resolution unset (NONE)", "serviceentry.endpoints-none", "spec.endpoints", "NONE",
            (ServiceEntry e) -> spec(e).setResolution(null)),
        reject("static endpoint host name", "serviceentry.endpoint-address", "spec.endpoints[0].address",
            q("eu.api.payments.example.com") + " is not an IP address", (ServiceEntry e) -> spec(e).setResolution(
                ServiceEntryResolution.STATIC)),
        reject("static endpoint without address", "serviceentry.endpoint-address", "spec.endpoints[0].address",
            "is required", (ServiceEntry e) -> {
              staticEndpoints(e);
              endpoint(e).setAddress(null);
            }),
        warn("static endpoint on a network without address", "serviceentry.endpoint-address",
            "spec.endpoints[0].address", "network is " + q("eu-west"), (ServiceEntry e) -> {
              staticEndpoints(e);
              endpoint(e).setAddress("");
              endpoint(e).setNetwork("eu-west");
            }),
        reject("static endpoint unix relative path", "serviceentry.endpoint-address", "spec.endpoints[0].address",
            q("unix://run/payments.sock"), (ServiceEntry e) -> {
              staticEndpoints(e);
              endpoint(e).setAddress("unix://run/payments.sock");
              endpoint(e).setPorts(new HashMap<>());
              spec(e).getPorts().remove(1);
            }),
        reject("unix endpoint with ports", "serviceentry.unix-endpoint", "spec.endpoints[0].ports",
            "must be empty for the unix domain socket", (ServiceEntry e) -> {
              staticEndpoints(e);
              endpoint(e).setAddress("unix:///run/payments.sock");
              spec(e).getPorts().remove(1);
            }),
        reject("unix endpoint with two service ports", "serviceentry.unix-endpoint", "spec.endpoints[0].address",
            "needs exactly one port in spec.ports (there are 2)", (ServiceEntry e) -> {
              staticEndpoints(e);
              endpoint(e).setAddress("unix:///run/payments.sock");
              endpoint(e).setPorts(new HashMap<>());
            }),
        reject("endpoint port not a service port", "serviceentry.endpoint-port", "spec.endpoints[0].ports[grpc]",
            q("grpc") + " (9090) is not a port name of this ServiceEntry", (ServiceEntry e) -> endpoint(e).getPorts()
                .put("grpc", 9090L)),
        reject("endpoint port number invalid", "serviceentry.endpoint-port", "spec.endpoints[0].ports[https]",
            "0 must be a port number", (ServiceEntry e) -> endpoint(e).getPorts().put("https", 0L)),
        reject("static endpoint port invalid name", "serviceentry.endpoint-port", "spec.endpoints[0].ports[HTTPS_1]",
            "must be a port name", (ServiceEntry e) -> {
              staticEndpoints(e);
              endpoint(e).getPorts().put("HTTPS_1", 8443L);
            }),
        reject("endpoint label invalid", "serviceentry.endpoint-labels", "spec.endpoints[0].labels[region]",
            "label value " + q("eu west"), (ServiceEntry e) -> endpoint(e).getLabels().put("region", "eu west")),
        reject("static endpoint label key invalid", "serviceentry.endpoint-labels", "spec.endpoints[0].labels[-zone]",
            "label key " + q("-zone"), (ServiceEntry e) -> {
              staticEndpoints(e);
              endpoint(e).getLabels().put("-zone", "a");
            }),
        reject("DNS endpoint address invalid", "serviceentry.endpoint-address", "spec.endpoints[0].address",
            q("eu_api.example.com") + " must be a DNS name", (ServiceEntry e) -> endpoint(e).setAddress(
                "eu_api.example.com")),
        reject("null endpoint", "serviceentry.null-entry", "spec.endpoints[1]", "is null",
            (ServiceEntry e) -> spec(e).getEndpoints().add(null)),
        reject("DNS wildcard host without endpoints", "serviceentry.dns-hosts", "spec.hosts[0]",
            q("*.payments.example.com") + " cannot be resolved", (ServiceEntry e) -> {
              hosts(e, "*.payments.example.com");
              resolution(e, ServiceEntryResolution.DNS);
            }),
        reject("DNS_ROUND_ROBIN with two endpoints", "serviceentry.dns-round-robin", "spec.endpoints",
            "2 endpoints are listed", (ServiceEntry e) -> {
              spec(e).setResolution(ServiceEntryResolution.DNS_ROUND_ROBIN);
              spec(e).getEndpoints().add(new WorkloadEntryBuilder().withAddress("us.api.payments.example.com").build());
            }),
        warn("resolution DYNAMIC_DNS", "serviceentry.resolution", "spec.resolution", q("DYNAMIC_DNS"),
            (ServiceEntry e) -> resolution(e, ServiceEntryResolution.DYNAMIC_DNS)),
        // ---- exportTo
        reject("export to * and ~", "serviceentry.export-to", "spec.exportTo", "mixes \"~\"",
            (ServiceEntry e) -> spec(e).setExportTo(new ArrayList<>(List.of("~", "*")))),
        reject("export to an invalid namespace", "serviceentry.export-to", "spec.exportTo[0]", q("Other_NS")
            + " must be \".\" (this namespace), \"*\" (all namespaces), \"~\" (no one)",
            (ServiceEntry e) -> spec(e).setExportTo(new ArrayList<>(List.of("Other_NS")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<ServiceEntry> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(serviceEntry(mutation)), rule, severity, path, text);
  }

  // ================================================================= accepted near misses

  static Stream<Arguments> accepted() {
    return Stream.<Arguments>of(
        ok("baseline", (ServiceEntry e) -> { }),
        ok("wildcard host with resolution NONE", (ServiceEntry e) -> {
          hosts(e, "*.payments.example.com");
          resolution(e, ServiceEntryResolution.NONE);
        }),
        ok("wildcard host with DNS and an endpoint", (ServiceEntry e) -> hosts(e, "*.payments.example.com")),
        ok("single-label host with DNS", (ServiceEntry e) -> {
          hosts(e, "payments");
          resolution(e, ServiceEntryResolution.DNS);
        }),
        ok("no addresses", (ServiceEntry e) -> spec(e).setAddresses(new ArrayList<>())),
        ok("IPv6 address and CIDR with STATIC", (ServiceEntry e) -> {
          staticEndpoints(e);
          spec(e).setAddresses(new ArrayList<>(List.of("2001:db8::1", "10.10.0.0/16")));
        }),
        ok("CIDR with resolution NONE", (ServiceEntry e) -> {
          resolution(e, ServiceEntryResolution.NONE);
          spec(e).setAddresses(new ArrayList<>(List.of("10.10.0.0/16")));
        }),
        ok("no ports (resolution NONE)", (ServiceEntry e) -> {
          resolution(e, ServiceEntryResolution.NONE);
          spec(e).setPorts(new ArrayList<>());
        }),
        ok("protocol left out (sniffed)", (ServiceEntry e) -> port(e, 1).setProtocol(null)),
        ok("protocol any case", (ServiceEntry e) -> port(e, 1).setProtocol("http2")),
        ok("upper-case port name (Istio's labels allow it)", (ServiceEntry e) -> {
          port(e, 0).setName("HTTPS");
          endpoint(e).setPorts(new HashMap<>(Map.of("HTTPS", 8443L)));
        }),
        ok("target port", (ServiceEntry e) -> port(e, 0).setTargetPort(8443L)),
        ok("two hosts on HTTP and TLS ports", (ServiceEntry e) -> {
          hosts(e, "api.payments.example.com", "api2.payments.example.com");
          spec(e).setAddresses(new ArrayList<>());
        }),
        ok("two hosts on TCP with resolution NONE", (ServiceEntry e) -> {
          hosts(e, "api.payments.example.com", "api2.payments.example.com");
          resolution(e, ServiceEntryResolution.NONE);
          spec(e).setAddresses(new ArrayList<>());
          port(e, 0).setProtocol("TCP");
        }),
        ok("static endpoints", ServiceEntryRulesTest::staticEndpoints),
        ok("static IPv6 endpoint", (ServiceEntry e) -> {
          staticEndpoints(e);
          endpoint(e).setAddress("2001:db8::7");
        }),
        ok("static unix endpoint with one port", (ServiceEntry e) -> {
          staticEndpoints(e);
          endpoint(e).setAddress("unix:///run/payments.sock");
          endpoint(e).setPorts(new HashMap<>());
          spec(e).getPorts().remove(1);
        }),
        ok("static endpoints by selector", (ServiceEntry e) -> {
          resolution(e, ServiceEntryResolution.STATIC);
          spec(e).setWorkloadSelector(selector("app", "payments"));
        }),
        ok("DNS endpoint an IP", (ServiceEntry e) -> endpoint(e).setAddress("203.0.113.7")),
        ok("DNS without endpoints", (ServiceEntry e) -> resolution(e, ServiceEntryResolution.DNS)),
        ok("DNS_ROUND_ROBIN with one endpoint", (ServiceEntry e) -> spec(e).setResolution(
            ServiceEntryResolution.DNS_ROUND_ROBIN)),
        ok("location MESH_INTERNAL", (ServiceEntry e) -> spec(e).setLocation(ServiceEntryLocation.MESH_INTERNAL)),
        ok("location unset", (ServiceEntry e) -> spec(e).setLocation(null)),
        ok("export to no one", (ServiceEntry e) -> spec(e).setExportTo(new ArrayList<>(List.of("~")))),
        ok("export to ., other", (ServiceEntry e) -> spec(e).setExportTo(new ArrayList<>(List.of(".", "other")))),
        ok("endpoint label with a long value (no limit in Istio)", (ServiceEntry e) -> endpoint(e).getLabels().put(
            "region", "e".repeat(100))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<ServiceEntry> mutation) {
    assertClean(check(serviceEntry(mutation)));
  }

  // ================================================================= details

  @Test
  void everyRuleIdHasARejectedCase() throws Exception {
    IstioRuleTables.assertEveryRuleRejected("ServiceEntryRules", rejected());
  }

  @Test
  void anInvalidHostIsReportedOnceWithDns() {
    List<Finding> findings = check(serviceEntry(e -> {
      hosts(e, "api_payments.example.com");
      resolution(e, ServiceEntryResolution.DNS);
    }));
    assertEquals(1, findings.size(), Fixtures.describe(findings));
    assertTrue(findings.get(0).rule().equals("serviceentry.host"));
  }

  @Test
  void hollowInputIsReportedNotThrown() {
    // every field, list element and map value in turn null, {}, [] or ""
    assertTrue(IstioRuleTables.assertNoThrowOnHollowInput(serviceEntry(), ServiceEntry.class,
        ServiceEntryRules::check) > 40);
  }

  @Test
  void theInputIsNotChanged() {
    ServiceEntry entry = serviceEntry();
    ServiceEntry before = new ServiceEntryBuilder(entry).build();
    check(entry);
    assertEquals(before, entry);
  }
}
