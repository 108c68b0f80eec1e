package dev.portico.synth.validate.gatewayapi;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.list;
import static dev.portico.synth.validate.Fixtures.validate;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantFrom;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantTo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Field rules of a ReferenceGrant (v1 since Gateway API v1.5). */
class ReferenceGrantRulesTest {

  /** ReferenceGrant/shop/from-store: HTTPRoutes of namespace store may refer to Services of shop, and to the Secret shop-tls. */
  static ReferenceGrant grant() {
    return new ReferenceGrantBuilder()
        .withNewMetadata().withName("from-store").withNamespace("shop").endMetadata()
        .withNewSpec()
        .addNewFrom().withGroup("gateway.networking.k8s.io").withKind("HTTPRoute").withNamespace("store").endFrom()
        .addNewTo().withGroup("").withKind("Service").endTo()
        .addNewTo().withGroup("").withKind("Secret").withName("shop-tls").endTo()
        .endSpec()
        .build();
  }

  static ReferenceGrant grant(Consumer<ReferenceGrant> mutation) {
    ReferenceGrant grant = grant();
    mutation.accept(grant);
    return grant;
  }

  static ReferenceGrantFrom from(ReferenceGrant g) {
    return g.getSpec().getFrom().get(0);
  }

  static ReferenceGrantTo to(ReferenceGrant g, int i) {
    return g.getSpec().getTo().get(i);
  }

  static <T> ArrayList<T> times(int n, java.util.function.IntFunction<T> item) {
    return IntStream.range(0, n).mapToObj(item).collect(Collectors.toCollection(ArrayList::new));
  }

  static List<Finding> check(ReferenceGrant grant) {
    return validate(grant).stream()
        .filter(f -> f.object().startsWith("ReferenceGrant/"))
        .filter(f -> f.rule().startsWith("referencegrant.") || f.rule().startsWith("metadata."))
        .toList();
  }

  private static Arguments reject(String name, String rule, String path, String text,
      Consumer<ReferenceGrant> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.ERROR, path, text);
  }

  private static Arguments warn(String name, String rule, String path, String text, Consumer<ReferenceGrant> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.WARNING, path, text);
  }

  private static Arguments ok(String name, Consumer<ReferenceGrant> mutation) {
    return Arguments.of(Named.of(name, mutation));
  }

  private static String q(String value) {
    return "\"" + value + "\"";
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        reject("namespace uppercase", "metadata.namespace", "metadata.namespace", q("Shop"),
            g -> g.getMetadata().setNamespace("Shop")),
        warn("no spec (the CRD accepts it; it permits nothing)", "referencegrant.spec", "spec", "permits nothing",
            g -> g.setSpec(null)),
        reject("no from", "referencegrant.entries-required", "spec.from", "at least one entry is required",
            g -> g.getSpec().setFrom(list())),
        reject("no to", "referencegrant.entries-required", "spec.to", "at least one entry is required",
            g -> g.getSpec().setTo(list())),
        reject("17 from", "referencegrant.too-many", "spec.from", "17 entries given; at most 16",
            g -> g.getSpec().setFrom(times(17, i -> new ReferenceGrantFrom("gateway.networking.k8s.io", "HTTPRoute",
                "ns" + i)))),
        reject("17 to", "referencegrant.too-many", "spec.to", "17 entries given; at most 16",
            g -> g.getSpec().setTo(times(17, i -> new ReferenceGrantTo("", "Service", "s" + i)))),
        reject("from group missing", "referencegrant.ref-group", "spec.from[0].group", "is required",
            g -> from(g).setGroup(null)),
        reject("from group with version", "referencegrant.ref-group", "spec.from[0].group",
            q("gateway.networking.k8s.io/v1"), g -> from(g).setGroup("gateway.networking.k8s.io/v1")),
        reject("from kind missing", "referencegrant.ref-kind", "spec.from[0].kind", "is required",
            g -> from(g).setKind(null)),
        reject("from namespace missing", "referencegrant.ref-namespace", "spec.from[0].namespace", "is required",
            g -> from(g).setNamespace(null)),
        reject("from namespace uppercase", "referencegrant.ref-namespace", "spec.from[0].namespace", "try " + q("store"),
            g -> from(g).setNamespace("Store")),
        reject("to group missing", "referencegrant.ref-group", "spec.to[0].group", "is required",
            g -> to(g, 0).setGroup(null)),
        reject("to kind with dash at the end", "referencegrant.ref-kind", "spec.to[0].kind", q("Service-"),
            g -> to(g, 0).setKind("Service-")),
        reject("to name empty", "referencegrant.ref-name", "spec.to[1].name", "must not be empty",
            g -> to(g, 1).setName("")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<ReferenceGrant> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(grant(mutation)), rule, severity, path, text);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", g -> { }),
        ok("16 from and 16 to", g -> {
          g.getSpec().setFrom(times(16, i -> new ReferenceGrantFrom("gateway.networking.k8s.io", "GRPCRoute",
              "ns" + i)));
          g.getSpec().setTo(times(16, i -> new ReferenceGrantTo("", "Service", "s" + i)));
        }),
        ok("to without name (every object of the kind)", g -> to(g, 1).setName(null)),
        ok("from the core group", g -> from(g).setGroup("")),
        ok("to a kind of another group", g -> to(g, 0).setGroup("example.com")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<ReferenceGrant> mutation) {
    assertClean(check(grant(mutation)));
  }

  static final List<String> SHARED = List.of("too-many", "ref-name", "ref-group", "ref-kind", "ref-namespace");

  static final List<String> RULE_IDS = Stream.concat(SHARED.stream().map(s -> "referencegrant." + s),
      Stream.of("referencegrant.spec", "referencegrant.entries-required")).toList();

  @Test
  void everyRuleIdOfTheSourceIsListedAndExercised() {
    RuleIds.assertListedAndExercised("referencegrant", "ReferenceGrantRules.java", SHARED, RULE_IDS, rejected());
  }
}
