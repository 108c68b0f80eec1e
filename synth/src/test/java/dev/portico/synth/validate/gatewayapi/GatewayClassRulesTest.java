package dev.portico.synth.validate.gatewayapi;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.validate;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParametersReference;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Field rules of a GatewayClass (Gateway API v1.5 standard channel). */
class GatewayClassRulesTest {

  /** GatewayClass/eg of controller gateway.envoyproxy.io/gatewayclass-controller, parameters in envoy-gateway-system. */
  static GatewayClass gatewayClass() {
    return new GatewayClassBuilder()
        .withNewMetadata().withName("eg").endMetadata()
        .withNewSpec()
        .withControllerName("gateway.envoyproxy.io/gatewayclass-controller")
        .withDescription("Envoy Gateway")
        .withNewParametersRef().withGroup("gateway.envoyproxy.io").withKind("EnvoyProxy").withName("proxy-config")
        .withNamespace("envoy-gateway-system").endParametersRef()
        .endSpec()
        .build();
  }

  static GatewayClass gatewayClass(Consumer<GatewayClass> mutation) {
    GatewayClass gatewayClass = gatewayClass();
    mutation.accept(gatewayClass);
    return gatewayClass;
  }

  static ParametersReference parameters(GatewayClass g) {
    return g.getSpec().getParametersRef();
  }

  static List<Finding> check(GatewayClass gatewayClass) {
    return validate(gatewayClass).stream()
        .filter(f -> f.object().startsWith("GatewayClass/"))
        .filter(f -> f.rule().startsWith("gatewayclass.") || f.rule().startsWith("metadata."))
        .toList();
  }

  private static Arguments reject(String name, String rule, String path, String text, Consumer<GatewayClass> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.ERROR, path, text);
  }

  private static Arguments ok(String name, Consumer<GatewayClass> mutation) {
    return Arguments.of(Named.of(name, mutation));
  }

  private static String q(String value) {
    return "\"" + value + "\"";
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        reject("name uppercase", "metadata.name", "metadata.name", q("EG"), g -> g.getMetadata().setName("EG")),
        reject("no spec", "gatewayclass.spec", "spec", "spec is required", g -> g.setSpec(null)),
        reject("controllerName missing", "gatewayclass.controller-name", "spec.controllerName", "is required",
            g -> g.getSpec().setControllerName(null)),
        reject("controllerName without a domain", "gatewayclass.controller-name", "spec.controllerName",
            q("envoy-gateway") + " must be a domain-prefixed path", g -> g.getSpec().setControllerName("envoy-gateway")),
        reject("controllerName with an uppercase domain", "gatewayclass.controller-name", "spec.controllerName",
            q("Example.com/gw"), g -> g.getSpec().setControllerName("Example.com/gw")),
        reject("controllerName with nothing after the slash", "gatewayclass.controller-name", "spec.controllerName",
            q("example.com/"), g -> g.getSpec().setControllerName("example.com/")),
        reject("controllerName with a space in the path", "gatewayclass.controller-name", "spec.controllerName",
            q("example.com/my gw"), g -> g.getSpec().setControllerName("example.com/my gw")),
        reject("controllerName 254", "gatewayclass.controller-name", "spec.controllerName", "(it has 254)",
            g -> g.getSpec().setControllerName("example.com/" + "c".repeat(242))),
        reject("description 65", "gatewayclass.description", "spec.description", "(it has 65)",
            g -> g.getSpec().setDescription("d".repeat(65))),
        reject("parametersRef group missing", "gatewayclass.ref-group", "spec.parametersRef.group", "is required",
            g -> parameters(g).setGroup(null)),
        reject("parametersRef kind missing", "gatewayclass.ref-kind", "spec.parametersRef.kind", "is required",
            g -> parameters(g).setKind(null)),
        reject("parametersRef name missing", "gatewayclass.ref-name", "spec.parametersRef.name", "is required",
            g -> parameters(g).setName(null)),
        reject("parametersRef namespace uppercase", "gatewayclass.ref-namespace", "spec.parametersRef.namespace",
            q("Envoy"), g -> parameters(g).setNamespace("Envoy")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<GatewayClass> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(gatewayClass(mutation)), rule, severity, path, text);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", g -> { }),
        ok("controllerName with path characters", g -> g.getSpec().setControllerName("example.com/gw/v1~a%20b:c")),
        ok("controllerName 253", g -> g.getSpec().setControllerName("example.com/" + "c".repeat(241))),
        ok("description 64", g -> g.getSpec().setDescription("d".repeat(64))),
        ok("no description and no parameters", g -> {
          g.getSpec().setDescription(null);
          g.getSpec().setParametersRef(null);
        }),
        ok("parameters in the core group, cluster-scoped", g -> g.getSpec().setParametersRef(
            new ParametersReference("", "ConfigMap", "gw-config", null))),
        ok("a namespace in metadata (dropped for a cluster-scoped kind)", g -> g.getMetadata().setNamespace("Any")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<GatewayClass> mutation) {
    assertClean(check(gatewayClass(mutation)));
  }

  static final List<String> SHARED = List.of("ref-name", "ref-group", "ref-kind", "ref-namespace");

  static final List<String> RULE_IDS = Stream.concat(SHARED.stream().map(s -> "gatewayclass." + s), Stream.of(
      "gatewayclass.spec", "gatewayclass.controller-name", "gatewayclass.description")).toList();

  @Test
  void everyRuleIdOfTheSourceIsListedAndExercised() {
    RuleIds.assertListedAndExercised("gatewayclass", "GatewayClassRules.java", SHARED, RULE_IDS, rejected());
  }
}
