package dev.portico.synth.validate.http;

import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerSetBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRouteBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gateway API's ReferenceGrant semantics ({@code RefNotPermitted}): a reference into another namespace
 * needs a grant there naming the referrer's kind and namespace and the target's kind.
 */
class ReferenceGrantsTest {
  static final String RULE = "http.reference-not-permitted";

  /** HTTPRoute/store/storefront sending / to Service shop/web:80. */
  static HTTPRoute route() {
    return new HTTPRouteBuilder()
        .withNewMetadata().withName("storefront").withNamespace("store").endMetadata()
        .withNewSpec().addNewParentRef().withName("gw").endParentRef()
        .addNewRule().addNewBackendRef().withName("web").withNamespace("shop").withPort(80).endBackendRef().endRule()
        .endSpec().build();
  }

  /** A grant in {@code namespace} from {@code fromKind}s of {@code fromNamespace} to {@code toKind}s (of {@code toName}). */
  static ReferenceGrant grant(String namespace, String fromGroup, String fromKind, String fromNamespace, String toGroup,
      String toKind, String toName) {
    return new ReferenceGrantBuilder()
        .withNewMetadata().withName("grant").withNamespace(namespace).endMetadata()
        .withNewSpec().addNewFrom().withGroup(fromGroup).withKind(fromKind).withNamespace(fromNamespace).endFrom()
        .addNewTo().withGroup(toGroup).withKind(toKind).withName(toName).endTo().endSpec().build();
  }

  static ReferenceGrant routeGrant() {
    return grant("shop", "gateway.networking.k8s.io", "HTTPRoute", "store", "", "Service", null);
  }

  static List<Finding> findings(Scope scope, HasMetadata... objects) {
    return Fixtures.validate(scope, objects).stream().filter(f -> f.rule().equals(RULE)).toList();
  }

  static void assertNone(List<Finding> findings) {
    assertTrue(findings.isEmpty(), () -> "expected no " + RULE + ", got:" + describe(findings));
  }

  @Nested
  class Backends {
    @Test
    void aBackendInAnotherNamespaceWithoutAGrantIsAnErrorInAStack() {
      Finding finding = assertFinding(findings(Scope.CLOSED, route()), RULE, Severity.ERROR,
          "spec.rules[0].backendRefs[0].namespace", "Service \"web\" is in namespace \"shop\", not this HTTPRoute's "
              + "namespace \"store\", and no ReferenceGrant permits the reference");
      assertTrue(finding.message().contains("add a ReferenceGrant in \"shop\" with from: [{group: "
          + "gateway.networking.k8s.io, kind: HTTPRoute, namespace: store}] and to: [{group: \"\", kind: Service}]"),
          finding::format);
    }

    @Test
    void andAWarningForValidateWhereTheGrantMayBeAppliedSeparately() {
      Finding finding = assertFinding(findings(Scope.OPEN, route()), RULE, Severity.WARNING,
          "spec.rules[0].backendRefs[0].namespace", "no ReferenceGrant in the input permits the reference");
      assertTrue(finding.message().endsWith("or ignore this if one is applied separately"), finding::format);
    }

    @Test
    void aMatchingGrantPermitsIt() {
      assertNone(findings(Scope.CLOSED, route(), routeGrant()));
      assertNone(findings(Scope.CLOSED, route(), grant("shop", "gateway.networking.k8s.io", "HTTPRoute", "store", "",
          "Service", "web")));
    }

    @Test
    void aRouteMirrorAndABackendRefFilterMirrorNeedOneToo() {
      HTTPRoute route = new HTTPRouteBuilder(route()).editSpec().editFirstRule()
          .addNewFilter().withType("RequestMirror").withNewRequestMirror().withNewBackendRef().withName("audit")
          .withNamespace("audit").withPort(80).endBackendRef().endRequestMirror().endFilter()
          .editFirstBackendRef().addNewFilter().withType("RequestMirror").withNewRequestMirror().withNewBackendRef()
          .withName("shadow").withNamespace("shadow").withPort(80).endBackendRef().endRequestMirror().endFilter()
          .endBackendRef().endRule().endSpec().build();
      List<Finding> findings = findings(Scope.CLOSED, route, routeGrant());
      Fixtures.find(findings, RULE, "spec.rules[0].filters[0].requestMirror.backendRef.namespace");
      Fixtures.find(findings, RULE, "spec.rules[0].backendRefs[0].filters[0].requestMirror.backendRef.namespace");
      assertEquals(2, findings.size(), describe(findings));
    }

