package dev.portico.synth.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.SourceLocation;
import dev.portico.dsl.StackDefinition;
import dev.portico.synth.StackOutput;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.read.ManifestReader;
import dev.portico.synth.routes.RouteTable.HttpRoute;
import dev.portico.synth.routes.RouteTable.ServiceRoute;
import dev.portico.synth.routes.RouteTable.Target;
import dev.portico.synth.testing.HttpStack;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.write.OutputFile;
import dev.portico.synth.write.OutputLayout;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackendBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RouteTable} on hand-built objects: every Service type; Ingresses with ingress-nginx
 * canaries by weight and by header, rewrite paths and a default backend; HTTPRoutes with weights,
 * header matches, a default route and a redirect route; the same routes from both APIs; and the
 * exact text of the three renderings.
 */
class RouteTableTest {
  static final String GROUP = "g";
  static final SourceLocation HERE = SourceLocation.of("t.yaml");
  static final String NGINX = "nginx.ingress.kubernetes.io/";

  // ---------------------------------------------------------------------------------------------
  // building objects

  static Resource resource(HasMetadata object) {
    return new Resource(object, path -> HERE, GROUP);
  }

  static List<Resource> resources(HasMetadata... objects) {
    return Arrays.stream(objects).map(RouteTableTest::resource).toList();
  }

  static PodSet pods(String description, String namespace, Map<String, String> labels, String group) {
    return new PodSet(description, namespace, labels, List.of(), HERE, group);
  }

  static ServiceBuilder service(String name) {
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata();
  }

  static IngressBackend backend(String service, int port) {
    return new IngressBackendBuilder().withNewService().withName(service).withNewPort().withNumber(port).endPort()
        .endService().build();
  }

  static IngressBackend backend(String service, String portName) {
    return new IngressBackendBuilder().withNewService().withName(service).withNewPort().withName(portName).endPort()
        .endService().build();
  }

  static HTTPIngressPath path(String path, String type, IngressBackend backend) {
    return new HTTPIngressPathBuilder().withPath(path).withPathType(type).withBackend(backend).build();
  }

  static IngressRule rule(String host, HTTPIngressPath... paths) {
    return new IngressRuleBuilder().withHost(host).withNewHttp().withPaths(paths).endHttp().build();
  }

  static IngressBuilder ingress(String name, Map<String, String> annotations, IngressRule... rules) {
    return new IngressBuilder()
        .withNewMetadata().withName(name).withNamespace("shop").withAnnotations(annotations.isEmpty() ? null
            : new LinkedHashMap<>(annotations)).endMetadata()
        .withNewSpec().withIngressClassName("nginx").withRules(rules).endSpec();
  }

  static HTTPBackendRef ref(String service, int port, Integer weight) {
    return new HTTPBackendRefBuilder().withName(service).withPort(port).withWeight(weight).build();
  }

  static HTTPRouteMatch prefix(String value, String... headers) {
    return match("PathPrefix", value, headers);
  }

  static HTTPRouteMatch match(String type, String value, String... headers) {
    HTTPRouteMatchBuilder match = new HTTPRouteMatchBuilder().withNewPath().withType(type).withValue(value).endPath();
    for (int i = 0; i < headers.length; i += 2) {
      match.addToHeaders(new HTTPHeaderMatchBuilder().withName(headers[i]).withValue(headers[i + 1]).build());
    }
    return match.build();
  }

  static HTTPRouteRule rule(List<HTTPRouteMatch> matches, HTTPBackendRef... refs) {
    return new HTTPRouteRuleBuilder().withMatches(matches.isEmpty() ? null : matches).withBackendRefs(refs).build();
  }

  static HTTPRoute route(String name, List<String> hostnames, List<String[]> parents, HTTPRouteRule... rules) {
    HTTPRouteBuilder route = new HTTPRouteBuilder()
        .withNewMetadata().withName(name).withNamespace("shop").endMetadata()
        .withNewSpec().withHostnames(hostnames.isEmpty() ? null : hostnames).withRules(rules).endSpec();
    for (String[] parent : parents) {
      route.editSpec().addToParentRefs(new ParentReferenceBuilder().withNamespace(parent[0]).withName(parent[1])
          .withSectionName(parent[2]).build()).endSpec();
    }
    return route.build();
  }

