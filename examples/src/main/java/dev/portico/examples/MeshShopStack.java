package dev.portico.examples;

import dev.portico.dsl.App;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.Mesh;
import dev.portico.dsl.MtlsMode;
import dev.portico.dsl.Service;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.Subset;
import dev.portico.dsl.Tls;
import dev.portico.dsl.annotation.PorticoStack;
import dev.portico.examples.meshshop.OrdersApp;
import dev.portico.examples.meshshop.WebApp;

/**
 * A shop in a mesh: web, reached through the Istio ingress gateway, calls orders over HTTP (8080)
 * and gRPC (9090) through one Service; a canary sends 10% of orders' HTTP requests to v2 (versions
 * declared on the app's class); mutual TLS is STRICT; nothing is admitted that is not declared, and
 * orders may be called by web only - as NetworkPolicies and AuthorizationPolicies alike.
 */
@PorticoStack(name = "mesh-shop")
public final class MeshShopStack implements StackDefinition {
  @Override
  public void define(Stack stack) {
    stack.declareNamespace(ns -> ns.sidecarInjection());
    App web = WebApp.declare(stack);
    App orders = OrdersApp.declare(stack);
    Service webService = stack.service("web", web, s -> s.port(80, WebApp.HTTP));
    Service ordersService = stack.service("orders", orders, s -> s.port(8080, OrdersApp.HTTP).port(9090, OrdersApp.GRPC));

    stack.httpTarget(HttpTarget.istioGateway());
    stack.http("shop", site -> site.host("shop.example.com", host -> host
        .tls(Tls.secret("shop-credential"))
        .path("/", webService)));

    stack.denyByDefault();
    stack.allow(web).toCall(ordersService);

    Mesh mesh = stack.mesh();
    Subset v1 = mesh.subset(ordersService, "v1");
    Subset v2 = mesh.subset(ordersService, "v2");
    mesh.route(ordersService, OrdersApp.HTTP, r -> r.to(v1, 90).to(v2, 10));
    mesh.mtls(MtlsMode.STRICT);
  }
}
