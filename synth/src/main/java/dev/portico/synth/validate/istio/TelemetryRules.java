package dev.portico.synth.validate.istio;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.istio.api.api.telemetry.v1alpha1.AccessLogging;
import io.fabric8.istio.api.api.telemetry.v1alpha1.MetricSelectorCustomMetric;
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
import io.fabric8.istio.api.telemetry.v1.Telemetry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Istio Telemetry as istio/istio's webhook validation ({@code pkg/config/validation}) accepts it:
 * {@code ValidateTelemetry} ({@code validateOneOfSelectorType}, {@code validateWorkloadSelector},
 * {@code validatePolicyTargetReference(s)}, {@code validateTelemetryMetrics},
 * {@code validateTelemetryTracing}, {@code validateTelemetryAccessLogging} with the CEL filter of
 * {@code validation_istiod.go}), the dry-run check of {@code validateMetadata}, and the CRD's
 * {@code reportingInterval} rule ("must be a valid duration greater than 1ms").
 *
 * <p>Map entries are addressed by key: {@code spec.tracing[0].customTags[cluster]},
 * {@code spec.metrics[0].overrides[0].tagOverrides[request_protocol]}.
 */
final class TelemetryRules {
  static final IstioSecurityFormats.SelectorRules SELECTOR = new IstioSecurityFormats.SelectorRules(
      "telemetry.selector", "telemetry.selector-empty", "telemetry.selector-label");
  static final IstioSecurityFormats.TargetRules TARGET = new IstioSecurityFormats.TargetRules(
      "telemetry.target-exclusive", "telemetry.target-ref", "telemetry.target-ref-kind");
  /** One millisecond in nanoseconds, the CRD's minimum {@code reportingInterval}. */
  static final long MIN_INTERVAL_NANOS = 1_000_000L;

  private TelemetryRules() {}

  static void check(Check check, Telemetry telemetry) {
    MetadataRules.check(check, telemetry.getMetadata(), Formats::dns1123Subdomain);
    IstioSecurityFormats.dryRunUnsupported(check, "telemetry.dry-run-annotation", "Telemetry",
        telemetry.getMetadata());
    var spec = telemetry.getSpec();
    if (spec == null) {
      return;
    }
    IstioSecurityFormats.selectorOrTargets(check, SELECTOR, TARGET, spec.getSelector(), spec.getTargetRef(),
        spec.getTargetRefs());
    metrics(check, spec.getMetrics());
    tracing(check, spec.getTracing());
    accessLogging(check, spec.getAccessLogging());
  }

  /** {@code validateTelemetryProviders}: every provider has a name. */
  private static void providers(Check check, String path, List<ProviderRef> providers) {
    if (providers == null) {
      return;
    }
    for (int k = 0; k < providers.size(); k++) {
      ProviderRef provider = providers.get(k);
      if (provider == null) {
        check.error("telemetry.provider", path + "[" + k + "]", "is null; name a provider from meshConfig "
            + "extensionProviders (e.g. \"envoy\"), or remove the entry");
      } else if (provider.getName() == null || provider.getName().isEmpty()) {
        check.error("telemetry.provider", path + "[" + k + "].name", "is required: the name of a provider in "
            + "meshConfig extensionProviders, e.g. \"envoy\"");
      }
    }
  }

  // ================================================================= access logging

  private static void accessLogging(Check check, List<AccessLogging> logging) {
    if (logging == null) {
      return;
    }
    for (int i = 0; i < logging.size(); i++) {
      AccessLogging entry = logging.get(i);
      if (entry == null) {
        continue;
      }
      String path = "spec.accessLogging[" + i + "]";
      if (entry.getFilter() != null) {
        String expression = entry.getFilter().getExpression() == null ? "" : entry.getFilter().getExpression();
        String problem = IstioSecurityFormats.celProblem(expression);
        if (problem != null) {
          check.error("telemetry.access-log-filter", path + ".filter.expression", Messages.quote(expression) + " "
              + problem);
        }
      }
      providers(check, path + ".providers", entry.getProviders());
    }
  }

  // ================================================================= tracing

  private static void tracing(Check check, List<Tracing> tracing) {
    if (tracing == null) {
      return;
    }
    if (tracing.size() > 1) {
      check.warning("telemetry.tracing-multiple", "spec.tracing", tracing.size()
          + " tracing entries: Istio does not support more than one yet; merge them into one entry");
    }
    for (int i = 0; i < tracing.size(); i++) {
      Tracing entry = tracing.get(i);
      if (entry == null) {
        continue;
      }
      String path = "spec.tracing[" + i + "]";
      if (entry.getProviders() != null && entry.getProviders().size() > 1) {
        check.warning("telemetry.tracing-multiple", path + ".providers", entry.getProviders().size()
            + " providers: Istio does not support more than one tracing provider yet; keep one");
      }
      providers(check, path + ".providers", entry.getProviders());
      Double percentage = entry.getRandomSamplingPercentage();
      if (percentage != null && (percentage < 0 || percentage > 100)) {
        check.error("telemetry.sampling-percentage", path + ".randomSamplingPercentage", Messages.quote(percentage)
            + " is out of range; a percentage from 0.0 to 100.0 (e.g. 1.0 samples one request in a hundred)");
      }
      customTags(check, path + ".customTags", entry.getCustomTags());
    }
  }

