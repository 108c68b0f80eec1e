package dev.portico.dsl;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How often a failed request is retried: {@code Retries.of(3).perTry(Duration.ofSeconds(2)).on("5xx", "reset")}.
 * Immutable.
 */
public final class Retries {
  private final int attempts;
  private final Duration perTryTimeout;
  private final List<String> retryOn;

  private Retries(int attempts, Duration perTryTimeout, List<String> retryOn) {
    this.attempts = attempts;
    this.perTryTimeout = perTryTimeout;
    this.retryOn = List.copyOf(retryOn);
  }

  /** Up to {@code attempts} retries ({@code 0}: none). */
  public static Retries of(int attempts) {
    return new Retries(attempts, null, List.of());
  }

  /** Each try may take at most {@code timeout}. */
  public Retries perTry(Duration timeout) {
    return new Retries(attempts, Objects.requireNonNull(timeout, "timeout"), retryOn);
  }

  /** Retries only on these conditions, Envoy's {@code x-envoy-retry-on} policies or status codes ("5xx", "reset", "503"). */
  public Retries on(String... conditions) {
    return new Retries(attempts, perTryTimeout, List.of(conditions));
  }

  public int attempts() {
    return attempts;
  }

  public Optional<Duration> perTryTimeout() {
    return Optional.ofNullable(perTryTimeout);
  }

  public List<String> retryOn() {
    return retryOn;
  }
}
