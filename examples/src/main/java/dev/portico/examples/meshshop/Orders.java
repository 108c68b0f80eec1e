package dev.portico.examples.meshshop;

import dev.portico.dsl.annotation.Listens;
import dev.portico.dsl.annotation.PorticoApp;

/** The shop's order service: REST on {@code http}, gRPC on {@code grpc}; v2 is being canaried. */
@PorticoApp(name = "orders", versions = {"v1", "v2"})
@Listens(name = "http", port = 8080)
@Listens(name = "grpc", port = 9090)
public final class Orders {
  private Orders() {}
}
