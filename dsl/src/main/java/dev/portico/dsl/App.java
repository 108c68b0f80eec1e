package dev.portico.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An application: the pods that carry its selector labels and the ports their containers listen
 * on. Portico does not run the app; it exposes it. Get one from {@link Stack#app}.
 *
 * <p>The selector defaults to {@code app.kubernetes.io/name: <name>}.
 */
public final class App {
  /** The label key apps are selected by unless they say otherwise. */
  public static final String NAME_LABEL = "app.kubernetes.io/name";

  private final String name;
  private final Map<String, String> selector;
  private final Map<String, String> labels;
  private final List<Port> ports;
  private final SourceLocation location;

  private App(Builder builder, SourceLocation location) {
    this.name = builder.name;
    this.selector = builder.selector.isEmpty()
        ? Collections.unmodifiableMap(new TreeMap<>(Map.of(NAME_LABEL, builder.name)))
        : Collections.unmodifiableMap(new TreeMap<>(builder.selector));
    Map<String, String> podLabels = new TreeMap<>(builder.labels);
    podLabels.putAll(this.selector);
    this.labels = Collections.unmodifiableMap(podLabels);
    this.ports = List.copyOf(builder.ports);
    this.location = location;
  }

  public String name() {
    return name;
  }

  /** The labels that select this app's pods, sorted by key. */
  public Map<String, String> selector() {
    return selector;
  }

  /**
   * Every label the app's pods carry, sorted by key: the selector's and the others, such as
   * {@code version: v1}, that mesh subsets select by.
   */
  public Map<String, String> labels() {
    return labels;
  }

  /** The container ports, in declaration order. */
  public List<Port> ports() {
    return ports;
  }

  /** Where this app was declared. */
  public SourceLocation location() {
    return location;
  }

  @Override
  public String toString() {
    return "App(" + name + ")";
  }

  /** Declares an app's selector labels and ports; used inside {@link Stack#app(String, java.util.function.Consumer)}. */
  public static final class Builder {
    private final String name;
    private final Map<String, String> selector = new TreeMap<>();
    private final Map<String, String> labels = new TreeMap<>();
    private final List<Port> ports = new ArrayList<>();

    Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Adds a selector label; the first call replaces the default {@code app.kubernetes.io/name}
     * selector. The seed's {@code app: MyApp} is {@code selector("app", "MyApp")}.
     */
    public Builder selector(String key, String value) {
      selector.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Adds a pod label that Services do not select by, e.g. {@code label("version", "v1")} for one
     * version of an app whose Service spans all versions (mesh subsets select by it).
     */
    public Builder label(String key, String value) {
      labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds container ports. */
    public Builder ports(Port... ports) {
      for (Port port : ports) {
        this.ports.add(Objects.requireNonNull(port, "port"));
      }
      return this;
    }

    App build(SourceLocation location) {
      return new App(this, location);
    }
  }
}
