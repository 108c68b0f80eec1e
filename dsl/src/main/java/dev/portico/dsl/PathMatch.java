package dev.portico.dsl;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which requests of a host a path takes: by path ({@link #prefix}, {@link #exact} or
 * {@link #implementationSpecific}) and, optionally, exact header values. Immutable.
 */
public final class PathMatch {
  /** How a path value matches a request path. */
  public enum Type {
    /** Element-wise prefix: {@code /api} matches {@code /api} and {@code /api/x}, not {@code /apix}. */
    PREFIX,
    /** The whole path, case-sensitive. */
    EXACT,
    /** Left to the ingress controller (Ingress only). */
    IMPLEMENTATION_SPECIFIC
  }

  private final Type type;
  private final String value;
  private final Map<String, String> headers;

  private PathMatch(Type type, String value, Map<String, String> headers) {
    this.type = type;
    this.value = Objects.requireNonNull(value, "value");
    this.headers = Collections.unmodifiableMap(new TreeMap<>(headers));
  }

  /** Requests whose path starts with the elements of {@code value}, e.g. {@code /api}. */
  public static PathMatch prefix(String value) {
    return new PathMatch(Type.PREFIX, value, Map.of());
  }

  /** Requests whose path is exactly {@code value}. */
  public static PathMatch exact(String value) {
    return new PathMatch(Type.EXACT, value, Map.of());
  }

  /** A path the ingress controller interprets (e.g. a regular expression for ingress-nginx). */
  public static PathMatch implementationSpecific(String value) {
    return new PathMatch(Type.IMPLEMENTATION_SPECIFIC, value, Map.of());
  }

  /** This match, restricted to requests carrying header {@code name} with exactly {@code value}. */
  public PathMatch withHeader(String name, String value) {
    Map<String, String> more = new TreeMap<>(headers);
    more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new PathMatch(type, this.value, more);
  }

  public Type type() {
    return type;
  }

  public String value() {
    return value;
  }

  /** Header name to required value, sorted by name. */
  public Map<String, String> headers() {
    return headers;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathMatch other && type == other.type && value.equals(other.value)
        && headers.equals(other.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, value, headers);
  }

  @Override
  public String toString() {
    return type + " " + value + (headers.isEmpty() ? "" : " " + headers);
  }
}
