package dev.portico.synth.validate.istio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.istio.api.api.security.v1beta1.ClaimToHeader;
import io.fabric8.istio.api.api.security.v1beta1.JWTHeader;
import io.fabric8.istio.api.api.security.v1beta1.JWTRule;
import io.fabric8.istio.api.api.security.v1beta1.RequestAuthentication;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An Istio RequestAuthentication (security.istio.io v1 and v1beta1, which share one schema) as
 * istio/istio's webhook validation accepts it: {@code ValidateRequestAuthentication} in
 * {@code pkg/config/validation/validation.go} with {@code validateOneOfSelectorType},
 * {@code validateWorkloadSelector}, {@code validatePolicyTargetReference(s)}, {@code validateJwtRule}
 * ({@code security.ParseJwksURI} for {@code jwksUri}, {@code jwk.Parse} for inline {@code jwks},
 * {@code ValidateStrictHTTPHeaderName} for output headers, {@code agent.ValidateDuration} for the
 * timeout) and {@code warnPrivateJwksKeys}; the CRD's field rules (non-empty strings where set,
 * {@code jwksUri} at most 2048 characters with scheme http or https, only one of {@code jwks} and
 * {@code jwksUri}, at most 4096 rules and 64 space-delimited claims); the dry-run check of
 * {@code validateMetadata}.
 */
final class RequestAuthenticationRules {
  static final IstioSecurityFormats.SelectorRules SELECTOR = new IstioSecurityFormats.SelectorRules(
      "requestauthentication.selector", "requestauthentication.selector-empty",
      "requestauthentication.selector-label");
  static final IstioSecurityFormats.TargetRules TARGET = new IstioSecurityFormats.TargetRules(
      "requestauthentication.target-exclusive", "requestauthentication.target-ref",
      "requestauthentication.target-ref-kind");
  /** CRD {@code maxItems} of {@code jwtRules}. */
  static final int JWT_RULES_MAX = 4096;
  /** CRD {@code maxLength} of {@code jwksUri}. */
  static final int JWKS_URI_MAX = 2048;
  /** CRD {@code maxItems} of {@code spaceDelimitedClaims}. */
  static final int SPACE_DELIMITED_CLAIMS_MAX = 64;
  /** {@code validStrictHeaderNameRegex}. */
  private static final Pattern STRICT_HEADER_NAME = Pattern.compile("[-_A-Za-z0-9]+");
  /** The key types {@code jwk.Parse} reads. */
  private static final List<String> KEY_TYPES = List.of("RSA", "EC", "OKP", "oct");
  private static final ObjectMapper JSON = new ObjectMapper();

  private RequestAuthenticationRules() {}

