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
import io.fabric8.istio.api.api.networking.v1alpha3.ExecHealthCheckConfig;
import io.fabric8.istio.api.api.networking.v1alpha3.GrpcHealthCheckConfig;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPHeader;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPHealthCheckConfig;
import io.fabric8.istio.api.api.networking.v1alpha3.ReadinessProbe;
import io.fabric8.istio.api.api.networking.v1alpha3.ReadinessProbeExec;
import io.fabric8.istio.api.api.networking.v1alpha3.ReadinessProbeGrpc;
import io.fabric8.istio.api.api.networking.v1alpha3.ReadinessProbeHttpGet;
import io.fabric8.istio.api.api.networking.v1alpha3.ReadinessProbeTcpSocket;
import io.fabric8.istio.api.api.networking.v1alpha3.TCPHealthCheckConfig;
import io.fabric8.istio.api.api.networking.v1alpha3.WorkloadGroupObjectMeta;
import io.fabric8.istio.api.networking.v1.WorkloadGroup;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
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

/**
 * Field rules of a WorkloadGroup ({@link WorkloadGroupRules}): rejected single mutations of the
 * valid baseline {@link #group()} and accepted near misses, from istio/istio's
 * {@code TestValidateWorkloadGroup} and the WorkloadGroup CRD.
 */
class WorkloadGroupRulesTest {
  private static final String HTTP = "spec.probe.httpGet";

  /**
   * WorkloadGroup/shop/vms: metadata labels app=web; template ports http 8080, serviceAccount web;
   * an HTTP readiness probe on 8080 /ready with header X-Probe.
   */
  static WorkloadGroup group() {
    var template = new io.fabric8.istio.api.api.networking.v1alpha3.WorkloadEntry();
    template.setPorts(new HashMap<>(Map.of("http", 8080L)));
    template.setServiceAccount("web");
    HTTPHealthCheckConfig http = new HTTPHealthCheckConfig();
    http.setPort(8080L);
    http.setPath("/ready");
    http.setHttpHeaders(new ArrayList<>(List.of(new HTTPHeader("X-Probe", "1"))));
    ReadinessProbe probe = new ReadinessProbe();
    probe.setHealthCheckMethod(new ReadinessProbeHttpGet(http));
    probe.setPeriodSeconds(10);
    var spec = new io.fabric8.istio.api.api.networking.v1alpha3.WorkloadGroup();
    spec.setTemplate(template);
    spec.setMetadata(new WorkloadGroupObjectMeta(null, new HashMap<>(Map.of("app", "web"))));
    spec.setProbe(probe);
    WorkloadGroup group = new WorkloadGroup();
    group.setMetadata(new ObjectMetaBuilder().withName("vms").withNamespace("shop").build());
    group.setSpec(spec);
    return group;
  }

  static WorkloadGroup group(Consumer<WorkloadGroup> mutation) {
    WorkloadGroup group = group();
    mutation.accept(group);
    return group;
  }

  static List<Finding> check(WorkloadGroup group) {
    return IstioPolicyTesting.run(group, (c, g) -> WorkloadGroupRules.check(c, g.getMetadata(), g.getSpec()));
  }

  private static io.fabric8.istio.api.api.networking.v1alpha3.WorkloadGroup spec(WorkloadGroup g) {
    return g.getSpec();
  }

  private static ReadinessProbe probe(WorkloadGroup g) {
    return g.getSpec().getProbe();
  }

  private static HTTPHealthCheckConfig http(WorkloadGroup g) {
    return ((ReadinessProbeHttpGet) probe(g).getHealthCheckMethod()).getHttpGet();
  }

  private static void tcp(WorkloadGroup g, Long port) {
    probe(g).setHealthCheckMethod(new ReadinessProbeTcpSocket(port == null ? null : new TCPHealthCheckConfig(null, port)));
  }

  private static void exec(WorkloadGroup g, List<String> command) {
    probe(g).setHealthCheckMethod(new ReadinessProbeExec(new ExecHealthCheckConfig(command)));
  }

  private static Arguments error(String name, String rule, String path, String text, Consumer<WorkloadGroup> mutation) {
    return IstioPolicyTesting.error(name, rule, path, text, mutation);
  }

