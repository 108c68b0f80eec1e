package dev.portico.synth.emit;

import static dev.portico.synth.emit.HttpNames.hostLabel;
import static dev.portico.synth.emit.HttpNames.quote;

import dev.portico.dsl.Backend;
import dev.portico.dsl.Cors;
import dev.portico.dsl.HttpExposure;
import dev.portico.dsl.HttpHost;
import dev.portico.dsl.HttpPath;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.PathMatch;
import dev.portico.dsl.Split;
import dev.portico.dsl.StackModel;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link HttpExposure} as Gateway API v1 objects: one HTTPRoute per host (so a host's plain
 * HTTP redirect and its routes never compete), an HTTPRoute redirecting plain HTTP to HTTPS, one
 * for the default backend, and, for {@link HttpTarget.OwnGateway}, the Gateway with a plain HTTP
 * listener and an HTTPS listener per TLS host. ingress-nginx options without a Gateway API
 * counterpart (body size, source ranges, backend protocol) are {@code http.unsupported} findings.
 */
final class GatewayApiEmitter {
  static final String HTTP_LISTENER = "http";

  private GatewayApiEmitter() {}

  static void emit(StackModel stack, HttpExposure exposure, HttpTarget target, List<Resource> out,
      List<Finding> findings) {
    String targetName = target instanceof HttpTarget.OwnGateway ? "gateway-api (own Gateway)" : "gateway-api (shared Gateway)";
    // options of the whole exposure land on no single object of this target: name the exposure
    String exposureObject = "HttpExposure/" + stack.namespace() + "/" + exposure.name();
    exposureUnsupported(exposure, exposureObject, targetName, findings);
    HttpNames.checkHosts(exposure, exposureObject, findings);
    if (target instanceof HttpTarget.OwnGateway own) {
      out.add(gateway(stack, exposure, own, findings));
    } else if (target instanceof HttpTarget.SharedGateway shared) {
      sharedGatewayTls(stack, exposure, shared, findings);
    }
    for (HttpHost host : exposure.hosts()) {
      out.add(hostRoute(stack, exposure, target, targetName, host, findings));
    }
    List<HttpHost> redirected = exposure.hosts().stream().filter(host -> redirected(exposure, host)).toList();
    if (!redirected.isEmpty()) {
      out.add(redirectRoute(stack, exposure, target, redirected));
    }
    exposure.defaultBackend().ifPresent(backend -> out.add(defaultRoute(stack, exposure, target, backend)));
  }

  private static void exposureUnsupported(HttpExposure exposure, String object, String target,
      List<Finding> findings) {
    exposure.backendProtocol().ifPresent(protocol -> findings.add(HttpNames.unsupported(object,
        exposure.locationOf("backend-protocol"), "", "backendProtocol(" + protocol + ")", target,
        "Gateway API takes the backend protocol from the Service port's appProtocol (e.g. \"kubernetes.io/h2c\" "
            + "for gRPC, \"kubernetes.io/wss\"); set it there, and use backendProtocol only with an Ingress target")));
    exposure.proxyBodySize().ifPresent(size -> findings.add(HttpNames.unsupported(object,
        exposure.locationOf("proxy-body-size"), "", "proxyBodySize(" + quote(size) + ")", target,
        "Gateway API has no request body limit; configure it on the Gateway's implementation (a policy of its own)")));
    if (!exposure.allowSourceRanges().isEmpty()) {
      findings.add(HttpNames.unsupported(object, exposure.locationOf("whitelist-source-range"), "",
          "allowSourceRanges" + exposure.allowSourceRanges(), target,
          "Gateway API has no client address filter; use the implementation's policy or a NetworkPolicy"));
    }
    for (String key : exposure.annotations().keySet()) {
      if (key.startsWith(HttpNames.NGINX)) {
        findings.add(new Finding("http.nginx-annotation", Severity.WARNING, exposure.locationOf("annotation:" + key),
            object, "metadata.annotations[" + key + "]", "ingress-nginx annotation " + quote(key)
                + " has no effect on the " + target + " target; it is kept on the routes as written"));
      }
    }
  }

