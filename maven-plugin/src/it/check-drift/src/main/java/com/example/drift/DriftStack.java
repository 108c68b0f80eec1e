package com.example.drift;

import dev.portico.dsl.Port;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.annotation.PorticoStack;

@PorticoStack(name = "drift")
public class DriftStack implements StackDefinition {
  static final Port HTTP = Port.http(8080);

  @Override
  public void define(Stack stack) {
    stack.service("web", stack.app("web", HTTP), s -> s.port(80, HTTP));
  }
}