  static String[] parent(String name, String section) {
    return new String[] {null, name, section};
  }

  static Target target(String service, int port) {
    return new Target("shop", service, port, null);
  }

  static Target target(String service, int port, int weight) {
    return new Target("shop", service, port, weight);
  }

  static HttpRoute row(String host, String match, String path, Map<String, String> headers, boolean tls,
      boolean redirect, String via, Target... targets) {
    return new HttpRoute(host, match, path, headers, List.of(targets), tls, redirect, via);
  }

  // ---------------------------------------------------------------------------------------------

  @Nested
  class Services {

    final List<PodSet> apps = List.of(
        pods("App/shop/web", "shop", Map.of("app", "web"), GROUP),
        pods("App/other/web", "other", Map.of("app", "web"), GROUP),
        pods("App/elsewhere/web", "shop", Map.of("app", "web"), "another-group"),
        pods("Deployment/web-edge", "", Map.of("tier", "edge"), GROUP));

    @Test
    void clusterIpPortsHaveDnsNamesAndProxyUrls() {
      Service web = service("web").withNewSpec()
          .addToSelector("app", "web")
          .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort()
          .addNewPort().withName("https").withPort(443).withProtocol("TCP").endPort()
          .addNewPort().withPort(8081).endPort()
          .addNewPort().withName("dns").withPort(53).withProtocol("UDP").endPort()
          .addNewPort().withName("rpc").withPort(9000).withAppProtocol("kubernetes.io/h2c").endPort()
          .addNewPort().withName("admin").withPort(8443).withAppProtocol("https").endPort()
          .endSpec().build();

      RouteTable table = RouteTable.of(resources(web), apps);

      String dns = "web.shop.svc.cluster.local";
      String proxy = "http://127.0.0.1:8001/api/v1/namespaces/shop/services/";
      assertEquals(List.of(
          new ServiceRoute("shop", "web", "ClusterIP", "53/UDP dns", dns + ":53", null, null, null, null, null,
              "App/shop/web"),
          new ServiceRoute("shop", "web", "ClusterIP", "80/TCP http", dns + ":80", proxy + "web:http/proxy/", null, null,
              null, null, "App/shop/web"),
          new ServiceRoute("shop", "web", "ClusterIP", "443/TCP https", dns + ":443", proxy + "https:web:https/proxy/",
              null, null, null, null, "App/shop/web"),
          new ServiceRoute("shop", "web", "ClusterIP", "8081/TCP", dns + ":8081", proxy + "web:8081/proxy/", null, null,
              null, null, "App/shop/web"),
          new ServiceRoute("shop", "web", "ClusterIP", "8443/TCP admin", dns + ":8443", proxy + "https:web:admin/proxy/",
              null, null, null, null, "App/shop/web"),
          new ServiceRoute("shop", "web", "ClusterIP", "9000/TCP rpc", dns + ":9000", null, null, null, null, null,
              "App/shop/web")),
          table.services());
      assertEquals(List.of(), table.http());
    }

