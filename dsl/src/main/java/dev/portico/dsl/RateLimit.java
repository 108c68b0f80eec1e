package dev.portico.dsl;

import java.time.Duration;
import java.util.Objects;

/**
 * A local rate limit on an app's inbound requests: {@code RateLimit.of(100).per(Duration.ofMinutes(1)).burst(150)}
 * (a token bucket: {@code burst} tokens at most, {@code requests} more every {@code per}); requests
 * over it get 429.
 */
public record RateLimit(int requests, Duration per, int burst) {
  public RateLimit {
    Objects.requireNonNull(per, "per");
  }

  /** {@code requests} a minute, with bursts of as many. */
  public static RateLimit of(int requests) {
    return new RateLimit(requests, Duration.ofMinutes(1), requests);
  }

  /** This limit per {@code interval} instead of a minute. */
  public RateLimit per(Duration interval) {
    return new RateLimit(requests, interval, burst);
  }

  /** This limit with bursts of up to {@code tokens} requests. */
  public RateLimit burst(int tokens) {
    return new RateLimit(requests, per, tokens);
  }
}
