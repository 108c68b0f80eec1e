package dev.portico.dsl;

import java.util.OptionalInt;

/**
 * Whether a client's connections stick to one pod. {@link #none()} is Kubernetes' default;
 * {@link #clientIp(int)} keeps a client on one pod for a timeout of 1 to 86,400 seconds.
 */
public final class SessionAffinity {
  /** Kubernetes' default ClientIP timeout: three hours. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 10_800;

  private static final SessionAffinity NONE = new SessionAffinity(null);

  private final Integer timeoutSeconds;

  private SessionAffinity(Integer timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  /** No affinity. */
  public static SessionAffinity none() {
    return NONE;
  }

  /** ClientIP affinity with Kubernetes' default timeout of 10,800 seconds. */
  public static SessionAffinity clientIp() {
    return new SessionAffinity(DEFAULT_TIMEOUT_SECONDS);
  }

  /** ClientIP affinity with a timeout in seconds (1 to 86,400). */
  public static SessionAffinity clientIp(int timeoutSeconds) {
    return new SessionAffinity(timeoutSeconds);
  }

  /** True for ClientIP affinity. */
  public boolean isClientIp() {
    return timeoutSeconds != null;
  }

  /** The ClientIP timeout; empty for {@link #none()}. */
  public OptionalInt timeoutSeconds() {
    return timeoutSeconds == null ? OptionalInt.empty() : OptionalInt.of(timeoutSeconds);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionAffinity other && java.util.Objects.equals(timeoutSeconds, other.timeoutSeconds);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(timeoutSeconds);
  }

  @Override
  public String toString() {
    return timeoutSeconds == null ? "None" : "ClientIP(" + timeoutSeconds + "s)";
  }
}
