package dev.portico.examples.shop;

import dev.portico.dsl.annotation.Listens;
import dev.portico.dsl.annotation.PorticoApp;

/** The shop's API: REST on {@code http}, gRPC over cleartext HTTP/2 on {@code grpc}. */
@PorticoApp(name = "api")
@Listens(name = "http", port = 8081)
@Listens(name = "grpc", port = 9000, appProtocol = "kubernetes.io/h2c")
public final class Api {
  private Api() {}
}