  private static Resource gateway(StackModel stack, HttpExposure exposure, HttpTarget.OwnGateway own,
      List<Finding> findings) {
    String object = "Gateway/" + stack.namespace() + "/" + exposure.name();
    SourceLocator locator = new SourceLocator(exposure.location());
    locator.put("spec.gatewayClassName", stack.httpTargetLocation());
    List<Listener> listeners = new ArrayList<>();
    listeners.add(new ListenerBuilder().withName(HTTP_LISTENER).withProtocol("HTTP").withPort(80).build());
    for (HttpHost host : exposure.hosts()) {
      if (host.tls().isEmpty()) {
        if (exposure.forceSslRedirect()) {
          findings.add(HttpNames.unsupported(object, exposure.locationOf("force-ssl-redirect"), "spec.listeners",
              "forceSslRedirect for host " + quote(host.hostname()) + ", which has no TLS,", "gateway-api (own Gateway)",
              "the redirect needs an HTTPS listener for the host; give the host tls(...)"));
        }
        continue;
      }
      locator.put("spec.listeners[" + listeners.size() + "]", host.location());
      listeners.add(new ListenerBuilder()
          .withName(httpsListener(host))
          .withHostname(host.hostname())
          .withProtocol("HTTPS")
          .withPort(443)
          .withNewTls().withMode("Terminate").addNewCertificateRef().withName(host.tlsSecretName().get())
              .endCertificateRef().endTls()
          .build());
    }
    Map<String, String> annotations = HttpNames.certManagerAnnotation(exposure, object, findings);
    Gateway gateway = new GatewayBuilder()
        .withMetadata(HttpNames.metadata(stack, exposure, exposure.name(), annotations))
        .withNewSpec().withGatewayClassName(own.className()).withListeners(listeners).endSpec()
        .build();
    return new Resource(gateway, locator, stack.environment());
  }

  /** Whether plain HTTP requests for {@code host} are redirected to HTTPS. */
  private static boolean redirected(HttpExposure exposure, HttpHost host) {
    return exposure.forceSslRedirect() || (host.tls().isPresent() && exposure.sslRedirect());
  }

  /** Whether {@code host} is served on an HTTPS listener: its own TLS, or a shared Gateway's when HTTPS is forced. */
  private static boolean https(HttpExposure exposure, HttpTarget target, HttpHost host) {
    return host.tls().isPresent() || (exposure.forceSslRedirect() && target instanceof HttpTarget.SharedGateway);
  }

  static String httpsListener(HttpHost host) {
    return "https-" + hostLabel(host.hostname());
  }

  private static void sharedGatewayTls(StackModel stack, HttpExposure exposure, HttpTarget.SharedGateway shared,
      List<Finding> findings) {
    for (HttpHost host : exposure.hosts()) {
      host.tls().ifPresent(tls -> findings.add(new Finding("http.tls-on-shared-gateway", Severity.WARNING,
          host.location(), "HTTPRoute/" + stack.namespace() + "/" + routeName(exposure, host), "spec.hostnames[0]",
          "TLS for " + quote(host.hostname()) + " is terminated by listener " + quote(shared.httpsListener())
              + " of the shared Gateway " + shared.namespace() + "/" + shared.name() + ", which holds its own "
              + "certificate: Secret " + quote(host.tlsSecretName().get()) + " is not referenced by this target; "
              + "make sure that listener covers the host")));
    }
  }

  static String routeName(HttpExposure exposure, HttpHost host) {
    return exposure.name() + "-" + hostLabel(host.hostname());
  }

  private static Resource hostRoute(StackModel stack, HttpExposure exposure, HttpTarget target, String targetName,
      HttpHost host, List<Finding> findings) {
    String name = routeName(exposure, host);
    String object = "HTTPRoute/" + stack.namespace() + "/" + name;
    SourceLocator locator = new SourceLocator(host.location());
    List<ParentReference> parents = new ArrayList<>();
    if (!https(exposure, target, host) || !redirected(exposure, host)) {
      parents.add(parent(stack, exposure, target, httpListener(target)));
    }
    if (https(exposure, target, host)) {
      parents.add(parent(stack, exposure, target, target instanceof HttpTarget.SharedGateway shared
          ? shared.httpsListener() : httpsListener(host)));
    }
    locator.put("spec.parentRefs", stack.httpTargetLocation());
    List<HTTPRouteRule> rules = new ArrayList<>();
    for (HttpPath path : host.paths()) {
      String rulePath = "spec.rules[" + rules.size() + "]";
      if (path.match().type() == PathMatch.Type.IMPLEMENTATION_SPECIFIC) {
        findings.add(HttpNames.unsupported(object, path.location(), rulePath + ".matches[0].path",
            "an ImplementationSpecific path", targetName, "Gateway API matches paths by PathPrefix, Exact or "
                + "RegularExpression; use PathMatch.prefix or PathMatch.exact"));
      }
      if (path.route() instanceof Split split && split.header().isPresent()) {
        locator.put(rulePath, split.location());
        Split.Weighted canary = split.backends().get(split.backends().size() - 1);
        Map<String, String> headers = new TreeMap<>(path.match().headers());
        headers.put(split.header().get().name(), split.header().get().value());
        rules.add(rule(exposure, path, headers, List.of(backendRef(canary.backend(), null))));
        rulePath = "spec.rules[" + rules.size() + "]";
      }
      locator.put(rulePath, path.location());
      timeouts(object, path, rulePath, findings);
      rules.add(rule(exposure, path, path.match().headers(), backendRefs(path)));
    }
    HTTPRoute route = new HTTPRouteBuilder()
        .withMetadata(HttpNames.metadata(stack, exposure, name, exposure.annotations()))
        .withNewSpec()
            .withParentRefs(parents)
            .withHostnames(host.hostname())
            .withRules(rules)
        .endSpec()
        .build();
    return new Resource(route, locator, stack.environment());
  }