  private static void customTags(Check check, String path, Map<String, TracingCustomTag> tags) {
    if (tags == null) {
      return;
    }
    Map<String, TracingCustomTag> sorted = new TreeMap<>();
    tags.forEach((k, v) -> sorted.put(k == null ? "" : k, v));
    for (var entry : sorted.entrySet()) {
      String name = entry.getKey();
      String tagPath = path + "[" + name + "]";
      if (name.isEmpty()) {
        check.error("telemetry.custom-tag", tagPath, "a tag name \"\" is not allowed; name the tag, e.g. \"cluster\"");
      }
      TracingCustomTag tag = entry.getValue();
      if (tag == null) {
        check.error("telemetry.null-entry", tagPath, "tag " + Messages.quote(name)
            + " is null; give it a literal, header or environment value");
        continue;
      }
      if (tag.getType() instanceof TracingCustomTagLiteral literal) {
        String value = literal.getLiteral() == null ? null : literal.getLiteral().getValue();
        if (value == null || value.isEmpty()) {
          check.error("telemetry.custom-tag", tagPath + ".literal.value", "literal value of tag " + Messages.quote(name)
              + " is empty; set the value to use on every span");
        }
      } else if (tag.getType() instanceof TracingCustomTagHeader header) {
        String headerName = header.getHeader() == null ? null : header.getHeader().getName();
        if (headerName == null || headerName.isEmpty()) {
          check.error("telemetry.custom-tag", tagPath + ".header.name", "header name of tag " + Messages.quote(name)
              + " is empty; name the request header to copy, e.g. \"x-request-id\"");
        }
      } else if (tag.getType() instanceof TracingCustomTagEnvironment environment) {
        String variable = environment.getEnvironment() == null ? null : environment.getEnvironment().getName();
        if (variable == null || variable.isEmpty()) {
          check.error("telemetry.custom-tag", tagPath + ".environment.name", "environment variable of tag "
              + Messages.quote(name) + " is empty; name the variable to copy, e.g. \"CLUSTER_NAME\"");
        }
      }
    }
  }

  // ================================================================= metrics

  private static void metrics(Check check, List<Metrics> metrics) {
    if (metrics == null) {
      return;
    }
    for (int i = 0; i < metrics.size(); i++) {
      Metrics entry = metrics.get(i);
      if (entry == null) {
        continue;
      }
      String path = "spec.metrics[" + i + "]";
      providers(check, path + ".providers", entry.getProviders());
      reportingInterval(check, path + ".reportingInterval", entry.getReportingInterval());
      List<MetricsOverrides> overrides = entry.getOverrides() == null ? List.of() : entry.getOverrides();
      for (int j = 0; j < overrides.size(); j++) {
        override(check, path + ".overrides[" + j + "]", overrides.get(j));
      }
    }
  }

  private static void reportingInterval(Check check, String path, String interval) {
    if (interval == null) {
      return;
    }
    Long nanos = IstioFormats.durationNanos(interval);
    if (nanos == null) {
      check.error("telemetry.reporting-interval", path, Messages.quote(interval)
          + " is not a duration: a number with a unit (ns, us, ms, s, m, h), e.g. \"15s\"");
    } else if (nanos < MIN_INTERVAL_NANOS) {
      check.error("telemetry.reporting-interval", path, Messages.quote(interval)
          + " is too short; the reporting interval must be at least 1ms (e.g. \"15s\")");
    }
  }

  private static void override(Check check, String path, MetricsOverrides override) {
    if (override == null) {
      check.error("telemetry.null-entry", path, "is null; remove the empty override");
      return;
    }
    if (override.getMatch() != null && override.getMatch().getMetricMatch() instanceof MetricSelectorCustomMetric m
        && (m.getCustomMetric() == null || m.getCustomMetric().isEmpty())) {
      check.error("telemetry.custom-metric", path + ".match.customMetric", "\"\" is empty; name the metric "
          + "(e.g. \"my_metric\"), or use match.metric for one of Istio's standard metrics");
    }
    if (override.getTagOverrides() == null) {
      return;
    }
    Map<String, MetricsOverridesTagOverride> sorted = new TreeMap<>();
    override.getTagOverrides().forEach((k, v) -> sorted.put(k == null ? "" : k, v));
    for (var entry : sorted.entrySet()) {
      String name = entry.getKey();
      String tagPath = path + ".tagOverrides[" + name + "]";
      if (name.isEmpty()) {
        check.warning("telemetry.tag-override-name", tagPath, "tag name \"\" is empty; name the metric tag "
            + "(label) to change, e.g. \"request_protocol\"");
      }
      MetricsOverridesTagOverride tag = entry.getValue();
      if (tag == null) {
        check.error("telemetry.null-entry", tagPath, "override of tag " + Messages.quote(name)
            + " is null; set operation (and value for UPSERT)");
        continue;
      }
      boolean remove = tag.getOperation() == MetricsOverridesTagOverrideOperation.REMOVE;
      String value = tag.getValue() == null ? "" : tag.getValue();
      if (!remove && value.isEmpty()) {
        check.error("telemetry.tag-override", tagPath + ".value", "is required for tag " + Messages.quote(name)
            + " with operation UPSERT (the default): a CEL expression for the tag's value, e.g. "
            + "\"request.host\"; or use operation REMOVE to drop the tag");
      } else if (remove && tag.getValue() != null) {
        check.error("telemetry.tag-override", tagPath + ".value", Messages.quote(value)
            + " must not be set with operation REMOVE; a value is only used with UPSERT");
      }
    }
  }
}
