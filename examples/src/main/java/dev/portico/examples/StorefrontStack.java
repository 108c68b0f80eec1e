package dev.portico.examples;

import dev.portico.dsl.App;
import dev.portico.dsl.Backend;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.Port;
import dev.portico.dsl.Service;
import dev.portico.dsl.Split;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.annotation.PorticoStack;
import dev.portico.dsl.Tls;

/**
 * A storefront reached from outside over HTTPS: two hosts (name-based virtual hosting), TLS on
 * both from cert-manager, paths to three Services, 10% of the shop's page traffic on the next
 * release of the web front end, and an error page for everything else. Staging renders it as an
 * ingress-nginx Ingress; prod as Gateway API routes on a Gateway of its own. The definition is
 * the same: only the target differs.
 */
@PorticoStack(name = "storefront", environments = {"staging", "prod"})
public final class StorefrontStack implements StackDefinition {
  static final Port HTTP = Port.http(8080);
  static final Tls.Issuer LETS_ENCRYPT = Tls.Issuer.cluster("letsencrypt-prod");

  @Override
  public void define(Stack stack) {
    Service web = stack.expose(stack.app("web", HTTP));
    Service webNext = stack.expose(stack.app("web-next", HTTP));
    Service api = stack.expose(stack.app("api", HTTP));
    Service search = stack.expose(stack.app("search", HTTP));
    Service errors = stack.expose(stack.app("error-pages", HTTP));

    stack.httpTarget(stack.isEnvironment("prod") ? HttpTarget.gateway("eg") : HttpTarget.ingress("nginx"));

    Split nextRelease = Split.canary(Backend.of(web), Backend.of(webNext), 10);
    stack.http("storefront", site -> site
        .host("shop.example.com", host -> host
            .tls(Tls.certManager(LETS_ENCRYPT))
            .path("/", nextRelease)
            .path("/api", api)
            .path("/search", search))
        .host("api.example.com", host -> host
            .tls(Tls.certManager(LETS_ENCRYPT))
            .path("/", api))
        .defaultBackend(errors));
  }
}
