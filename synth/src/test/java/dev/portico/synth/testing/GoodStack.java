package dev.portico.synth.testing;

import dev.portico.dsl.App;
import dev.portico.dsl.Parameter;
import dev.portico.dsl.Port;
import dev.portico.dsl.ServicePort;
import dev.portico.dsl.ServiceType;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import java.util.List;

/**
 * A valid stack for CLI tests: two environments and a parameter, {@code count}, that decides how
 * many worker Services exist, so a {@code --set} can remove one.
 */
public final class GoodStack implements StackDefinition {
  public static final Parameter<Integer> COUNT = Parameter.integer("count", 2, "how many worker Services to declare");

  static final Port HTTP = Port.http(8080);
  static final Port METRICS = Port.metrics(9090);
  static final Port JOBS = Port.tcp("jobs", 7000);

  @Override
  public String name() {
    return "good";
  }

  @Override
  public List<String> environments() {
    return List.of("staging", "prod");
  }

  @Override
  public List<Parameter<?>> parameters() {
    return List.of(COUNT);
  }

  @Override
  public void define(Stack stack) {
    App web = stack.app("web", HTTP, METRICS);
    App worker = stack.app("worker", JOBS);
    stack.expose(web);
    stack.service("web-public", web, service -> service
        .type(stack.isEnvironment("prod") ? ServiceType.loadBalancer() : ServiceType.nodePort())
        .port(ServicePort.of(80, HTTP).nodePort(30080)));
    for (int i = 1; i <= stack.parameter(COUNT); i++) {
      stack.service("worker-" + i, worker, service -> service.port(7000, JOBS));
    }
  }
}
