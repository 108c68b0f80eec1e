package dev.portico.synth.emit;

import static dev.portico.synth.emit.NetworkPolicyEmitterTest.FILE;
import static dev.portico.synth.emit.NetworkPolicyEmitterTest.GRPC;
import static dev.portico.synth.emit.NetworkPolicyEmitterTest.HTTP;
import static dev.portico.synth.emit.NetworkPolicyEmitterTest.here;
import static dev.portico.synth.emit.NetworkPolicyEmitterTest.synth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.App;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.Mesh;
import dev.portico.dsl.MeshMatch;
import dev.portico.dsl.MtlsMode;
import dev.portico.dsl.Port;
import dev.portico.dsl.Service;
import dev.portico.dsl.ServiceType;
import dev.portico.dsl.Subset;
import dev.portico.dsl.Tls;
import dev.portico.synth.emit.NetworkPolicyEmitterTest.Result;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Severity;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Mesh coherence, from the DSL: routes of one port of a multi-port Service, and ports on each
 * destination; versions declared once on the app; a typed Port that is not the app's; the declared
 * Namespace; and the analyzers' warnings on the situations of issue 11 (STRICT mTLS behind
 * ingress-nginx, a non-Istio Gateway class or a NodePort; a mesh in a Namespace without injection),
 * each at the user's line, with the near miss that silences it.
 */
class MeshCoherenceTest {

  /** orders, on http 8080 and grpc 9090 in one Service, in versions v1 and v2. */
  static Service orders(dev.portico.dsl.Stack stack) {
    App orders = stack.app("orders", a -> a.ports(HTTP, GRPC).versions("v1", "v2"));
    return stack.service("orders", orders, s -> s.port(8080, HTTP).port(9090, GRPC));
  }

  @Nested
  class PortsOfAMultiPortService {
    @Test
    void aRouteOfOnePortMatchesItAndSendsItsDestinationsThere() {
      Result r = synth(stack -> {
        Service orders = orders(stack);
        Mesh mesh = stack.mesh();
        Subset v1 = mesh.subset(orders, "v1");
        Subset v2 = mesh.subset(orders, "v2");
        mesh.route(orders, HTTP, route -> route
            .when(MeshMatch.header("x-canary", "1"), rule -> rule.to(v2))
            .to(v1, 90).to(v2, 10));
      });
      r.assertNoFindings();
      assertEquals("""
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata:
            name: orders
            namespace: shop
          spec:
            hosts:
            - orders
            http:
            - match:
              - headers:
                  x-canary:
                    exact: "1"
                port: 8080
              route:
              - destination:
                  host: orders
                  port:
                    number: 8080
                  subset: v2
            - match:
              - port: 8080
              route:
              - destination:
                  host: orders
                  port:
                    number: 8080
                  subset: v1
                weight: 90
              - destination:
                  host: orders
                  port:
                    number: 8080
                  subset: v2
                weight: 10
          """, r.yaml(VirtualService.class, "orders"));
    }

    @Test
    void routesOfEachPortShareOneVirtualService() {
      Result r = synth(stack -> {
        Service orders = orders(stack);
        Mesh mesh = stack.mesh();
        Subset v1 = mesh.subset(orders, "v1");
        Subset v2 = mesh.subset(orders, "v2");
        mesh.route(orders, HTTP, route -> route.to(v1, 90).to(v2, 10));
        mesh.route(orders, GRPC, route -> route.to(v1));
      });
      r.assertNoFindings();
      assertEquals(List.of("orders"), r.names(VirtualService.class));
      String yaml = r.yaml(VirtualService.class, "orders");
      assertTrue(yaml.contains("  - port: 9090\n") && yaml.contains("number: 9090\n"), yaml);
    }

    @Test
    void portsOnEachDestination() {
      Result r = synth(stack -> {
        Service orders = orders(stack);
        Mesh mesh = stack.mesh();
        Subset v1 = mesh.subset(orders, "v1");
        Subset v2 = mesh.subset(orders, "v2");
        mesh.route(orders, route -> route.to(v1, HTTP, 50).to(v2, HTTP, 50));
      });
      r.assertNoFindings();
      String yaml = r.yaml(VirtualService.class, "orders");
      assertTrue(yaml.contains("number: 8080") && !yaml.contains("match:"), yaml);
    }

