package dev.portico.dsl;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How callers in the mesh treat one Service (an Istio DestinationRule's traffic policy): load
 * balancing, connection-pool limits, outlier detection (circuit breaking) and client TLS. Set with
 * {@link Mesh#policy}.
 */
public final class DestinationPolicy {
  /** Connection-pool limits; null fields are Istio's defaults. */
  public record ConnectionPool(Integer maxConnections, Integer maxPendingRequests, Integer maxRequestsPerConnection) {
    /** At most {@code connections} TCP connections to the Service. */
    public static ConnectionPool maxConnections(int connections) {
      return new ConnectionPool(connections, null, null);
    }

    /** At most {@code requests} requests waiting for a connection. */
    public ConnectionPool maxPendingRequests(int requests) {
      return new ConnectionPool(maxConnections, requests, maxRequestsPerConnection);
    }

    /** At most {@code requests} requests a connection (1 disables keep-alive). */
    public ConnectionPool maxRequestsPerConnection(int requests) {
      return new ConnectionPool(maxConnections, maxPendingRequests, requests);
    }
  }

  /** Ejection of failing pods; null fields are Istio's defaults. */
  public record OutlierDetection(Integer consecutive5xxErrors, Duration interval, Duration baseEjectionTime,
      Integer maxEjectionPercent) {
    /** Ejects a pod after {@code errors} consecutive 5xx answers. */
    public static OutlierDetection consecutive5xxErrors(int errors) {
      return new OutlierDetection(errors, null, null, null);
    }

    /** How often pods are scanned. */
    public OutlierDetection interval(Duration interval) {
      return new OutlierDetection(consecutive5xxErrors, interval, baseEjectionTime, maxEjectionPercent);
    }

    /** How long a pod stays ejected the first time. */
    public OutlierDetection baseEjectionTime(Duration time) {
      return new OutlierDetection(consecutive5xxErrors, interval, time, maxEjectionPercent);
    }

    /** At most {@code percent}% of the pods ejected at once. */
    public OutlierDetection maxEjectionPercent(int percent) {
      return new OutlierDetection(consecutive5xxErrors, interval, baseEjectionTime, percent);
    }
  }

  private final Service service;
  private final LoadBalancer loadBalancer;
  private final ConnectionPool connectionPool;
  private final OutlierDetection outlierDetection;
  private final boolean istioMutualTls;
  private final SourceLocation location;

  private DestinationPolicy(Service service, Builder b, SourceLocation location) {
    this.service = service;
    this.loadBalancer = b.loadBalancer;
    this.connectionPool = b.connectionPool;
    this.outlierDetection = b.outlierDetection;
    this.istioMutualTls = b.istioMutualTls;
    this.location = location;
  }

  public Service service() {
    return service;
  }

  public Optional<LoadBalancer> loadBalancer() {
    return Optional.ofNullable(loadBalancer);
  }

  public Optional<ConnectionPool> connectionPool() {
    return Optional.ofNullable(connectionPool);
  }

  public Optional<OutlierDetection> outlierDetection() {
    return Optional.ofNullable(outlierDetection);
  }

  /** Whether callers use Istio's mutual TLS to this Service ({@code ISTIO_MUTUAL}). */
  public boolean istioMutualTls() {
    return istioMutualTls;
  }

  /** Where this policy was declared. */
  public SourceLocation location() {
    return location;
  }

  /** Declares a policy; used inside {@link Mesh#policy}. */
  public static final class Builder {
    private LoadBalancer loadBalancer;
    private ConnectionPool connectionPool;
    private OutlierDetection outlierDetection;
    private boolean istioMutualTls;

    Builder() {}

    public Builder loadBalancer(LoadBalancer loadBalancer) {
      this.loadBalancer = Objects.requireNonNull(loadBalancer, "loadBalancer");
      return this;
    }

    public Builder connectionPool(ConnectionPool pool) {
      this.connectionPool = Objects.requireNonNull(pool, "pool");
      return this;
    }

    public Builder outlierDetection(OutlierDetection detection) {
      this.outlierDetection = Objects.requireNonNull(detection, "detection");
      return this;
    }

    /** Callers use Istio's mutual TLS ({@code ISTIO_MUTUAL}) to this Service. */
    public Builder istioMutualTls() {
      this.istioMutualTls = true;
      return this;
    }

    DestinationPolicy build(Service service, SourceLocation location) {
      return new DestinationPolicy(service, this, location);
    }
  }
}