    @Test
    void everyOtherType() {
      Service headless = service("cart").withNewSpec().withClusterIP("None").addToSelector("app", "cart")
          .addNewPort().withName("redis").withPort(6379).endPort().endSpec().build();
      Service nodePort = service("web-np").withNewSpec().withType("NodePort")
          .addToSelector("tier", "edge")
          .addNewPort().withName("http").withPort(80).withNodePort(30080).endPort()
          .addNewPort().withName("metrics").withPort(9090).endPort()
          .endSpec().build();
      Service loadBalancer = service("lb")
          .editMetadata().addToAnnotations("service.beta.kubernetes.io/aws-load-balancer-internal", "true").endMetadata()
          .withNewSpec().withType("LoadBalancer").addToSelector("app", "web")
          .withLoadBalancerSourceRanges("203.0.113.0/24", "198.51.100.0/24").withLoadBalancerClass("example.com/lb")
          .withExternalIPs("192.0.2.7")
          .addNewPort().withName("https").withPort(443).withNodePort(30443).endPort()
          .endSpec().build();
      Service externalName = service("payments").withNewSpec().withType("ExternalName")
          .withExternalName("api.pay.example.com").addNewPort().withPort(443).endPort().endSpec().build();
      Service noPorts = service("legacy-db").withNewSpec().withType("ExternalName").withExternalName("db.example.com")
          .endSpec().build();

      RouteTable table = RouteTable.of(resources(nodePort, loadBalancer, headless, externalName, noPorts), apps);

      assertEquals(List.of(
          new ServiceRoute("shop", "cart", "Headless", "6379/TCP redis",
              "cart.shop.svc.cluster.local:6379 (pod IPs; per pod <pod>.cart.shop.svc.cluster.local)", null, null, null,
              null, null, null),
          new ServiceRoute("shop", "lb", "LoadBalancer", "443/TCP https", "lb.shop.svc.cluster.local:443", null, 30443,
              "LoadBalancer :443 from 203.0.113.0/24,198.51.100.0/24 (internal) class example.com/lb", "192.0.2.7:443",
              null, "App/shop/web"),
          new ServiceRoute("shop", "legacy-db", "ExternalName", null, "legacy-db.shop.svc.cluster.local", null, null, null,
              null, "db.example.com", null),
          new ServiceRoute("shop", "payments", "ExternalName", "443/TCP", "payments.shop.svc.cluster.local:443", null,
              null, null, null, "api.pay.example.com", null),
          new ServiceRoute("shop", "web-np", "NodePort", "80/TCP http", "web-np.shop.svc.cluster.local:80", null, 30080,
              null, null, null, "Deployment/web-edge"),
          new ServiceRoute("shop", "web-np", "NodePort", "9090/TCP metrics", "web-np.shop.svc.cluster.local:9090", null,
              null, null, null, null, "Deployment/web-edge")),
          table.services());
      assertTrue(table.services().get(0).headless());
      assertFalse(table.services().get(1).headless());
    }

