package dev.portico.dsl;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the mesh records for a namespace or an app (an Istio Telemetry): access logging, the
 * tracing sampling percentage, and tags added to the standard metrics. Set with {@link Mesh#telemetry}.
 */
public final class MeshTelemetry {
  private final App app;
  private final Boolean accessLogging;
  private final Double tracingPercent;
  private final Map<String, String> metricTags;
  private final SourceLocation location;

  private MeshTelemetry(App app, Builder b, SourceLocation location) {
    this.app = app;
    this.accessLogging = b.accessLogging;
    this.tracingPercent = b.tracingPercent;
    this.metricTags = Collections.unmodifiableMap(new TreeMap<>(b.metricTags));
    this.location = location;
  }

  /** The app it applies to; empty for the whole namespace. */
  public Optional<App> app() {
    return Optional.ofNullable(app);
  }

  /** Whether access logs are written; empty to leave the mesh's default. */
  public Optional<Boolean> accessLogging() {
    return Optional.ofNullable(accessLogging);
  }

  /** The share of requests traced, 0-100; empty to leave the mesh's default. */
  public Optional<Double> tracingPercent() {
    return Optional.ofNullable(tracingPercent);
  }

  /** Metric tag name to the CEL expression of its value, sorted. */
  public Map<String, String> metricTags() {
    return metricTags;
  }

  /** Where this was declared. */
  public SourceLocation location() {
    return location;
  }

  /** Declares telemetry; used inside {@link Mesh#telemetry}. */
  public static final class Builder {
    private Boolean accessLogging;
    private Double tracingPercent;
    private final Map<String, String> metricTags = new TreeMap<>();

    Builder() {}

    /** Writes (or, with false, stops writing) access logs. */
    public Builder accessLogging(boolean enabled) {
      this.accessLogging = enabled;
      return this;
    }

    /** Traces {@code percent}% of requests. */
    public Builder tracing(double percent) {
      this.tracingPercent = percent;
      return this;
    }

    /** Adds tag {@code name} with the value of CEL {@code expression} (e.g. "request.host") to the standard metrics. */
    public Builder metricTag(String name, String expression) {
      metricTags.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(expression, "expression"));
      return this;
    }

    MeshTelemetry build(App app, SourceLocation location) {
      return new MeshTelemetry(app, this, location);
    }
  }
}
