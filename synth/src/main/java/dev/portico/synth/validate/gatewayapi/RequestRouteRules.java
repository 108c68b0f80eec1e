package dev.portico.synth.validate.gatewayapi;

import dev.portico.synth.validate.Messages;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Fraction;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestMirrorFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SessionPersistence;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the two request routes of Gateway API v1.5 standard, HTTPRoute and GRPCRoute, share beyond
 * {@link RouteRules}: filters (type, "filter.X must be nil / must be specified" for each configuration,
 * "X filter cannot be repeated", header modifiers, request mirrors, extension references), header
 * matches, and the experimental channel's rule-name uniqueness and {@code sessionPersistence}. Rule
 * ids carry the route's kind ({@code grpcroute.filter-type}).
 */
final class RequestRouteRules {
  static final String REQUEST_HEADER_MODIFIER = "RequestHeaderModifier";
  static final String RESPONSE_HEADER_MODIFIER = "ResponseHeaderModifier";
  static final String REQUEST_MIRROR = "RequestMirror";
  static final String EXTENSION_REF = "ExtensionRef";
  static final String EXACT = "Exact";
  static final String REGULAR_EXPRESSION = "RegularExpression";
  /** HeaderMatchType (and HTTPRoute's QueryParamMatchType). */
  static final List<String> MATCH_TYPES = List.of(EXACT, REGULAR_EXPRESSION);
  /** Header matches per match, headers per set/add/remove, filters per list. */
  static final int MAX_ITEMS = 16;
  static final int MAX_MATCHES = 64;
  static final int MAX_RULES = 16;
  static final int HEADER_VALUE_MAX = 4096;
  static final int PERCENT_MAX = 100;
  static final int DEFAULT_DENOMINATOR = 100;

  /** One configuration field of a filter: the type it belongs to, its field name and its value in this filter. */
  record Config(String type, String field, Object value) {}

  /**
   * A filter of either route kind: its type, every configuration field the kind's CRD has (for the
   * "must be nil / must be specified" rules), and the configurations both kinds share.
   */
  record Filter(String type, List<Config> configs, HTTPHeaderFilter requestHeaderModifier,
      HTTPHeaderFilter responseHeaderModifier, HTTPRequestMirrorFilter requestMirror, LocalObjectReference extensionRef) {}

  private RequestRouteRules() {}

  // ================================================================= filters

  /**
   * A filter list: at most 16, each filter's type ({@code types}, or a type of the experimental channel,
   * which is a warning) and configuration, and the types that may appear once ({@code notRepeatable}).
   */
  static void filters(GatewayApiCheck c, String path, List<Filter> filters, List<String> types,
      List<String> experimentalTypes, List<String> notRepeatable) {
    c.tooMany(path, filters.size(), MAX_ITEMS, "filters");
    for (int i = 0; i < filters.size(); i++) {
      filter(c, path + "[" + i + "]", filters.get(i), types, experimentalTypes);
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < filters.size(); i++) {
      String type = filters.get(i).type();
      if (type != null && notRepeatable.contains(type)) {
        c.unique(c.id("filter-repeated"), path + "[" + i + "].type", type, seen, path, i,
            "a " + type + " filter may be used at most once per filter list; merge the two");
      }
    }
  }

  private static void filter(GatewayApiCheck c, String path, Filter filter, List<String> types,
      List<String> experimentalTypes) {
    String type = filter.type();
    if (type == null) {
      c.error(c.id("filter-type"), path + ".type", "is required: one of " + Messages.oneOf(types));
    } else if (experimentalTypes.contains(type)) {
      c.experimental(path + ".type", "filter type " + Messages.quote(type));
    } else {
      c.oneOf(c.id("filter-type"), path + ".type", type, types);
    }
    if (type != null) {
      filterConfig(c, path, filter, type);
    }
    headerModifier(c, path + ".requestHeaderModifier", filter.requestHeaderModifier());
    headerModifier(c, path + ".responseHeaderModifier", filter.responseHeaderModifier());
    mirror(c, path + ".requestMirror", filter.requestMirror());
    if (filter.extensionRef() != null) {
      LocalObjectReference ref = filter.extensionRef();
      c.localReference(path + ".extensionRef", ref.getGroup(), ref.getKind(), ref.getName(), "extension");
    }
  }

  /**
   * The rules "filter.X must be nil if the filter.type is not T" and "filter.X must be specified for T
   * filter.type": exactly the configuration field of the filter's type is set.
   */
  private static void filterConfig(GatewayApiCheck c, String path, Filter filter, String type) {
    for (Config config : filter.configs()) {
      String fieldPath = path + "." + config.field();
      if (config.value() != null && !config.type().equals(type)) {
        c.error(c.id("filter-config"), fieldPath, "must not be set when type is " + Messages.quote(type)
            + "; it configures a " + Messages.quote(config.type()) + " filter (set type to that, or remove "
            + config.field() + ")");
      } else if (config.value() == null && config.type().equals(type)) {
        c.error(c.id("filter-config"), fieldPath, "is required when type is " + Messages.quote(type));
      }
    }
  }

