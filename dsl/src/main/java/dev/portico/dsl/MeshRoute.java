package dev.portico.dsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the mesh routes requests for one Service (an Istio VirtualService): rules for matched
 * requests first, in declaration order, then the default rule for the rest. Get one from
 * {@link Mesh#route}:
 *
 * <pre>{@code
 * mesh.route(reviews, r -> r.to(v1, 90).to(v3, 10));
 * mesh.route(ratings, r -> r.when(MeshMatch.header("end-user", "jason"), rule -> rule.to(v2)).to(v1));
 * mesh.route(orders, OrdersApp.HTTP, r -> r.to(v1, 90).to(v2, 10));   // one port of a multi-port Service
 * }</pre>
 */
public final class MeshRoute {
  private final Service service;
  private final Port port;
  private final List<MeshRule> rules;
  private final SourceLocation location;

  private MeshRoute(Service service, Port port, List<MeshRule> rules, SourceLocation location) {
    this.service = service;
    this.port = port;
    this.rules = List.copyOf(rules);
    this.location = location;
  }

  /** The Service whose requests this route handles. */
  public Service service() {
    return service;
  }

  /**
   * The app port whose Service port this route handles; empty for a route of every port (then the
   * Service has one port, or each destination names one).
   */
  public java.util.Optional<Port> port() {
    return java.util.Optional.ofNullable(port);
  }

  /** The rules in the order the mesh tries them: matched ones first, the default last. */
  public List<MeshRule> rules() {
    return rules;
  }

  /** Where this route was declared. */
  public SourceLocation location() {
    return location;
  }

  /** Declares a route's rules; the methods other than {@link #when} shape the default rule. */
  public static final class Builder {
    private final List<MeshRule> matched = new ArrayList<>();
    private final MeshRule.Builder defaults = new MeshRule.Builder(null);
    private SourceLocation defaultsLocation;

    Builder() {}

    /** A rule for requests that {@code match}, tried before the default rule. */
    public Builder when(MeshMatch match, Consumer<MeshRule.Builder> rule) {
      MeshRule.Builder builder = new MeshRule.Builder(Objects.requireNonNull(match, "match"));
      SourceLocation location = Callers.declaration();
      rule.accept(builder);
      matched.add(builder.build(location));
      return this;
    }

    /** The default rule sends requests to {@code subset}, on the Service port that targets the app's {@code port}. */
    public Builder to(Subset subset, Port port) {
      return defaults(() -> defaults.to(subset, port));
    }

    /** The default rule sends a share of requests, by {@code weight}, to {@code subset} on the Service port targeting {@code port}. */
    public Builder to(Subset subset, Port port, int weight) {
      return defaults(() -> defaults.to(subset, port, weight));
    }

    /** The default rule sends requests to {@code service}, on its port that targets the app's {@code port}. */
    public Builder to(Service service, Port port) {
      return defaults(() -> defaults.to(service, port));
    }

    /** The default rule sends a share of requests, by {@code weight}, to {@code service} on its port targeting {@code port}. */
    public Builder to(Service service, Port port, int weight) {
      return defaults(() -> defaults.to(service, port, weight));
    }

    /** The default rule sends requests to any of {@code service}'s pods. */
    public Builder to(Service service) {
      return defaults(() -> defaults.to(service));
    }

    /** The default rule sends requests to {@code subset}. */
    public Builder to(Subset subset) {
      return defaults(() -> defaults.to(subset));
    }

    /** The default rule sends a share of requests, by {@code weight}, to {@code subset}. */
    public Builder to(Subset subset, int weight) {
      return defaults(() -> defaults.to(subset, weight));
    }

    /** The default rule sends a share of requests, by {@code weight}, to {@code service}. */
    public Builder to(Service service, int weight) {
      return defaults(() -> defaults.to(service, weight));
    }

    /** The default rule's timeout. */
    public Builder timeout(Duration timeout) {
      return defaults(() -> defaults.timeout(timeout));
    }

    /** The default rule's retries. */
    public Builder retries(Retries retries) {
      return defaults(() -> defaults.retries(retries));
    }

    /** A fault injected by the default rule. */
    public Builder fault(Fault fault) {
      return defaults(() -> defaults.fault(fault));
    }

    /** The default rule copies {@code percent}% of requests to {@code subset}. */
    public Builder mirror(Subset subset, double percent) {
      return defaults(() -> defaults.mirror(subset, percent));
    }

    private Builder defaults(Runnable change) {
      if (defaultsLocation == null) {
        defaultsLocation = Callers.declaration();
      }
      change.run();
      return this;
    }

    MeshRoute build(Service service, Port port, SourceLocation location) {
      List<MeshRule> rules = new ArrayList<>(matched);
      if (defaults.touched()) {
        rules.add(defaults.build(defaultsLocation));
      }
      return new MeshRoute(service, port, rules, location);
    }
  }
}
