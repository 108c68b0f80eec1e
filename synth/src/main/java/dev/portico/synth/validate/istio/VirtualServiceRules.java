package dev.portico.synth.validate.istio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.istio.api.api.networking.v1alpha3.CorsPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPBodyBytes;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPBodyString;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPDirectResponse;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjection;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbort;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortGrpcStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortHttpStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayExponentialDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayFixedDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMirrorPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirect;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirectPort;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetry;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRewrite;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Headers;
import io.fabric8.istio.api.api.networking.v1alpha3.HeadersHeaderOperations;
import io.fabric8.istio.api.api.networking.v1alpha3.L4MatchAttributes;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;
import io.fabric8.istio.api.api.networking.v1alpha3.RegexRewrite;
import io.fabric8.istio.api.api.networking.v1alpha3.RouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.fabric8.istio.api.api.networking.v1alpha3.TCPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSMatchAttributes;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An Istio VirtualService as istio/istio's webhook validation accepts it: {@code ValidateVirtualService}
 * and the helpers it calls in {@code pkg/config/validation/validation.go} and {@code virtualservice.go}
 * ({@code validateHTTPRoute}, {@code validateTLSRoute}, {@code validateTCPRoute},
 * {@code validateGatewayNames}, {@code validateDestination}, {@code validateHTTPRetry} and friends),
 * with the host formats of {@code pkg/config/validation/agent}. The unreachable-rule analysis
 * upstream returns as warnings is reported as warnings too.
 *
 * <p>Upstream stops at the first problem of some fields (a redirect, a gateway list); every problem
 * is reported here. Also reported, as warnings: a VirtualService without hosts (a delegate, usually a
 * forgotten field), and a redirect code Istio accepts but drops when it builds the Envoy route.
 */
final class VirtualServiceRules {
  /** {@code validateHTTPDirectResponse}: a body over 100 KiB is warned about, over 1 MiB rejected. */
  static final int BODY_WARN_BYTES = 100 * 1024;
  static final int BODY_MAX_BYTES = 1024 * 1024;
  /** The redirect codes Istio turns into an Envoy redirect ({@code route.ApplyRedirect}); 0 means 301. */
  static final List<Long> REDIRECT_CODES = List.of(301L, 302L, 303L, 307L, 308L);
  static final List<String> CORS_METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE", "*");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** {@code ValidateWildcardDomainForVirtualServiceBoundToGateway}: Istio's auto-generated SNI names. */
  private static final String OUTBOUND_SNI_PREFIX = "outbound_";
  private static final Pattern HAS_DIGIT = Pattern.compile("[0-9]");
  private static final Pattern HAS_LETTER = Pattern.compile("[a-zA-Z]");

  private VirtualServiceRules() {}

  static void check(Check check, VirtualService virtualService) {
    MetadataRules.check(check, virtualService.getMetadata(), Formats::dns1123Subdomain);
    var spec = virtualService.getSpec();
    if (spec == null) {
      check.error("virtualservice.routes-required", "spec",
          "spec is required: the hosts to route for, and http, tcp or tls routes");
      return;
    }
    String namespace = virtualService.getMetadata() == null ? null : virtualService.getMetadata().getNamespace();
    List<String> hosts = list(spec.getHosts());
    List<String> gateways = list(spec.getGateways());
    boolean delegate = hosts.isEmpty();
    if (delegate) {
      delegateVirtualService(check, spec);
    }
    boolean appliesToGateway = !gateways.isEmpty() && !gateways.contains(IstioFormats.MESH_GATEWAY);
    gatewayNames(check, "spec.gateways", gateways);
    if (!appliesToGateway) {
      jwtClaimRoutes(check, spec.getHttp());
    }
    boolean sni = list(spec.getTls()).stream().filter(Objects::nonNull)
        .anyMatch(t -> list(t.getMatch()).stream().anyMatch(m -> m != null && !list(m.getSniHosts()).isEmpty()));
    boolean hostsValid = hosts(check, hosts, appliesToGateway, sni);
    if (list(spec.getHttp()).isEmpty() && list(spec.getTcp()).isEmpty() && list(spec.getTls()).isEmpty()) {
      check.error("virtualservice.routes-required", "spec",
          "routes are required: set http, tcp or tls (a VirtualService without routes routes nothing)");
    }
    List<HTTPRoute> http = list(spec.getHttp());
    for (int i = 0; i < http.size(); i++) {
      String path = "spec.http[" + i + "]";
      if (http.get(i) == null) {
        check.error("virtualservice.null-entry", path, "is null; an http route is required here");
        continue;
      }
      httpRoute(check, path, http.get(i), delegate);
    }
    List<TLSRoute> tls = list(spec.getTls());
    for (int i = 0; i < tls.size(); i++) {
      if (tls.get(i) != null) {
        tlsRoute(check, "spec.tls[" + i + "]", tls.get(i), hostsValid && !delegate ? hosts : null, appliesToGateway);
      }
    }
    List<TCPRoute> tcp = list(spec.getTcp());
    for (int i = 0; i < tcp.size(); i++) {
      if (tcp.get(i) != null) {
        tcpRoute(check, "spec.tcp[" + i + "]", tcp.get(i));
      }
    }
    IstioFormats.exportTo(check, "virtualservice.export-to", namespace, spec.getExportTo(), false, false);
    unreachableRules(check, "spec.http", http, HTTPRoute::getMatch, true);
    unreachableRules(check, "spec.tcp", list(spec.getTcp()), TCPRoute::getMatch, false);
    unreachableRules(check, "spec.tls", list(spec.getTls()), TLSRoute::getMatch, false);
  }

