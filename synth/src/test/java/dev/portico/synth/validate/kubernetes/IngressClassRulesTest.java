package dev.portico.synth.validate.kubernetes;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassParametersReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ValidateIngressClass} and {@code validateIngressClassSpec} of kubernetes
 * {@code pkg/apis/networking/validation}, after {@code SetDefaults_IngressClass}: one table of rejected
 * inputs, one of near misses.
 */
class IngressClassRulesTest {

  /** IngressClass/nginx of controller k8s.io/ingress-nginx, with namespaced parameters in ingress-nginx. */
  static IngressClass ingressClass() {
    return new IngressClassBuilder()
        .withNewMetadata().withName("nginx")
        .addToAnnotations("ingressclass.kubernetes.io/is-default-class", "true").endMetadata()
        .withNewSpec()
        .withController("k8s.io/ingress-nginx")
        .withNewParameters().withApiGroup("k8s.example.com").withKind("IngressParameters").withName("external-lb")
        .withScope("Namespace").withNamespace("ingress-nginx").endParameters()
        .endSpec()
        .build();
  }

  static IngressClass ingressClass(Consumer<IngressClass> mutation) {
    IngressClass ingressClass = ingressClass();
    mutation.accept(ingressClass);
    return ingressClass;
  }

  static IngressClassParametersReference parameters(IngressClass c) {
    return c.getSpec().getParameters();
  }

  static List<Finding> check(IngressClass ingressClass) {
    return validate(ingressClass).stream()
        .filter(f -> f.object().startsWith("IngressClass/"))
        .filter(f -> f.rule().startsWith("ingressclass.") || f.rule().startsWith("metadata."))
        .toList();
  }

