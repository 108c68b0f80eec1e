package dev.portico.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Service and one of its ports, as the receiver of HTTP requests. Built from the handles the
 * stack returned, never from names, so a backend cannot point at a Service or port that does not
 * exist.
 */
public final class Backend implements Route {
  private final Service service;
  private final ServicePort port;
  private final SourceLocation location;

  private Backend(Service service, ServicePort port, SourceLocation location) {
    this.service = service;
    this.port = port;
    this.location = location;
  }

  /**
   * The only port of {@code service}.
   *
   * @throws IllegalArgumentException if the Service has no port or several (say which with
   *     {@link #of(Service, Port)})
   */
  public static Backend of(Service service) {
    return of(service, Callers.declaration());
  }

  /** {@link #of(Service)} declared at {@code location}. */
  static Backend of(Service service, SourceLocation location) {
    Objects.requireNonNull(service, "service");
    if (service.ports().size() != 1) {
      throw new IllegalArgumentException(service + " has " + service.ports().size()
          + " ports; name the one to use with Backend.of(service, port)");
    }
    return new Backend(service, service.ports().get(0), location);
  }

  /**
   * The port of {@code service} that forwards to the app's {@code target}.
   *
   * @throws IllegalArgumentException if no port of the Service targets it
   */
  public static Backend of(Service service, Port target) {
    return of(service, target, Callers.declaration());
  }

  /** {@link #of(Service, Port)} declared at {@code location}. */
  static Backend of(Service service, Port target, SourceLocation location) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(target, "target");
    List<String> known = new ArrayList<>();
    for (ServicePort port : service.ports()) {
      if (port.target().isPresent() && port.target().get().equals(target)) {
        return new Backend(service, port, location);
      }
      known.add(port.toString());
    }
    throw new IllegalArgumentException("no port of " + service + " targets " + target + "; its ports: " + known);
  }

  /**
   * Port {@code port} of {@code service}.
   *
   * @throws IllegalArgumentException if {@code port} is not one of the Service's ports
   */
  public static Backend of(Service service, ServicePort port) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(port, "port");
    if (!service.ports().contains(port)) {
      throw new IllegalArgumentException(port + " is not a port of " + service + "; its ports: " + service.ports());
    }
    return new Backend(service, port, Callers.declaration());
  }

  public Service service() {
    return service;
  }

  public ServicePort port() {
    return port;
  }

  /** Where this backend was declared. */
  public SourceLocation location() {
    return location;
  }

  @Override
  public String toString() {
    return service.name() + ":" + port.port();
  }
}