  private static String httpListener(HttpTarget target) {
    return target instanceof HttpTarget.SharedGateway shared ? shared.httpListener() : HTTP_LISTENER;
  }

  private static ParentReference parent(StackModel stack, HttpExposure exposure, HttpTarget target, String section) {
    ParentReferenceBuilder parent = new ParentReferenceBuilder();
    if (target instanceof HttpTarget.SharedGateway shared) {
      parent.withName(shared.name());
      if (!shared.namespace().equals(stack.namespace())) {
        parent.withNamespace(shared.namespace());
      }
    } else {
      parent.withName(exposure.name());
    }
    return parent.withSectionName(section).build();
  }

  private static HTTPRouteRule rule(HttpExposure exposure, HttpPath path, Map<String, String> headers,
      List<HTTPBackendRef> backendRefs) {
    PathMatch match = path.match();
    HTTPRouteMatchBuilder routeMatch = new HTTPRouteMatchBuilder().withNewPath()
        .withType(match.type() == PathMatch.Type.EXACT ? "Exact" : "PathPrefix").withValue(match.value()).endPath();
    headers.forEach((name, value) -> routeMatch.addToHeaders(new HTTPHeaderMatchBuilder().withName(name)
        .withValue(value).build()));
    List<HTTPRouteFilter> filters = new ArrayList<>();
    exposure.rewritePrefix().ifPresent(replacement -> filters.add(rewrite(match, replacement)));
    exposure.cors().ifPresent(cors -> filters.add(cors(cors)));
    HTTPRouteRuleBuilder rule = new HTTPRouteRuleBuilder()
        .withMatches(List.<HTTPRouteMatch>of(routeMatch.build()))
        .withFilters(filters.isEmpty() ? null : filters)
        .withBackendRefs(backendRefs);
    String backendRequest = path.backendTimeout().filter(GatewayApiEmitter::expressible)
        .map(GatewayApiEmitter::duration).orElse(null);
    String request = path.timeout().filter(GatewayApiEmitter::expressible)
        .map(GatewayApiEmitter::duration).orElse(null);
    if (backendRequest != null || request != null) {
      rule.withTimeouts(new HTTPRouteTimeouts(backendRequest, request));
    }
    return rule.build();
  }

  /** Gateway API durations are whole milliseconds, and "0s" turns a timeout off: no negative or finer timeout. */
  static boolean expressible(Duration duration) {
    return !duration.isNegative() && duration.getNano() % 1_000_000 == 0;
  }

  /** A timeout {@link #duration} cannot render is an error, never a silent rounding (to "0s": no timeout at all). */
  private static void timeouts(String object, HttpPath path, String rulePath, List<Finding> findings) {
    Map<String, Duration> timeouts = new TreeMap<>();
    path.timeout().ifPresent(timeout -> timeouts.put("request", timeout));
    path.backendTimeout().ifPresent(timeout -> timeouts.put("backendRequest", timeout));
    timeouts.forEach((field, timeout) -> {
      if (!expressible(timeout)) {
        findings.add(new Finding("http.timeout", Severity.ERROR, path.location(), object,
            rulePath + ".timeouts." + field, "timeout " + quote(timeout.toString()) + " must be a whole number of "
                + "milliseconds, at least 0 (Gateway API durations such as \"1m30s\" or \"500ms\"; \"0s\" "
                + "means none)"));
      }
    });
  }

