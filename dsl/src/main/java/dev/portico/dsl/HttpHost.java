package dev.portico.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A host name (name-based virtual hosting; {@code *.example.com} for a wildcard), its TLS and its
 * paths, in declaration order.
 */
public final class HttpHost {
  private final String hostname;
  private final Tls tls;
  private final List<HttpPath> paths;
  private final SourceLocation location;

  private HttpHost(Builder b, SourceLocation location) {
    this.hostname = b.hostname;
    this.tls = b.tls;
    this.paths = List.copyOf(b.paths);
    this.location = location;
  }

  public String hostname() {
    return hostname;
  }

  /** How the host's certificate is provided; empty for plain HTTP. */
  public Optional<Tls> tls() {
    return Optional.ofNullable(tls);
  }

  /** The Secret holding the host's certificate; empty without TLS. */
  public Optional<String> tlsSecretName() {
    return tls().map(t -> t.secretName(hostname));
  }

  public List<HttpPath> paths() {
    return paths;
  }

  /** Where this host was declared. */
  public SourceLocation location() {
    return location;
  }

  /** Declares a host's TLS and paths; used inside {@link HttpExposure.Builder#host}. */
  public static final class Builder {
    private final String hostname;
    private Tls tls;
    private final List<HttpPath> paths = new ArrayList<>();

    Builder(String hostname) {
      this.hostname = Objects.requireNonNull(hostname, "hostname");
    }

    /** Terminates TLS for this host with {@code tls}; plain HTTP requests are redirected to HTTPS by default. */
    public Builder tls(Tls tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /** Sends requests under path prefix {@code prefix} to the only port of {@code service}. */
    public Builder path(String prefix, Service service) {
      SourceLocation location = Callers.declaration(); // the path's and its backend's: one look at the stack
      return add(PathMatch.prefix(prefix), Backend.of(service, location), options -> {}, location);
    }

    /** Sends requests under path prefix {@code prefix} to the port of {@code service} that targets {@code target}. */
    public Builder path(String prefix, Service service, Port target) {
      SourceLocation location = Callers.declaration();
      return add(PathMatch.prefix(prefix), Backend.of(service, target, location), options -> {}, location);
    }

    /** Sends requests under path prefix {@code prefix} along {@code route} (a backend or a split). */
    public Builder path(String prefix, Route route) {
      return add(PathMatch.prefix(prefix), route, options -> {});
    }

    /** Sends requests that {@code match} takes along {@code route}. */
    public Builder path(PathMatch match, Route route) {
      return add(match, route, options -> {});
    }

    /** Sends requests that {@code match} takes along {@code route}, with options such as a timeout. */
    public Builder path(PathMatch match, Route route, Consumer<HttpPath.Options> options) {
      return add(match, route, options);
    }

    private Builder add(PathMatch match, Route route, Consumer<HttpPath.Options> spec) {
      return add(match, route, spec, Callers.declaration());
    }

    private Builder add(PathMatch match, Route route, Consumer<HttpPath.Options> spec, SourceLocation location) {
      HttpPath.Options options = new HttpPath.Options();
      spec.accept(options);
      paths.add(HttpPath.of(match, route, options, location));
      return this;
    }

    HttpHost build(SourceLocation location) {
      return new HttpHost(this, location);
    }
  }
}
