package dev.portico.synth.validate.kubernetes;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Namespace as kubernetes {@code ValidateNamespace} checks it (a DNS-1123 label name by
 * {@code ValidateNamespaceName}, no namespace of its own, finalizers by {@code validateFinalizerName})
 * after {@code SetDefaults_Namespace} set {@code kubernetes.io/metadata.name}; rejected inputs and near
 * misses from upstream's cases (the standard finalizer {@code kubernetes}, {@code example.com/foo}).
 */
class NamespaceRulesTest {
  /** Namespace shop, labelled team=payments and istio-injection=enabled, finalizer kubernetes. */
  static Namespace namespace() {
    return new NamespaceBuilder()
        .withNewMetadata().withName("shop").addToLabels("team", "payments").addToLabels("istio-injection", "enabled")
        .endMetadata()
        .withNewSpec().withFinalizers("kubernetes").endSpec()
        .build();
  }

  static List<Finding> check(Namespace namespace) {
    List<Finding> findings = new ArrayList<>();
    NamespaceRules.check(new Check(Fixtures.resource(namespace), findings), namespace,
        NamespaceRules.applyDefaults(namespace));
    return findings;
  }

  static Arguments row(String name, Consumer<Namespace> change, String rule, Severity severity, String path,
      String text) {
    return Arguments.of(Named.of(name, change), rule, severity, path, text);
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        row("name with upper case", n -> n.getMetadata().setName("Shop"), "metadata.name", Severity.ERROR,
            "metadata.name", "\"Shop\""),
        row("name with a dot (a subdomain, not a label)", n -> n.getMetadata().setName("shop.prod"), "metadata.name",
            Severity.ERROR, "metadata.name", "\"shop.prod\""),
        row("name missing", n -> n.getMetadata().setName(null), "metadata.name", Severity.ERROR, "metadata.name",
            "a name is required"),
        row("a namespace of its own", n -> n.getMetadata().setNamespace("default"), "metadata.namespace",
            Severity.ERROR, "metadata.namespace", "\"default\" is not allowed on this type"),
        row("label key", n -> n.getMetadata().setLabels(Map.of("team/a/b", "x")), "metadata.label-key",
            Severity.ERROR, "metadata.labels[team/a/b]", "\"team/a/b\""),
        row("spec finalizer not standard", n -> n.getSpec().setFinalizers(list("foo")), "namespace.finalizer",
            Severity.ERROR, "spec.finalizers[0]", "\"foo\" is neither a standard finalizer name"),
        row("spec finalizer not a qualified name", n -> n.getSpec().setFinalizers(list("example.com/a/b")),
            "namespace.finalizer", Severity.ERROR, "spec.finalizers[0]", "\"example.com/a/b\""),
        row("metadata finalizer not standard", n -> n.getMetadata().setFinalizers(list("cleanup")),
            "namespace.finalizer", Severity.ERROR, "metadata.finalizers[0]", "\"cleanup\""),
        row("the name label set to another name", n -> n.getMetadata().getLabels()
                .put("kubernetes.io/metadata.name", "store"), "namespace.name-label", Severity.WARNING,
            "metadata.labels[kubernetes.io/metadata.name]", "\"store\" is replaced by the API server with the "
                + "namespace's name \"shop\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void rejected(Consumer<Namespace> change, String rule, Severity severity, String path, String text) {
    Namespace namespace = namespace();
    change.accept(namespace);
    List<Finding> findings = check(namespace);
    assertFinding(findings, rule, severity, path, text);
    assertEquals(List.of(rule), findings.stream().map(Finding::rule).distinct().toList(), () -> Fixtures.describe(findings));
  }

  static Stream<Arguments> nearMisses() {
    return Stream.of(
        Arguments.of(Named.of("the baseline", (Consumer<Namespace>) n -> {})),
        Arguments.of(Named.of("no spec", (Consumer<Namespace>) n -> n.setSpec(null))),
        Arguments.of(Named.of("the standard finalizers", (Consumer<Namespace>) n ->
            n.getMetadata().setFinalizers(list("orphan", "foregroundDeletion")))),
        Arguments.of(Named.of("a qualified finalizer", (Consumer<Namespace>) n ->
            n.getSpec().setFinalizers(list("example.com/foo")))),
        Arguments.of(Named.of("the name label set to the name", (Consumer<Namespace>) n ->
            n.getMetadata().getLabels().put("kubernetes.io/metadata.name", "shop"))),
        Arguments.of(Named.of("a 63-character name", (Consumer<Namespace>) n -> n.getMetadata().setName("a".repeat(63)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nearMisses")
  void nearMisses(Consumer<Namespace> change) {
    Namespace namespace = namespace();
    change.accept(namespace);
    assertClean(check(namespace));
  }

  @Test
  void defaultingSetsTheNameLabelOnACopy() {
    Namespace written = namespace();
    Namespace defaulted = NamespaceRules.applyDefaults(written);
    assertEquals("shop", defaulted.getMetadata().getLabels().get("kubernetes.io/metadata.name"));
    assertEquals(null, written.getMetadata().getLabels().get("kubernetes.io/metadata.name"), "the input is untouched");
    Namespace already = NamespaceRules.applyDefaults(defaulted);
    assertSame(defaulted, already, "nothing to do when the label is right");
  }

  @Test
  void theValidatorChecksNamespacesByTheirKind() {
    Namespace namespace = namespace();
    namespace.getMetadata().setName("Shop");
    assertFinding(Fixtures.validate(namespace), "metadata.name", Severity.ERROR, "metadata.name", "\"Shop\"");
  }
}
