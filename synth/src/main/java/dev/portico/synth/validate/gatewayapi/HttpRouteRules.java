package dev.portico.synth.validate.gatewayapi;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Fraction;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathModifier;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestMirrorFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestRedirectFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPURLRewriteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A gateway.networking.k8s.io/v1 HTTPRoute as the Gateway API CRD's OpenAPI schema and CEL rules
 * ({@code x-kubernetes-validations}) in kubernetes-sigs/gateway-api
 * {@code config/crd/standard/gateway.networking.k8s.io_httproutes.yaml} enforce it, bundle v1.3.0
 * (standard channel), with the CRD's defaults applied first as the API server does: a missing
 * {@code rules} or {@code matches} is one match of path prefix "/", a path without a type is a
 * PathPrefix, a backendRef without group and kind is a core Service, a parentRef without them a
 * Gateway. An empty list counts as missing, because fabric8 leaves empty lists out when it writes.
 *
 * <p>Also checked: a rule's {@code name}, which v1.3 has only in its experimental channel and later
 * versions have in the standard one (a SectionName, unique within the route), and the CORS filter
 * type, in the standard channel since v1.5.0 (its type, presence and non-repetition; not the
 * contents of its configuration). Not checked: fields that are experimental in v1.3 (retry,
 * sessionPersistence, the ExternalAuth filter, useDefaultGateways), which the API server of a
 * standard-channel install rejects or prunes as unknown.
 */
final class HttpRouteRules {
  static final String EXACT = "Exact";
  static final String PATH_PREFIX = "PathPrefix";
  static final String REGULAR_EXPRESSION = "RegularExpression";
  static final List<String> PATH_TYPES = List.of(EXACT, PATH_PREFIX, REGULAR_EXPRESSION);
  /** HeaderMatchType and QueryParamMatchType. */
  static final List<String> MATCH_TYPES = List.of(EXACT, REGULAR_EXPRESSION);
  static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
  static final String REQUEST_HEADER_MODIFIER = "RequestHeaderModifier";
  static final String RESPONSE_HEADER_MODIFIER = "ResponseHeaderModifier";
  static final String REQUEST_MIRROR = "RequestMirror";
  static final String REQUEST_REDIRECT = "RequestRedirect";
  static final String URL_REWRITE = "URLRewrite";
  static final String EXTENSION_REF = "ExtensionRef";
  /** The CORS filter: experimental in v1.3, in the standard channel since v1.5.0, so accepted here. */
  static final String CORS = "CORS";
  static final List<String> FILTER_TYPES = List.of(REQUEST_HEADER_MODIFIER, RESPONSE_HEADER_MODIFIER, REQUEST_MIRROR,
      REQUEST_REDIRECT, URL_REWRITE, EXTENSION_REF, CORS);
  /** The filter types the CRD's "filter cannot be repeated" rules cover (mirrors and extensions may repeat). */
  static final List<String> NOT_REPEATABLE =
      List.of(REQUEST_HEADER_MODIFIER, RESPONSE_HEADER_MODIFIER, REQUEST_REDIRECT, URL_REWRITE, CORS);
  static final String REPLACE_FULL_PATH = "ReplaceFullPath";
  static final String REPLACE_PREFIX_MATCH = "ReplacePrefixMatch";
  static final List<String> PATH_MODIFIER_TYPES = List.of(REPLACE_FULL_PATH, REPLACE_PREFIX_MATCH);
  static final List<String> SCHEMES = List.of("http", "https");
  /** The redirect status codes of v1.3's enum; 303, 307 and 308 are not accepted. */
  static final List<Integer> STATUS_CODES = List.of(301, 302);
  static final String DEFAULT_PARENT_GROUP = "gateway.networking.k8s.io";
  static final String DEFAULT_PARENT_KIND = "Gateway";