  static void check(Check check, ObjectMeta metadata, RequestAuthentication spec) {
    MetadataRules.check(check, metadata, Formats::dns1123Subdomain);
    IstioSecurityFormats.dryRunUnsupported(check, "requestauthentication.dry-run-annotation",
        "RequestAuthentication", metadata);
    if (spec == null) {
      return;
    }
    IstioSecurityFormats.selectorOrTargets(check, SELECTOR, TARGET, spec.getSelector(), spec.getTargetRef(),
        spec.getTargetRefs());
    List<JWTRule> rules = spec.getJwtRules() == null ? List.of() : spec.getJwtRules();
    if (rules.size() > JWT_RULES_MAX) {
      check.error("requestauthentication.jwt-rules", "spec.jwtRules", rules.size() + " JWT rules are too many; at "
          + "most " + JWT_RULES_MAX);
    }
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i) != null) { // upstream skips a null rule
        jwtRule(check, "spec.jwtRules[" + i + "]", rules.get(i));
      }
    }
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }

  /** {@code validateJwtRule} and the CRD's rules of one JWT rule. */
  private static void jwtRule(Check check, String path, JWTRule rule) {
    if (isEmpty(rule.getIssuer()) && isEmpty(rule.getJwksUri())) {
      check.error("requestauthentication.issuer", path + ".issuer", (rule.getIssuer() == null ? "is missing"
          : "is empty") + " and so is jwksUri; set the issuer (the token's iss claim, e.g. "
          + "\"https://accounts.example.com\"), jwksUri, or both");
    } else if (rule.getIssuer() != null && rule.getIssuer().isEmpty()) {
      check.error("requestauthentication.issuer", path + ".issuer", "is empty; name the issuer (the token's iss "
          + "claim), or leave the field out");
    }
    strings(check, "requestauthentication.audience", path + ".audiences", rule.getAudiences(),
        "an audience must not be empty; name one, e.g. \"bookstore.example.com\"");
    if (rule.getJwksUri() != null) {
      jwksUri(check, path + ".jwksUri", rule.getJwksUri());
    }
    if (rule.getJwks() != null) {
      jwks(check, path + ".jwks", rule.getJwks(), rule.getJwksUri() != null);
    }
    fromHeaders(check, path + ".fromHeaders", rule.getFromHeaders());
    strings(check, "requestauthentication.from-params", path + ".fromParams", rule.getFromParams(),
        "a query parameter name must not be empty; name the parameter that carries the token, e.g. \"access_token\"");
    strings(check, "requestauthentication.from-cookies", path + ".fromCookies", rule.getFromCookies(),
        "a cookie name must not be empty; name the cookie that carries the token, e.g. \"session\"");
    outputClaimToHeaders(check, path + ".outputClaimToHeaders", rule.getOutputClaimToHeaders());
    List<String> claims = rule.getSpaceDelimitedClaims() == null ? List.of() : rule.getSpaceDelimitedClaims();
    if (claims.size() > SPACE_DELIMITED_CLAIMS_MAX) {
      check.error("requestauthentication.space-delimited-claims", path + ".spaceDelimitedClaims", claims.size()
          + " claims are too many; at most " + SPACE_DELIMITED_CLAIMS_MAX);
    }
    strings(check, "requestauthentication.space-delimited-claims", path + ".spaceDelimitedClaims", claims,
        "a claim name must not be empty; name the claim, e.g. \"scope\"");
    if (rule.getTimeout() != null) {
      for (String problem : IstioFormats.duration(rule.getTimeout())) {
        check.error("requestauthentication.timeout", path + ".timeout", Messages.quote(rule.getTimeout()) + " "
            + problem);
      }
    }
  }

  /** Every entry of a list of names is non-empty (upstream and the CRD's {@code minLength: 1}). */
  private static void strings(Check check, String rule, String path, List<String> values, String message) {
    if (values == null) {
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      if (isEmpty(values.get(i))) {
        check.error(rule, path + "[" + i + "]", message);
      }
    }
  }

  private static void fromHeaders(Check check, String path, List<JWTHeader> headers) {
    if (headers == null) {
      return;
    }
    for (int i = 0; i < headers.size(); i++) {
      JWTHeader header = headers.get(i);
      if (header == null) {
        check.error("requestauthentication.from-headers", path + "[" + i + "]", "is null; name the header that "
            + "carries the token, e.g. {name: x-jwt-assertion}");
      } else if (isEmpty(header.getName())) {
        check.error("requestauthentication.from-headers", path + "[" + i + "].name", "is required: the header "
            + "that carries the token, e.g. \"x-jwt-assertion\" (with prefix \"Bearer \" for Authorization)");
      }
    }
  }

  private static void outputClaimToHeaders(Check check, String path, List<ClaimToHeader> outputs) {
    if (outputs == null) {
      return;
    }
    for (int i = 0; i < outputs.size(); i++) {
      ClaimToHeader output = outputs.get(i);
      String itemPath = path + "[" + i + "]";
      if (output == null) {
        check.error("requestauthentication.output-claim-to-headers", itemPath, "is null; give a claim and the "
            + "header to copy it to, e.g. {claim: sub, header: x-jwt-sub}");
        continue;
      }
      if (isEmpty(output.getClaim())) {
        check.error("requestauthentication.output-claim-to-headers", itemPath + ".claim", "is required: the claim "
            + "to copy, e.g. \"sub\"");
      }
      if (isEmpty(output.getHeader())) {
        check.error("requestauthentication.output-claim-to-headers", itemPath + ".header", "is required: the "
            + "header to copy the claim to, e.g. \"x-jwt-sub\"");
      } else if (!isEmpty(output.getClaim()) && !STRICT_HEADER_NAME.matcher(output.getHeader()).matches()) {
        String suggestion = output.getHeader().replaceAll("[^-_A-Za-z0-9]", "-");
        check.error("requestauthentication.output-claim-to-headers", itemPath + ".header",
            Messages.quote(output.getHeader()) + " is not a header name Istio accepts here: letters, digits, '-' and "
                + "'_' only" + Messages.tryInstead(output.getHeader(), suggestion.replaceAll("^-+|-+$", "")));
      }
    }
  }

  /**
   * {@code security.ParseJwksURI} (Go's {@code url.Parse}, then scheme http or https and a numeric
   * port) and the CRD's length limit.
   */
  private static void jwksUri(Check check, String path, String uri) {
    if (uri.length() > JWKS_URI_MAX) {
      check.error("requestauthentication.jwks-uri", path, "is " + uri.length() + " characters long; at most "
          + JWKS_URI_MAX);
      return;
    }
    String problem = jwksUriProblem(uri);
    if (problem != null) {
      check.error("requestauthentication.jwks-uri", path, Messages.quote(uri) + " " + problem
          + "; give the URL of the issuer's key set, e.g. \"https://accounts.example.com/.well-known/jwks.json\"");
    }
  }

  /** What Go's {@code url.Parse} and {@code ParseJwksURI} reject in {@code uri}, or null. */
  static String jwksUriProblem(String uri) {
    if (uri.isEmpty()) {
      return "is empty";
    }
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return "contains a control character";
      }
      if (c == '%' && (i + 2 >= uri.length() || !isHex(uri.charAt(i + 1)) || !isHex(uri.charAt(i + 2)))) {
        return "has an invalid escape at position " + i + " ('%' must be followed by two hex digits)";
      }
    }
    var scheme = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):").matcher(uri);
    String name = scheme.find() ? scheme.group(1).toLowerCase(Locale.ROOT) : "";
    if (!name.equals("http") && !name.equals("https")) {
      return name.isEmpty() ? "has no scheme: it must start with \"https://\" or \"http://\""
          : "has scheme " + Messages.quote(name) + "; only http and https are supported";
    }
    String rest = uri.substring(name.length() + 1);
    if (!rest.startsWith("//")) {
      return "has no host: it must start with \"" + name + "://\"";
    }
    String authority = rest.substring(2).split("[/?#]", 2)[0];
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    if (host.contains(" ")) {
      return "has a space in its host";
    }
    String port;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        return "has an IPv6 host without its closing ']'";
      }
      port = host.substring(close + 1);
    } else {
      int colon = host.lastIndexOf(':');
      port = colon < 0 ? "" : host.substring(colon);
    }
    if (!port.isEmpty() && !(port.startsWith(":") && port.substring(1).chars().allMatch(c -> c >= '0' && c <= '9'))) {
      return "has an invalid port " + Messages.quote(port.startsWith(":") ? port.substring(1) : port)
          + " after the host; a port is digits only";
    }
    if (port.length() > 10) {
      return "has a port out of range";
    }
    return null;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /**
   * {@code jwk.Parse} on inline {@code jwks}: a JSON key set ({@code {"keys": [...]}}) or a single key,
   * each with a {@code kty} it knows; {@code warnPrivateJwksKeys}; and the CRD's "only one of jwks or
   * jwksUri can be set".
   */
  private static void jwks(Check check, String path, String jwks, boolean jwksUriSet) {
    if (jwksUriSet) {
      check.error("requestauthentication.jwks", path, "is set together with jwksUri; use one of them (jwks "
          + "inline, or jwksUri for Istio to fetch)");
    }
    JsonNode root;
    try {
      root = JSON.readTree(jwks);
    } catch (java.io.IOException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      check.error("requestauthentication.jwks", path, "is not a JSON Web Key Set: give a JSON object such as "
          + "{\"keys\": [{\"kty\": \"RSA\", \"n\": \"...\", \"e\": \"AQAB\"}]}");
      return;
    }
    List<JsonNode> keys = new ArrayList<>();
    if (root.has("keys")) {
      if (!root.get("keys").isArray()) {
        check.error("requestauthentication.jwks", path, "has \"keys\" that is not a list of keys");
        return;
      }
      root.get("keys").forEach(keys::add);
    } else {
      keys.add(root);
    }
    for (int i = 0; i < keys.size(); i++) {
      JsonNode key = keys.get(i);
      String kty = key.isObject() && key.path("kty").isTextual() ? key.get("kty").asText() : null;
      if (kty == null || !KEY_TYPES.contains(kty)) {
        check.error("requestauthentication.jwks", path, "key " + i + (kty == null ? " has no \"kty\""
            : " has kty " + Messages.quote(kty) + ", which is no key type") + "; use " + Messages.oneOf(KEY_TYPES));
      } else if (kty.equals("oct") || key.has("d")) {
        check.warning("requestauthentication.jwks-private-key", path, "key " + i + " holds private key material ("
            + (kty.equals("oct") ? "a symmetric \"oct\" key" : "\"d\"") + "); only public keys are needed to "
            + "verify tokens, so publish the public key only and keep the private one secret");
      }
    }
  }
}
