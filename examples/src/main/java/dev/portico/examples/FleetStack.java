package dev.portico.examples;

import dev.portico.dsl.App;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.Parameter;
import dev.portico.dsl.Port;
import dev.portico.dsl.Service;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.Tls;
import dev.portico.dsl.annotation.PorticoStack;
import java.util.List;

/**
 * A platform team's fleet, for measuring Portico at scale: {@code --set apps=N} apps
 * {@code app-0001}, {@code app-0002}, ... ({@code app-10000} from the ten thousandth on), each with an {@code http} port 8080, a ClusterIP
 * Service on port 80 and an Ingress for {@code app-NNNN.example.com} with TLS from Secret
 * {@code app-NNNN-tls}.
 */
@PorticoStack(name = "fleet")
public final class FleetStack implements StackDefinition {
  static final Parameter<Integer> APPS = Parameter.integer("apps", 100, "how many apps the fleet has");
  static final Port HTTP = Port.http(8080);

  @Override
  public List<Parameter<?>> parameters() {
    return List.of(APPS);
  }

  @Override
  public void define(Stack stack) {
    int apps = stack.parameter(APPS);
    if (apps < 0) {
      throw new IllegalArgumentException("apps must be 0 or more, not " + apps);
    }
    stack.httpTarget(HttpTarget.ingress("nginx"));
    for (int i = 1; i <= apps; i++) {
      String name = String.format("app-%04d", i);
      App app = stack.app(name, HTTP);
      Service service = stack.service(name, app, s -> s.port(80, HTTP));
      stack.http(name, site -> site.host(name + ".example.com", host -> host
          .tls(Tls.secret(name + "-tls"))
          .path("/", service)));
    }
  }
}
