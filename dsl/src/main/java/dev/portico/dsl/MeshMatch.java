package dev.portico.dsl;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Which requests a mesh route rule takes: by URI (prefix, exact or regex) and exact header values. Immutable. */
public final class MeshMatch {
  /** How a URI is matched. */
  public enum UriType { PREFIX, EXACT, REGEX }

  private final UriType uriType;
  private final String uri;
  private final Map<String, String> headers;

  private MeshMatch(UriType uriType, String uri, Map<String, String> headers) {
    this.uriType = uriType;
    this.uri = uri;
    this.headers = Collections.unmodifiableMap(new TreeMap<>(headers));
  }

  /** Requests whose URI starts with {@code prefix}. */
  public static MeshMatch uriPrefix(String prefix) {
    return new MeshMatch(UriType.PREFIX, Objects.requireNonNull(prefix, "prefix"), Map.of());
  }

  /** Requests whose URI is exactly {@code uri}. */
  public static MeshMatch uriExact(String uri) {
    return new MeshMatch(UriType.EXACT, Objects.requireNonNull(uri, "uri"), Map.of());
  }

  /** Requests whose URI matches the RE2 regular expression {@code regex}. */
  public static MeshMatch uriRegex(String regex) {
    return new MeshMatch(UriType.REGEX, Objects.requireNonNull(regex, "regex"), Map.of());
  }

  /** Requests carrying header {@code name} with exactly {@code value}, whatever their URI. */
  public static MeshMatch header(String name, String value) {
    return new MeshMatch(null, null, Map.of(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
  }

  /** This match, also requiring header {@code name} to be exactly {@code value}. */
  public MeshMatch withHeader(String name, String value) {
    Map<String, String> more = new TreeMap<>(headers);
    more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new MeshMatch(uriType, uri, more);
  }

  /** How the URI is matched; null when only headers are. */
  public UriType uriType() {
    return uriType;
  }

  /** The URI value; null when only headers are matched. */
  public String uri() {
    return uri;
  }

  /** Header name to required value, sorted by name. */
  public Map<String, String> headers() {
    return headers;
  }
}
