package dev.portico.synth.emit;

import static dev.portico.synth.emit.MeshEmitterTest.assertAbsent;
import static dev.portico.synth.emit.MeshEmitterTest.assertText;
import static dev.portico.synth.emit.MeshEmitterTest.here;
import static dev.portico.synth.emit.MeshEmitterTest.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.portico.dsl.App;
import dev.portico.dsl.Backend;
import dev.portico.dsl.BackendProtocol;
import dev.portico.dsl.Cors;
import dev.portico.dsl.HttpExposure;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.PathMatch;
import dev.portico.dsl.Port;
import dev.portico.dsl.Service;
import dev.portico.dsl.SourceLocation;
import dev.portico.dsl.Split;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.Tls;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.render.YamlRenderer;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Severity;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The third HTTP target, {@link HttpTarget#istioGateway()}: every feature of {@link HttpExposure}
 * as an Istio Gateway (servers {@code http}, {@code http-redirect}, {@code https-<host>} with SIMPLE
 * TLS from the host's Secret) and VirtualServices per host bound to it, the default backend's
 * VirtualService ({@code hosts: ["*"]}) on a Gateway of its own; splits, header-selected canaries,
 * timeouts, rewrites and CORS; and every {@code http.unsupported} case of this target, at the user's line.
 */
class IstioGatewayEmitterTest {
  static final String FILE = "IstioGatewayEmitterTest.java";
  static final HttpTarget ISTIO = HttpTarget.istioGateway();
  static final String EXPOSURE = "HttpExposure/shop/site";

  // ============================================================================ fixtures

  /**
   * In namespace shop: web and web-next (one port 8080 each), api (Service port 80 to the app's
   * http=9000) and admin (8080 to http, 9090 to metrics).
   */
  record Shop(Service web, Service webNext, Service api, Service admin, Port adminMetrics) {
    static Shop declare(Stack stack) {
      Service web = stack.expose(stack.app("web", Port.http(8080)));
      Service webNext = stack.expose(stack.app("web-next", Port.http(8080)));
      Port apiHttp = Port.http(9000);
      Service api = stack.service("api", stack.app("api", apiHttp), s -> s.port(80, apiHttp));
      Port adminMetrics = Port.metrics(9090);
      App admin = stack.app("admin", Port.http(8080), adminMetrics);
      return new Shop(web, webNext, api, stack.expose(admin), adminMetrics);
    }

    Backend webB() {
      return Backend.of(web);
    }

    Backend nextB() {
      return Backend.of(webNext);
    }
  }

  record Def(HttpTarget target, BiConsumer<Shop, HttpExposure.Builder> site) implements StackDefinition {
    @Override
    public String name() {
      return "shop";
    }

    @Override
    public void define(Stack stack) {
      Shop shop = Shop.declare(stack);
      stack.httpTarget(target);
      stack.http("site", b -> site.accept(shop, b));
    }
  }

  static Result synth(BiConsumer<Shop, HttpExposure.Builder> site) {
    return synth(ISTIO, site);
  }

  static Result synth(HttpTarget target, BiConsumer<Shop, HttpExposure.Builder> site) {
    return new Result(Synthesizer.synthesize(List.of(new Def(target, site)), List.of(), Map.of()));
  }

  record Result(Synthesis synthesis) {
    List<Resource> resources() {
      return synthesis.outputs().stream().flatMap(o -> o.resources().stream()).toList();
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
      return resources().stream().map(Resource::object).filter(type::isInstance).map(type::cast).toList();
    }

    List<String> names(Class<? extends HasMetadata> type) {
      return all(type).stream().map(o -> o.getMetadata().getName()).toList();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
      return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
          .orElseGet(() -> fail("no " + type.getSimpleName() + " " + name + " in:\n" + dump()));
    }

    Resource resource(Class<? extends HasMetadata> type, String name) {
      return resources().stream().filter(r -> type.isInstance(r.object())
          && r.object().getMetadata().getName().equals(name)).findFirst()
          .orElseGet(() -> fail("no " + type.getSimpleName() + " " + name + " in:\n" + dump()));
    }

    Gateway gateway(String name) {
      return get(Gateway.class, name);
    }

    VirtualService vs(String name) {
      return get(VirtualService.class, name);
    }

    List<Finding> findings() {
      return synthesis.findings();
    }

    List<Finding> findings(String rule) {
      return findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    void assertNoErrors() {
      assertTrue(findings().stream().noneMatch(Finding::isError), () -> "expected no errors:\n" + dump());
    }

    Finding finding(String rule, String object, String path) {
      List<Finding> matching = findings().stream()
          .filter(f -> f.rule().equals(rule) && f.object().equals(object) && f.path().equals(path)).toList();
      assertEquals(1, matching.size(), () -> "one [" + rule + "] at " + object + " " + path + ":\n" + dump());
      return matching.get(0);
    }

    String dump() {
      return resources().stream().map(Resource::object).filter(o -> !(o instanceof io.fabric8.kubernetes.api.model.Service))
          .map(o -> "---\n" + YamlRenderer.render(o)).collect(Collectors.joining())
          + "findings:" + (findings().isEmpty() ? " none" : findings().stream().map(f -> "\n  " + f.format())
          .collect(Collectors.joining()));
    }
  }

  /** {@code name port PROTOCOL [hosts] tls} of each server. */
  static List<String> servers(Gateway gateway) {
    List<String> servers = new ArrayList<>();
    for (Server server : gateway.getSpec().getServers()) {
      String tls = "";
      if (server.getTls() != null) {
        tls = Boolean.TRUE.equals(server.getTls().getHttpsRedirect()) ? " httpsRedirect"
            : " " + server.getTls().getMode() + ":" + server.getTls().getCredentialName();
      }
      servers.add(server.getPort().getName() + " " + server.getPort().getNumber() + " " + server.getPort().getProtocol()
          + " " + server.getHosts() + tls);
    }
    return servers;
  }

  /** {@code prefix|exact value [headers] -> host:port@weight,...} of each rule; {@code *} for no match. */
  static List<String> describe(VirtualService vs) {
    List<String> rules = new ArrayList<>();
    for (HTTPRoute rule : vs.getSpec().getHttp()) {
      String match = "*";
      if (rule.getMatch() != null && !rule.getMatch().isEmpty()) {
        assertEquals(1, rule.getMatch().size());
        HTTPMatchRequest request = rule.getMatch().get(0);
        Object uri = request.getUri().getMatchType();
        match = uri instanceof StringMatchPrefix prefix ? "prefix " + prefix.getPrefix()
            : "exact " + ((StringMatchExact) uri).getExact();
        if (request.getHeaders() != null && !request.getHeaders().isEmpty()) {
          match += request.getHeaders().entrySet().stream()
              .map(e -> e.getKey() + "=" + ((StringMatchExact) e.getValue().getMatchType()).getExact())
              .collect(Collectors.joining(",", " [", "]"));
        }
      }
      rules.add(match + " -> " + rule.getRoute().stream().map(d -> d.getDestination().getHost() + ":"
          + d.getDestination().getPort().getNumber() + (d.getDestination().getSubset() == null ? "" : "/"
          + d.getDestination().getSubset()) + (d.getWeight() == null ? "" : "@" + d.getWeight()))
          .collect(Collectors.joining(",")));
    }
    return rules;
  }

  static void assertAt(Finding finding, int line) {
    assertEquals(new SourceLocation(FILE, line), finding.location(), finding::format);
  }

  // ============================================================================ servers and hosts

  @Nested
  class ServersAndHosts {
    @Test
    void plainHostsShareThePlainServerAndGetAVirtualServiceEach() {
      Result r = synth((s, site) -> site
          .host("shop.example.com", h -> h
              .path("/", s.web())
              .path(PathMatch.exact("/healthz"), s.webB())
              .path("/api", s.api())
              .path("/metrics", s.admin(), s.adminMetrics()))
          .host("*.example.com", h -> h.path("/", Backend.of(s.admin(), s.admin().ports().get(0)))));
      r.assertNoErrors();
      assertEquals(List.of("site"), r.names(Gateway.class));
      Gateway gateway = r.gateway("site");
      assertEquals("shop", gateway.getMetadata().getNamespace());
      assertEquals(Map.of("istio", "ingressgateway"), gateway.getSpec().getSelector());
      assertEquals(List.of("http 80 HTTP [shop.example.com, *.example.com]"), servers(gateway));
      assertEquals(List.of("site-shop-example-com", "site-wildcard-example-com"), r.names(VirtualService.class));
      VirtualService shop = r.vs("site-shop-example-com");
      assertEquals("shop", shop.getMetadata().getNamespace());
      assertEquals(List.of("shop.example.com"), shop.getSpec().getHosts());
      assertEquals(List.of("site"), shop.getSpec().getGateways());
      assertEquals(List.of("prefix / -> web:8080", "exact /healthz -> web:8080", "prefix /api -> api:80",
          "prefix /metrics -> admin:9090"), describe(shop), "by Service port number, even for a one-port Service");
      VirtualService wildcard = r.vs("site-wildcard-example-com");
      assertEquals(List.of("*.example.com"), wildcard.getSpec().getHosts());
      assertEquals(List.of("prefix / -> admin:8080"), describe(wildcard));
      for (int i = 0; i < 4; i++) {
        assertAbsent(shop, "spec.http[" + i + "].timeout");
        assertAbsent(shop, "spec.http[" + i + "].rewrite");
        assertAbsent(shop, "spec.http[" + i + "].corsPolicy");
      }
      assertTrue(r.all(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class).isEmpty());
      assertTrue(r.all(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class).isEmpty());
    }

    @Test
    void theGatewaySelectsTheIngressGatewayPodsItIsGiven() {
      Result r = synth(HttpTarget.istioGateway(Map.of("istio", "internal-gateway")),
          (s, site) -> site.host("shop.example.com", h -> h.path("/", s.web())));
      r.assertNoErrors();
      assertEquals(Map.of("istio", "internal-gateway"), r.gateway("site").getSpec().getSelector());
    }

    @Test
    void tlsHostsAreRedirectedAndServedOnAnHttpsServerEachWithTheirSecret() {
      int[] lines = new int[2];
      Result r = synth((s, site) -> {
        lines[0] = here(); site.host("shop.example.com", h -> h.tls(Tls.secret("shop-tls")).path("/", s.web()));
        site.host("docs.example.com", h -> h.path("/", s.web()));
        lines[1] = here(); site.host("*.example.com", h -> h.tls(Tls.secret("wildcard-tls")).path("/", s.web()));
      });
      r.assertNoErrors();
      Gateway gateway = r.gateway("site");
      assertEquals(List.of(
          "http 80 HTTP [docs.example.com]",
          "http-redirect 80 HTTP [shop.example.com, *.example.com] httpsRedirect",
          "https-shop-example-com 443 HTTPS [shop.example.com] SIMPLE:shop-tls",
          "https-wildcard-example-com 443 HTTPS [*.example.com] SIMPLE:wildcard-tls"), servers(gateway));
      Resource resource = r.resource(Gateway.class, "site");
      assertEquals(new SourceLocation(FILE, lines[0]), resource.locator().locate("spec.servers[2].tls.credentialName"));
      assertEquals(new SourceLocation(FILE, lines[1]), resource.locator().locate("spec.servers[3]"));
      assertEquals(List.of("site"), r.vs("site-shop-example-com").getSpec().getGateways(),
          "one VirtualService serves a host on every server of the Gateway");
    }

    @Test
    void withoutTheRedirectATlsHostIsAlsoServedInTheClear() {
      Result r = synth((s, site) -> site.sslRedirect(false)
          .host("shop.example.com", h -> h.tls(Tls.secret("shop-tls")).path("/", s.web())));
      r.assertNoErrors();
      assertEquals(List.of("http 80 HTTP [shop.example.com]",
          "https-shop-example-com 443 HTTPS [shop.example.com] SIMPLE:shop-tls"), servers(r.gateway("site")));
    }

    @Test
    void forcedRedirectsRedirectEveryHost() {
      Result r = synth((s, site) -> site.forceSslRedirect().sslRedirect(false)
          .host("shop.example.com", h -> h.tls(Tls.secret("shop-tls")).path("/", s.web()))
          .host("docs.example.com", h -> h.tls(Tls.secret("docs-tls")).path("/", s.web())));
      r.assertNoErrors();
      assertEquals(List.of("http-redirect 80 HTTP [shop.example.com, docs.example.com] httpsRedirect",
          "https-shop-example-com 443 HTTPS [shop.example.com] SIMPLE:shop-tls",
          "https-docs-example-com 443 HTTPS [docs.example.com] SIMPLE:docs-tls"), servers(r.gateway("site")));
    }

    @Test
    void theDefaultBackendIsAnyHostOnAGatewayOfItsOwn() {
      int[] line = new int[1];
      Result r = synth((s, site) -> {
        site.host("shop.example.com", h -> h.tls(Tls.secret("shop-tls")).path("/api", s.api()));
        site.host("docs.example.com", h -> h.path("/", s.web()));
        line[0] = here(); site.defaultBackend(s.webNext());
      });
      r.assertNoErrors();
      assertEquals(List.of("site", "site-default"), r.names(Gateway.class));
      assertEquals(List.of("http 80 HTTP [docs.example.com]",
          "http-redirect 80 HTTP [shop.example.com] httpsRedirect",
          "https-shop-example-com 443 HTTPS [shop.example.com] SIMPLE:shop-tls"), servers(r.gateway("site")),
          "no \"*\" server beside the HTTPS servers: a \"*\" VirtualService would merge into their hosts");
      Gateway own = r.gateway("site-default");
      assertEquals(List.of("http 80 HTTP [*]"), servers(own));
      assertEquals(Map.of("istio", "ingressgateway"), own.getSpec().getSelector());
      VirtualService fallback = r.vs("site-default");
      assertEquals(List.of("*"), fallback.getSpec().getHosts());
      assertEquals(List.of("site-default"), fallback.getSpec().getGateways());
      assertEquals(List.of("* -> web-next:8080"), describe(fallback));
      assertEquals(new SourceLocation(FILE, line[0]),
          r.resource(VirtualService.class, "site-default").locator().locate("spec.http[0]"));
      assertEquals(new SourceLocation(FILE, line[0]),
          r.resource(Gateway.class, "site-default").locator().locate("spec.servers[0]"));
      assertTrue(r.findings("mesh.reference-not-found").isEmpty(), "both gateways exist\n" + r.dump());
    }

    @Test
    void labelsGoOnEveryObjectAndAnnotationsOnTheVirtualServices() {
      int[] line = new int[1];
      Result r = synth((s, site) -> {
        site.label("team", "shop").annotation("example.com/owner", "shop");
        line[0] = here(); site.annotation("nginx.ingress.kubernetes.io/proxy-read-timeout", "120");
        site.host("shop.example.com", h -> h.path("/", s.web())).defaultBackend(s.web());
      });
      for (HasMetadata object : List.<HasMetadata>of(r.gateway("site"), r.gateway("site-default"),
          r.vs("site-shop-example-com"), r.vs("site-default"))) {
        assertEquals(Map.of("team", "shop"), object.getMetadata().getLabels(), object.getMetadata().getName());
      }
      assertEquals(Map.of("example.com/owner", "shop", "nginx.ingress.kubernetes.io/proxy-read-timeout", "120"),
          r.vs("site-shop-example-com").getMetadata().getAnnotations());
      assertAbsent(r.gateway("site"), "metadata.annotations");
      Finding nginx = r.finding("http.nginx-annotation", EXPOSURE,
          "metadata.annotations[nginx.ingress.kubernetes.io/proxy-read-timeout]");
      assertEquals(Severity.WARNING, nginx.severity());
      assertAt(nginx, line[0]);
      assertTrue(nginx.message().contains("istio-gateway"), nginx::format);
      assertEquals(1, r.findings("http.nginx-annotation").size(), "not for example.com/owner\n" + r.dump());
    }
  }

  // ============================================================================ rules

  @Nested
  class Rules {
    @Test
    void splitsAreWeightedDestinationsAndAHeaderSelectsTheCanaryInARuleBefore() {
      int[] line = new int[1];
      Result r = synth((s, site) -> site.host("shop.example.com", h -> {
        h.path("/", Split.canary(s.webB(), s.nextB(), 10));
        h.path("/three", Split.of(s.webB(), 1).and(s.nextB(), 2).and(Backend.of(s.api()), 3));
        line[0] = here(); Split beta = Split.canary(s.webB(), s.nextB(), 20).byHeader("x-canary", "always");
        h.path("/beta", beta);
        h.path(PathMatch.prefix("/").withHeader("x-beta", "on"), s.nextB());
      }));
      r.assertNoErrors();
      VirtualService vs = r.vs("site-shop-example-com");
      assertEquals(List.of(
          "prefix / -> web:8080@90,web-next:8080@10",
          "prefix /three -> web:8080@1,web-next:8080@2,api:80@3",
          "prefix /beta [x-canary=always] -> web-next:8080",
          "prefix /beta -> web:8080@80,web-next:8080@20",
          "prefix / [x-beta=on] -> web-next:8080"), describe(vs));
      assertEquals(new SourceLocation(FILE, line[0]),
          r.resource(VirtualService.class, "site-shop-example-com").locator().locate("spec.http[2].match"),
          "the header rule points at the split");
    }

    @Test
    void timeoutsAreDurations() {
      Result r = synth((s, site) -> site.host("shop.example.com", h -> h
          .path(PathMatch.prefix("/"), s.webB(), o -> o.timeout(Duration.ofSeconds(5)))
          .path(PathMatch.exact("/fast"), s.webB(), o -> o.timeout(Duration.ofMillis(500)))
          .path("/none", s.web())));
      r.assertNoErrors();
      VirtualService vs = r.vs("site-shop-example-com");
      assertText("5s", vs, "spec.http[0].timeout");
      assertText("0.5s", vs, "spec.http[1].timeout");
      assertAbsent(vs, "spec.http[2].timeout");
    }

    @Test
    void theRewriteAppliesToEveryRuleOfTheExposure() {
      Result r = synth((s, site) -> site.rewritePrefix("/")
          .host("shop.example.com", h -> h.path("/api", s.api()).path(PathMatch.exact("/login"), s.webB()))
          .defaultBackend(s.web()));
      r.assertNoErrors();
      VirtualService vs = r.vs("site-shop-example-com");
      assertText("/", vs, "spec.http[0].rewrite.uri");
      assertText("/", vs, "spec.http[1].rewrite.uri");
      assertAbsent(r.vs("site-default"), "spec.http[0].rewrite");
    }

    @Test
    void corsBecomesTheCorsPolicyOfEveryRule() {
      Result r = synth((s, site) -> site
          .cors(Cors.allowOrigins("https://shop.example.com", "https://admin.example.com").methods("GET", "POST")
              .headers("x-requested-with").withCredentials().maxAge(600))
          .host("shop.example.com", h -> h.path("/", s.web()).path("/api", s.api())));
      r.assertNoErrors();
      VirtualService vs = r.vs("site-shop-example-com");
      for (int i = 0; i < 2; i++) {
        String cors = "spec.http[" + i + "].corsPolicy";
        assertText("https://shop.example.com", vs, cors + ".allowOrigins[0].exact");
        assertText("https://admin.example.com", vs, cors + ".allowOrigins[1].exact");
        assertEquals(List.of("GET", "POST"), texts(vs, cors + ".allowMethods"));
        assertEquals(List.of("x-requested-with"), texts(vs, cors + ".allowHeaders"));
        assertText("true", vs, cors + ".allowCredentials");
        assertText("600s", vs, cors + ".maxAge");
        assertAbsent(vs, cors + ".allowOrigin");
      }
    }

    @Test
    void corsLeavesOutWhatWasNotGiven() {
      Result r = synth((s, site) -> site.cors(Cors.allowOrigins("*"))
          .host("shop.example.com", h -> h.path("/", s.web())));
      r.assertNoErrors();
      VirtualService vs = r.vs("site-shop-example-com");
      assertText("*", vs, "spec.http[0].corsPolicy.allowOrigins[0].exact");
      assertAbsent(vs, "spec.http[0].corsPolicy.allowMethods");
      assertAbsent(vs, "spec.http[0].corsPolicy.allowHeaders");
      assertAbsent(vs, "spec.http[0].corsPolicy.allowCredentials");
      assertAbsent(vs, "spec.http[0].corsPolicy.maxAge");
    }
  }

  // ============================================================================ what this target cannot express

  @Nested
  class Unsupported {
    private void assertUnsupported(Finding finding, int line, String feature) {
      assertEquals(Severity.ERROR, finding.severity(), finding::format);
      assertAt(finding, line);
      assertTrue(finding.message().contains("istio-gateway") && finding.message().contains(feature),
          finding::format);
    }

    @Test
    void exposureOptionsIstioHasNoFieldFor() {
      int[] lines = new int[3];
      Result r = synth((s, site) -> {
        lines[0] = here(); site.backendProtocol(BackendProtocol.GRPC);
        lines[1] = here(); site.proxyBodySize("8m");
        lines[2] = here(); site.allowSourceRanges("10.0.0.0/8");
        site.host("shop.example.com", h -> h.path("/", s.web()));
      });
      List<Finding> unsupported = r.findings("http.unsupported");
      assertEquals(3, unsupported.size(), r::dump);
      assertTrue(unsupported.stream().allMatch(f -> f.object().equals(EXPOSURE) && f.path().isEmpty()), r::dump);
      assertUnsupported(find(unsupported, "backendProtocol"), lines[0], "backendProtocol(GRPC)");
      assertUnsupported(find(unsupported, "proxyBodySize"), lines[1], "proxyBodySize(\"8m\")");
      assertUnsupported(find(unsupported, "allowSourceRanges"), lines[2], "10.0.0.0/8");
    }

    private Finding find(List<Finding> findings, String text) {
      return findings.stream().filter(f -> f.message().contains(text)).findFirst()
          .orElseGet(() -> fail("no finding mentions " + text + ": " + findings));
    }

    @Test
    void aCertManagerCertificateCannotServeAnIstioGateway() {
      int[] line = new int[1];
      Result r = synth((s, site) -> {
        line[0] = here(); site.host("shop.example.com", h -> h.tls(Tls.certManager(Tls.Issuer.cluster("le")))
            .path("/", s.web()));
      });
      Finding f = r.finding("http.unsupported", EXPOSURE, "");
      assertUnsupported(f, line[0], "cert-manager");
      assertTrue(f.message().contains("\"shop.example.com\"") && f.message().contains("Tls.secret"), f::format);
    }

    @Test
    void pathsAndOptionsOfAPath() {
      int[] lines = new int[2];
      Result r = synth((s, site) -> site.host("shop.example.com", h -> {
        h.path("/", s.web());
        lines[0] = here(); h.path(PathMatch.implementationSpecific("/static"), s.webB());
        lines[1] = here(); h.path(PathMatch.exact("/slow"), s.webB(), o -> o.backendTimeout(Duration.ofSeconds(5)));
      }));
      String object = "VirtualService/shop/site-shop-example-com";
      assertUnsupported(r.finding("http.unsupported", object, "spec.http[1].match[0].uri"), lines[0],
          "ImplementationSpecific");
      assertUnsupported(r.finding("http.unsupported", object, "spec.http[2].timeout"), lines[1], "per-try");
      assertEquals(2, r.findings("http.unsupported").size(), r::dump);
    }

    @Test
    void aForcedRedirectNeedsTlsOnEveryHost() {
      int[] line = new int[1];
      Result r = synth((s, site) -> {
        line[0] = here(); site.forceSslRedirect();
        site.host("shop.example.com", h -> h.tls(Tls.secret("shop-tls")).path("/", s.web()));
        site.host("docs.example.com", h -> h.path("/", s.web()));
      });
      Finding f = r.finding("http.unsupported", EXPOSURE, "spec.servers");
      assertUnsupported(f, line[0], "forceSslRedirect");
      assertTrue(f.message().contains("\"docs.example.com\""), f::format);
    }

    @Test
    void whatTheOtherTargetsRejectButIstioExpressesIsFine() {
      // header matches, timeouts and 3-way splits: an Ingress cannot, Istio can
      Result r = synth((s, site) -> site.host("shop.example.com", h -> h
          .path(PathMatch.prefix("/").withHeader("x-beta", "on"), s.nextB(), o -> o.timeout(Duration.ofSeconds(3)))
          .path("/three", Split.of(s.webB(), 1).and(s.nextB(), 1).and(Backend.of(s.api()), 1))));
      r.assertNoErrors();
      assertTrue(r.findings("http.unsupported").isEmpty(), r::dump);
    }
  }
}
