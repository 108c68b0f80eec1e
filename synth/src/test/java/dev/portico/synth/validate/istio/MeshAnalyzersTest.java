package dev.portico.synth.validate.istio;

import static dev.portico.synth.validate.Fixtures.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.portico.dsl.SourceLocation;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Severity;
import dev.portico.synth.validate.Validator;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntryLocation;
import io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntryResolution;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.GatewayBuilder;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.ServiceEntryBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code istioctl analyze} checks of {@link MeshAnalyzers}, a rejected input and accepted near
 * misses for each: destination hosts, subsets and gateways not found (IST0101), two mesh
 * VirtualServices for one host (IST0109), port names Istio cannot read (IST0118), Gateway ports
 * the ingress gateway's Service lacks (IST0162), subsets that select no pods (IST0173). Each
 * rejection asserts rule, severity (an error in {@link Scope#CLOSED}, a warning in {@link Scope#OPEN}
 * where a missing target may live elsewhere), the exact field path, and a message naming the bad
 * value and the IST code. {@link Validator} also runs the Istio field rules; assertions here look at
 * {@code mesh.*} findings only.
 *
 * <p>The baseline, in namespace shop: Service reviews (app: reviews, http 9080) and ratings (app:
 * ratings, http 9080), pods reviews v1 and v2 and ratings; DestinationRule reviews (subsets v1, v2);
 * VirtualService reviews (90/10 between the subsets, bound to the mesh); Gateway gw (pods istio:
 * ingressgateway, HTTP 80 and HTTPS 443) and, in istio-system, its Service istio-ingressgateway
 * (80 to 8080, 443 to 8443); ServiceEntry payments (api.payments.example.com and *.example.org).
 */
class MeshAnalyzersTest {
  static final String GROUP = "g";
  static final String REF = "mesh.reference-not-found";
  static final String ROUTE0 = "spec.http[0].route[0].destination";

  // ============================================================================ baseline

  static Service service(String name, String app, ServicePort... ports) {
    return new ServiceBuilder()
        .withNewMetadata().withName(name).withNamespace("shop").endMetadata()
        .withNewSpec().addToSelector("app", app).withPorts(ports).endSpec()
        .build();
  }

  static ServicePort port(String name, int number) {
    return new ServicePortBuilder().withName(name).withPort(number).withProtocol("TCP")
        .withTargetPort(new IntOrString(number)).build();
  }

  static Service reviews() {
    return service("reviews", "reviews", port("http", 9080));
  }

  static Service ratings() {
    return service("ratings", "ratings", port("http", 9080));
  }

  static Service ingressGateway() {
    return new ServiceBuilder()
        .withNewMetadata().withName("istio-ingressgateway").withNamespace("istio-system").endMetadata()
        .withNewSpec().withType("LoadBalancer").addToSelector("istio", "ingressgateway")
        .addNewPort().withName("http2").withPort(80).withProtocol("TCP").withTargetPort(new IntOrString(8080)).endPort()
        .addNewPort().withName("https").withPort(443).withProtocol("TCP").withTargetPort(new IntOrString(8443)).endPort()
        .endSpec()
        .build();
  }

  static PodSet pods(String description, String namespace, Map<String, String> labels) {
    return new PodSet(description, namespace, labels, List.of(new PodSet.ContainerPort("http", 9080, "TCP",
        new SourceLocation("Book.java", 3))), new SourceLocation("Book.java", 2), GROUP);
  }

  static List<PodSet> bookPods() {
    return List.of(
        pods("App(reviews-v1)", "shop", Map.of("app", "reviews", "version", "v1")),
        pods("App(reviews-v2)", "shop", Map.of("app", "reviews", "version", "v2")),
        pods("App(ratings)", "shop", Map.of("app", "ratings")));
  }

  static DestinationRule destinationRule() {
    return new DestinationRuleBuilder()
        .withNewMetadata().withName("reviews").withNamespace("shop").endMetadata()
        .withNewSpec().withHost("reviews")
        .addNewSubset().withName("v1").addToLabels("version", "v1").endSubset()
        .addNewSubset().withName("v2").addToLabels("version", "v2").endSubset()
        .endSpec()
        .build();
  }

  static DestinationRule destinationRule(Consumer<DestinationRule> mutation) {
    DestinationRule rule = destinationRule();
    mutation.accept(rule);
    return rule;
  }

  static VirtualService virtualService() {
    return virtualService("reviews", "reviews");
  }

  static VirtualService virtualService(String name, String host) {
    return new VirtualServiceBuilder()
        .withNewMetadata().withName(name).withNamespace("shop").endMetadata()
        .withNewSpec().withHosts(host)
        .addNewHttp()
        .addNewRoute().withNewDestination().withHost("reviews").withSubset("v1").endDestination().withWeight(90).endRoute()
        .addNewRoute().withNewDestination().withHost("reviews").withSubset("v2").endDestination().withWeight(10).endRoute()
        .endHttp()
        .endSpec()
        .build();
  }

  static VirtualService virtualService(Consumer<VirtualService> mutation) {
    VirtualService vs = virtualService();
    mutation.accept(vs);
    return vs;
  }

  static HTTPRoute http0(VirtualService vs) {
    return vs.getSpec().getHttp().get(0);
  }

  static io.fabric8.istio.api.api.networking.v1alpha3.Destination destination0(VirtualService vs) {
    return http0(vs).getRoute().get(0).getDestination();
  }

  static Gateway gateway() {
    return new GatewayBuilder()
        .withNewMetadata().withName("gw").withNamespace("shop").endMetadata()
        .withNewSpec().addToSelector("istio", "ingressgateway")
        .addNewServer().withHosts("shop.example.com").withNewPort("http", 80L, "HTTP", null).endServer()
        .addNewServer().withHosts("shop.example.com").withNewPort("https", 443L, "HTTPS", null)
        .withNewTls().withMode(io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSmode.SIMPLE)
        .withCredentialName("shop-tls").endTls().endServer()
        .endSpec()
        .build();
  }

  static Gateway gateway(Consumer<Gateway> mutation) {
    Gateway gateway = gateway();
    mutation.accept(gateway);
    return gateway;
  }

  static ServiceEntry serviceEntry() {
    return new ServiceEntryBuilder()
        .withNewMetadata().withName("payments").withNamespace("shop").endMetadata()
        .withNewSpec().withHosts("api.payments.example.com", "*.example.org")
        .addNewPort("https", 443L, "HTTPS", null)
        .withLocation(ServiceEntryLocation.MESH_EXTERNAL).withResolution(ServiceEntryResolution.DNS)
        .endSpec()
        .build();
  }

  /** Each object as a resource of group {@value #GROUP}, located at {@code <name>.yaml}. */
  static Resource resource(HasMetadata object) {
    return resource(object, GROUP);
  }

  static Resource resource(HasMetadata object, String group) {
    String file = object.getMetadata().getName() + ".yaml";
    return new Resource(object, path -> SourceLocation.of(file), group);
  }

  static List<Finding> validate(Scope scope, HasMetadata... objects) {
    return validate(scope, bookPods(), objects);
  }

  static List<Finding> validate(Scope scope, List<PodSet> pods, HasMetadata... objects) {
    List<Resource> resources = new ArrayList<>();
    for (HasMetadata object : objects) {
      resources.add(resource(object));
    }
    return mesh(Validator.validate(resources, pods, scope));
  }

  /** The baseline objects, with {@code replacements} standing in for the baseline object of the same kind and name. */
  static HasMetadata[] baseline(HasMetadata... replacements) {
    List<HasMetadata> objects = new ArrayList<>(List.of(reviews(), ratings(), ingressGateway(), destinationRule(),
        virtualService(), gateway(), serviceEntry()));
    for (HasMetadata replacement : replacements) {
      boolean replaced = false;
      for (int i = 0; i < objects.size(); i++) {
        HasMetadata object = objects.get(i);
        if (object.getClass() == replacement.getClass()
            && object.getMetadata().getName().equals(replacement.getMetadata().getName())) {
          objects.set(i, replacement);
          replaced = true;
        }
      }
      if (!replaced) {
        objects.add(replacement);
      }
    }
    return objects.toArray(HasMetadata[]::new);
  }

  /** The {@code mesh.*} findings: other rules (the Istio field rules) are not under test here. */
  static List<Finding> mesh(List<Finding> findings) {
    return findings.stream().filter(f -> f.rule().startsWith("mesh.")).toList();
  }

  /** The one finding of {@code rule} at {@code path}, with {@code severity}, whose message has every one of {@code texts}. */
  static Finding assertFinding(List<Finding> findings, String rule, Severity severity, String path, String... texts) {
    List<Finding> matching = findings.stream().filter(f -> f.rule().equals(rule) && f.path().equals(path)).toList();
    if (matching.size() != 1) {
      fail("expected one [" + rule + "] at " + path + " among:" + describe(findings));
    }
    Finding finding = matching.get(0);
    assertEquals(severity, finding.severity(), finding::format);
    for (String text : texts) {
      assertTrue(finding.message().contains(text), () -> "message lacks " + text + ": " + finding.format());
    }
    return finding;
  }

  static void assertNone(List<Finding> findings, String rule) {
    List<Finding> matching = findings.stream().filter(f -> f.rule().equals(rule)).toList();
    assertTrue(matching.isEmpty(), () -> "expected no [" + rule + "], got:" + describe(matching));
  }

  static Severity missing(Scope scope) {
    return scope == Scope.CLOSED ? Severity.ERROR : Severity.WARNING;
  }

  // ============================================================================ the baseline

  @ParameterizedTest
  @EnumSource(Scope.class)
  void theBaselineIsClean(Scope scope) {
    List<Finding> findings = validate(scope, baseline());
    assertTrue(findings.isEmpty(), () -> "expected no mesh.* findings:" + describe(findings));
  }

  @Test
  void withoutIstioObjectsNothingOfThisApplies() {
    Service bad = service("web", "web", port("metrics", 9090));
    assertTrue(validate(Scope.CLOSED, bad, reviews()).isEmpty());
    assertTrue(validate(Scope.OPEN, bad).isEmpty());
  }

  // ============================================================================ IST0101

  @Nested
  class ReferenceNotFound {
    @ParameterizedTest
    @EnumSource(Scope.class)
    void aDestinationHostThatIsNoServiceNorServiceEntry(Scope scope) {
      List<Finding> findings = validate(scope, baseline(virtualService(vs -> destination0(vs).setHost("reviewz"))));
      Finding f = assertFinding(findings, REF, missing(scope), ROUTE0 + ".host", "\"reviewz\"", "IST0101");
      assertEquals(SourceLocation.of("reviews.yaml"), f.location());
      assertEquals("VirtualService/shop/reviews", f.object());
      assertTrue(f.message().contains(scope == Scope.CLOSED ? "of the stack" : "in the input"), f::format);
      assertEquals(1, findings.stream().filter(x -> x.rule().equals(REF)).count(), () -> describe(findings));
    }

    @Test
    void aDestinationHostInAnotherNamespaceIsNotTheShortNamesService() {
      VirtualService elsewhere = virtualService(vs -> vs.getMetadata().setNamespace("other"));
      List<Finding> findings = validate(Scope.CLOSED, baseline(elsewhere));
      assertFinding(findings, REF, Severity.ERROR, ROUTE0 + ".host", "\"reviews\"", "IST0101");
    }

    @ParameterizedTest
    @EnumSource(Scope.class)
    void hostsThatResolveAreAccepted(Scope scope) {
      for (String host : List.of("reviews", "reviews.shop.svc.cluster.local", "ratings", "api.payments.example.com",
          "api.example.org")) {
        List<Finding> findings = validate(scope, baseline(virtualService(vs -> {
          destination0(vs).setHost(host);
          destination0(vs).setSubset(null);
        })));
        assertNone(findings, REF);
      }
    }

    @Test
    void aServiceEntryWildcardCoversOneLabelOnly() {
      List<Finding> findings = validate(Scope.CLOSED, baseline(virtualService(vs -> {
        destination0(vs).setHost("a.b.example.org");
        destination0(vs).setSubset(null);
      })));
      assertFinding(findings, REF, Severity.ERROR, ROUTE0 + ".host", "\"a.b.example.org\"");
    }

    @ParameterizedTest
    @EnumSource(Scope.class)
    void aSubsetTheDestinationRuleDoesNotDefineIsAnErrorInBothScopes(Scope scope) {
      List<Finding> findings = validate(scope, baseline(virtualService(vs -> destination0(vs).setSubset("v3"))));
      assertFinding(findings, REF, Severity.ERROR, ROUTE0 + ".subset", "\"v3\"", "[\"v1\", \"v2\"]", "IST0101");
      assertNone(validate(scope, baseline(virtualService(vs -> destination0(vs).setSubset("v2")))), REF);
    }

    @ParameterizedTest
    @EnumSource(Scope.class)
    void aSubsetOfAHostWithoutDestinationRule(Scope scope) {
      List<HasMetadata> objects = new ArrayList<>(List.of(baseline()));
      objects.removeIf(o -> o instanceof DestinationRule);
      List<Finding> findings = validate(scope, objects.toArray(HasMetadata[]::new));
      assertFinding(findings, REF, missing(scope), ROUTE0 + ".subset", "\"v1\"", "no DestinationRule", "IST0101");
      assertFinding(findings, REF, missing(scope), "spec.http[0].route[1].destination.subset", "\"v2\"");
    }

    @Test
    void aDestinationRuleForAnotherHostDefinesNothingForThisOne() {
      List<Finding> findings = validate(Scope.CLOSED, baseline(destinationRule(rule -> rule.getSpec().setHost("ratings"))));
      assertFinding(findings, REF, Severity.ERROR, ROUTE0 + ".subset", "\"v1\"", "no DestinationRule");
    }

    @Test
    void theDestinationRuleMayNameTheHostByItsFullName() {
      List<Finding> findings = validate(Scope.CLOSED, baseline(destinationRule(rule -> rule.getSpec()
          .setHost("reviews.shop.svc.cluster.local"))));
      assertNone(findings, REF);
    }

    @ParameterizedTest
    @EnumSource(Scope.class)
    void mirrorsAreDestinationsToo(Scope scope) {
      VirtualService vs = virtualService(v -> {
        http0(v).setMirror(new io.fabric8.istio.api.api.networking.v1alpha3.Destination("nowhere", null, null));
        http0(v).setMirrors(new ArrayList<>(List.of(new io.fabric8.istio.api.api.networking.v1alpha3.HTTPMirrorPolicy(
            new io.fabric8.istio.api.api.networking.v1alpha3.Destination("reviews", null, "v9"), null))));
      });
      List<Finding> findings = validate(scope, baseline(vs));
      assertFinding(findings, REF, missing(scope), "spec.http[0].mirror.host", "\"nowhere\"", "IST0101");
      assertFinding(findings, REF, Severity.ERROR, "spec.http[0].mirrors[0].destination.subset", "\"v9\"");
    }

    @ParameterizedTest
    @EnumSource(Scope.class)
    void tcpAndTlsRouteDestinationsToo(Scope scope) {
      VirtualService vs = virtualService(v -> {
        v.getSpec().setTcp(List.of(new io.fabric8.istio.api.api.networking.v1alpha3.TCPRoute(null, new ArrayList<>(
            List.of(new io.fabric8.istio.api.api.networking.v1alpha3.RouteDestination(
                new io.fabric8.istio.api.api.networking.v1alpha3.Destination("reviews", null, "v2"), null),
                new io.fabric8.istio.api.api.networking.v1alpha3.RouteDestination(
                new io.fabric8.istio.api.api.networking.v1alpha3.Destination("db", null, null), null))))));
        v.getSpec().setTls(List.of(new io.fabric8.istio.api.api.networking.v1alpha3.TLSRoute(null, new ArrayList<>(
            List.of(new io.fabric8.istio.api.api.networking.v1alpha3.RouteDestination(
                new io.fabric8.istio.api.api.networking.v1alpha3.Destination("reviews", null, "v7"), null))))));
      });
      List<Finding> findings = validate(scope, baseline(vs));
      assertFinding(findings, REF, missing(scope), "spec.tcp[0].route[1].destination.host", "\"db\"", "IST0101");
      assertFinding(findings, REF, Severity.ERROR, "spec.tls[0].route[0].destination.subset", "\"v7\"", "IST0101");
      assertEquals(2, findings.stream().filter(f -> f.rule().equals(REF)).count(), () -> "reviews/v2 exists:"
          + describe(findings));
    }

    @ParameterizedTest
    @EnumSource(Scope.class)
    void aGatewayThatIsNotThere(Scope scope) {
      VirtualService vs = virtualService(v -> v.getSpec().setGateways(new ArrayList<>(List.of("mesh", "gw",
          "shop/gw", "gateway", "istio-system/gw"))));
      List<Finding> findings = validate(scope, baseline(vs));
      assertFinding(findings, REF, missing(scope), "spec.gateways[3]", "\"gateway\"", "IST0101");
      assertFinding(findings, REF, missing(scope), "spec.gateways[4]", "\"istio-system/gw\"", "IST0101");
      assertEquals(2, findings.stream().filter(f -> f.rule().equals(REF)).count(),
          () -> "mesh, gw and shop/gw exist:" + describe(findings));
    }

    @Test
    void inAClosedScopeOnlyTheSameGroupCountsInAnOpenOneEverything() {
      List<Resource> resources = List.of(resource(reviews(), "prod"), resource(destinationRule(), "prod"),
          resource(virtualService(), "staging"));
      List<Finding> closed = mesh(Validator.validate(resources, bookPods(), Scope.CLOSED));
      assertFinding(closed, REF, Severity.ERROR, ROUTE0 + ".host", "\"reviews\"");
      assertNone(mesh(Validator.validate(resources, bookPods(), Scope.OPEN)), REF);
    }
  }

  // ============================================================================ IST0109

  @Nested
  class HostConflict {
    static final String CONFLICT = "mesh.host-conflict";

    @ParameterizedTest
    @EnumSource(Scope.class)
    void twoMeshVirtualServicesForOneHost(Scope scope) {
      List<Finding> findings = validate(scope, baseline(virtualService("reviews-canary", "reviews")));
      Finding f = assertFinding(findings, CONFLICT, Severity.ERROR, "spec.hosts[0]", "\"reviews\"",
          "VirtualService/shop/reviews", "IST0109");
      assertEquals("VirtualService/shop/reviews-canary", f.object());
      assertTrue(f.message().contains("reviews.yaml"), f::format);
    }

    @Test
    void aShortNameAndTheFullNameAreOneHost() {
      VirtualService full = virtualService("reviews-full", "reviews.shop.svc.cluster.local");
      full.getSpec().getHosts().add(0, "ratings");
      List<Finding> findings = validate(Scope.CLOSED, baseline(full));
      assertFinding(findings, CONFLICT, Severity.ERROR, "spec.hosts[1]", "\"reviews.shop.svc.cluster.local\"");
    }

    @Test
    void aVirtualServiceBoundToTheMeshAndAGatewayIsAMeshOne() {
      VirtualService both = virtualService("reviews-edge", "reviews");
      both.getSpec().setGateways(new ArrayList<>(List.of("gw", "mesh")));
      assertFinding(validate(Scope.CLOSED, baseline(both)), CONFLICT, Severity.ERROR, "spec.hosts[0]", "\"reviews\"");
    }

    @Test
    void nearMisses() {
      VirtualService edge = virtualService("reviews-edge", "reviews");
      edge.getSpec().setGateways(new ArrayList<>(List.of("gw")));
      assertNone(validate(Scope.CLOSED, baseline(edge)), CONFLICT);
      VirtualService otherHost = virtualService("ratings", "ratings");
      assertNone(validate(Scope.CLOSED, baseline(otherHost)), CONFLICT);
      VirtualService otherNamespace = virtualService("reviews", "reviews");
      otherNamespace.getMetadata().setNamespace("other");
      assertNone(validate(Scope.OPEN, baseline(otherNamespace)), CONFLICT);
      VirtualService twice = virtualService("reviews", "reviews");
      twice.getSpec().getHosts().add("reviews");
      assertNone(validate(Scope.CLOSED, baseline(twice)), CONFLICT);
    }

    @Test
    void differentGroupsDoNotConflict() {
      List<Resource> resources = new ArrayList<>();
      for (String group : List.of("prod", "staging")) {
        for (HasMetadata object : List.of(reviews(), destinationRule(), virtualService())) {
          resources.add(resource(object, group));
        }
      }
      assertNone(mesh(Validator.validate(resources, bookPods(), Scope.CLOSED)), CONFLICT);
    }
  }

  // ============================================================================ IST0118

  @Nested
  class PortName {
    static final String RULE = "mesh.port-name";

    @ParameterizedTest
    @EnumSource(Scope.class)
    void aPortNameIstioCannotReadIsAWarning(Scope scope) {
      Service web = service("web", "web", port("http", 80), port("metrics", 9090));
      List<Finding> findings = validate(scope, baseline(web));
      Finding f = assertFinding(findings, RULE, Severity.WARNING, "spec.ports[1].name", "\"metrics\"", "IST0118",
          "plain TCP");
      assertEquals("Service/shop/web", f.object());
      assertEquals(1, findings.size(), () -> describe(findings));
    }

    @Test
    void anAppProtocolIstioDoesNotKnowIsNamedInTheMessage() {
      ServicePort port = port("metrics", 9090);
      port.setAppProtocol("prometheus");
      Finding f = assertFinding(validate(Scope.CLOSED, baseline(service("web", "web", port))), RULE, Severity.WARNING,
          "spec.ports[0].name", "\"metrics\"", "appProtocol \"prometheus\"", "IST0118");
      assertTrue(!f.message().contains("has no appProtocol"), f::format);
    }

    @Test
    void anUnnamedPortIsReportedAtThePort() {
      Service web = service("web", "web", new ServicePortBuilder().withPort(8080).withProtocol("TCP").build());
      assertFinding(validate(Scope.CLOSED, baseline(web)), RULE, Severity.WARNING, "spec.ports[0]", "unnamed port",
          "IST0118");
    }

    @Test
    void nearMisses() {
      ServicePort withAppProtocol = port("metrics", 9090);
      withAppProtocol.setAppProtocol("http");
      ServicePort udp = new ServicePortBuilder().withName("dns").withPort(53).withProtocol("UDP").build();
      ServicePort mysql = new ServicePortBuilder().withPort(3306).withProtocol("TCP").build();
      ServicePort h2c = port("web", 8081);
      h2c.setAppProtocol("kubernetes.io/h2c");
      Service web = service("web", "web", port("http-web", 80), port("grpc", 9000), port("tcp", 9001),
          port("tls-db", 5432), withAppProtocol, udp, h2c);
      assertNone(validate(Scope.CLOSED, baseline(web)), RULE);
      assertNone(validate(Scope.CLOSED, baseline(service("db", "db", mysql))), RULE);
    }

    @Test
    void onlyNamespacesWithIstioObjectsAreChecked() {
      Service elsewhere = service("web", "web", port("metrics", 9090));
      elsewhere.getMetadata().setNamespace("plain");
      assertNone(validate(Scope.CLOSED, baseline(elsewhere)), RULE);
      Service externalName = service("legacy", "legacy", port("metrics", 9090));
      externalName.getSpec().setType("ExternalName");
      externalName.getSpec().setExternalName("legacy.example.com");
      externalName.getSpec().setSelector(null);
      assertNone(validate(Scope.CLOSED, baseline(externalName)), RULE);
    }
  }

  // ============================================================================ IST0162

  @Nested
  class GatewayPort {
    static final String RULE = "mesh.gateway-port";

    @ParameterizedTest
    @EnumSource(Scope.class)
    void aServerPortTheIngressGatewaysServiceLacks(Scope scope) {
      Gateway gw = gateway(g -> g.getSpec().getServers().get(1).getPort().setNumber(9443L));
      List<Finding> findings = validate(scope, baseline(gw));
      Finding f = assertFinding(findings, RULE, Severity.ERROR, "spec.servers[1].port.number", "9443",
          "istio=ingressgateway", "IST0162");
      assertEquals("Gateway/shop/gw", f.object());
    }

    @Test
    void aServicePortOrItsTargetPortIsAccepted() {
      assertNone(validate(Scope.CLOSED, baseline(gateway(g -> g.getSpec().getServers().get(1).getPort()
          .setNumber(8443L)))), RULE);
      assertNone(validate(Scope.CLOSED, baseline(gateway(g -> g.getSpec().getServers().get(0).getPort()
          .setNumber(8080L)))), RULE);
    }

    @Test
    void withoutTheIngressGatewaysServiceThereIsNothingToCompare() {
      List<HasMetadata> objects = new ArrayList<>(List.of(baseline(gateway(g -> g.getSpec().getServers().get(1)
          .getPort().setNumber(9443L)))));
      objects.removeIf(o -> o.getMetadata().getName().equals("istio-ingressgateway"));
      assertNone(validate(Scope.CLOSED, objects.toArray(HasMetadata[]::new)), RULE);
      Gateway noSelector = gateway(g -> {
        g.getSpec().setSelector(null);
        g.getSpec().getServers().get(1).getPort().setNumber(9443L);
      });
      assertNone(validate(Scope.CLOSED, baseline(noSelector)), RULE);
    }

    @Test
    void anotherStackEnvironmentsServiceIsNotTheGatewaysInAClosedScope() {
      Gateway gw = gateway(g -> g.getSpec().getServers().get(1).getPort().setNumber(9443L));
      List<Resource> resources = List.of(resource(gw, "staging"), resource(ingressGateway(), "prod"));
      assertNone(mesh(Validator.validate(resources, List.of(), Scope.CLOSED)), RULE);
      assertFinding(mesh(Validator.validate(resources, List.of(), Scope.OPEN)), RULE, Severity.ERROR,
          "spec.servers[1].port.number", "9443");
    }
  }

  // ============================================================================ IST0173

  @Nested
  class SubsetNoPods {
    static final String RULE = "mesh.subset-no-pods";

    @ParameterizedTest
    @EnumSource(Scope.class)
    void aSubsetNoPodCarries(Scope scope) {
      DestinationRule rule = destinationRule(r -> r.getSpec().getSubsets().add(
          new io.fabric8.istio.api.api.networking.v1alpha3.Subset(Map.of("version", "v3"), "v3", null)));
      List<Finding> findings = validate(scope, baseline(rule));
      Finding f = assertFinding(findings, RULE, Severity.WARNING, "spec.subsets[2]", "\"v3\"", "version=v3",
          "app=reviews", "IST0173");
      assertEquals("DestinationRule/shop/reviews", f.object());
      assertEquals(1, findings.stream().filter(x -> x.rule().equals(RULE)).count(), () -> describe(findings));
    }

    @Test
    void aSubsetWithoutLabelsSelectsTheServicesPods() {
      DestinationRule rule = destinationRule(r -> r.getSpec().getSubsets().get(0).setLabels(null));
      assertNone(validate(Scope.CLOSED, baseline(rule)), RULE);
    }

    @Test
    void podsOfAnotherNamespaceOrGroupDoNotCount() {
      List<PodSet> pods = List.of(pods("App(reviews-v1)", "other", Map.of("app", "reviews", "version", "v1")),
          new PodSet("App(reviews-v2)", "shop", Map.of("app", "reviews", "version", "v2"), List.of(),
              new SourceLocation("Book.java", 2), "another-group"));
      List<Finding> closed = validate(Scope.CLOSED, pods, baseline());
      assertFinding(closed, RULE, Severity.WARNING, "spec.subsets[0]", "\"v1\"");
      assertFinding(closed, RULE, Severity.WARNING, "spec.subsets[1]", "\"v2\"");
    }

    @Test
    void inAnOpenScopePodsMayLiveElsewhere() {
      assertNone(validate(Scope.OPEN, List.of(), baseline()), RULE);
      List<PodSet> onlyV1 = List.of(pods("App(reviews-v1)", "shop", Map.of("app", "reviews", "version", "v1")));
      assertFinding(validate(Scope.OPEN, onlyV1, baseline()), RULE, Severity.WARNING, "spec.subsets[1]", "\"v2\"");
    }

    @Test
    void aHostThatIsNoServiceOfTheInputIsNotChecked() {
      DestinationRule external = destinationRule(r -> r.getSpec().setHost("api.payments.example.com"));
      external.getMetadata().setName("payments");
      assertNone(validate(Scope.CLOSED, List.of(), baseline(external)).stream()
          .filter(f -> f.object().equals("DestinationRule/shop/payments")).toList(), RULE);
    }
  }
}
