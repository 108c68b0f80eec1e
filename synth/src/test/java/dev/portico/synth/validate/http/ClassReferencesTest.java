package dev.portico.synth.validate.http;

import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.describe;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Gateway names a GatewayClass, and an Ingress an IngressClass, of the input when the input holds classes. */
class ClassReferencesTest {

  static Gateway gateway(String className) {
    return new GatewayBuilder().withNewMetadata().withName("gw").withNamespace("shop").endMetadata()
        .withNewSpec().withGatewayClassName(className)
        .addNewListener().withName("http").withPort(80).withProtocol("HTTP").endListener().endSpec().build();
  }

  static GatewayClass gatewayClass(String name) {
    return new GatewayClassBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withControllerName("example.com/" + name).endSpec().build();
  }

  static Ingress ingress(String className) {
    return new IngressBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata()
        .withNewSpec().withIngressClassName(className).withNewDefaultBackend().withNewService().withName("web")
        .withNewPort().withNumber(80).endPort().endService().endDefaultBackend().endSpec().build();
  }

  static IngressClass ingressClass(String name) {
    return new IngressClassBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withController("k8s.io/" + name).endSpec().build();
  }

  static List<Finding> findings(Scope scope, String rule, HasMetadata... objects) {
    return Fixtures.validate(scope, objects).stream().filter(f -> f.rule().equals(rule)).toList();
  }

  static void assertNone(List<Finding> findings) {
    assertTrue(findings.isEmpty(), () -> "expected none, got:" + describe(findings));
  }

  @Test
  void aGatewayOfAClassTheInputLacks() {
    assertFinding(findings(Scope.OPEN, "http.gateway-class", gateway("envoy"), gatewayClass("eg"),
        gatewayClass("istio")), "http.gateway-class", Severity.WARNING, "spec.gatewayClassName",
        "\"envoy\" is not a GatewayClass of the input, which has [\"eg\", \"istio\"]");
    assertFinding(findings(Scope.CLOSED, "http.gateway-class", gateway("envoy"), gatewayClass("eg")),
        "http.gateway-class", Severity.ERROR, "spec.gatewayClassName", "is not a GatewayClass of the stack");
  }

  @Test
  void gatewayNearMisses() {
    assertNone(findings(Scope.OPEN, "http.gateway-class", gateway("eg"), gatewayClass("eg")));
    // without GatewayClasses in the input, the class is installed elsewhere
    assertNone(findings(Scope.OPEN, "http.gateway-class", gateway("envoy")));
    // an IngressClass of that name is not a GatewayClass, and does not make the input hold GatewayClasses
    assertNone(findings(Scope.OPEN, "http.gateway-class", gateway("envoy"), ingressClass("envoy")));
  }

  @Test
  void anIngressOfAClassTheInputLacks() {
    assertFinding(findings(Scope.OPEN, "http.ingress-class", ingress("nginx-internal"), ingressClass("nginx")),
        "http.ingress-class", Severity.WARNING, "spec.ingressClassName",
        "\"nginx-internal\" is not an IngressClass of the input, which has [\"nginx\"]");
  }

  @Test
  void ingressNearMisses() {
    assertNone(findings(Scope.OPEN, "http.ingress-class", ingress("nginx"), ingressClass("nginx")));
    assertNone(findings(Scope.OPEN, "http.ingress-class", ingress("nginx-internal")));
    // no class named: the default IngressClass applies
    assertNone(findings(Scope.OPEN, "http.ingress-class", ingress(null), ingressClass("nginx")));
    assertNone(findings(Scope.OPEN, "http.ingress-class", ingress("eg"), gatewayClass("eg")));
  }
}
