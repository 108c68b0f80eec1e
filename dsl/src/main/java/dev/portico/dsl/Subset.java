package dev.portico.dsl;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A version of a Service's pods, picked by labels (e.g. {@code version: v1}), that mesh routes
 * send traffic to. Get one from {@link Mesh#subset}; every subset a route names is one the
 * Service's DestinationRule defines, since the route can only name this handle.
 */
public final class Subset {
  private final Service service;
  private final String name;
  private final Map<String, String> labels;
  private final SourceLocation location;

  Subset(Service service, String name, Map<String, String> labels, SourceLocation location) {
    this.service = Objects.requireNonNull(service, "service");
    this.name = Objects.requireNonNull(name, "name");
    this.labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    this.location = location;
  }

  public Service service() {
    return service;
  }

  public String name() {
    return name;
  }

  /** The labels that pick the subset's pods among the Service's, sorted by key. */
  public Map<String, String> labels() {
    return labels;
  }

  /** Where this subset was declared. */
  public SourceLocation location() {
    return location;
  }

  @Override
  public String toString() {
    return service.name() + "/" + name;
  }
}
