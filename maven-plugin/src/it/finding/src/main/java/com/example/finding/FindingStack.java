package com.example.finding;

import dev.portico.dsl.Port;
import dev.portico.dsl.ServicePort;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.annotation.PorticoStack;

@PorticoStack(name = "finding")
public class FindingStack implements StackDefinition {
  static final Port HTTP = Port.http(8080);

  @Override
  public void define(Stack stack) {
    var web = stack.app("web", HTTP);
    stack.service("web", web, s -> s.port(ServicePort.of(80, HTTP).named("HTTP")));
  }
}
