package dev.portico.examples.shop;

import dev.portico.dsl.annotation.Listens;
import dev.portico.dsl.annotation.PorticoApp;

/**
 * The shop's web front end, as its own code would declare itself: the processor generates
 * {@code WebApp} with {@code WebApp.HTTP} and {@code WebApp.METRICS}.
 */
@PorticoApp(name = "web")
@Listens(name = "http", port = 8080)
@Listens(name = "metrics", port = 9090, appProtocol = "http")
public final class Web {
  private Web() {}
}
