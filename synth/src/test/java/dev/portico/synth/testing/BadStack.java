package dev.portico.synth.testing;

import dev.portico.dsl.App;
import dev.portico.dsl.Port;
import dev.portico.dsl.ServicePort;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;

/** A stack with invalid Services: a port name that is not a DNS-1123 label, and a node port on a ClusterIP Service. */
public final class BadStack implements StackDefinition {
  static final Port HTTP = Port.http(8080);

  @Override
  public String name() {
    return "bad";
  }

  @Override
  public void define(Stack stack) {
    App web = stack.app("web", HTTP);
    stack.service("web", web, service -> service
        .port(ServicePort.of(80, HTTP).named("HTTP")));
    stack.service("web-internal", web, service -> service
        .port(ServicePort.of(8080, HTTP).nodePort(30080)));
  }
}