  private static void headerModifier(GatewayApiCheck c, String path, HTTPHeaderFilter modifier) {
    if (modifier == null) {
      return;
    }
    headers(c, path + ".set", RouteRules.list(modifier.getSet()));
    headers(c, path + ".add", RouteRules.list(modifier.getAdd()));
    List<String> remove = RouteRules.list(modifier.getRemove());
    c.tooMany(path + ".remove", remove.size(), MAX_ITEMS, "header names");
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < remove.size(); i++) {
      c.unique(c.id("header-duplicate"), path + ".remove[" + i + "]", remove.get(i), seen, path + ".remove", i,
          "header names must be unique within one list");
    }
  }

  private static void headers(GatewayApiCheck c, String path, List<HTTPHeader> headers) {
    c.tooMany(path, headers.size(), MAX_ITEMS, "headers");
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      HTTPHeader header = headers.get(i);
      String itemPath = path + "[" + i + "]";
      headerName(c, itemPath + ".name", header.getName());
      c.text(c.id("header-value"), itemPath + ".value", header.getValue(), HEADER_VALUE_MAX, "the header's value");
      c.unique(c.id("header-duplicate"), itemPath + ".name", header.getName(), seen, path, i,
          "header names must be unique within one list");
    }
  }

  /** {@code HTTPHeaderName}: required, 1 to 256 token characters. */
  static void headerName(GatewayApiCheck c, String path, String name) {
    if (name == null) {
      c.error(c.id("header-name"), path, "is required: an HTTP header name, e.g. \"x-request-id\"");
    } else {
      c.formatErrors(c.id("header-name"), path, name, GatewayApiFormats.headerName(name), null);
    }
  }

  /**
   * A header match list (HTTPHeaderMatch, GRPCHeaderMatch): at most 16, names unique (a list of type map
   * keyed by name), a type of Exact or RegularExpression, a value of 1 to 4096 characters.
   */
  static void headerMatches(GatewayApiCheck c, String path, List<HeaderMatch> headers) {
    c.tooMany(path, headers.size(), MAX_ITEMS, "header matches");
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      HeaderMatch header = headers.get(i);
      String itemPath = path + "[" + i + "]";
      headerName(c, itemPath + ".name", header.name());
      c.oneOf(c.id("match-type"), itemPath + ".type", header.type(), MATCH_TYPES);
      c.text(c.id("header-value"), itemPath + ".value", header.value(), HEADER_VALUE_MAX, "the value to match");
      c.unique(c.id("header-duplicate"), itemPath + ".name", header.name(), seen, path, i,
          "header names must be unique within one list");
    }
  }

  /** A header match of either route kind. */
  record HeaderMatch(String name, String type, String value) {}

  private static void mirror(GatewayApiCheck c, String path, HTTPRequestMirrorFilter mirror) {
    if (mirror == null) {
      return;
    }
    BackendObjectReference backend = mirror.getBackendRef();
    if (backend == null) {
      c.error(c.id("mirror-backend"), path + ".backendRef",
          "is required: the backend to mirror requests to, e.g. a Service name and port");
    } else {
      RouteRules.backendObject(c, path + ".backendRef", backend.getGroup(), backend.getKind(), backend.getName(),
          backend.getNamespace(), backend.getPort());
    }
    Integer percent = mirror.getPercent();
    if (percent != null && (percent < 0 || percent > PERCENT_MAX)) {
      c.error(c.id("mirror-fraction"), path + ".percent", percent + " must be from 0 to " + PERCENT_MAX);
    }
    mirrorFraction(c, path + ".fraction", mirror.getFraction());
    if (percent != null && mirror.getFraction() != null) {
      c.error(c.id("mirror-fraction"), path, "percent " + percent + " and fraction "
          + mirror.getFraction().getNumerator() + "/" + mirror.getFraction().getDenominator()
          + " are both set; only one of percent or fraction may be specified");
    }
  }

  /** Numerator required and at least 0, denominator (default 100) at least 1, and "numerator must be less than or equal to denominator". */
  private static void mirrorFraction(GatewayApiCheck c, String path, Fraction fraction) {
    if (fraction == null) {
      return;
    }
    Integer numerator = fraction.getNumerator();
    int denominator = Objects.requireNonNullElse(fraction.getDenominator(), DEFAULT_DENOMINATOR);
    if (denominator < 1) {
      c.error(c.id("mirror-fraction"), path + ".denominator", denominator + " must be at least 1");
    }
    if (numerator == null) {
      c.error(c.id("mirror-fraction"), path + ".numerator", "is required: the mirrored share is numerator/"
          + denominator);
    } else if (numerator < 0) {
      c.error(c.id("mirror-fraction"), path + ".numerator", numerator + " must be at least 0");
    } else if (numerator > denominator) {
      c.error(c.id("mirror-fraction"), path + ".numerator", numerator
          + " must be less than or equal to the denominator " + denominator);
    }
  }

  // ================================================================= rules

  /**
   * Rule names: each a SectionName; "Rule name must be unique within the route" is a CEL rule of the
   * experimental channel only, so a repeated name is a warning naming the channel.
   */
  static void ruleNames(GatewayApiCheck c, List<String> names) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name == null) {
        continue;
      }
      String path = "spec.rules[" + i + "].name";
      RouteRules.ruleName(c, path, name);
      Integer earlier = seen.putIfAbsent(name, i);
      if (earlier != null) {
        c.warning(c.id("rule-name-duplicate"), path, Messages.quote(name) + " is also the name of spec.rules["
            + earlier + "]; " + GatewayApiCheck.VERSION + "'s experimental channel rejects this (\"Rule name must be "
            + "unique within the route\"), the standard channel accepts it, and policies or status that name the "
            + "rule cannot tell the two apart: give each rule its own name");
      }
    }
  }

  /** {@code sessionPersistence} of a rule: in v1.5's experimental channel only. */
  static void sessionPersistence(GatewayApiCheck c, String path, SessionPersistence persistence) {
    if (persistence != null) {
      c.experimental(path, "sessionPersistence");
    }
  }
}
