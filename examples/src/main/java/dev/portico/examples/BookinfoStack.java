package dev.portico.examples;

import dev.portico.dsl.App;
import dev.portico.dsl.DestinationPolicy.ConnectionPool;
import dev.portico.dsl.DestinationPolicy.OutlierDetection;
import dev.portico.dsl.Fault;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.LoadBalancer;
import dev.portico.dsl.Mesh;
import dev.portico.dsl.MeshMatch;
import dev.portico.dsl.MtlsMode;
import dev.portico.dsl.PathMatch;
import dev.portico.dsl.Port;
import dev.portico.dsl.RateLimit;
import dev.portico.dsl.Retries;
import dev.portico.dsl.Service;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.Subset;
import dev.portico.dsl.Tls;
import dev.portico.dsl.annotation.PorticoStack;
import java.time.Duration;

/**
 * Istio's Bookinfo: productpage calls details and reviews, and reviews calls ratings; details looks
 * books up at a provider outside the cluster. Reached through the Istio ingress gateway over HTTPS;
 * reviews runs in three versions, split 90/10 between v1 and v3; mutual TLS everywhere; only
 * productpage may call reviews and details, only reviews may call ratings, only details may leave
 * the cluster (to the provider's addresses; every pod may ask the cluster DNS) - as NetworkPolicies
 * and AuthorizationPolicies; productpage rate-limited; access logs on. In {@code chaos}, ratings is
 * slowed and sometimes fails, to see how the pages degrade.
 */
@PorticoStack(name = "bookinfo", environments = {"default", "chaos"})
public final class BookinfoStack implements StackDefinition {
  static final Port HTTP = Port.http(9080);

  @Override
  public void define(Stack stack) {
    App productpage = stack.app("productpage", a -> a.selector("app", "productpage").versions("v1").ports(HTTP));
    App details = stack.app("details", a -> a.selector("app", "details").versions("v1").ports(HTTP));
    App ratings = stack.app("ratings", a -> a.selector("app", "ratings").versions("v1").ports(HTTP));
    App reviewsApp = stack.app("reviews", a -> a.selector("app", "reviews").versions("v1", "v2", "v3").ports(HTTP));

    Service productpageService = stack.service("productpage", productpage, s -> s.port(9080, HTTP));
    Service detailsService = stack.service("details", details, s -> s.port(9080, HTTP));
    Service ratingsService = stack.service("ratings", ratings, s -> s.port(9080, HTTP));
    Service reviews = stack.service("reviews", reviewsApp, s -> s.port(9080, HTTP)); // every version

    // the edge: the Istio ingress gateway, HTTPS with the Secret in the gateway's namespace
    stack.httpTarget(HttpTarget.istioGateway());
    stack.http("bookinfo", site -> site.host("bookinfo.example.com", host -> host
        .tls(Tls.secret("bookinfo-credential"))
        .path(PathMatch.exact("/productpage"), dev.portico.dsl.Backend.of(productpageService))
        .path("/static", productpageService)
        .path(PathMatch.exact("/login"), dev.portico.dsl.Backend.of(productpageService))
        .path(PathMatch.exact("/logout"), dev.portico.dsl.Backend.of(productpageService))
        .path("/api/v1/products", productpageService)));

    Mesh mesh = stack.mesh();
    // the book provider, outside the cluster: a ServiceEntry (DNS), and its addresses for the NetworkPolicy
    Mesh.External books = mesh.external("books", "books.example.com", Port.https(443));

    Subset v1 = mesh.subset(reviews, "v1");
    mesh.subset(reviews, "v2");
    Subset v3 = mesh.subset(reviews, "v3");

    // reviews: 90% to v1, 10% to v3; retried, and with a deadline
    mesh.route(reviews, r -> r.to(v1, 90).to(v3, 10)
        .timeout(Duration.ofSeconds(10))
        .retries(Retries.of(3).perTry(Duration.ofSeconds(2)).on("5xx", "reset", "connect-failure")));
    mesh.policy(reviews, p -> p
        .loadBalancer(LoadBalancer.leastRequest())
        .connectionPool(ConnectionPool.maxConnections(100).maxPendingRequests(50))
        .outlierDetection(OutlierDetection.consecutive5xxErrors(5).interval(Duration.ofSeconds(10))
            .baseEjectionTime(Duration.ofSeconds(30)).maxEjectionPercent(50)));

    // ratings: in chaos, a tester's requests are slowed, and one in ten fails
    Subset ratingsV1 = mesh.subset(ratingsService, "v1");
    if (stack.isEnvironment("chaos")) {
      mesh.route(ratingsService, r -> r
          .when(MeshMatch.header("end-user", "jason"), rule -> rule.to(ratingsV1).fault(Fault.delay(Duration.ofSeconds(7))))
          .to(ratingsV1).fault(Fault.abort(500).percent(10)));
    } else {
      mesh.route(ratingsService, r -> r.to(ratingsV1));
    }

    mesh.mtls(MtlsMode.STRICT);
    stack.allow(productpage).toCall(reviews, detailsService);
    stack.allow(reviewsApp).toCall(ratingsService);
    stack.restrictEgress();
    stack.allow(details).toReach(books, "203.0.113.0/24");
    mesh.rateLimit(productpage, RateLimit.of(100).per(Duration.ofMinutes(1)).burst(150));
    mesh.telemetry(t -> t.accessLogging(true));
  }
}
