package dev.portico.examples;

import dev.portico.dsl.App;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.Parameter;
import dev.portico.dsl.Port;
import dev.portico.dsl.Retries;
import dev.portico.dsl.Service;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.Subset;
import dev.portico.dsl.Tls;
import dev.portico.dsl.annotation.PorticoStack;
import java.time.Duration;
import java.util.List;

/**
 * A platform team's fleet, for measuring Portico at scale: {@code --set apps=N} apps
 * {@code app-0001}, {@code app-0002}, ... ({@code app-10000} from the ten thousandth on), each with an {@code http} port 8080, a ClusterIP
 * Service on port 80 and an Ingress for {@code app-NNNN.example.com} with TLS from Secret
 * {@code app-NNNN-tls}. With {@code --set mesh=true} each app also has a second version and a
 * VirtualService (90/10 between the versions, timeout, retries) and a DestinationRule (two subsets).
 */
@PorticoStack(name = "fleet")
public final class FleetStack implements StackDefinition {
  /** At most 50,000 apps (100,000 resources; about 11 s and 0.5 GB, 27 s and 1 GB with the mesh); more is a usage error. */
  static final Parameter<Integer> APPS = Parameter.integer("apps", 100, 0, 50_000, "how many apps the fleet has");
  static final Parameter<Boolean> MESH = Parameter.bool("mesh", false,
      "also a VirtualService (timeout, retries) and a DestinationRule (two subsets) per app");
  static final Port HTTP = Port.http(8080);

  @Override
  public List<Parameter<?>> parameters() {
    return List.of(APPS, MESH);
  }

  @Override
  public void define(Stack stack) {
    int apps = stack.parameter(APPS);
    boolean mesh = stack.parameter(MESH);
    stack.httpTarget(HttpTarget.ingress("nginx"));
    for (int i = 1; i <= apps; i++) {
      String name = String.format("app-%04d", i);
      App app = mesh
          ? stack.app(name, a -> a.label("version", "v1").ports(HTTP))
          : stack.app(name, HTTP);
      Service service = stack.service(name, app, s -> s.port(80, HTTP));
      stack.http(name, site -> site.host(name + ".example.com", host -> host
          .tls(Tls.secret(name + "-tls"))
          .path("/", service)));
      if (mesh) {
        // the next version's pods, under the same Service; 10% of the traffic goes to them
        stack.app(name + "-v2", a -> a.selector(App.NAME_LABEL, name).label("version", "v2").ports(HTTP));
        Subset v1 = stack.mesh().subset(service, "v1");
        Subset v2 = stack.mesh().subset(service, "v2");
        stack.mesh().route(service, r -> r.to(v1, 90).to(v2, 10)
            .timeout(Duration.ofSeconds(5))
            .retries(Retries.of(2).perTry(Duration.ofSeconds(2)).on("5xx", "reset")));
      }
    }
  }
}
