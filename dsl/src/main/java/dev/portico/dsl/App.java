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
 * <p>The selector defaults to {@code app.kubernetes.io/name: <name>}. An app may run in several
 * versions at once ({@link Builder#versions}): their pods carry {@value #VERSION_LABEL}{@code : <version>}
 * besides the app's labels, and mesh subsets of the app's Services pick them by it.
 */
public final class App {
  /** The label key apps are selected by unless they say otherwise. */
  public static final String NAME_LABEL = "app.kubernetes.io/name";
  /** The label that tells an app's versions apart, as Istio's subsets conventionally select them. */
  public static final String VERSION_LABEL = "version";

  private final String name;
  private final Map<String, String> selector;
  private final Map<String, String> labels;
  private final List<Port> ports;
  private final List<String> versions;
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
    this.versions = List.copyOf(builder.versions);
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

  /** The versions the app runs in, in declaration order; empty for an app of one kind of pod. */
  public List<String> versions() {
    return versions;
  }

  /**
   * The labels of each kind of the app's pods, sorted by key: {@link #labels()} once for an app
   * without versions, else once per version with {@value #VERSION_LABEL} added.
   */
  public List<Map<String, String>> podLabels() {
    if (versions.isEmpty()) {
      return List.of(labels);
    }
    List<Map<String, String>> all = new ArrayList<>(versions.size());
    for (String version : versions) {
      Map<String, String> pod = new TreeMap<>(labels);
      pod.put(VERSION_LABEL, version);
      all.add(Collections.unmodifiableMap(pod));
    }
    return List.copyOf(all);
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
    private final List<String> versions = new ArrayList<>();

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
     * Adds a pod label that Services do not select by, e.g. {@code label("tier", "front")}. For
     * versions, use {@link #versions}.
     */
    public Builder label(String key, String value) {
      labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Declares the versions the app runs in, e.g. {@code versions("v1", "v2")} for a canary: each
     * version's pods carry {@code version: <version>}, and {@link Mesh#subset(Service, String)}
     * picks them by it. Services still select every version.
     */
    public Builder versions(String... versions) {
      for (String version : versions) {
        this.versions.add(Objects.requireNonNull(version, "version"));
      }
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
