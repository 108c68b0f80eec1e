package dev.portico.dsl;

import java.time.Duration;
import java.util.Objects;

/** How the mesh picks among a Service's pods. */
public sealed interface LoadBalancer {
  /** Each pod in turn. */
  static LoadBalancer roundRobin() {
    return new Simple("ROUND_ROBIN");
  }

  /** The pod with the fewest outstanding requests. */
  static LoadBalancer leastRequest() {
    return new Simple("LEAST_REQUEST");
  }

  /** A random pod. */
  static LoadBalancer random() {
    return new Simple("RANDOM");
  }

  /** The same pod for the same value of request header {@code header} (session affinity). */
  static LoadBalancer consistentHashByHeader(String header) {
    return new ByHeader(Objects.requireNonNull(header, "header"));
  }

  /** The same pod for the same cookie {@code name}; the mesh sets it, for {@code ttl}, when absent. */
  static LoadBalancer consistentHashByCookie(String name, Duration ttl) {
    return new ByCookie(Objects.requireNonNull(name, "name"), Objects.requireNonNull(ttl, "ttl"));
  }

  /** A simple policy, by Istio's name. */
  record Simple(String policy) implements LoadBalancer {}

  /** Consistent hashing on a header. */
  record ByHeader(String header) implements LoadBalancer {}

  /** Consistent hashing on a cookie. */
  record ByCookie(String name, Duration ttl) implements LoadBalancer {}
}
