package dev.portico.examples;

import dev.portico.dsl.App;
import dev.portico.dsl.Port;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.annotation.PorticoStack;

/**
 * The seed article's first example: pods labelled {@code app: MyApp} listening on TCP 9376,
 * exposed as {@code my-service} on port 80.
 */
@PorticoStack(name = "seed", namespace = "default")
public final class SeedStack implements StackDefinition {
  /** The container port; unnamed, so the Service targets it by number, as the article does. */
  static final Port LISTENER = Port.tcp(9376);

  @Override
  public void define(Stack stack) {
    App myApp = stack.app("my-app", app -> app.selector("app", "MyApp").ports(LISTENER));
    stack.service("my-service", myApp, service -> service.port(80, LISTENER));
  }
}
