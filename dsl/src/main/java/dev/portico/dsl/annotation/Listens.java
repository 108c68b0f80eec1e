package dev.portico.dsl.annotation;

import dev.portico.dsl.Protocol;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A port the app's containers listen on, next to the code that opens it. Repeat it for each port.
 * The generated handle has one {@code Port} constant per port, named after the port in upper
 * case ({@code grpc-web} becomes {@code GRPC_WEB}).
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
@Repeatable(Listens.List.class)
public @interface Listens {
  /**
   * The port's name: an IANA service name (at most 15 lowercase letters, digits and '-'), so
   * Services can target it by name. Istio reads the protocol from a {@code <protocol>[-suffix]}
   * name ({@code http}, {@code grpc-api}) unless {@link #appProtocol()} is set.
   */
  String name();

  /** The container port, 1 to 65535. */
  int port();

  /** TCP by default. */
  Protocol protocol() default Protocol.TCP;

  /** The application protocol, e.g. {@code http} or {@code kubernetes.io/h2c}; empty for none. */
  String appProtocol() default "";

  /** Holds repeated {@link Listens}. */
  @Documented
  @Retention(RetentionPolicy.SOURCE)
  @Target(ElementType.TYPE)
  @interface List {
    Listens[] value();
  }
}
