package dev.portico.synth.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import dev.portico.dsl.ServicePort;
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
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPCORSFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathModifier;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every feature of {@link HttpExposure}, synthesized through {@link Synthesizer#synthesize} from
 * small stacks defined here, as rendered to the Ingress target and to both Gateway API targets
 * (a Gateway of the stack's own; a shared Gateway, with its default and with custom listeners).
 * What a target cannot express must be an {@code http.unsupported} error naming the feature and the
 * target, at the user's line; misuse of {@link Backend#of} a {@code stack.define} finding.
 */
class HttpEmittersTest {
  static final String NGINX = "nginx.ingress.kubernetes.io/";
  static final String FILE = "HttpEmittersTest.java";
  static final HttpTarget INGRESS = HttpTarget.ingress("nginx");
  static final HttpTarget OWN = HttpTarget.gateway("eg");
  static final HttpTarget.SharedGateway SHARED = HttpTarget.sharedGateway("infra", "public");
  static final HttpTarget.SharedGateway SHARED_CUSTOM = SHARED.listeners("web", "websecure");
  static final Tls.Issuer LETS_ENCRYPT = Tls.Issuer.cluster("letsencrypt-prod");

  // ============================================================================ fixtures

  /** The line this is called from, to compare with where a finding points. */
  static int here() {
    return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst().orElseThrow()).getLineNumber();
  }

  /**
   * The Services every test stack declares, in namespace {@code shop}: web and web-next (one port
   * 8080 each), api (port 80 to the app's http=9000) and admin (two ports: 8080 to http, 9090 to metrics).
   */
  record Shop(Service web, Service webNext, Service api, Service admin, Port adminHttp, Port adminMetrics) {
    static Shop declare(Stack stack) {
      Service web = stack.expose(stack.app("web", Port.http(8080)));
      Service webNext = stack.expose(stack.app("web-next", Port.http(8080)));
      Port apiHttp = Port.http(9000);
      Service api = stack.service("api", stack.app("api", apiHttp), s -> s.port(80, apiHttp));
      Port adminHttp = Port.http(8080);
      Port adminMetrics = Port.metrics(9090);
      App admin = stack.app("admin", adminHttp, adminMetrics);
      return new Shop(web, webNext, api, stack.expose(admin), adminHttp, adminMetrics);
    }

    Backend webB() {
      return Backend.of(web);
    }

    Backend nextB() {
      return Backend.of(webNext);
    }

    Backend apiB() {
      return Backend.of(api);
    }
  }

  /** Stack {@code shop}: {@link Shop}'s Services, the target (when not null), then {@code body}. */
  record Def(HttpTarget target, BiConsumer<Shop, Stack> body) implements StackDefinition {
    @Override
    public String name() {
      return "shop";
    }

    @Override
    public void define(Stack stack) {
      Shop shop = Shop.declare(stack);
      if (target != null) {
        stack.httpTarget(target);
      }
      body.accept(shop, stack);
    }
  }

  /** One exposure named {@code site}, declared by {@code site}, rendered to {@code target}. */
  static Result synth(HttpTarget target, BiConsumer<Shop, HttpExposure.Builder> site) {
    return synthStack(new Def(target, (shop, stack) -> stack.http("site", b -> site.accept(shop, b))));
  }

  static Result synthStack(StackDefinition... definitions) {
    return new Result(Synthesizer.synthesize(List.of(definitions), List.of(), Map.of()));
  }

  /** A synthesis, with lookups by kind and name and a dump for failure messages. */
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

    Ingress ingress(String name) {
      return get(Ingress.class, name);
    }

    HTTPRoute route(String name) {
      return get(HTTPRoute.class, name);
    }

    Gateway gateway(String name) {
      return get(Gateway.class, name);
    }

    List<Finding> findings() {
      return synthesis.findings();
    }

    List<Finding> errors() {
      return findings().stream().filter(Finding::isError).toList();
    }

    List<Finding> findings(String rule) {
      return findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    void assertNoErrors() {
      assertTrue(errors().isEmpty(), () -> "expected no errors:\n" + dump());
    }

    /** The one finding of {@code rule} at {@code path} of {@code object}. */
    Finding finding(String rule, String object, String path) {
      List<Finding> matching = findings().stream()
          .filter(f -> f.rule().equals(rule) && f.object().equals(object) && f.path().equals(path)).toList();
      assertEquals(1, matching.size(), () -> "one [" + rule + "] at " + object + " " + path + ":\n" + dump());
      return matching.get(0);
    }

    String dump() {
      return resources().stream().map(r -> "---\n" + YamlRenderer.render(r.object())).collect(Collectors.joining())
          + "findings:" + (findings().isEmpty() ? " none" : findings().stream().map(f -> "\n  " + f.format())
          .collect(Collectors.joining()));
    }
  }

  /** fabric8 leaves a list null where the emitter passed null for "none". */
  static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : values;
  }

  static String service(IngressBackend backend) {
    return backend.getService().getName() + ":" + backend.getService().getPort().getNumber();
  }

  static List<HTTPIngressPath> paths(Ingress ingress, int rule) {
    return ingress.getSpec().getRules().get(rule).getHttp().getPaths();
  }

  /** {@code pathType path -> service:port} of each path of a rule. */
  static List<String> describe(Ingress ingress, int rule) {
    return paths(ingress, rule).stream()
        .map(p -> p.getPathType() + " " + p.getPath() + " -> " + service(p.getBackend())).toList();
  }

  static String refs(HTTPRouteRule rule) {
    return rule.getBackendRefs().stream()
        .map(b -> b.getName() + ":" + b.getPort() + (b.getWeight() == null ? "" : "@" + b.getWeight()))
        .collect(Collectors.joining(","));
  }

  /** {@code Type value [headers] -> refs} of each rule. */
  static List<String> describe(HTTPRoute route) {
    List<String> rules = new ArrayList<>();
    for (HTTPRouteRule rule : route.getSpec().getRules()) {
      String match = rule.getMatches().stream().map(HttpEmittersTest::describe).collect(Collectors.joining("|"));
      rules.add((match.isEmpty() ? "*" : match) + " -> " + refs(rule));
    }
    return rules;
  }

  static String describe(HTTPRouteMatch match) {
    String headers = match.getHeaders().stream().map(h -> h.getName() + "=" + h.getValue())
        .collect(Collectors.joining(",", "[", "]"));
    return match.getPath().getType() + " " + match.getPath().getValue() + (match.getHeaders().isEmpty() ? "" : " " + headers);
  }

  /** {@code name[/namespace]#section} of each parentRef. */
  static List<String> parents(HTTPRoute route) {
    return route.getSpec().getParentRefs().stream()
        .map(p -> p.getName() + (p.getNamespace() == null ? "" : "/" + p.getNamespace()) + "#" + p.getSectionName())
        .toList();
  }

  static Map<String, String> annotations(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }

  static void assertAt(Finding finding, int line) {
    assertEquals(new SourceLocation(FILE, line), finding.location(), finding::format);
  }

  // ============================================================================ hosts and paths

  @Nested
  class HostsAndPaths {
    private final BiConsumer<Shop, HttpExposure.Builder> site = (s, site) -> site
        .host("shop.example.com", h -> h
            .path("/", s.web())
            .path(PathMatch.exact("/healthz"), s.webB())
            .path("/api", s.api())
            .path("/metrics", s.admin(), s.adminMetrics()))
        .host("*.example.com", h -> h
            .path("/", Backend.of(s.admin(), s.admin().ports().get(0))));

    @Test
    void ingressHasOneRulePerHostInOrderWithTypedPaths() {
      Result r = synth(INGRESS, site);
      r.assertNoErrors();
      assertEquals(List.of("site"), r.names(Ingress.class), r::dump);
      Ingress ingress = r.ingress("site");
      assertEquals("shop", ingress.getMetadata().getNamespace());
      assertEquals("nginx", ingress.getSpec().getIngressClassName());
      assertEquals(List.of("shop.example.com", "*.example.com"),
          ingress.getSpec().getRules().stream().map(IngressRule::getHost).toList());
      assertEquals(List.of("Prefix / -> web:8080", "Exact /healthz -> web:8080", "Prefix /api -> api:80",
          "Prefix /metrics -> admin:9090"), describe(ingress, 0), r::dump);
      assertEquals(List.of("Prefix / -> admin:8080"), describe(ingress, 1), r::dump);
      assertTrue(list(ingress.getSpec().getTls()).isEmpty(), r::dump);
      assertNull(ingress.getSpec().getDefaultBackend());
      assertEquals(Map.of(), annotations(ingress));
    }

    @Test
    void implementationSpecificPathsAreRenderedAsIsToAnIngress() {
      Result r = synth(INGRESS, (s, site) -> site.host("shop.example.com", h -> h
          .path(PathMatch.implementationSpecific("/static"), s.webB())));
      r.assertNoErrors();
      assertEquals(List.of("ImplementationSpecific /static -> web:8080"), describe(r.ingress("site"), 0));
    }

    @Test
    void theDefaultIngressClassLeavesTheClassNameOut() {
      Result r = synth(HttpTarget.ingress(), site);
      assertNull(r.ingress("site").getSpec().getIngressClassName(), r::dump);
      Result byDefault = synth(null, site);
      assertEquals(List.of("site"), byDefault.names(Ingress.class), "Ingress is the default target");
      assertNull(byDefault.ingress("site").getSpec().getIngressClassName());
    }

    @Test
    void ownGatewayHasAPlainListenerAndOneRoutePerHost() {
      Result r = synth(OWN, site);
      r.assertNoErrors();
      Gateway gateway = r.gateway("site");
      assertEquals("eg", gateway.getSpec().getGatewayClassName());
      assertEquals(1, gateway.getSpec().getListeners().size(), r::dump);
      Listener http = gateway.getSpec().getListeners().get(0);
      assertEquals(List.of("http", "HTTP", 80), List.of(http.getName(), http.getProtocol(), http.getPort()));
      assertNull(http.getHostname());
      assertEquals(List.of("site-shop-example-com", "site-wildcard-example-com"), r.names(HTTPRoute.class), r::dump);
      HTTPRoute shop = r.route("site-shop-example-com");
      assertEquals(List.of("shop.example.com"), shop.getSpec().getHostnames());
      assertEquals(List.of("site#http"), parents(shop));
      assertEquals(List.of("PathPrefix / -> web:8080", "Exact /healthz -> web:8080", "PathPrefix /api -> api:80",
          "PathPrefix /metrics -> admin:9090"), describe(shop), r::dump);
      HTTPRoute wildcard = r.route("site-wildcard-example-com");
      assertEquals(List.of("*.example.com"), wildcard.getSpec().getHostnames());
      assertEquals(List.of("PathPrefix / -> admin:8080"), describe(wildcard));
      assertTrue(shop.getSpec().getRules().stream().allMatch(rule -> list(rule.getFilters()).isEmpty()
          && rule.getTimeouts() == null), r::dump);
    }

    @Test
    void sharedGatewayGetsRoutesOnlyAttachedToItsHttpListener() {
      Result r = synth(SHARED, site);
      r.assertNoErrors();
      assertEquals(List.of(), r.names(Gateway.class));
      assertEquals(List.of("site-shop-example-com", "site-wildcard-example-com"), r.names(HTTPRoute.class));
      assertEquals(List.of("public/infra#http"), parents(r.route("site-shop-example-com")), r::dump);
      assertEquals(List.of("PathPrefix / -> web:8080", "Exact /healthz -> web:8080", "PathPrefix /api -> api:80",
          "PathPrefix /metrics -> admin:9090"), describe(r.route("site-shop-example-com")));
    }

    @Test
    void sharedGatewayWithCustomListenersAndInTheStacksNamespace() {
      Result custom = synth(SHARED_CUSTOM, site);
      assertEquals(List.of("public/infra#web"), parents(custom.route("site-wildcard-example-com")), custom::dump);
      Result local = synth(HttpTarget.sharedGateway("shop", "public"), site);
      assertEquals(List.of("public#http"), parents(local.route("site-shop-example-com")),
          "no namespace on a parentRef to the route's own namespace");
    }

    @Test
    void labelsGoOnEveryObject() {
      BiConsumer<Shop, HttpExposure.Builder> labelled = (s, site) -> site.label("team", "shop")
          .host("shop.example.com", h -> h.tls(Tls.secret("shop-tls")).path("/", s.web()))
          .defaultBackend(s.api());
      for (HttpTarget target : List.of(INGRESS, OWN, SHARED)) {
        Result r = synth(target, labelled);
        List<HasMetadata> objects = r.resources().stream().map(Resource::object)
            .filter(o -> !(o instanceof io.fabric8.kubernetes.api.model.Service)).toList();
        assertFalse(objects.isEmpty());
        for (HasMetadata object : objects) {
          assertEquals(Map.of("team", "shop"), object.getMetadata().getLabels(), () -> target + "\n" + r.dump());
        }
      }
    }
  }

  // ============================================================================ TLS

  @Nested
  class TlsHosts {
    private final BiConsumer<Shop, HttpExposure.Builder> site = (s, site) -> site
        .host("shop.example.com", h -> h.tls(Tls.certManager(LETS_ENCRYPT)).path("/", s.web()))
        .host("*.example.com", h -> h.tls(Tls.certManager(LETS_ENCRYPT)).path("/", s.api()))
        .host("plain.example.com", h -> h.path("/", s.webNext()))
        .host("own.example.com", h -> h.tls(Tls.secret("own-cert")).path("/", s.web()));

    @Test
    void secretNamesAreDeterministic() {
      assertEquals("shop-example-com-tls", Tls.certManager(LETS_ENCRYPT).secretName("shop.example.com"));
      assertEquals("wildcard-example-com-tls", Tls.certManager(LETS_ENCRYPT).secretName("*.example.com"));
      assertEquals("wildcard-example-com-tls", Tls.certManager(LETS_ENCRYPT).secretName("*.Example.COM"));
      assertEquals("mine", Tls.secret("mine").secretName("shop.example.com"));
    }

    @Test
    void ingressHasOneTlsEntryPerTlsHostAndCertManagersAnnotation() {
      Result r = synth(INGRESS, site);
      r.assertNoErrors();
      Ingress ingress = r.ingress("site");
      List<IngressTLS> tls = ingress.getSpec().getTls();
      assertEquals(List.of(List.of("shop.example.com"), List.of("*.example.com"), List.of("own.example.com")),
          tls.stream().map(IngressTLS::getHosts).toList(), r::dump);
      assertEquals(List.of("shop-example-com-tls", "wildcard-example-com-tls", "own-cert"),
          tls.stream().map(IngressTLS::getSecretName).toList());
      assertEquals(Map.of("cert-manager.io/cluster-issuer", "letsencrypt-prod"), annotations(ingress), r::dump);
    }

    @Test
    void aNamespacedIssuerHasItsOwnAnnotation() {
      Result r = synth(INGRESS, (s, site) -> site.host("shop.example.com", h -> h
          .tls(Tls.certManager(Tls.Issuer.namespaced("ca"))).path("/", s.web())));
      assertEquals(Map.of("cert-manager.io/issuer", "ca"), annotations(r.ingress("site")), r::dump);
      Result own = synth(OWN, (s, site) -> site.host("shop.example.com", h -> h
          .tls(Tls.certManager(Tls.Issuer.namespaced("ca"))).path("/", s.web())));
      assertEquals(Map.of("cert-manager.io/issuer", "ca"), annotations(own.gateway("site")), own::dump);
    }

    @Test
    void aSecretAloneNeedsNoCertManager() {
      Result r = synth(INGRESS, (s, site) -> site.host("shop.example.com", h -> h
          .tls(Tls.secret("shop-tls")).path("/", s.web())));
      r.assertNoErrors();
      assertEquals(Map.of(), annotations(r.ingress("site")));
      Result own = synth(OWN, (s, site) -> site.host("shop.example.com", h -> h
          .tls(Tls.secret("shop-tls")).path("/", s.web())));
      assertEquals(Map.of(), annotations(own.gateway("site")));
    }

    @Test
    void ownGatewayHasAnHttpsListenerPerTlsHostAndRedirectsPlainHttp() {
      Result r = synth(OWN, site);
      r.assertNoErrors();
      Gateway gateway = r.gateway("site");
      assertEquals(Map.of("cert-manager.io/cluster-issuer", "letsencrypt-prod"), annotations(gateway));
      List<Listener> listeners = gateway.getSpec().getListeners();
      assertEquals(List.of("http", "https-shop-example-com", "https-wildcard-example-com", "https-own-example-com"),
          listeners.stream().map(Listener::getName).toList(), r::dump);
      for (Listener https : listeners.subList(1, 4)) {
        assertEquals("HTTPS", https.getProtocol());
        assertEquals(443, https.getPort());
        assertEquals("Terminate", https.getTls().getMode());
      }
      assertEquals(List.of("shop.example.com", "*.example.com", "own.example.com"),
          listeners.subList(1, 4).stream().map(Listener::getHostname).toList());
      assertEquals(List.of("shop-example-com-tls", "wildcard-example-com-tls", "own-cert"),
          listeners.subList(1, 4).stream().map(l -> l.getTls().getCertificateRefs().get(0).getName()).toList());

      assertEquals(List.of("site#https-shop-example-com"), parents(r.route("site-shop-example-com")), r::dump);
      assertEquals(List.of("site#https-wildcard-example-com"), parents(r.route("site-wildcard-example-com")));
      assertEquals(List.of("site#http"), parents(r.route("site-plain-example-com")));

      HTTPRoute redirect = r.route("site-https-redirect");
      assertEquals(List.of("shop.example.com", "*.example.com", "own.example.com"), redirect.getSpec().getHostnames());
      assertEquals(List.of("site#http"), parents(redirect));
      assertRedirectOnly(redirect);
    }

    @Test
    void sharedGatewayRoutesTlsHostsToItsHttpsListenerAndWarnsThatTheCertificateIsItsOwn() {
      for (HttpTarget.SharedGateway target : List.of(SHARED, SHARED_CUSTOM)) {
        Result r = synth(target, site);
        r.assertNoErrors();
        assertEquals(List.of(), r.names(Gateway.class));
        String https = target.httpsListener();
        String http = target.httpListener();
        assertEquals(List.of("public/infra#" + https), parents(r.route("site-shop-example-com")), r::dump);
        assertEquals(List.of("public/infra#" + https), parents(r.route("site-wildcard-example-com")));
        assertEquals(List.of("public/infra#" + http), parents(r.route("site-plain-example-com")));
        HTTPRoute redirect = r.route("site-https-redirect");
        assertEquals(List.of("public/infra#" + http), parents(redirect));
        assertEquals(List.of("shop.example.com", "*.example.com", "own.example.com"), redirect.getSpec().getHostnames());
        assertRedirectOnly(redirect);

        assertEquals(3, r.findings("http.tls-on-shared-gateway").size(), r::dump);
        Finding wildcard = r.finding("http.tls-on-shared-gateway", "HTTPRoute/shop/site-wildcard-example-com",
            "spec.hostnames[0]");
        assertEquals(Severity.WARNING, wildcard.severity());
        assertTrue(wildcard.message().contains("\"*.example.com\"") && wildcard.message().contains("\"" + https + "\"")
            && wildcard.message().contains("infra/public") && wildcard.message().contains("\"wildcard-example-com-tls\""),
            wildcard::format);
        assertEquals(FILE, wildcard.location().file());
      }
    }

    @Test
    void sslRedirectFalseKeepsPlainHttpForTlsHosts() {
      BiConsumer<Shop, HttpExposure.Builder> noRedirect = (s, site) -> site.sslRedirect(false)
          .host("shop.example.com", h -> h.tls(Tls.secret("shop-tls")).path("/", s.web()));
      Result ingress = synth(INGRESS, noRedirect);
      ingress.assertNoErrors();
      assertEquals(Map.of(NGINX + "ssl-redirect", "false"), annotations(ingress.ingress("site")));
      assertEquals(1, ingress.ingress("site").getSpec().getTls().size());

      Result own = synth(OWN, noRedirect);
      own.assertNoErrors();
      assertEquals(List.of("site-shop-example-com"), own.names(HTTPRoute.class), own::dump);
      assertEquals(List.of("site#http", "site#https-shop-example-com"), parents(own.route("site-shop-example-com")));

      Result shared = synth(SHARED_CUSTOM, noRedirect);
      assertEquals(List.of("site-shop-example-com"), shared.names(HTTPRoute.class), shared::dump);
      assertEquals(List.of("public/infra#web", "public/infra#websecure"), parents(shared.route("site-shop-example-com")));
    }

    @Test
    void sslRedirectTrueIsTheDefaultSaidExplicitly() {
      Result r = synth(INGRESS, (s, site) -> site.sslRedirect(true)
          .host("shop.example.com", h -> h.tls(Tls.secret("shop-tls")).path("/", s.web())));
      assertEquals(Map.of(NGINX + "ssl-redirect", "true"), annotations(r.ingress("site")));
      Result own = synth(OWN, (s, site) -> site.sslRedirect(true)
          .host("shop.example.com", h -> h.tls(Tls.secret("shop-tls")).path("/", s.web())));
      assertEquals(List.of("site-shop-example-com", "site-https-redirect"), own.names(HTTPRoute.class));
    }

    @Test
    void forceSslRedirect() {
      BiConsumer<Shop, HttpExposure.Builder> forced = (s, site) -> site.forceSslRedirect()
          .host("shop.example.com", h -> h.path("/", s.web()));
      Result ingress = synth(INGRESS, forced);
      ingress.assertNoErrors();
      assertEquals(Map.of(NGINX + "force-ssl-redirect", "true"), annotations(ingress.ingress("site")));

      // a shared Gateway's HTTPS listener serves every host: the host moves there, plain HTTP is redirected
      Result shared = synth(SHARED, forced);
      shared.assertNoErrors();
      assertEquals(List.of("public/infra#https"), parents(shared.route("site-shop-example-com")), shared::dump);
      assertEquals(List.of("shop.example.com"), shared.route("site-https-redirect").getSpec().getHostnames());
      assertRedirectOnly(shared.route("site-https-redirect"));
    }

    @Test
    void differentIssuersInOneObjectAreAnError() {
      int[] line = {0};
      BiConsumer<Shop, HttpExposure.Builder> twoIssuers = (s, site) -> site
          .host("shop.example.com", h -> h.tls(Tls.certManager(LETS_ENCRYPT)).path("/", s.web()))
          .host("api.example.com", h -> {
            line[0] = here(); h.tls(Tls.certManager(Tls.Issuer.namespaced("internal-ca"))).path("/", s.api());
          });
      Result ingress = synth(INGRESS, twoIssuers);
      Finding finding = ingress.finding("http.tls-issuers", "Ingress/shop/site", "metadata.annotations");
      assertEquals(Severity.ERROR, finding.severity());
      // the host is located where its host(...) call starts, the line before the body's first statement
      assertEquals(FILE, finding.location().file());
      assertEquals(line[0] - 1, finding.location().line(), finding::format);
      for (String text : List.of("\"api.example.com\"", "Issuer \"internal-ca\"", "\"shop.example.com\"",
          "ClusterIssuer \"letsencrypt-prod\"")) {
        assertTrue(finding.message().contains(text), () -> text + " in " + finding.format());
      }
      assertEquals(Map.of("cert-manager.io/cluster-issuer", "letsencrypt-prod"), annotations(ingress.ingress("site")),
          "the first issuer is kept");

      Result own = synth(OWN, twoIssuers);
      Finding onGateway = own.finding("http.tls-issuers", "Gateway/shop/site", "metadata.annotations");
      assertEquals(Severity.ERROR, onGateway.severity());
      assertEquals(finding.location(), onGateway.location());
    }
  }

  static void assertRedirectOnly(HTTPRoute redirect) {
    assertEquals(1, redirect.getSpec().getRules().size());
    HTTPRouteRule rule = redirect.getSpec().getRules().get(0);
    assertTrue(list(rule.getBackendRefs()).isEmpty() && list(rule.getMatches()).isEmpty());
    assertEquals(1, rule.getFilters().size());
    HTTPRouteFilter filter = rule.getFilters().get(0);
    assertEquals("RequestRedirect", filter.getType());
    assertEquals("https", filter.getRequestRedirect().getScheme());
    assertEquals(301, filter.getRequestRedirect().getStatusCode());
  }

  // ============================================================================ default backend

  @Nested
  class DefaultBackend {
    private final BiConsumer<Shop, HttpExposure.Builder> site = (s, site) -> site
        .host("shop.example.com", h -> h.tls(Tls.secret("shop-tls")).path("/", s.web()))
        .host("api.example.com", h -> h.tls(Tls.secret("api-tls")).path("/", s.api()))
        .defaultBackend(Backend.of(s.admin(), s.adminHttp()));

    @Test
    void ingressHasASpecDefaultBackend() {
      Result r = synth(INGRESS, site);
      r.assertNoErrors();
      assertEquals("admin:8080", service(r.ingress("site").getSpec().getDefaultBackend()));
    }

    @Test
    void anIngressWithOnlyADefaultBackendHasNoRules() {
      Result r = synth(INGRESS, (s, site) -> site.defaultBackend(s.web()));
      r.assertNoErrors();
      assertTrue(list(r.ingress("site").getSpec().getRules()).isEmpty(), r::dump);
      assertEquals("web:8080", service(r.ingress("site").getSpec().getDefaultBackend()));
    }

    @Test
    void ownGatewayHasACatchAllRouteOnEveryListener() {
      Result r = synth(OWN, site);
      r.assertNoErrors();
      HTTPRoute route = r.route("site-default");
      assertTrue(route.getSpec().getHostnames().isEmpty(), r::dump);
      assertEquals(List.of("site#http", "site#https-shop-example-com", "site#https-api-example-com"), parents(route));
      assertEquals(List.of("* -> admin:8080"), describe(route));
    }

    @Test
    void sharedGatewayHasACatchAllRouteOnBothListeners() {
      Result r = synth(SHARED_CUSTOM, site);
      r.assertNoErrors();
      assertEquals(List.of("public/infra#web", "public/infra#websecure"), parents(r.route("site-default")), r::dump);
      assertEquals(List.of("* -> admin:8080"), describe(r.route("site-default")));
    }
  }

  // ============================================================================ splits

  @Nested
  class Splits {
    @Test
    void aCanaryIsAnNginxCanaryIngressWithWeightAndTotal() {
      Result r = synth(INGRESS, (s, site) -> site.host("shop.example.com", h -> h
          .tls(Tls.secret("shop-tls"))
          .path("/", Split.canary(s.webB(), s.nextB(), 10))
          .path("/api", s.api())));
      r.assertNoErrors();
      assertEquals(List.of("site", "site-canary"), r.names(Ingress.class), r::dump);
      assertEquals(List.of("Prefix / -> web:8080", "Prefix /api -> api:80"), describe(r.ingress("site"), 0));
      Ingress canary = r.ingress("site-canary");
      assertEquals(Map.of(NGINX + "canary", "true", NGINX + "canary-weight", "10", NGINX + "canary-weight-total", "100"),
          annotations(canary));
      assertEquals("nginx", canary.getSpec().getIngressClassName());
      assertEquals("shop.example.com", canary.getSpec().getRules().get(0).getHost());
      assertEquals(List.of("Prefix / -> web-next:8080"), describe(canary, 0));
      assertTrue(list(canary.getSpec().getTls()).isEmpty(), "a canary shares its main Ingress' TLS");
      assertNull(canary.getSpec().getDefaultBackend());
    }

    @Test
    void weightsThatDoNotSumToAHundredSetTheTotal() {
      Result r = synth(INGRESS, (s, site) -> site.host("shop.example.com", h -> h
          .path("/", Split.of(s.webB(), 3).and(s.nextB(), 1))));
      assertEquals(Map.of(NGINX + "canary", "true", NGINX + "canary-weight", "1", NGINX + "canary-weight-total", "4"),
          annotations(r.ingress("site-canary")), r::dump);
    }

    @Test
    void oneCanaryIngressPerDistinctWeightOrHeader() {
      Result r = synth(INGRESS, (s, site) -> {
        Split ten = Split.canary(s.webB(), s.nextB(), 10);
        site.host("shop.example.com", h -> h
                .path("/", ten)
                .path("/api", Split.canary(s.apiB(), Backend.of(s.admin(), s.adminHttp()), 25))
                .path("/beta", ten.byHeader("x-canary", "always")))
            .host("www.example.com", h -> h.path("/", ten));
      });
      r.assertNoErrors();
      assertEquals(List.of("site", "site-canary", "site-canary-2", "site-canary-3"), r.names(Ingress.class), r::dump);
      Ingress first = r.ingress("site-canary");
      assertEquals("10", annotations(first).get(NGINX + "canary-weight"));
      assertEquals(List.of("shop.example.com", "www.example.com"),
          first.getSpec().getRules().stream().map(IngressRule::getHost).toList(), "one rule per host, in order");
      assertEquals(List.of("Prefix / -> web-next:8080"), describe(first, 0));
      assertEquals(List.of("Prefix / -> web-next:8080"), describe(first, 1));
      Ingress second = r.ingress("site-canary-2");
      assertEquals("25", annotations(second).get(NGINX + "canary-weight"));
      assertEquals(List.of("Prefix /api -> admin:8080"), describe(second, 0));
      Ingress byHeader = r.ingress("site-canary-3");
      assertEquals(Map.of(NGINX + "canary", "true", NGINX + "canary-weight", "10", NGINX + "canary-weight-total", "100",
          NGINX + "canary-by-header", "x-canary", NGINX + "canary-by-header-value", "always"), annotations(byHeader));
      assertEquals(List.of("Prefix /beta -> web-next:8080"), describe(byHeader, 0));
    }

    @Test
    void gatewayRoutesCarryTheWeights() {
      for (HttpTarget target : List.of(OWN, SHARED)) {
        Result r = synth(target, (s, site) -> site.host("shop.example.com", h -> h
            .path("/", Split.canary(s.webB(), s.nextB(), 10))
            .path("/three", Split.of(s.webB(), 1).and(s.nextB(), 2).and(s.apiB(), 3))));
        r.assertNoErrors();
        assertEquals(List.of("PathPrefix / -> web:8080@90,web-next:8080@10",
            "PathPrefix /three -> web:8080@1,web-next:8080@2,api:80@3"), describe(r.route("site-shop-example-com")),
            r::dump);
      }
    }

    @Test
    void aHeaderSplitOnAGatewayIsAHeaderRuleToTheCanaryBeforeTheWeightedRule() {
      for (HttpTarget target : List.of(OWN, SHARED_CUSTOM)) {
        Result r = synth(target, (s, site) -> site.host("shop.example.com", h -> h
            .path("/", Split.canary(s.webB(), s.nextB(), 5).byHeader("x-canary", "always"))
            .path("/api", s.api())));
        r.assertNoErrors();
        assertEquals(List.of("PathPrefix / [x-canary=always] -> web-next:8080",
            "PathPrefix / -> web:8080@95,web-next:8080@5", "PathPrefix /api -> api:80"),
            describe(r.route("site-shop-example-com")), r::dump);
      }
    }

    @Test
    void aNegativeWeightIsAnErrorOnEveryTarget() {
      int[] line = {0};
      BiConsumer<Shop, HttpExposure.Builder> negative = (s, site) -> {
        line[0] = here(); Split split = Split.of(s.webB(), -1).and(s.nextB(), 5);
        site.host("shop.example.com", h -> h.path("/", s.api()).path("/web", split));
      };
      Result ingress = synth(INGRESS, negative);
      Finding finding = ingress.finding("http.split-weight", "Ingress/shop/site", "spec.rules[0].http.paths[1].backend");
      assertEquals(Severity.ERROR, finding.severity());
      assertAt(finding, line[0]);
      assertTrue(finding.message().contains("-1") && finding.message().contains("web:8080"), finding::format);

      Result own = synth(OWN, negative);
      Finding field = own.finding("httproute.weight", ROUTE, "spec.rules[1].backendRefs[0].weight");
      assertEquals(Severity.ERROR, field.severity());
      assertEquals(FILE, field.location().file());
    }

    @Test
    void aSingleBackendSplitIsThatBackend() {
      Result r = synth(INGRESS, (s, site) -> site.host("shop.example.com", h -> h.path("/", Split.of(s.webB(), 1))));
      r.assertNoErrors();
      assertEquals(List.of("site"), r.names(Ingress.class));
      assertEquals(List.of("Prefix / -> web:8080"), describe(r.ingress("site"), 0));
    }
  }

  // ============================================================================ header matches, timeouts

  @Nested
  class MatchesAndTimeouts {
    @Test
    void headerMatchesOnAGateway() {
      for (HttpTarget target : List.of(OWN, SHARED)) {
        Result r = synth(target, (s, site) -> site.host("shop.example.com", h -> h
            .path(PathMatch.prefix("/").withHeader("x-beta", "on").withHeader("x-area", "eu"), s.nextB())
            .path(PathMatch.exact("/login").withHeader("x-beta", "on"), s.nextB())
            .path("/", s.web())));
        r.assertNoErrors();
        assertEquals(List.of("PathPrefix / [x-area=eu,x-beta=on] -> web-next:8080",
            "Exact /login [x-beta=on] -> web-next:8080", "PathPrefix / -> web:8080"),
            describe(r.route("site-shop-example-com")), r::dump);
        HTTPHeaderMatch header = r.route("site-shop-example-com").getSpec().getRules().get(1).getMatches().get(0)
            .getHeaders().get(0);
        assertNull(header.getType(), "Exact is the default");
      }
    }

    @Test
    void timeoutsOnAGatewayInItsDurationFormat() {
      Result r = synth(OWN, (s, site) -> site.host("shop.example.com", h -> h
          .path(PathMatch.prefix("/"), s.webB(), o -> o.timeout(Duration.ofSeconds(90))
              .backendTimeout(Duration.ofMillis(500)))
          .path(PathMatch.prefix("/slow"), s.webB(), o -> o.timeout(Duration.ofHours(2).plusSeconds(5)))
          .path(PathMatch.prefix("/try"), s.webB(), o -> o.backendTimeout(Duration.ofSeconds(10)))));
      r.assertNoErrors();
      List<HTTPRouteRule> rules = r.route("site-shop-example-com").getSpec().getRules();
      assertEquals("1m30s", rules.get(0).getTimeouts().getRequest(), r::dump);
      assertEquals("500ms", rules.get(0).getTimeouts().getBackendRequest());
      assertEquals("2h5s", rules.get(1).getTimeouts().getRequest());
      assertNull(rules.get(1).getTimeouts().getBackendRequest());
      assertNull(rules.get(2).getTimeouts().getRequest());
      assertEquals("10s", rules.get(2).getTimeouts().getBackendRequest());
    }

    @Test
    void aTimeoutADurationCannotSayIsAnErrorNotARounding() {
      int[] line = {0};
      Result r = synth(OWN, (s, site) -> site.host("shop.example.com", h -> {
        line[0] = here(); h.path(PathMatch.prefix("/"), s.webB(), o -> o.timeout(Duration.ofNanos(10))
            .backendTimeout(Duration.ofSeconds(-1)));
      }));
      Finding fine = r.finding("http.timeout", ROUTE, "spec.rules[0].timeouts.request");
      assertEquals(Severity.ERROR, fine.severity());
      assertAt(fine, line[0]);
      assertTrue(fine.message().contains("\"PT0.00000001S\""), fine::format);
      Finding negative = r.finding("http.timeout", ROUTE, "spec.rules[0].timeouts.backendRequest");
      assertTrue(negative.message().contains("\"PT-1S\""), negative::format);
      assertNull(r.route("site-shop-example-com").getSpec().getRules().get(0).getTimeouts(),
          "not rendered as \"0s\" (no timeout at all) or \"\"");
      assertEquals(2, r.errors().size(), r::dump);

      Result zero = synth(OWN, (s, site) -> site.host("shop.example.com", h -> h
          .path(PathMatch.prefix("/"), s.webB(), o -> o.timeout(Duration.ZERO))));
      zero.assertNoErrors();
      assertEquals("0s", zero.route("site-shop-example-com").getSpec().getRules().get(0).getTimeouts().getRequest());
    }

    @Test
    void durations() {
      Map<Duration, String> expected = new LinkedHashMap<>();
      expected.put(Duration.ZERO, "0s");
      expected.put(Duration.ofMillis(1), "1ms");
      expected.put(Duration.ofMillis(500), "500ms");
      expected.put(Duration.ofSeconds(1), "1s");
      expected.put(Duration.ofSeconds(60), "1m");
      expected.put(Duration.ofSeconds(90), "1m30s");
      expected.put(Duration.ofMillis(90_250), "1m30s250ms");
      expected.put(Duration.ofHours(1), "1h");
      expected.put(Duration.ofHours(26).plusMinutes(1).plusMillis(1), "26h1m1ms");
      expected.forEach((duration, text) -> assertEquals(text, GatewayApiEmitter.duration(duration), duration::toString));
    }
  }

  // ============================================================================ ingress-nginx options

  @Nested
  class Options {
    @Test
    void rewritePrefixOnAnIngressIsARegexAndRewriteTarget() {
      Result r = synth(INGRESS, (s, site) -> site.rewritePrefix("/")
          .host("shop.example.com", h -> h.path("/api", s.api()).path("/shop/", s.web())));
      r.assertNoErrors();
      assertEquals(List.of("ImplementationSpecific /api(/|$)(.*) -> api:80",
          "ImplementationSpecific /shop(/|$)(.*) -> web:8080"), describe(r.ingress("site"), 0), r::dump);
      assertEquals(Map.of(NGINX + "rewrite-target", "/$2", NGINX + "use-regex", "true"), annotations(r.ingress("site")));

      Result v2 = synth(INGRESS, (s, site) -> site.rewritePrefix("/v2")
          .host("shop.example.com", h -> h.path("/api", s.api())));
      assertEquals("/v2/$2", annotations(v2.ingress("site")).get(NGINX + "rewrite-target"));
    }

    @Test
    void rewritePrefixOfTheRootPathOnAnIngressIsAnAbsolutePath() {
      Result r = synth(INGRESS, (s, site) -> site.rewritePrefix("/v2")
          .host("shop.example.com", h -> h.path("/", s.web())));
      r.assertNoErrors();
      HTTPIngressPath path = paths(r.ingress("site"), 0).get(0);
      assertTrue(path.getPath().startsWith("/"), r::dump);
      // the rewrite-target's $2 is what follows the prefix: /orders -> /v2/orders
      Matcher matcher = Pattern.compile("^" + path.getPath()).matcher("/orders");
      assertTrue(matcher.find(), path::getPath);
      assertEquals("/v2/orders", "/v2/$2".replace("$2", matcher.group(2)));
    }

    @Test
    void theIngressRegexRewritesLikeTheGatewaysReplacePrefixMatch() {
      for (String prefix : List.of("/api", "/api/", "/a/b")) {
        String regex = IngressEmitter.rewriteRegex(prefix);
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        for (String rest : List.of("", "/", "/orders", "/orders/1")) {
          Matcher matcher = Pattern.compile("^" + regex).matcher(trimmed + rest);
          assertTrue(matcher.find(), regex + " matches " + trimmed + rest);
          assertEquals(rest.startsWith("/") ? rest.substring(1) : rest, matcher.group(2), regex + " on " + trimmed + rest);
        }
        assertFalse(Pattern.compile("^" + regex + "$").matcher(trimmed + "x").find(), regex + " is element-wise");
      }
    }

    @Test
    void rewritePrefixOnAGatewayIsAUrlRewriteFilter() {
      for (HttpTarget target : List.of(OWN, SHARED)) {
        Result r = synth(target, (s, site) -> site.rewritePrefix("/v2")
            .host("shop.example.com", h -> h.path("/api", s.api()).path(PathMatch.exact("/login"), s.webB())));
        r.assertNoErrors();
        List<HTTPRouteRule> rules = r.route("site-shop-example-com").getSpec().getRules();
        HTTPPathModifier prefix = rules.get(0).getFilters().get(0).getUrlRewrite().getPath();
        assertEquals("URLRewrite", rules.get(0).getFilters().get(0).getType());
        assertEquals(List.of("ReplacePrefixMatch", "/v2"), List.of(prefix.getType(), prefix.getReplacePrefixMatch()),
            r::dump);
        assertNull(prefix.getReplaceFullPath());
        HTTPPathModifier full = rules.get(1).getFilters().get(0).getUrlRewrite().getPath();
        assertEquals(List.of("ReplaceFullPath", "/v2"), List.of(full.getType(), full.getReplaceFullPath()));
        assertNull(full.getReplacePrefixMatch());
        assertEquals("PathPrefix /api -> api:80", describe(r.route("site-shop-example-com")).get(0),
            "the Gateway keeps the path as declared");
      }
    }

    @Test
    void backendProtocolBodySizeAndSourceRangesAreNginxAnnotations() {
      Result r = synth(INGRESS, (s, site) -> site.backendProtocol(BackendProtocol.GRPC).proxyBodySize("8m")
          .allowSourceRanges("203.0.113.0/24", "2001:db8::/32")
          .host("shop.example.com", h -> h.path("/", s.web())));
      r.assertNoErrors();
      assertEquals(Map.of(NGINX + "backend-protocol", "GRPC", NGINX + "proxy-body-size", "8m",
          NGINX + "whitelist-source-range", "203.0.113.0/24,2001:db8::/32"), annotations(r.ingress("site")), r::dump);
    }

    @Test
    void corsOnAnIngressIsNginxsAnnotations() {
      Result r = synth(INGRESS, (s, site) -> site
          .cors(Cors.allowOrigins("https://shop.example.com", "https://www.example.com").methods("GET", "PUT")
              .headers("Authorization", "X-Id").withCredentials().maxAge(600))
          .host("shop.example.com", h -> h.path("/", s.web())));
      r.assertNoErrors();
      assertEquals(Map.of(NGINX + "enable-cors", "true",
          NGINX + "cors-allow-origin", "https://shop.example.com, https://www.example.com",
          NGINX + "cors-allow-methods", "GET, PUT", NGINX + "cors-allow-headers", "Authorization, X-Id",
          NGINX + "cors-allow-credentials", "true", NGINX + "cors-max-age", "600"), annotations(r.ingress("site")));

      Result minimal = synth(INGRESS, (s, site) -> site.cors(Cors.allowOrigins("*"))
          .host("shop.example.com", h -> h.path("/", s.web())));
      assertEquals(Map.of(NGINX + "enable-cors", "true", NGINX + "cors-allow-origin", "*",
          NGINX + "cors-allow-credentials", "false"), annotations(minimal.ingress("site")), "credentials said either way");
    }

    /**
     * The CORS filter, in the Gateway API standard channel since v1.5, which {@code HttpRouteRules}
     * accepts on top of v1.3's standard schema.
     */
    @Test
    void corsOnAGatewayIsACorsFilterOnEveryRule() {
      for (HttpTarget target : List.of(OWN, SHARED)) {
        Result r = synth(target, (s, site) -> site
            .cors(Cors.allowOrigins("https://shop.example.com").methods("GET").headers("X-Id").withCredentials()
                .maxAge(600))
            .host("shop.example.com", h -> h.path("/", s.web()).path("/api", s.api())));
        for (HTTPRouteRule rule : r.route("site-shop-example-com").getSpec().getRules()) {
          assertEquals(1, rule.getFilters().size(), r::dump);
          assertEquals("CORS", rule.getFilters().get(0).getType());
          HTTPCORSFilter cors = rule.getFilters().get(0).getCors();
          assertEquals(List.of("https://shop.example.com"), cors.getAllowOrigins());
          assertEquals(List.of("GET"), cors.getAllowMethods());
          assertEquals(List.of("X-Id"), cors.getAllowHeaders());
          assertEquals(Boolean.TRUE, cors.getAllowCredentials());
          assertEquals(600, cors.getMaxAge());
        }
        assertTrue(r.errors().isEmpty(), r::dump);
        Result minimal = synth(target, (s, site) -> site.cors(Cors.allowOrigins("*"))
            .host("shop.example.com", h -> h.path("/", s.web())));
        HTTPCORSFilter cors = minimal.route("site-shop-example-com").getSpec().getRules().get(0).getFilters().get(0)
            .getCors();
        assertEquals(List.of("*"), cors.getAllowOrigins());
        assertTrue(list(cors.getAllowMethods()).isEmpty() && list(cors.getAllowHeaders()).isEmpty(), minimal::dump);
        assertNull(cors.getAllowCredentials());
        assertNull(cors.getMaxAge());
      }
    }

    @Test
    void rewriteAndCorsTogetherOnAGateway() {
      Result r = synth(OWN, (s, site) -> site.rewritePrefix("/").cors(Cors.allowOrigins("*"))
          .host("shop.example.com", h -> h.path("/api", s.api())));
      assertEquals(List.of("URLRewrite", "CORS"), r.route("site-shop-example-com").getSpec().getRules().get(0)
          .getFilters().stream().map(HTTPRouteFilter::getType).toList(), r::dump);
    }
  }

  // ============================================================================ raw annotations

  @Nested
  class RawAnnotations {
    @Test
    void rawAnnotationsJoinTheTypedOnesOnAnIngress() {
      Result r = synth(INGRESS, (s, site) -> site.proxyBodySize("8m")
          .annotation(NGINX + "proxy-read-timeout", "120").annotation("example.com/owner", "shop")
          .host("shop.example.com", h -> h.path("/", s.web())));
      r.assertNoErrors();
      assertEquals(Map.of(NGINX + "proxy-body-size", "8m", NGINX + "proxy-read-timeout", "120",
          "example.com/owner", "shop"), annotations(r.ingress("site")));
    }

    @Test
    void aRawAnnotationThatRepeatsATypedOneIsFine() {
      Result r = synth(INGRESS, (s, site) -> site.proxyBodySize("8m").annotation(NGINX + "proxy-body-size", "8m")
          .host("shop.example.com", h -> h.path("/", s.web())));
      r.assertNoErrors();
      assertTrue(r.findings("http.annotation-conflict").isEmpty(), r::dump);
    }

    @Test
    void aRawAnnotationThatContradictsATypedOneIsAnError() {
      int[] line = {0};
      Result r = synth(INGRESS, (s, site) -> {
        site.proxyBodySize("8m"); line[0] = here(); site.annotation(NGINX + "proxy-body-size", "1m");
        site.host("shop.example.com", h -> h.path("/", s.web()));
      });
      Finding finding = r.finding("http.annotation-conflict", "Ingress/shop/site",
          "metadata.annotations[" + NGINX + "proxy-body-size]");
      assertEquals(Severity.ERROR, finding.severity());
      assertAt(finding, line[0]);
      assertTrue(finding.message().contains("\"1m\"") && finding.message().contains("\"8m\""), finding::format);
      assertEquals("8m", annotations(r.ingress("site")).get(NGINX + "proxy-body-size"), "the typed value is kept");

      Result certManager = synth(INGRESS, (s, site) -> site.annotation("cert-manager.io/cluster-issuer", "other")
          .host("shop.example.com", h -> h.tls(Tls.certManager(LETS_ENCRYPT)).path("/", s.web())));
      certManager.finding("http.annotation-conflict", "Ingress/shop/site",
          "metadata.annotations[cert-manager.io/cluster-issuer]");
    }

    @Test
    void rawAnnotationsGoOnTheHostRoutesOfAGatewayAndNginxOnesAreAWarning() {
      for (HttpTarget target : List.of(OWN, SHARED)) {
        String targetName = target == OWN ? "gateway-api (own Gateway)" : "gateway-api (shared Gateway)";
        int[] line = {0};
        Result r = synth(target, (s, site) -> {
          site.annotation("example.com/owner", "shop"); line[0] = here(); site.annotation(NGINX + "proxy-read-timeout", "120");
          site.host("shop.example.com", h -> h.tls(Tls.secret("shop-tls")).path("/", s.web())).defaultBackend(s.api());
        });
        r.assertNoErrors();
        assertEquals(Map.of("example.com/owner", "shop", NGINX + "proxy-read-timeout", "120"),
            annotations(r.route("site-shop-example-com")), r::dump);
        assertEquals(Map.of(), annotations(r.route("site-default")));
        Finding finding = r.finding("http.nginx-annotation", "HttpExposure/shop/site",
            "metadata.annotations[" + NGINX + "proxy-read-timeout]");
        assertEquals(Severity.WARNING, finding.severity());
        assertAt(finding, line[0]);
        assertTrue(finding.message().contains(targetName), finding::format);
        assertEquals(1, r.findings("http.nginx-annotation").size(), r::dump);
      }
    }
  }

  // ============================================================================ http.unsupported

  /** Declares an exposure and records, in {@code line[0]}, the line a finding about it must point at. */
  @FunctionalInterface
  interface Declaration {
    void declare(Shop shop, HttpExposure.Builder site, int[] line);
  }

  /**
   * One thing a target cannot express.
   *
   * @param feature what the message must name
   * @param object the object the finding is about
   * @param path the field path
   */
  record Unsupported(String name, HttpTarget target, String object, String path, String feature,
      Declaration declaration) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String ROUTE = "HTTPRoute/shop/site-shop-example-com";

  static List<Unsupported> unsupported() {
    List<Unsupported> cases = new ArrayList<>();
    cases.add(new Unsupported("header match on an Ingress", INGRESS, "Ingress/shop/site", "spec.rules[0].http.paths[1]",
        "matching on headers [x-beta]", (s, site, line) -> site.host("shop.example.com", h -> {
          h.path("/", s.web());
          line[0] = here(); h.path(PathMatch.prefix("/").withHeader("x-beta", "on"), s.nextB());
        })));
    cases.add(new Unsupported("timeout on an Ingress", INGRESS, "Ingress/shop/site", "spec.rules[1].http.paths[0]",
        "a request timeout", (s, site, line) -> site
            .host("www.example.com", h -> h.path("/", s.web()))
            .host("shop.example.com", h -> {
              line[0] = here(); h.path(PathMatch.prefix("/"), s.webB(), o -> o.timeout(Duration.ofSeconds(5)));
            })));
    cases.add(new Unsupported("backend timeout on an Ingress", INGRESS, "Ingress/shop/site",
        "spec.rules[0].http.paths[0]", "a request timeout", (s, site, line) -> site.host("shop.example.com", h -> {
          line[0] = here(); h.path(PathMatch.exact("/"), s.webB(), o -> o.backendTimeout(Duration.ofSeconds(5)));
        })));
    cases.add(new Unsupported("rewritePrefix of an Exact path on an Ingress", INGRESS, "Ingress/shop/site",
        "spec.rules[0].http.paths[1]", "rewritePrefix on an Exact path", (s, site, line) -> site.rewritePrefix("/")
            .host("shop.example.com", h -> {
              h.path("/api", s.api());
              line[0] = here(); h.path(PathMatch.exact("/login"), s.webB());
            })));
    cases.add(new Unsupported("rewritePrefix of an ImplementationSpecific path on an Ingress", INGRESS,
        "Ingress/shop/site", "spec.rules[0].http.paths[0]", "rewritePrefix on an ImplementationSpecific path",
        (s, site, line) -> site.rewritePrefix("/").host("shop.example.com", h -> {
          line[0] = here(); h.path(PathMatch.implementationSpecific("/static"), s.webB());
        })));
    cases.add(new Unsupported("a split of three on an Ingress", INGRESS, "Ingress/shop/site",
        "spec.rules[0].http.paths[0].backend", "a split between 3 backends", (s, site, line) -> {
          line[0] = here(); Split three = Split.of(s.webB(), 1).and(s.nextB(), 1)
              .and(s.apiB(), 1);
          site.host("shop.example.com", h -> h.path("/", three));
        }));
    cases.add(new Unsupported("a header split of one on an Ingress", INGRESS, "Ingress/shop/site",
        "spec.rules[0].http.paths[0].backend", "a header-selected split of 1 backends", (s, site, line) -> {
          line[0] = here(); Split one = Split.of(s.webB(), 1).byHeader("x-canary", "always");
          site.host("shop.example.com", h -> h.path("/", one));
        }));
    for (HttpTarget target : List.of(OWN, SHARED, SHARED_CUSTOM)) {
      String kind = target == OWN ? "own" : target == SHARED ? "shared" : "shared, custom listeners";
      cases.add(new Unsupported("backendProtocol on a Gateway (" + kind + ")", target, "HttpExposure/shop/site", "",
          "backendProtocol(GRPC)", (s, site, line) -> {
            line[0] = here(); site.backendProtocol(BackendProtocol.GRPC);
            site.host("shop.example.com", h -> h.path("/", s.web()));
          }));
      cases.add(new Unsupported("proxyBodySize on a Gateway (" + kind + ")", target, "HttpExposure/shop/site", "",
          "proxyBodySize(\"8m\")", (s, site, line) -> {
            line[0] = here(); site.proxyBodySize("8m");
            site.host("shop.example.com", h -> h.path("/", s.web()));
          }));
      cases.add(new Unsupported("allowSourceRanges on a Gateway (" + kind + ")", target, "HttpExposure/shop/site", "",
          "allowSourceRanges[10.0.0.0/8]", (s, site, line) -> {
            line[0] = here(); site.allowSourceRanges("10.0.0.0/8");
            site.host("shop.example.com", h -> h.path("/", s.web()));
          }));
      cases.add(new Unsupported("ImplementationSpecific path on a Gateway (" + kind + ")", target, ROUTE,
          "spec.rules[2].matches[0].path", "an ImplementationSpecific path", (s, site, line) -> site
              .host("shop.example.com", h -> {
                h.path("/", Split.canary(s.webB(), s.nextB(), 5).byHeader("x-canary", "1"));
                line[0] = here(); h.path(PathMatch.implementationSpecific("/static"), s.webB());
              })));
    }
    cases.add(new Unsupported("forceSslRedirect for a host without TLS on an own Gateway", OWN, "Gateway/shop/site",
        "spec.listeners", "forceSslRedirect for host \"plain.example.com\"", (s, site, line) -> {
          line[0] = here(); site.forceSslRedirect();
          site.host("shop.example.com", h -> h.tls(Tls.secret("shop-tls")).path("/", s.web()))
              .host("plain.example.com", h -> h.path("/", s.web()));
        }));
    return cases;
  }

  static String targetName(HttpTarget target) {
    return target instanceof HttpTarget.Ingress ? "ingress" : target instanceof HttpTarget.OwnGateway
        ? "gateway-api (own Gateway)" : "gateway-api (shared Gateway)";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsupported")
  void whatATargetCannotExpressIsAnErrorAtTheUsersLine(Unsupported c) {
    int[] line = {0};
    Result r = synth(c.target(), (s, site) -> c.declaration().declare(s, site, line));
    Finding finding = r.finding("http.unsupported", c.object(), c.path());
    assertEquals(Severity.ERROR, finding.severity(), finding::format);
    assertTrue(line[0] > 0);
    assertAt(finding, line[0]);
    assertTrue(finding.message().contains(c.feature()), () -> "names the feature " + c.feature() + ": " + finding.format());
    assertTrue(finding.message().contains("the " + targetName(c.target()) + " target"),
        () -> "names the target: " + finding.format());
    assertTrue(r.synthesis().hasErrors());
  }

  /** The table above has a case for every place the emitters report {@code http.unsupported}. */
  @Test
  void everyUnsupportedFeatureHasACase() throws IOException {
    int reported = 0;
    for (String emitter : List.of("IngressEmitter.java", "GatewayApiEmitter.java")) {
      String source = Files.readString(Path.of("src/main/java/dev/portico/synth/emit", emitter));
      reported += source.split("HttpNames\\.unsupported\\(", -1).length - 1;
    }
    long features = unsupported().stream().map(Unsupported::feature).distinct().count();
    // one call reports rewritePrefix on both Exact and ImplementationSpecific paths, and has a case for each
    assertEquals(reported, features - 1, "a case per http.unsupported call in the emitters");
  }

  @Test
  void whatAllTargetsExpressHasNoUnsupportedFinding() {
    BiConsumer<Shop, HttpExposure.Builder> common = (s, site) -> site
        .host("shop.example.com", h -> h.tls(Tls.certManager(LETS_ENCRYPT))
            .path("/", Split.canary(s.webB(), s.nextB(), 10).byHeader("x-canary", "always"))
            .path(PathMatch.exact("/login"), s.webB())
            .path("/api", s.api()))
        .host("*.example.com", h -> h.tls(Tls.certManager(LETS_ENCRYPT)).path("/", s.web()))
        .defaultBackend(s.webNext());
    for (HttpTarget target : List.of(INGRESS, OWN, SHARED, SHARED_CUSTOM)) {
      Result r = synth(target, common);
      r.assertNoErrors();
      assertTrue(r.findings("http.unsupported").isEmpty(), r::dump);
    }
  }

  // ============================================================================ Backend.of misuse

  /** A two-port Service as a backend without saying which port. */
  static final class TwoPortBackend implements StackDefinition {
    static int line;

    @Override
    public String name() {
      return "two-ports";
    }

    @Override
    public void define(Stack stack) {
      Service admin = stack.expose(stack.app("admin", Port.http(8080), Port.metrics(9090)));
      stack.http("site", site -> site.host("shop.example.com", h -> {
        line = here(); h.path("/", admin);
      }));
    }
  }

  /** A port of another Service. */
  static final class ForeignPort implements StackDefinition {
    static int line;

    @Override
    public String name() {
      return "foreign-port";
    }

    @Override
    public void define(Stack stack) {
      Service web = stack.expose(stack.app("web", Port.http(8080)));
      Service api = stack.expose(stack.app("api", Port.http(9000)));
      ServicePort apiPort = api.ports().get(0);
      line = here(); Backend backend = Backend.of(web, apiPort);
      stack.http("site", site -> site.host("shop.example.com", h -> h.path("/", backend)));
    }
  }

  /** An app port no port of the Service targets. */
  static final class UntargetedPort implements StackDefinition {
    static int line;

    @Override
    public String name() {
      return "untargeted";
    }

    @Override
    public void define(Stack stack) {
      Port metrics = Port.metrics(9090);
      stack.app("admin", Port.http(8080), metrics);
      Service web = stack.expose(stack.app("web", Port.http(8080)));
      stack.http("site", site -> site.defaultBackend(web).host("shop.example.com", h -> {
        line = here(); h.path("/", web, metrics);
      }));
    }
  }

  static Stream<Arguments> misuses() {
    return Stream.of(
        Arguments.of("a two-port Service without its port", new TwoPortBackend(), (IntSupplier) () -> TwoPortBackend.line,
            "has 2 ports; name the one to use with Backend.of(service, port)"),
        Arguments.of("a port of another Service", new ForeignPort(), (IntSupplier) () -> ForeignPort.line,
            "is not a port of Service(foreign-port/web)"),
        Arguments.of("an app port no port of the Service targets", new UntargetedPort(), (IntSupplier) () -> UntargetedPort.line,
            "no port of Service(untargeted/web) targets metrics/9090/TCP"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("misuses")
  void backendOfMisuseIsAFindingAtTheUsersLineNotAStackTrace(String name, StackDefinition definition,
      IntSupplier line, String text) {
    Result r = synthStack(definition);
    assertEquals(1, r.findings().size(), r::dump);
    Finding finding = r.findings().get(0);
    assertEquals("stack.define", finding.rule());
    assertEquals(Severity.ERROR, finding.severity());
    assertEquals("Stack/" + definition.name(), finding.object());
    assertEquals("define", finding.path());
    assertAt(finding, line.getAsInt());
    assertTrue(finding.message().contains("IllegalArgumentException") && finding.message().contains(text),
        finding::format);
    assertTrue(r.synthesis().outputs().isEmpty(), "nothing is synthesized for the environment");
  }

  @Test
  void backendOfPicksThePortThatTargetsTheAppsPort() {
    Result r = synth(INGRESS, (s, site) -> site.host("shop.example.com", h -> h
        .path("/", s.admin(), s.adminHttp())
        .path("/metrics", Backend.of(s.admin(), s.adminMetrics()))
        .path("/m2", Backend.of(s.admin(), s.admin().ports().get(1)))));
    r.assertNoErrors();
    assertEquals(List.of("Prefix / -> admin:8080", "Prefix /metrics -> admin:9090", "Prefix /m2 -> admin:9090"),
        describe(r.ingress("site"), 0));
  }

  // ============================================================================ source lines

  @Test
  void fieldsOfEmittedObjectsPointAtTheirDeclarations() {
    int[] lines = new int[4];
    Result r = synth(INGRESS, (s, site) -> {
      lines[0] = here(); site.host("shop.example.com", h -> {
        lines[1] = here(); h.path("/", s.web());
      });
      lines[2] = here(); site.defaultBackend(s.api());
      lines[3] = here(); site.proxyBodySize("8m");
    });
    Resource ingress = r.resources().stream().filter(res -> res.object() instanceof Ingress).findFirst().orElseThrow();
    assertEquals(new SourceLocation(FILE, lines[0]), ingress.locator().locate("spec.rules[0].host"));
    assertEquals(new SourceLocation(FILE, lines[1]), ingress.locator().locate("spec.rules[0].http.paths[0].pathType"));
    assertEquals(new SourceLocation(FILE, lines[1]),
        ingress.locator().locate("spec.rules[0].http.paths[0].backend.service.name"));
    assertEquals(new SourceLocation(FILE, lines[2]), ingress.locator().locate("spec.defaultBackend.service.port"));
    assertEquals(new SourceLocation(FILE, lines[3]),
        ingress.locator().locate("metadata.annotations[" + NGINX + "proxy-body-size]"));
  }
}
