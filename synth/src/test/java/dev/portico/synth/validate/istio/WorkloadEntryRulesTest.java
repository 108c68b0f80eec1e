package dev.portico.synth.validate.istio;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.istio.IstioPolicyTesting.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Severity;
import dev.portico.synth.validate.Validator;
import io.fabric8.istio.api.networking.v1.WorkloadEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Field rules of a WorkloadEntry ({@link WorkloadEntryRules}): rejected single mutations of the
 * valid baseline {@link #entry()} and accepted near misses, from istio/istio's
 * {@code TestValidateWorkloadEntry} and the WorkloadEntry CRD.
 */
class WorkloadEntryRulesTest {

  /** WorkloadEntry/shop/vm1: 10.0.0.7, ports http 8080 and grpc 9090, labels app=web version=v1. */
  static WorkloadEntry entry() {
    var spec = new io.fabric8.istio.api.api.networking.v1alpha3.WorkloadEntry();
    spec.setAddress("10.0.0.7");
    spec.setPorts(new HashMap<>(Map.of("http", 8080L, "grpc", 9090L)));
    spec.setLabels(new HashMap<>(Map.of("app", "web", "version", "v1")));
    spec.setServiceAccount("web");
    WorkloadEntry entry = new WorkloadEntry();
    entry.setMetadata(new ObjectMetaBuilder().withName("vm1").withNamespace("shop").build());
    entry.setSpec(spec);
    return entry;
  }

  static WorkloadEntry entry(Consumer<WorkloadEntry> mutation) {
    WorkloadEntry entry = entry();
    mutation.accept(entry);
    return entry;
  }

  static List<Finding> check(WorkloadEntry entry) {
    return IstioPolicyTesting.run(entry, (c, e) -> WorkloadEntryRules.check(c, e.getMetadata(), e.getSpec()));
  }

  private static io.fabric8.istio.api.api.networking.v1alpha3.WorkloadEntry spec(WorkloadEntry e) {
    return e.getSpec();
  }

  private static void socket(WorkloadEntry e, String address) {
    spec(e).setAddress(address);
    spec(e).setPorts(null);
  }

  private static Arguments error(String name, String rule, String path, String text, Consumer<WorkloadEntry> mutation) {
    return IstioPolicyTesting.error(name, rule, path, text, mutation);
  }

  private static Arguments warning(String name, String rule, String path, String text,
      Consumer<WorkloadEntry> mutation) {
    return IstioPolicyTesting.warning(name, rule, path, text, mutation);
  }

  private static Arguments ok(String name, Consumer<WorkloadEntry> mutation) {
    return IstioPolicyTesting.ok(name, mutation);
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        error("name uppercase", "metadata.name", "metadata.name", q("VM1"), e -> e.getMetadata().setName("VM1")),
        error("dry-run annotation", "workloadentry.dry-run-annotation", "metadata.annotations[istio.io/dry-run]",
            "is not supported on a WorkloadEntry", e -> e.getMetadata().setAnnotations(Map.of("istio.io/dry-run", "1"))),
        error("missing address", "workloadentry.address", "spec.address", "is required", e -> spec(e).setAddress(null)),
        error("no spec", "workloadentry.address", "spec.address", "is required", e -> e.setSpec(null)),
        warning("no address with network", "workloadentry.address", "spec.address", "network is \"network-2\"", e -> {
          spec(e).setAddress(null);
          spec(e).setNetwork("network-2");
        }),
        error("address with a port (upstream: invalid FQDN)", "workloadentry.address", "spec.address",
            q("invaliddns.com:9443") + " is not an IP address, and as a DNS name it has an invalid label",
            e -> spec(e).setAddress("invaliddns.com:9443")),
        error("address with a scheme", "workloadentry.address", "spec.address", q("http://vm1.example.com"),
            e -> spec(e).setAddress("http://vm1.example.com")),
        error("socket not absolute", "workloadentry.address", "spec.address", "absolute file path",
            e -> socket(e, "unix://var/run/app.sock")),
        error("socket is a dir", "workloadentry.address", "spec.address", "absolute file path",
            e -> socket(e, "unix:///var/run/")),
        error("address 256 characters, too long for a DNS name", "workloadentry.address", "spec.address",
            "is longer than 255 characters", e -> spec(e).setAddress(("a".repeat(63) + ".").repeat(3) + "b".repeat(52)
                + ".example.com")),
        error("address too long", "workloadentry.length", "spec.address", "at most 256",
            e -> spec(e).setAddress("a".repeat(250) + ".example.com")),
        error("network too long", "workloadentry.length", "spec.network", "at most 2048",
            e -> spec(e).setNetwork("n".repeat(2049))),
        error("service account too long", "workloadentry.length", "spec.serviceAccount", "at most 253",
            e -> spec(e).setServiceAccount("s".repeat(254))),
        error("unix endpoint with ports", "workloadentry.unix-ports", "spec.ports", "must be empty",
            e -> spec(e).setAddress("unix:///lon/google/com")),
        error("port name underscore", "workloadentry.port", "spec.ports[http_alt]", q("http_alt")
            + " must be a port name", e -> spec(e).getPorts().put("http_alt", 8081L)),
        error("port name 63 characters (CRD size < 63)", "workloadentry.port", "spec.ports[" + "p".repeat(63) + "]",
            "at most 62 characters", e -> spec(e).getPorts().put("p".repeat(63), 8081L)),
        error("port 0", "workloadentry.port", "spec.ports[admin]", "0 must be a port number",
            e -> spec(e).getPorts().put("admin", 0L)),
        error("port 65536", "workloadentry.port", "spec.ports[admin]", "65536 must be a port number",
            e -> spec(e).getPorts().put("admin", 65_536L)),
        error("129 ports", "workloadentry.port", "spec.ports", "129 ports are too many", e -> {
          for (int i = 0; i < 127; i++) {
            spec(e).getPorts().put("p" + i, 10_000L + i);
          }
        }),
        error("label value with a slash", "workloadentry.labels", "spec.labels[version]", q("v1/beta"),
            e -> spec(e).getLabels().put("version", "v1/beta")),
        error("label key invalid", "workloadentry.labels", "spec.labels[-app]", q("-app"),
            e -> spec(e).getLabels().put("-app", "web")),
        error("257 labels", "workloadentry.labels", "spec.labels", "257 labels are too many", e -> {
          for (int i = 0; i < 255; i++) {
            spec(e).getLabels().put("l" + i, "v");
          }
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<WorkloadEntry> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(entry(mutation)), rule, severity, path, text);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", e -> { }),
        ok("address only (upstream: valid)", e -> {
          spec(e).setPorts(null);
          spec(e).setLabels(null);
          spec(e).setServiceAccount(null);
        }),
        ok("valid FQDN", e -> spec(e).setAddress("validdns.com")),
        ok("IPv6", e -> spec(e).setAddress("2001:db8::7")),
        ok("unix endpoint without ports", e -> socket(e, "unix:///lon/google/com")),
        ok("abstract socket", e -> socket(e, "unix://@app")),
        ok("address of 255 characters (a DNS name's limit)", e -> spec(e).setAddress(("a".repeat(63) + ".").repeat(3)
            + "b".repeat(51)
            + ".example.com")),
        ok("port name upper case, 62 characters", e -> spec(e).getPorts().put("H" + "p".repeat(61), 8081L)),
        ok("ports 1 and 65535", e -> {
          spec(e).getPorts().put("a", 1L);
          spec(e).getPorts().put("b", 65_535L);
        }),
        ok("128 ports", e -> {
          for (int i = 0; i < 126; i++) {
            spec(e).getPorts().put("p" + i, 10_000L + i);
          }
        }),
        ok("prefixed label and empty value", e -> {
          spec(e).getLabels().put("example.com/tier", "");
        }),
        ok("network and locality", e -> {
          spec(e).setNetwork("network-2");
          spec(e).setLocality("us-east1/us-east1-b");
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<WorkloadEntry> mutation) {
    assertClean(check(entry(mutation)));
  }

  @Test
  void everyRuleIdHasARejectedRow() {
    IstioPolicyTesting.assertEveryRuleIdHasARejectedRow("WorkloadEntryRules", "workloadentry", rejected());
  }

  @Test
  void everyServedVersionIsChecked() {
    for (String version : List.of("networking.istio.io/v1", "networking.istio.io/v1beta1",
        "networking.istio.io/v1alpha3")) {
      assertTrue(Validator.kind(version, "WorkloadEntry") != null, version);
    }
    var beta = new io.fabric8.istio.api.networking.v1beta1.WorkloadEntry();
    beta.setMetadata(entry().getMetadata());
    beta.setSpec(entry(e -> spec(e).setAddress(null)).getSpec());
    assertFinding(Fixtures.validate(beta), "workloadentry.address", Severity.ERROR, "spec.address", "is required");
  }

  @Test
  void theBaselineIsCleanThroughTheValidator() {
    assertClean(Fixtures.validate(entry()));
  }

  @Test
  void theInputIsNotChanged() {
    WorkloadEntry entry = entry(e -> spec(e).getPorts().put("bad_name", 0L));
    WorkloadEntry before = new io.fabric8.istio.api.networking.v1.WorkloadEntryBuilder(entry).build();
    check(entry);
    assertEquals(before, entry);
  }

  @Test
  void hollowInputNeverThrows() {
    int ran = IstioRuleTables.assertNoThrowOnHollowInput(entry(), WorkloadEntry.class,
        (c, e) -> WorkloadEntryRules.check(c, e.getMetadata(), e.getSpec()));
    assertTrue(ran > 20, "only " + ran + " variants ran");
  }
}
