package dev.portico.examples.meshshop;

import dev.portico.dsl.annotation.Listens;
import dev.portico.dsl.annotation.PorticoApp;

/** The shop's web front end; it calls orders. */
@PorticoApp(name = "web")
@Listens(name = "http", port = 8080)
public final class Web {
  private Web() {}
}
