package dev.portico.synth.validate.gatewayapi;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCMethodMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteSpec;
import java.util.List;
import java.util.Objects;

/**
 * A gateway.networking.k8s.io/v1 GRPCRoute as the Gateway API v1.5 standard channel's CRD
 * (kubernetes-sigs/gateway-api {@code config/crd/standard/gateway.networking.k8s.io_grpcroutes.yaml},
 * tag v1.5.1) checks it with its OpenAPI schema and CEL rules: what all routes share
 * ({@link RouteRules}: hostnames, parentRefs, backendRefs), what it shares with HTTPRoute
 * ({@link RequestRouteRules}: header matches, filters of types RequestHeaderModifier,
 * ResponseHeaderModifier, RequestMirror and ExtensionRef, rule names), and its own: at most 128 matches
 * across its rules (a rule without matches counts none, as GRPCRoute has no default match), and a method
 * match's CEL rules "One or both of 'service' or 'method' must be specified" (its type defaults to
 * Exact), "service must only contain valid characters" and "method must only contain valid characters"
 * for Exact matches. {@code sessionPersistence}, {@code useDefaultGateways} and rule-name uniqueness are
 * in the experimental channel only: warnings naming the channel.
 */
final class GrpcRouteRules {
  static final String KIND = "grpcroute";
  static final List<String> FILTER_TYPES = List.of(RequestRouteRules.RESPONSE_HEADER_MODIFIER,
      RequestRouteRules.REQUEST_HEADER_MODIFIER, RequestRouteRules.REQUEST_MIRROR, RequestRouteRules.EXTENSION_REF);
  static final List<String> NOT_REPEATABLE =
      List.of(RequestRouteRules.REQUEST_HEADER_MODIFIER, RequestRouteRules.RESPONSE_HEADER_MODIFIER);
  static final List<String> METHOD_MATCH_TYPES = RequestRouteRules.MATCH_TYPES;
  static final int MAX_TOTAL_MATCHES = 128;

  private GrpcRouteRules() {}

  static void check(Check check, GRPCRoute route) {
    MetadataRules.check(check, route.getMetadata(), Formats::dns1123Subdomain);
    GatewayApiCheck c = new GatewayApiCheck(check, KIND);
    GRPCRouteSpec spec = route.getSpec();
    if (spec == null) {
      RouteRules.specRequired(c, "parentRefs naming the Gateway, and rules");
      return;
    }
    RouteRules.hostnames(c, RouteRules.list(spec.getHostnames()));
    RouteRules.parentRefs(c, RouteRules.list(spec.getParentRefs()));
    RouteRules.useDefaultGateways(c, spec.getUseDefaultGateways());
    List<GRPCRouteRule> rules = RouteRules.list(spec.getRules());
    c.tooMany("spec.rules", rules.size(), RequestRouteRules.MAX_RULES, "rules");
    totalMatches(c, rules);
    RequestRouteRules.ruleNames(c, rules.stream().map(GRPCRouteRule::getName).toList());
    for (int i = 0; i < rules.size(); i++) {
      rule(c, "spec.rules[" + i + "]", rules.get(i));
    }
  }

  /** "... the total number of matches across all rules in a route must be less than 128" (sic: at most 128). */
  private static void totalMatches(GatewayApiCheck c, List<GRPCRouteRule> rules) {
    int total = 0;
    for (int i = 0; i < Math.min(rules.size(), RequestRouteRules.MAX_RULES); i++) {
      total += RouteRules.list(rules.get(i).getMatches()).size();
    }
    if (total > MAX_TOTAL_MATCHES) {
      c.error("grpcroute.total-matches", "spec.rules", total + " matches in all; while each of up to "
          + RequestRouteRules.MAX_RULES + " rules may have " + RequestRouteRules.MAX_MATCHES + ", a route may have at "
          + "most " + MAX_TOTAL_MATCHES + " matches across its rules; split it into several GRPCRoutes");
    }
  }