    @Test
    void aDestinationWithoutAPortOnAMultiPortServiceIsAmbiguous() {
      int[] line = new int[1];
      Result r = synth(stack -> {
        Service orders = orders(stack);
        Subset v1 = stack.mesh().subset(orders, "v1");
        line[0] = here(); stack.mesh().route(orders, route -> route.to(v1));
      });
      Finding finding = r.finding("mesh.destination-port");
      assertEquals(Severity.ERROR, finding.severity());
      assertEquals(FILE.replace("NetworkPolicyEmitterTest", "MeshCoherenceTest") + ":" + line[0],
          finding.location().toString());
      assertEquals("spec.http[0].route[0].destination", finding.path());
      assertTrue(finding.message().contains("IST0112") && finding.message().contains("mesh.route(service, port, ...)"),
          finding::format);
    }

    @Test
    void aRoutePortTheServiceDoesNotTargetAndTwoRoutesOfOnePortAreErrors() {
      Result r = synth(stack -> {
        Service orders = orders(stack);
        stack.mesh().route(orders, Port.http(8081), route -> route.to(orders));
        stack.mesh().route(orders, HTTP, route -> route.to(orders));
        stack.mesh().route(orders, HTTP, route -> route.to(orders));
      });
      assertTrue(r.finding("mesh.route-port").message().startsWith("no port of Service \"orders\" targets http/8081/TCP"),
          r.finding("mesh.route-port")::format);
      assertTrue(r.finding("mesh.route-duplicate").message().contains("port http/8080/TCP"),
          r.finding("mesh.route-duplicate")::format);
    }
  }

  @Nested
  class Versions {
    @Test
    void aSubsetOfAVersionTheAppDoesNotDeclareIsAnError() {
      int[] line = new int[1];
      Result r = synth(stack -> {
        Service orders = orders(stack);
        stack.mesh().subset(orders, "v1");
        line[0] = here(); stack.mesh().subset(orders, "v3");
      });
      Finding finding = r.finding("mesh.subset-version");
      assertEquals(Severity.ERROR, finding.severity());
      assertTrue(finding.location().toString().endsWith(":" + line[0]), finding::format);
      assertTrue(finding.message().contains("declares [v1, v2]"), finding::format);
      assertEquals(List.of("spec.subsets[1]"), r.findings("mesh.subset-no-pods").stream().map(Finding::path).toList(),
          "IST0173 says the same of v3 (a warning), and nothing of v1, whose pods exist");
    }

    @Test
    void subsetsOfDeclaredVersionsSelectTheirPods() {
      Result r = synth(stack -> {
        Service orders = orders(stack);
        stack.mesh().subset(orders, "v1");
        stack.mesh().subset(orders, "v2");
      });
      r.assertNoFindings();
    }

    @Test
    void aMistakeOfAnAppWithVersionsIsReportedOnceNotOncePerVersion() {
      Result r = synth(stack -> {
        App orders = stack.app("orders", a -> a.ports(Port.http(0)).versions("v1", "v2", "v3"));
        stack.service("orders", orders, s -> s.port(80, Port.tcp("grpc", 9090)));
      });
      assertEquals(1, r.findings("app.port-number").size(), r.synthesis().findings()::toString);
      assertEquals(1, r.findings("service.target-port-declared").size(), r.synthesis().findings()::toString);
    }

    @Test
    void invalidOrRepeatedVersionsAreErrorsAtTheApp() {
      Result r = synth(stack -> stack.app("orders", a -> a.ports(HTTP).versions("v1", "v1", "-v2")));
      assertEquals(List.of("versions[1]", "versions[2]"), r.synthesis().findings().stream()
          .filter(f -> f.rule().startsWith("app.version")).map(Finding::path).toList());
    }
  }

  @Nested
  class TypedPorts {
    @Test
    void aPortOfTheSameNameButAnotherNumberIsAnErrorWhereTheServiceTargetsIt() {
      int[] line = new int[1];
      Result r = synth(stack -> {
        App web = stack.app("web", HTTP);
        line[0] = here(); stack.service("web", web, s -> s.port(80, Port.http(8081)));
      });
      Finding finding = r.finding("service.target-port-declared");
      assertEquals(Severity.ERROR, finding.severity());
      assertTrue(finding.location().toString().endsWith(":" + line[0]), finding::format);
      assertEquals("spec.ports[0].targetPort", finding.path());
      assertTrue(finding.message().startsWith("targets http/8081/TCP") && finding.message().contains(
          "it would reach http/8080/TCP"), finding::format);
    }

    @Test
    void anUnnamedPortOfTheSameNumberIsNotTheNamedOne() {
      Result r = synth(stack -> stack.service("web", stack.app("web", HTTP), s -> s.port(80, Port.tcp(8080))));
      assertTrue(r.finding("service.target-port-declared").message().contains("not one of app \"web\"'s ports"));
    }