    @Test
    void severalAppsAreListedAndOnlyInTheServicesGroupAndNamespace() {
      Service web = service("web").withNewSpec().addToSelector("app", "web").addNewPort().withPort(80).endPort()
          .endSpec().build();
      List<PodSet> more = new ArrayList<>(apps);
      more.add(pods("Deployment/web-v2", "", Map.of("app", "web", "version", "2"), GROUP));

      ServiceRoute route = RouteTable.of(resources(web), more).services().get(0);

      assertEquals("App/shop/web, Deployment/web-v2", route.app());
      assertNull(RouteTable.of(resources(web), List.of()).services().get(0).app());
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** The same routes as ingress-nginx Ingresses and as Gateway API objects. */
  static final class Both {
    static final Service API = service("api").withNewSpec().addToSelector("app", "api")
        .addNewPort().withName("http").withPort(8080).endPort().endSpec().build();

    static List<Resource> ingresses() {
      Ingress site = ingress("site", Map.of(),
          rule("shop.example.com",
              path("/", "Prefix", backend("web", 80)),
              path("/api/", "Prefix", backend("api", "http")),
              path("/healthz", "Exact", backend("web", 80))),
          rule("a.example.org", path("/", "Prefix", backend("web", 80))),
          rule("plain.example.com", path("/", "Prefix", backend("web", 80))),
          rule(null, path("/status", "ImplementationSpecific", backend("web", 80))))
          .editSpec()
              .withTls(new IngressTLSBuilder().withHosts("shop.example.com").withSecretName("shop-tls").build(),
                  new IngressTLSBuilder().withHosts("*.example.org").withSecretName("org-tls").build())
              .withDefaultBackend(backend("errors", 80))
          .endSpec().build();
      Ingress byWeight = ingress("site-canary", Map.of(NGINX + "canary", "true", NGINX + "canary-weight", "10",
          NGINX + "canary-weight-total", "100"),
          rule("shop.example.com", path("/", "Prefix", backend("web-next", 80)))).build();
      Ingress byHeader = ingress("site-canary-2", Map.of(NGINX + "canary", "true", NGINX + "canary-weight", "0",
          NGINX + "canary-by-header", "x-beta", NGINX + "canary-by-header-value", "yes"),
          rule("shop.example.com", path("/api/", "Prefix", backend("api-next", 8080)))).build();
      Ingress orphan = ingress("orphan-canary", Map.of(NGINX + "canary", "true", NGINX + "canary-weight", "50"),
          rule("nowhere.example.com", path("/", "Prefix", backend("web-next", 80)))).build();
      Ingress rewrite = ingress("legacy", Map.of(NGINX + "use-regex", "true", NGINX + "rewrite-target", "/$2",
          NGINX + "force-ssl-redirect", "true"),
          rule("old.example.com",
              path("/v1(/|$)(.*)", "ImplementationSpecific", backend("legacy", 80)),
              path("/()(.*)", "ImplementationSpecific", backend("legacy", 80)))).build();
      return resources(API, byHeader, site, orphan, byWeight, rewrite);
    }

    static List<Resource> gatewayApi() {
      Gateway gateway = new GatewayBuilder()
          .withNewMetadata().withName("gw").withNamespace("shop").endMetadata()
          .withNewSpec().withGatewayClassName("eg").withListeners(
              new ListenerBuilder().withName("http").withProtocol("HTTP").withPort(80).build(),
              new ListenerBuilder().withName("https-shop").withProtocol("HTTPS").withPort(443)
                  .withHostname("shop.example.com").build(),
              new ListenerBuilder().withName("https-org").withProtocol("HTTPS").withPort(443)
                  .withHostname("*.example.org").build())
          .endSpec().build();
      HTTPRoute shop = route("shop", List.of("shop.example.com"), List.<String[]>of(parent("gw", "https-shop")),
          rule(List.of(prefix("/")), ref("web", 80, 90), ref("web-next", 80, 10)),
          rule(List.of(prefix("/api/", "x-beta", "yes")), ref("api-next", 8080, null)),
          rule(List.of(prefix("/api/")), ref("api", 8080, 100), ref("api-next", 8080, 0)),
          rule(List.of(match("Exact", "/healthz")), ref("web", 80, null)));
      HTTPRoute org = route("org", List.of("a.example.org"), List.<String[]>of(parent("gw", null)),
          rule(List.of(), ref("web", 80, null)));
      HTTPRoute plain = route("plain", List.of("plain.example.com"), List.<String[]>of(parent("gw", "http")),
          rule(List.of(prefix("/")), ref("web", 80, 1)));
      HTTPRoute old = route("old", List.of("old.example.com"), List.<String[]>of(new String[] {"infra", "edge", "https"}),
          new HTTPRouteRuleBuilder(rule(List.of(prefix("/v1")), ref("legacy", 80, null)))
              .withFilters(new HTTPRouteFilterBuilder().withType("URLRewrite").withNewUrlRewrite().withNewPath()
                  .withType("ReplacePrefixMatch").withReplacePrefixMatch("/").endPath().endUrlRewrite().build())
              .build(),
          rule(List.of(prefix("/")), ref("legacy", 80, null)));
      HTTPRoute redirect = route("redirect", List.of("shop.example.com", "*.example.org", "old.example.com"),
          List.<String[]>of(parent("gw", "http"), new String[] {"infra", "edge", "http"}),
          new HTTPRouteRuleBuilder().withFilters(new HTTPRouteFilterBuilder().withType("RequestRedirect")
              .withNewRequestRedirect().withScheme("https").withStatusCode(301).endRequestRedirect().build()).build());
      HTTPRoute misc = route("misc", List.of(), List.<String[]>of(parent("gw", "http")),
          rule(List.of(match("RegularExpression", "/status")), ref("web", 80, null)));
      HTTPRoute fallback = route("default", List.of(), List.<String[]>of(parent("gw", "http"), parent("gw", "https-shop")),
          rule(List.of(), ref("errors", 80, null)));
      return resources(API, shop, redirect, gateway, org, plain, old, misc, fallback);
    }
  }

  @Nested
  class Http {

    @Test
    void ingressRowsWithCanariesRewritesAndDefaultBackend() {
      RouteTable table = RouteTable.of(Both.ingresses(), List.of());

      String site = "Ingress/shop/site";
      String legacy = "Ingress/shop/legacy";
      assertEquals(List.of(
          row("a.example.org", "Prefix", "/", Map.of(), true, true, site, target("web", 80)),
          row("old.example.com", "Prefix", "/", Map.of(), true, true, legacy, target("legacy", 80)),
          row("old.example.com", "Prefix", "/v1", Map.of(), true, true, legacy, target("legacy", 80)),
          row("plain.example.com", "Prefix", "/", Map.of(), false, false, site, target("web", 80)),
          row("shop.example.com", "Prefix", "/", Map.of(), true, true, site + ", Ingress/shop/site-canary",
              target("web", 80, 90), target("web-next", 80, 10)),
          row("shop.example.com", "Prefix", "/api", Map.of(), true, true, site + ", Ingress/shop/site-canary-2",
              target("api", 8080, 100), target("api-next", 8080, 0)),
          row("shop.example.com", "Prefix", "/api", Map.of("x-beta", "yes"), true, true, "Ingress/shop/site-canary-2",
              target("api-next", 8080)),
          row("shop.example.com", "Exact", "/healthz", Map.of(), true, true, site, target("web", 80)),
          row("*", "ImplementationSpecific", "/status", Map.of(), false, false, site, target("web", 80)),
          row("*", "Default", "/", Map.of(), false, false, site, target("errors", 80))),
          table.http());
    }

    @Test
    void gatewayApiRowsWithWeightsHeadersDefaultAndRedirectRoutes() {
      RouteTable table = RouteTable.of(Both.gatewayApi(), List.of());

      String shop = "HTTPRoute/shop/shop";
      assertEquals(List.of(
          row("a.example.org", "Prefix", "/", Map.of(), true, true, "HTTPRoute/shop/org", target("web", 80)),
          row("old.example.com", "Prefix", "/", Map.of(), true, true, "HTTPRoute/shop/old", target("legacy", 80)),
          row("old.example.com", "Prefix", "/v1", Map.of(), true, true, "HTTPRoute/shop/old", target("legacy", 80)),
          row("plain.example.com", "Prefix", "/", Map.of(), false, false, "HTTPRoute/shop/plain", target("web", 80)),
          row("shop.example.com", "Prefix", "/", Map.of(), true, true, shop,
              target("web", 80, 90), target("web-next", 80, 10)),
          row("shop.example.com", "Prefix", "/api", Map.of(), true, true, shop,
              target("api", 8080, 100), target("api-next", 8080, 0)),
          row("shop.example.com", "Prefix", "/api", Map.of("x-beta", "yes"), true, true, shop, target("api-next", 8080)),
          row("shop.example.com", "Exact", "/healthz", Map.of(), true, true, shop, target("web", 80)),
          row("*", "ImplementationSpecific", "/status", Map.of(), false, false, "HTTPRoute/shop/misc",
              target("web", 80)),
          row("*", "Default", "/", Map.of(), false, false, "HTTPRoute/shop/default", target("errors", 80))),
          table.http());
    }

    @Test
    void bothApisGiveTheSameRowsApartFromVia() {
      List<HttpRoute> ingress = RouteTable.of(Both.ingresses(), List.of()).httpWithoutVia();
      List<HttpRoute> gatewayApi = RouteTable.of(Both.gatewayApi(), List.of()).httpWithoutVia();

      assertEquals(ingress, gatewayApi);
      assertTrue(ingress.stream().allMatch(route -> route.via() == null));
    }

    @Test
    void everyEnvironmentOfAStackWithEveryTargetGivesTheSameRows() {
      StackDefinition stack = new HttpStack();
      Synthesis synthesis = Synthesizer.synthesize(List.of(stack), List.of(), Map.of());
      assertFalse(synthesis.hasErrors(), () -> synthesis.findings().toString());
      assertEquals(List.of("staging", "prod", "shared"),
          synthesis.outputs().stream().map(StackOutput::environment).toList());

      List<List<HttpRoute>> rows = new ArrayList<>();
      for (StackOutput output : synthesis.outputs()) {
        rows.add(RouteTable.of(output.resources(), output.apps()).httpWithoutVia());
      }

      assertEquals(6, rows.get(0).size(), rows.get(0)::toString);
      assertEquals(rows.get(0), rows.get(1), "Ingress and own Gateway");
      assertEquals(rows.get(0), rows.get(2), "Ingress and shared Gateway");
    }

    @Test
    void theSynthesizedObjectsAndTheirYamlGiveTheSameTable(@TempDir Path tmp) throws IOException {
      Synthesis synthesis = Synthesizer.synthesize(List.of(new HttpStack()), List.of(), Map.of());
      for (OutputFile file : OutputLayout.files(synthesis, false)) {
        Path path = tmp.resolve(file.path());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.content());
      }

      for (StackOutput output : synthesis.outputs()) {
        RouteTable synthesized = RouteTable.of(output.resources(), output.apps());
        ManifestReader.Input yaml = ManifestReader.read(
            List.of(tmp.resolve(output.stack()).resolve(output.environment()).toString()), InputStream.nullInputStream());
        RouteTable read = RouteTable.of(yaml.resources(), yaml.podSets());

        assertEquals(synthesized.http(), read.http(), output.environment());
        assertEquals(synthesized.services().stream().map(route -> route.dns() + " " + route.proxyUrl()).toList(),
            read.services().stream().map(route -> route.dns() + " " + route.proxyUrl()).toList());
        assertTrue(read.services().stream().allMatch(route -> route.app() == null), "YAML without workloads");
      }
    }

    @Test
    void prefixesLoseTheirTrailingSlashAndRegexesStayWithoutUseRegex() {
      Ingress plain = ingress("x", Map.of(), rule("h.example.com",
          path("/a/", "Prefix", backend("web", 80)),
          path("/b(/|$)(.*)", "ImplementationSpecific", backend("web", 80)),
          path("/c/", "Exact", backend("web", 80)))).build();
      Ingress regex = ingress("y", Map.of(NGINX + "use-regex", "true"), rule("r.example.com",
          path("(/|$)(.*)", "ImplementationSpecific", backend("web", 80)),
          path("/d/(/|$)(.*)", "ImplementationSpecific", backend("web", 80)),
          path("/e.*", "ImplementationSpecific", backend("web", 80)))).build();

      List<HttpRoute> rows = RouteTable.of(resources(plain, regex), List.of()).httpWithoutVia();

      assertEquals(List.of("h.example.com Prefix /a", "h.example.com ImplementationSpecific /b(/|$)(.*)",
              "h.example.com Exact /c/", "r.example.com Prefix /", "r.example.com Prefix /d",
              "r.example.com ImplementationSpecific /e.*"),
          rows.stream().map(row -> row.host() + " " + row.match() + " " + row.path()).toList());
    }

    @Test
    void sslRedirectFalseKeepsTlsWithoutTheRedirect() {
      Ingress ingress = ingress("x", Map.of(NGINX + "ssl-redirect", "false"),
          rule("h.example.com", path("/", "Prefix", backend("web", 80))))
          .editSpec().withTls(new IngressTLSBuilder().withHosts("h.example.com").build()).endSpec().build();

      HttpRoute row = RouteTable.of(resources(ingress), List.of()).http().get(0);

      assertTrue(row.tls());
      assertFalse(row.httpsRedirect());
      assertEquals("http(s)://h.example.com/", TableFormat.url(row));
    }

    @Test
    void rowsAreImmutable() {
      HttpRoute row = RouteTable.of(Both.ingresses(), List.of()).http().get(0);

      assertThrows(UnsupportedOperationException.class, () -> row.headers().put("a", "b"));
      assertThrows(UnsupportedOperationException.class, () -> row.backends().clear());
      assertThrows(UnsupportedOperationException.class,
          () -> RouteTable.of(Both.ingresses(), List.of()).http().clear());
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Nested
  class Renderings {

    /** A web Service on a NodePort and by Ingress, 10% on a canary, an ExternalName, and a default backend. */
    List<Resource> small() {
      Service web = service("web").withNewSpec().addToSelector("app", "web")
          .addNewPort().withName("http").withPort(80).endPort().endSpec().build();
      Service next = service("web-next").withNewSpec().addToSelector("app", "web-next")
          .addNewPort().withName("http").withPort(80).endPort().endSpec().build();
      Service nodePort = service("web-np").withNewSpec().withType("NodePort").addToSelector("app", "web")
          .addNewPort().withName("http").withPort(80).withNodePort(30080).endPort().endSpec().build();
      Service payments = service("payments").withNewSpec().withType("ExternalName")
          .withExternalName("api.pay.example.com").addNewPort().withPort(443).endPort().endSpec().build();
      Ingress site = ingress("site", Map.of(), rule("shop.example.com", path("/", "Prefix", backend("web", 80))))
          .editSpec().withTls(new IngressTLSBuilder().withHosts("shop.example.com").build())
          .withDefaultBackend(backend("web", 80)).endSpec().build();
      Ingress canary = ingress("site-canary", Map.of(NGINX + "canary", "true", NGINX + "canary-weight", "10"),
          rule("shop.example.com", path("/", "Prefix", backend("web-next", 80)))).build();
      return resources(web, next, nodePort, payments, site, canary);
    }

    List<PodSet> apps() {
      return List.of(pods("App/shop/web", "shop", Map.of("app", "web"), GROUP),
          pods("App/shop/web-next", "shop", Map.of("app", "web-next"), GROUP));
    }

    @Test
    void table() {
      assertEquals("""
          Services
            SERVICE   TYPE          PORT         APP                IN THE CLUSTER                       FROM OUTSIDE               KUBECTL PROXY
            payments  ExternalName  443/TCP      -                  payments.shop.svc.cluster.local:443  CNAME api.pay.example.com  -
            web       ClusterIP     80/TCP http  App/shop/web       web.shop.svc.cluster.local:80        -                          http://127.0.0.1:8001/api/v1/namespaces/shop/services/web:http/proxy/
            web-next  ClusterIP     80/TCP http  App/shop/web-next  web-next.shop.svc.cluster.local:80   -                          http://127.0.0.1:8001/api/v1/namespaces/shop/services/web-next:http/proxy/
            web-np    NodePort      80/TCP http  App/shop/web       web-np.shop.svc.cluster.local:80     <node>:30080               -

          HTTP routes
            ROUTE                          BACKENDS                         VIA
            https://shop.example.com/   →  web:80 (90%), web-next:80 (10%)  Ingress/shop/site, Ingress/shop/site-canary
            http://* (default backend)  →  web:80                           Ingress/shop/site
          """, RouteTable.of(small(), apps()).table());
    }

    @Test
    void emptyTable() {
      assertEquals("Services\n  (none)\n\nHTTP routes\n  (none)\n", RouteTable.of(List.of(), List.of()).table());
    }

    @Test
    void json() {
      assertEquals("""
          {
            "services": [
              {
                "namespace": "shop",
                "service": "payments",
                "type": "ExternalName",
                "port": "443/TCP",
                "dns": "payments.shop.svc.cluster.local:443",
                "proxyUrl": null,
                "nodePort": null,
                "loadBalancer": null,
                "externalIps": null,
                "externalName": "api.pay.example.com",
                "app": null
              },
              {
                "namespace": "shop",
                "service": "web",
                "type": "ClusterIP",
                "port": "80/TCP http",
                "dns": "web.shop.svc.cluster.local:80",
                "proxyUrl": "http://127.0.0.1:8001/api/v1/namespaces/shop/services/web:http/proxy/",
                "nodePort": null,
                "loadBalancer": null,
                "externalIps": null,
                "externalName": null,
                "app": "App/shop/web"
              },
              {
                "namespace": "shop",
                "service": "web-next",
                "type": "ClusterIP",
                "port": "80/TCP http",
                "dns": "web-next.shop.svc.cluster.local:80",
                "proxyUrl": "http://127.0.0.1:8001/api/v1/namespaces/shop/services/web-next:http/proxy/",
                "nodePort": null,
                "loadBalancer": null,
                "externalIps": null,
                "externalName": null,
                "app": "App/shop/web-next"
              },
              {
                "namespace": "shop",
                "service": "web-np",
                "type": "NodePort",
                "port": "80/TCP http",
                "dns": "web-np.shop.svc.cluster.local:80",
                "proxyUrl": null,
                "nodePort": 30080,
                "loadBalancer": null,
                "externalIps": null,
                "externalName": null,
                "app": "App/shop/web"
              }
            ],
            "http": [
              {
                "host": "shop.example.com",
                "match": "Prefix",
                "path": "/",
                "headers": { },
                "backends": [
                  {
                    "namespace": "shop",
                    "service": "web",
                    "port": 80,
                    "weight": 90
                  },
                  {
                    "namespace": "shop",
                    "service": "web-next",
                    "port": 80,
                    "weight": 10
                  }
                ],
                "tls": true,
                "httpsRedirect": true,
                "via": "Ingress/shop/site, Ingress/shop/site-canary"
              },
              {
                "host": "*",
                "match": "Default",
                "path": "/",
                "headers": { },
                "backends": [
                  {
                    "namespace": "shop",
                    "service": "web",
                    "port": 80,
                    "weight": null
                  }
                ],
                "tls": false,
                "httpsRedirect": false,
                "via": "Ingress/shop/site"
              }
            ],
            "mesh": [ ],
            "calls": [ ]
          }
          """, RouteTable.of(small(), apps()).json());
    }

    @Test
    void mermaid() {
      assertEquals("""
          flowchart LR
            r1(["https://shop.example.com/"])
            r2(["http://* (default backend)"])
            e1(["node port 30080"])
            s1["payments:443 (ExternalName)"]
            s2["web:80"]
            s3["web-next:80"]
            s4["web-np:80 (NodePort)"]
            a1{{"App/shop/web"}}
            a2{{"App/shop/web-next"}}
            x1>"api.pay.example.com"]
            r1 -->|"90%"| s2
            r1 -->|"10%"| s3
            r2 --> s2
            s1 -->|"CNAME"| x1
            s2 --> a1
            s3 --> a2
            e1 --> s4
            s4 --> a1
          """, RouteTable.of(small(), apps()).mermaid());
    }

    @Test
    void mermaidLabelsEscapeQuotesAndAngleBrackets() {
      assertEquals("\"a #quot;b#quot; #lt;c#gt; #35;d\"", MermaidFormat.quote("a \"b\" <c> #d"));
    }

    @Test
    void renderingsDoNotDependOnTheOrderOfTheObjects() {
      List<Resource> reversed = new ArrayList<>(small());
      java.util.Collections.reverse(reversed);
      RouteTable forward = RouteTable.of(small(), apps());
      RouteTable backward = RouteTable.of(reversed, apps());

      assertEquals(forward, backward);
      for (var rendering : List.<java.util.function.Function<RouteTable, String>>of(RouteTable::table, RouteTable::json,
          RouteTable::mermaid)) {
        assertEquals(rendering.apply(forward), rendering.apply(backward));
      }
    }

    @Test
    void weightsThatAreNotWholePercentages() {
      assertEquals("33.3%", TableFormat.percent(1, 3));
      assertEquals("66.7%", TableFormat.percent(2, 3));
      assertEquals("100%", TableFormat.percent(5, 5));
      assertEquals("0%", TableFormat.percent(0, 0));
      HttpRoute row = row("h", "Prefix", "/", Map.of(), false, false, "HTTPRoute/shop/r",
          target("a", 80, 1), new Target("other", "b", 80, 2));
      assertEquals("a:80 (33.3%), other/b:80 (66.7%)", TableFormat.backends(row));
      assertEquals(Stream.of("http://h/").toList(), List.of(TableFormat.url(row)));
    }
  }
}
