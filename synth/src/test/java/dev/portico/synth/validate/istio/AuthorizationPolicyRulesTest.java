package dev.portico.synth.validate.istio;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.list;
import static dev.portico.synth.validate.istio.IstioPolicyTesting.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Severity;
import io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicyAction;
import io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicyExtensionProvider;
import io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicyProvider;
import io.fabric8.istio.api.api.security.v1beta1.Condition;
import io.fabric8.istio.api.api.security.v1beta1.Operation;
import io.fabric8.istio.api.api.security.v1beta1.Rule;
import io.fabric8.istio.api.api.security.v1beta1.RuleFrom;
import io.fabric8.istio.api.api.security.v1beta1.RuleTo;
import io.fabric8.istio.api.api.security.v1beta1.Source;
import io.fabric8.istio.api.api.type.v1beta1.PolicyTargetReference;
import io.fabric8.istio.api.api.type.v1beta1.WorkloadSelector;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.istio.api.security.v1.AuthorizationPolicyBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Field rules of an AuthorizationPolicy ({@link AuthorizationPolicyRules}), one table of rejected
 * single mutations of the valid baseline {@link #policy()} and one of accepted near misses.
 */
class AuthorizationPolicyRulesTest {
  private static final String R0 = "spec.rules[0]";
  private static final String SRC0 = R0 + ".from[0].source";
  private static final String OP0 = R0 + ".to[0].operation";
  private static final String W0 = R0 + ".when[0]";
  private static final String SRC1 = "spec.rules[1].from[0].source";
  private static final String PRODUCTPAGE = "cluster.local/ns/shop/sa/productpage";

  // ================================================================= the baseline

  /**
   * AuthorizationPolicy/shop/reviews, ALLOW for app=reviews: rule 0 from productpage's principal,
   * GET /reviews/* on port 9080, when header x-version is v1; rule 1 from namespace shop within
   * 10.0.0.0/8.
   */
  static AuthorizationPolicy policy() {
    return new AuthorizationPolicyBuilder()
        .withNewMetadata().withName("reviews").withNamespace("shop").endMetadata()
        .withNewSpec()
        .withNewSelector().addToMatchLabels("app", "reviews").endSelector()
        .withAction(AuthorizationPolicyAction.ALLOW)
        .addNewRule()
        .addNewFrom().withNewSource().withPrincipals(PRODUCTPAGE).endSource().endFrom()
        .addNewTo().withNewOperation().withMethods("GET").withPaths("/reviews/*").withPorts("9080").endOperation().endTo()
        .addNewWhen().withKey("request.headers[x-version]").withValues("v1").endWhen()
        .endRule()
        .addNewRule()
        .addNewFrom().withNewSource().withNamespaces("shop").withIpBlocks("10.0.0.0/8").endSource().endFrom()
        .endRule()
        .endSpec()
        .build();
  }

  static AuthorizationPolicy policy(Consumer<AuthorizationPolicy> mutation) {
    AuthorizationPolicy policy = policy();
    mutation.accept(policy);
    return policy;
  }

  static List<Finding> check(AuthorizationPolicy policy) {
    return IstioPolicyTesting.run(policy, AuthorizationPolicyRules::check);
  }

  private static io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicy spec(AuthorizationPolicy p) {
    return p.getSpec();
  }

  private static Rule rule(AuthorizationPolicy p, int i) {
    return p.getSpec().getRules().get(i);
  }

  private static Source source(AuthorizationPolicy p, int i) {
    return rule(p, i).getFrom().get(0).getSource();
  }

  private static Operation operation(AuthorizationPolicy p) {
    return rule(p, 0).getTo().get(0).getOperation();
  }

  private static Condition when(AuthorizationPolicy p) {
    return rule(p, 0).getWhen().get(0);
  }

  private static void action(AuthorizationPolicy p, AuthorizationPolicyAction action) {
    p.getSpec().setAction(action);
  }

  private static void provider(AuthorizationPolicy p, String name) {
    p.getSpec().setActionDetail(new AuthorizationPolicyProvider(new AuthorizationPolicyExtensionProvider(name)));
  }

  /** CUSTOM with provider ext-authz and one rule from 10.0.0.0/8 (which CUSTOM supports). */
  private static void custom(AuthorizationPolicy p) {
    action(p, AuthorizationPolicyAction.CUSTOM);
    provider(p, "ext-authz");
    p.getSpec().setRules(list(new Rule(list(new RuleFrom(ipSource("10.0.0.0/8"))), list(), list())));
  }

  private static Source ipSource(String block) {
    Source source = new Source();
    source.setIpBlocks(list(block));
    return source;
  }

  private static void condition(AuthorizationPolicy p, String key, String... values) {
    when(p).setKey(key);
    when(p).setValues(list(values));
  }

  /** DENY with one rule made of {@code from} and {@code to} (either may be null). */
  private static void denyRule(AuthorizationPolicy p, Source from, Operation to) {
    action(p, AuthorizationPolicyAction.DENY);
    p.getSpec().setRules(list(new Rule(from == null ? list() : list(new RuleFrom(from)),
        to == null ? list() : list(new RuleTo(to)), list())));
  }

  private static Operation methods(String... methods) {
    Operation operation = new Operation();
    operation.setMethods(list(methods));
    return operation;
  }

  private static PolicyTargetReference ref(String group, String kind, String name) {
    return ref(group, kind, name, null);
  }

  private static PolicyTargetReference ref(String group, String kind, String name, String namespace) {
    PolicyTargetReference ref = new PolicyTargetReference();
    ref.setGroup(group);
    ref.setKind(kind);
    ref.setName(name);
    ref.setNamespace(namespace);
    return ref;
  }

  private static Condition cond(String key, String... values) {
    Condition condition = new Condition();
    condition.setKey(key);
    condition.setValues(list(values));
    return condition;
  }

  /** Targets {@code ref} instead of selecting workloads. */
  private static void target(AuthorizationPolicy p, PolicyTargetReference ref) {
    p.getSpec().setSelector(null);
    p.getSpec().setTargetRef(ref);
  }

  private static void annotate(AuthorizationPolicy p, String key, String value) {
    if (p.getMetadata().getAnnotations() == null) {
      p.getMetadata().setAnnotations(new HashMap<>());
    }
    p.getMetadata().getAnnotations().put(key, value);
  }

  private static Arguments error(String name, String rule, String path, String text, Consumer<AuthorizationPolicy> mutation) {
    return IstioPolicyTesting.error(name, rule, path, text, mutation);
  }

  private static Arguments warning(String name, String rule, String path, String text, Consumer<AuthorizationPolicy> mutation) {
    return IstioPolicyTesting.warning(name, rule, path, text, mutation);
  }

  private static Arguments ok(String name, Consumer<AuthorizationPolicy> mutation) {
    return IstioPolicyTesting.ok(name, mutation);
  }

  // ================================================================= rejected inputs

  static Stream<Arguments> rejected() {
    return Stream.of(metadataAndTargets(), actions(), structure(), sources(), operations(), conditions())
        .flatMap(s -> s);
  }

  private static Stream<Arguments> metadataAndTargets() {
    String dryRun = "metadata.annotations[istio.io/dry-run]";
    return Stream.of(
        error("name uppercase", "metadata.name", "metadata.name", q("Reviews"),
            p -> p.getMetadata().setName("Reviews")),
        error("dry-run not a boolean", "authorizationpolicy.dry-run-annotation", dryRun,
            q("yes") + " is not a boolean; use \"true\" or \"false\"; try \"true\"",
            p -> annotate(p, "istio.io/dry-run", "yes")),
        error("dry-run with AUDIT", "authorizationpolicy.dry-run-annotation", dryRun,
            q("true") + " is not supported with action \"AUDIT\"", p -> {
              annotate(p, "istio.io/dry-run", "true");
              action(p, AuthorizationPolicyAction.AUDIT);
            }),
        error("dry-run with CUSTOM", "authorizationpolicy.dry-run-annotation", dryRun,
            "is not supported with action \"CUSTOM\"", p -> {
              custom(p);
              annotate(p, "istio.io/dry-run", "false");
            }),
        // selector
        error("selector wildcard key", "authorizationpolicy.selector", "spec.selector.matchLabels[ap*]", q("ap*"),
            p -> spec(p).getSelector().getMatchLabels().put("ap*", "x")),
        error("selector empty key", "authorizationpolicy.selector", "spec.selector.matchLabels[]", "label key \"\"",
            p -> spec(p).getSelector().getMatchLabels().put("", "x")),
        warning("selector without labels", "authorizationpolicy.selector-empty", "spec.selector",
            "applies to every workload in the namespace", p -> spec(p).setSelector(new WorkloadSelector())),
        warning("selector key not a label key", "authorizationpolicy.selector-label",
            "spec.selector.matchLabels[-app]", q("-app"), p -> spec(p).getSelector().getMatchLabels().put("-app", "x")),
        // targets
        error("selector and targetRef", "authorizationpolicy.target-exclusive", "spec.targetRef",
            "must not be set together with selector", p -> spec(p).setTargetRef(ref("", "Service", "reviews"))),
        error("selector and targetRefs", "authorizationpolicy.target-exclusive", "spec.targetRefs",
            "must not be set together with selector", p -> spec(p).setTargetRefs(list(ref("", "Service", "reviews")))),
        error("targetRef and targetRefs", "authorizationpolicy.target-exclusive", "spec.targetRefs",
            "must not be set together with targetRef", p -> {
              target(p, ref("", "Service", "reviews"));
              spec(p).setTargetRefs(list(ref("", "Service", "ratings")));
            }),
        error("targetRef without name", "authorizationpolicy.target-ref", "spec.targetRef.name", "is required",
            p -> target(p, ref("", "Service", null))),
        error("targetRef name 254", "authorizationpolicy.target-ref", "spec.targetRef.name", "is 254 characters",
            p -> target(p, ref("", "Service", "r".repeat(254)))),
        error("targetRef in another namespace", "authorizationpolicy.target-ref", "spec.targetRef.namespace",
            q("other") + " must be empty: cross-namespace references are not supported",
            p -> target(p, ref("", "Service", "reviews", "other"))),
        error("17 targetRefs", "authorizationpolicy.target-ref", "spec.targetRefs", "17 target references are too many",
            p -> {
              spec(p).setSelector(null);
              List<PolicyTargetReference> refs = new ArrayList<>();
              for (int i = 0; i < 17; i++) {
                refs.add(ref("", "Service", "s" + i));
              }
              spec(p).setTargetRefs(refs);
            }),
        error("targetRef kind Deployment", "authorizationpolicy.target-ref-kind", "spec.targetRef.kind",
            q("Deployment") + " is not a supported target kind", p -> target(p, ref("apps", "Deployment", "reviews"))),
        error("targetRef kind lowercase", "authorizationpolicy.target-ref-kind", "spec.targetRef.kind",
            q("service") + " is not a supported target kind (case-sensitive)", p -> target(p, ref("", "service", "r"))),
        error("targetRef kind lowercase suggests", "authorizationpolicy.target-ref-kind", "spec.targetRef.kind",
            "try \"Service\"", p -> target(p, ref("", "service", "r"))),
        error("targetRef kind empty", "authorizationpolicy.target-ref-kind", "spec.targetRef.kind", "is required",
            p -> target(p, ref("", "", "r"))),
        error("targetRef Gateway in core group", "authorizationpolicy.target-ref-kind", "spec.targetRef.group",
            "is not the group of kind Gateway", p -> target(p, ref("", "Gateway", "waypoint"))),
        error("targetRef Gateway in core group suggests", "authorizationpolicy.target-ref-kind", "spec.targetRef.group",
            "try \"gateway.networking.k8s.io\"", p -> target(p, ref(null, "Gateway", "waypoint"))),
        error("targetRefs Service in apps group", "authorizationpolicy.target-ref-kind", "spec.targetRefs[1].group",
            q("apps") + " is not the group of kind Service", p -> {
              spec(p).setSelector(null);
              spec(p).setTargetRefs(list(ref("", "Service", "a"), ref("apps", "Service", "b")));
            }));
  }

  private static Stream<Arguments> actions() {
    return Stream.of(
        error("CUSTOM without rules", "authorizationpolicy.custom-rules", "spec.rules",
            "are required with action \"CUSTOM\"", p -> {
              custom(p);
              spec(p).setRules(list());
            }),
        error("CUSTOM without provider", "authorizationpolicy.provider", "spec.provider",
            "is required with action \"CUSTOM\"", p -> {
              custom(p);
              spec(p).setActionDetail(null);
            }),
        error("CUSTOM provider without name", "authorizationpolicy.provider", "spec.provider.name",
            "is required with action \"CUSTOM\"", p -> {
              custom(p);
              provider(p, "");
            }),
        error("provider with ALLOW", "authorizationpolicy.provider", "spec.provider",
            "must not be set with action \"ALLOW\"", p -> provider(p, "ext-authz")),
        error("provider with no action (ALLOW)", "authorizationpolicy.provider", "spec.provider",
            "must not be set with action \"ALLOW\"", p -> {
              action(p, null);
              provider(p, "ext-authz");
            }),
        error("provider with DENY", "authorizationpolicy.provider", "spec.provider",
            "must not be set with action \"DENY\"", p -> {
              action(p, AuthorizationPolicyAction.DENY);
              provider(p, "ext-authz");
            }),
        error("DENY without rules", "authorizationpolicy.deny-rules", "spec.rules", "are required with action \"DENY\"",
            p -> {
              action(p, AuthorizationPolicyAction.DENY);
              spec(p).setRules(list());
            }),
        error("513 rules", "authorizationpolicy.max-items", "spec.rules", "513 rules are too many; at most 512", p -> {
          for (int i = 0; i < 511; i++) {
            spec(p).getRules().add(new Rule());
          }
        }),
        error("513 sources", "authorizationpolicy.max-items", R0 + ".from", "513 sources are too many", p -> {
          for (int i = 0; i < 512; i++) {
            rule(p, 0).getFrom().add(new RuleFrom(ipSource("10.0.0.1")));
          }
        }),
        error("CUSTOM with principals", "authorizationpolicy.custom-unsupported", SRC0 + ".principals",
            "from.source.principals is not supported with action \"CUSTOM\"", p -> {
              custom(p);
              source(p, 0).setPrincipals(list(PRODUCTPAGE));
            }),
        error("CUSTOM with principals names them", "authorizationpolicy.custom-unsupported", SRC0 + ".principals",
            "[" + q(PRODUCTPAGE) + "]", p -> {
              custom(p);
              source(p, 0).setPrincipals(list(PRODUCTPAGE));
            }),
        error("CUSTOM with notNamespaces", "authorizationpolicy.custom-unsupported", SRC0 + ".notNamespaces",
            "from.source.notNamespaces is not supported", p -> {
              custom(p);
              source(p, 0).setNotNamespaces(list("other"));
            }),
        error("CUSTOM with serviceAccounts", "authorizationpolicy.custom-unsupported", SRC0 + ".serviceAccounts",
            "from.source.serviceAccounts is not supported", p -> {
              custom(p);
              source(p, 0).setServiceAccounts(list("shop/web"));
            }),
        error("CUSTOM with requestPrincipals", "authorizationpolicy.custom-unsupported", SRC0 + ".requestPrincipals",
            "is not supported with action \"CUSTOM\"", p -> {
              custom(p);
              source(p, 0).setRequestPrincipals(list("issuer/subject"));
            }),
        error("CUSTOM with a request.auth condition", "authorizationpolicy.custom-unsupported", W0 + ".key",
            q("request.auth.claims[iss]") + " is not supported with action \"CUSTOM\"", p -> {
              custom(p);
              rule(p, 0).setWhen(list(cond("request.auth.claims[iss]", "issuer")));
            }),
        error("CUSTOM with a source.principal condition", "authorizationpolicy.custom-unsupported", W0 + ".key",
            q("source.principal"), p -> {
              custom(p);
              rule(p, 0).setWhen(list(cond("source.principal", PRODUCTPAGE)));
            }),
        warning("DENY with only request principals", "authorizationpolicy.deny-http-only", R0,
            "uses only HTTP attributes", p -> {
              Source source = new Source();
              source.setRequestPrincipals(list("issuer/subject"));
              denyRule(p, source, null);
            }),
        warning("DENY with only methods", "authorizationpolicy.deny-http-only", R0,
            "denies all traffic to TCP (non-HTTP) ports", p -> denyRule(p, null, methods("POST"))),
        warning("DENY with principals and methods", "authorizationpolicy.deny-http-only", R0,
            "name the ports it is meant for", p -> {
              Source source = new Source();
              source.setPrincipals(list(PRODUCTPAGE));
              denyRule(p, source, methods("POST"));
            }));
  }

  private static Stream<Arguments> structure() {
    return Stream.of(
        error("rule null", "authorizationpolicy.null-entry", "spec.rules[1]", "is null",
            p -> spec(p).getRules().set(1, null)),
        error("from entry null", "authorizationpolicy.null-entry", R0 + ".from[1]", "is null",
            p -> rule(p, 0).getFrom().add(null)),
        error("to entry null", "authorizationpolicy.null-entry", R0 + ".to[1]", "is null",
            p -> rule(p, 0).getTo().add(null)),
        error("when entry null", "authorizationpolicy.null-entry", R0 + ".when[1]", "is null",
            p -> rule(p, 0).getWhen().add(null)),
        error("from without source", "authorizationpolicy.from-source", R0 + ".from[0].source", "is required",
            p -> rule(p, 0).getFrom().get(0).setSource(null)),
        error("from with empty source", "authorizationpolicy.from-source", SRC0, "is empty: set at least one of",
            p -> rule(p, 0).getFrom().get(0).setSource(new Source())),
        error("to without operation", "authorizationpolicy.to-operation", OP0, "is required",
            p -> rule(p, 0).getTo().get(0).setOperation(null)),
        error("to with empty operation", "authorizationpolicy.to-operation", OP0, "is empty: set at least one of",
            p -> rule(p, 0).getTo().get(0).setOperation(new Operation())));
  }

  private static Stream<Arguments> sources() {
    return Stream.of(
        error("serviceAccounts with principals", "authorizationpolicy.service-accounts-exclusive",
            SRC0 + ".serviceAccounts", "[\"shop/web\"] cannot be set together with principals or namespaces",
            p -> source(p, 0).setServiceAccounts(list("shop/web"))),
        error("notServiceAccounts with namespaces", "authorizationpolicy.service-accounts-exclusive",
            SRC1 + ".notServiceAccounts", "[\"shop/web\"] cannot be set together",
            p -> source(p, 1).setNotServiceAccounts(list("shop/web"))),
        error("service account with two slashes", "authorizationpolicy.service-account", SRC0 + ".serviceAccounts[0]",
            q("a/b/c") + " has 2 '/'", p -> serviceAccounts(p, "a/b/c")),
        error("service account wildcard", "authorizationpolicy.service-account", SRC0 + ".serviceAccounts[0]",
            q("shop/*") + " contains '*'", p -> serviceAccounts(p, "shop/*")),
        error("service account empty", "authorizationpolicy.service-account", SRC0 + ".serviceAccounts[0]",
            q("") + " is empty", p -> serviceAccounts(p, "")),
        error("service account without namespace", "authorizationpolicy.service-account",
            SRC0 + ".serviceAccounts[0]", q("/web") + " has an empty namespace", p -> serviceAccounts(p, "/web")),
        error("service account without name", "authorizationpolicy.service-account", SRC0 + ".serviceAccounts[0]",
            q("shop/") + " has an empty service account name", p -> serviceAccounts(p, "shop/")),
        error("service account 321", "authorizationpolicy.service-account", SRC0 + ".notServiceAccounts[0]",
            "is 321 characters; at most 320", p -> {
              source(p, 0).setPrincipals(list());
              source(p, 0).setNotServiceAccounts(list("s".repeat(321)));
            }),
        error("17 service accounts", "authorizationpolicy.service-account", SRC0 + ".serviceAccounts",
            "17 service accounts are too many; at most 16", p -> {
              List<String> accounts = new ArrayList<>();
              for (int i = 0; i < 17; i++) {
                accounts.add("sa" + i);
              }
              serviceAccounts(p, accounts.toArray(String[]::new));
            }),
        error("empty principal", "authorizationpolicy.empty-value", SRC0 + ".principals[1]",
            "\"\" is not allowed; every entry of principals needs a value",
            p -> source(p, 0).setPrincipals(list(PRODUCTPAGE, ""))),
        error("empty namespace", "authorizationpolicy.empty-value", SRC1 + ".namespaces[0]", "\"\" is not allowed",
            p -> source(p, 1).setNamespaces(list(""))),
        error("empty ipBlock", "authorizationpolicy.empty-value", SRC1 + ".ipBlocks[0]", "every entry of ipBlocks",
            p -> source(p, 1).setIpBlocks(list(""))),
        error("ipBlock octet 256", "authorizationpolicy.ip-block", SRC1 + ".ipBlocks[0]",
            q("10.0.0.256") + " is not an IP address or CIDR range", p -> source(p, 1).setIpBlocks(list("10.0.0.256"))),
        error("ipBlock prefix 33", "authorizationpolicy.ip-block", SRC1 + ".ipBlocks[0]",
            q("10.0.0.0/33") + " is not a CIDR range: the prefix length must be a number from 0 to 32",
            p -> source(p, 1).setIpBlocks(list("10.0.0.0/33"))),
        error("ipBlock prefix with leading zero", "authorizationpolicy.ip-block", SRC1 + ".ipBlocks[0]",
            q("10.0.0.0/08"), p -> source(p, 1).setIpBlocks(list("10.0.0.0/08"))),
        error("ipBlock octet with leading zero", "authorizationpolicy.ip-block", SRC1 + ".ipBlocks[0]",
            q("010.0.0.1") + " is not an IP address or CIDR range (e.g. \"10.0.0.1\", \"10.0.0.0/16\" or "
                + "\"2001:db8::/32\"); IPv4 octets must not have leading zeros",
            p -> source(p, 1).setIpBlocks(list("010.0.0.1"))),
        error("ipBlock IPv6 prefix with zone", "authorizationpolicy.ip-block", SRC1 + ".notIpBlocks[0]",
            q("fe80::1%eth0/64"), p -> source(p, 1).setNotIpBlocks(list("fe80::1%eth0/64"))),
        error("ipBlock IPv6 prefix 129", "authorizationpolicy.ip-block", SRC1 + ".ipBlocks[0]",
            "from 0 to 128", p -> source(p, 1).setIpBlocks(list("2001:db8::/129"))),
        error("remoteIpBlock a name", "authorizationpolicy.ip-block", SRC1 + ".remoteIpBlocks[0]",
            q("gateway") + " is not an IP address", p -> source(p, 1).setRemoteIpBlocks(list("gateway"))),
        error("notRemoteIpBlock a range", "authorizationpolicy.ip-block", SRC1 + ".notRemoteIpBlocks[0]",
            q("10.0.0.1-10.0.0.9"), p -> source(p, 1).setNotRemoteIpBlocks(list("10.0.0.1-10.0.0.9"))),
        warning("principal with spiffe://", "authorizationpolicy.principal", SRC0 + ".principals[0]",
            q("spiffe://" + PRODUCTPAGE) + " never matches: Istio adds \"spiffe://\" to principals itself",
            p -> source(p, 0).setPrincipals(list("spiffe://" + PRODUCTPAGE))),
        warning("principal with spiffe:// suggests", "authorizationpolicy.principal", SRC0 + ".principals[0]",
            "; try " + q(PRODUCTPAGE), p -> source(p, 0).setPrincipals(list("spiffe://" + PRODUCTPAGE))),
        warning("principal with an inner wildcard", "authorizationpolicy.principal", SRC0 + ".principals[0]",
            q("cluster.local/ns/*/sa/productpage") + " has a '*' that Istio matches literally",
            p -> source(p, 0).setPrincipals(list("cluster.local/ns/*/sa/productpage"))),
        warning("notPrincipal with wildcards at both ends", "authorizationpolicy.principal",
            SRC0 + ".notPrincipals[0]", q("*/sa/*"), p -> source(p, 0).setNotPrincipals(list("*/sa/*"))));
  }

  private static void serviceAccounts(AuthorizationPolicy p, String... accounts) {
    source(p, 0).setPrincipals(list());
    source(p, 0).setServiceAccounts(list(accounts));
  }

  private static Stream<Arguments> operations() {
    return Stream.of(
        error("empty path", "authorizationpolicy.empty-value", OP0 + ".paths[0]", "every entry of paths needs a value",
            p -> operation(p).setPaths(list(""))),
        error("empty method", "authorizationpolicy.empty-value", OP0 + ".notMethods[0]", "\"\" is not allowed",
            p -> operation(p).setNotMethods(list(""))),
        error("empty port", "authorizationpolicy.empty-value", OP0 + ".ports[0]", "\"\" is not allowed",
            p -> operation(p).setPorts(list(""))),
        error("empty host", "authorizationpolicy.empty-value", OP0 + ".notHosts[0]", "\"\" is not allowed",
            p -> operation(p).setNotHosts(list(""))),
        error("port name", "authorizationpolicy.port", OP0 + ".ports[0]", q("http") + " is not a port number",
            p -> operation(p).setPorts(list("http"))),
        error("port 65536", "authorizationpolicy.port", OP0 + ".ports[0]", q("65536") + " is not a port number: at most",
            p -> operation(p).setPorts(list("65536"))),
        error("port negative", "authorizationpolicy.port", OP0 + ".notPorts[0]", q("-1"),
            p -> operation(p).setNotPorts(list("-1"))),
        error("port with sign", "authorizationpolicy.port", OP0 + ".ports[0]", q("+80"),
            p -> operation(p).setPorts(list("+80"))),
        error("port range", "authorizationpolicy.port", OP0 + ".ports[0]", q("8000-8080"),
            p -> operation(p).setPorts(list("8000-8080"))),
        error("template after {**}", "authorizationpolicy.path-template", OP0 + ".paths[0]",
            q("/a/{**}/{*}") + " has an operator after {**}", p -> operation(p).setPaths(list("/a/{**}/{*}"))),
        error("two {**}", "authorizationpolicy.path-template", OP0 + ".paths[0]", "must be the last operator",
            p -> operation(p).setPaths(list("/{**}/{**}"))),
        error("unsupported template", "authorizationpolicy.path-template", OP0 + ".paths[0]",
            q("/items/{id}") + " has '{' or '}' outside a supported path template",
            p -> operation(p).setPaths(list("/items/{id}"))),
        error("brace inside a segment", "authorizationpolicy.path-template", OP0 + ".notPaths[0]", q("/a{*}b"),
            p -> operation(p).setNotPaths(list("/a{*}b"))),
        error("space with a template", "authorizationpolicy.path-template", OP0 + ".paths[0]",
            "has segment " + q("my items") + ", which is not a valid literal",
            p -> operation(p).setPaths(list("/my items/{*}"))),
        error("empty segment with a template", "authorizationpolicy.path-template", OP0 + ".paths[0]",
            "has segment \"\"", p -> operation(p).setPaths(list("/a//{*}"))),
        warning("lowercase method", "authorizationpolicy.method", OP0 + ".methods[0]",
            q("get") + " matches only requests whose method is exactly \"get\"; HTTP methods are case-sensitive; "
                + "try \"GET\"", p -> operation(p).setMethods(list("get"))),
        warning("mixed-case notMethod", "authorizationpolicy.method", OP0 + ".notMethods[0]", "try \"DELETE\"",
            p -> operation(p).setNotMethods(list("Delete"))));
  }

  private static Stream<Arguments> conditions() {
    return Stream.of(
        error("condition without key", "authorizationpolicy.condition-key", W0 + ".key", "is required",
            p -> when(p).setKey(null)),
        error("unknown attribute", "authorizationpolicy.condition-key", W0 + ".key",
            q("source.ipaddress") + " is not a known attribute", p -> condition(p, "source.ipaddress", "10.0.0.1")),
        error("header without brackets", "authorizationpolicy.condition-key", W0 + ".key",
            q("request.headers") + " must have the form name[key]", p -> condition(p, "request.headers", "v1")),
        error("header with empty brackets", "authorizationpolicy.condition-key", W0 + ".key",
            q("request.headers[]"), p -> condition(p, "request.headers[]", "v1")),
        error("claim without closing bracket", "authorizationpolicy.condition-key", W0 + ".key",
            q("request.auth.claims[iss"), p -> condition(p, "request.auth.claims[iss", "issuer")),
        error("destination.namespace", "authorizationpolicy.condition-key", W0 + ".key",
            q("destination.namespace") + " is not supported: the policy's own namespace",
            p -> condition(p, "destination.namespace", "shop")),
        error("destination.labels", "authorizationpolicy.condition-key", W0 + ".key",
            q("destination.labels[app]") + " is not supported: select workloads with spec.selector",
            p -> condition(p, "destination.labels[app]", "web")),
        error("destination.user", "authorizationpolicy.condition-key", W0 + ".key",
            q("destination.user") + " is a deprecated attribute", p -> condition(p, "destination.user", "web")),
        error("condition without values", "authorizationpolicy.condition-values", W0,
            "key " + q("request.headers[x-version]") + " has no values", p -> when(p).setValues(list())),
        error("empty condition value", "authorizationpolicy.condition-value", W0 + ".values[1]",
            "\"\" is not allowed; every value of request.headers[x-version] needs a value",
            p -> when(p).setValues(list("v1", ""))),
        error("source.ip not an address", "authorizationpolicy.condition-value", W0 + ".values[0]",
            q("1.2.3") + " is not an IP address", p -> condition(p, "source.ip", "1.2.3")),
        error("remote.ip bad range", "authorizationpolicy.condition-value", W0 + ".notValues[0]", q("10.0.0.0/40"),
            p -> {
              when(p).setKey("remote.ip");
              when(p).setValues(list());
              when(p).setNotValues(list("10.0.0.0/40"));
            }),
        error("destination.ip not an address", "authorizationpolicy.condition-value", W0 + ".values[0]",
            q("db.shop"), p -> condition(p, "destination.ip", "db.shop")),
        error("destination.port not a number", "authorizationpolicy.condition-value", W0 + ".values[0]",
            q("99999") + " is not a port number", p -> condition(p, "destination.port", "99999")),
        error("source.serviceAccount wildcard", "authorizationpolicy.condition-value", W0 + ".values[0]",
            q("shop/*") + " contains '*'", p -> condition(p, "source.serviceAccount", "shop/*")),
        error("source.serviceAccount 17 values", "authorizationpolicy.condition-value", W0 + ".values",
            "17 service accounts are too many", p -> {
              List<String> values = new ArrayList<>();
              for (int i = 0; i < 17; i++) {
                values.add("sa" + i);
              }
              condition(p, "source.serviceAccount", values.toArray(String[]::new));
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<AuthorizationPolicy> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(policy(mutation)), rule, severity, path, text);
  }

  // ================================================================= accepted near misses

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", p -> { }),
        ok("no action (ALLOW)", p -> action(p, null)),
        ok("ALLOW without rules (allows nothing)", p -> spec(p).setRules(list())),
        ok("AUDIT without rules", p -> {
          action(p, AuthorizationPolicyAction.AUDIT);
          spec(p).setRules(list());
        }),
        ok("DENY with an empty rule (denies everything)", p -> {
          action(p, AuthorizationPolicyAction.DENY);
          spec(p).setRules(list(new Rule()));
        }),
        ok("DENY scoped by port", p -> {
          Operation operation = methods("POST");
          operation.setPorts(list("9080"));
          denyRule(p, null, operation);
        }),
        ok("DENY from principals only (also TCP)", p -> {
          Source source = new Source();
          source.setPrincipals(list(PRODUCTPAGE));
          denyRule(p, source, null);
        }),
        ok("DENY from ipBlocks only", p -> denyRule(p, ipSource("10.0.0.0/8"), null)),
        ok("DENY on notPorts", p -> {
          Operation operation = new Operation();
          operation.setNotPorts(list("15021"));
          denyRule(p, null, operation);
        }),
        ok("CUSTOM with provider and ipBlocks", AuthorizationPolicyRulesTest::custom),
        ok("CUSTOM with a header condition", p -> {
          custom(p);
          rule(p, 0).setWhen(list(cond("request.headers[x-user]", "alice")));
        }),
        ok("CUSTOM with an empty rule", p -> {
          custom(p);
          spec(p).setRules(list(new Rule()));
        }),
        // dry-run
        ok("dry-run true", p -> annotate(p, "istio.io/dry-run", "true")),
        ok("dry-run False", p -> annotate(p, "istio.io/dry-run", "False")),
        ok("dry-run 1 with DENY", p -> {
          annotate(p, "istio.io/dry-run", "1");
          action(p, AuthorizationPolicyAction.DENY);
        }),
        // targets
        ok("targetRef Service (core as \"\")", p -> target(p, ref("", "Service", "reviews"))),
        ok("targetRef Service (group core)", p -> target(p, ref("core", "Service", "reviews"))),
        ok("targetRef Service (no group)", p -> target(p, ref(null, "Service", "reviews"))),
        ok("targetRef ServiceEntry", p -> target(p, ref("networking.istio.io", "ServiceEntry", "api"))),
        ok("targetRef Gateway", p -> target(p, ref("gateway.networking.k8s.io", "Gateway", "waypoint"))),
        ok("targetRef GatewayClass", p -> target(p, ref("gateway.networking.k8s.io", "GatewayClass", "istio"))),
        ok("targetRefs 16", p -> {
          spec(p).setSelector(null);
          List<PolicyTargetReference> refs = new ArrayList<>();
          for (int i = 0; i < 16; i++) {
            refs.add(ref("", "Service", "s" + i));
          }
          spec(p).setTargetRefs(refs);
        }),
        ok("targetRef with empty namespace", p -> target(p, ref("", "Service", "reviews", ""))),
        ok("no selector at all (namespace-wide)", p -> spec(p).setSelector(null)),
        ok("prefixed selector key", p -> spec(p).getSelector().getMatchLabels().put("app.kubernetes.io/name", "r")),
        // sources
        ok("principal wildcard", p -> source(p, 0).setPrincipals(list("*"))),
        ok("principal suffix match", p -> source(p, 0).setPrincipals(list("*/sa/productpage"))),
        ok("principal prefix match", p -> source(p, 0).setPrincipals(list("cluster.local/ns/shop/*"))),
        ok("namespace with an inner wildcard (a regex upstream)", p -> source(p, 1).setNamespaces(list("team-*-prod"))),
        ok("serviceAccounts without principals", p -> serviceAccounts(p, "shop/productpage", "productpage")),
        ok("16 service accounts", p -> {
          List<String> accounts = new ArrayList<>();
          for (int i = 0; i < 16; i++) {
            accounts.add("sa" + i);
          }
          serviceAccounts(p, accounts.toArray(String[]::new));
        }),
        ok("service account 320", p -> serviceAccounts(p, "s".repeat(320))),
        ok("serviceAccounts with requestPrincipals", p -> {
          serviceAccounts(p, "shop/web");
          source(p, 0).setRequestPrincipals(list("issuer/subject"));
        }),
        ok("serviceAccounts with ipBlocks", p -> {
          source(p, 1).setNamespaces(list());
          source(p, 1).setServiceAccounts(list("shop/web"));
        }),
        ok("ipBlock host bits set", p -> source(p, 1).setIpBlocks(list("10.1.2.3/16"))),
        ok("ipBlock single address", p -> source(p, 1).setIpBlocks(list("10.0.0.1"))),
        ok("ipBlock /0", p -> source(p, 1).setIpBlocks(list("0.0.0.0/0"))),
        ok("ipBlock /32", p -> source(p, 1).setIpBlocks(list("10.0.0.1/32"))),
        ok("ipBlock IPv6", p -> source(p, 1).setIpBlocks(list("2001:db8::/32", "::1", "2001:db8::/128"))),
        ok("ipBlock IPv4-mapped IPv6", p -> source(p, 1).setIpBlocks(list("::ffff:10.0.0.1"))),
        ok("ipBlock IPv6 with zone", p -> source(p, 1).setIpBlocks(list("fe80::1%eth0"))),
        ok("remoteIpBlocks and not- forms", p -> {
          source(p, 1).setRemoteIpBlocks(list("203.0.113.0/24"));
          source(p, 1).setNotRemoteIpBlocks(list("203.0.113.7"));
          source(p, 1).setNotIpBlocks(list("10.9.0.0/16"));
        }),
        ok("requestPrincipals only", p -> {
          source(p, 0).setPrincipals(list());
          source(p, 0).setRequestPrincipals(list("https://accounts.example.com/*"));
        }),
        // operations
        ok("port 0 (accepted upstream)", p -> operation(p).setPorts(list("0"))),
        ok("port 65535", p -> operation(p).setPorts(list("65535"))),
        ok("port with a leading zero", p -> operation(p).setPorts(list("080"))),
        ok("methods upper-case and custom", p -> operation(p).setMethods(list("GET", "PURGE", "*"))),
        ok("path templates", p -> operation(p).setPaths(list("/api/{*}/items/{**}", "/{*}", "{**}"))),
        ok("path with a literal after {**} (accepted upstream)", p -> operation(p).setPaths(list("/{**}/edit"))),
        ok("path template with pchar literals", p -> operation(p).setPaths(list("/v1:batch/{*}/a@b=c,d;e"))),
        ok("path with braces in a literal path", p -> operation(p).setPaths(list("/a/*"))),
        ok("hosts", p -> operation(p).setHosts(list("reviews.shop.svc.cluster.local", "*.example.com"))),
        ok("operation with only notPaths", p -> rule(p, 0).getTo().get(0).setOperation(notPaths("/admin/*"))),
        // conditions
        ok("condition notValues only", p -> {
          when(p).setValues(list());
          when(p).setNotValues(list("v2"));
        }),
        ok("source.ip", p -> condition(p, "source.ip", "10.0.0.1", "10.1.0.0/16")),
        ok("remote.ip", p -> condition(p, "remote.ip", "203.0.113.0/24")),
        ok("destination.ip", p -> condition(p, "destination.ip", "2001:db8::1")),
        ok("destination.port", p -> condition(p, "destination.port", "9080", "0")),
        ok("source.namespace", p -> condition(p, "source.namespace", "shop")),
        ok("source.serviceAccount", p -> condition(p, "source.serviceAccount", "shop/productpage", "productpage")),
        ok("source.principal", p -> condition(p, "source.principal", PRODUCTPAGE)),
        ok("request.auth attributes", p -> condition(p, "request.auth.principal", "issuer/subject")),
        ok("request.auth.audiences", p -> condition(p, "request.auth.audiences", "shop")),
        ok("request.auth.presenter", p -> condition(p, "request.auth.presenter", "web")),
        ok("request.auth.claims", p -> condition(p, "request.auth.claims[groups]", "admins")),
        ok("nested claims", p -> condition(p, "request.auth.claims[a][b]", "c")),
        ok("inline headers", p -> condition(p, "request.experimental.inline.headers[x-a]", "1")),
        ok("experimental envoy filter metadata", p -> condition(p, "experimental.envoy.filters.a.b[c]", "d")),
        ok("connection.sni", p -> condition(p, "connection.sni", "reviews.shop.svc")),
        ok("no namespace", p -> p.getMetadata().setNamespace(null)),
        ok("no spec", p -> p.setSpec(null)));
  }

  private static Operation notPaths(String... paths) {
    Operation operation = new Operation();
    operation.setNotPaths(list(paths));
    return operation;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<AuthorizationPolicy> mutation) {
    assertClean(check(policy(mutation)));
  }

  // ================================================================= details

  @Test
  void everyRuleIdHasARejectedRow() {
    IstioPolicyTesting.assertEveryRuleIdHasARejectedRow("AuthorizationPolicyRules", "authorizationpolicy",
        rejected());
  }

  @Test
  void theBaselineIsCleanThroughTheValidator() {
    assertClean(Fixtures.validate(policy()));
  }

  @Test
  void findingsComeOutOfTheValidator() {
    List<Finding> findings = Fixtures.validate(policy(p -> {
      source(p, 1).setIpBlocks(list("10.0.0.0/8", "10.0.0.300"));
      operation(p).setPorts(list("http"));
    }));
    Finding ip = assertFinding(findings, "authorizationpolicy.ip-block", Severity.ERROR, SRC1 + ".ipBlocks[1]",
        q("10.0.0.300"));
    assertEquals("AuthorizationPolicy/shop/reviews", ip.object());
    assertTrue(ip.format().endsWith("[authorizationpolicy.ip-block]"), ip.format());
    assertFinding(findings, "authorizationpolicy.port", Severity.ERROR, OP0 + ".ports[0]", q("http"));
    assertEquals(2, findings.size(), Fixtures.describe(findings));
  }

  @Test
  void aSingleMutationReportsOnlyItsRule() {
    // rows that change the action or the structure may also trip the rules that depend on them
    Set<String> coupled = Set.of("authorizationpolicy.custom-unsupported", "authorizationpolicy.deny-http-only",
        "authorizationpolicy.provider", "authorizationpolicy.dry-run-annotation");
    rejected().forEach(a -> {
      @SuppressWarnings("unchecked")
      Consumer<AuthorizationPolicy> mutation = (Consumer<AuthorizationPolicy>) ((Named<?>) a.get()[0]).getPayload();
      String rule = (String) a.get()[1];
      for (Finding finding : check(policy(mutation))) {
        assertTrue(finding.rule().equals(rule) || coupled.contains(rule) || coupled.contains(finding.rule()),
            () -> a.get()[0] + ": " + finding.format());
      }
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "255.255.255.255", "0.0.0.0/0", "10.0.0.0/8", "::", "::1", "2001:db8::/32",
      "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::ffff:1.2.3.4", "fe80::1%eth0", "10.1.2.3/16"})
  void goAcceptsTheseAddresses(String value) {
    assertNull(IstioSecurityFormats.ipOrCidrProblem(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.4/", "1.2.3.4/-1", "1.2.3.4/+8",
      "1.2.3.4/08", "1.2.3.4/33", "::/129", "fe80::1%", "fe80::1%eth0/64", "1.2.3.4%eth0", ":::", "1::2::3",
      "1:2:3:4:5:6:7:8:9", "::ffff:01.2.3.4", "10.0.0.0/8/8", " 10.0.0.1", "1:2:3:4:5:6:7:8::"})
  void goRejectsTheseAddresses(String value) {
    assertTrue(IstioSecurityFormats.ipOrCidrProblem(value) != null, value);
  }

  @Test
  void theInputIsNotChanged() {
    AuthorizationPolicy policy = policy(p -> source(p, 1).setIpBlocks(list("bad")));
    AuthorizationPolicy before = new AuthorizationPolicyBuilder(policy).build();
    check(policy);
    assertEquals(before, policy);
  }
}