    @Test
    void theAppsOwnPortAndAnAppProtocolOnItAreFine() {
      Result r = synth(stack -> {
        App web = stack.app("web", HTTP);
        stack.service("web", web, s -> s.port(80, HTTP));
        stack.service("web-h2c", web, s -> s.port(81, HTTP.withAppProtocol("kubernetes.io/h2c")));
      });
      r.assertNoFindings();
    }
  }

  @Nested
  class Boundaries {
    @Test
    void strictMtlsBehindIngressNginxIsAWarningAtTheMtlsLine() {
      int[] line = new int[1];
      Result r = synth(stack -> {
        Service web = stack.expose(stack.app("web", HTTP));
        stack.httpTarget(HttpTarget.ingress("nginx"));
        stack.http("site", site -> site.host("shop.example.com", host -> host.tls(Tls.secret("shop-tls"))
            .path("/", web)));
        line[0] = here(); stack.mesh().mtls(MtlsMode.STRICT);
      });
      Finding finding = r.finding("mesh.mtls-outside-traffic");
      assertEquals(Severity.WARNING, finding.severity());
      assertTrue(finding.location().toString().endsWith(":" + line[0]), finding::format);
      assertTrue(finding.message().contains("http(site) (through ingress-nginx)"), finding::format);
    }

    @Test
    void strictMtlsBehindANonIstioGatewayOrANodePortToo() {
      Result gateway = synth(stack -> {
        Service web = stack.expose(stack.app("web", HTTP));
        stack.httpTarget(HttpTarget.gateway("eg"));
        stack.http("site", site -> site.host("shop.example.com", host -> host.tls(Tls.secret("shop-tls"))
            .path("/", web)));
        stack.mesh().mtls(MtlsMode.STRICT);
      });
      assertTrue(gateway.finding("mesh.mtls-outside-traffic").message().contains("Envoy Gateway's proxies"));
      Result nodePort = synth(stack -> {
        stack.service("web", stack.app("web", HTTP), s -> s.type(ServiceType.nodePort()).port(80, HTTP));
        stack.mesh().mtls(MtlsMode.STRICT);
      });
      assertTrue(nodePort.finding("mesh.mtls-outside-traffic").message().contains("the node port of Service/shop/web"));
    }

    @Test
    void nearMissesAreQuiet() {
      Result istio = synth(stack -> {
        Service web = stack.expose(stack.app("web", HTTP));
        stack.httpTarget(HttpTarget.istioGateway());
        stack.http("site", site -> site.host("shop.example.com", host -> host.tls(Tls.secret("shop-tls"))
            .path("/", web)));
        stack.mesh().mtls(MtlsMode.STRICT);
      });
      istio.assertNoFindings();
      Result permissive = synth(stack -> {
        App app = stack.app("web", HTTP);
        stack.service("web", app, s -> s.type(ServiceType.nodePort()).port(80, HTTP));
        stack.mesh().mtls(MtlsMode.STRICT);
        stack.mesh().mtls(app, MtlsMode.PERMISSIVE);
      });
      permissive.assertNoFindings();
    }

    @Test
    void aDeclaredNamespaceWithoutInjectionInAMeshIsAWarningThereAndComesFirst() {
      int[] line = new int[1];
      Result r = synth(stack -> {
        line[0] = here(); stack.declareNamespace(ns -> ns.label("team", "shop"));
        stack.expose(stack.app("web", HTTP));
        stack.mesh().mtls(MtlsMode.STRICT);
      });
      Finding finding = r.finding("mesh.namespace-injection");
      assertTrue(finding.location().toString().endsWith(":" + line[0]), finding::format);
      assertEquals("Namespace/shop", finding.object());

      Result injected = synth(stack -> {
        stack.declareNamespace(ns -> ns.label("team", "shop").sidecarInjection());
        stack.expose(stack.app("web", HTTP));
        stack.mesh().mtls(MtlsMode.STRICT);
      });
      injected.assertNoFindings();
      assertEquals("""
          apiVersion: v1
          kind: Namespace
          metadata:
            labels:
              istio-injection: enabled
              team: shop
            name: shop
          """, injected.yaml(Namespace.class, "shop"));
      var files = dev.portico.synth.write.OutputLayout.files(injected.synthesis(), false);
      String kustomization = files.stream().filter(f -> f.path().endsWith("kustomization.yaml")).findFirst()
          .orElseThrow().content();
      assertTrue(kustomization.contains("resources:\n- namespace-shop.yaml\n"), kustomization);
      String single = dev.portico.synth.write.OutputLayout.files(injected.synthesis(), true).get(0).content();
      assertTrue(single.startsWith("---\napiVersion: v1\nkind: Namespace\n"), single);
    }
  }
}
