package dev.portico.dsl;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Cross-origin resource sharing for browsers: which origins may call, with which methods and
 * headers. Immutable; start with {@link #allowOrigins} and add with the withers.
 */
public final class Cors {
  private final List<String> origins;
  private final List<String> methods;
  private final List<String> headers;
  private final boolean credentials;
  private final Integer maxAgeSeconds;

  private Cors(List<String> origins, List<String> methods, List<String> headers, boolean credentials,
      Integer maxAgeSeconds) {
    this.origins = List.copyOf(origins);
    this.methods = List.copyOf(methods);
    this.headers = List.copyOf(headers);
    this.credentials = credentials;
    this.maxAgeSeconds = maxAgeSeconds;
  }

  /** Allows requests from {@code origins}, e.g. {@code https://shop.example.com} ({@code *} for any). */
  public static Cors allowOrigins(String... origins) {
    return new Cors(List.of(origins), List.of(), List.of(), false, null);
  }

  /** Allows these methods (GET, PUT, ...); none means the controller's default. */
  public Cors methods(String... methods) {
    return new Cors(origins, List.of(methods), headers, credentials, maxAgeSeconds);
  }

  /** Allows these request headers. */
  public Cors headers(String... headers) {
    return new Cors(origins, methods, List.of(headers), credentials, maxAgeSeconds);
  }

  /** Allows credentials (cookies, authorization headers). */
  public Cors withCredentials() {
    return new Cors(origins, methods, headers, true, maxAgeSeconds);
  }

  /** How long browsers may cache a preflight response. */
  public Cors maxAge(int seconds) {
    return new Cors(origins, methods, headers, credentials, seconds);
  }

  public List<String> origins() {
    return origins;
  }

  public List<String> methods() {
    return methods;
  }

  public List<String> headers() {
    return headers;
  }

  public boolean credentials() {
    return credentials;
  }

  public OptionalInt maxAgeSeconds() {
    return maxAgeSeconds == null ? OptionalInt.empty() : OptionalInt.of(maxAgeSeconds);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cors other && origins.equals(other.origins) && methods.equals(other.methods)
        && headers.equals(other.headers) && credentials == other.credentials
        && Objects.equals(maxAgeSeconds, other.maxAgeSeconds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origins, methods, headers, credentials, maxAgeSeconds);
  }
}
