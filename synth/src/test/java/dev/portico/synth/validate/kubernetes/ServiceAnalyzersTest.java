package dev.portico.synth.validate.kubernetes;

import static dev.portico.synth.validate.Fixtures.GROUP;
import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.describe;
import static dev.portico.synth.validate.Fixtures.meta;
import static dev.portico.synth.validate.Fixtures.port;
import static dev.portico.synth.validate.Fixtures.resource;
import static dev.portico.synth.validate.Fixtures.spec;
import static dev.portico.synth.validate.Fixtures.type;
import static dev.portico.synth.validate.Fixtures.validate;
import static dev.portico.synth.validate.Fixtures.web;
import static dev.portico.synth.validate.Fixtures.webPods;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.SourceLocation;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Severity;
import dev.portico.synth.validate.Validator;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Cross-resource checks: dangling selectors, undeclared target ports, node-port conflicts, duplicates. */
class ServiceAnalyzersTest {

  private static Service named(String name, String type, Integer nodePort) {
    return web(s -> {
      meta(s).setName(name);
      type(s, type);
      port(s, 0).setNodePort(nodePort);
    });
  }

  @Nested
  class Dangling {
    @Test
    void aSelectorThatMatchesNoAppIsAnErrorInAStack() {
      List<Finding> findings = validate(web(s -> spec(s).getSelector().put("app", "other")));
      assertFinding(findings, "service.dangling", Severity.ERROR, "spec.selector", "{app: other}");
      assertEquals(1, findings.size(), describe(findings));
    }

    @Test
    void aSelectorThatMatchesNoWorkloadIsAWarningInOpenScope() {
      List<Finding> findings = validate(Scope.OPEN, web(s -> spec(s).getSelector().put("app", "other")));
      assertFinding(findings, "service.dangling", Severity.WARNING, "spec.selector", "{app: other}");
      assertTrue(findings.stream().noneMatch(Finding::isError), describe(findings));
    }

    @Test
    void everyLabelOfTheSelectorMustMatch() {
      List<Finding> findings = validate(web(s -> spec(s).getSelector().put("tier", "front")));
      assertFinding(findings, "service.dangling", Severity.ERROR, "spec.selector", "{app: web, tier: front}");
    }

    @Test
    void podsInAnotherNamespaceDoNotCount() {
      List<Finding> findings = validate(web(s -> meta(s).setNamespace("other")));
      assertFinding(findings, "service.dangling", Severity.ERROR, "spec.selector", "\"other\"");
    }

    @Test
    void podsInAnotherGroupDoNotCountInAStackButDoInOpenScope() {
      Resource elsewhere = new Resource(web(), path -> SourceLocation.of("t.yaml"), "h");
      List<Finding> closed = Validator.validate(List.of(elsewhere), List.of(webPods()), Scope.CLOSED);
      assertFinding(closed, "service.dangling", Severity.ERROR, "spec.selector", "{app: web}");
      assertClean(Validator.validate(List.of(elsewhere), List.of(webPods()), Scope.OPEN));
    }

    @Test
    void nearMisses() {
      assertClean(validate(web()));
      assertClean(validate(web(s -> spec(s).setSelector(null))));
      assertClean(validate(web(s -> spec(s).setSelector(new HashMap<>()))));
      assertClean(validate(web(s -> {
        Fixtures.externalName(s);
        spec(s).getSelector().put("app", "other");
      })));
      PodSet labelled = new PodSet("App(web)", "shop", Map.of("app", "web", "tier", "front"), webPods().ports(),
          Fixtures.APP_LOCATION, GROUP);
      assertClean(Validator.validate(List.of(resource(web())), List.of(labelled), Scope.CLOSED));
      assertClean(Validator.validate(List.of(resource(web(s -> spec(s).getSelector().put("tier", "front")))),
          List.of(labelled), Scope.CLOSED));
    }
  }

  @Nested
  class TargetPortDeclared {
    @Test
    void aNameNoContainerDeclares() {
      List<Finding> findings = validate(web(s -> port(s, 0).setTargetPort(new IntOrString("grpc"))));
      Finding finding = assertFinding(findings, "service.target-port-declared", Severity.ERROR,
          "spec.ports[0].targetPort", "\"grpc\"");
      assertTrue(finding.message().contains("App(web) (Shop.java:10)"), finding.message());
      assertTrue(finding.message().contains("http=8080/TCP"), finding.message());
    }

    @Test
    void aNumberNoContainerDeclares() {
      List<Finding> findings = validate(web(s -> port(s, 1).setTargetPort(new IntOrString(9091))));
      assertFinding(findings, "service.target-port-declared", Severity.ERROR, "spec.ports[1].targetPort", "9091");
    }

    @Test
    void aDefaultedTargetPortIsThePort() {
      List<Finding> findings = validate(web(s -> {
        port(s, 1).setPort(9091);
        port(s, 1).setTargetPort(null);
      }));
      assertFinding(findings, "service.target-port-declared", Severity.ERROR, "spec.ports[1].targetPort", "9091");
    }

    @Test
    void theProtocolMustMatch() {
      List<Finding> findings = validate(web(s -> port(s, 0).setProtocol("UDP")));
      assertFinding(findings, "service.target-port-declared", Severity.ERROR, "spec.ports[0].targetPort",
          "\"http\" is not a UDP port");
    }

