package com.example.orders;

import dev.portico.dsl.Port;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.annotation.PorticoStack;

@PorticoStack(name = "orders")
public class OrdersStack implements StackDefinition {
  static final Port HTTP = Port.http(8080);

  @Override
  public void define(Stack stack) {
    stack.service("orders", stack.app("orders", HTTP), s -> s.port(80, HTTP));
  }
}
