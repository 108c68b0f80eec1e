package dev.portico.synth.validate.istio;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.istio.IstioPolicyTesting.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Severity;
import dev.portico.synth.validate.Validator;
import io.fabric8.istio.api.api.security.v1beta1.ClaimToHeader;
import io.fabric8.istio.api.api.security.v1beta1.JWTHeader;
import io.fabric8.istio.api.api.security.v1beta1.JWTRule;
import io.fabric8.istio.api.api.type.v1beta1.PolicyTargetReference;
import io.fabric8.istio.api.api.type.v1beta1.WorkloadSelector;
import io.fabric8.istio.api.security.v1.RequestAuthentication;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Field rules of a RequestAuthentication ({@link RequestAuthenticationRules}): rejected single
 * mutations of the valid baseline {@link #policy()} and accepted near misses, from the cases of
 * istio/istio's {@code TestValidateRequestAuthentication} and the CRD's field rules.
 */
class RequestAuthenticationRulesTest {
  private static final String RULE = "spec.jwtRules[0]";
  private static final String JWKS = "{\"keys\": [{\"kty\": \"RSA\", \"e\": \"AQAB\", \"n\": \"xjlC\", \"kid\": \"k1\"}]}";

  // ================================================================= the baseline

  /**
   * RequestAuthentication/shop/web: pods app=web; one JWT rule of issuer https://accounts.example.com
   * with its jwksUri, audience web, the token from header Authorization ("Bearer ") or parameter
   * access_token, claim sub copied to x-jwt-sub, timeout 5s.
   */
  static RequestAuthentication policy() {
    JWTRule rule = new JWTRule();
    rule.setIssuer("https://accounts.example.com");
    rule.setJwksUri("https://accounts.example.com/.well-known/jwks.json");
    rule.setAudiences(new ArrayList<>(List.of("web")));
    rule.setFromHeaders(new ArrayList<>(List.of(new JWTHeader("Authorization", "Bearer "))));
    rule.setFromParams(new ArrayList<>(List.of("access_token")));
    rule.setOutputClaimToHeaders(new ArrayList<>(List.of(claim("sub", "x-jwt-sub"))));
    rule.setTimeout("5s");
    var spec = new io.fabric8.istio.api.api.security.v1beta1.RequestAuthentication();
    spec.setSelector(new WorkloadSelector(new HashMap<>(Map.of("app", "web"))));
    spec.setJwtRules(new ArrayList<>(List.of(rule)));
    RequestAuthentication policy = new RequestAuthentication();
    policy.setMetadata(new ObjectMetaBuilder().withName("web").withNamespace("shop").build());
    policy.setSpec(spec);
    return policy;
  }

  static ClaimToHeader claim(String claim, String header) {
    ClaimToHeader output = new ClaimToHeader();
    output.setClaim(claim);
    output.setHeader(header);
    return output;
  }

  static RequestAuthentication policy(Consumer<RequestAuthentication> mutation) {
    RequestAuthentication policy = policy();
    mutation.accept(policy);
    return policy;
  }

  static List<Finding> check(RequestAuthentication policy) {
    return IstioPolicyTesting.run(policy, (c, p) -> RequestAuthenticationRules.check(c, p.getMetadata(), p.getSpec()));
  }

  private static JWTRule jwt(RequestAuthentication p) {
    return p.getSpec().getJwtRules().get(0);
  }

  private static PolicyTargetReference ref(String group, String kind, String name, String namespace) {
    PolicyTargetReference ref = new PolicyTargetReference();
    ref.setGroup(group);
    ref.setKind(kind);
    ref.setName(name);
    ref.setNamespace(namespace);
    return ref;
  }

  private static void targetRefInstead(RequestAuthentication p, PolicyTargetReference ref) {
    p.getSpec().setSelector(null);
    p.getSpec().setTargetRef(ref);
  }

  private static void inlineJwks(RequestAuthentication p, String jwks) {
    jwt(p).setJwksUri(null);
    jwt(p).setJwks(jwks);
  }

  private static Arguments error(String name, String rule, String path, String text,
      Consumer<RequestAuthentication> mutation) {
    return IstioPolicyTesting.error(name, rule, path, text, mutation);
  }

  private static Arguments warning(String name, String rule, String path, String text,
      Consumer<RequestAuthentication> mutation) {
    return IstioPolicyTesting.warning(name, rule, path, text, mutation);
  }

  private static Arguments ok(String name, Consumer<RequestAuthentication> mutation) {
    return IstioPolicyTesting.ok(name, mutation);
  }

  // ================================================================= rejected inputs

  static Stream<Arguments> rejected() {
    return Stream.of(
        error("namespace uppercase", "metadata.namespace", "metadata.namespace", q("Shop"),
            p -> p.getMetadata().setNamespace("Shop")),
        error("dry-run annotation", "requestauthentication.dry-run-annotation",
            "metadata.annotations[istio.io/dry-run]", "is not supported on a RequestAuthentication",
            p -> p.getMetadata().setAnnotations(Map.of("istio.io/dry-run", "true"))),
        // selector and targets
        error("selector key empty", "requestauthentication.selector", "spec.selector.matchLabels[]", "is empty",
            p -> p.getSpec().getSelector().getMatchLabels().put("", "web")),
        warning("selector without labels", "requestauthentication.selector-empty", "spec.selector",
            "has no matchLabels", p -> p.getSpec().setSelector(new WorkloadSelector())),
        warning("selector value no pod carries", "requestauthentication.selector-label",
            "spec.selector.matchLabels[app]", q("web app"), p -> p.getSpec().getSelector().getMatchLabels()
                .put("app", "web app")),
        error("selector and targetRef", "requestauthentication.target-exclusive", "spec.targetRef",
            "must not be set together with selector",
            p -> p.getSpec().setTargetRef(ref("gateway.networking.k8s.io", "Gateway", "public", null))),
        error("targetRef empty name", "requestauthentication.target-ref", "spec.targetRef.name", "is required",
            p -> targetRefInstead(p, ref("gateway.networking.k8s.io", "Gateway", "", null))),
        error("targetRef other namespace", "requestauthentication.target-ref", "spec.targetRef.namespace",
            q("infra"), p -> targetRefInstead(p, ref("gateway.networking.k8s.io", "Gateway", "public", "infra"))),
        error("targetRef wrong kind", "requestauthentication.target-ref-kind", "spec.targetRef.kind", q("Pod"),
            p -> targetRefInstead(p, ref("", "Pod", "web", null))),
        // JWT rules
        error("empty JWT rule", "requestauthentication.issuer", RULE + ".issuer", "is missing and so is jwksUri",
            p -> p.getSpec().setJwtRules(new ArrayList<>(List.of(new JWTRule())))),
        error("issuer and jwksUri empty", "requestauthentication.issuer", RULE + ".issuer",
            "is empty and so is jwksUri", p -> {
              jwt(p).setIssuer("");
              jwt(p).setJwksUri("");
            }),
        error("issuer empty string (CRD minLength)", "requestauthentication.issuer", RULE + ".issuer",
            "is empty; name the issuer", p -> jwt(p).setIssuer("")),
        error("4097 JWT rules", "requestauthentication.jwt-rules", "spec.jwtRules", "4097 JWT rules are too many",
            p -> {
              for (int i = 0; i < 4096; i++) {
                p.getSpec().getJwtRules().add(null);
              }
            }),
        error("audience empty", "requestauthentication.audience", RULE + ".audiences[1]", "must not be empty",
            p -> jwt(p).getAudiences().add("")),
        error("jwksUri without scheme", "requestauthentication.jwks-uri", RULE + ".jwksUri",
            q("foo.com") + " has no scheme", p -> jwt(p).setJwksUri("foo.com")),
        error("jwksUri port not a number", "requestauthentication.jwks-uri", RULE + ".jwksUri",
            "invalid port \"not-a-number\"", p -> jwt(p).setJwksUri("https://foo.com:not-a-number")),
        error("jwksUri scheme ftp", "requestauthentication.jwks-uri", RULE + ".jwksUri", "scheme \"ftp\"",
            p -> jwt(p).setJwksUri("ftp://foo.com/keys")),
        error("jwksUri bad escape", "requestauthentication.jwks-uri", RULE + ".jwksUri", "invalid escape",
            p -> jwt(p).setJwksUri("https://foo.com/%zzkeys")),
        error("jwksUri without host part", "requestauthentication.jwks-uri", RULE + ".jwksUri", "has no host",
            p -> jwt(p).setJwksUri("https:foo.com/keys")),
        error("jwksUri empty", "requestauthentication.jwks-uri", RULE + ".jwksUri", q("") + " is empty",
            p -> jwt(p).setJwksUri("")),
        error("jwksUri too long", "requestauthentication.jwks-uri", RULE + ".jwksUri", "at most 2048",
            p -> jwt(p).setJwksUri("https://foo.com/" + "k".repeat(2040))),
        error("jwks and jwksUri", "requestauthentication.jwks", RULE + ".jwks", "set together with jwksUri",
            p -> jwt(p).setJwks(JWKS)),
        error("jwks not JSON", "requestauthentication.jwks", RULE + ".jwks", "is not a JSON Web Key Set",
            p -> inlineJwks(p, "{\"keys\": [")),
        error("jwks key without kty", "requestauthentication.jwks", RULE + ".jwks", "key 0 has no \"kty\"",
            p -> inlineJwks(p, "{\"keys\": [{\"n\": \"xjlC\", \"e\": \"AQAB\"}]}")),
        error("jwks keys not a list", "requestauthentication.jwks", RULE + ".jwks", "not a list",
            p -> inlineJwks(p, "{\"keys\": {}}")),
        error("jwks unknown kty", "requestauthentication.jwks", RULE + ".jwks", "kty \"DSA\"",
            p -> inlineJwks(p, "{\"kty\": \"DSA\"}")),
        warning("jwks with private RSA key", "requestauthentication.jwks-private-key", RULE + ".jwks",
            "key 0 holds private key material", p -> inlineJwks(p,
                "{\"keys\": [{\"kty\": \"RSA\", \"e\": \"AQAB\", \"n\": \"xjlC\", \"d\": \"secret\"}]}")),
        warning("jwks with symmetric key", "requestauthentication.jwks-private-key", RULE + ".jwks",
            "a symmetric \"oct\" key", p -> inlineJwks(p, "{\"keys\": [{\"kty\": \"oct\", \"k\": \"c2VjcmV0\"}]}")),
        error("fromHeaders name empty", "requestauthentication.from-headers", RULE + ".fromHeaders[0].name",
            "is required", p -> jwt(p).getFromHeaders().set(0, new JWTHeader("", "Bearer "))),
        error("fromHeaders null", "requestauthentication.from-headers", RULE + ".fromHeaders[0]", "is null",
            p -> jwt(p).getFromHeaders().set(0, null)),
        error("fromParams empty", "requestauthentication.from-params", RULE + ".fromParams[0]", "must not be empty",
            p -> jwt(p).getFromParams().set(0, "")),
        error("fromCookies empty", "requestauthentication.from-cookies", RULE + ".fromCookies[0]",
            "must not be empty", p -> jwt(p).setFromCookies(new ArrayList<>(List.of("", "session")))),
        error("output claim empty", "requestauthentication.output-claim-to-headers",
            RULE + ".outputClaimToHeaders[0].claim", "is required", p -> jwt(p).getOutputClaimToHeaders()
                .set(0, claim("", "x-jwt-sub"))),
        error("output header empty", "requestauthentication.output-claim-to-headers",
            RULE + ".outputClaimToHeaders[0].header", "is required", p -> jwt(p).getOutputClaimToHeaders()
                .set(0, claim("sub", ""))),
        error("output header with a colon", "requestauthentication.output-claim-to-headers",
            RULE + ".outputClaimToHeaders[0].header", q("x-jwt:sub") + " is not a header name",
            p -> jwt(p).getOutputClaimToHeaders().set(0, claim("sub", "x-jwt:sub"))),
        error("output header with a dot", "requestauthentication.output-claim-to-headers",
            RULE + ".outputClaimToHeaders[0].header", "try \"x-jwt-sub\"",
            p -> jwt(p).getOutputClaimToHeaders().set(0, claim("sub", "x.jwt.sub"))),
        error("output null", "requestauthentication.output-claim-to-headers", RULE + ".outputClaimToHeaders[0]",
            "is null", p -> jwt(p).getOutputClaimToHeaders().set(0, null)),
        error("space-delimited claim empty", "requestauthentication.space-delimited-claims",
            RULE + ".spaceDelimitedClaims[0]", "must not be empty",
            p -> jwt(p).setSpaceDelimitedClaims(new ArrayList<>(List.of("")))),
        error("65 space-delimited claims", "requestauthentication.space-delimited-claims",
            RULE + ".spaceDelimitedClaims", "65 claims are too many", p -> {
              List<String> claims = new ArrayList<>();
              for (int i = 0; i < 65; i++) {
                claims.add("c" + i);
              }
              jwt(p).setSpaceDelimitedClaims(claims);
            }),
        error("timeout below 1ms", "requestauthentication.timeout", RULE + ".timeout", "must be at least 1ms",
            p -> jwt(p).setTimeout("100us")),
        error("timeout not a duration", "requestauthentication.timeout", RULE + ".timeout", q("5 seconds"),
            p -> jwt(p).setTimeout("5 seconds")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<RequestAuthentication> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(policy(mutation)), rule, severity, path, text);
  }

  // ================================================================= accepted near misses

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", p -> { }),
        ok("no spec", p -> p.setSpec(null)),
        ok("empty spec", p -> p.setSpec(new io.fabric8.istio.api.api.security.v1beta1.RequestAuthentication())),
        ok("jwksUri without issuer (upstream: empty issuer and set jwksUri)", p -> jwt(p).setIssuer(null)),
        ok("issuer without jwksUri (keys found by OpenID discovery)", p -> jwt(p).setJwksUri(null)),
        ok("jwksUri http with port, query and upper-case scheme", p -> jwt(p)
            .setJwksUri("HTTP://keys.example.com:8080/jwks.json?tenant=a%20b")),
        ok("jwksUri with IPv6 host", p -> jwt(p).setJwksUri("https://[2001:db8::1]:8443/keys")),
        ok("inline public jwks", p -> inlineJwks(p, JWKS)),
        ok("inline single EC key", p -> inlineJwks(p, "{\"kty\": \"EC\", \"crv\": \"P-256\", \"x\": \"a\", \"y\": \"b\"}")),
        ok("null JWT rule (skipped upstream)", p -> p.getSpec().getJwtRules().add(null)),
        ok("4096 JWT rules", p -> {
          for (int i = 0; i < 4095; i++) {
            p.getSpec().getJwtRules().add(null);
          }
        }),
        ok("header without prefix", p -> jwt(p).getFromHeaders().set(0, new JWTHeader("x-jwt-assertion", null))),
        ok("cookies", p -> jwt(p).setFromCookies(List.of("session"))),
        ok("output header with underscore and digits", p -> jwt(p).getOutputClaimToHeaders()
            .set(0, claim("groups", "X_JWT_Groups2"))),
        ok("64 space-delimited claims", p -> {
          List<String> claims = new ArrayList<>();
          for (int i = 0; i < 64; i++) {
            claims.add("c" + i);
          }
          jwt(p).setSpaceDelimitedClaims(claims);
        }),
        ok("timeout 1ms", p -> jwt(p).setTimeout("1ms")),
        ok("targetRef Gateway instead of selector",
            p -> targetRefInstead(p, ref("gateway.networking.k8s.io", "Gateway", "public", null))),
        ok("no selector (namespace-wide)", p -> p.getSpec().setSelector(null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<RequestAuthentication> mutation) {
    assertClean(check(policy(mutation)));
  }

  // ================================================================= details

  @Test
  void everyRuleIdHasARejectedRow() {
    IstioPolicyTesting.assertEveryRuleIdHasARejectedRow("RequestAuthenticationRules", "requestauthentication",
        rejected());
  }

  @Test
  void bothServedVersionsAreChecked() {
    assertTrue(Validator.kind("security.istio.io/v1", "RequestAuthentication") != null);
    assertTrue(Validator.kind("security.istio.io/v1beta1", "RequestAuthentication") != null);
    var beta = new io.fabric8.istio.api.security.v1beta1.RequestAuthentication();
    beta.setMetadata(policy().getMetadata());
    beta.setSpec(policy(p -> jwt(p).setJwksUri("foo.com")).getSpec());
    assertFinding(Fixtures.validate(beta), "requestauthentication.jwks-uri", Severity.ERROR, RULE + ".jwksUri",
        "has no scheme");
  }

  @Test
  void theBaselineIsCleanThroughTheValidator() {
    assertClean(Fixtures.validate(policy()));
  }

  @Test
  void jwksUriProblemsFollowGoUrlParse() {
    assertNull(RequestAuthenticationRules.jwksUriProblem("https://a.example.com"));
    assertNull(RequestAuthenticationRules.jwksUriProblem("https://user@a.example.com:443/k#frag"));
    assertNull(RequestAuthenticationRules.jwksUriProblem("https://a.example.com/a b"));
    assertTrue(RequestAuthenticationRules.jwksUriProblem("https://a b.example.com/").contains("space"));
    assertTrue(RequestAuthenticationRules.jwksUriProblem("https://[::1/keys").contains("closing"));
    assertTrue(RequestAuthenticationRules.jwksUriProblem("https://a.example.com\n").contains("control"));
  }

  @Test
  void aSingleMutationReportsOnlyItsRule() {
    rejected().forEach(a -> {
      @SuppressWarnings("unchecked")
      Consumer<RequestAuthentication> mutation =
          (Consumer<RequestAuthentication>) ((org.junit.jupiter.api.Named<?>) a.get()[0]).getPayload();
      String rule = (String) a.get()[1];
      for (Finding finding : check(policy(mutation))) {
        assertTrue(finding.rule().equals(rule) || rule.equals("requestauthentication.issuer"),
            () -> a.get()[0] + ": " + finding.format());
      }
    });
  }

  @Test
  void theInputIsNotChanged() {
    RequestAuthentication policy = policy(p -> jwt(p).setJwksUri("foo.com"));
    RequestAuthentication before = new io.fabric8.istio.api.security.v1.RequestAuthenticationBuilder(policy).build();
    check(policy);
    assertEquals(before, policy);
  }

  @Test
  void hollowInputNeverThrows() {
    int ran = IstioRuleTables.assertNoThrowOnHollowInput(policy(), RequestAuthentication.class,
        (c, p) -> RequestAuthenticationRules.check(c, p.getMetadata(), p.getSpec()));
    assertTrue(ran > 30, "only " + ran + " variants ran");
  }
}
