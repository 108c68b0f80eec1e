package dev.portico.synth.validate.http;

import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.describe;
import static dev.portico.synth.validate.Fixtures.web;
import static dev.portico.synth.validate.Fixtures.webPods;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.Backend;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.Port;
import dev.portico.dsl.Service;
import dev.portico.dsl.SourceLocation;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Severity;
import dev.portico.synth.validate.Validator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRouteBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackendBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The cross-resource HTTP analyzers, one rejected input and at least one accepted near miss per
 * rule: backends that dangle or name a port their Service lacks, two owners of one host and path,
 * TLS hosts without rules and public hosts without TLS, routes on listeners their Gateway lacks.
 * Each rejection asserts rule, severity, exact field path and that the message names the bad value;
 * each near miss that the rule stays silent (other rules may speak: a public host without TLS warns).
 *
 * <p>Objects are fabric8 builders checked with {@link Validator#validate} against
 * {@link Fixtures#web()} (Service/shop/web: http=80, metrics=9090).
 */
class HttpAnalyzersTest {
  static final String PATH00 = "spec.rules[0].http.paths[0]";
  static final String BACKEND00 = PATH00 + ".backend.service";

  // ============================================================================ baselines

  /**
   * Ingress/shop/site of class nginx: shop.example.com "/" (Prefix) to web:80 and "/metrics" (Exact) to
   * web:metrics, TLS for shop.example.com from Secret shop-tls. Clean with {@link Fixtures#web()}.
   */
  static Ingress ingress() {
    return new IngressBuilder()
        .withNewMetadata().withName("site").withNamespace("shop").endMetadata()
        .withNewSpec()
        .withIngressClassName("nginx")
        .addNewRule().withHost("shop.example.com").withNewHttp()
        .addToPaths(path("/", "Prefix", backend("web", null, 80)))
        .addToPaths(path("/metrics", "Exact", backend("web", "metrics", null)))
        .endHttp().endRule()
        .addNewTl().withHosts("shop.example.com").withSecretName("shop-tls").endTl()
        .endSpec()
        .build();
  }

  static Ingress ingress(Consumer<Ingress> mutation) {
    Ingress ingress = ingress();
    mutation.accept(ingress);
    return ingress;
  }

  static HTTPIngressPath path(String value, String type, IngressBackend backend) {
    return new HTTPIngressPathBuilder().withPath(value).withPathType(type).withBackend(backend).build();
  }

  static IngressBackend backend(String service, String portName, Integer portNumber) {
    return new IngressBackendBuilder().withNewService().withName(service)
        .withNewPort().withName(portName).withNumber(portNumber).endPort().endService().build();
  }

  static IngressRule rule(String host, HTTPIngressPath... paths) {
    return new IngressRuleBuilder().withHost(host).withNewHttp().withPaths(paths).endHttp().build();
  }

  static HTTPIngressPath path0(Ingress ingress) {
    return ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0);
  }

  /**
   * Gateway/shop/gw of class eg: listener "http" on 80 and "https" on 443 for shop.example.com
   * (TLS from Secret shop-tls).
   */
  static Gateway gateway() {
    return new GatewayBuilder()
        .withNewMetadata().withName("gw").withNamespace("shop").endMetadata()
        .withNewSpec().withGatewayClassName("eg")
        .addNewListener().withName("http").withPort(80).withProtocol("HTTP").endListener()
        .addNewListener().withName("https").withPort(443).withProtocol("HTTPS").withHostname("shop.example.com")
        .withNewTls().withMode("Terminate").addNewCertificateRef().withName("shop-tls").endCertificateRef().endTls()
        .endListener()
        .endSpec()
        .build();
  }

  static Gateway gateway(Consumer<Gateway> mutation) {
    Gateway gateway = gateway();
    mutation.accept(gateway);
    return gateway;
  }

  /** HTTPRoute/shop/site on gw's "https" listener for shop.example.com: "/" (PathPrefix) to web:80. */
  static HTTPRoute route() {
    return route("site", "https", "shop.example.com");
  }

  static HTTPRoute route(String name, String section, String... hostnames) {
    return new HTTPRouteBuilder()
        .withNewMetadata().withName(name).withNamespace("shop").endMetadata()
        .withNewSpec()
        .addNewParentRef().withName("gw").withSectionName(section).endParentRef()
        .withHostnames(hostnames)
        .addNewRule()
        .addNewMatch().withNewPath().withType("PathPrefix").withValue("/").endPath().endMatch()
        .addNewBackendRef().withName("web").withPort(80).endBackendRef()
        .endRule()
        .endSpec()
        .build();
  }

  static HTTPRoute route(Consumer<HTTPRoute> mutation) {
    HTTPRoute route = route();
    mutation.accept(route);
    return route;
  }

  static HTTPRouteRule rule0(HTTPRoute route) {
    return route.getSpec().getRules().get(0);
  }

  static HTTPBackendRef ref0(HTTPRoute route) {
    return rule0(route).getBackendRefs().get(0);
  }

  static ParentReference parent0(HTTPRoute route) {
    return route.getSpec().getParentRefs().get(0);
  }

  /** A redirect-only route: plain HTTP for {@code hostnames} to HTTPS, on gw's "http" listener. */
  static HTTPRoute redirect(String... hostnames) {
    return new HTTPRouteBuilder()
        .withNewMetadata().withName("site-https-redirect").withNamespace("shop").endMetadata()
        .withNewSpec()
        .addNewParentRef().withName("gw").withSectionName("http").endParentRef()
        .withHostnames(hostnames)
        .addNewRule().addToFilters(new HTTPRouteFilterBuilder().withType("RequestRedirect").withNewRequestRedirect()
            .withScheme("https").withStatusCode(301).endRequestRedirect().build()).endRule()
        .endSpec()
        .build();
  }

  static List<Finding> validate(HasMetadata... objects) {
    return validate(Scope.CLOSED, objects);
  }

  /** {@code objects} with {@link Fixtures#web()}, in one group. */
  static List<Finding> validate(Scope scope, HasMetadata... objects) {
    List<HasMetadata> all = new ArrayList<>(List.of(web()));
    all.addAll(Arrays.asList(objects));
    return Fixtures.validate(scope, all.toArray(HasMetadata[]::new));
  }

  static void assertNone(List<Finding> findings, String rule) {
    assertTrue(findings.stream().noneMatch(f -> f.rule().equals(rule)), () -> "expected no [" + rule + "]:"
        + describe(findings));
  }

  static void assertNoErrors(List<Finding> findings) {
    Fixtures.assertNoErrors(findings);
  }

  static long count(List<Finding> findings, String rule) {
    return findings.stream().filter(f -> f.rule().equals(rule)).count();
  }

  @Test
  void theBaselinesAreClean() {
    Fixtures.assertClean(validate(ingress()));
    Fixtures.assertClean(validate(gateway(), route(), redirect("shop.example.com")));
  }

  // ============================================================================ http.backend-dangling

  @Nested
  class BackendDangling {
    @Test
    void anIngressBackendToAnUndeclaredServiceIsAnErrorInAStack() {
      List<Finding> findings = validate(ingress(i -> path0(i).getBackend().getService().setName("wbe")));
      Finding finding = assertFinding(findings, "http.backend-dangling", Severity.ERROR, BACKEND00 + ".name", "\"wbe\"");
      assertTrue(finding.message().contains("namespace \"shop\""), finding::format);
      assertEquals(1, count(findings, "http.backend-dangling"), describe(findings));
    }

    @Test
    void andAWarningInOpenScope() {
      List<Finding> findings = validate(Scope.OPEN, ingress(i -> path0(i).getBackend().getService().setName("wbe")));
      assertFinding(findings, "http.backend-dangling", Severity.WARNING, BACKEND00 + ".name", "\"wbe\"");
      assertNoErrors(findings);
    }

    @Test
    void theDefaultBackendToo() {
      List<Finding> findings = validate(ingress(i -> i.getSpec().setDefaultBackend(backend("errors", null, 80))));
      assertFinding(findings, "http.backend-dangling", Severity.ERROR, "spec.defaultBackend.service.name",
          "\"errors\"");
    }

    @Test
    void aRouteBackendRefToAnUndeclaredService() {
      List<Finding> findings = validate(gateway(), route(r -> ref0(r).setName("wbe")));
      assertFinding(findings, "http.backend-dangling", Severity.ERROR, "spec.rules[0].backendRefs[0].name", "\"wbe\"");
      List<Finding> open = validate(Scope.OPEN, gateway(), route(r -> ref0(r).setName("wbe")));
      assertFinding(open, "http.backend-dangling", Severity.WARNING, "spec.rules[0].backendRefs[0].name", "\"wbe\"");
    }

    @Test
    void aServiceOfAnotherNamespaceDoesNotCount() {
      List<Finding> findings = validate(gateway(), route(r -> ref0(r).setNamespace("other")));
      assertFinding(findings, "http.backend-dangling", Severity.ERROR, "spec.rules[0].backendRefs[0].name",
          "namespace \"other\"");
      List<Finding> ingress = validate(ingress(i -> i.getMetadata().setNamespace("other")));
      assertFinding(ingress, "http.backend-dangling", Severity.ERROR, BACKEND00 + ".name", "\"other\"");
    }

    @Test
    void aServiceOfAnotherStackEnvironmentDoesNotCountInAStackButDoesInOpenScope() {
      Resource elsewhere = new Resource(ingress(), path -> SourceLocation.of("t.yaml"), "other-env");
      List<Resource> resources = List.of(Fixtures.resource(web()), elsewhere);
      List<Finding> closed = Validator.validate(resources, List.of(webPods()), Scope.CLOSED);
      assertFinding(closed, "http.backend-dangling", Severity.ERROR, BACKEND00 + ".name", "\"web\"");
      assertNone(Validator.validate(resources, List.of(webPods()), Scope.OPEN), "http.backend-dangling");
    }

    @Test
    void nearMisses() {
      assertNone(validate(ingress()), "http.backend-dangling");
      assertNone(validate(route(r -> ref0(r).setNamespace("shop")), gateway()), "http.backend-dangling");
      // a backend of another kind is not a Service reference
      assertNone(validate(gateway(), route(r -> {
        ref0(r).setGroup("storage.example.com");
        ref0(r).setKind("Bucket");
        ref0(r).setName("assets");
        ref0(r).setPort(null);
      })), "http.backend-dangling");
      assertNone(validate(ingress(i -> {
        path0(i).getBackend().setService(null);
        path0(i).getBackend().setResource(new TypedLocalObjectReference("storage.example.com", "Bucket", "assets"));
      })), "http.backend-dangling");
      // an explicit core Service reference is a Service reference
      assertNone(validate(gateway(), route(r -> {
        ref0(r).setGroup("");
        ref0(r).setKind("Service");
      })), "http.backend-dangling");
      List<Finding> explicit = validate(gateway(), route(r -> {
        ref0(r).setGroup("");
        ref0(r).setKind("Service");
        ref0(r).setName("wbe");
      }));
      assertFinding(explicit, "http.backend-dangling", Severity.ERROR, "spec.rules[0].backendRefs[0].name", "\"wbe\"");
    }
  }

  // ====================================================== http.backend-dangling and -port: GRPCRoute, TLSRoute

  /** GRPCRoute/shop/api: one rule to {@code name}:{@code port} in {@code namespace} (null: the route's). */
  static GRPCRoute grpcRoute(String name, String namespace, Integer port) {
    return new GRPCRouteBuilder()
        .withNewMetadata().withName("api").withNamespace("shop").endMetadata()
        .withNewSpec().addNewParentRef().withName("gw").endParentRef()
        .addNewRule().addNewBackendRef().withName(name).withNamespace(namespace).withPort(port).endBackendRef().endRule()
        .endSpec().build();
  }

  /** TLSRoute/shop/passthrough for shop.example.com: one rule to {@code name}:{@code port}. */
  static TLSRoute tlsRoute(String name, Integer port) {
    return new TLSRouteBuilder()
        .withNewMetadata().withName("passthrough").withNamespace("shop").endMetadata()
        .withNewSpec().addNewParentRef().withName("gw").endParentRef().withHostnames("shop.example.com")
        .addNewRule().addNewBackendRef().withName(name).withPort(port).endBackendRef().endRule()
        .endSpec().build();
  }

  @Nested
  class GrpcAndTlsRouteBackends {
    static final String REF = "spec.rules[0].backendRefs[0]";

    @Test
    void aGrpcRouteBackendToAnUndeclaredService() {
      assertFinding(validate(grpcRoute("wbe", null, 80)), "http.backend-dangling", Severity.ERROR, REF + ".name",
          "\"wbe\"");
      assertFinding(validate(Scope.OPEN, grpcRoute("wbe", null, 80)), "http.backend-dangling", Severity.WARNING,
          REF + ".name", "\"wbe\"");
      assertFinding(validate(grpcRoute("web", "other", 80)), "http.backend-dangling", Severity.ERROR, REF + ".name",
          "namespace \"other\"");
    }

    @Test
    void aTlsRouteBackendToAnUndeclaredService() {
      assertFinding(validate(tlsRoute("wbe", 80)), "http.backend-dangling", Severity.ERROR, REF + ".name", "\"wbe\"");
      assertFinding(validate(Scope.OPEN, tlsRoute("wbe", 80)), "http.backend-dangling", Severity.WARNING,
          REF + ".name", "\"wbe\"");
    }

    @Test
    void aPortTheServiceLacks() {
      assertFinding(validate(grpcRoute("web", null, 8080)), "http.backend-port", Severity.ERROR, REF + ".port", "8080");
      assertFinding(validate(tlsRoute("web", 443)), "http.backend-port", Severity.ERROR, REF + ".port", "443");
    }

    @Test
    void nearMisses() {
      for (List<Finding> findings : List.of(validate(grpcRoute("web", null, 9090)), validate(grpcRoute("web", "shop", 80)),
          validate(tlsRoute("web", 80)))) {
        assertNone(findings, "http.backend-dangling");
        assertNone(findings, "http.backend-port");
      }
      // a backend of another kind is not a Service reference
      GRPCRoute bucket = grpcRoute("assets", null, null);
      bucket.getSpec().getRules().get(0).getBackendRefs().get(0).setGroup("storage.example.com");
      bucket.getSpec().getRules().get(0).getBackendRefs().get(0).setKind("Bucket");
      assertNone(validate(bucket), "http.backend-dangling");
    }
  }

  // ============================================================================ http.backend-port

  @Nested
  class BackendPort {
    @Test
    void anIngressBackendPortNumberTheServiceLacks() {
      List<Finding> findings = validate(ingress(i -> path0(i).getBackend().getService().getPort().setNumber(8080)));
      Finding finding = assertFinding(findings, "http.backend-port", Severity.ERROR, BACKEND00 + ".port.number",
          "8080");
      assertTrue(finding.message().contains("\"web\"") && finding.message().contains("http=80")
          && finding.message().contains("metrics=9090"), finding::format);
    }

    @Test
    void anIngressBackendPortNameTheServiceLacks() {
      List<Finding> findings = validate(ingress(i -> {
        path0(i).getBackend().getService().getPort().setNumber(null);
        path0(i).getBackend().getService().getPort().setName("grpc");
      }));
      assertFinding(findings, "http.backend-port", Severity.ERROR, BACKEND00 + ".port.name", "\"grpc\"");
    }

    @Test
    void theDefaultBackendsPort() {
      List<Finding> findings = validate(ingress(i -> i.getSpec().setDefaultBackend(backend("web", null, 81))));
      assertFinding(findings, "http.backend-port", Severity.ERROR, "spec.defaultBackend.service.port.number", "81");
    }

    @Test
    void aRouteBackendRefPortTheServiceLacks() {
      List<Finding> findings = validate(gateway(), route(r -> ref0(r).setPort(8080)));
      assertFinding(findings, "http.backend-port", Severity.ERROR, "spec.rules[0].backendRefs[0].port", "8080");
    }

    @Test
    void nearMisses() {
      assertNone(validate(ingress(i -> path0(i).getBackend().getService().getPort().setNumber(9090))),
          "http.backend-port");
      assertNone(validate(ingress(i -> {
        path0(i).getBackend().getService().getPort().setNumber(null);
        path0(i).getBackend().getService().getPort().setName("http");
      })), "http.backend-port");
      assertNone(validate(gateway(), route(r -> ref0(r).setPort(9090))), "http.backend-port");
      // a dangling backend is reported once, as dangling
      List<Finding> dangling = validate(gateway(), route(r -> {
        ref0(r).setName("wbe");
        ref0(r).setPort(1);
      }));
      assertNone(dangling, "http.backend-port");
    }
  }

  // ============================================================================ http.host-path-conflict

  @Nested
  class HostPathConflict {
    private Ingress second(Consumer<Ingress> mutation) {
      Ingress other = ingress(i -> i.getMetadata().setName("other"));
      mutation.accept(other);
      return other;
    }

    @Test
    void twoIngressesOfOneClassClaimingOneHostAndPath() {
      List<Finding> findings = validate(ingress(), second(i -> { }));
      Finding finding = assertFinding(findings, "http.host-path-conflict", Severity.ERROR, PATH00 + ".path",
          "host \"shop.example.com\" and Prefix path \"/\"");
      assertTrue(finding.object().equals("Ingress/shop/other") && finding.message().contains("Ingress/shop/site"),
          finding::format);
      // "/metrics" (Exact) is claimed twice too
      assertFinding(findings, "http.host-path-conflict", Severity.ERROR, "spec.rules[0].http.paths[1].path",
          "Exact path \"/metrics\"");
      assertEquals(2, count(findings, "http.host-path-conflict"), describe(findings));
    }

    @Test
    void twoRulesOfOneIngress() {
      List<Finding> findings = validate(ingress(i -> i.getSpec().getRules().add(rule("shop.example.com",
          path("/api", "Prefix", backend("web", null, 80)), path("/", "Prefix", backend("web", null, 9090))))));
      Finding finding = assertFinding(findings, "http.host-path-conflict", Severity.ERROR,
          "spec.rules[1].http.paths[1].path", "\"/\"");
      assertTrue(finding.message().contains("spec.rules[0].http.paths[0].path"), finding::format);
      assertEquals(1, count(findings, "http.host-path-conflict"), describe(findings));
    }

    @Test
    void aRuleWithoutHostClaimsEveryHost() {
      List<Finding> findings = validate(ingress(i -> i.getSpec().getRules().get(0).setHost(null)),
          second(i -> i.getSpec().getRules().get(0).setHost(null)));
      assertFinding(findings, "http.host-path-conflict", Severity.ERROR, PATH00 + ".path", "every host");
    }

    @Test
    void nearMissesOfIngresses() {
      // another class is another controller
      assertNone(validate(ingress(), second(i -> i.getSpec().setIngressClassName("traefik"))), "http.host-path-conflict");
      // an ingress-nginx canary shares its main Ingress' host and path on purpose
      assertNone(validate(ingress(), second(i -> i.getMetadata().setAnnotations(
          new HashMap<>(Map.of("nginx.ingress.kubernetes.io/canary", "true"))))), "http.host-path-conflict");
      // another path type, another host, another path
      assertNone(validate(ingress(), second(i -> {
        path0(i).setPathType("Exact");
        i.getSpec().getRules().get(0).getHttp().getPaths().get(1).setPathType("Prefix");
      })), "http.host-path-conflict");
      assertNone(validate(ingress(), second(i -> i.getSpec().getRules().get(0).setHost("www.example.com"))),
          "http.host-path-conflict");
      assertNone(validate(ingress(), second(i -> {
        path0(i).setPath("/shop");
        i.getSpec().getRules().get(0).getHttp().getPaths().get(1).setPath("/shop/metrics");
      })), "http.host-path-conflict");
      // an Ingress and an HTTPRoute are different controllers
      assertNone(validate(ingress(), gateway(), route()), "http.host-path-conflict");
      // another stack environment is another cluster
      Resource elsewhere = new Resource(second(i -> { }), path -> SourceLocation.of("t.yaml"), "other-env");
      Resource webElsewhere = new Resource(web(), path -> SourceLocation.of("t.yaml"), "other-env");
      assertNone(Validator.validate(List.of(Fixtures.resource(web()), Fixtures.resource(ingress()), webElsewhere,
          elsewhere), List.of(webPods()), Scope.CLOSED), "http.host-path-conflict");
    }

    @Test
    void twoRoutesOnOneListenerClaimingOneHostAndPath() {
      List<Finding> findings = validate(gateway(), route(), route("other", "https", "shop.example.com"));
      Finding finding = assertFinding(findings, "http.host-path-conflict", Severity.ERROR,
          "spec.rules[0].matches[0]", "host \"shop.example.com\" and PathPrefix \"/\"");
      assertTrue(finding.object().equals("HTTPRoute/shop/other") && finding.message().contains("HTTPRoute/shop/site")
          && finding.message().contains("listener https"), finding::format);
    }

    @Test
    void aRuleWithoutMatchesClaimsThePrefixSlash() {
      HTTPRoute catchAll = route("other", "https", "shop.example.com");
      rule0(catchAll).setMatches(new ArrayList<>());
      List<Finding> findings = validate(gateway(), route(), catchAll);
      assertFinding(findings, "http.host-path-conflict", Severity.ERROR, "spec.rules[0]", "PathPrefix \"/\"");
    }

    @Test
    void nearMissesOfRoutes() {
      // another listener, another Gateway, another host
      assertNone(validate(gateway(), route(), route("other", "http", "shop.example.com")), "http.host-path-conflict");
      HTTPRoute otherGateway = route("other", "https", "shop.example.com");
      parent0(otherGateway).setName("gw2");
      assertNone(validate(gateway(), route(), otherGateway), "http.host-path-conflict");
      assertNone(validate(gateway(), route(), route("other", "https", "www.example.com")), "http.host-path-conflict");
      // the same path with a header condition is another match
      HTTPRoute canary = route("other", "https", "shop.example.com");
      rule0(canary).getMatches().get(0).setHeaders(new ArrayList<>(List.of(
          new HTTPHeaderMatchBuilder().withName("x-canary").withValue("always").build())));
      assertNone(validate(gateway(), route(), canary), "http.host-path-conflict");
      // an Exact "/" is not a PathPrefix "/"
      HTTPRoute exact = route("other", "https", "shop.example.com");
      rule0(exact).getMatches().get(0).getPath().setType("Exact");
      assertNone(validate(gateway(), route(), exact), "http.host-path-conflict");
    }
  }

  /** Two stacks that expose the same host and path; one environment (prod) or two. */
  static final class Storefront implements StackDefinition {
    private final String name;
    private final List<String> environments;
    private final HttpTarget target;

    Storefront(String name, List<String> environments, HttpTarget target) {
      this.name = name;
      this.environments = environments;
      this.target = target;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<String> environments() {
      return environments;
    }

    @Override
    public void define(Stack stack) {
      Service web = stack.expose(stack.app("web", Port.http(8080)));
      stack.httpTarget(target);
      stack.http("site", site -> site.host("shop.example.com", h -> h
          .tls(dev.portico.dsl.Tls.secret("shop-tls")).path("/", Backend.of(web))));
    }
  }

  @Nested
  class AcrossStacks {
    @Test
    void twoStacksOfOneEnvironmentClaimingOneHostAndPathOnOneIngressClass() {
      Synthesis synthesis = Synthesizer.synthesize(List.of(
          new Storefront("shop", List.of("prod"), HttpTarget.ingress("nginx")),
          new Storefront("shop-next", List.of("prod"), HttpTarget.ingress("nginx"))), List.of(), Map.of());
      Finding finding = assertFinding(synthesis.findings(), "http.host-path-conflict", Severity.ERROR, PATH00 + ".path",
          "host \"shop.example.com\" and Prefix path \"/\"");
      assertTrue(finding.object().equals("Ingress/shop-next/site") && finding.message().contains("Ingress/shop/site")
          && finding.message().contains("HttpAnalyzersTest.java:"), finding::format);
      assertEquals(1, count(synthesis.findings(), "http.host-path-conflict"), describe(synthesis.findings()));
    }

    @Test
    void twoStacksOfOneEnvironmentOnOneSharedGateway() {
      HttpTarget shared = HttpTarget.sharedGateway("infra", "public");
      Synthesis synthesis = Synthesizer.synthesize(List.of(new Storefront("shop", List.of("prod"), shared),
          new Storefront("shop-next", List.of("prod"), shared)), List.of(), Map.of());
      assertFinding(synthesis.findings(), "http.host-path-conflict", Severity.ERROR, "spec.rules[0].matches[0]",
          "host \"shop.example.com\" and PathPrefix \"/\"");
    }

    @Test
    void nearMisses() {
      // another environment is another cluster
      Synthesis environments = Synthesizer.synthesize(List.of(
          new Storefront("shop", List.of("staging"), HttpTarget.ingress("nginx")),
          new Storefront("shop-next", List.of("prod"), HttpTarget.ingress("nginx"))), List.of(), Map.of());
      assertNone(environments.findings(), "http.host-path-conflict");
      // another ingress class is another controller
      Synthesis classes = Synthesizer.synthesize(List.of(
          new Storefront("shop", List.of("prod"), HttpTarget.ingress("nginx")),
          new Storefront("shop-next", List.of("prod"), HttpTarget.ingress("traefik"))), List.of(), Map.of());
      assertNone(classes.findings(), "http.host-path-conflict");
      assertTrue(classes.findings().isEmpty(), () -> describe(classes.findings()));
      // each stack's own Gateway is its own
      Synthesis gateways = Synthesizer.synthesize(List.of(
          new Storefront("shop", List.of("prod"), HttpTarget.gateway("eg")),
          new Storefront("shop-next", List.of("prod"), HttpTarget.gateway("eg"))), List.of(), Map.of());
      assertTrue(gateways.findings().isEmpty(), () -> describe(gateways.findings()));
    }
  }

  // ============================================================================ http.tls-host-without-rule

  @Nested
  class TlsHostWithoutRule {
    @Test
    void anIngressTlsHostNoRuleServes() {
      List<Finding> findings = validate(ingress(i -> i.getSpec().getTls().get(0).getHosts().add("www.example.com")));
      assertFinding(findings, "http.tls-host-without-rule", Severity.WARNING, "spec.tls[0].hosts[1]",
          "\"www.example.com\"");
      assertEquals(1, count(findings, "http.tls-host-without-rule"), describe(findings));
      assertNoErrors(findings);
    }

    @Test
    void aWildcardRuleDoesNotCoverATlsHostTwoLabelsDown() {
      List<Finding> findings = validate(ingress(i -> {
        i.getSpec().getRules().get(0).setHost("*.example.com");
        i.getSpec().getTls().get(0).setHosts(new ArrayList<>(List.of("*.example.com", "a.b.example.com")));
      }));
      assertFinding(findings, "http.tls-host-without-rule", Severity.WARNING, "spec.tls[0].hosts[1]",
          "\"a.b.example.com\"");
    }

    @Test
    void aGatewayHttpsListenerNoRouteAttachesTo() {
      List<Finding> findings = validate(gateway(), route("site", "http", "shop.example.com"));
      Finding finding = assertFinding(findings, "http.tls-host-without-rule", Severity.WARNING, "spec.listeners[1]",
          "\"https\"");
      assertTrue(finding.object().equals("Gateway/shop/gw") && finding.message().contains("\"shop.example.com\""),
          finding::format);
    }

    @Test
    void nearMisses() {
      assertNone(validate(ingress()), "http.tls-host-without-rule");
      // a wildcard TLS host covers its rule hosts; a rule without host covers every TLS host
      assertNone(validate(ingress(i -> i.getSpec().getTls().get(0).setHosts(new ArrayList<>(List.of("*.example.com"))))),
          "http.tls-host-without-rule");
      assertNone(validate(ingress(i -> {
        i.getSpec().getRules().get(0).setHost(null);
        i.getSpec().getTls().get(0).getHosts().add("www.example.com");
      })), "http.tls-host-without-rule");
      // a rule for the TLS host in the same Ingress
      assertNone(validate(ingress(i -> {
        i.getSpec().getTls().get(0).getHosts().add("www.example.com");
        i.getSpec().getRules().add(rule("www.example.com", path("/", "Prefix", backend("web", null, 80))));
      })), "http.tls-host-without-rule");
      // routes attach to the listener; a route attaches to every listener; no routes at all (applied elsewhere)
      assertNone(validate(gateway(), route()), "http.tls-host-without-rule");
      HTTPRoute everyListener = route("site", "http", "shop.example.com");
      parent0(everyListener).setSectionName(null);
      assertNone(validate(gateway(), everyListener), "http.tls-host-without-rule");
      assertNone(validate(gateway()), "http.tls-host-without-rule");
      // a listener without hostname serves any host
      assertNone(validate(gateway(g -> g.getSpec().getListeners().get(1).setHostname(null)),
          route("site", "http", "shop.example.com")), "http.tls-host-without-rule");
      // a GRPCRoute serves the listener as well as an HTTPRoute does
      var grpc = new io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteBuilder().withNewMetadata()
          .withName("cart").withNamespace("shop").endMetadata().withNewSpec().addNewParentRef().withName("gw")
          .withSectionName("https").endParentRef().endSpec().build();
      assertNone(validate(gateway(), route("site", "http", "shop.example.com"), grpc), "http.tls-host-without-rule");
    }
  }

  // ============================================================================ http.host-without-tls

  @Nested
  class HostWithoutTls {
    @Test
    void aPublicIngressHostWithoutTls() {
      List<Finding> findings = validate(ingress(i -> i.getSpec().setTls(new ArrayList<>())));
      assertFinding(findings, "http.host-without-tls", Severity.WARNING, "spec.rules[0].host", "\"shop.example.com\"");
      assertNoErrors(findings);
    }

    @Test
    void aTlsEntryForAnotherHostDoesNotCount() {
      List<Finding> findings = validate(ingress(i -> {
        i.getSpec().getRules().add(rule("www.example.com", path("/", "Prefix", backend("web", null, 80))));
      }));
      assertFinding(findings, "http.host-without-tls", Severity.WARNING, "spec.rules[1].host", "\"www.example.com\"");
      assertEquals(1, count(findings, "http.host-without-tls"), describe(findings));
    }

    @Test
    void anIngressRuleForEveryHostWithoutTls() {
      List<Finding> findings = validate(ingress(i -> {
        i.getSpec().setTls(new ArrayList<>());
        i.getSpec().getRules().get(0).setHost(null);
      }));
      assertFinding(findings, "http.host-without-tls", Severity.WARNING, "spec.rules[0].host", "every host");
    }

    @Test
    void aRouteForAPublicHostOnAnHttpListener() {
      List<Finding> findings = validate(gateway(), route("site", "http", "shop.example.com"));
      Finding finding = assertFinding(findings, "http.host-without-tls", Severity.WARNING, "spec.hostnames[0]",
          "\"shop.example.com\"");
      assertTrue(finding.message().contains("listener \"http\""), finding::format);
      assertNoErrors(findings);
    }

    @Test
    void aRouteWithoutHostnamesWithPathsOnAnHttpListener() {
      HTTPRoute route = route("site", "http");
      List<Finding> findings = validate(gateway(), route);
      assertFinding(findings, "http.host-without-tls", Severity.WARNING, "spec.parentRefs[0]", "every host");
    }

    @Test
    void aRouteAttachedToEveryListenerIsServedOverHttpsToo() {
      // like an Ingress with ssl-redirect: "false": plain HTTP as well, but not plain HTTP only
      HTTPRoute route = route("site", null, "shop.example.com");
      assertNone(validate(gateway(), route), "http.host-without-tls");
    }

    @Test
    void nearMisses() {
      assertNone(validate(ingress()), "http.host-without-tls");
      // private hosts
      for (String host : List.of("shop.internal", "*.internal", "web.shop.svc.cluster.local", "localhost", "shop.test",
          "nas.home.arpa")) {
        assertNone(validate(ingress(i -> {
          i.getSpec().setTls(new ArrayList<>());
          i.getSpec().getRules().get(0).setHost(host);
        })), "http.host-without-tls");
        assertNone(validate(gateway(), route("site", "http", host)), "http.host-without-tls");
      }
      // a wildcard TLS host covers the rule's host
      assertNone(validate(ingress(i -> i.getSpec().getTls().get(0).setHosts(new ArrayList<>(List.of("*.example.com"))))),
          "http.host-without-tls");
      // an Ingress with only a default backend: a catch-all, no host of its own
      assertNone(validate(ingress(i -> {
        i.getSpec().setRules(new ArrayList<>());
        i.getSpec().setTls(new ArrayList<>());
        i.getSpec().setDefaultBackend(backend("web", null, 80));
      })), "http.host-without-tls");
      // an ingress-nginx canary shares its main Ingress' TLS
      assertNone(validate(ingress(i -> {
        i.getSpec().setTls(new ArrayList<>());
        i.getMetadata().setAnnotations(new HashMap<>(Map.of("nginx.ingress.kubernetes.io/canary", "true")));
      })), "http.host-without-tls");
      // a default catch-all route (no hostnames, one rule without matches) on the plain listener
      HTTPRoute catchAll = route("site-default", "http");
      rule0(catchAll).setMatches(new ArrayList<>());
      assertNone(validate(gateway(), catchAll), "http.host-without-tls");
      // a redirect-only route on the plain listener
      assertNone(validate(gateway(), route(), redirect("shop.example.com")), "http.host-without-tls");
      // on the HTTPS listener; on a Gateway not in the input (shared)
      assertNone(validate(gateway(), route()), "http.host-without-tls");
      HTTPRoute shared = route("site", "http", "shop.example.com");
      parent0(shared).setName("public");
      parent0(shared).setNamespace("infra");
      assertNone(validate(shared), "http.host-without-tls");
    }
  }

  // ============================================================================ http.parent-listener

  @Nested
  class ParentListener {
    @Test
    void aSectionNameTheGatewayLacks() {
      List<Finding> findings = validate(gateway(), route(r -> parent0(r).setSectionName("htps")));
      Finding finding = assertFinding(findings, "http.parent-listener", Severity.ERROR,
          "spec.parentRefs[0].sectionName", "\"htps\"");
      assertTrue(finding.message().contains("[\"http\", \"https\"]") && finding.message().contains("gw"),
          finding::format);
    }

    @Test
    void theSecondParentRef() {
      List<Finding> findings = validate(gateway(), route(r -> r.getSpec().getParentRefs().add(
          new io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder().withName("gw")
              .withSectionName("web").build())));
      assertFinding(findings, "http.parent-listener", Severity.ERROR, "spec.parentRefs[1].sectionName", "\"web\"");
    }

    @Test
    void nearMisses() {
      assertNone(validate(gateway(), route()), "http.parent-listener");
      assertNone(validate(gateway(), route(r -> parent0(r).setSectionName("http"))), "http.parent-listener");
      // no sectionName: every listener
      assertNone(validate(gateway(), route(r -> parent0(r).setSectionName(null))), "http.parent-listener");
      // a Gateway not in the input (shared, or in another namespace)
      assertNone(validate(route(r -> parent0(r).setSectionName("htps"))), "http.parent-listener");
      assertNone(validate(gateway(), route(r -> {
        parent0(r).setSectionName("htps");
        parent0(r).setNamespace("infra");
      })), "http.parent-listener");
      // a parent that is not a Gateway
      assertNone(validate(gateway(), route(r -> {
        parent0(r).setGroup("");
        parent0(r).setKind("Service");
        parent0(r).setName("gw");
        parent0(r).setSectionName("htps");
      })), "http.parent-listener");
      // a Gateway of another stack environment
      Resource elsewhere = new Resource(gateway(), path -> SourceLocation.of("t.yaml"), "other-env");
      assertNone(Validator.validate(List.of(Fixtures.resource(web()), elsewhere,
          Fixtures.resource(route(r -> parent0(r).setSectionName("htps")))), List.of(webPods()), Scope.CLOSED),
          "http.parent-listener");
    }
  }
}
