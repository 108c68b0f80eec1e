package com.example.shop;

import dev.portico.dsl.Parameter;
import dev.portico.dsl.ServicePort;
import dev.portico.dsl.ServiceType;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.annotation.PorticoStack;
import java.util.List;

@PorticoStack(name = "shop", environments = {"staging", "prod"})
public class ShopStack implements StackDefinition {
  static final Parameter<Boolean> PUBLIC = Parameter.bool("public", true, "a public load balancer in prod");

  @Override
  public List<Parameter<?>> parameters() {
    return List.of(PUBLIC);
  }

  @Override
  public void define(Stack stack) {
    var web = WebApp.declare(stack);
    stack.service("web", web, s -> s.port(80, WebApp.HTTP));
    if (stack.isEnvironment("prod") && stack.parameter(PUBLIC)) {
      stack.service("web-public", web, s -> s.type(ServiceType.loadBalancer())
          .port(ServicePort.of(443, WebApp.HTTP).named("https")));
    }
  }
}
