package dev.portico.dsl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * External HTTP(S) access to a stack's Services: hosts with their paths and TLS, a default
 * backend, and the options ingress-nginx users ask for most. Rendered as the stack's
 * {@link HttpTarget} (an Ingress, or Gateway API routes) under this exposure's name. Get one from
 * {@link Stack#http}.
 */
public final class HttpExposure {
  private final String name;
  private final List<HttpHost> hosts;
  private final Backend defaultBackend;
  private final Boolean sslRedirect;
  private final boolean forceSslRedirect;
  private final String rewritePrefix;
  private final BackendProtocol backendProtocol;
  private final String proxyBodySize;
  private final List<String> allowSourceRanges;
  private final Cors cors;
  private final Map<String, String> labels;
  private final Map<String, String> annotations;
  private final Map<String, SourceLocation> optionLocations;
  private final SourceLocation location;

  private HttpExposure(Builder b, SourceLocation location) {
    this.name = b.name;
    this.hosts = List.copyOf(b.hosts);
    this.defaultBackend = b.defaultBackend;
    this.sslRedirect = b.sslRedirect;
    this.forceSslRedirect = b.forceSslRedirect;
    this.rewritePrefix = b.rewritePrefix;
    this.backendProtocol = b.backendProtocol;
    this.proxyBodySize = b.proxyBodySize;
    this.allowSourceRanges = List.copyOf(b.allowSourceRanges);
    this.cors = b.cors;
    this.labels = Collections.unmodifiableMap(new TreeMap<>(b.labels));
    this.annotations = Collections.unmodifiableMap(new TreeMap<>(b.annotations));
    this.optionLocations = Collections.unmodifiableMap(new TreeMap<>(b.optionLocations));
    this.location = location;
  }

  /** The name of the Ingress, or of the Gateway and routes, this exposure renders to. */
  public String name() {
    return name;
  }

  /** The hosts, in declaration order. */
  public List<HttpHost> hosts() {
    return hosts;
  }

  /** Where requests that match no host and path go; empty for the controller's own 404. */
  public Optional<Backend> defaultBackend() {
    return Optional.ofNullable(defaultBackend);
  }

  /**
   * Whether plain HTTP requests to a TLS host are redirected to HTTPS: the default, unless
   * {@link Builder#sslRedirect(boolean)} turned it off.
   */
  public boolean sslRedirect() {
    return sslRedirect == null || sslRedirect;
  }

  /** True when {@link Builder#sslRedirect(boolean)} was called, whatever the value. */
  public boolean sslRedirectSet() {
    return sslRedirect != null;
  }

  /** Whether every host redirects plain HTTP to HTTPS, TLS terminated here or not. */
  public boolean forceSslRedirect() {
    return forceSslRedirect;
  }

  /** What the matched prefix of a Prefix path is replaced with before the request is forwarded. */
  public Optional<String> rewritePrefix() {
    return Optional.ofNullable(rewritePrefix);
  }

  public Optional<BackendProtocol> backendProtocol() {
    return Optional.ofNullable(backendProtocol);
  }

  /** The largest request body accepted, as ingress-nginx reads it ({@code 8m}, {@code 512k}, {@code 0} for no limit). */
  public Optional<String> proxyBodySize() {
    return Optional.ofNullable(proxyBodySize);
  }

  /** Client CIDRs allowed in; empty for everyone. */
  public List<String> allowSourceRanges() {
    return allowSourceRanges;
  }

  public Optional<Cors> cors() {
    return Optional.ofNullable(cors);
  }

  /** Labels of the rendered objects, sorted. */
  public Map<String, String> labels() {
    return labels;
  }

  /** Raw annotations of the rendered Ingress or routes, sorted: the escape hatch for options Portico has no type for. */
  public Map<String, String> annotations() {
    return annotations;
  }

  /** Where an option was set, by its ingress-nginx name (e.g. {@code proxy-body-size}); the exposure's location otherwise. */
  public SourceLocation locationOf(String option) {
    return optionLocations.getOrDefault(option, location);
  }

  /** Where this exposure was declared. */
  public SourceLocation location() {
    return location;
  }

  @Override
  public String toString() {
    return "HttpExposure(" + name + ")";
  }

  /** Declares an exposure's hosts, default backend and options; used inside {@link Stack#http}. */
  public static final class Builder {
    private final String name;
    private final List<HttpHost> hosts = new ArrayList<>();
    private Backend defaultBackend;
    private Boolean sslRedirect;
    private boolean forceSslRedirect;
    private String rewritePrefix;
    private BackendProtocol backendProtocol;
    private String proxyBodySize;
    private final List<String> allowSourceRanges = new ArrayList<>();
    private Cors cors;
    private final Map<String, String> labels = new TreeMap<>();
    private final Map<String, String> annotations = new TreeMap<>();
    private final Map<String, SourceLocation> optionLocations = new TreeMap<>();

    Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** Adds host {@code hostname} (e.g. {@code shop.example.com} or {@code *.example.com}) with its TLS and paths. */
    public Builder host(String hostname, Consumer<HttpHost.Builder> spec) {
      SourceLocation location = Callers.declaration();
      HttpHost.Builder builder = new HttpHost.Builder(hostname);
      spec.accept(builder);
      hosts.add(builder.build(location));
      return this;
    }

    /** Sends requests that match no host and path to the only port of {@code service}. */
    public Builder defaultBackend(Service service) {
      return defaultBackend(Backend.of(service));
    }

    /** Sends requests that match no host and path to {@code backend}. */
    public Builder defaultBackend(Backend backend) {
      this.defaultBackend = Objects.requireNonNull(backend, "backend");
      optionLocations.put("default-backend", Callers.declaration());
      return this;
    }

    /** Turns the redirect of plain HTTP to HTTPS for TLS hosts off ({@code false}) or on (the default). */
    public Builder sslRedirect(boolean redirect) {
      this.sslRedirect = redirect;
      optionLocations.put("ssl-redirect", Callers.declaration());
      return this;
    }

    /** Redirects plain HTTP to HTTPS for every host, also when TLS is terminated in front of the controller. */
    public Builder forceSslRedirect() {
      this.forceSslRedirect = true;
      optionLocations.put("force-ssl-redirect", Callers.declaration());
      return this;
    }

    /**
     * Replaces the matched prefix of every Prefix path with {@code replacement} before forwarding:
     * with path {@code /api} and replacement {@code /}, {@code /api/orders} reaches the backend as
     * {@code /orders}.
     */
    public Builder rewritePrefix(String replacement) {
      this.rewritePrefix = Objects.requireNonNull(replacement, "replacement");
      optionLocations.put("rewrite-target", Callers.declaration());
      return this;
    }

    /** Speaks {@code protocol} to the backends instead of plain HTTP (e.g. {@code GRPC}). */
    public Builder backendProtocol(BackendProtocol protocol) {
      this.backendProtocol = Objects.requireNonNull(protocol, "protocol");
      optionLocations.put("backend-protocol", Callers.declaration());
      return this;
    }

    /** Accepts request bodies up to {@code size} ({@code 8m}, {@code 512k}; {@code 0} for no limit). */
    public Builder proxyBodySize(String size) {
      this.proxyBodySize = Objects.requireNonNull(size, "size");
      optionLocations.put("proxy-body-size", Callers.declaration());
      return this;
    }

    /** Lets in only clients from {@code cidrs}, e.g. {@code 203.0.113.0/24}. */
    public Builder allowSourceRanges(String... cidrs) {
      for (String cidr : cidrs) {
        allowSourceRanges.add(Objects.requireNonNull(cidr, "cidr"));
      }
      optionLocations.put("whitelist-source-range", Callers.declaration());
      return this;
    }

    /** Answers browsers' cross-origin requests as {@code cors} says. */
    public Builder cors(Cors cors) {
      this.cors = Objects.requireNonNull(cors, "cors");
      optionLocations.put("enable-cors", Callers.declaration());
      return this;
    }

    /** Adds a label to the rendered objects. */
    public Builder label(String key, String value) {
      labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds a raw annotation to the rendered Ingress or routes, for options Portico has no type for. */
    public Builder annotation(String key, String value) {
      annotations.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      optionLocations.put("annotation:" + key, Callers.declaration());
      return this;
    }

    HttpExposure build(SourceLocation location) {
      return new HttpExposure(this, location);
    }
  }
}