  private static void rule(GatewayApiCheck c, String path, GRPCRouteRule rule) {
    List<GRPCRouteMatch> matches = RouteRules.list(rule.getMatches());
    c.tooMany(path + ".matches", matches.size(), RequestRouteRules.MAX_MATCHES, "matches");
    for (int i = 0; i < matches.size(); i++) {
      GRPCRouteMatch match = matches.get(i);
      String matchPath = path + ".matches[" + i + "]";
      method(c, matchPath + ".method", match.getMethod());
      RequestRouteRules.headerMatches(c, matchPath + ".headers", RouteRules.list(match.getHeaders()).stream()
          .map(h -> new RequestRouteRules.HeaderMatch(h.getName(), h.getType(), h.getValue())).toList());
    }
    filters(c, path + ".filters", RouteRules.list(rule.getFilters()));
    List<GRPCBackendRef> refs = RouteRules.list(rule.getBackendRefs());
    c.tooMany(path + ".backendRefs", refs.size(), RouteRules.MAX_BACKEND_REFS, "backendRefs");
    for (int i = 0; i < refs.size(); i++) {
      GRPCBackendRef ref = refs.get(i);
      String refPath = path + ".backendRefs[" + i + "]";
      RouteRules.backendRef(c, refPath, ref.getGroup(), ref.getKind(), ref.getName(), ref.getNamespace(),
          ref.getPort(), ref.getWeight());
      filters(c, refPath + ".filters", RouteRules.list(ref.getFilters()));
    }
    RequestRouteRules.sessionPersistence(c, path + ".sessionPersistence", rule.getSessionPersistence());
  }

  /** GRPCMethodMatch after defaulting its type to Exact. */
  private static void method(GatewayApiCheck c, String path, GRPCMethodMatch method) {
    if (method == null) {
      return;
    }
    String type = Objects.requireNonNullElse(method.getType(), RequestRouteRules.EXACT);
    c.oneOf("grpcroute.method-type", path + ".type", type, METHOD_MATCH_TYPES);
    if (method.getService() == null && method.getMethod() == null) {
      c.error("grpcroute.method-required", path, "names neither a service nor a method; one or both of "
          + "service or method must be specified (e.g. service: \"shop.v1.Cart\", method: \"GetCart\"), or leave "
          + "method out to match every call");
    }
    boolean exact = RequestRouteRules.EXACT.equals(type);
    if (method.getService() != null) {
      c.formatErrors("grpcroute.method-service", path + ".service", method.getService(), exact
          ? GatewayApiFormats.grpcService(method.getService())
          : GatewayApiFormats.length(method.getService(), 0, GatewayApiFormats.GRPC_NAME_MAX), null);
    }
    if (method.getMethod() != null) {
      c.formatErrors("grpcroute.method-name", path + ".method", method.getMethod(), exact
          ? GatewayApiFormats.grpcMethod(method.getMethod())
          : GatewayApiFormats.length(method.getMethod(), 0, GatewayApiFormats.GRPC_NAME_MAX), null);
    }
  }

  private static void filters(GatewayApiCheck c, String path, List<GRPCRouteFilter> filters) {
    RequestRouteRules.filters(c, path, filters.stream().map(GrpcRouteRules::view).toList(), FILTER_TYPES, List.of(),
        NOT_REPEATABLE);
  }

  private static RequestRouteRules.Filter view(GRPCRouteFilter filter) {
    return new RequestRouteRules.Filter(filter.getType(), List.of(
        new RequestRouteRules.Config(RequestRouteRules.REQUEST_HEADER_MODIFIER, "requestHeaderModifier",
            filter.getRequestHeaderModifier()),
        new RequestRouteRules.Config(RequestRouteRules.RESPONSE_HEADER_MODIFIER, "responseHeaderModifier",
            filter.getResponseHeaderModifier()),
        new RequestRouteRules.Config(RequestRouteRules.REQUEST_MIRROR, "requestMirror", filter.getRequestMirror()),
        new RequestRouteRules.Config(RequestRouteRules.EXTENSION_REF, "extensionRef", filter.getExtensionRef())),
        filter.getRequestHeaderModifier(), filter.getResponseHeaderModifier(), filter.getRequestMirror(),
        filter.getExtensionRef());
  }
}
