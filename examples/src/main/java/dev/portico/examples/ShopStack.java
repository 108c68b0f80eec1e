package dev.portico.examples;

import dev.portico.dsl.App;
import dev.portico.dsl.CloudLoadBalancer;
import dev.portico.dsl.Port;
import dev.portico.dsl.ServicePort;
import dev.portico.dsl.ServiceType;
import dev.portico.dsl.SessionAffinity;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.TrafficPolicy;

/**
 * A small shop using every Service type: a ClusterIP API (expose-style), a multi-port web
 * front end on a NodePort, a public LoadBalancer for the storefront on AWS, a headless Service
 * for the stateful cart store, and an ExternalName alias for the payment provider.
 */
public final class ShopStack implements StackDefinition {
  static final Port WEB_HTTP = Port.http(8080);
  static final Port WEB_METRICS = Port.metrics(9090);
  static final Port API_HTTP = Port.http(8081);
  static final Port API_GRPC = Port.grpc(9000).withAppProtocol("kubernetes.io/h2c");
  static final Port REDIS = Port.tcp("redis", 6379);
  static final Port GOSSIP = Port.tcp("gossip", 16379);

  @Override
  public String name() {
    return "shop";
  }

  @Override
  public void define(Stack stack) {
    App web = stack.app("web", WEB_HTTP, WEB_METRICS);
    App api = stack.app("api", API_HTTP, API_GRPC);
    App cart = stack.app("cart-store", REDIS, GOSSIP);

    // like `kubectl expose deployment api`: one port per container port
    stack.expose(api);

    // two ports, reachable on every node at fixed ports for the office firewall
    stack.service("web-nodeport", web, service -> service
        .type(ServiceType.nodePort().externalTrafficPolicy(TrafficPolicy.LOCAL))
        .port(ServicePort.of(80, WEB_HTTP).nodePort(30080))
        .port(9090, WEB_METRICS));

    // the public storefront behind an AWS network load balancer
    stack.service("storefront", web, service -> service
        .type(ServiceType.loadBalancer()
            .cloud(CloudLoadBalancer.awsNlb())
            .externalTrafficPolicy(TrafficPolicy.LOCAL)
            .sourceRanges("0.0.0.0/0"))
        .port(ServicePort.of(80, WEB_HTTP).named("http"))
        .sessionAffinity(SessionAffinity.clientIp(3600)));

    // stable per-pod DNS names for the cart store's peers
    stack.service("cart-store", cart, service -> service
        .type(ServiceType.headless())
        .port(6379, REDIS)
        .port(16379, GOSSIP)
        .publishNotReadyAddresses());

    // the payment provider lives outside the cluster
    stack.service("payments", service -> service
        .type(ServiceType.externalName("api.payments.example.com"))
        .port(443));
  }
}
