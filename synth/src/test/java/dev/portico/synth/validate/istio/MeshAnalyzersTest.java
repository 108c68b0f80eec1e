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
import java.util.HashMap;
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
    void aServiceEntryWildcardCoversEveryDepthAsUpstreamFindsIt() {
      // GetDestinationHost: "*.example.org" finds every host ending in ".example.org", as Envoy's suffix match does
      assertNone(validate(Scope.CLOSED, baseline(virtualService(vs -> {
        destination0(vs).setHost("a.b.example.org");
        destination0(vs).setSubset(null);
      }))), REF);
      List<Finding> findings = validate(Scope.CLOSED, baseline(virtualService(vs -> {
        destination0(vs).setHost("example.org");
        destination0(vs).setSubset(null);
      })));
      assertFinding(findings, REF, Severity.ERROR, ROUTE0 + ".host", "\"example.org\"");
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

  // ============================================================================ IST0101: exportTo

  /** Visibility as upstream's analyzers/util/service_lookup.go computes it. */
  @Nested
  class ExportTo {
    Service annotated(Service service, String exportTo) {
      service.getMetadata().setAnnotations(new HashMap<>(Map.of("networking.istio.io/exportTo", exportTo)));
      return service;
    }

    VirtualService from(String ns, String... exportTo) {
      VirtualService vs = virtualService(v -> {
        v.getMetadata().setNamespace(ns);
        destination0(v).setHost("reviews.shop.svc.cluster.local");
        destination0(v).setSubset(null);
        http0(v).getRoute().remove(1);
        v.getSpec().setHosts(new ArrayList<>(List.of("reviews.shop.svc.cluster.local")));
      });
      if (exportTo.length > 0) {
        vs.getSpec().setExportTo(new ArrayList<>(List.of(exportTo)));
      }
      return vs;
    }

    List<Finding> refs(Scope scope, HasMetadata... replacements) {
      return of(validate(scope, baseline(replacements)), REF);
    }

    @ParameterizedTest
    @EnumSource(Scope.class)
    void aServiceExportedToItsOwnNamespaceIsNotVisibleFromAnother(Scope scope) {
      List<Finding> findings = refs(scope, annotated(reviews(), "."), from("web"));
      Finding f = assertFinding(findings, REF, Severity.ERROR, ROUTE0 + ".host", "Service/shop/reviews",
          "exported only to [\"shop\"]", "networking.istio.io/exportTo", "namespace \"web\"", "IST0101");
      assertEquals("VirtualService/web/reviews", f.object());
    }

    @Test
    void visibleNearMisses() {
      assertNone(refs(Scope.OPEN, annotated(reviews(), "."), from("shop")), REF);          // own namespace
      assertNone(refs(Scope.OPEN, annotated(reviews(), "web, other"), from("web")), REF);  // named, with a space
      assertNone(refs(Scope.OPEN, annotated(reviews(), "*"), from("web")), REF);           // everyone
      assertNone(refs(Scope.OPEN, reviews(), from("web")), REF);                           // mesh-wide default
      // upstream looks in the namespaces the VirtualService is exported to
      assertNone(refs(Scope.OPEN, annotated(reviews(), "."), from("web", "shop")), REF);
    }

    @Test
    void aVirtualServiceExportedElsewhereLooksThere() {
      Finding f = assertFinding(refs(Scope.OPEN, annotated(reviews(), "."), from("shop", "web")), REF, Severity.ERROR,
          ROUTE0 + ".host", "the namespaces the VirtualService is exported to, [\"web\"]");
      assertTrue(f.message().contains("IST0101"), f::format);
    }

    @Test
    void aServiceEntryExportTo() {
      ServiceEntry hidden = serviceEntry();
      hidden.getSpec().setExportTo(new ArrayList<>(List.of(".")));
      VirtualService toPayments = virtualService(v -> {
        v.getMetadata().setNamespace("web");
        destination0(v).setHost("api.payments.example.com");
        destination0(v).setSubset(null);
        http0(v).getRoute().remove(1);
      });
      assertFinding(refs(Scope.OPEN, hidden, toPayments), REF, Severity.ERROR, ROUTE0 + ".host",
          "ServiceEntry/shop/payments", "(exportTo)");
      ServiceEntry nobody = serviceEntry();
      nobody.getSpec().setExportTo(new ArrayList<>(List.of("~")));
      assertFinding(refs(Scope.OPEN, nobody, virtualService(v -> {
        destination0(v).setHost("api.payments.example.com");
        destination0(v).setSubset(null);
      })), REF, Severity.ERROR, ROUTE0 + ".host", "exported only to [\"~\"]");
      ServiceEntry toWeb = serviceEntry();
      toWeb.getSpec().setExportTo(new ArrayList<>(List.of("web")));
      assertNone(refs(Scope.OPEN, toWeb, toPayments), REF);
    }

    @Test
    void aWildcardServiceEntryIsFoundOnlyWhenExportedToAllOrTheVirtualServicesNamespace() {
      // GetDestinationHost: wildcard entries scoped to neither "*" nor the VirtualService's namespace are skipped
      ServiceEntry wildcard = serviceEntry();
      wildcard.getSpec().setExportTo(new ArrayList<>(List.of("shop")));
      VirtualService toOrg = virtualService(v -> {
        destination0(v).setHost("api.example.org");
        destination0(v).setSubset(null);
      });
      assertNone(refs(Scope.OPEN, wildcard, toOrg), REF);
      VirtualService fromWeb = virtualService(v -> {
        v.getMetadata().setNamespace("web");
        v.getSpec().setExportTo(new ArrayList<>(List.of("shop")));
        destination0(v).setHost("api.example.org");
        destination0(v).setSubset(null);
      });
      assertFinding(refs(Scope.OPEN, wildcard, fromWeb), REF, Severity.ERROR, ROUTE0 + ".host", "\"api.example.org\"");
    }

    @Test
    void aSubsetOnlyAHiddenDestinationRuleDefinesIsAWarning() {
      // beyond istioctl analyze, which ignores a DestinationRule's exportTo for subsets
      DestinationRule local = destinationRule(r -> r.getSpec().setExportTo(new ArrayList<>(List.of("."))));
      VirtualService fromWeb = virtualService(v -> {
        v.getMetadata().setNamespace("web");
        destination0(v).setHost("reviews.shop.svc.cluster.local");
        http0(v).getRoute().get(1).getDestination().setHost("reviews.shop.svc.cluster.local");
      });
      List<Finding> findings = refs(Scope.OPEN, local, fromWeb);
      assertFinding(findings, REF, Severity.WARNING, ROUTE0 + ".subset", "DestinationRule/shop/reviews",
          "exported only to [\"shop\"]", "IST0101");
      assertNone(refs(Scope.OPEN, destinationRule(), fromWeb), REF);
    }
  }

  // ============================================================================ IST0101: ports and subsets

  @Nested
  class DestinationPortAndSubset {
    @ParameterizedTest
    @EnumSource(Scope.class)
    void aDestinationPortTheServiceLacks(Scope scope) {
      // checkServiceEntryPorts: "host:port" not found
      VirtualService vs = virtualService(v -> destination0(v).setPort(
          new io.fabric8.istio.api.api.networking.v1alpha3.PortSelector(9081L)));
      Finding f = assertFinding(validate(scope, baseline(vs)), REF, Severity.ERROR, ROUTE0 + ".port.number",
          "9081 is not a port of Service/shop/reviews", "[9080]", "\"reviews:9081\"", "IST0101");
      assertEquals("VirtualService/shop/reviews", f.object());
    }

    @Test
    void portNearMisses() {
      assertNone(validate(Scope.CLOSED, baseline(virtualService(v -> destination0(v).setPort(
          new io.fabric8.istio.api.api.networking.v1alpha3.PortSelector(9080L))))), REF);
      VirtualService toEntry = virtualService(v -> {
        destination0(v).setHost("api.payments.example.com");
        destination0(v).setSubset(null);
        destination0(v).setPort(new io.fabric8.istio.api.api.networking.v1alpha3.PortSelector(443L));
      });
      assertNone(validate(Scope.CLOSED, baseline(toEntry)), REF);
      toEntry.getSpec().getHttp().get(0).getRoute().get(0).getDestination().getPort().setNumber(8443L);
      assertFinding(validate(Scope.CLOSED, baseline(toEntry)), REF, Severity.ERROR, ROUTE0 + ".port.number",
          "ServiceEntry/shop/payments", "[443]");
    }

    @ParameterizedTest
    @EnumSource(Scope.class)
    void aSubsetIsCheckedWhenTheServiceIsAbsentButItsDestinationRuleIsThere(Scope scope) {
      // destinationrules.go looks subsets up whether or not the host resolves
      List<HasMetadata> objects = new ArrayList<>(List.of(baseline(virtualService(v -> destination0(v)
          .setSubset("v3")))));
      objects.removeIf(o -> o instanceof Service service && service.getMetadata().getName().equals("reviews"));
      List<Finding> findings = validate(scope, objects.toArray(HasMetadata[]::new));
      assertFinding(findings, REF, missing(scope), ROUTE0 + ".host", "\"reviews\"");
      assertFinding(findings, REF, Severity.ERROR, ROUTE0 + ".subset", "\"v3\"", "[\"v1\", \"v2\"]", "IST0101");
      // near miss: a subset it defines
      List<HasMetadata> defined = new ArrayList<>(List.of(baseline()));
      defined.removeIf(o -> o instanceof Service service && service.getMetadata().getName().equals("reviews"));
      assertNone(validate(scope, defined.toArray(HasMetadata[]::new)).stream()
          .filter(x -> x.path().endsWith(".subset")).toList(), REF);
    }
  }

  // ============================================================================ IST0109

  @Nested
  class HostConflict {
    static final String CONFLICT = "mesh.host-conflict";

    @ParameterizedTest
    @EnumSource(Scope.class)
    void twoMeshVirtualServicesForOneHostEachGetAFinding(Scope scope) {
      List<Finding> findings = of(validate(scope, baseline(virtualService("reviews-canary", "reviews"))), CONFLICT);
      assertEquals(2, findings.size(), () -> describe(findings));
      Finding canary = one(findings, "VirtualService/shop/reviews-canary");
      assertEquals("spec.hosts[0]", canary.path());
      assertEquals(Severity.ERROR, canary.severity());
      assertTrue(canary.message().contains("VirtualService/shop/reviews (reviews.yaml)"), canary::format);
      assertTrue(canary.message().contains("IST0109"), canary::format);
      Finding reviews = one(findings, "VirtualService/shop/reviews");
      assertTrue(reviews.message().contains("VirtualService/shop/reviews-canary (reviews-canary.yaml)"),
          reviews::format);
    }

    @Test
    void aShortNameAndTheFullNameAreOneHost() {
      VirtualService full = virtualService("reviews-full", "reviews.shop.svc.cluster.local");
      full.getSpec().getHosts().add(0, "ratings");
      List<Finding> findings = of(validate(Scope.CLOSED, baseline(full)), CONFLICT);
      assertEquals("spec.hosts[1]", one(findings, "VirtualService/shop/reviews-full").path());
      assertEquals("spec.hosts[0]", one(findings, "VirtualService/shop/reviews").path());
    }

    @Test
    void aVirtualServiceBoundToTheMeshAndAGatewayIsAMeshOne() {
      VirtualService both = virtualService("reviews-edge", "reviews");
      both.getSpec().setGateways(new ArrayList<>(List.of("gw", "mesh")));
      assertEquals(2, of(validate(Scope.CLOSED, baseline(both)), CONFLICT).size());
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
      // validate's groups are clusters too (a folder with a kustomization.yaml): two environments do not conflict
      assertNone(mesh(Validator.validate(resources, bookPods(), Scope.OPEN)), CONFLICT);
    }

    /** A VirtualService for host {@code host} in namespace {@code ns}, exported to {@code exportTo}. */
    VirtualService exported(String name, String ns, String host, String... exportTo) {
      VirtualService vs = virtualService(name, host);
      vs.getMetadata().setNamespace(ns);
      vs.getSpec().setExportTo(new ArrayList<>(List.of(exportTo)));
      return vs;
    }

    List<Finding> conflicts(HasMetadata... objects) {
      return of(validate(Scope.OPEN, List.of(), objects), CONFLICT);
    }

    // upstream testdata virtualservice_conflictingmeshgatewayhosts(_with_exportto).yaml, case by case

    @Test
    void virtualServicesThatCanNeverSeeEachOtherDoNotConflict() {
      // team1 and team2 both export only to their own namespace: ratings.team1 is never seen from both
      assertTrue(conflicts(exported("ratings", "team1", "ratings", "."),
          exported("ratings", "team2", "ratings.team1.svc.cluster.local", ".")).isEmpty());
      // productpage-b: foo exports to foo, bar to bar
      assertTrue(conflicts(exported("productpage-b", "foo", "*.productpage.b", "foo"),
          exported("productpage-b", "bar", "*.productpage.b", ".")).isEmpty());
    }

    @Test
    void virtualServicesExportedToOneNamespaceConflictThere() {
      // team2's VirtualService is exported to team1, where team1's own one lives
      List<Finding> findings = conflicts(exported("ratings", "team1", "ratings", "."),
          exported("ratings", "team2", "ratings.team1.svc.cluster.local", "team1"));
      assertEquals(2, findings.size(), () -> describe(findings));
      assertTrue(one(findings, "VirtualService/team2/ratings").message().contains("in namespace \"team1\""));
    }

    @Test
    void exportedToAllMeetsEveryNamespace() {
      // productpage-c: foo exports to foo, bar to "*"
      List<Finding> findings = conflicts(exported("productpage-c", "foo", "*.productpage.c", "foo"),
          exported("productpage-c", "bar", "*.productpage.c", "*"));
      assertEquals(2, findings.size(), () -> describe(findings));
      // team3 ("*") and team4 (no exportTo: every namespace)
      List<Finding> teams = conflicts(exported("ratings", "team3", "ratings", "*"),
          exported("ratings", "team4", "ratings.team3.svc.cluster.local"));
      assertEquals(2, teams.size(), () -> describe(teams));
    }

    @Test
    void wildcardHostsOverlapAsIstiosHostMatchingDefines() {
      // productpage-d: "*.productpage.d" exported to foo meets "*.d" exported everywhere
      List<Finding> findings = conflicts(exported("productpage-d", "foo", "*.productpage.d", "."),
          exported("productpage-d", "bar", "*.d", "*"));
      assertEquals(2, findings.size(), () -> describe(findings));
      assertTrue(one(findings, "VirtualService/foo/productpage-d").message().contains("VirtualService/bar/productpage-d"));
      // *.example.com against *.shop.example.com and against a.example.com
      assertEquals(2, conflicts(exported("shop", "shop", "*.shop.example.com", "."),
          exported("all", "web", "*.example.com")).size());
      assertEquals(2, conflicts(exported("a", "shop", "a.example.com", "."),
          exported("all", "web", "*.example.com")).size());
      assertEquals(2, conflicts(exported("a", "shop", "a.b.example.com", "."),
          exported("all", "web", "*.example.com")).size());
    }

    @Test
    void wildcardNearMisses() {
      // no overlap: *.example.com does not match example.com, nor *.shop.example.org
      assertTrue(conflicts(exported("a", "shop", "example.com", "."), exported("all", "web", "*.example.com")).isEmpty());
      assertTrue(conflicts(exported("a", "shop", "*.shop.example.org", "."),
          exported("all", "web", "*.example.com")).isEmpty());
      // as upstream: two VirtualServices exported everywhere meet only on one and the same host, since each
      // request goes to the most specific of Envoy's domains
      assertTrue(conflicts(exported("a", "shop", "a.example.com"), exported("all", "web", "*.example.com")).isEmpty());
    }
  }

  /** The findings of {@code rule}. */
  static List<Finding> of(List<Finding> findings, String rule) {
    return findings.stream().filter(f -> f.rule().equals(rule)).toList();
  }

  /** The one finding about {@code object}. */
  static Finding one(List<Finding> findings, String object) {
    List<Finding> about = findings.stream().filter(f -> f.object().equals(object)).toList();
    assertEquals(1, about.size(), () -> "expected one finding about " + object + ":" + describe(findings));
    return about.get(0);
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

    @ParameterizedTest
    @EnumSource(Scope.class)
    void withoutAGatewayWorkloadIstioctlsDefaultIngressGatewayIsAssumed(Scope scope) {
      // local/defaults.go: istio-system/istio-ingressgateway, pods istio=ingressgateway, ports 80, 443, 31400, 15443
      List<HasMetadata> objects = new ArrayList<>(List.of(baseline(gateway(g -> g.getSpec().getServers().get(1)
          .getPort().setNumber(9443L)))));
      objects.removeIf(o -> o.getMetadata().getName().equals("istio-ingressgateway"));
      Finding f = assertFinding(validate(scope, objects.toArray(HasMetadata[]::new)), RULE, Severity.ERROR,
          "spec.servers[1].port.number", "9443", "[80, 443, 15443, 31400]", "default ingress gateway", "IST0162");
      assertEquals("Gateway/shop/gw", f.object());
      for (long port : List.of(80L, 443L, 31_400L, 15_443L)) {
        objects.set(objects.size() - 2, gateway(g -> g.getSpec().getServers().get(1).getPort().setNumber(port)));
        assertNone(validate(scope, objects.toArray(HasMetadata[]::new)), RULE);
      }
    }

    @Test
    void aGatewayWorkloadOfTheInputReplacesTheDefault() {
      // the input's gateway pods and the Service selecting them decide; 31400 is then no port
      PodSet ingressPods = new PodSet("Deployment/istio-system/ingress", "istio-system",
          Map.of("istio", "ingressgateway", "app", "ingress"), List.of(), new SourceLocation("ingress.yaml", 1), GROUP);
      Service custom = new ServiceBuilder()
          .withNewMetadata().withName("ingress").withNamespace("istio-system").endMetadata()
          .withNewSpec().addToSelector("app", "ingress")
          .addNewPort().withName("http2").withPort(80).withProtocol("TCP").withTargetPort(new IntOrString(8080)).endPort()
          .endSpec().build();
      List<HasMetadata> objects = new ArrayList<>(List.of(baseline(custom, gateway(g -> g.getSpec().getServers().get(1)
          .getPort().setNumber(31_400L)))));
      objects.removeIf(o -> o.getMetadata().getName().equals("istio-ingressgateway"));
      List<Finding> findings = validate(Scope.OPEN, List.of(ingressPods), objects.toArray(HasMetadata[]::new));
      assertFinding(findings, RULE, Severity.ERROR, "spec.servers[1].port.number", "31400", "[80, 8080]");
      assertNone(findings.stream().filter(x -> x.path().equals("spec.servers[0].port.number")).toList(), RULE);
    }

    @Test
    void aGatewaysSelectorWithoutWorkloadsIsAWarningWhenReadingFiles() {
      // gateway/gateway.go: no pod matches the selector -> IST0101 (a warning here: the pods may be elsewhere)
      Gateway custom = gateway(g -> g.getSpec().setSelector(new HashMap<>(Map.of("istio", "eastwestgateway"))));
      Finding f = assertFinding(validate(Scope.OPEN, baseline(custom)), REF, Severity.WARNING, "spec.selector",
          "selects no workload in the input", "istio=eastwestgateway", "IST0101");
      assertEquals("Gateway/shop/gw", f.object());
      // a stack never holds its ingress gateway's pods: not checked there
      assertNone(validate(Scope.CLOSED, baseline(custom)), REF);
      // the default gateway, or a workload of the input, is selected
      assertNone(validate(Scope.OPEN, baseline()), REF);
      PodSet eastWest = new PodSet("Deployment/istio-system/eastwest", "istio-system",
          Map.of("istio", "eastwestgateway"), List.of(), new SourceLocation("ew.yaml", 1), GROUP);
      assertNone(validate(Scope.OPEN, List.of(eastWest), baseline(custom)), REF);
    }

    @Test
    void noSelectorNothingToCompare() {
      Gateway noSelector = gateway(g -> {
        g.getSpec().setSelector(null);
        g.getSpec().getServers().get(1).getPort().setNumber(9443L);
      });
      assertNone(validate(Scope.CLOSED, baseline(noSelector)), RULE);
    }

    @Test
    void anotherStackEnvironmentsServiceIsNotTheGatewaysInAClosedScope() {
      Gateway gw = gateway(g -> g.getSpec().getServers().get(1).getPort().setNumber(8443L));
      List<Resource> resources = List.of(resource(gw, "staging"), resource(ingressGateway(), "prod"));
      // in staging the default gateway is assumed, which lacks 8443; in the open input prod's Service has it
      assertFinding(mesh(Validator.validate(resources, List.of(), Scope.CLOSED)), RULE, Severity.ERROR,
          "spec.servers[1].port.number", "8443", "default ingress gateway");
      assertNone(mesh(Validator.validate(resources, List.of(), Scope.OPEN)), RULE);
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
    void labelsIstioAddsFromTheNodeDoNotMakeItFire() {
      // AugmentLabels adds region, zone, subzone, hostname, cluster and network to every endpoint
      for (String label : List.of("topology.kubernetes.io/zone", "topology.kubernetes.io/region",
          "topology.istio.io/subzone", "kubernetes.io/hostname", "topology.istio.io/cluster",
          "topology.istio.io/network")) {
        DestinationRule rule = destinationRule(r -> r.getSpec().getSubsets().add(
            new io.fabric8.istio.api.api.networking.v1alpha3.Subset(Map.of(label, "x", "version", "v1"), "local", null)));
        assertNone(validate(Scope.CLOSED, baseline(rule)), RULE);
      }
      // near miss: the pod labels of the subset still count
      DestinationRule v3 = destinationRule(r -> r.getSpec().getSubsets().add(new io.fabric8.istio.api.api.networking
          .v1alpha3.Subset(Map.of("topology.kubernetes.io/zone", "eu-1a", "version", "v3"), "v3-eu", null)));
      assertFinding(validate(Scope.CLOSED, baseline(v3)), RULE, Severity.WARNING, "spec.subsets[2]", "version=v3");
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