  private static Arguments ok(String name, Consumer<WorkloadGroup> mutation) {
    return IstioPolicyTesting.ok(name, mutation);
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        error("name uppercase", "metadata.name", "metadata.name", q("VMs"), g -> g.getMetadata().setName("VMs")),
        error("dry-run annotation", "workloadgroup.dry-run-annotation", "metadata.annotations[istio.io/dry-run]",
            "is not supported on a WorkloadGroup", g -> g.getMetadata().setAnnotations(Map.of("istio.io/dry-run", "x"))),
        error("template missing", "workloadgroup.template", "spec.template", "is required",
            g -> spec(g).setTemplate(null)),
        error("no spec", "workloadgroup.template", "spec", "is required", g -> g.setSpec(null)),
        // metadata (upstream "invalid": label "." = "~")
        error("metadata label invalid", "workloadgroup.metadata", "spec.metadata.labels[.]", "label key \".\"",
            g -> spec(g).getMetadata().getLabels().put(".", "~")),
        error("metadata 257 labels", "workloadgroup.metadata", "spec.metadata.labels", "257 labels are too many",
            g -> {
              for (int i = 0; i < 256; i++) {
                spec(g).getMetadata().getLabels().put("l" + i, "v");
              }
            }),
        error("metadata 257 annotations", "workloadgroup.metadata", "spec.metadata.annotations",
            "257 annotations are too many", g -> {
              Map<String, String> annotations = new HashMap<>();
              for (int i = 0; i < 257; i++) {
                annotations.put("a" + i, "v");
              }
              spec(g).getMetadata().setAnnotations(annotations);
            }),
        // template: the CRD's WorkloadEntry rules
        error("template socket relative", "workloadgroup.template-address", "spec.template.address",
            "absolute file path", g -> {
              spec(g).getTemplate().setAddress("unix://app.sock");
              spec(g).getTemplate().setPorts(null);
            }),
        error("template socket with ports", "workloadgroup.template-unix-ports", "spec.template.ports",
            "must be empty", g -> spec(g).getTemplate().setAddress("unix:///var/run/app.sock")),
        error("template port 0", "workloadgroup.template-port", "spec.template.ports[http]",
            "0 must be a port number", g -> spec(g).getTemplate().getPorts().put("http", 0L)),
        error("template 257 labels", "workloadgroup.template-labels", "spec.template.labels",
            "257 labels are too many", g -> {
              Map<String, String> labels = new HashMap<>();
              for (int i = 0; i < 257; i++) {
                labels.put("l" + i, "v");
              }
              spec(g).getTemplate().setLabels(labels);
            }),
        error("template service account too long", "workloadgroup.template-length",
            "spec.template.serviceAccount", "at most 253", g -> spec(g).getTemplate().setServiceAccount("s".repeat(254))),
        // probe (upstream cases)
        error("probe missing method", "workloadgroup.probe-method", "spec.probe", "has no health check",
            g -> spec(g).setProbe(new ReadinessProbe())),
        error("probe httpGet nil", "workloadgroup.probe-method", HTTP, "is empty",
            g -> probe(g).setHealthCheckMethod(new ReadinessProbeHttpGet(null))),
        error("probe http empty (port 0)", "workloadgroup.probe-port", HTTP + ".port", "0 must be a port number",
            g -> probe(g).setHealthCheckMethod(new ReadinessProbeHttpGet(new HTTPHealthCheckConfig()))),
        error("probe tcp invalid", "workloadgroup.probe-port", "spec.probe.tcpSocket.port", "0 must be a port number",
            g -> tcp(g, 0L)),
        error("probe tcp nil", "workloadgroup.probe-method", "spec.probe.tcpSocket", "is empty", g -> tcp(g, null)),
        error("probe exec invalid", "workloadgroup.probe-exec", "spec.probe.exec.command", "is required",
            g -> exec(g, null)),
        error("probe exec empty word", "workloadgroup.probe-exec", "spec.probe.exec.command[1]", "is empty",
            g -> exec(g, List.of("cat", ""))),
        error("probe grpc (unknown to the webhook)", "workloadgroup.probe-method", "spec.probe.grpc",
            "knows only httpGet, tcpSocket and exec", g -> probe(g).setHealthCheckMethod(
                new ReadinessProbeGrpc(new GrpcHealthCheckConfig(8080L, null)))),
        error("probe scheme lower case", "workloadgroup.probe-http", HTTP + ".scheme", q("https"),
            g -> http(g).setScheme("https")),
        error("probe header with underscore", "workloadgroup.probe-http", HTTP + ".httpHeaders[0].name",
            q("X_Probe"), g -> http(g).getHttpHeaders().set(0, new HTTPHeader("X_Probe", "1"))),
        error("probe header without name", "workloadgroup.probe-http", HTTP + ".httpHeaders[0].name", "is required",
            g -> http(g).getHttpHeaders().set(0, new HTTPHeader("", "1"))),
        error("probe header null", "workloadgroup.probe-http", HTTP + ".httpHeaders[0]", "is null",
            g -> http(g).getHttpHeaders().set(0, null)),
        error("probe negative period", "workloadgroup.probe", "spec.probe.periodSeconds", "-1 must not be negative",
            g -> probe(g).setPeriodSeconds(-1)),
        error("probe negative failure threshold", "workloadgroup.probe", "spec.probe.failureThreshold",
            "-3 must not be negative", g -> probe(g).setFailureThreshold(-3)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<WorkloadGroup> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(group(mutation)), rule, severity, path, text);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", g -> { }),
        ok("empty template (upstream: valid; the address comes on registration)", g -> {
          spec(g).setTemplate(new io.fabric8.istio.api.api.networking.v1alpha3.WorkloadEntry());
          spec(g).setMetadata(null);
          spec(g).setProbe(null);
        }),
        ok("template without address is no error, unlike a WorkloadEntry", g -> spec(g).getTemplate().setAddress(null)),
        ok("template socket without ports", g -> {
          spec(g).getTemplate().setAddress("unix:///var/run/app.sock");
          spec(g).getTemplate().setPorts(null);
        }),
        ok("probe http valid (port only)", g -> probe(g).setHealthCheckMethod(
            new ReadinessProbeHttpGet(new HTTPHealthCheckConfig(null, null, null, 5L, null)))),
        ok("probe scheme HTTPS", g -> http(g).setScheme("HTTPS")),
        ok("probe tcp valid", g -> tcp(g, 5L)),
        ok("probe exec valid", g -> exec(g, List.of("foo", "bar"))),
        ok("probe counts zero", g -> {
          probe(g).setPeriodSeconds(0);
          probe(g).setInitialDelaySeconds(0);
          probe(g).setTimeoutSeconds(0);
          probe(g).setSuccessThreshold(0);
          probe(g).setFailureThreshold(0);
        }),
        ok("metadata annotations", g -> spec(g).getMetadata().setAnnotations(Map.of("example.com/owner", "team a"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<WorkloadGroup> mutation) {
    assertClean(check(group(mutation)));
  }

  @Test
  void everyRuleIdHasARejectedRow() {
    IstioPolicyTesting.assertEveryRuleIdHasARejectedRow("WorkloadGroupRules", "workloadgroup", rejected());
  }

  @Test
  void everyServedVersionIsChecked() {
    for (String version : List.of("networking.istio.io/v1", "networking.istio.io/v1beta1",
        "networking.istio.io/v1alpha3")) {
      assertTrue(Validator.kind(version, "WorkloadGroup") != null, version);
    }
    var alpha = new io.fabric8.istio.api.networking.v1alpha3.WorkloadGroup();
    alpha.setMetadata(group().getMetadata());
    alpha.setSpec(group(g -> spec(g).setTemplate(null)).getSpec());
    assertFinding(Fixtures.validate(alpha), "workloadgroup.template", Severity.ERROR, "spec.template", "is required");
  }

  @Test
  void theBaselineIsCleanThroughTheValidator() {
    assertClean(Fixtures.validate(group()));
  }

  @Test
  void theInputIsNotChanged() {
    WorkloadGroup group = group(g -> tcp(g, 0L));
    WorkloadGroup before = new io.fabric8.istio.api.networking.v1.WorkloadGroupBuilder(group).build();
    check(group);
    assertEquals(before, group);
  }

  @Test
  void hollowInputNeverThrows() {
    int ran = IstioRuleTables.assertNoThrowOnHollowInput(group(), WorkloadGroup.class,
        (c, g) -> WorkloadGroupRules.check(c, g.getMetadata(), g.getSpec()));
    assertTrue(ran > 20, "only " + ran + " variants ran");
  }
}
