package dev.portico.dsl;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** One path of a host: which requests it takes, where they go, and how long they may take. */
public final class HttpPath {
  private final PathMatch match;
  private final Route route;
  private final Duration timeout;
  private final Duration backendTimeout;
  private final SourceLocation location;

  private HttpPath(PathMatch match, Route route, Options options, SourceLocation location) {
    this.match = match;
    this.route = route;
    this.timeout = options.timeout;
    this.backendTimeout = options.backendTimeout;
    this.location = location;
  }

  static HttpPath of(PathMatch match, Route route, Options options, SourceLocation location) {
    return new HttpPath(Objects.requireNonNull(match, "match"), Objects.requireNonNull(route, "route"), options,
        location);
  }

  public PathMatch match() {
    return match;
  }

  public Route route() {
    return route;
  }

  /** How long a whole request may take, retries included (Gateway API only). */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** How long one try against a backend may take (Gateway API only). */
  public Optional<Duration> backendTimeout() {
    return Optional.ofNullable(backendTimeout);
  }

  /** Where this path was declared. */
  public SourceLocation location() {
    return location;
  }

  /** Options of one path, set in {@link HttpHost.Builder#path(PathMatch, Route, java.util.function.Consumer)}. */
  public static final class Options {
    private Duration timeout;
    private Duration backendTimeout;

    Options() {}

    /** Fails a request with 504 when it takes longer than {@code timeout} in all. */
    public Options timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Fails one try against a backend after {@code timeout}; at most {@link #timeout}. */
    public Options backendTimeout(Duration timeout) {
      this.backendTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }
  }
}