    @Test
    void grpcAndTlsRoutesToo() {
      var grpc = new GRPCRouteBuilder().withNewMetadata().withName("cart").withNamespace("store").endMetadata()
          .withNewSpec().addNewRule().addNewBackendRef().withName("cart").withNamespace("shop").withPort(9090)
          .endBackendRef().endRule().endSpec().build();
      var tls = new TLSRouteBuilder().withNewMetadata().withName("db").withNamespace("store").endMetadata()
          .withNewSpec().addToHostnames("db.example.com").addNewRule().addNewBackendRef().withName("db")
          .withNamespace("shop").withPort(5432).endBackendRef().endRule().endSpec().build();
      List<Finding> findings = findings(Scope.CLOSED, grpc, tls, routeGrant());
      assertTrue(findings.stream().anyMatch(f -> f.object().equals("GRPCRoute/store/cart")
          && f.message().contains("not this GRPCRoute's namespace")), describe(findings));
      assertTrue(findings.stream().anyMatch(f -> f.object().equals("TLSRoute/store/db")
          && f.message().contains("kind: TLSRoute, namespace: store")), describe(findings));
      assertNone(findings(Scope.CLOSED, grpc, tls,
          grant("shop", "gateway.networking.k8s.io", "GRPCRoute", "store", "", "Service", null),
          new ReferenceGrantBuilder(grant("shop", "gateway.networking.k8s.io", "TLSRoute", "store", "", "Service", null))
              .editMetadata().withName("tls-grant").endMetadata().build()));
    }

    /** Grants that come close to permitting the route's reference and do not. */
    static Stream<Arguments> grantsThatDoNotPermit() {
      return Stream.of(
          Arguments.of("in the route's namespace instead of the target's",
              grant("store", "gateway.networking.k8s.io", "HTTPRoute", "store", "", "Service", null)),
          Arguments.of("from another route kind",
              grant("shop", "gateway.networking.k8s.io", "GRPCRoute", "store", "", "Service", null)),
          Arguments.of("from another namespace",
              grant("shop", "gateway.networking.k8s.io", "HTTPRoute", "checkout", "", "Service", null)),
          Arguments.of("from the core group", grant("shop", "", "HTTPRoute", "store", "", "Service", null)),
          Arguments.of("to Secrets", grant("shop", "gateway.networking.k8s.io", "HTTPRoute", "store", "", "Secret",
              null)),
          Arguments.of("to another Service by name",
              grant("shop", "gateway.networking.k8s.io", "HTTPRoute", "store", "", "Service", "api")),
          Arguments.of("to Services of another group",
              grant("shop", "gateway.networking.k8s.io", "HTTPRoute", "store", "example.com", "Service", null)));
    }

    @ParameterizedTest(name = "a grant {0} does not permit it")
    @MethodSource("grantsThatDoNotPermit")
    void nearMissesOfTheGrant(String name, ReferenceGrant grant) {
      assertEquals(1, findings(Scope.CLOSED, route(), grant).size());
    }

    @Test
    void referencesThatNeedNoGrant() {
      // the route's own namespace, spelled out
      HTTPRoute sameNamespace = new HTTPRouteBuilder(route()).editSpec().editFirstRule().editFirstBackendRef()
          .withNamespace("store").endBackendRef().endRule().endSpec().build();
      assertNone(findings(Scope.CLOSED, sameNamespace));
      // a route whose own namespace is left to kubectl cannot be judged
      HTTPRoute noNamespace = new HTTPRouteBuilder(route()).editMetadata().withNamespace(null).endMetadata().build();
      assertNone(findings(Scope.OPEN, noNamespace));
      // a backend without a namespace is in the route's
      HTTPRoute local = new HTTPRouteBuilder(route()).editSpec().editFirstRule().editFirstBackendRef()
          .withNamespace(null).endBackendRef().endRule().endSpec().build();
      assertNone(findings(Scope.CLOSED, local));
    }

