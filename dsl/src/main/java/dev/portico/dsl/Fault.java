package dev.portico.dsl;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults injected into requests, to test resilience: a delay or an abort with an HTTP status,
 * for a percentage of requests. Immutable: {@code Fault.delay(Duration.ofSeconds(7)).percent(50)}.
 */
public sealed interface Fault {
  /** The share of requests affected, 0-100. */
  double percent();

  /** Delays requests by {@code delay} (100% of them until {@link Delay#percent(double)} says otherwise). */
  static Delay delay(Duration delay) {
    return new Delay(Objects.requireNonNull(delay, "delay"), 100);
  }

  /** Answers requests with HTTP status {@code status} instead of forwarding them. */
  static Abort abort(int status) {
    return new Abort(status, 100);
  }

  /** A delay. */
  record Delay(Duration delay, double percent) implements Fault {
    /** This delay for {@code percent}% of requests. */
    public Delay percent(double percent) {
      return new Delay(delay, percent);
    }
  }

  /** An abort. */
  record Abort(int status, double percent) implements Fault {
    /** This abort for {@code percent}% of requests. */
    public Abort percent(double percent) {
      return new Abort(status, percent);
    }
  }
}