  private static Arguments reject(String name, String rule, String path, String text, Consumer<IngressClass> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, path, text);
  }

  private static Arguments ok(String name, Consumer<IngressClass> mutation) {
    return Arguments.of(Named.of(name, mutation));
  }

  private static String q(String value) {
    return "\"" + value + "\"";
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        reject("name with underscore", "metadata.name", "metadata.name", q("nginx_public"),
            c -> c.getMetadata().setName("nginx_public")),
        reject("annotation key with two slashes", "metadata.annotation-key", "metadata.annotations[a/b/c]", q("a/b/c"),
            c -> c.getMetadata().getAnnotations().put("a/b/c", "x")),
        // ---- ingressclass.controller: required, at most 250 bytes, IsDomainPrefixedPath
        reject("no spec (controller required)", "ingressclass.controller", "spec.controller", "is required",
            c -> c.setSpec(null)),
        reject("controller empty", "ingressclass.controller", "spec.controller", "is required",
            c -> c.getSpec().setController("")),
        reject("controller without a slash", "ingressclass.controller", "spec.controller",
            q("ingress-nginx") + " must be a domain-prefixed path (such as \"acme.io/foo\")",
            c -> c.getSpec().setController("ingress-nginx")),
        reject("controller with an empty path", "ingressclass.controller", "spec.controller", q("k8s.io/"),
            c -> c.getSpec().setController("k8s.io/")),
        reject("controller with an empty domain", "ingressclass.controller", "spec.controller", q("/ingress-nginx"),
            c -> c.getSpec().setController("/ingress-nginx")),
        reject("controller domain uppercase", "ingressclass.controller", "spec.controller",
            "the domain " + q("K8s.io") + " of " + q("K8s.io/ingress-nginx"),
            c -> c.getSpec().setController("K8s.io/ingress-nginx")),
        reject("controller path with a space", "ingressclass.controller", "spec.controller",
            "the path " + q("ingress nginx"), c -> c.getSpec().setController("k8s.io/ingress nginx")),
        reject("controller of 251 bytes", "ingressclass.controller", "spec.controller",
            "must be no more than 250 bytes (it has 251)", c -> c.getSpec().setController("k8s.io/" + "c".repeat(244))),
        reject("controller of 250 characters but 251 bytes", "ingressclass.controller", "spec.controller",
            "(it has 251)", c -> c.getSpec().setController("k8s.io/" + "c".repeat(242) + "\u00e9")),
        // ---- parameters
        reject("apiGroup uppercase", "ingressclass.parameters-api-group", "spec.parameters.apiGroup",
            q("K8s.example.com"), c -> parameters(c).setApiGroup("K8s.example.com")),
        reject("apiGroup empty (leave it out for core)", "ingressclass.parameters-api-group", "spec.parameters.apiGroup",
            "leave apiGroup out for the core group", c -> parameters(c).setApiGroup("")),
        reject("kind missing", "ingressclass.parameters-kind", "spec.parameters.kind", "is required",
            c -> parameters(c).setKind(null)),
        reject("kind with a slash", "ingressclass.parameters-kind", "spec.parameters.kind", "may not contain '/'",
            c -> parameters(c).setKind("v1/IngressParameters")),
        reject("name missing", "ingressclass.parameters-name", "spec.parameters.name", "is required",
            c -> parameters(c).setName("")),
        reject("name '..'", "ingressclass.parameters-name", "spec.parameters.name", "may not be '..'",
            c -> parameters(c).setName("..")),
        reject("name with '%'", "ingressclass.parameters-name", "spec.parameters.name", "may not contain '%'",
            c -> parameters(c).setName("lb%20a")),
        reject("scope lowercase", "ingressclass.parameters-scope", "spec.parameters.scope",
            q("namespace") + " is not supported; use " + q("Cluster") + " or " + q("Namespace")
                + " (case-sensitive); try " + q("Namespace"), c -> parameters(c).setScope("namespace")),
        reject("Namespace scope without namespace", "ingressclass.parameters-namespace", "spec.parameters.namespace",
            "is required: scope is \"Namespace\"", c -> parameters(c).setNamespace(null)),
        reject("Namespace scope with an invalid namespace", "ingressclass.parameters-namespace",
            "spec.parameters.namespace", q("Ingress_Nginx"), c -> parameters(c).setNamespace("Ingress_Nginx")),
        reject("Cluster scope with a namespace", "ingressclass.parameters-namespace", "spec.parameters.namespace",
            q("ingress-nginx") + " is forbidden: scope is \"Cluster\"; set scope: Namespace",
            c -> parameters(c).setScope("Cluster")),
        reject("defaulted scope with a namespace", "ingressclass.parameters-namespace", "spec.parameters.namespace",
            "(the default when scope is not set)", c -> parameters(c).setScope(null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<IngressClass> mutation, String rule, String path, String text) {
    assertFinding(check(ingressClass(mutation)), rule, Severity.ERROR, path, text);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", c -> { }),
        ok("no parameters", c -> c.getSpec().setParameters(null)),
        ok("cluster-scoped parameters, scope defaulted", c -> {
          parameters(c).setScope(null);
          parameters(c).setNamespace(null);
        }),
        ok("cluster-scoped parameters in the core group", c -> {
          parameters(c).setApiGroup(null);
          parameters(c).setScope("Cluster");
          parameters(c).setNamespace(null);
        }),
        ok("kind and name with characters a DNS name lacks", c -> {
          parameters(c).setKind("Ingress_Parameters.v1");
          parameters(c).setName("External LB");
        }),
        ok("controller path with URL characters", c -> c.getSpec().setController("example.com/ingress/v1~a%20b:c")),
        ok("controller of 250 bytes", c -> c.getSpec().setController("k8s.io/" + "c".repeat(243))),
        ok("a namespace in metadata (dropped for a cluster-scoped kind)", c -> c.getMetadata().setNamespace("Any")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<IngressClass> mutation) {
    assertClean(check(ingressClass(mutation)));
  }

  @Test
  void everyRuleIdOfTheSourceIsExercised() throws Exception {
    Path file = Path.of("src/main/java/dev/portico/synth/validate/kubernetes/IngressClassRules.java");
    String source = Files.readString(Files.exists(file) ? file : Path.of("synth").resolve(file));
    Set<String> inSource = Pattern.compile("\"(ingressclass\\.[a-z-]+)\"").matcher(source).results()
        .map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("ingressclass.controller", "ingressclass.parameters-api-group", "ingressclass.parameters-kind",
        "ingressclass.parameters-name", "ingressclass.parameters-scope", "ingressclass.parameters-namespace"),
        inSource);
    Set<Object> covered = rejected().map(a -> a.get()[1]).collect(Collectors.toSet());
    for (String rule : inSource) {
      assertTrue(covered.contains(rule), "no rejected case for " + rule);
    }
  }

  @Test
  void theDefaultedScopeDoesNotChangeTheInput() {
    IngressClass ingressClass = ingressClass(c -> parameters(c).setScope(null));
    IngressClass before = new IngressClassBuilder(ingressClass).build();
    check(ingressClass);
    assertEquals(before, ingressClass);
  }
}