  static final int MAX_HOSTNAMES = 16;
  static final int MAX_PARENT_REFS = 32;
  static final int MAX_RULES = 16;
  static final int MAX_MATCHES = 64;
  static final int MAX_TOTAL_MATCHES = 128;
  /** Header and query param matches per match, headers per set/add/remove, backendRefs and filters per list. */
  static final int MAX_ITEMS = 16;
  static final int PATH_MAX = 1024;
  static final int HEADER_VALUE_MAX = 4096;
  static final int QUERY_VALUE_MAX = 1024;
  static final int WEIGHT_MAX = 1_000_000;
  static final int PERCENT_MAX = 100;
  static final int DEFAULT_DENOMINATOR = 100;

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
    HTTPRouteSpec spec = route.getSpec();
    if (spec == null) {
      check.error("httproute.spec", "spec", "spec is required: parentRefs naming the Gateway, and rules");
      return;
    }
    hostnames(check, list(spec.getHostnames()));
    parentRefs(check, list(spec.getParentRefs()));
    rules(check, list(spec.getRules()));
  }

  private static <T> List<T> list(List<T> values) {
    return GatewayApiFormats.orEmpty(values);
  }

  // ================================================================= spec.hostnames

  private static void hostnames(Check check, List<String> hostnames) {
    tooMany(check, "spec.hostnames", hostnames, MAX_HOSTNAMES, "hostnames");
    for (int i = 0; i < hostnames.size(); i++) {
      String hostname = Objects.requireNonNullElse(hostnames.get(i), "");
      check.formatErrors("httproute.hostname", "spec.hostnames[" + i + "]", hostname,
          GatewayApiFormats.hostname(hostname), GatewayApiFormats.lowerIfValid(hostname, GatewayApiFormats::hostname));
    }
  }

  // ================================================================= spec.parentRefs

  private static void parentRefs(Check check, List<ParentReference> refs) {
    tooMany(check, "spec.parentRefs", refs, MAX_PARENT_REFS, "parentRefs");
    for (int i = 0; i < refs.size(); i++) {
      ParentReference ref = refs.get(i);
      String path = "spec.parentRefs[" + i + "]";
      reference(check, path, ref.getGroup(), ref.getKind(), ref.getName(), ref.getNamespace());
      port(check, path + ".port", ref.getPort());
      sectionName(check, path + ".sectionName", ref.getSectionName());
    }
    for (int j = 1; j < refs.size(); j++) {
      parentRefSections(check, refs, j);
    }
  }

  private static void sectionName(Check check, String path, String name) {
    if (name != null) {
      check.formatErrors("httproute.section-name", path, name, GatewayApiFormats.sectionName(name),
          GatewayApiFormats.lowerIfValid(name, GatewayApiFormats::sectionName));
    }
  }

  /**
   * The parentRefs rules "sectionName must be specified when parentRefs includes 2 or more references
   * to the same parent" and "sectionName must be unique when parentRefs includes 2 or more references
   * to the same parent", reported once at the later of the first clashing pair.
   */
  private static void parentRefSections(Check check, List<ParentReference> refs, int j) {
    ParentReference later = refs.get(j);
    String path = "spec.parentRefs[" + j + "].sectionName";
    for (int i = 0; i < j; i++) {
      ParentReference earlier = refs.get(i);
      if (!sameParent(earlier, later)) {
        continue;
      }
      String earlierPath = "spec.parentRefs[" + i + "]";
      if (isEmpty(earlier.getSectionName()) != isEmpty(later.getSectionName())) {
        check.error("httproute.parent-ref-section-required", path, (isEmpty(later.getSectionName())
            ? "is not set, but " + earlierPath + " references the same parent " + parent(later) + " with sectionName "
                + Messages.quote(earlier.getSectionName())
            : Messages.quote(later.getSectionName()) + " is set, but " + earlierPath + " references the same parent "
                + parent(later) + " without one")
            + "; when a route references one parent more than once, every reference must name a sectionName");
        return;
      }
      if (isEmpty(later.getSectionName()) || later.getSectionName().equals(earlier.getSectionName())) {
        check.error("httproute.parent-ref-duplicate", path, (isEmpty(later.getSectionName())
            ? "is not set here nor in " + earlierPath
            : Messages.quote(later.getSectionName()) + " is also used by " + earlierPath)
            + ", which references the same parent " + parent(later)
            + "; references to one parent must name different sectionNames (listeners)");
        return;
      }
    }
  }

  private static boolean sameParent(ParentReference a, ParentReference b) {
    return Objects.equals(a.getName(), b.getName())
        && Objects.requireNonNullElse(a.getGroup(), DEFAULT_PARENT_GROUP)
            .equals(Objects.requireNonNullElse(b.getGroup(), DEFAULT_PARENT_GROUP))
        && Objects.requireNonNullElse(a.getKind(), DEFAULT_PARENT_KIND)
            .equals(Objects.requireNonNullElse(b.getKind(), DEFAULT_PARENT_KIND))
        && Objects.requireNonNullElse(a.getNamespace(), "").equals(Objects.requireNonNullElse(b.getNamespace(), ""));
  }

  private static String parent(ParentReference ref) {
    String name = isEmpty(ref.getNamespace()) ? ref.getName() : ref.getNamespace() + "/" + ref.getName();
    return Objects.requireNonNullElse(ref.getKind(), DEFAULT_PARENT_KIND) + " " + Messages.quote(name);
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }

  // ================================================================= references, shared

  /** An object reference's name (required), group, kind and namespace. */
  private static void reference(Check check, String path, String group, String kind, String name, String namespace) {
    refName(check, path + ".name", name);
    if (group != null) {
      refGroup(check, path + ".group", group);
    }
    if (kind != null) {
      refKind(check, path + ".kind", kind);
    }
    if (namespace != null) {
      check.formatErrors("httproute.ref-namespace", path + ".namespace", namespace,
          GatewayApiFormats.namespace(namespace), GatewayApiFormats.lowerIfValid(namespace, GatewayApiFormats::namespace));
    }
  }

  private static void refName(Check check, String path, String name) {
    if (name == null) {
      check.error("httproute.ref-name", path, "is required: the name of the referenced object");
    } else {
      check.formatErrors("httproute.ref-name", path, name, GatewayApiFormats.objectName(name), null);
    }
  }

  private static void refGroup(Check check, String path, String group) {
    check.formatErrors("httproute.ref-group", path, group, GatewayApiFormats.group(group),
        GatewayApiFormats.lowerIfValid(group, GatewayApiFormats::group));
  }

  private static void refKind(Check check, String path, String kind) {
    check.formatErrors("httproute.ref-kind", path, kind, GatewayApiFormats.kind(kind), null);
  }

  /** {@code PortNumber}: 1 to 65535. */
  private static void port(Check check, String path, Integer port) {
    if (port != null) {
      for (String problem : Formats.portNumber(port)) {
        check.error("httproute.port", path, port + " " + problem);
      }
    }
  }

  /** The backendRef rule "Must have port for Service reference", after defaulting group "" and kind Service. */
  private static void servicePort(Check check, String path, String group, String kind, String name, Integer port) {
    boolean service = Objects.requireNonNullElse(group, "").isEmpty()
        && "Service".equals(Objects.requireNonNullElse(kind, "Service"));
    if (service && port == null) {
      check.error("httproute.service-port-required", path + ".port", "is required for Service "
          + Messages.quote(name) + ": the Service's port number (not the container's target port)");
    }
  }

  private static void tooMany(Check check, String path, List<?> items, int max, String what) {
    if (items.size() > max) {
      check.error("httproute.too-many", path, items.size() + " " + what + " given; at most " + max + " are allowed");
    }
  }

  private static void oneOf(Check check, String rule, String path, String value, List<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      check.error(rule, path, Messages.quote(value) + " is not supported; use " + Messages.oneOf(allowed)
          + " (case-sensitive)" + Messages.tryInstead(value, GatewayApiFormats.caseVariant(value, allowed)));
    }
  }

  /** A required string of {@code min} to {@code max} characters, without a pattern. */
  private static void text(Check check, String rule, String path, String value, int max, String what) {
    if (value == null) {
      check.error(rule, path, "is required: " + what);
    } else {
      check.formatErrors(rule, path, value, GatewayApiFormats.length(value, 1, max), null);
    }
  }

  // ================================================================= spec.rules

  private static void rules(Check check, List<HTTPRouteRule> rules) {
    tooMany(check, "spec.rules", rules, MAX_RULES, "rules");
    totalMatches(check, rules);
    ruleNames(check, rules);
    for (int i = 0; i < rules.size(); i++) {
      rule(check, "spec.rules[" + i + "]", rules.get(i));
    }
  }

  private static void rule(Check check, String path, HTTPRouteRule rule) {
    matches(check, path + ".matches", list(rule.getMatches()));
    filters(check, path + ".filters", list(rule.getFilters()));
    backendRefs(check, path + ".backendRefs", list(rule.getBackendRefs()));
    timeouts(check, path + ".timeouts", rule.getTimeouts());
    redirectWithBackends(check, path, rule);
    replacePrefixMatch(check, path, rule);
  }

  /** The rules list's rule: at most 128 matches in all, counting a rule without matches as its one default match. */
  private static void totalMatches(Check check, List<HTTPRouteRule> rules) {
    int total = 0;
    for (int i = 0; i < Math.min(rules.size(), MAX_RULES); i++) {
      total += Math.max(1, list(rules.get(i).getMatches()).size());
    }
    if (total > MAX_TOTAL_MATCHES) {
      check.error("httproute.total-matches", "spec.rules", total + " matches in all; while each of up to "
          + MAX_RULES + " rules may have " + MAX_MATCHES + ", a route may have at most " + MAX_TOTAL_MATCHES
          + " matches across its rules; split it into several HTTPRoutes");
    }
  }

  /** A rule's name is a SectionName, unique within the route ("Rule name must be unique within the route"). */
  private static void ruleNames(Check check, List<HTTPRouteRule> rules) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      String name = rules.get(i).getName();
      if (name == null) {
        continue;
      }
      String path = "spec.rules[" + i + "].name";
      check.formatErrors("httproute.rule-name", path, name, GatewayApiFormats.sectionName(name),
          GatewayApiFormats.lowerIfValid(name, GatewayApiFormats::sectionName));
      Integer earlier = seen.putIfAbsent(name, i);
      if (earlier != null) {
        check.error("httproute.rule-name-duplicate", path, Messages.quote(name) + " is also the name of spec.rules["
            + earlier + "]; rule names must be unique within the route");
      }
    }
  }

  // ================================================================= matches

  private static void matches(Check check, String path, List<HTTPRouteMatch> matches) {
    tooMany(check, path, matches, MAX_MATCHES, "matches");
    for (int i = 0; i < matches.size(); i++) {
      HTTPRouteMatch match = matches.get(i);
      String matchPath = path + "[" + i + "]";
      pathMatch(check, matchPath + ".path", match.getPath());
      headerMatches(check, matchPath + ".headers", list(match.getHeaders()));
      queryParamMatches(check, matchPath + ".queryParams", list(match.getQueryParams()));
      method(check, matchPath + ".method", match.getMethod());
    }
  }

  /** The path match after defaulting (type PathPrefix, value "/"), with the CRD's rules for Exact and PathPrefix. */
  private static void pathMatch(Check check, String path, HTTPPathMatch match) {
    if (match == null) {
      return;
    }
    String type = Objects.requireNonNullElse(match.getType(), PATH_PREFIX);
    String value = Objects.requireNonNullElse(match.getValue(), "/");
    oneOf(check, "httproute.path-type", path + ".type", type, PATH_TYPES);
    String valuePath = path + ".value";
    check.formatErrors("httproute.path-value", valuePath, value, GatewayApiFormats.length(value, 0, PATH_MAX), null);
    if (EXACT.equals(type) || PATH_PREFIX.equals(type)) {
      pathAbsolute(check, valuePath, value, type);
      pathSegments(check, valuePath, value, type);
      pathEncodedSlash(check, valuePath, value, type);
      pathFragment(check, valuePath, value, type);
      pathCharacters(check, valuePath, value, type);
    }
  }

  /** "value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']". */
  private static void pathAbsolute(Check check, String path, String value, String type) {
    if (!value.startsWith("/")) {
      check.error("httproute.path-absolute", path, Messages.quote(value)
          + " must be an absolute path starting with '/' when type is " + Messages.quote(type)
          + Messages.tryInstead(value, "/" + value));
    }
  }

  /** "must not contain '//'", "'/./'", "'/../'" and "must not end with '/..'", "'/.'" for Exact and PathPrefix. */
  private static void pathSegments(Check check, String path, String value, String type) {
    for (String sequence : BAD_SEQUENCES) {
      if (value.contains(sequence)) {
        check.error("httproute.path-segments", path, Messages.quote(value) + " must not contain "
            + Messages.quote(sequence) + " when type is " + Messages.quote(type));
      }
    }
    for (String suffix : BAD_SUFFIXES) {
      if (value.endsWith(suffix)) {
        check.error("httproute.path-segments", path, Messages.quote(value) + " must not end with "
            + Messages.quote(suffix) + " when type is " + Messages.quote(type));
      }
    }
  }

  /** "must not contain '%2f'" and "'%2F'" for Exact and PathPrefix. */
  private static void pathEncodedSlash(Check check, String path, String value, String type) {
    for (String slash : ENCODED_SLASHES) {
      if (value.contains(slash)) {
        check.error("httproute.path-encoded-slash", path, Messages.quote(value) + " must not contain an encoded '/' ("
            + Messages.quote(slash) + ") when type is " + Messages.quote(type)
            + "; use type \"RegularExpression\" to match it literally");
      }
    }
  }

  /** "must not contain '#'" for Exact and PathPrefix: a fragment never reaches the server. */
  private static void pathFragment(Check check, String path, String value, String type) {
    if (value.contains("#")) {
      check.error("httproute.path-fragment", path, Messages.quote(value) + " must not contain '#' when type is "
          + Messages.quote(type) + " (a URL fragment is not sent to the server)");
    }
  }

  /** "must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$)". */
  private static void pathCharacters(Check check, String path, String value, String type) {
    // matched a character at a time: the CRD's pattern, a repeated alternation, recurses once per
    // character in java.util.regex and overflows the stack on a long path
    if (!value.isEmpty() && firstBadPathIndex(value) == value.length()) {
      return;
    }
    String where = value.isEmpty() ? "is empty" : "has " + Messages.quote(firstBadPathCharacter(value)) + " at index "
        + firstBadPathIndex(value);
    check.error("httproute.path-characters", path, Messages.quote(value) + " " + where
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

  private static void headerMatches(Check check, String path, List<HTTPHeaderMatch> headers) {
    tooMany(check, path, headers, MAX_ITEMS, "header matches");
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      HTTPHeaderMatch header = headers.get(i);
      String itemPath = path + "[" + i + "]";
      headerName(check, itemPath + ".name", header.getName());
      oneOf(check, "httproute.match-type", itemPath + ".type", header.getType(), MATCH_TYPES);
      text(check, "httproute.header-value", itemPath + ".value", header.getValue(), HEADER_VALUE_MAX,
          "the value to match");
      unique(check, "httproute.header-duplicate", itemPath + ".name", header.getName(), seen, path, i,
          "header names must be unique within one list");
    }
  }

  private static void headerName(Check check, String path, String name) {
    if (name == null) {
      check.error("httproute.header-name", path, "is required: an HTTP header name, e.g. \"x-request-id\"");
    } else {
      check.formatErrors("httproute.header-name", path, name, GatewayApiFormats.headerName(name), null);
    }
  }

  private static void queryParamMatches(Check check, String path, List<HTTPQueryParamMatch> params) {
    tooMany(check, path, params, MAX_ITEMS, "query param matches");
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < params.size(); i++) {
      HTTPQueryParamMatch param = params.get(i);
      String itemPath = path + "[" + i + "]";
      queryParamName(check, itemPath + ".name", param.getName());
      oneOf(check, "httproute.match-type", itemPath + ".type", param.getType(), MATCH_TYPES);
      text(check, "httproute.query-param-value", itemPath + ".value", param.getValue(), QUERY_VALUE_MAX,
          "the value to match");
      unique(check, "httproute.query-param-duplicate", itemPath + ".name", param.getName(), seen, path, i,
          "query param names must be unique within one match (they are compared case-sensitively)");
    }
  }

  private static void queryParamName(Check check, String path, String name) {
    if (name == null) {
      check.error("httproute.query-param-name", path, "is required: a query parameter name, e.g. \"version\"");
    } else {
      check.formatErrors("httproute.query-param-name", path, name, GatewayApiFormats.headerName(name), null);
    }
  }

  /** The key of a list of type map or set: exactly equal keys are rejected. */
  private static void unique(Check check, String rule, String path, String key, Map<String, Integer> seen,
      String listPath, int index, String why) {
    if (key == null) {
      return;
    }
    Integer earlier = seen.putIfAbsent(key, index);
    if (earlier != null) {
      check.error(rule, path, Messages.quote(key) + " is already listed at " + listPath + "[" + earlier + "]; " + why);
    }
  }

  private static void method(Check check, String path, String method) {
    oneOf(check, "httproute.method", path, method, METHODS);
  }

  // ================================================================= filters

  private static void filters(Check check, String path, List<HTTPRouteFilter> filters) {
    tooMany(check, path, filters, MAX_ITEMS, "filters");
    for (int i = 0; i < filters.size(); i++) {
      filter(check, path + "[" + i + "]", filters.get(i));
    }
    repeatedFilters(check, path, filters);
    redirectAndRewrite(check, path, filters);
  }

  private static void filter(Check check, String path, HTTPRouteFilter filter) {
    String type = filter.getType();
    if (type == null) {
      check.error("httproute.filter-type", path + ".type", "is required: one of " + Messages.oneOf(FILTER_TYPES));
    } else {
      oneOf(check, "httproute.filter-type", path + ".type", type, FILTER_TYPES);
      filterConfig(check, path, filter, type);
    }
    headerModifier(check, path + ".requestHeaderModifier", filter.getRequestHeaderModifier());
    headerModifier(check, path + ".responseHeaderModifier", filter.getResponseHeaderModifier());
    mirror(check, path + ".requestMirror", filter.getRequestMirror());
    redirect(check, path + ".requestRedirect", filter.getRequestRedirect());
    rewrite(check, path + ".urlRewrite", filter.getUrlRewrite());
    extensionRef(check, path + ".extensionRef", filter.getExtensionRef());
  }

  /** A filter type's configuration field, and its value in one filter. */
  private record FilterConfig(String type, String field, Object value) {}

  private static List<FilterConfig> configs(HTTPRouteFilter filter) {
    return List.of(
        new FilterConfig(REQUEST_HEADER_MODIFIER, "requestHeaderModifier", filter.getRequestHeaderModifier()),
        new FilterConfig(RESPONSE_HEADER_MODIFIER, "responseHeaderModifier", filter.getResponseHeaderModifier()),
        new FilterConfig(REQUEST_MIRROR, "requestMirror", filter.getRequestMirror()),
        new FilterConfig(REQUEST_REDIRECT, "requestRedirect", filter.getRequestRedirect()),
        new FilterConfig(URL_REWRITE, "urlRewrite", filter.getUrlRewrite()),
        new FilterConfig(EXTENSION_REF, "extensionRef", filter.getExtensionRef()),
        new FilterConfig(CORS, "cors", filter.getCors()));
  }

  /**
   * The twelve filter rules "filter.X must be nil if the filter.type is not T" and "filter.X must be
   * specified for T filter.type": exactly the configuration field of the filter's type is set.
   */
  private static void filterConfig(Check check, String path, HTTPRouteFilter filter, String type) {
    for (FilterConfig config : configs(filter)) {
      String fieldPath = path + "." + config.field();
      if (config.value() != null && !config.type().equals(type)) {
        check.error("httproute.filter-config", fieldPath, "must not be set when type is " + Messages.quote(type)
            + "; it configures a " + Messages.quote(config.type()) + " filter (set type to that, or remove "
            + config.field() + ")");
      } else if (config.value() == null && config.type().equals(type)) {
        check.error("httproute.filter-config", fieldPath, "is required when type is " + Messages.quote(type));
      }
    }
  }

  /** "RequestHeaderModifier filter cannot be repeated", and the same for ResponseHeaderModifier, RequestRedirect, URLRewrite. */
  private static void repeatedFilters(Check check, String path, List<HTTPRouteFilter> filters) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < filters.size(); i++) {
      String type = filters.get(i).getType();
      if (type != null && NOT_REPEATABLE.contains(type)) {
        unique(check, "httproute.filter-repeated", path + "[" + i + "].type", type, seen, path, i,
            "a " + type + " filter may be used at most once per filter list; merge the two");
      }
    }
  }

  /** "May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both". */
  private static void redirectAndRewrite(Check check, String path, List<HTTPRouteFilter> filters) {
    int redirect = firstOfType(filters, REQUEST_REDIRECT);
    int rewrite = firstOfType(filters, URL_REWRITE);
    if (redirect >= 0 && rewrite >= 0) {
      int later = Math.max(redirect, rewrite);
      int earlier = Math.min(redirect, rewrite);
      check.error("httproute.redirect-and-rewrite", path + "[" + later + "].type",
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

  private static void headerModifier(Check check, String path, HTTPHeaderFilter modifier) {
    if (modifier == null) {
      return;
    }
    headers(check, path + ".set", list(modifier.getSet()));
    headers(check, path + ".add", list(modifier.getAdd()));
    removedHeaders(check, path + ".remove", list(modifier.getRemove()));
  }

  private static void headers(Check check, String path, List<HTTPHeader> headers) {
    tooMany(check, path, headers, MAX_ITEMS, "headers");
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      HTTPHeader header = headers.get(i);
      String itemPath = path + "[" + i + "]";
      headerName(check, itemPath + ".name", header.getName());
      text(check, "httproute.header-value", itemPath + ".value", header.getValue(), HEADER_VALUE_MAX,
          "the header's value");
      unique(check, "httproute.header-duplicate", itemPath + ".name", header.getName(), seen, path, i,
          "header names must be unique within one list");
    }
  }

  /** A list of type set: unique entries, no pattern. */
  private static void removedHeaders(Check check, String path, List<String> names) {
    tooMany(check, path, names, MAX_ITEMS, "header names");
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      unique(check, "httproute.header-duplicate", path + "[" + i + "]", names.get(i), seen, path, i,
          "header names must be unique within one list");
    }
  }

  private static void mirror(Check check, String path, HTTPRequestMirrorFilter mirror) {
    if (mirror == null) {
      return;
    }
    BackendObjectReference backend = mirror.getBackendRef();
    if (backend == null) {
      check.error("httproute.mirror-backend", path + ".backendRef",
          "is required: the backend to mirror requests to, e.g. a Service name and port");
    } else {
      String backendPath = path + ".backendRef";
      reference(check, backendPath, backend.getGroup(), backend.getKind(), backend.getName(), backend.getNamespace());
      port(check, backendPath + ".port", backend.getPort());
      servicePort(check, backendPath, backend.getGroup(), backend.getKind(), backend.getName(), backend.getPort());
    }
    mirrorPercent(check, path, mirror.getPercent());
    mirrorFraction(check, path + ".fraction", mirror.getFraction());
    if (mirror.getPercent() != null && mirror.getFraction() != null) {
      check.error("httproute.mirror-fraction", path, "percent " + mirror.getPercent() + " and fraction "
          + mirror.getFraction().getNumerator() + "/" + mirror.getFraction().getDenominator()
          + " are both set; only one of percent or fraction may be specified");
    }
  }

  private static void mirrorPercent(Check check, String path, Integer percent) {
    if (percent != null && (percent < 0 || percent > PERCENT_MAX)) {
      check.error("httproute.mirror-fraction", path + ".percent", percent + " must be from 0 to " + PERCENT_MAX);
    }
  }

  /** Numerator required and at least 0, denominator (default 100) at least 1, and "numerator must be less than or equal to denominator". */
  private static void mirrorFraction(Check check, String path, Fraction fraction) {
    if (fraction == null) {
      return;
    }
    Integer numerator = fraction.getNumerator();
    int denominator = Objects.requireNonNullElse(fraction.getDenominator(), DEFAULT_DENOMINATOR);
    if (denominator < 1) {
      check.error("httproute.mirror-fraction", path + ".denominator", denominator + " must be at least 1");
    }
    if (numerator == null) {
      check.error("httproute.mirror-fraction", path + ".numerator", "is required: the mirrored share is numerator/"
          + denominator);
    } else if (numerator < 0) {
      check.error("httproute.mirror-fraction", path + ".numerator", numerator + " must be at least 0");
    } else if (numerator > denominator) {
      check.error("httproute.mirror-fraction", path + ".numerator", numerator
          + " must be less than or equal to the denominator " + denominator);
    }
  }

  private static void redirect(Check check, String path, HTTPRequestRedirectFilter redirect) {
    if (redirect == null) {
      return;
    }
    preciseHostname(check, path + ".hostname", redirect.getHostname());
    pathModifier(check, path + ".path", redirect.getPath());
    port(check, path + ".port", redirect.getPort());
    oneOf(check, "httproute.redirect-scheme", path + ".scheme", redirect.getScheme(), SCHEMES);
    statusCode(check, path + ".statusCode", redirect.getStatusCode());
  }

  private static void statusCode(Check check, String path, Integer code) {
    if (code != null && !STATUS_CODES.contains(code)) {
      check.error("httproute.redirect-status-code", path, code + " is not supported; use 301 or 302 (the default)");
    }
  }

  private static void rewrite(Check check, String path, HTTPURLRewriteFilter rewrite) {
    if (rewrite == null) {
      return;
    }
    preciseHostname(check, path + ".hostname", rewrite.getHostname());
    pathModifier(check, path + ".path", rewrite.getPath());
  }

  private static void preciseHostname(Check check, String path, String hostname) {
    if (hostname != null) {
      check.formatErrors("httproute.precise-hostname", path, hostname, GatewayApiFormats.preciseHostname(hostname),
          GatewayApiFormats.lowerIfValid(hostname, GatewayApiFormats::preciseHostname));
    }
  }

  /** HTTPPathModifier: type required and enumerated, values of at most 1024 characters, and its four CEL rules. */
  private static void pathModifier(Check check, String path, HTTPPathModifier modifier) {
    if (modifier == null) {
      return;
    }
    String type = modifier.getType();
    if (type == null) {
      check.error("httproute.path-modifier-type", path + ".type", "is required: " + Messages.oneOf(PATH_MODIFIER_TYPES));
    } else {
      oneOf(check, "httproute.path-modifier-type", path + ".type", type, PATH_MODIFIER_TYPES);
    }
    pathModifierValue(check, path + ".replaceFullPath", modifier.getReplaceFullPath(), type, REPLACE_FULL_PATH);
    pathModifierValue(check, path + ".replacePrefixMatch", modifier.getReplacePrefixMatch(), type,
        REPLACE_PREFIX_MATCH);
  }

  /** "X must be specified when type is set to 'T'" and "type must be 'T' when X is set". */
  private static void pathModifierValue(Check check, String path, String value, String type, String valueType) {
    if (value != null) {
      check.formatErrors("httproute.path-modifier", path, value, GatewayApiFormats.length(value, 0, PATH_MAX), null);
    }
    if (type == null) {
      return;
    }
    if (value == null && valueType.equals(type)) {
      check.error("httproute.path-modifier", path, "is required when type is " + Messages.quote(type));
    } else if (value != null && !valueType.equals(type)) {
      check.error("httproute.path-modifier", path, Messages.quote(value) + " may only be set when type is "
          + Messages.quote(valueType) + " (type is " + Messages.quote(type) + ")");
    }
  }

  /** LocalObjectReference: group, kind and name are all required ("" is the core group). */
  private static void extensionRef(Check check, String path, LocalObjectReference ref) {
    if (ref == null) {
      return;
    }
    if (ref.getGroup() == null) {
      check.error("httproute.ref-group", path + ".group", "is required: the extension's API group (\"\" for core)");
    } else {
      refGroup(check, path + ".group", ref.getGroup());
    }
    if (ref.getKind() == null) {
      check.error("httproute.ref-kind", path + ".kind", "is required: the extension's kind");
    } else {
      refKind(check, path + ".kind", ref.getKind());
    }
    refName(check, path + ".name", ref.getName());
  }

  // ================================================================= backendRefs

  private static void backendRefs(Check check, String path, List<HTTPBackendRef> refs) {
    tooMany(check, path, refs, MAX_ITEMS, "backendRefs");
    for (int i = 0; i < refs.size(); i++) {
      HTTPBackendRef ref = refs.get(i);
      String refPath = path + "[" + i + "]";
      reference(check, refPath, ref.getGroup(), ref.getKind(), ref.getName(), ref.getNamespace());
      port(check, refPath + ".port", ref.getPort());
      servicePort(check, refPath, ref.getGroup(), ref.getKind(), ref.getName(), ref.getPort());
      weight(check, refPath + ".weight", ref.getWeight());
      filters(check, refPath + ".filters", list(ref.getFilters()));
    }
  }

  private static void weight(Check check, String path, Integer weight) {
    if (weight != null && (weight < 0 || weight > WEIGHT_MAX)) {
      check.error("httproute.weight", path, weight + " must be from 0 to " + WEIGHT_MAX
          + " (a share of the rule's total weight; 0 sends no traffic)");
    }
  }

  // ================================================================= timeouts

  private static void timeouts(Check check, String path, HTTPRouteTimeouts timeouts) {
    if (timeouts == null) {
      return;
    }
    duration(check, path + ".request", timeouts.getRequest());
    duration(check, path + ".backendRequest", timeouts.getBackendRequest());
    timeoutOrder(check, path, timeouts);
  }

  private static void duration(Check check, String path, String value) {
    if (value != null) {
      check.formatErrors("httproute.timeout", path, value, GatewayApiFormats.duration(value), null);
    }
  }

  /** "backendRequest timeout cannot be longer than request timeout" (a request timeout of 0s disables it). */
  private static void timeoutOrder(Check check, String path, HTTPRouteTimeouts timeouts) {
    String request = timeouts.getRequest();
    String backend = timeouts.getBackendRequest();
    if (!GatewayApiFormats.isDuration(request) || !GatewayApiFormats.isDuration(backend)) {
      return;
    }
    long requestMillis = GatewayApiFormats.durationMillis(request);
    if (requestMillis != 0 && GatewayApiFormats.durationMillis(backend) > requestMillis) {
      check.error("httproute.timeout-order", path + ".backendRequest", Messages.quote(backend)
          + " is longer than the request timeout " + Messages.quote(request)
          + "; a backend request must fit in the whole request (or set request to \"0s\" to disable it)");
    }
  }

  // ================================================================= rule-level CEL rules

  /** "RequestRedirect filter must not be used together with backendRefs". */
  private static void redirectWithBackends(Check check, String path, HTTPRouteRule rule) {
    int backends = list(rule.getBackendRefs()).size();
    if (backends == 0) {
      return;
    }
    List<HTTPRouteFilter> filters = list(rule.getFilters());
    for (int i = 0; i < filters.size(); i++) {
      if (filters.get(i).getRequestRedirect() != null) {
        check.error("httproute.redirect-with-backends", path + ".filters[" + i + "].requestRedirect",
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
  private static void replacePrefixMatch(Check check, String path, HTTPRouteRule rule) {
    String problem = prefixMatchProblem(list(rule.getMatches()));
    if (problem == null) {
      return;
    }
    for (PathOwner owner : PATH_OWNERS) {
      prefixMatchInFilters(check, path + ".filters", list(rule.getFilters()), owner, problem);
      prefixMatchInBackendRefs(check, path + ".backendRefs", list(rule.getBackendRefs()), owner, problem);
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

  private static void prefixMatchInFilters(Check check, String path, List<HTTPRouteFilter> filters, PathOwner owner,
      String problem) {
    List<Integer> using = prefixMatchFilters(filters, owner);
    if (using.size() == 1) {
      prefixMatchError(check, path + "[" + using.get(0) + "]", filters.get(using.get(0)), owner, problem);
    }
  }

  private static void prefixMatchInBackendRefs(Check check, String path, List<HTTPBackendRef> refs, PathOwner owner,
      String problem) {
    int found = -1;
    int count = 0;
    for (int i = 0; i < refs.size(); i++) {
      if (prefixMatchFilters(list(refs.get(i).getFilters()), owner).size() == 1) {
        found = i;
        count++;
      }
    }
    if (count == 1) {
      List<HTTPRouteFilter> filters = list(refs.get(found).getFilters());
      int i = prefixMatchFilters(filters, owner).get(0);
      prefixMatchError(check, path + "[" + found + "].filters[" + i + "]", filters.get(i), owner, problem);
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

  private static void prefixMatchError(Check check, String filterPath, HTTPRouteFilter filter, PathOwner owner,
      String problem) {
    String value = owner.path().apply(filter).getReplacePrefixMatch();
    check.error("httproute.replace-prefix-match", filterPath + "." + owner.field() + ".path.replacePrefixMatch",
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
