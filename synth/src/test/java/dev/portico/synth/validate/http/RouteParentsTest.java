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
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedListeners;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerNamespaces;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerSetBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRouteBuilder;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Where routes and ListenerSets attach, as Gateway API v1.5 (GEP-1713) defines it. */
class RouteParentsTest {

  /** Gateway/infra/shared with listener "http" on 80, admitting ListenerSets from {@code from} (null: the default). */
  static Gateway gateway(String from) {
    return new GatewayBuilder().withNewMetadata().withName("shared").withNamespace("infra").endMetadata()
        .withNewSpec().withGatewayClassName("eg")
        .withAllowedListeners(from == null ? null : new AllowedListeners(new ListenerNamespaces(from, null)))
        .addNewListener().withName("http").withPort(80).withProtocol("HTTP").endListener().endSpec().build();
  }

  /** ListenerSet/{@code namespace}/extra joining Gateway infra/shared with listener "https-team". */
  static ListenerSet listenerSet(String namespace) {
    return new ListenerSetBuilder().withNewMetadata().withName("extra").withNamespace(namespace).endMetadata()
        .withNewSpec().withNewParentRef().withName("shared").withNamespace("infra").endParentRef()
        .addNewListener().withName("https-team").withPort(443).withProtocol("HTTPS").withHostname("team.example.com")
        .withNewTls().addNewCertificateRef().withName("team-tls").endCertificateRef().endTls().endListener()
        .endSpec().build();
  }

  static ParentReference toListenerSet(String sectionName) {
    return new ParentReferenceBuilder().withGroup("gateway.networking.k8s.io").withKind("ListenerSet").withName("extra")
        .withSectionName(sectionName).build();
  }

  static HTTPRoute route(ParentReference parent) {
    return new HTTPRouteBuilder().withNewMetadata().withName("team").withNamespace("team").endMetadata()
        .withNewSpec().withParentRefs(parent).addToHostnames("team.example.com")
        .addNewRule().addNewBackendRef().withName("web").withPort(80).endBackendRef().endRule().endSpec().build();
  }

  static List<Finding> findings(String rule, HasMetadata... objects) {
    return Fixtures.validate(Scope.OPEN, objects).stream().filter(f -> f.rule().equals(rule)).toList();
  }

  static void assertNone(List<Finding> findings) {
    assertTrue(findings.isEmpty(), () -> "expected none, got:" + describe(findings));
  }

  @Nested
  class ParentListeners {
    @Test
    void aRouteNamingAListenerTheListenerSetLacks() {
      assertFinding(findings("http.parent-listener", route(toListenerSet("https")), listenerSet("team")),
          "http.parent-listener", Severity.ERROR, "spec.parentRefs[0].sectionName",
          "\"https\" is not a listener of ListenerSet extra; it has [\"https-team\"]");
    }

    @Test
    void grpcAndTlsRoutesNamingAListenerTheGatewayLacks() {
      var grpc = new GRPCRouteBuilder().withNewMetadata().withName("cart").withNamespace("infra").endMetadata()
          .withNewSpec().addNewParentRef().withName("shared").withSectionName("grpc").endParentRef().endSpec().build();
      var tls = new TLSRouteBuilder().withNewMetadata().withName("db").withNamespace("infra").endMetadata()
          .withNewSpec().addToHostnames("db.example.com").addNewParentRef().withName("shared").withSectionName("tls")
          .endParentRef().endSpec().build();
      List<Finding> findings = findings("http.parent-listener", grpc, tls, gateway(null));
      assertEquals(2, findings.size(), describe(findings));
      assertTrue(findings.stream().allMatch(f -> f.message().contains("is not a listener of Gateway shared; it has "
          + "[\"http\"]")), describe(findings));
    }

    @Test
    void nearMisses() {
      assertNone(findings("http.parent-listener", route(toListenerSet("https-team")), listenerSet("team")));
      assertNone(findings("http.parent-listener", route(toListenerSet(null)), listenerSet("team")));
      // the ListenerSet is not in the input, or in another namespace than the route's
      assertNone(findings("http.parent-listener", route(toListenerSet("https"))));
      assertNone(findings("http.parent-listener", route(toListenerSet("https")), listenerSet("other")));
      // a parent of another group is not a Gateway API ListenerSet
      ParentReference foreign = new ParentReferenceBuilder(toListenerSet("https")).withGroup("example.com").build();
      assertNone(findings("http.parent-listener", route(foreign), listenerSet("team")));
    }
  }

  @Nested
  class ListenerSetAdmission {
    @Test
    void aGatewayAdmitsNoListenerSetsByDefault() {
      assertFinding(findings("http.listener-set-not-allowed", listenerSet("team"), gateway(null)),
          "http.listener-set-not-allowed", Severity.ERROR, "spec.parentRef", "Gateway infra/shared admits no "
              + "ListenerSets: its spec.allowedListeners.namespaces.from is \"None\" (the default)");
      assertFinding(findings("http.listener-set-not-allowed", listenerSet("team"), gateway("None")),
          "http.listener-set-not-allowed", Severity.ERROR, "spec.parentRef", "is \"None\", so its listeners are not "
              + "attached");
    }

    @Test
    void fromSameAdmitsTheGatewaysNamespaceOnly() {
      assertFinding(findings("http.listener-set-not-allowed", listenerSet("team"), gateway("Same")),
          "http.listener-set-not-allowed", Severity.ERROR, "spec.parentRef", "admits ListenerSets of its own "
              + "namespace only (allowedListeners from \"Same\"), and this one is in \"team\"");
      assertNone(findings("http.listener-set-not-allowed", listenerSet("infra"), gateway("Same")));
    }

    @Test
    void nearMisses() {
      assertNone(findings("http.listener-set-not-allowed", listenerSet("team"), gateway("All")));
      Gateway selector = new GatewayBuilder(gateway(null)).editSpec().withAllowedListeners(new AllowedListeners(
          new ListenerNamespaces("Selector", new LabelSelectorBuilder().addToMatchLabels("team", "yes").build())))
          .endSpec().build();
      assertNone(findings("http.listener-set-not-allowed", listenerSet("team"), selector));
      // the Gateway is not in the input
      assertNone(findings("http.listener-set-not-allowed", listenerSet("team")));
    }
  }
}
