package dev.portico.synth.validate.gatewayapi;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPCORSFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathModifier;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestRedirectFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPURLRewriteFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A gateway.networking.k8s.io/v1 HTTPRoute as the Gateway API v1.5 standard channel's CRD
 * (kubernetes-sigs/gateway-api {@code config/crd/standard/gateway.networking.k8s.io_httproutes.yaml},
 * tag v1.5.1) checks it with its OpenAPI schema and CEL rules ({@code x-kubernetes-validations}), with
 * the CRD's defaults applied first as the API server does: a missing {@code rules} or {@code matches}
 * is one match of path prefix "/", a path without a type is a PathPrefix, a backendRef without group
 * and kind is a core Service, a parentRef without them a Gateway. An empty list counts as missing,
 * because fabric8 leaves empty lists out when it writes.
 *
 * <p>What changed since the v1.3 rules Portico had before and is checked here: redirect status codes 303, 307 and 308 (standard
 * since v1.4), a rule's {@code name} (standard since v1.4), and the CORS filter with its CEL rules
 * (standard since v1.5). Parts shared with GRPCRoute and TLSRoute are in {@link RouteRules} and
 * {@link RequestRouteRules}. Fields of the v1.5 experimental channel only ({@code retry},
 * {@code sessionPersistence}, {@code useDefaultGateways}, the ExternalAuth filter, and rule-name
 * uniqueness) are warnings naming the channel ({@code httproute.experimental},
 * {@code httproute.rule-name-duplicate}); their contents are not checked.
 */