  private static HTTPRouteFilter rewrite(PathMatch match, String replacement) {
    return new HTTPRouteFilterBuilder().withType("URLRewrite").withNewUrlRewrite().withNewPath()
        .withType(match.type() == PathMatch.Type.EXACT ? "ReplaceFullPath" : "ReplacePrefixMatch")
        .withReplaceFullPath(match.type() == PathMatch.Type.EXACT ? replacement : null)
        .withReplacePrefixMatch(match.type() == PathMatch.Type.EXACT ? null : replacement)
        .endPath().endUrlRewrite().build();
  }

  private static HTTPRouteFilter cors(Cors cors) {
    return new HTTPRouteFilterBuilder().withType("CORS").withNewCors()
        .withAllowOrigins(cors.origins())
        .withAllowMethods(cors.methods().isEmpty() ? null : cors.methods())
        .withAllowHeaders(cors.headers().isEmpty() ? null : cors.headers())
        .withAllowCredentials(cors.credentials() ? Boolean.TRUE : null)
        .withMaxAge(cors.maxAgeSeconds().isPresent() ? cors.maxAgeSeconds().getAsInt() : null)
        .endCors().build();
  }

  private static List<HTTPBackendRef> backendRefs(HttpPath path) {
    if (path.route() instanceof Split split) {
      List<HTTPBackendRef> refs = new ArrayList<>();
      for (Split.Weighted weighted : split.backends()) {
        refs.add(backendRef(weighted.backend(), weighted.weight()));
      }
      return refs;
    }
    return List.of(backendRef((Backend) path.route(), null));
  }

  private static HTTPBackendRef backendRef(Backend backend, Integer weight) {
    return new HTTPBackendRefBuilder().withName(backend.service().name()).withPort(backend.port().port())
        .withWeight(weight).build();
  }

  /** A duration in Gateway API's format: {@code 1h2m3s4ms}, largest units first, zero parts left out. */
  static String duration(Duration duration) {
    long millis = duration.toMillis();
    if (millis == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long hours = millis / 3_600_000;
    long minutes = millis / 60_000 % 60;
    long seconds = millis / 1000 % 60;
    long rest = millis % 1000;
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (minutes > 0) {
      sb.append(minutes).append('m');
    }
    if (seconds > 0) {
      sb.append(seconds).append('s');
    }
    if (rest > 0) {
      sb.append(rest).append("ms");
    }
    return sb.toString();
  }

  private static Resource redirectRoute(StackModel stack, HttpExposure exposure, HttpTarget target,
      List<HttpHost> hosts) {
    SourceLocator locator = new SourceLocator(exposure.locationOf(exposure.forceSslRedirect() ? "force-ssl-redirect"
        : "ssl-redirect"));
    List<String> hostnames = hosts.stream().map(HttpHost::hostname).toList();
    for (int i = 0; i < hosts.size(); i++) {
      locator.put("spec.hostnames[" + i + "]", hosts.get(i).location());
    }
    HTTPRoute route = new HTTPRouteBuilder()
        .withMetadata(HttpNames.metadata(stack, exposure, exposure.name() + "-https-redirect", Map.of()))
        .withNewSpec()
            .withParentRefs(parent(stack, exposure, target, httpListener(target)))
            .withHostnames(hostnames)
            .withRules(new HTTPRouteRuleBuilder().withFilters(new HTTPRouteFilterBuilder().withType("RequestRedirect")
                .withNewRequestRedirect().withScheme("https").withStatusCode(301).endRequestRedirect().build()).build())
        .endSpec()
        .build();
    return new Resource(route, locator, stack.environment());
  }

  private static Resource defaultRoute(StackModel stack, HttpExposure exposure, HttpTarget target, Backend backend) {
    SourceLocator locator = new SourceLocator(backend.location());
    List<ParentReference> parents = new ArrayList<>();
    parents.add(parent(stack, exposure, target, httpListener(target)));
    if (target instanceof HttpTarget.SharedGateway shared) {
      parents.add(parent(stack, exposure, target, shared.httpsListener()));
    } else {
      for (HttpHost host : exposure.hosts()) {
        if (host.tls().isPresent()) {
          parents.add(parent(stack, exposure, target, httpsListener(host)));
        }
      }
    }
    HTTPRoute route = new HTTPRouteBuilder()
        .withMetadata(HttpNames.metadata(stack, exposure, exposure.name() + "-default", Map.of()))
        .withNewSpec()
            .withParentRefs(parents)
            .withRules(new HTTPRouteRuleBuilder().withBackendRefs(backendRef(backend, null)).build())
        .endSpec()
        .build();
    return new Resource(route, locator, stack.environment());
  }
}