  private static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : values;
  }

  private static <V> Map<String, V> map(Map<String, V> values) {
    if (values == null) {
      return Map.of();
    }
    Map<String, V> sorted = new TreeMap<>();
    values.forEach((k, v) -> sorted.put(k == null ? "" : k, v));
    return sorted;
  }

  private static long number(Long value) {
    return value == null ? 0 : value;
  }

  private static int number(Integer value) {
    return value == null ? 0 : value;
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }

  // ================================================================= hosts and gateways

  /** A VirtualService without hosts is a delegate: no gateways, no tls or tcp routes. */
  private static void delegateVirtualService(Check check,
      io.fabric8.istio.api.api.networking.v1alpha3.VirtualService spec) {
    check.warning("virtualservice.hosts-delegate", "spec.hosts", "is empty, so this VirtualService is a delegate: "
        + "it routes only for another VirtualService that names it in http[].delegate; add the hosts it serves "
        + "(e.g. \"reviews\") to route traffic for them");
    if (!list(spec.getGateways()).isEmpty()) {
      check.error("virtualservice.delegate", "spec.gateways", Messages.list(spec.getGateways())
          + " must be empty in a delegate VirtualService (one without hosts); the root VirtualService binds gateways");
    }
    if (!list(spec.getTls()).isEmpty()) {
      check.error("virtualservice.delegate", "spec.tls", "must be empty in a delegate VirtualService (one without "
          + "hosts): delegation supports http routes only");
    }
    if (!list(spec.getTcp()).isEmpty()) {
      check.error("virtualservice.delegate", "spec.tcp", "must be empty in a delegate VirtualService (one without "
          + "hosts): delegation supports http routes only");
    }
  }

  /**
   * {@code validateGatewayNames}: "mesh", "name", "namespace/name" with DNS-1123 labels, or the legacy
   * "name.namespace" (warned about).
   */
  static void gatewayNames(Check check, String path, List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i) == null ? "" : names.get(i);
      String itemPath = path + "[" + i + "]";
      int slash = name.indexOf('/');
      if (slash < 0) {
        if (name.contains(".")) {
          String[] parts = name.split("\\.", -1);
          check.warning("virtualservice.gateway-legacy", itemPath, Messages.quote(name) + " uses the legacy "
              + "<name>.<namespace> form; prefer <namespace>/<name>"
              + Messages.tryInstead(name, parts[1] + "/" + parts[0]));
        }
        for (String problem : IstioFormats.fqdn(name)) {
          check.error("virtualservice.gateway", itemPath, Messages.quote(name) + " "
              + (name.isEmpty() ? "is empty" : problem)
              + "; name a Gateway as \"namespace/name\", \"name\" (in this namespace) or \"mesh\" (the sidecars)");
        }
        continue;
      }
      String namespace = name.substring(0, slash);
      String gateway = name.substring(slash + 1);
      if (namespace.isEmpty() || gateway.isEmpty()) {
        check.error("virtualservice.gateway", itemPath, Messages.quote(name)
            + " must name both a namespace and a Gateway, as \"namespace/name\"");
        continue;
      }
      if (!IstioFormats.isDns1123Label(namespace)) {
        check.error("virtualservice.gateway", itemPath, Messages.quote(name) + " has an invalid namespace "
            + Messages.quote(namespace) + ": a DNS-1123 label (" + IstioFormats.LABEL_TEXT + ")");
      }
      if (!IstioFormats.isDns1123Label(gateway)) {
        check.error("virtualservice.gateway", itemPath, Messages.quote(name) + " has an invalid Gateway name "
            + Messages.quote(gateway) + ": a DNS-1123 label (" + IstioFormats.LABEL_TEXT + ")");
      }
    }
  }

  /** JWT claim routing ("@request.auth.claims.x" header matches) works only on gateways. */
  private static void jwtClaimRoutes(Check check, List<HTTPRoute> http) {
    List<HTTPRoute> routes = list(http);
    for (int i = 0; i < routes.size(); i++) {
      if (routes.get(i) == null) {
        continue;
      }
      List<HTTPMatchRequest> matches = list(routes.get(i).getMatch());
      for (int j = 0; j < matches.size(); j++) {
        HTTPMatchRequest match = matches.get(j);
        if (match == null) {
          continue;
        }
        String base = "spec.http[" + i + "].match[" + j + "]";
        for (var entry : Map.of("headers", map(match.getHeaders()), "withoutHeaders", map(match.getWithoutHeaders()))
            .entrySet()) {
          for (String key : entry.getValue().keySet()) {
            if (IstioFormats.isJwtClaimRoute(key)) {
              check.error("virtualservice.jwt-claim-route", base + "." + entry.getKey() + "[" + key + "]",
                  Messages.quote(key) + " routes on a JWT claim, which works only for VirtualServices bound to "
                      + "ingress gateways; list the Gateway in spec.gateways (without \"mesh\") or match a header");
            }
          }
        }
      }
    }
  }

  /** Checks the hosts; true when all are valid (IP addresses count as valid, as upstream). */
  private static boolean hosts(Check check, List<String> hosts, boolean appliesToGateway, boolean sni) {
    boolean allValid = true;
    for (int i = 0; i < hosts.size(); i++) {
      String host = hosts.get(i) == null ? "" : hosts.get(i);
      String path = "spec.hosts[" + i + "]";
      List<String> problems = appliesToGateway ? gatewayBoundHost(sni, host) : IstioFormats.host(host);
      if (!problems.isEmpty()) {
        if (!IstioFormats.isIp(host)) {
          allValid = false;
          for (String problem : problems) {
            check.error("virtualservice.host", path, Messages.quote(host) + " " + problem);
          }
        }
      } else if (!appliesToGateway && host.equals("*")) {
        allValid = false;
        check.error("virtualservice.host-mesh-wildcard", path, "\"*\" is not allowed for VirtualServices bound to "
            + "the mesh (no gateways, or \"mesh\" among them); name the service hosts, e.g. \"reviews\" or "
            + "\"*.example.com\"");
      }
    }
    if (!allValid) {
      return false;
    }
    for (int j = 1; j < hosts.size(); j++) {
      for (int i = 0; i < j; i++) {
        String a = Objects.requireNonNullElse(hosts.get(i), "");
        String b = Objects.requireNonNullElse(hosts.get(j), "");
        if (IstioFormats.hostsOverlap(a, b)) {
          check.error("virtualservice.host-duplicate", "spec.hosts[" + j + "]", Messages.quote(b)
              + (a.equals(b) ? " is listed twice (also spec.hosts[" + i + "])"
                  : " overlaps spec.hosts[" + i + "] (" + Messages.quote(a) + ")")
              + "; a VirtualService's hosts must not match the same names");
          break;
        }
      }
    }
    return true;
  }

  /** {@code ValidateWildcardDomainForVirtualServiceBoundToGateway}: also Istio's "outbound_.PORT_._.HOST" SNI names. */
  private static List<String> gatewayBoundHost(boolean sni, String domain) {
    if (sni && domain.startsWith(OUTBOUND_SNI_PREFIX) && domain.length() <= IstioFormats.DOMAIN_MAX) {
      String[] parts = domain.split("_", -1);
      if (parts.length < 4) {
        return List.of("must follow the auto-generated SNI format \"outbound_.<port>_._.<host>\"");
      }
      String port = trimDots(parts[1]);
      String host = trimDots(parts[3]);
      if (!HAS_DIGIT.matcher(port).find() || !HAS_LETTER.matcher(host).find()) {
        return List.of("must follow the auto-generated SNI format \"outbound_.<port>_._.<host>\"");
      }
      return List.of();
    }
    return IstioFormats.host(domain);
  }

  private static String trimDots(String value) {
    return value.replaceAll("^\\.+|\\.+$", "");
  }

  // ================================================================= http routes

  private static void httpRoute(Check check, String path, HTTPRoute route, boolean delegateVs) {
    httpRouteConflict(check, path, route, delegateVs);
    matchRequests(check, path, list(route.getMatch()));
    headers(check, path + ".headers", route.getHeaders());
    cors(check, path + ".corsPolicy", route.getCorsPolicy());
    fault(check, path + ".fault", route.getFault());
    if (route.getMirrorPercent() != null) {
      if (route.getMirrorPercent() > 100 || route.getMirrorPercent() < 0) {
        check.error("virtualservice.percentage", path + ".mirrorPercent", route.getMirrorPercent()
            + " must be from 0 to 100");
      }
      check.warning("virtualservice.mirror-percent-deprecated", path + ".mirrorPercent",
          "is deprecated; use mirrorPercentage: {value: " + route.getMirrorPercent() + "}");
    }
    if (route.getMirrorPercentage() != null) {
      mirrorPercentage(check, path + ".mirrorPercentage.value", route.getMirrorPercentage());
    }
    if (route.getMirror() != null) {
      destination(check, path + ".mirror", route.getMirror());
    }
    mirrors(check, path + ".mirrors", list(route.getMirrors()));
    redirect(check, path + ".redirect", route.getRedirect());
    directResponse(check, path + ".directResponse", route.getDirectResponse());
    retries(check, path + ".retries", route.getRetries());
    rewrite(check, path + ".rewrite", route.getRewrite());
    authorityRewrite(check, path, route.getRewrite(), route.getHeaders());
    httpDestinations(check, path + ".route", list(route.getRoute()));
    duration(check, path + ".timeout", route.getTimeout());
  }

  /** {@code validateHTTPRouteConflict}: one of route, redirect and directResponse; root and delegate routes. */
  private static void httpRouteConflict(Check check, String path, HTTPRoute route, boolean delegateVs) {
    boolean hasRoute = !list(route.getRoute()).isEmpty();
    if (!delegateVs && route.getDelegate() != null) {
      if (route.getRedirect() != null) {
        check.error("virtualservice.delegate", path + ".redirect", "must not be set on a route that delegates "
            + "(delegate is set); the delegate VirtualService decides what happens");
      }
      if (hasRoute) {
        check.error("virtualservice.delegate", path + ".route", "must not be set on a route that delegates "
            + "(delegate is set); the delegate VirtualService routes");
      }
      return;
    }
    if (delegateVs && route.getDelegate() != null) {
      check.error("virtualservice.delegate", path + ".delegate", "must not be set in a delegate VirtualService "
          + "(one without hosts): delegation is one level deep");
    }
    if (route.getRedirect() != null) {
      if (hasRoute) {
        check.error("virtualservice.http-action", path + ".redirect", "cannot be combined with route; a route either "
            + "redirects or forwards: drop one");
      }
      if (route.getFault() != null) {
        check.error("virtualservice.http-action", path + ".fault", "cannot be combined with redirect");
      }
      if (route.getRewrite() != null) {
        check.error("virtualservice.http-action", path + ".rewrite", "cannot be combined with redirect");
      }
      if (route.getDirectResponse() != null) {
        check.error("virtualservice.http-action", path + ".directResponse", "cannot be combined with redirect; "
            + "a route either redirects or responds directly: drop one");
      }
    } else if (route.getDirectResponse() != null) {
      if (hasRoute) {
        check.error("virtualservice.http-action", path + ".directResponse", "cannot be combined with route; a route "
            + "either responds directly or forwards: drop one");
      }
      if (route.getFault() != null) {
        check.error("virtualservice.http-action", path + ".fault", "cannot be combined with directResponse");
      }
      if (route.getRewrite() != null) {
        check.error("virtualservice.http-action", path + ".rewrite", "cannot be combined with directResponse");
      }
    } else if (!hasRoute) {
      check.error("virtualservice.http-action", path + ".route", "is required: an http route needs route "
          + "(destinations), redirect or directResponse");
    }
    mirrorConflict(check, path, route);
  }

  private static void mirrorConflict(Check check, String path, HTTPRoute route) {
    if (route.getMirror() != null && !list(route.getMirrors()).isEmpty()) {
      check.error("virtualservice.mirror-conflict", path + ".mirrors", "cannot be combined with mirror; list every "
          + "mirror destination under mirrors and drop mirror (and mirrorPercentage)");
    }
  }

  /** {@code validateHTTPRouteMatchRequest}. */
  private static void matchRequests(Check check, String path, List<HTTPMatchRequest> matches) {
    for (int j = 0; j < matches.size(); j++) {
      HTTPMatchRequest match = matches.get(j);
      if (match == null) {
        continue;
      }
      String base = path + ".match[" + j + "]";
      for (var entry : map(match.getHeaders()).entrySet()) {
        String headerPath = base + ".headers[" + entry.getKey() + "]";
        if (entry.getValue() == null) {
          check.error("virtualservice.string-match", headerPath, "header match " + Messages.quote(entry.getKey())
              + " must not be null; use {} to match the header's presence, or exact, prefix or regex");
        }
        headerName(check, headerPath, entry.getKey());
        stringMatch(check, headerPath, entry.getValue(), false);
      }
      for (var entry : map(match.getWithoutHeaders()).entrySet()) {
        String headerPath = base + ".withoutHeaders[" + entry.getKey() + "]";
        headerName(check, headerPath, entry.getKey());
        StringMatch value = entry.getValue();
        if (value != null && !(value.getMatchType() instanceof StringMatchRegex r && "*".equals(r.getRegex()))) {
          stringMatch(check, headerPath, value, false);
        }
      }
      stringMatch(check, base + ".uri", match.getUri(), true);
      stringMatch(check, base + ".scheme", match.getScheme(), false);
      stringMatch(check, base + ".method", match.getMethod(), false);
      stringMatch(check, base + ".authority", match.getAuthority(), false);
      for (var entry : map(match.getQueryParams()).entrySet()) {
        stringMatch(check, base + ".queryParams[" + entry.getKey() + "]", entry.getValue(), false);
      }
      if (number(match.getPort()) != 0) {
        port(check, base + ".port", match.getPort());
      }
      IstioFormats.labels(check, "virtualservice.labels", base + ".sourceLabels", match.getSourceLabels());
      gatewayNames(check, base + ".gateways", list(match.getGateways()));
      sourceNamespace(check, base + ".sourceNamespace", match.getSourceNamespace());
    }
  }

  private static void headerName(Check check, String path, String name) {
    for (String problem : IstioFormats.matchHeaderName(name)) {
      check.error("virtualservice.header-name", path, "header name " + Messages.quote(name) + " " + problem);
    }
  }

  private static void sourceNamespace(Check check, String path, String namespace) {
    if (!isEmpty(namespace) && !IstioFormats.isDns1123Label(namespace)) {
      check.error("virtualservice.source-namespace", path, Messages.quote(namespace)
          + " must be a namespace name: a DNS-1123 label (" + IstioFormats.LABEL_TEXT + ")");
    }
  }

  /**
   * {@code validateStringMatch} (prefix not empty, regex valid), or for a uri {@code validateStringMatchRegexp},
   * which allows an empty prefix.
   */
  private static void stringMatch(Check check, String path, StringMatch match, boolean uri) {
    if (match == null || match.getMatchType() == null) {
      return;
    }
    if (match.getMatchType() instanceof StringMatchPrefix prefix) {
      if (!uri && isEmpty(prefix.getPrefix())) {
        check.error("virtualservice.string-match", path + ".prefix", "\"\" (an empty prefix) matches nothing here; "
            + "give a prefix, or use {} to match any value");
      }
    } else if (match.getMatchType() instanceof StringMatchRegex regex) {
      regex(check, path + ".regex", regex.getRegex());
    }
  }

  private static void regex(Check check, String path, String regex) {
    if (isEmpty(regex)) {
      check.error("virtualservice.string-match", path, "\"\" (an empty regex) is not allowed; give an RE2 regular "
          + "expression such as \"^/api/v[0-9]+\"");
      return;
    }
    for (String problem : IstioFormats.regex(regex)) {
      check.error("virtualservice.regex", path, Messages.quote(regex) + " " + problem);
    }
  }

  private static void port(Check check, String path, Long number) {
    for (String problem : IstioFormats.port(number(number))) {
      check.error("virtualservice.port", path, number(number) + " " + problem);
    }
  }

  /** Header manipulation of a route or destination: names per operation, values in Envoy's syntax. */
  private static void headers(Check check, String path, Headers headers) {
    if (headers == null) {
      return;
    }
    headerOperations(check, path + ".request", headers.getRequest(), true);
    headerOperations(check, path + ".response", headers.getResponse(), false);
  }

  private static void headerOperations(Check check, String path, HeadersHeaderOperations operations, boolean request) {
    if (operations == null) {
      return;
    }
    for (String kind : List.of("set", "add")) {
      Map<String, String> values = map(kind.equals("set") ? operations.getSet() : operations.getAdd());
      for (var entry : values.entrySet()) {
        String itemPath = path + "." + kind + "[" + entry.getKey() + "]";
        for (String problem : IstioFormats.operationHeaderName(entry.getKey(), request)) {
          check.error("virtualservice.header-name", itemPath, "header name " + Messages.quote(entry.getKey()) + " "
              + problem);
        }
        for (String problem : IstioFormats.headerValue(entry.getValue())) {
          check.error("virtualservice.header-value", itemPath, "header value " + Messages.quote(entry.getValue())
              + " " + problem);
        }
      }
    }
    List<String> remove = list(operations.getRemove());
    for (int i = 0; i < remove.size(); i++) {
      for (String problem : IstioFormats.operationHeaderName(remove.get(i), false)) {
        check.error("virtualservice.header-name", path + ".remove[" + i + "]", "header name "
            + Messages.quote(remove.get(i)) + " " + problem);
      }
    }
  }

  /** {@code validateCORSPolicy}. */
  private static void cors(Check check, String path, CorsPolicy cors) {
    if (cors == null) {
      return;
    }
    List<StringMatch> origins = list(cors.getAllowOrigins());
    for (int i = 0; i < origins.size(); i++) {
      String itemPath = path + ".allowOrigins[" + i + "]";
      StringMatch origin = origins.get(i);
      String value = origin == null || origin.getMatchType() == null ? ""
          : origin.getMatchType() instanceof StringMatchExact e ? e.getExact()
          : origin.getMatchType() instanceof StringMatchPrefix p ? p.getPrefix()
          : origin.getMatchType() instanceof StringMatchRegex r ? r.getRegex() : "";
      if (isEmpty(value)) {
        check.error("virtualservice.cors", itemPath, "must set a non-empty exact, prefix or regex origin, e.g. "
            + "exact: \"https://shop.example.com\"");
      } else if (origin.getMatchType() instanceof StringMatchRegex) {
        regex(check, itemPath + ".regex", value);
      }
    }
    List<String> methods = list(cors.getAllowMethods());
    for (int i = 0; i < methods.size(); i++) {
      if (methods.get(i) == null || !CORS_METHODS.contains(methods.get(i))) {
        check.error("virtualservice.cors", path + ".allowMethods[" + i + "]", Messages.quote(methods.get(i))
            + " is not a supported HTTP method; use " + Messages.oneOf(CORS_METHODS) + " (upper case)"
            + Messages.tryInstead(methods.get(i), upperIfMethod(methods.get(i))));
      }
    }
    for (String field : List.of("allowHeaders", "exposeHeaders")) {
      List<String> names = list(field.equals("allowHeaders") ? cors.getAllowHeaders() : cors.getExposeHeaders());
      for (int i = 0; i < names.size(); i++) {
        for (String problem : IstioFormats.corsHeaderName(names.get(i))) {
          check.error("virtualservice.cors", path + "." + field + "[" + i + "]", "header name "
              + Messages.quote(names.get(i)) + " " + problem);
        }
      }
    }
    if (cors.getMaxAge() != null) {
      duration(check, path + ".maxAge", cors.getMaxAge());
      Long nanos = IstioFormats.durationNanos(cors.getMaxAge());
      if (nanos != null && nanos >= 1_000_000L && nanos % 1_000_000_000L != 0) {
        check.error("virtualservice.cors", path + ".maxAge", Messages.quote(cors.getMaxAge())
            + " must be a whole number of seconds (CORS max age has seconds precision)");
      }
    }
  }

  private static String upperIfMethod(String method) {
    String upper = method == null ? null : method.toUpperCase(java.util.Locale.ROOT);
    return upper != null && CORS_METHODS.contains(upper) ? upper : null;
  }

  /** {@code validateHTTPFaultInjection}. */
  private static void fault(Check check, String path, HTTPFaultInjection fault) {
    if (fault == null) {
      return;
    }
    if (fault.getAbort() == null && fault.getDelay() == null) {
      check.error("virtualservice.fault", path, "must set abort, delay or both, e.g. abort: {httpStatus: 503, "
          + "percentage: {value: 10}}");
    }
    HTTPFaultInjectionAbort abort = fault.getAbort();
    if (abort != null) {
      percentage(check, path + ".abort.percentage.value", abort.getPercentage());
      if (abort.getErrorType() instanceof HTTPFaultInjectionAbortHttpStatus status) {
        httpStatus(check, "virtualservice.fault", path + ".abort.httpStatus", number(status.getHttpStatus()));
      } else if (abort.getErrorType() instanceof HTTPFaultInjectionAbortGrpcStatus grpc) {
        if (grpc.getGrpcStatus() == null || !IstioFormats.GRPC_STATUSES.contains(grpc.getGrpcStatus())) {
          check.error("virtualservice.fault", path + ".abort.grpcStatus", Messages.quote(grpc.getGrpcStatus())
              + " is not a gRPC status; use a name such as \"UNAVAILABLE\" or \"NOT_FOUND\" ("
              + String.join(", ", IstioFormats.GRPC_STATUSES) + ")"
              + Messages.tryInstead(grpc.getGrpcStatus(), upperIfGrpc(grpc.getGrpcStatus())));
        }
      } else {
        check.warning("virtualservice.fault-abort-type", path + ".abort", "sets no error type, so it aborts nothing; "
            + "set httpStatus (e.g. 503) or grpcStatus (e.g. \"UNAVAILABLE\")");
      }
    }
    HTTPFaultInjectionDelay delay = fault.getDelay();
    if (delay != null) {
      percentage(check, path + ".delay.percentage.value", delay.getPercentage());
      if (delay.getHttpDelayType() instanceof HTTPFaultInjectionDelayFixedDelay fixed) {
        duration(check, path + ".delay.fixedDelay", fixed.getFixedDelay());
      } else if (delay.getHttpDelayType() instanceof HTTPFaultInjectionDelayExponentialDelay exponential) {
        duration(check, path + ".delay.exponentialDelay", exponential.getExponentialDelay());
        check.error("virtualservice.fault", path + ".delay.exponentialDelay", "is not supported by Istio; use "
            + "fixedDelay, e.g. \"5s\"");
      }
    }
  }

  private static String upperIfGrpc(String status) {
    String upper = status == null ? null : status.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    return upper != null && IstioFormats.GRPC_STATUSES.contains(upper) ? upper : null;
  }

  /** {@code validateHTTPStatus}: 200 to 600 (the message upstream says 599; the check accepts 600). */
  private static void httpStatus(Check check, String rule, String path, long status) {
    if (status < 200 || status > 600) {
      check.error(rule, path, status + " is not an HTTP status from 200 to 599");
    }
  }

  /** {@code validatePercentage}: 0, or from 0.0001 to 100. */
  private static void percentage(Check check, String path, Percent percentage) {
    if (percentage == null || percentage.getValue() == null) {
      return;
    }
    double value = percentage.getValue();
    if (value < 0 || value > 100 || (value > 0 && value < 0.0001)) {
      check.error("virtualservice.percentage", path, Messages.quote(value) + " must be 0 or a percentage from 0.0001 "
          + "to 100");
    }
  }

  private static void mirrorPercentage(Check check, String path, Percent percentage) {
    if (percentage == null || percentage.getValue() == null) {
      return;
    }
    double value = percentage.getValue();
    if (value < 0 || value > 100) {
      check.error("virtualservice.percentage", path, Messages.quote(value) + " must be a percentage from 0 to 100");
    }
  }

  private static void mirrors(Check check, String path, List<HTTPMirrorPolicy> mirrors) {
    for (int i = 0; i < mirrors.size(); i++) {
      String itemPath = path + "[" + i + "]";
      HTTPMirrorPolicy mirror = mirrors.get(i);
      if (mirror == null) {
        check.error("virtualservice.null-entry", itemPath, "is null; a mirror needs a destination");
        continue;
      }
      if (mirror.getDestination() == null) {
        check.error("virtualservice.destination", itemPath + ".destination", "is required: the host to mirror to, "
            + "e.g. {host: \"reviews-shadow\"}");
        continue;
      }
      destination(check, itemPath + ".destination", mirror.getDestination());
      mirrorPercentage(check, itemPath + ".percentage.value", mirror.getPercentage());
    }
  }

  /** {@code validateHTTPRedirect}, plus a warning for 3xx codes Envoy cannot redirect with. */
  private static void redirect(Check check, String path, HTTPRedirect redirect) {
    if (redirect == null) {
      return;
    }
    if (isEmpty(redirect.getUri()) && isEmpty(redirect.getAuthority()) && redirect.getRedirectPort() == null
        && isEmpty(redirect.getScheme())) {
      check.error("virtualservice.redirect", path, "must set uri, authority, scheme or port (e.g. scheme: https)");
    }
    long code = number(redirect.getRedirectCode());
    if (code != 0 && (code < 300 || code > 399)) {
      check.error("virtualservice.redirect", path + ".redirectCode", code + " is not a redirect code; use 301, 302, "
          + "303, 307 or 308");
    } else if (code != 0 && !REDIRECT_CODES.contains(code)) {
      check.warning("virtualservice.redirect-code", path + ".redirectCode", code + " is accepted by Istio but not "
          + "supported by Envoy, so the route gets no redirect; use 301, 302, 303, 307 or 308");
    }
    String scheme = redirect.getScheme();
    if (!isEmpty(scheme) && !scheme.equals("http") && !scheme.equals("https")) {
      boolean otherCase = scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https");
      check.error("virtualservice.redirect", path + ".scheme", Messages.quote(scheme) + " must be \"http\" or "
          + "\"https\"" + Messages.tryInstead(scheme, otherCase ? scheme.toLowerCase(java.util.Locale.ROOT) : null));
    }
    if (redirect.getRedirectPort() instanceof HTTPRedirectPort port && number(port.getPort()) > 0) {
      port(check, path + ".port", port.getPort());
    }
  }

  /** {@code validateHTTPDirectResponse}. */
  private static void directResponse(Check check, String path, HTTPDirectResponse response) {
    if (response == null) {
      return;
    }
    if (response.getBody() != null) {
      long size = 0;
      String field = "body";
      if (response.getBody().getSpecifier() instanceof HTTPBodyString string && string.getString() != null) {
        size = string.getString().getBytes(StandardCharsets.UTF_8).length;
        field = "body.string";
      } else if (response.getBody().getSpecifier() instanceof HTTPBodyBytes bytes && bytes.getBytes() != null) {
        field = "body.bytes";
        try {
          size = Base64.getMimeDecoder().decode(bytes.getBytes()).length;
        } catch (IllegalArgumentException e) {
          size = bytes.getBytes().length() * 3L / 4;
        }
      }
      if (size > BODY_MAX_BYTES) {
        check.error("virtualservice.direct-response", path + "." + field, size + " bytes is too large; a direct "
            + "response body must be at most 1 MiB (" + BODY_MAX_BYTES + " bytes) as it travels in every proxy's "
            + "config");
      } else if (size > BODY_WARN_BYTES) {
        check.warning("virtualservice.direct-response-size", path + "." + field, size + " bytes is large (over 100 "
            + "KiB); it travels in every proxy's config and may slow the control plane");
      }
    }
    httpStatus(check, "virtualservice.direct-response", path + ".status", number(response.getStatus()));
  }

  /** {@code validateHTTPRetry}. */
  private static void retries(Check check, String path, HTTPRetry retries) {
    if (retries == null) {
      return;
    }
    int attempts = number(retries.getAttempts());
    if (attempts < 0) {
      check.error("virtualservice.retries", path + ".attempts", attempts + " must not be negative");
    }
    if (attempts == 0 && (retries.getPerTryTimeout() != null || !isEmpty(retries.getRetryOn())
        || retries.getRetryRemoteLocalities() != null)) {
      List<String> set = new ArrayList<>();
      if (retries.getPerTryTimeout() != null) {
        set.add("perTryTimeout");
      }
      if (!isEmpty(retries.getRetryOn())) {
        set.add("retryOn");
      }
      if (retries.getRetryRemoteLocalities() != null) {
        set.add("retryRemoteLocalities");
      }
      check.error("virtualservice.retries", path + ".attempts", (retries.getAttempts() == null ? "is not set (0)" : "0")
          + ", which disables retries, yet " + String.join(", ", set) + (set.size() == 1 ? " is" : " are")
          + " set; set attempts (e.g. 3) or drop the retry policy");
    }
    duration(check, path + ".perTryTimeout", retries.getPerTryTimeout());
    duration(check, path + ".backoff", retries.getBackoff());
    if (!isEmpty(retries.getRetryOn())) {
      for (String bad : IstioFormats.badRetryOn(retries.getRetryOn())) {
        check.error("virtualservice.retry-on", path + ".retryOn", Messages.quote(bad) + " in "
            + Messages.quote(retries.getRetryOn()) + " is not a retry policy: use comma-separated policies without "
            + "spaces, each one of " + String.join(", ", IstioFormats.RETRY_ON_POLICIES) + ", or an HTTP status code "
            + "such as 503" + Messages.tryInstead(bad, suggestRetryOn(bad)));
      }
    }
  }

  private static String suggestRetryOn(String policy) {
    String trimmed = policy.trim().toLowerCase(java.util.Locale.ROOT);
    return IstioFormats.badRetryOn(trimmed).isEmpty() && !trimmed.isEmpty() ? trimmed : null;
  }

  /** {@code validateHTTPRewrite}: uri or uriRegexRewrite, not both; something to rewrite. */
  private static void rewrite(Check check, String path, HTTPRewrite rewrite) {
    if (rewrite == null) {
      return;
    }
    RegexRewrite regexRewrite = rewrite.getUriRegexRewrite();
    if (!isEmpty(rewrite.getUri()) && regexRewrite != null) {
      check.error("virtualservice.rewrite", path, "sets both uri (" + Messages.quote(rewrite.getUri())
          + ") and uriRegexRewrite; set only one");
    }
    if (isEmpty(rewrite.getUri()) && regexRewrite == null && isEmpty(rewrite.getAuthority())) {
      check.error("virtualservice.rewrite", path, "must set uri, uriRegexRewrite or authority (e.g. uri: \"/\")");
    }
    if (regexRewrite != null) {
      if (isEmpty(regexRewrite.getMatch()) || isEmpty(regexRewrite.getRewrite())) {
        check.error("virtualservice.rewrite", path + ".uriRegexRewrite", "must set both match (an RE2 regex) and "
            + "rewrite (the replacement, e.g. \"/\\\\1\")");
      }
      if (!isEmpty(regexRewrite.getMatch())) {
        for (String problem : IstioFormats.regex(regexRewrite.getMatch())) {
          check.error("virtualservice.regex", path + ".uriRegexRewrite.match", Messages.quote(regexRewrite.getMatch())
              + " " + problem);
        }
      }
    }
  }

  /** {@code validateAuthorityRewrite}: the authority is rewritten in one place only. */
  private static void authorityRewrite(Check check, String path, HTTPRewrite rewrite, Headers headers) {
    String current = rewrite == null || isEmpty(rewrite.getAuthority()) ? null : rewrite.getAuthority();
    String currentPath = path + ".rewrite.authority";
    HeadersHeaderOperations request = headers == null ? null : headers.getRequest();
    if (request == null) {
      return;
    }
    for (String kind : List.of("set", "add")) {
      for (var entry : map(kind.equals("set") ? request.getSet() : request.getAdd()).entrySet()) {
        String key = entry.getKey();
        if (!key.equalsIgnoreCase(":authority") && !key.equalsIgnoreCase("host")) {
          continue;
        }
        String itemPath = path + ".headers.request." + kind + "[" + key + "]";
        if (current != null) {
          check.error("virtualservice.authority-rewrite", itemPath, "sets the authority to "
              + Messages.quote(entry.getValue()) + ", but " + currentPath + " already sets it to "
              + Messages.quote(current) + "; rewrite the authority in one place");
          return;
        }
        current = entry.getValue();
        currentPath = itemPath;
      }
    }
  }

  /** {@code validateHTTPRouteDestinations}: destinations, their header operations, weights. */
  private static void httpDestinations(Check check, String path, List<HTTPRouteDestination> route) {
    long total = 0;
    for (int i = 0; i < route.size(); i++) {
      String itemPath = path + "[" + i + "]";
      HTTPRouteDestination entry = route.get(i);
      if (entry == null) {
        check.error("virtualservice.null-entry", itemPath, "is null; a route entry needs a destination");
        continue;
      }
      if (entry.getDestination() == null) {
        check.error("virtualservice.destination", itemPath + ".destination", "is required: the service to route to, "
            + "e.g. {host: \"reviews\", subset: \"v1\"}");
      } else {
        destination(check, itemPath + ".destination", entry.getDestination());
      }
      headers(check, itemPath + ".headers", entry.getHeaders());
      total += weight(check, itemPath + ".weight", entry.getWeight());
    }
    totalWeight(check, path, route.size(), total);
  }

  private static long weight(Check check, String path, Integer weight) {
    int value = number(weight);
    if (value < 0) {
      check.error("virtualservice.weight", path, value + " must not be negative; weights are relative shares, e.g. "
          + "90 and 10");
    }
    return value;
  }

  private static void totalWeight(Check check, String path, int count, long total) {
    if (count > 1 && total == 0) {
      check.error("virtualservice.weight", path, "has " + count + " destinations but their weights add up to 0; "
          + "give each a weight (e.g. 90 and 10), or give a destination weight 0 only to send it nothing");
    }
  }

  /** {@code validateDestination}: a host (not "*"), a subset name, a port number. */
  private static void destination(Check check, String path, Destination destination) {
    String host = destination.getHost() == null ? "" : destination.getHost();
    if (host.equals("*")) {
      check.error("virtualservice.destination", path + ".host", "\"*\" is not a destination; name a service host, "
          + "e.g. \"reviews\" or \"reviews.shop.svc.cluster.local\"");
    } else {
      for (String problem : IstioFormats.host(host)) {
        check.error("virtualservice.destination", path + ".host", Messages.quote(host) + " " + problem);
      }
    }
    String subset = destination.getSubset();
    if (!isEmpty(subset) && !IstioFormats.isDns1123Label(subset)) {
      check.error("virtualservice.subset", path + ".subset", Messages.quote(subset) + " must be a subset name: a "
          + "DNS-1123 label (" + IstioFormats.LABEL_TEXT + ")" + Messages.tryInstead(subset,
              Formats.suggestDns1123Label(subset)));
    }
    if (destination.getPort() != null) {
      port(check, path + ".port.number", destination.getPort().getNumber());
    }
  }

  private static void duration(Check check, String path, String value) {
    if (value == null) {
      return;
    }
    for (String problem : IstioFormats.duration(value)) {
      check.error("virtualservice.duration", path, Messages.quote(value) + " " + problem);
    }
  }

  // ================================================================= tls and tcp routes

  /** {@code validateTLSRoute}; {@code hosts} is null when they are invalid or absent, to skip the SNI subset check. */
  private static void tlsRoute(Check check, String path, TLSRoute route, List<String> hosts, boolean appliesToGateway) {
    List<TLSMatchAttributes> matches = list(route.getMatch());
    if (matches.isEmpty()) {
      check.error("virtualservice.tls-route", path + ".match", "is required: a tls route matches on SNI, e.g. "
          + "match: [{sniHosts: [\"api.example.com\"]}]");
    }
    for (int j = 0; j < matches.size(); j++) {
      String matchPath = path + ".match[" + j + "]";
      TLSMatchAttributes match = matches.get(j);
      if (match == null) {
        check.error("virtualservice.null-entry", matchPath, "is null; a tls match needs sniHosts");
        continue;
      }
      List<String> sniHosts = list(match.getSniHosts());
      if (sniHosts.isEmpty()) {
        check.error("virtualservice.tls-route", matchPath + ".sniHosts", "is required: at least one SNI host, e.g. "
            + "\"api.example.com\"");
      }
      for (int k = 0; k < sniHosts.size(); k++) {
        sniHost(check, matchPath + ".sniHosts[" + k + "]", sniHosts.get(k), hosts, appliesToGateway);
      }
      subnets(check, matchPath + ".destinationSubnets", list(match.getDestinationSubnets()));
      if (number(match.getPort()) != 0) {
        port(check, matchPath + ".port", match.getPort());
      }
      IstioFormats.labels(check, "virtualservice.labels", matchPath + ".sourceLabels", match.getSourceLabels());
      gatewayNames(check, matchPath + ".gateways", list(match.getGateways()));
    }
    if (list(route.getRoute()).isEmpty()) {
      check.error("virtualservice.tls-route", path + ".route", "is required: the destinations to forward to");
    }
    routeDestinations(check, path + ".route", list(route.getRoute()));
  }

  /** {@code validateSniHost}: a valid host (an IP only warned about) within one of the VirtualService's hosts. */
  private static void sniHost(Check check, String path, String sniHost, List<String> hosts, boolean appliesToGateway) {
    String sni = sniHost == null ? "" : sniHost;
    List<String> problems = appliesToGateway ? gatewayBoundHost(true, sni) : IstioFormats.host(sni);
    if (!problems.isEmpty()) {
      if (IstioFormats.isIp(sni)) {
        check.warning("virtualservice.sni-host-ip", path, Messages.quote(sni) + " is an IP address, which goes "
            + "against the SNI specification; most clients never send it");
        return;
      }
      for (String problem : problems) {
        check.error("virtualservice.sni-host", path, Messages.quote(sni) + " " + problem);
      }
      return;
    }
    if (hosts == null) {
      return;
    }
    for (String host : hosts) {
      if (host != null && IstioFormats.hostSubsetOf(sni, host)) {
        return;
      }
    }
    check.error("virtualservice.sni-host", path, Messages.quote(sni) + " is not within any host of this "
        + "VirtualService " + Messages.list(hosts.stream().map(h -> h == null ? "" : h).toList())
        + "; add it to spec.hosts or match a name they cover");
  }

  /** {@code validateTCPRoute}. */
  private static void tcpRoute(Check check, String path, TCPRoute route) {
    List<L4MatchAttributes> matches = list(route.getMatch());
    for (int j = 0; j < matches.size(); j++) {
      String matchPath = path + ".match[" + j + "]";
      L4MatchAttributes match = matches.get(j);
      if (match == null) {
        check.error("virtualservice.null-entry", matchPath, "is null; drop it or give match attributes");
        continue;
      }
      subnets(check, matchPath + ".destinationSubnets", list(match.getDestinationSubnets()));
      if (number(match.getPort()) != 0) {
        port(check, matchPath + ".port", match.getPort());
      }
      IstioFormats.labels(check, "virtualservice.labels", matchPath + ".sourceLabels", match.getSourceLabels());
      gatewayNames(check, matchPath + ".gateways", list(match.getGateways()));
    }
    if (list(route.getRoute()).isEmpty()) {
      check.error("virtualservice.tcp-route", path + ".route", "is required: the destinations to forward to");
    }
    routeDestinations(check, path + ".route", list(route.getRoute()));
  }

  private static void subnets(Check check, String path, List<String> subnets) {
    for (int i = 0; i < subnets.size(); i++) {
      String subnet = subnets.get(i) == null ? "" : subnets.get(i);
      for (String problem : IstioFormats.ipOrCidr(subnet)) {
        check.error("virtualservice.subnet", path + "[" + i + "]", Messages.quote(subnet) + " " + problem);
      }
    }
  }

  /** {@code validateRouteDestinations}. */
  private static void routeDestinations(Check check, String path, List<RouteDestination> route) {
    long total = 0;
    for (int i = 0; i < route.size(); i++) {
      String itemPath = path + "[" + i + "]";
      RouteDestination entry = route.get(i);
      if (entry == null) {
        check.error("virtualservice.null-entry", itemPath, "is null; a route entry needs a destination");
        continue;
      }
      if (entry.getDestination() == null) {
        check.error("virtualservice.destination", itemPath + ".destination", "is required: the service to route to, "
            + "e.g. {host: \"db\", port: {number: 5432}}");
      } else {
        destination(check, itemPath + ".destination", entry.getDestination());
      }
      total += weight(check, itemPath + ".weight", entry.getWeight());
    }
    totalWeight(check, path, route.size(), total);
  }

  // ================================================================= unreachable rules (warnings)

  /**
   * {@code analyzeUnreachableHTTPRules} and its TCP and TLS twins: a rule after one without matches,
   * a rule all of whose matches earlier rules already have, a match identical to an earlier one, and
   * for http a prefix match an earlier prefix match covers.
   */
  private static <R> void unreachableRules(Check check, String path, List<R> routes,
      java.util.function.Function<R, List<?>> matchesOf, boolean http) {
    Map<JsonNode, Integer> seen = new HashMap<>();
    int catchAll = -1;
    List<PrefixMatch> prefixes = new ArrayList<>();
    for (int i = 0; i < routes.size(); i++) {
      R route = routes.get(i);
      if (route == null) {
        continue;
      }
      String routePath = path + "[" + i + "]";
      List<?> matches = list(matchesOf.apply(route));
      if (matches.isEmpty()) {
        if (catchAll >= 0) {
          check.warning("virtualservice.unreachable-rule", routePath, "is never used: " + path + "[" + catchAll
              + "] has no matches and takes all traffic first; only the last rule may have no matches");
        }
        catchAll = i;
        continue;
      }
      if (catchAll >= 0) {
        check.warning("virtualservice.unreachable-rule", routePath, "is never used: " + path + "[" + catchAll
            + "] has no matches and takes all traffic first; move this rule before it");
        continue;
      }
      int duplicates = 0;
      for (int j = 0; j < matches.size(); j++) {
        Object match = matches.get(j);
        JsonNode key = matchKey(match);
        Integer earlier = seen.get(key);
        if (earlier != null) {
          duplicates++;
          check.warning("virtualservice.ineffective-match", routePath + ".match[" + j + "]", "is never used: "
              + path + "[" + earlier + "] has the same match first");
          continue;
        }
        seen.put(key, i);
        if (http && match instanceof HTTPMatchRequest request) {
          PrefixMatch prefix = PrefixMatch.of(request, i, j);
          if (prefix != null) {
            prefixes.add(prefix);
          }
        }
      }
      if (duplicates == matches.size()) {
        check.warning("virtualservice.unreachable-rule", routePath, "is never used: earlier rules have all its "
            + "matches");
      }
    }
    for (int a = 0; a < prefixes.size(); a++) {
      for (int b = a + 1; b < prefixes.size(); b++) {
        PrefixMatch earlier = prefixes.get(a);
        PrefixMatch later = prefixes.get(b);
        if (!later.prefix.equals(earlier.prefix) && earlier.covers(later)) {
          check.warning("virtualservice.ineffective-match", path + "[" + later.rule + "].match[" + later.match + "]",
              "is never used: its uri prefix " + Messages.quote(later.prefix) + " is covered by prefix "
                  + Messages.quote(earlier.prefix) + " of " + path + "[" + earlier.rule + "].match[" + earlier.match
                  + "], which comes first; put the longer prefix first");
        }
      }
    }
  }

  /** A match as upstream's {@code asJSON} compares it: its JSON without the http match's name. */
  private static JsonNode matchKey(Object match) {
    JsonNode node = MAPPER.valueToTree(match);
    if (node instanceof ObjectNode object) {
      object.remove("name");
    }
    return node == null ? MAPPER.nullNode() : node;
  }

  /** {@code OverlappingMatchValidationForHTTPRoute}: a uri prefix match with what else it requires. */
  private record PrefixMatch(int rule, int match, String prefix, long port, String method, String authority,
      Map<String, String> headers, Map<String, String> queryParams, Map<String, String> withoutHeaders) {

    static PrefixMatch of(HTTPMatchRequest request, int rule, int match) {
      if (request.getUri() == null || !(request.getUri().getMatchType() instanceof StringMatchPrefix prefix)
          || isEmpty(prefix.getPrefix())) {
        return null;
      }
      String method = exactOrPrefix(request.getMethod());
      return new PrefixMatch(rule, match, prefix.getPrefix(), number(request.getPort()),
          method.isEmpty() ? "exact:GET" : method, exactOrPrefix(request.getAuthority()),
          exactOrPrefix(request.getHeaders()), exactOrPrefix(request.getQueryParams()),
          exactOrPrefix(request.getWithoutHeaders()));
    }

    private static String exactOrPrefix(StringMatch match) {
      if (match == null) {
        return "";
      }
      if (match.getMatchType() instanceof StringMatchExact exact && !isEmpty(exact.getExact())) {
        return "exact:" + exact.getExact();
      }
      if (match.getMatchType() instanceof StringMatchPrefix prefix && !isEmpty(prefix.getPrefix())) {
        return "prefix:" + prefix.getPrefix();
      }
      return "";
    }

    private static Map<String, String> exactOrPrefix(Map<String, StringMatch> matches) {
      Map<String, String> out = new HashMap<>();
      map(matches).forEach((k, v) -> out.put(k, exactOrPrefix(v)));
      return out;
    }

    /** {@code coveredValidation}: this (earlier) match takes every request {@code later} would. */
    boolean covers(PrefixMatch later) {
      if (!later.prefix.startsWith(prefix) || later.port != port) {
        return false;
      }
      if (!method.equals(later.method) && !method.startsWith(later.method)) {
        return false;
      }
      if (!authority.equals(later.authority) && !authority.startsWith(later.authority)) {
        return false;
      }
      return coversAll(headers, later.headers) && coversAll(queryParams, later.queryParams)
          && coversAll(withoutHeaders, later.withoutHeaders);
    }

    private static boolean coversAll(Map<String, String> earlier, Map<String, String> later) {
      if (earlier.size() != later.size()) {
        return false;
      }
      for (var entry : earlier.entrySet()) {
        String other = later.get(entry.getKey());
        if (other == null || (!entry.getValue().equals(other) && !entry.getValue().startsWith(other))) {
          return false;
        }
      }
      return true;
    }
  }
}