    @Test
    void aGrantWithoutNamespaceMayBeTheTargetsInValidate() {
      ReferenceGrant unplaced = new ReferenceGrantBuilder(routeGrant()).editMetadata().withNamespace(null)
          .endMetadata().build();
      assertNone(findings(Scope.OPEN, route(), unplaced));
    }
  }

  @Nested
  class Certificates {
    static Gateway gateway() {
      return new GatewayBuilder().withNewMetadata().withName("gw").withNamespace("infra").endMetadata()
          .withNewSpec().withGatewayClassName("eg")
          .addNewListener().withName("https").withPort(443).withProtocol("HTTPS").withHostname("shop.example.com")
          .withNewTls().addNewCertificateRef().withName("shop-tls").withNamespace("shop").endCertificateRef().endTls()
          .endListener().endSpec().build();
    }

    @Test
    void aGatewayCertificateInAnotherNamespace() {
      assertFinding(findings(Scope.CLOSED, gateway()), RULE, Severity.ERROR,
          "spec.listeners[0].tls.certificateRefs[0].namespace", "Secret \"shop-tls\" is in namespace \"shop\", "
              + "not this Gateway's namespace \"infra\"");
      assertNone(findings(Scope.CLOSED, gateway(),
          grant("shop", "gateway.networking.k8s.io", "Gateway", "infra", "", "Secret", "shop-tls")));
      assertEquals(1, findings(Scope.CLOSED, gateway(),
          grant("shop", "gateway.networking.k8s.io", "Gateway", "infra", "", "Service", null)).size());
    }

    @Test
    void aListenerSetsCertificateNeedsAGrantForListenerSetsNotTheGateways() {
      var listenerSet = new ListenerSetBuilder().withNewMetadata().withName("extra").withNamespace("team")
          .endMetadata().withNewSpec().withNewParentRef().withName("gw").withNamespace("infra").endParentRef()
          .addNewListener().withName("https").withPort(443).withProtocol("HTTPS").withHostname("team.example.com")
          .withNewTls().addNewCertificateRef().withName("team-tls").withNamespace("certs").endCertificateRef()
          .endTls().endListener().endSpec().build();
      assertFinding(findings(Scope.CLOSED, listenerSet,
              grant("certs", "gateway.networking.k8s.io", "Gateway", "team", "", "Secret", null)),
          RULE, Severity.ERROR, "spec.listeners[0].tls.certificateRefs[0].namespace", "not this ListenerSet's");
      assertNone(findings(Scope.CLOSED, listenerSet,
          grant("certs", "gateway.networking.k8s.io", "ListenerSet", "team", "", "Secret", null)));
    }

    @Test
    void theGatewaysClientCertificateAndCaCertificates() {
      Gateway gateway = new GatewayBuilder(gateway()).editSpec().editFirstListener().editTls()
          .editFirstCertificateRef().withNamespace(null).endCertificateRef().endTls().endListener()
          .withNewTls().withNewBackend().withNewClientCertificateRef().withName("gw-client").withNamespace("certs")
          .endClientCertificateRef().endBackend().withNewFrontend().withNewDefault().withNewValidation()
          .addNewCaCertificateRef().withGroup("").withKind("ConfigMap").withName("client-ca").withNamespace("certs")
          .endCaCertificateRef().endValidation().endDefault().endFrontend().endTls().endSpec().build();
      List<Finding> findings = findings(Scope.CLOSED, gateway);
      Fixtures.find(findings, RULE, "spec.tls.backend.clientCertificateRef.namespace");
      Fixtures.find(findings, RULE, "spec.tls.frontend.default.validation.caCertificateRefs[0].namespace");
      assertEquals(2, findings.size(), describe(findings));
      ReferenceGrant both = new ReferenceGrantBuilder(grant("certs", "gateway.networking.k8s.io", "Gateway", "infra",
          "", "Secret", "gw-client")).editSpec().addNewTo().withGroup("").withKind("ConfigMap").endTo().endSpec()
          .build();
      assertNone(findings(Scope.CLOSED, gateway, both));
    }
  }

  @Test
  void noGatewayApiObjectsNoWork() {
    List<HasMetadata> objects = new ArrayList<>(List.of(Fixtures.web()));
    assertNone(findings(Scope.CLOSED, objects.toArray(HasMetadata[]::new)));
  }
}
