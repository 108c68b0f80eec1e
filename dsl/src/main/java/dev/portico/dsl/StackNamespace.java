package dev.portico.dsl;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Namespace object of a stack, when the stack declares it ({@link Stack#declareNamespace}):
 * its labels, among them Istio's sidecar injection. It is rendered first, so that it exists before
 * what lives in it.
 */
public final class StackNamespace {
  /** The label that turns on Istio's sidecar injection for a namespace ({@code enabled}). */
  public static final String INJECTION_LABEL = "istio-injection";
  /** The label that injects the sidecars of one Istio revision. */
  public static final String REVISION_LABEL = "istio.io/rev";

  private final Map<String, String> labels;
  private final SourceLocation location;

  private StackNamespace(Map<String, String> labels, SourceLocation location) {
    this.labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    this.location = location;
  }

  /** The Namespace's labels, sorted by key. */
  public Map<String, String> labels() {
    return labels;
  }

  /** True when Istio injects sidecars into the namespace's pods ({@code istio-injection: enabled} or a revision). */
  public boolean sidecarInjection() {
    return injectsSidecars(labels);
  }

  /**
   * True when a Namespace with {@code labels} has Istio inject sidecars: {@code istio-injection: enabled},
   * or {@value #REVISION_LABEL} without {@code istio-injection}, which wins over a revision, as in Istio.
   */
  public static boolean injectsSidecars(Map<String, String> labels) {
    String injection = labels.get(INJECTION_LABEL);
    return "enabled".equals(injection) || injection == null && labels.containsKey(REVISION_LABEL);
  }

  /** Where the namespace was declared. */
  public SourceLocation location() {
    return location;
  }

  /** Declares a Namespace's labels; used inside {@link Stack#declareNamespace}. */
  public static final class Builder {
    private final Map<String, String> labels = new TreeMap<>();

    Builder() {}

    /** Adds a label, e.g. {@code label("team", "payments")}. */
    public Builder label(String key, String value) {
      labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Turns on Istio's sidecar injection: {@code istio-injection: enabled}. */
    public Builder sidecarInjection() {
      return label(INJECTION_LABEL, "enabled");
    }

    /** Injects the sidecars of Istio revision {@code revision}: {@code istio.io/rev: <revision>}. */
    public Builder istioRevision(String revision) {
      return label(REVISION_LABEL, revision);
    }

    StackNamespace build(SourceLocation location) {
      return new StackNamespace(labels, location);
    }
  }
}
