package dev.portico.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Kubernetes Service: a stable name and ports in front of an app's pods, or an alias for a host
 * outside the cluster. Get one from {@link Stack#service}, {@link Stack#expose(App)} or their
 * overloads; later declarations (routes, mesh rules) refer to the handle, never to its name.
 */
public final class Service {
  private final String name;
  private final String namespace;
  private final App app;
  private final ServiceType type;
  private final List<ServicePort> ports;
  private final SessionAffinity sessionAffinity;
  private final TrafficPolicy internalTrafficPolicy;
  private final List<IpFamily> ipFamilies;
  private final IpFamilyPolicy ipFamilyPolicy;
  private final boolean publishNotReadyAddresses;
  private final Map<String, String> labels;
  private final Map<String, String> annotations;
  private final SourceLocation location;

  private Service(Builder b, SourceLocation location) {
    this.name = b.name;
    this.namespace = b.namespace;
    this.app = b.app;
    this.type = b.type;
    this.ports = List.copyOf(b.ports);
    this.sessionAffinity = b.sessionAffinity;
    this.internalTrafficPolicy = b.internalTrafficPolicy;
    this.ipFamilies = List.copyOf(b.ipFamilies);
    this.ipFamilyPolicy = b.ipFamilyPolicy;
    this.publishNotReadyAddresses = b.publishNotReadyAddresses;
    this.labels = Collections.unmodifiableMap(new TreeMap<>(b.labels));
    this.annotations = Collections.unmodifiableMap(new TreeMap<>(b.annotations));
    this.location = location;
  }

  public String name() {
    return name;
  }

  public String namespace() {
    return namespace;
  }

  /** The app whose pods this Service selects; empty for a selector-less Service. */
  public Optional<App> app() {
    return Optional.ofNullable(app);
  }

  public ServiceType type() {
    return type;
  }

  /** The ports, in declaration order. */
  public List<ServicePort> ports() {
    return ports;
  }

  public SessionAffinity sessionAffinity() {
    return sessionAffinity;
  }

  /** The internal traffic policy; empty for Kubernetes' default ({@code Cluster}). */
  public Optional<TrafficPolicy> internalTrafficPolicy() {
    return Optional.ofNullable(internalTrafficPolicy);
  }

  /** The IP families, in order of preference; empty for the cluster's default. */
  public List<IpFamily> ipFamilies() {
    return ipFamilies;
  }

  /** The IP family policy; empty for Kubernetes' default ({@code SingleStack}). */
  public Optional<IpFamilyPolicy> ipFamilyPolicy() {
    return Optional.ofNullable(ipFamilyPolicy);
  }

  public boolean publishNotReadyAddresses() {
    return publishNotReadyAddresses;
  }

  /** Extra labels on the Service object, sorted by key. */
  public Map<String, String> labels() {
    return labels;
  }

  /** Annotations on the Service object, sorted by key (cloud options not included). */
  public Map<String, String> annotations() {
    return annotations;
  }

  /** Where this Service was declared. */
  public SourceLocation location() {
    return location;
  }

  @Override
  public String toString() {
    return "Service(" + namespace + "/" + name + ")";
  }

  /** Declares a Service's ports, type and options; used inside {@link Stack#service}. */
  public static final class Builder {
    private final String name;
    private final String namespace;
    private final App app;
    private ServiceType type = ServiceType.clusterIp();
    private final List<ServicePort> ports = new ArrayList<>();
    private SessionAffinity sessionAffinity = SessionAffinity.none();
    private TrafficPolicy internalTrafficPolicy;
    private final List<IpFamily> ipFamilies = new ArrayList<>();
    private IpFamilyPolicy ipFamilyPolicy;
    private boolean publishNotReadyAddresses;
    private final Map<String, String> labels = new TreeMap<>();
    private final Map<String, String> annotations = new TreeMap<>();

    Builder(String name, String namespace, App app) {
      this.name = Objects.requireNonNull(name, "name");
      this.namespace = namespace;
      this.app = app;
    }

    /** Adds port {@code port}, forwarding to the app's {@code target} and named after it. */
    public Builder port(int port, Port target) {
      ports.add(ServicePort.at(port, Objects.requireNonNull(target, "target"), Callers.declaration()));
      return this;
    }

    /** Adds a port with no target of its own, for ExternalName and selector-less Services. */
    public Builder port(int port) {
      ports.add(ServicePort.at(port, null, Callers.declaration()));
      return this;
    }

    /** Adds a port built with {@link ServicePort#of(int, Port)} and its withers. */
    public Builder port(ServicePort port) {
      ports.add(Objects.requireNonNull(port, "port"));
      return this;
    }

    /** Sets the type (ClusterIP by default). */
    public Builder type(ServiceType type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /** Sets session affinity ({@link SessionAffinity#none()} by default). */
    public Builder sessionAffinity(SessionAffinity affinity) {
      this.sessionAffinity = Objects.requireNonNull(affinity, "affinity");
      return this;
    }

    /** Sets the internal traffic policy; {@code LOCAL} keeps in-cluster traffic on the caller's node. */
    public Builder internalTrafficPolicy(TrafficPolicy policy) {
      this.internalTrafficPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Sets the IP families, in order of preference. */
    public Builder ipFamilies(IpFamily... families) {
      ipFamilies.clear();
      for (IpFamily family : families) {
        ipFamilies.add(Objects.requireNonNull(family, "family"));
      }
      return this;
    }

    /** Sets the IP family policy. */
    public Builder ipFamilyPolicy(IpFamilyPolicy policy) {
      this.ipFamilyPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Publishes pods' addresses before they are ready (for peer discovery in StatefulSets). */
    public Builder publishNotReadyAddresses() {
      this.publishNotReadyAddresses = true;
      return this;
    }

    /** Adds a label to the Service object (not to its selector). */
    public Builder label(String key, String value) {
      labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds an annotation to the Service object. */
    public Builder annotation(String key, String value) {
      annotations.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    Service build(SourceLocation location) {
      return new Service(this, location);
    }
  }
}
