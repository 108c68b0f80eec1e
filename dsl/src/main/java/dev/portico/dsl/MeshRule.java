package dev.portico.dsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule of a mesh route: the requests it takes (all, when it has no match) and what happens to
 * them: destinations with weights, a timeout, retries, injected faults, mirroring, a redirect or a
 * URI rewrite.
 */
public final class MeshRule {
  /**
   * Where requests go: a Service's pods, or one subset of them, with a weight when there are several.
   *
   * @param subset null for any of the Service's pods
   * @param weight null when this is the only destination
   * @param port the app port whose Service port requests go to; null for the route's port, or the
   *     Service's only port
   */
  public record Destination(Service service, Subset subset, Integer weight, Port port) {
    public Destination {
      Objects.requireNonNull(service, "service");
    }
  }

  /** A copy of requests sent to another destination; its answers are dropped. */
  public record Mirror(Service service, Subset subset, double percent) {}

  /** An HTTP redirect: to {@code uri} (and {@code authority} when set) with status {@code code}. */
  public record Redirect(String uri, String authority, int code) {}

  private final MeshMatch match;
  private final List<Destination> destinations;
  private final Duration timeout;
  private final Retries retries;
  private final List<Fault> faults;
  private final Mirror mirror;
  private final Redirect redirect;
  private final String rewriteUri;
  private final SourceLocation location;

  private MeshRule(Builder b, SourceLocation location) {
    this.match = b.match;
    this.destinations = List.copyOf(b.destinations);
    this.timeout = b.timeout;
    this.retries = b.retries;
    this.faults = List.copyOf(b.faults);
    this.mirror = b.mirror;
    this.redirect = b.redirect;
    this.rewriteUri = b.rewriteUri;
    this.location = location;
  }

  /** The requests this rule takes; empty for all. */
  public Optional<MeshMatch> match() {
    return Optional.ofNullable(match);
  }

  public List<Destination> destinations() {
    return destinations;
  }

  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  public Optional<Retries> retries() {
    return Optional.ofNullable(retries);
  }

  /** At most one delay and one abort. */
  public List<Fault> faults() {
    return faults;
  }

  public Optional<Mirror> mirror() {
    return Optional.ofNullable(mirror);
  }

  public Optional<Redirect> redirect() {
    return Optional.ofNullable(redirect);
  }

  public Optional<String> rewriteUri() {
    return Optional.ofNullable(rewriteUri);
  }

  /** Where this rule was declared. */
  public SourceLocation location() {
    return location;
  }

  /** Declares what a rule does with its requests; used in {@link MeshRoute.Builder}. */
  public static final class Builder {
    private final MeshMatch match;
    private final List<Destination> destinations = new ArrayList<>();
    private Duration timeout;
    private Retries retries;
    private final List<Fault> faults = new ArrayList<>();
    private Mirror mirror;
    private Redirect redirect;
    private String rewriteUri;
    private boolean touched;

    Builder(MeshMatch match) {
      this.match = match;
    }

    /** Sends requests to any of {@code service}'s pods. */
    public Builder to(Service service) {
      return add(new Destination(service, null, null, null));
    }

    /** Sends requests to subset {@code subset} of its Service. */
    public Builder to(Subset subset) {
      return add(new Destination(subset.service(), subset, null, null));
    }

    /** Sends a share of requests, by {@code weight} among this rule's weights, to {@code subset}. */
    public Builder to(Subset subset, int weight) {
      return add(new Destination(subset.service(), subset, weight, null));
    }

    /** Sends a share of requests, by {@code weight} among this rule's weights, to {@code service}. */
    public Builder to(Service service, int weight) {
      return add(new Destination(service, null, weight, null));
    }

    /** Sends requests to {@code service}'s port that targets the app's {@code port}. */
    public Builder to(Service service, Port port) {
      return add(new Destination(service, null, null, Objects.requireNonNull(port, "port")));
    }

    /** Sends requests to subset {@code subset}, on its Service's port that targets the app's {@code port}. */
    public Builder to(Subset subset, Port port) {
      return add(new Destination(subset.service(), subset, null, Objects.requireNonNull(port, "port")));
    }

    /** Sends a share of requests, by {@code weight}, to {@code service}'s port that targets {@code port}. */
    public Builder to(Service service, Port port, int weight) {
      return add(new Destination(service, null, weight, Objects.requireNonNull(port, "port")));
    }

    /** Sends a share of requests, by {@code weight}, to subset {@code subset} on its Service's port that targets {@code port}. */
    public Builder to(Subset subset, Port port, int weight) {
      return add(new Destination(subset.service(), subset, weight, Objects.requireNonNull(port, "port")));
    }

    private Builder add(Destination destination) {
      destinations.add(destination);
      touched = true;
      return this;
    }

    /** Fails a request with 504 when it takes longer than {@code timeout}, retries included. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      touched = true;
      return this;
    }

    /** Retries failed requests as {@code retries} says. */
    public Builder retries(Retries retries) {
      this.retries = Objects.requireNonNull(retries, "retries");
      touched = true;
      return this;
    }

    /**
     * Injects {@code fault} (a delay or an abort; one of each at most).
     *
     * @throws IllegalArgumentException when the rule already injects a fault of that kind
     */
    public Builder fault(Fault fault) {
      Objects.requireNonNull(fault, "fault");
      for (Fault earlier : faults) {
        if (earlier.getClass() == fault.getClass()) {
          throw new IllegalArgumentException("a rule injects one " + (fault instanceof Fault.Delay ? "delay" : "abort")
              + " at most; it already has " + earlier);
        }
      }
      faults.add(fault);
      touched = true;
      return this;
    }

    /** Copies {@code percent}% of requests to {@code service}. */
    public Builder mirror(Service service, double percent) {
      this.mirror = new Mirror(Objects.requireNonNull(service, "service"), null, percent);
      touched = true;
      return this;
    }

    /** Copies {@code percent}% of requests to {@code subset}. */
    public Builder mirror(Subset subset, double percent) {
      this.mirror = new Mirror(subset.service(), subset, percent);
      touched = true;
      return this;
    }

    /** Redirects requests to {@code uri} with status {@code code} (301, 302, 303, 307 or 308). */
    public Builder redirect(String uri, int code) {
      this.redirect = new Redirect(Objects.requireNonNull(uri, "uri"), null, code);
      touched = true;
      return this;
    }

    /** Rewrites the URI (the matched prefix, for a prefix match) to {@code uri} before forwarding. */
    public Builder rewriteUri(String uri) {
      this.rewriteUri = Objects.requireNonNull(uri, "uri");
      touched = true;
      return this;
    }

    boolean touched() {
      return touched;
    }

    MeshRule build(SourceLocation location) {
      return new MeshRule(this, location);
    }
  }
}
