package dev.portico.synth.testing;

import dev.portico.dsl.App;
import dev.portico.dsl.Backend;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.PathMatch;
import dev.portico.dsl.Port;
import dev.portico.dsl.Service;
import dev.portico.dsl.ServicePort;
import dev.portico.dsl.ServiceType;
import dev.portico.dsl.Split;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.Tls;
import java.util.List;

/**
 * A stack reached over HTTP, for {@code portico routes}: one exposure with TLS, a canary that a
 * header also selects, an exact path and a default backend; one without TLS whose prefix is
 * rewritten; beside them a NodePort and an ExternalName Service. {@code staging} renders the
 * exposures as Ingresses, {@code prod} as Gateway API routes on Gateways of their own, {@code
 * shared} as routes on the shared Gateway {@code infra/edge}.
 */
public final class HttpStack implements StackDefinition {
  static final Port HTTP = Port.http(8080);

  @Override
  public String name() {
    return "http";
  }

  @Override
  public List<String> environments() {
    return List.of("staging", "prod", "shared");
  }

  @Override
  public void define(Stack stack) {
    App webApp = stack.app("web", HTTP);
    Service web = stack.expose(webApp);
    Service next = stack.expose(stack.app("web-next", HTTP));
    Service docs = stack.expose(stack.app("docs", HTTP));
    Service legacy = stack.expose(stack.app("legacy", HTTP));
    stack.service("web-nodeport", webApp, service -> service
        .type(ServiceType.nodePort())
        .port(ServicePort.of(80, HTTP).nodePort(30081)));
    stack.service("payments", service -> service
        .type(ServiceType.externalName("api.payments.example.com"))
        .port(443));

    stack.httpTarget(switch (stack.environment()) {
      case "prod" -> HttpTarget.gateway("eg");
      case "shared" -> HttpTarget.sharedGateway("infra", "edge");
      default -> HttpTarget.ingress("nginx");
    });
    stack.http("site", site -> site
        .host("app.example.com", host -> host
            .tls(Tls.secret("app-tls"))
            .path("/", Split.canary(Backend.of(web), Backend.of(next), 20).byHeader("x-canary", "always"))
            .path(PathMatch.exact("/healthz"), Backend.of(web))
            .path("/docs/", docs))
        .defaultBackend(web));
    stack.http("legacy", site -> site
        .rewritePrefix("/")
        .host("old.example.com", host -> host.path("/v1", legacy)));
  }
}