    @Test
    void inOpenScopeAnUndeclaredNumberIsAWarningButAnUnknownNameAnError() {
      List<Finding> number = validate(Scope.OPEN, web(s -> port(s, 1).setTargetPort(new IntOrString(9091))));
      assertFinding(number, "service.target-port-declared", Severity.WARNING, "spec.ports[1].targetPort", "9091");
      List<Finding> name = validate(Scope.OPEN, web(s -> port(s, 0).setTargetPort(new IntOrString("grpc"))));
      assertFinding(name, "service.target-port-declared", Severity.ERROR, "spec.ports[0].targetPort", "\"grpc\"");
    }

    @Test
    void everyMatchedPodSetMustDeclareIt() {
      PodSet other = new PodSet("Deployment/shop/web-canary", "shop", Map.of("app", "web"),
          List.of(new PodSet.ContainerPort("http", 8080, "TCP", SourceLocation.of("canary.yaml"))),
          SourceLocation.of("canary.yaml"), GROUP);
      List<Finding> findings = Validator.validate(List.of(resource(web())), List.of(webPods(), other), Scope.CLOSED);
      Finding finding = assertFinding(findings, "service.target-port-declared", Severity.ERROR,
          "spec.ports[1].targetPort", "9090");
      assertTrue(finding.message().contains("Deployment/shop/web-canary"), finding.message());
      assertEquals(1, findings.size(), describe(findings));
    }

    @Test
    void nearMisses() {
      assertClean(validate(web(s -> port(s, 0).setTargetPort(new IntOrString(8080)))));
      assertClean(validate(web(s -> port(s, 1).setTargetPort(new IntOrString("metrics")))));
      assertClean(validate(web(s -> port(s, 1).setProtocol("SCTP"))));
      assertClean(validate(web(s -> {
        port(s, 1).setTargetPort(null);
        port(s, 1).setPort(9090);
      })));
      assertClean(validate(web(s -> {
        spec(s).setSelector(null);
        port(s, 0).setTargetPort(new IntOrString("grpc"));
      })));
    }
  }

  @Nested
  class NodePortConflict {
    @Test
    void twoServicesClaimingOneNodePort() {
      List<Finding> findings = validate(named("web", "NodePort", 30_080), named("api", "NodePort", 30_080));
      Finding finding = assertFinding(findings, "service.node-port-conflict", Severity.ERROR,
          "spec.ports[0].nodePort", "30080");
      assertEquals("Service/shop/api", finding.object());
      assertTrue(finding.message().contains("Service/shop/web"), finding.message());
      assertEquals(1, findings.size(), describe(findings));
    }

    @Test
    void theProtocolDoesNotMatterAcrossServices() {
      Service api = named("api", "LoadBalancer", null);
      port(api, 1).setNodePort(30_080);
      port(api, 1).setProtocol("UDP");
      List<Finding> findings = validate(named("web", "NodePort", 30_080), api);
      assertFinding(findings, "service.node-port-conflict", Severity.ERROR, "spec.ports[1].nodePort", "30080");
    }

    @Test
    void nearMisses() {
      assertClean(validate(named("web", "NodePort", 30_080), named("api", "NodePort", 30_081)));
      // one Service may use a node port over TCP and UDP
      Service both = named("web", "NodePort", 30_080);
      port(both, 1).setNodePort(30_080);
      port(both, 1).setProtocol("UDP");
      assertClean(validate(both));
      // other groups are other clusters
      Resource elsewhere = new Resource(named("api", "NodePort", 30_080), path -> SourceLocation.of("t.yaml"), "h");
      assertClean(Validator.validate(List.of(resource(named("web", "NodePort", 30_080)), elsewhere),
          List.of(webPods(), new PodSet("App(web)", "shop", Map.of("app", "web"), webPods().ports(),
              Fixtures.APP_LOCATION, "h")), Scope.CLOSED));
    }

    @Test
    void onlyNodePortAndLoadBalancerServicesClaimNodePorts() {
      // the allocator gives ExternalName and ClusterIP Services no node ports, so they cannot conflict
      Service alias = named("alias", "ExternalName", 30_080);
      spec(alias).setExternalName("db.example.com");
      List<Finding> findings = validate(alias, named("web", "NodePort", 30_080));
      assertEquals(List.of("service.node-port"), findings.stream().map(Finding::rule).toList(), describe(findings));
      findings = validate(named("internal", "ClusterIP", 30_080), named("web", "NodePort", 30_080));
      assertEquals(List.of("service.node-port"), findings.stream().map(Finding::rule).toList(), describe(findings));
    }
  }

  @Nested
  class Duplicate {
    @Test
    void theSameServiceTwice() {
      List<Finding> findings = validate(web(), web());
      assertFinding(findings, "resource.duplicate", Severity.ERROR, "metadata.name", "Service/shop/web");
      assertEquals(1, findings.size(), describe(findings));
    }

    @Test
    void nearMisses() {
      Service otherNamespace = web(s -> {
        meta(s).setNamespace("other");
        spec(s).setSelector(null);
      });
      assertClean(validate(web(), otherNamespace));
      Resource otherGroup = new Resource(web(), path -> SourceLocation.of("t.yaml"), "h");
      assertClean(Validator.validate(List.of(resource(web()), otherGroup), List.of(webPods()), Scope.OPEN));
      var configMap = new ConfigMapBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata()
          .build();
      assertClean(Validator.validate(List.of(resource(web()), resource(configMap)), List.of(webPods()),
          Scope.CLOSED));
    }
  }
}