final class HttpRouteRules {
  static final String KIND = "httproute";
  static final String EXACT = RequestRouteRules.EXACT;
  static final String PATH_PREFIX = "PathPrefix";
  static final String REGULAR_EXPRESSION = RequestRouteRules.REGULAR_EXPRESSION;
  static final List<String> PATH_TYPES = List.of(EXACT, PATH_PREFIX, REGULAR_EXPRESSION);
  static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
  static final String REQUEST_REDIRECT = "RequestRedirect";
  static final String URL_REWRITE = "URLRewrite";
  /** The CORS filter: in the standard channel since v1.5.0. */
  static final String CORS = "CORS";
  /** The ExternalAuth filter: in v1.5's experimental channel only. */
  static final String EXTERNAL_AUTH = "ExternalAuth";
  static final List<String> FILTER_TYPES = List.of(RequestRouteRules.REQUEST_HEADER_MODIFIER,
      RequestRouteRules.RESPONSE_HEADER_MODIFIER, RequestRouteRules.REQUEST_MIRROR, REQUEST_REDIRECT, URL_REWRITE,
      RequestRouteRules.EXTENSION_REF, CORS);
  /** The filter types the CRD's "filter cannot be repeated" rules cover (mirrors and extensions may repeat). */
  static final List<String> NOT_REPEATABLE = List.of(RequestRouteRules.REQUEST_HEADER_MODIFIER,
      RequestRouteRules.RESPONSE_HEADER_MODIFIER, REQUEST_REDIRECT, URL_REWRITE, CORS);
  static final String REPLACE_FULL_PATH = "ReplaceFullPath";
  static final String REPLACE_PREFIX_MATCH = "ReplacePrefixMatch";
  static final List<String> PATH_MODIFIER_TYPES = List.of(REPLACE_FULL_PATH, REPLACE_PREFIX_MATCH);
  static final List<String> SCHEMES = List.of("http", "https");
  /** The redirect status codes of the v1.5 enum (303, 307 and 308 standard since v1.4; 302 is the default). */
  static final List<Integer> STATUS_CODES = List.of(301, 302, 303, 307, 308);
  /** A CORS filter's allowMethods: the HTTP methods and "*". */
  static final List<String> CORS_METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "*");

  static final int MAX_TOTAL_MATCHES = 128;
  static final int PATH_MAX = 1024;
  static final int QUERY_VALUE_MAX = 1024;
  static final int CORS_LIST_MAX = 64;
  static final int CORS_METHODS_MAX = 9;

  /** One character (or %-escape) of the path rules' character set for Exact and PathPrefix. */
  private static final Pattern PATH_CHARACTER = Pattern.compile("[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2}");
  private static final List<String> BAD_SEQUENCES = List.of("//", "/./", "/../");
  private static final List<String> BAD_SUFFIXES = List.of("/..", "/.");
  private static final List<String> ENCODED_SLASHES = List.of("%2f", "%2F");

  /** A filter field that may carry a path modifier: requestRedirect or urlRewrite. */
  private record PathOwner(String field, Function<HTTPRouteFilter, HTTPPathModifier> path) {}

  private static final List<PathOwner> PATH_OWNERS = List.of(
      new PathOwner("requestRedirect", HttpRouteRules::redirectPath),
      new PathOwner("urlRewrite", HttpRouteRules::rewritePath));

  private HttpRouteRules() {}

  static void check(Check check, HTTPRoute route) {
    MetadataRules.check(check, route.getMetadata(), Formats::dns1123Subdomain);
    GatewayApiCheck c = new GatewayApiCheck(check, KIND);
    HTTPRouteSpec spec = route.getSpec();
    if (spec == null) {
      RouteRules.specRequired(c, "parentRefs naming the Gateway, and rules");
      return;
    }
    RouteRules.hostnames(c, RouteRules.list(spec.getHostnames()));
    RouteRules.parentRefs(c, RouteRules.list(spec.getParentRefs()));
    RouteRules.useDefaultGateways(c, spec.getUseDefaultGateways());
    rules(c, RouteRules.list(spec.getRules()));
  }

  // ================================================================= spec.rules

  private static void rules(GatewayApiCheck c, List<HTTPRouteRule> rules) {
    c.tooMany("spec.rules", rules.size(), RequestRouteRules.MAX_RULES, "rules");
    totalMatches(c, rules);
    RequestRouteRules.ruleNames(c, rules.stream().map(HTTPRouteRule::getName).toList());
    for (int i = 0; i < rules.size(); i++) {
      rule(c, "spec.rules[" + i + "]", rules.get(i));
    }
  }

  private static void rule(GatewayApiCheck c, String path, HTTPRouteRule rule) {
    matches(c, path + ".matches", RouteRules.list(rule.getMatches()));
    filters(c, path + ".filters", RouteRules.list(rule.getFilters()));
    backendRefs(c, path + ".backendRefs", RouteRules.list(rule.getBackendRefs()));
    timeouts(c, path + ".timeouts", rule.getTimeouts());
    if (rule.getRetry() != null) {
      c.experimental(path + ".retry", "retry");
    }
    RequestRouteRules.sessionPersistence(c, path + ".sessionPersistence", rule.getSessionPersistence());
    redirectWithBackends(c, path, rule);
    replacePrefixMatch(c, path, rule);
  }

  /** The rules list's rule: at most 128 matches in all, counting a rule without matches as its one default match. */
  private static void totalMatches(GatewayApiCheck c, List<HTTPRouteRule> rules) {
    int total = 0;
    for (int i = 0; i < Math.min(rules.size(), RequestRouteRules.MAX_RULES); i++) {
      total += Math.max(1, RouteRules.list(rules.get(i).getMatches()).size());
    }
    if (total > MAX_TOTAL_MATCHES) {
      c.error("httproute.total-matches", "spec.rules", total + " matches in all; while each of up to "
          + RequestRouteRules.MAX_RULES + " rules may have " + RequestRouteRules.MAX_MATCHES + ", a route may have at "
          + "most " + MAX_TOTAL_MATCHES + " matches across its rules; split it into several HTTPRoutes");
    }
  }

  // ================================================================= matches

  private static void matches(GatewayApiCheck c, String path, List<HTTPRouteMatch> matches) {
    c.tooMany(path, matches.size(), RequestRouteRules.MAX_MATCHES, "matches");
    for (int i = 0; i < matches.size(); i++) {
      HTTPRouteMatch match = matches.get(i);
      String matchPath = path + "[" + i + "]";
      pathMatch(c, matchPath + ".path", match.getPath());
      RequestRouteRules.headerMatches(c, matchPath + ".headers", RouteRules.list(match.getHeaders()).stream()
          .map(h -> new RequestRouteRules.HeaderMatch(h.getName(), h.getType(), h.getValue())).toList());
      queryParamMatches(c, matchPath + ".queryParams", RouteRules.list(match.getQueryParams()));
      c.oneOf("httproute.method", matchPath + ".method", match.getMethod(), METHODS);
    }
  }

  /** The path match after defaulting (type PathPrefix, value "/"), with the CRD's rules for Exact and PathPrefix. */
  private static void pathMatch(GatewayApiCheck c, String path, HTTPPathMatch match) {
    if (match == null) {
      return;
    }
    String type = Objects.requireNonNullElse(match.getType(), PATH_PREFIX);
    String value = Objects.requireNonNullElse(match.getValue(), "/");
    c.oneOf("httproute.path-type", path + ".type", type, PATH_TYPES);
    String valuePath = path + ".value";
    c.formatErrors("httproute.path-value", valuePath, value, GatewayApiFormats.length(value, 0, PATH_MAX), null);
    if (EXACT.equals(type) || PATH_PREFIX.equals(type)) {
      pathAbsolute(c, valuePath, value, type);
      pathSegments(c, valuePath, value, type);
      pathEncodedSlash(c, valuePath, value, type);
      pathFragment(c, valuePath, value, type);
      pathCharacters(c, valuePath, value, type);
    }
  }

  /** "value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']". */
  private static void pathAbsolute(GatewayApiCheck c, String path, String value, String type) {
    if (!value.startsWith("/")) {
      c.error("httproute.path-absolute", path, Messages.quote(value)
          + " must be an absolute path starting with '/' when type is " + Messages.quote(type)
          + Messages.tryInstead(value, "/" + value));
    }
  }

  /** "must not contain '//'", "'/./'", "'/../'" and "must not end with '/..'", "'/.'" for Exact and PathPrefix. */
  private static void pathSegments(GatewayApiCheck c, String path, String value, String type) {
    for (String sequence : BAD_SEQUENCES) {
      if (value.contains(sequence)) {
        c.error("httproute.path-segments", path, Messages.quote(value) + " must not contain "
            + Messages.quote(sequence) + " when type is " + Messages.quote(type));
      }
    }
    for (String suffix : BAD_SUFFIXES) {
      if (value.endsWith(suffix)) {
        c.error("httproute.path-segments", path, Messages.quote(value) + " must not end with "
            + Messages.quote(suffix) + " when type is " + Messages.quote(type));
      }
    }
  }

  /** "must not contain '%2f'" and "'%2F'" for Exact and PathPrefix. */
  private static void pathEncodedSlash(GatewayApiCheck c, String path, String value, String type) {
    for (String slash : ENCODED_SLASHES) {
      if (value.contains(slash)) {
        c.error("httproute.path-encoded-slash", path, Messages.quote(value) + " must not contain an encoded '/' ("
            + Messages.quote(slash) + ") when type is " + Messages.quote(type)
            + "; use type \"RegularExpression\" to match it literally");
      }
    }
  }

  /** "must not contain '#'" for Exact and PathPrefix: a fragment never reaches the server. */
  private static void pathFragment(GatewayApiCheck c, String path, String value, String type) {
    if (value.contains("#")) {
      c.error("httproute.path-fragment", path, Messages.quote(value) + " must not contain '#' when type is "
          + Messages.quote(type) + " (a URL fragment is not sent to the server)");
    }
  }

  /** "must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$)". */
  private static void pathCharacters(GatewayApiCheck c, String path, String value, String type) {
    // matched a character at a time: the CRD's pattern, a repeated alternation, recurses once per
    // character in java.util.regex and overflows the stack on a long path
    if (!value.isEmpty() && firstBadPathIndex(value) == value.length()) {
      return;
    }
    String where = value.isEmpty() ? "is empty" : "has " + Messages.quote(firstBadPathCharacter(value)) + " at index "
        + firstBadPathIndex(value);
    c.error("httproute.path-characters", path, Messages.quote(value) + " " + where
        + "; when type is " + Messages.quote(type) + " a path may only contain letters, digits, "
        + "-._~!$&'()*+,;=:@/ and %-escapes of two hex digits (percent-encode anything else, e.g. ' ' as \"%20\")");
  }

  private static int firstBadPathIndex(String value) {
    var matcher = PATH_CHARACTER.matcher(value);
    int index = 0;
    while (index < value.length() && matcher.find(index) && matcher.start() == index) {
      index = matcher.end();
    }
    return index;
  }

  private static String firstBadPathCharacter(String value) {
    int index = firstBadPathIndex(value);
    return value.substring(index, value.offsetByCodePoints(index, 1));
  }

  private static void queryParamMatches(GatewayApiCheck c, String path, List<HTTPQueryParamMatch> params) {
    c.tooMany(path, params.size(), RequestRouteRules.MAX_ITEMS, "query param matches");
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < params.size(); i++) {
      HTTPQueryParamMatch param = params.get(i);
      String itemPath = path + "[" + i + "]";
      if (param.getName() == null) {
        c.error("httproute.query-param-name", itemPath + ".name",
            "is required: a query parameter name, e.g. \"version\"");
      } else {
        c.formatErrors("httproute.query-param-name", itemPath + ".name", param.getName(),
            GatewayApiFormats.headerName(param.getName()), null);
      }
      c.oneOf(c.id("match-type"), itemPath + ".type", param.getType(), RequestRouteRules.MATCH_TYPES);
      c.text("httproute.query-param-value", itemPath + ".value", param.getValue(), QUERY_VALUE_MAX,
          "the value to match");
      c.unique("httproute.query-param-duplicate", itemPath + ".name", param.getName(), seen, path, i,
          "query param names must be unique within one match (they are compared case-sensitively)");
    }
  }

  // ================================================================= filters

  private static void filters(GatewayApiCheck c, String path, List<HTTPRouteFilter> filters) {
    RequestRouteRules.filters(c, path, filters.stream().map(HttpRouteRules::view).toList(), FILTER_TYPES,
        List.of(EXTERNAL_AUTH), NOT_REPEATABLE);
    for (int i = 0; i < filters.size(); i++) {
      HTTPRouteFilter filter = filters.get(i);
      String filterPath = path + "[" + i + "]";
      redirect(c, filterPath + ".requestRedirect", filter.getRequestRedirect());
      rewrite(c, filterPath + ".urlRewrite", filter.getUrlRewrite());
      cors(c, filterPath + ".cors", filter.getCors());
      if (filter.getExternalAuth() != null && !EXTERNAL_AUTH.equals(filter.getType())) {
        c.experimental(filterPath + ".externalAuth", "the externalAuth filter configuration");
      }
    }
    redirectAndRewrite(c, path, filters);
  }

  /** The filter as the shared rules see it: every standard configuration field, by type. */
  private static RequestRouteRules.Filter view(HTTPRouteFilter filter) {
    return new RequestRouteRules.Filter(filter.getType(), List.of(
        new RequestRouteRules.Config(RequestRouteRules.REQUEST_HEADER_MODIFIER, "requestHeaderModifier",
            filter.getRequestHeaderModifier()),
        new RequestRouteRules.Config(RequestRouteRules.RESPONSE_HEADER_MODIFIER, "responseHeaderModifier",
            filter.getResponseHeaderModifier()),
        new RequestRouteRules.Config(RequestRouteRules.REQUEST_MIRROR, "requestMirror", filter.getRequestMirror()),
        new RequestRouteRules.Config(REQUEST_REDIRECT, "requestRedirect", filter.getRequestRedirect()),
        new RequestRouteRules.Config(URL_REWRITE, "urlRewrite", filter.getUrlRewrite()),
        new RequestRouteRules.Config(RequestRouteRules.EXTENSION_REF, "extensionRef", filter.getExtensionRef()),
        new RequestRouteRules.Config(CORS, "cors", filter.getCors())),
        filter.getRequestHeaderModifier(), filter.getResponseHeaderModifier(), filter.getRequestMirror(),
        filter.getExtensionRef());
  }

  /** "May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both". */
  private static void redirectAndRewrite(GatewayApiCheck c, String path, List<HTTPRouteFilter> filters) {
    int redirect = firstOfType(filters, REQUEST_REDIRECT);
    int rewrite = firstOfType(filters, URL_REWRITE);
    if (redirect >= 0 && rewrite >= 0) {
      int later = Math.max(redirect, rewrite);
      int earlier = Math.min(redirect, rewrite);
      c.error("httproute.redirect-and-rewrite", path + "[" + later + "].type",
          Messages.quote(filters.get(later).getType()) + " cannot be combined with the "
              + filters.get(earlier).getType() + " filter at " + path + "[" + earlier + "]; "
              + "a filter list may have a RequestRedirect or a URLRewrite, not both");
    }
  }

  private static int firstOfType(List<HTTPRouteFilter> filters, String type) {
    for (int i = 0; i < filters.size(); i++) {
      if (type.equals(filters.get(i).getType())) {
        return i;
      }
    }
    return -1;
  }

  private static void redirect(GatewayApiCheck c, String path, HTTPRequestRedirectFilter redirect) {
    if (redirect == null) {
      return;
    }
    preciseHostname(c, path + ".hostname", redirect.getHostname());
    pathModifier(c, path + ".path", redirect.getPath());
    c.port(path + ".port", redirect.getPort());
    c.oneOf("httproute.redirect-scheme", path + ".scheme", redirect.getScheme(), SCHEMES);
    Integer code = redirect.getStatusCode();
    if (code != null && !STATUS_CODES.contains(code)) {
      c.error("httproute.redirect-status-code", path + ".statusCode", code
          + " is not supported; use 301, 302 (the default), 303, 307 or 308");
    }
  }

  private static void rewrite(GatewayApiCheck c, String path, HTTPURLRewriteFilter rewrite) {
    if (rewrite == null) {
      return;
    }
    preciseHostname(c, path + ".hostname", rewrite.getHostname());
    pathModifier(c, path + ".path", rewrite.getPath());
  }

  private static void preciseHostname(GatewayApiCheck c, String path, String hostname) {
    if (hostname != null) {
      c.formatErrors("httproute.precise-hostname", path, hostname, GatewayApiFormats.preciseHostname(hostname),
          GatewayApiFormats.lowerIfValid(hostname, GatewayApiFormats::preciseHostname));
    }
  }

  /** HTTPPathModifier: type required and enumerated, values of at most 1024 characters, and its four CEL rules. */
  private static void pathModifier(GatewayApiCheck c, String path, HTTPPathModifier modifier) {
    if (modifier == null) {
      return;
    }
    String type = modifier.getType();
    if (type == null) {
      c.error("httproute.path-modifier-type", path + ".type", "is required: " + Messages.oneOf(PATH_MODIFIER_TYPES));
    } else {
      c.oneOf("httproute.path-modifier-type", path + ".type", type, PATH_MODIFIER_TYPES);
    }
    pathModifierValue(c, path + ".replaceFullPath", modifier.getReplaceFullPath(), type, REPLACE_FULL_PATH);
    pathModifierValue(c, path + ".replacePrefixMatch", modifier.getReplacePrefixMatch(), type, REPLACE_PREFIX_MATCH);
  }

  /** "X must be specified when type is set to 'T'" and "type must be 'T' when X is set". */
  private static void pathModifierValue(GatewayApiCheck c, String path, String value, String type, String valueType) {
    if (value != null) {
      c.formatErrors("httproute.path-modifier", path, value, GatewayApiFormats.length(value, 0, PATH_MAX), null);
    }
    if (type == null) {
      return;
    }
    if (value == null && valueType.equals(type)) {
      c.error("httproute.path-modifier", path, "is required when type is " + Messages.quote(type));
    } else if (value != null && !valueType.equals(type)) {
      c.error("httproute.path-modifier", path, Messages.quote(value) + " may only be set when type is "
          + Messages.quote(valueType) + " (type is " + Messages.quote(type) + ")");
    }
  }

  // ================================================================= the CORS filter (standard since v1.5)

  /**
   * HTTPCORSFilter: allowOrigins (at most 64, a set of CORSOrigin), allowMethods (at most 9, a set of
   * methods or "*"), allowHeaders and exposeHeaders (at most 64, sets of header names), maxAge at least
   * 1, and the rules "AllowOrigins cannot contain '*' alongside other origins", "AllowMethods cannot
   * contain '*' alongside other methods" and "AllowHeaders cannot contain '*' alongside other methods".
   */
  private static void cors(GatewayApiCheck c, String path, HTTPCORSFilter cors) {
    if (cors == null) {
      return;
    }
    List<String> origins = RouteRules.list(cors.getAllowOrigins());
    corsSet(c, path + ".allowOrigins", origins, CORS_LIST_MAX, "origins");
    for (int i = 0; i < origins.size(); i++) {
      String origin = Objects.requireNonNullElse(origins.get(i), "");
      c.formatErrors("httproute.cors-origin", path + ".allowOrigins[" + i + "]", origin,
          GatewayApiFormats.corsOrigin(origin), null);
    }
    List<String> methods = RouteRules.list(cors.getAllowMethods());
    corsSet(c, path + ".allowMethods", methods, CORS_METHODS_MAX, "methods");
    for (int i = 0; i < methods.size(); i++) {
      c.oneOf("httproute.cors-method", path + ".allowMethods[" + i + "]", methods.get(i), CORS_METHODS);
    }
    for (String field : List.of("allowHeaders", "exposeHeaders")) {
      List<String> headers =
          RouteRules.list(field.equals("allowHeaders") ? cors.getAllowHeaders() : cors.getExposeHeaders());
      corsSet(c, path + "." + field, headers, CORS_LIST_MAX, "headers");
      for (int i = 0; i < headers.size(); i++) {
        String header = Objects.requireNonNullElse(headers.get(i), "");
        c.formatErrors("httproute.cors-header", path + "." + field + "[" + i + "]", header,
            GatewayApiFormats.headerName(header), null);
      }
    }
    corsWildcard(c, path + ".allowOrigins", origins, "origins");
    corsWildcard(c, path + ".allowMethods", methods, "methods");
    corsWildcard(c, path + ".allowHeaders", RouteRules.list(cors.getAllowHeaders()), "headers");
    Integer maxAge = cors.getMaxAge();
    if (maxAge != null && maxAge < 1) {
      c.error("httproute.cors-max-age", path + ".maxAge", maxAge
          + " must be at least 1 (seconds a browser may cache the preflight response; the default is 5)");
    }
  }

  /** A list of type set with at most {@code max} items: no value twice. */
  private static void corsSet(GatewayApiCheck c, String path, List<String> values, int max, String what) {
    c.tooMany(path, values.size(), max, what);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      c.unique("httproute.cors-duplicate", path + "[" + i + "]", values.get(i), seen, path, i,
          "the list is a set: each value at most once");
    }
  }

  /** "X cannot contain '*' alongside other X". */
  private static void corsWildcard(GatewayApiCheck c, String path, List<String> values, String what) {
    if (values.size() > 1 && values.contains("*")) {
      c.error("httproute.cors-wildcard", path, Messages.list(values) + " has \"*\" alongside other " + what
          + "; \"*\" allows every value, so give it alone or list the values without it");
    }
  }

  // ================================================================= backendRefs

  private static void backendRefs(GatewayApiCheck c, String path, List<HTTPBackendRef> refs) {
    c.tooMany(path, refs.size(), RouteRules.MAX_BACKEND_REFS, "backendRefs");
    for (int i = 0; i < refs.size(); i++) {
      HTTPBackendRef ref = refs.get(i);
      String refPath = path + "[" + i + "]";
      RouteRules.backendRef(c, refPath, ref.getGroup(), ref.getKind(), ref.getName(), ref.getNamespace(),
          ref.getPort(), ref.getWeight());
      filters(c, refPath + ".filters", RouteRules.list(ref.getFilters()));
    }
  }

  // ================================================================= timeouts

  private static void timeouts(GatewayApiCheck c, String path, HTTPRouteTimeouts timeouts) {
    if (timeouts == null) {
      return;
    }
    duration(c, path + ".request", timeouts.getRequest());
    duration(c, path + ".backendRequest", timeouts.getBackendRequest());
    timeoutOrder(c, path, timeouts);
  }

  private static void duration(GatewayApiCheck c, String path, String value) {
    if (value != null) {
      c.formatErrors("httproute.timeout", path, value, GatewayApiFormats.duration(value), null);
    }
  }

  /** "backendRequest timeout cannot be longer than request timeout" (a request timeout of 0s disables it). */
  private static void timeoutOrder(GatewayApiCheck c, String path, HTTPRouteTimeouts timeouts) {
    String request = timeouts.getRequest();
    String backend = timeouts.getBackendRequest();
    if (!GatewayApiFormats.isDuration(request) || !GatewayApiFormats.isDuration(backend)) {
      return;
    }
    long requestMillis = GatewayApiFormats.durationMillis(request);
    if (requestMillis != 0 && GatewayApiFormats.durationMillis(backend) > requestMillis) {
      c.error("httproute.timeout-order", path + ".backendRequest", Messages.quote(backend)
          + " is longer than the request timeout " + Messages.quote(request)
          + "; a backend request must fit in the whole request (or set request to \"0s\" to disable it)");
    }
  }

  // ================================================================= rule-level CEL rules

  /** "RequestRedirect filter must not be used together with backendRefs". */
  private static void redirectWithBackends(GatewayApiCheck c, String path, HTTPRouteRule rule) {
    int backends = RouteRules.list(rule.getBackendRefs()).size();
    if (backends == 0) {
      return;
    }
    List<HTTPRouteFilter> filters = RouteRules.list(rule.getFilters());
    for (int i = 0; i < filters.size(); i++) {
      if (filters.get(i).getRequestRedirect() != null) {
        c.error("httproute.redirect-with-backends", path + ".filters[" + i + "].requestRedirect",
            "must not be used together with backendRefs (the rule has " + backends + "): a redirect answers the "
                + "request itself; remove the backendRefs or move the redirect to a rule of its own");
      }
    }
  }

  /**
   * The four rules "When using RequestRedirect|URLRewrite filter with path.replacePrefixMatch, exactly
   * one PathPrefix match must be specified", in the rule's filters and "Within backendRefs". Like the
   * CEL ({@code exists_one}), each fires when exactly one such filter (or backendRef) exists.
   */
  private static void replacePrefixMatch(GatewayApiCheck c, String path, HTTPRouteRule rule) {
    String problem = prefixMatchProblem(RouteRules.list(rule.getMatches()));
    if (problem == null) {
      return;
    }
    for (PathOwner owner : PATH_OWNERS) {
      prefixMatchInFilters(c, path + ".filters", RouteRules.list(rule.getFilters()), owner, problem);
      prefixMatchInBackendRefs(c, path + ".backendRefs", RouteRules.list(rule.getBackendRefs()), owner, problem);
    }
  }

  /** Why the rule's matches (defaulted) do not allow replacePrefixMatch, or null when they do. */
  private static String prefixMatchProblem(List<HTTPRouteMatch> matches) {
    if (matches.isEmpty()) {
      return null;
    }
    if (matches.size() > 1) {
      return "the rule has " + matches.size() + " matches";
    }
    HTTPPathMatch match = matches.get(0).getPath();
    String type = match == null ? PATH_PREFIX : Objects.requireNonNullElse(match.getType(), PATH_PREFIX);
    return PATH_PREFIX.equals(type) ? null : "its match has path type " + Messages.quote(type);
  }

  private static void prefixMatchInFilters(GatewayApiCheck c, String path, List<HTTPRouteFilter> filters,
      PathOwner owner, String problem) {
    List<Integer> using = prefixMatchFilters(filters, owner);
    if (using.size() == 1) {
      prefixMatchError(c, path + "[" + using.get(0) + "]", filters.get(using.get(0)), owner, problem);
    }
  }

  private static void prefixMatchInBackendRefs(GatewayApiCheck c, String path, List<HTTPBackendRef> refs,
      PathOwner owner, String problem) {
    int found = -1;
    int count = 0;
    for (int i = 0; i < refs.size(); i++) {
      if (prefixMatchFilters(RouteRules.list(refs.get(i).getFilters()), owner).size() == 1) {
        found = i;
        count++;
      }
    }
    if (count == 1) {
      List<HTTPRouteFilter> filters = RouteRules.list(refs.get(found).getFilters());
      int i = prefixMatchFilters(filters, owner).get(0);
      prefixMatchError(c, path + "[" + found + "].filters[" + i + "]", filters.get(i), owner, problem);
    }
  }

  private static List<Integer> prefixMatchFilters(List<HTTPRouteFilter> filters, PathOwner owner) {
    List<Integer> using = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      HTTPPathModifier path = owner.path().apply(filters.get(i));
      if (path != null && REPLACE_PREFIX_MATCH.equals(path.getType()) && path.getReplacePrefixMatch() != null) {
        using.add(i);
      }
    }
    return using;
  }

  private static void prefixMatchError(GatewayApiCheck c, String filterPath, HTTPRouteFilter filter, PathOwner owner,
      String problem) {
    String value = owner.path().apply(filter).getReplacePrefixMatch();
    c.error("httproute.replace-prefix-match", filterPath + "." + owner.field() + ".path.replacePrefixMatch",
        Messages.quote(value) + " needs the rule to have exactly one match, of path type \"PathPrefix\", whose "
            + "prefix it replaces; " + problem + " (use type \"ReplaceFullPath\" otherwise)");
  }

  private static HTTPPathModifier redirectPath(HTTPRouteFilter filter) {
    return filter.getRequestRedirect() == null ? null : filter.getRequestRedirect().getPath();
  }

  private static HTTPPathModifier rewritePath(HTTPRouteFilter filter) {
    return filter.getUrlRewrite() == null ? null : filter.getUrlRewrite().getPath();
  }
}
