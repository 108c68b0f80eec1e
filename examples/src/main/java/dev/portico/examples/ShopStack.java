package dev.portico.examples;

import dev.portico.dsl.App;
import dev.portico.dsl.CloudLoadBalancer;
import dev.portico.dsl.ServicePort;
import dev.portico.dsl.ServiceType;
import dev.portico.dsl.SessionAffinity;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.TrafficPolicy;
import dev.portico.dsl.annotation.PorticoStack;
import dev.portico.examples.shop.ApiApp;
import dev.portico.examples.shop.CartStoreApp;
import dev.portico.examples.shop.WebApp;

/**
 * A small shop using every Service type: a ClusterIP API (expose-style), a multi-port web
 * front end on a NodePort, a public LoadBalancer for the storefront on AWS, a headless Service
 * for the stateful cart store, and an ExternalName alias for the payment provider.
 */
@PorticoStack(name = "shop")
public final class ShopStack implements StackDefinition {
  @Override
  public void define(Stack stack) {
    App web = WebApp.declare(stack);
    App api = ApiApp.declare(stack);
    App cart = CartStoreApp.declare(stack);

    // like `kubectl expose deployment api`: one port per container port
    stack.expose(api);

    // two ports, reachable on every node at fixed ports for the office firewall
    stack.service("web-nodeport", web, service -> service
        .type(ServiceType.nodePort().externalTrafficPolicy(TrafficPolicy.LOCAL))
        .port(ServicePort.of(80, WebApp.HTTP).nodePort(30080))
        .port(9090, WebApp.METRICS));

    // the public storefront behind an AWS network load balancer
    stack.service("storefront", web, service -> service
        .type(ServiceType.loadBalancer()
            .cloud(CloudLoadBalancer.awsNlb())
            .externalTrafficPolicy(TrafficPolicy.LOCAL)
            .sourceRanges("0.0.0.0/0"))
        .port(ServicePort.of(80, WebApp.HTTP).named("http"))
        .sessionAffinity(SessionAffinity.clientIp(3600)));

    // stable per-pod DNS names for the cart store's peers
    stack.service("cart-store", cart, service -> service
        .type(ServiceType.headless())
        .port(6379, CartStoreApp.REDIS)
        .port(16379, CartStoreApp.GOSSIP)
        .publishNotReadyAddresses());

    // the payment provider lives outside the cluster
    stack.service("payments", service -> service
        .type(ServiceType.externalName("api.payments.example.com"))
        .port(443));
  }
}
