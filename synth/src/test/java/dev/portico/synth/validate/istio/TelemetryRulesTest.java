package dev.portico.synth.validate.istio;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.list;
import static dev.portico.synth.validate.istio.IstioPolicyTesting.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Severity;
import io.fabric8.istio.api.api.telemetry.v1alpha1.AccessLogging;
import io.fabric8.istio.api.api.telemetry.v1alpha1.AccessLoggingFilter;
import io.fabric8.istio.api.api.telemetry.v1alpha1.MetricSelector;
import io.fabric8.istio.api.api.telemetry.v1alpha1.MetricSelectorCustomMetric;
import io.fabric8.istio.api.api.telemetry.v1alpha1.MetricSelectorIstioMetric;
import io.fabric8.istio.api.api.telemetry.v1alpha1.MetricSelectorMetric;
import io.fabric8.istio.api.api.telemetry.v1alpha1.Metrics;
import io.fabric8.istio.api.api.telemetry.v1alpha1.MetricsOverrides;
import io.fabric8.istio.api.api.telemetry.v1alpha1.MetricsOverridesTagOverride;
import io.fabric8.istio.api.api.telemetry.v1alpha1.MetricsOverridesTagOverrideOperation;
import io.fabric8.istio.api.api.telemetry.v1alpha1.ProviderRef;
import io.fabric8.istio.api.api.telemetry.v1alpha1.Tracing;
import io.fabric8.istio.api.api.telemetry.v1alpha1.TracingCustomTag;
import io.fabric8.istio.api.api.telemetry.v1alpha1.TracingCustomTagEnvironment;
import io.fabric8.istio.api.api.telemetry.v1alpha1.TracingCustomTagHeader;
import io.fabric8.istio.api.api.telemetry.v1alpha1.TracingCustomTagLiteral;
import io.fabric8.istio.api.api.telemetry.v1alpha1.TracingEnvironment;
import io.fabric8.istio.api.api.telemetry.v1alpha1.TracingLiteral;
import io.fabric8.istio.api.api.telemetry.v1alpha1.TracingRequestHeader;
import io.fabric8.istio.api.api.type.v1beta1.PolicyTargetReference;
import io.fabric8.istio.api.api.type.v1beta1.WorkloadSelector;
import io.fabric8.istio.api.telemetry.v1.Telemetry;
import io.fabric8.istio.api.telemetry.v1.TelemetryBuilder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Field rules of a Telemetry ({@link TelemetryRules}), one table of rejected single mutations of
 * the valid baseline {@link #telemetry()} and one of accepted near misses.
 */
class TelemetryRulesTest {
  private static final String LOG0 = "spec.accessLogging[0]";
  private static final String TRACE0 = "spec.tracing[0]";
  private static final String METRIC0 = "spec.metrics[0]";
  private static final String OVERRIDE0 = METRIC0 + ".overrides[0]";

  // ================================================================= the baseline

  /**
   * Telemetry/shop/web for app=web: access logs to envoy for responses of 400 and over; tracing to
   * zipkin at 10% with tags cluster (literal), user (header) and pod (environment); metrics to
   * prometheus every 15s, REQUEST_COUNT without request_protocol and with source_app upserted.
   */
  static Telemetry telemetry() {
    AccessLogging logging = new AccessLogging();
    logging.setProviders(list(new ProviderRef("envoy")));
    logging.setFilter(new AccessLoggingFilter("response.code >= 400"));

    Tracing tracing = new Tracing();
    tracing.setProviders(list(new ProviderRef("zipkin")));
    tracing.setRandomSamplingPercentage(10.0);
    Map<String, TracingCustomTag> tags = new LinkedHashMap<>();
    tags.put("cluster", new TracingCustomTag(new TracingCustomTagLiteral(new TracingLiteral("east"))));
    tags.put("user", new TracingCustomTag(new TracingCustomTagHeader(header("x-user"))));
    tags.put("pod", new TracingCustomTag(new TracingCustomTagEnvironment(environment("POD_NAME"))));
    tracing.setCustomTags(tags);

    Metrics metrics = new Metrics();
    metrics.setProviders(list(new ProviderRef("prometheus")));
    metrics.setReportingInterval("15s");
    MetricsOverrides override = new MetricsOverrides();
    override.setMatch(new MetricSelector(new MetricSelectorMetric(MetricSelectorIstioMetric.REQUEST_COUNT), null));
    Map<String, MetricsOverridesTagOverride> tagOverrides = new LinkedHashMap<>();
    tagOverrides.put("request_protocol", tagOverride(MetricsOverridesTagOverrideOperation.REMOVE, null));
    tagOverrides.put("source_app", tagOverride(MetricsOverridesTagOverrideOperation.UPSERT, "upstream_peer.app"));
    override.setTagOverrides(tagOverrides);
    metrics.setOverrides(list(override));

    return new TelemetryBuilder()
        .withNewMetadata().withName("web").withNamespace("shop").endMetadata()
        .withNewSpec()
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withAccessLogging(list(logging))
        .withTracing(list(tracing))
        .withMetrics(list(metrics))
        .endSpec()
        .build();
  }

  static Telemetry telemetry(Consumer<Telemetry> mutation) {
    Telemetry telemetry = telemetry();
    mutation.accept(telemetry);
    return telemetry;
  }

  static List<Finding> check(Telemetry telemetry) {
    return IstioPolicyTesting.run(telemetry, TelemetryRules::check);
  }

  private static TracingRequestHeader header(String name) {
    TracingRequestHeader header = new TracingRequestHeader();
    header.setName(name);
    return header;
  }

  private static TracingEnvironment environment(String name) {
    TracingEnvironment environment = new TracingEnvironment();
    environment.setName(name);
    return environment;
  }

  private static MetricsOverridesTagOverride tagOverride(MetricsOverridesTagOverrideOperation operation, String value) {
    MetricsOverridesTagOverride tag = new MetricsOverridesTagOverride();
    tag.setOperation(operation);
    tag.setValue(value);
    return tag;
  }

  private static PolicyTargetReference ref(String group, String kind, String name, String namespace) {
    PolicyTargetReference ref = new PolicyTargetReference();
    ref.setGroup(group);
    ref.setKind(kind);
    ref.setName(name);
    ref.setNamespace(namespace);
    return ref;
  }

  private static io.fabric8.istio.api.api.telemetry.v1alpha1.Telemetry spec(Telemetry t) {
    return t.getSpec();
  }

  private static AccessLogging log(Telemetry t) {
    return t.getSpec().getAccessLogging().get(0);
  }

  private static Tracing trace(Telemetry t) {
    return t.getSpec().getTracing().get(0);
  }

  private static Metrics metrics(Telemetry t) {
    return t.getSpec().getMetrics().get(0);
  }

  private static MetricsOverrides override(Telemetry t) {
    return metrics(t).getOverrides().get(0);
  }

  private static void filter(Telemetry t, String expression) {
    log(t).setFilter(new AccessLoggingFilter(expression));
  }

  private static void tag(Telemetry t, String name, TracingCustomTag tag) {
    trace(t).getCustomTags().put(name, tag);
  }

  private static void tagOverride(Telemetry t, String name, MetricsOverridesTagOverride tag) {
    override(t).getTagOverrides().put(name, tag);
  }

  private static void targetRefInstead(Telemetry t, PolicyTargetReference ref) {
    spec(t).setSelector(null);
    spec(t).setTargetRef(ref);
  }

  private static void annotate(Telemetry t, String key, String value) {
    if (t.getMetadata().getAnnotations() == null) {
      t.getMetadata().setAnnotations(new HashMap<>());
    }
    t.getMetadata().getAnnotations().put(key, value);
  }

  private static Arguments error(String name, String rule, String path, String text, Consumer<Telemetry> mutation) {
    return IstioPolicyTesting.error(name, rule, path, text, mutation);
  }

  private static Arguments warning(String name, String rule, String path, String text, Consumer<Telemetry> mutation) {
    return IstioPolicyTesting.warning(name, rule, path, text, mutation);
  }

  private static Arguments ok(String name, Consumer<Telemetry> mutation) {
    return IstioPolicyTesting.ok(name, mutation);
  }

  // ================================================================= rejected inputs

  static Stream<Arguments> rejected() {
    return Stream.of(targets(), logsAndTraces(), metricRows()).flatMap(s -> s);
  }

  private static Stream<Arguments> targets() {
    return Stream.of(
        error("name uppercase", "metadata.name", "metadata.name", q("Web"), t -> t.getMetadata().setName("Web")),
        error("dry-run annotation", "telemetry.dry-run-annotation", "metadata.annotations[istio.io/dry-run]",
            q("false") + " is not supported on a Telemetry", t -> annotate(t, "istio.io/dry-run", "false")),
        error("selector wildcard value", "telemetry.selector", "spec.selector.matchLabels[app]", q("*"),
            t -> spec(t).getSelector().getMatchLabels().put("app", "*")),
        warning("selector without labels", "telemetry.selector-empty", "spec.selector", "has no matchLabels",
            t -> spec(t).setSelector(new WorkloadSelector())),
        warning("selector value not a label value", "telemetry.selector-label", "spec.selector.matchLabels[app]",
            q("web/v1"), t -> spec(t).getSelector().getMatchLabels().put("app", "web/v1")),
        error("selector and targetRef", "telemetry.target-exclusive", "spec.targetRef",
            "must not be set together with selector", t -> spec(t).setTargetRef(ref("", "Service", "web", null))),
        error("targetRef in another namespace", "telemetry.target-ref", "spec.targetRef.namespace", q("istio-system"),
            t -> targetRefInstead(t, ref("", "Service", "web", "istio-system"))),
        error("targetRefs entry without name", "telemetry.target-ref", "spec.targetRefs[0].name", "is required", t -> {
          spec(t).setSelector(null);
          spec(t).setTargetRefs(list(ref("gateway.networking.k8s.io", "Gateway", "", null)));
        }),
        error("targetRef kind Pod", "telemetry.target-ref-kind", "spec.targetRef.kind", q("Pod"),
            t -> targetRefInstead(t, ref("", "Pod", "web", null))));
  }

  private static Stream<Arguments> logsAndTraces() {
    return Stream.of(
        error("access log provider without name", "telemetry.provider", LOG0 + ".providers[0].name", "is required",
            t -> log(t).setProviders(list(new ProviderRef("")))),
        error("access log provider null", "telemetry.provider", LOG0 + ".providers[1]", "is null",
            t -> log(t).getProviders().add(null)),
        error("tracing provider without name", "telemetry.provider", TRACE0 + ".providers[0].name", "is required",
            t -> trace(t).setProviders(list(new ProviderRef()))),
        error("metrics provider without name", "telemetry.provider", METRIC0 + ".providers[0].name",
            "meshConfig extensionProviders", t -> metrics(t).setProviders(list(new ProviderRef("")))),
        error("filter empty", "telemetry.access-log-filter", LOG0 + ".filter.expression",
            "\"\" is empty; a CEL expression is required", t -> filter(t, "")),
        error("filter without expression", "telemetry.access-log-filter", LOG0 + ".filter.expression",
            "is empty", t -> log(t).setFilter(new AccessLoggingFilter())),
        error("filter with =", "telemetry.access-log-filter", LOG0 + ".filter.expression",
            q("response.code = 400") + " is not a valid CEL expression: '=' at character 15 is not an operator; "
                + "compare with '=='", t -> filter(t, "response.code = 400")),
        error("filter unclosed paren", "telemetry.access-log-filter", LOG0 + ".filter.expression",
            "'(' is not closed", t -> filter(t, "(response.code >= 400")),
        error("filter extra paren", "telemetry.access-log-filter", LOG0 + ".filter.expression",
            "')' at character 21 has no matching '('", t -> filter(t, "response.code >= 400)")),
        error("filter unclosed string", "telemetry.access-log-filter", LOG0 + ".filter.expression",
            "the string starting at character 17 is not closed", t -> filter(t, "request.headers['x-user] == \"a\"")),
        error("filter mismatched brackets", "telemetry.access-log-filter", LOG0 + ".filter.expression",
            "')' at character", t -> filter(t, "request.headers['x')")),
        warning("two tracing entries", "telemetry.tracing-multiple", "spec.tracing",
            "2 tracing entries: Istio does not support more than one", t -> spec(t).getTracing().add(new Tracing())),
        warning("two tracing providers", "telemetry.tracing-multiple", TRACE0 + ".providers",
            "2 providers", t -> trace(t).getProviders().add(new ProviderRef("otel"))),
        error("sampling 150", "telemetry.sampling-percentage", TRACE0 + ".randomSamplingPercentage",
            "150.0 is out of range; a percentage from 0.0 to 100.0", t -> trace(t).setRandomSamplingPercentage(150.0)),
        error("sampling negative", "telemetry.sampling-percentage", TRACE0 + ".randomSamplingPercentage",
            "-0.5 is out of range", t -> trace(t).setRandomSamplingPercentage(-0.5)),
        error("sampling just over", "telemetry.sampling-percentage", TRACE0 + ".randomSamplingPercentage",
            "100.01", t -> trace(t).setRandomSamplingPercentage(100.01)),
        error("custom tag without name", "telemetry.custom-tag", TRACE0 + ".customTags[]", "a tag name \"\"",
            t -> tag(t, "", new TracingCustomTag(new TracingCustomTagLiteral(new TracingLiteral("v"))))),
        error("literal tag without value", "telemetry.custom-tag", TRACE0 + ".customTags[cluster].literal.value",
            "literal value of tag " + q("cluster") + " is empty",
            t -> tag(t, "cluster", new TracingCustomTag(new TracingCustomTagLiteral(new TracingLiteral(""))))),
        error("literal tag without literal", "telemetry.custom-tag", TRACE0 + ".customTags[cluster].literal.value",
            "is empty", t -> tag(t, "cluster", new TracingCustomTag(new TracingCustomTagLiteral()))),
        error("header tag without name", "telemetry.custom-tag", TRACE0 + ".customTags[user].header.name",
            "header name of tag " + q("user") + " is empty",
            t -> tag(t, "user", new TracingCustomTag(new TracingCustomTagHeader(header(""))))),
        error("environment tag without name", "telemetry.custom-tag", TRACE0 + ".customTags[pod].environment.name",
            "environment variable of tag " + q("pod") + " is empty",
            t -> tag(t, "pod", new TracingCustomTag(new TracingCustomTagEnvironment(environment(null))))),
        error("custom tag null", "telemetry.null-entry", TRACE0 + ".customTags[cluster]",
            "tag " + q("cluster") + " is null", t -> tag(t, "cluster", null)));
  }

  private static Stream<Arguments> metricRows() {
    String protocol = OVERRIDE0 + ".tagOverrides[request_protocol]";
    String app = OVERRIDE0 + ".tagOverrides[source_app]";
    return Stream.of(
        error("override null", "telemetry.null-entry", METRIC0 + ".overrides[1]", "is null",
            t -> metrics(t).getOverrides().add(null)),
        error("tag override null", "telemetry.null-entry", protocol, "override of tag " + q("request_protocol")
            + " is null", t -> tagOverride(t, "request_protocol", null)),
        error("UPSERT without value", "telemetry.tag-override", app + ".value",
            "is required for tag " + q("source_app") + " with operation UPSERT",
            t -> tagOverride(t, "source_app", tagOverride(MetricsOverridesTagOverrideOperation.UPSERT, ""))),
        error("no operation and no value (UPSERT)", "telemetry.tag-override", app + ".value",
            "with operation UPSERT (the default)", t -> tagOverride(t, "source_app", tagOverride(null, null))),
        error("REMOVE with value", "telemetry.tag-override", protocol + ".value",
            q("http") + " must not be set with operation REMOVE",
            t -> tagOverride(t, "request_protocol", tagOverride(MetricsOverridesTagOverrideOperation.REMOVE, "http"))),
        error("REMOVE with empty value", "telemetry.tag-override", protocol + ".value",
            "\"\" must not be set with operation REMOVE",
            t -> tagOverride(t, "request_protocol", tagOverride(MetricsOverridesTagOverrideOperation.REMOVE, ""))),
        warning("tag override without name", "telemetry.tag-override-name", OVERRIDE0 + ".tagOverrides[]",
            "tag name \"\" is empty", t -> tagOverride(t, "", tagOverride(MetricsOverridesTagOverrideOperation.REMOVE,
                null))),
        error("custom metric empty", "telemetry.custom-metric", OVERRIDE0 + ".match.customMetric",
            "\"\" is empty; name the metric",
            t -> override(t).setMatch(new MetricSelector(new MetricSelectorCustomMetric(""), null))),
        error("interval without unit", "telemetry.reporting-interval", METRIC0 + ".reportingInterval",
            q("15") + " is not a duration", t -> metrics(t).setReportingInterval("15")),
        error("interval with space", "telemetry.reporting-interval", METRIC0 + ".reportingInterval",
            q("15 s") + " is not a duration", t -> metrics(t).setReportingInterval("15 s")),
        error("interval unknown unit", "telemetry.reporting-interval", METRIC0 + ".reportingInterval",
            q("1d"), t -> metrics(t).setReportingInterval("1d")),
        error("interval 500us", "telemetry.reporting-interval", METRIC0 + ".reportingInterval",
            q("500us") + " is too short; the reporting interval must be at least 1ms",
            t -> metrics(t).setReportingInterval("500us")),
        error("interval 0", "telemetry.reporting-interval", METRIC0 + ".reportingInterval", q("0") + " is too short",
            t -> metrics(t).setReportingInterval("0")),
        error("interval negative", "telemetry.reporting-interval", METRIC0 + ".reportingInterval",
            q("-10s") + " is too short", t -> metrics(t).setReportingInterval("-10s")),
        error("interval empty", "telemetry.reporting-interval", METRIC0 + ".reportingInterval",
            "\"\" is not a duration", t -> metrics(t).setReportingInterval("")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<Telemetry> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(telemetry(mutation)), rule, severity, path, text);
  }

  // ================================================================= accepted near misses

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", t -> { }),
        ok("no selector (namespace-wide)", t -> spec(t).setSelector(null)),
        ok("targetRef Gateway instead of selector",
            t -> targetRefInstead(t, ref("gateway.networking.k8s.io", "Gateway", "waypoint", null))),
        ok("targetRefs Service", t -> {
          spec(t).setSelector(null);
          spec(t).setTargetRefs(list(ref("", "Service", "web", ""), ref("core", "Service", "api", null)));
        }),
        ok("empty spec", t -> t.setSpec(new io.fabric8.istio.api.api.telemetry.v1alpha1.Telemetry())),
        ok("access logging disabled, no providers", t -> {
          AccessLogging off = new AccessLogging();
          off.setDisabled(true);
          spec(t).setAccessLogging(list(off));
        }),
        ok("access logging entry null (skipped upstream)", t -> spec(t).getAccessLogging().add(null)),
        ok("no filter", t -> log(t).setFilter(null)),
        ok("filter with a string holding '=' and ')'", t -> filter(t, "request.headers['x-mode'] == 'a=b)'")),
        ok("filter with != <= >= && ||", t -> filter(t, "response.code != 200 && (response.code <= 500 || "
            + "response.code >= 503)")),
        ok("filter with double-quoted string and escapes", t -> filter(t, "request.path == \"/a\\\"b\"")),
        ok("filter with a map and a list", t -> filter(t, "{'a': [1, 2]}['a'][0] == 1")),
        ok("filter with a triple-quoted string", t -> filter(t, "request.path == '''it's'''")),
        ok("sampling 0", t -> trace(t).setRandomSamplingPercentage(0.0)),
        ok("sampling 100", t -> trace(t).setRandomSamplingPercentage(100.0)),
        ok("sampling tiny", t -> trace(t).setRandomSamplingPercentage(0.01)),
        ok("sampling unset", t -> trace(t).setRandomSamplingPercentage(null)),
        ok("one tracing entry without providers (default provider)", t -> trace(t).setProviders(list())),
        ok("no custom tags", t -> trace(t).setCustomTags(null)),
        ok("custom tag without a type (accepted upstream)", t -> tag(t, "empty", new TracingCustomTag())),
        ok("interval 1ms", t -> metrics(t).setReportingInterval("1ms")),
        ok("interval fractional", t -> metrics(t).setReportingInterval("1.5s")),
        ok("interval compound", t -> metrics(t).setReportingInterval("1h2m3.5s")),
        ok("interval fraction without integer part", t -> metrics(t).setReportingInterval(".5s")),
        ok("interval in microseconds, 1000", t -> metrics(t).setReportingInterval("1000us")),
        ok("interval with plus sign", t -> metrics(t).setReportingInterval("+30s")),
        ok("interval unset", t -> metrics(t).setReportingInterval(null)),
        ok("REMOVE without value", t -> tagOverride(t, "destination_canonical_revision",
            tagOverride(MetricsOverridesTagOverrideOperation.REMOVE, null))),
        ok("UPSERT with value, operation unset", t -> tagOverride(t, "mesh", tagOverride(null, "'east'"))),
        ok("override without tags, disabled", t -> {
          MetricsOverrides off = new MetricsOverrides();
          off.setDisabled(true);
          metrics(t).getOverrides().add(off);
        }),
        ok("custom metric named", t -> override(t).setMatch(new MetricSelector(new MetricSelectorCustomMetric("my_metric"),
            null))),
        ok("override without match (all metrics)", t -> override(t).setMatch(null)),
        ok("metrics entry null (skipped upstream)", t -> spec(t).getMetrics().add(null)),
        ok("provider names are free-form", t -> log(t).setProviders(list(new ProviderRef("otel-als.prod")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<Telemetry> mutation) {
    assertClean(check(telemetry(mutation)));
  }

  // ================================================================= details

  @Test
  void everyRuleIdHasARejectedRow() {
    IstioPolicyTesting.assertEveryRuleIdHasARejectedRow("TelemetryRules", "telemetry", rejected());
  }

  @Test
  void theBaselineIsCleanThroughTheValidator() {
    assertClean(Fixtures.validate(telemetry()));
  }

  @Test
  void findingsComeOutOfTheValidator() {
    List<Finding> findings = Fixtures.validate(telemetry(t -> {
      trace(t).setRandomSamplingPercentage(200.0);
      metrics(t).setReportingInterval("10");
    }));
    Finding sampling = assertFinding(findings, "telemetry.sampling-percentage", Severity.ERROR,
        TRACE0 + ".randomSamplingPercentage", "200.0");
    assertEquals("Telemetry/shop/web", sampling.object());
    assertTrue(sampling.format().endsWith("[telemetry.sampling-percentage]"), sampling.format());
    assertFinding(findings, "telemetry.reporting-interval", Severity.ERROR, METRIC0 + ".reportingInterval", q("10"));
    assertEquals(2, findings.size(), Fixtures.describe(findings));
  }

  @Test
  void aSingleMutationReportsOnlyItsRule() {
    rejected().forEach(a -> {
      @SuppressWarnings("unchecked")
      Consumer<Telemetry> mutation = (Consumer<Telemetry>) ((Named<?>) a.get()[0]).getPayload();
      String rule = (String) a.get()[1];
      for (Finding finding : check(telemetry(mutation))) {
        assertTrue(finding.rule().equals(rule), () -> a.get()[0] + ": " + finding.format());
      }
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"1ns", "1us", "1\u00b5s", "1\u03bcs", "1ms", "1s", "1m", "1h", "1.5h", "1h30m", ".5s", "1.s",
      "-1s", "+1s", "0", "2562047h"})
  void goParsesTheseDurations(String value) {
    assertTrue(IstioFormats.durationNanos(value) != null, value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1", "s", ".s", "1d", "1 s", "1S", "1sec", "1.2.3s", "-", "0s0", "9999999999h"})
  void goRejectsTheseDurations(String value) {
    assertNull(IstioFormats.durationNanos(value), value);
  }

  @Test
  void durationsHaveTheirGoValues() {
    assertEquals(5_400_000_000_000L, IstioFormats.durationNanos("1.5h"));
    assertEquals(1_000_000L, IstioFormats.durationNanos("1ms"));
    assertEquals(-1_500_000_000L, IstioFormats.durationNanos("-1.5s"));
    assertEquals(3_723_000_000_000L, IstioFormats.durationNanos("1h2m3s"));
  }

  @Test
  void theInputIsNotChanged() {
    Telemetry telemetry = telemetry(t -> trace(t).setRandomSamplingPercentage(-3.0));
    Telemetry before = new TelemetryBuilder(telemetry).build();
    check(telemetry);
    assertEquals(before, telemetry);
  }
}
