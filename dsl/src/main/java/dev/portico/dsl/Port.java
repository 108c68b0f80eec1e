package dev.portico.dsl;

import java.util.Objects;
import java.util.Optional;

/**
 * A port an app's containers listen on. Services refer to it as their target port, so a target
 * port is always a port the app declares: it is rendered by name when it has one, else by number.
 *
 * <p>Immutable; equal when name, number, protocol and appProtocol are equal. Names and numbers are
 * checked when the stack is synthesized, together with everything else, so that every problem is
 * reported at once.
 */
public final class Port {
  private final String name;
  private final int number;
  private final Protocol protocol;
  private final String appProtocol;
  private final SourceLocation location;

  private Port(String name, int number, Protocol protocol, String appProtocol, SourceLocation location) {
    this.name = name;
    this.number = number;
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.appProtocol = appProtocol;
    this.location = location;
  }

  /** An unnamed TCP port; Services target it by number. */
  public static Port tcp(int number) {
    return new Port(null, number, Protocol.TCP, null, Callers.location());
  }

  /** A named TCP port. */
  public static Port tcp(String name, int number) {
    return new Port(Objects.requireNonNull(name, "name"), number, Protocol.TCP, null, Callers.location());
  }

  /** A named UDP port. */
  public static Port udp(String name, int number) {
    return new Port(Objects.requireNonNull(name, "name"), number, Protocol.UDP, null, Callers.location());
  }

  /** A named SCTP port. */
  public static Port sctp(String name, int number) {
    return new Port(Objects.requireNonNull(name, "name"), number, Protocol.SCTP, null, Callers.location());
  }

  /** A port of any protocol, named or not ({@code name} may be null). */
  public static Port of(String name, int number, Protocol protocol) {
    return new Port(name, number, protocol, null, Callers.location());
  }

  static Port at(String name, int number, Protocol protocol, SourceLocation location) {
    return new Port(name, number, protocol, null, location);
  }

  /** TCP port named {@code http}. */
  public static Port http(int number) {
    return new Port("http", number, Protocol.TCP, null, Callers.location());
  }

  /** TCP port named {@code https}. */
  public static Port https(int number) {
    return new Port("https", number, Protocol.TCP, null, Callers.location());
  }

  /** TCP port named {@code grpc}. */
  public static Port grpc(int number) {
    return new Port("grpc", number, Protocol.TCP, null, Callers.location());
  }

  /** TCP port named {@code http2} (cleartext HTTP/2). */
  public static Port http2(int number) {
    return new Port("http2", number, Protocol.TCP, null, Callers.location());
  }

  /** TCP port named {@code metrics}, for Prometheus-style scraping. */
  public static Port metrics(int number) {
    return new Port("metrics", number, Protocol.TCP, null, Callers.location());
  }

  /** This port with an application protocol, e.g. {@code "http"} or {@code "kubernetes.io/h2c"}. */
  public Port withAppProtocol(String appProtocol) {
    return new Port(name, number, protocol, Objects.requireNonNull(appProtocol, "appProtocol"), location);
  }

  /**
   * This port, declared at {@code location} instead of the line that built it: for generated
   * code, whose ports were declared in an annotation of the user's class.
   */
  public Port declaredAt(SourceLocation location) {
    return new Port(name, number, protocol, appProtocol, Objects.requireNonNull(location, "location"));
  }

  /** The port's name, when it has one. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  public int number() {
    return number;
  }

  public Protocol protocol() {
    return protocol;
  }

  public Optional<String> appProtocol() {
    return Optional.ofNullable(appProtocol);
  }

  /** Where this port was declared. */
  public SourceLocation location() {
    return location;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Port other
        && number == other.number
        && protocol == other.protocol
        && Objects.equals(name, other.name)
        && Objects.equals(appProtocol, other.appProtocol);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, number, protocol, appProtocol);
  }

  @Override
  public String toString() {
    return (name != null ? name + "/" : "") + number + "/" + protocol;
  }
}
