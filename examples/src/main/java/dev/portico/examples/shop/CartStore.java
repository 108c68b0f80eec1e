package dev.portico.examples.shop;

import dev.portico.dsl.annotation.Listens;
import dev.portico.dsl.annotation.PorticoApp;

/** The cart store: Redis for clients, a gossip port for its peers. */
@PorticoApp(name = "cart-store")
@Listens(name = "redis", port = 6379)
@Listens(name = "gossip", port = 16379, appProtocol = "tcp")
public final class CartStore {
  private CartStore() {}
}
