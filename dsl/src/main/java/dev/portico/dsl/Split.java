package dev.portico.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Requests shared between backends by weight, e.g. a canary taking 10% of the traffic; optionally
 * a header that sends a request to the last backend (the canary) whatever the weights say.
 * Immutable: {@link #and} and {@link #byHeader} return changed copies.
 */
public final class Split implements Route {
  /** A backend and its share: requests go to it in proportion to its weight among all weights. */
  public record Weighted(Backend backend, int weight) {
    public Weighted {
      Objects.requireNonNull(backend, "backend");
    }
  }

  /** A request header and the value that selects the canary. */
  public record Header(String name, String value) {
    public Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  private final List<Weighted> backends;
  private final Header header;
  private final SourceLocation location;

  private Split(List<Weighted> backends, Header header, SourceLocation location) {
    this.backends = List.copyOf(backends);
    this.header = header;
    this.location = location;
  }

  /** A split that starts with {@code backend} at {@code weight}; add the others with {@link #and}. */
  public static Split of(Backend backend, int weight) {
    return new Split(List.of(new Weighted(backend, weight)), null, Callers.declaration());
  }

  /** {@code percent}% of requests to {@code canary}, the rest to {@code stable}. */
  public static Split canary(Backend stable, Backend canary, int percent) {
    return new Split(List.of(new Weighted(stable, 100 - percent), new Weighted(canary, percent)), null,
        Callers.declaration());
  }

  /** This split with one more backend. */
  public Split and(Backend backend, int weight) {
    List<Weighted> more = new ArrayList<>(backends);
    more.add(new Weighted(backend, weight));
    return new Split(more, header, location);
  }

  /** This split, where a request with header {@code name: value} always goes to the last backend. */
  public Split byHeader(String name, String value) {
    return new Split(backends, new Header(name, value), location);
  }

  /** The backends with their weights, in declaration order. */
  public List<Weighted> backends() {
    return backends;
  }

  /** The header that selects the last backend, if any. */
  public Optional<Header> header() {
    return Optional.ofNullable(header);
  }

  /** Where this split was declared. */
  public SourceLocation location() {
    return location;
  }

  @Override
  public String toString() {
    return "Split" + backends;
  }
}
