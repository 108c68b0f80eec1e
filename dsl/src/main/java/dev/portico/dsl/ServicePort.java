package dev.portico.dsl;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One port of a Service: the port clients connect to and the app's {@link Port} that receives
 * the traffic. Its name and protocol default to the target's; withers return changed copies.
 */
public final class ServicePort {
  private final int port;
  private final Port target;
  private final String name;
  private final Protocol protocol;
  private final Integer nodePort;
  private final String appProtocol;
  private final SourceLocation location;

  private ServicePort(int port, Port target, String name, Protocol protocol, Integer nodePort,
      String appProtocol, SourceLocation location) {
    this.port = port;
    this.target = target;
    this.name = name;
    this.protocol = protocol;
    this.nodePort = nodePort;
    this.appProtocol = appProtocol;
    this.location = location;
  }

  /** Port {@code port} forwarding to the app's {@code target}. */
  public static ServicePort of(int port, Port target) {
    return new ServicePort(port, Objects.requireNonNull(target, "target"), null, null, null, null,
        Callers.location());
  }

  /**
   * Port {@code port} with no target port of its own (the target is the same number), for
   * ExternalName and selector-less Services.
   */
  public static ServicePort of(int port) {
    return new ServicePort(port, null, null, null, null, null, Callers.location());
  }

  static ServicePort at(int port, Port target, SourceLocation location) {
    return new ServicePort(port, target, null, null, null, null, location);
  }

  /** This port with its own name instead of the target's. */
  public ServicePort named(String name) {
    return new ServicePort(port, target, Objects.requireNonNull(name, "name"), protocol, nodePort, appProtocol,
        location);
  }

  /** This port with a protocol; needed only for a port without a target (default TCP). */
  public ServicePort protocol(Protocol protocol) {
    return new ServicePort(port, target, name, Objects.requireNonNull(protocol, "protocol"), nodePort,
        appProtocol, location);
  }

  /** This port on a fixed node port (NodePort and LoadBalancer Services; 30000-32767 by default). */
  public ServicePort nodePort(int nodePort) {
    return new ServicePort(port, target, name, protocol, nodePort, appProtocol, location);
  }

  /** This port with an application protocol instead of the target's. */
  public ServicePort appProtocol(String appProtocol) {
    return new ServicePort(port, target, name, protocol, nodePort,
        Objects.requireNonNull(appProtocol, "appProtocol"), location);
  }

  /** The port clients connect to. */
  public int port() {
    return port;
  }

  /** The app's port that receives the traffic; empty when the Service has no pods behind it. */
  public Optional<Port> target() {
    return Optional.ofNullable(target);
  }

  /** The name: this port's own, else its target's. */
  public Optional<String> name() {
    return name != null ? Optional.of(name) : target().flatMap(Port::name);
  }

  /** The protocol: this port's own, else its target's, else TCP. */
  public Protocol protocol() {
    if (protocol != null) {
      return protocol;
    }
    return target != null ? target.protocol() : Protocol.TCP;
  }

  /** The fixed node port, if one was chosen. */
  public OptionalInt nodePort() {
    return nodePort == null ? OptionalInt.empty() : OptionalInt.of(nodePort);
  }

  /** The application protocol: this port's own, else its target's. */
  public Optional<String> appProtocol() {
    return appProtocol != null ? Optional.of(appProtocol) : target().flatMap(Port::appProtocol);
  }

  /** Where this port was declared. */
  public SourceLocation location() {
    return location;
  }

  @Override
  public String toString() {
    return port + (target != null ? "->" + target : "");
  }
}
