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
import dev.portico.dsl.Tls;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Severity;
import io.fabric8.istio.api.api.networking.v1alpha3.CorsPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRewrite;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.PortSelector;
import io.fabric8.istio.api.api.networking.v1alpha3.Server;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSmode;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link HttpExposure} through Istio's ingress gateway: a Gateway (a plain HTTP server on 80
 * for hosts served in the clear, one that redirects to HTTPS for TLS hosts, and an HTTPS server on
 * 443 per TLS host, SIMPLE TLS from the host's Secret as {@code credentialName}) and a
 * VirtualService per host bound to it, plus, for the default backend, a VirtualService
 * ({@code hosts: ["*"]}) on a Gateway of its own ({@code <exposure>-default}, plain HTTP for any host).
 */
final class IstioGatewayEmitter {
  private static final String TARGET = "istio-gateway";

  private IstioGatewayEmitter() {}

  static void emit(StackModel stack, HttpExposure exposure, HttpTarget.IstioGateway target, List<Resource> out,
      List<Finding> findings) {
    String exposureObject = "HttpExposure/" + stack.namespace() + "/" + exposure.name();
    HttpNames.checkHosts(exposure, exposureObject, findings);
    unsupported(exposure, exposureObject, findings);
    out.add(gateway(stack, exposure, target, exposureObject, findings));
    for (HttpHost host : exposure.hosts()) {
      out.add(hostRoutes(stack, exposure, host, findings));
    }
    exposure.defaultBackend().ifPresent(backend -> {
      out.add(defaultGateway(stack, exposure, target));
      out.add(defaultRoute(stack, exposure, backend));
    });
  }

  /** The Gateway of the default backend's VirtualService: plain HTTP on 80 for any host. */
  static String defaultName(HttpExposure exposure) {
    return exposure.name() + "-default";
  }

  private static void unsupported(HttpExposure exposure, String object, List<Finding> findings) {
    exposure.backendProtocol().ifPresent(protocol -> findings.add(HttpNames.unsupported(object,
        exposure.locationOf("backend-protocol"), "", "backendProtocol(" + protocol + ")", TARGET,
        "Istio takes the protocol from the Service port's name or appProtocol (e.g. \"grpc\", \"kubernetes.io/h2c\")")));
    exposure.proxyBodySize().ifPresent(size -> findings.add(HttpNames.unsupported(object,
        exposure.locationOf("proxy-body-size"), "", "proxyBodySize(" + quote(size) + ")", TARGET,
        "Istio has no request body limit field; use an EnvoyFilter of your own")));
    if (!exposure.allowSourceRanges().isEmpty()) {
      findings.add(HttpNames.unsupported(object, exposure.locationOf("whitelist-source-range"), "",
          "allowSourceRanges" + exposure.allowSourceRanges(), TARGET,
          "use an AuthorizationPolicy with ipBlocks on the ingress gateway"));
    }
    for (String key : exposure.annotations().keySet()) {
      if (key.startsWith(HttpNames.NGINX)) {
        findings.add(new Finding("http.nginx-annotation", Severity.WARNING, exposure.locationOf("annotation:" + key),
            object, "metadata.annotations[" + key + "]", "ingress-nginx annotation " + quote(key)
                + " has no effect on the " + TARGET + " target; it is kept on the VirtualServices as written"));
      }
    }
    for (HttpHost host : exposure.hosts()) {
      if (host.tls().orElse(null) instanceof Tls.CertManager) {
        findings.add(HttpNames.unsupported(object, host.location(), "", "a cert-manager certificate for "
            + quote(host.hostname()), TARGET, "cert-manager does not read Istio Gateways; create a Certificate in the "
            + "ingress gateway's namespace and use Tls.secret(...) with its Secret"));
      }
    }
  }

  private static Resource gateway(StackModel stack, HttpExposure exposure, HttpTarget.IstioGateway target,
      String object, List<Finding> findings) {
    SourceLocator locator = new SourceLocator(exposure.location());
    List<String> plain = new ArrayList<>();
    List<String> redirected = new ArrayList<>();
    List<Server> servers = new ArrayList<>();
    for (HttpHost host : exposure.hosts()) {
      boolean redirect = exposure.forceSslRedirect() || (host.tls().isPresent() && exposure.sslRedirect());
      (redirect ? redirected : plain).add(host.hostname());
    }
    if (!plain.isEmpty()) {
      servers.add(server("http", 80, "HTTP", plain, null));
    }
    if (!redirected.isEmpty()) {
      ServerTLSSettings redirect = new ServerTLSSettings();
      redirect.setHttpsRedirect(true);
      servers.add(server("http-redirect", 80, "HTTP", redirected, redirect));
    }
    for (HttpHost host : exposure.hosts()) {
      if (host.tls().isEmpty()) {
        if (exposure.forceSslRedirect()) {
          findings.add(HttpNames.unsupported(object, exposure.locationOf("force-ssl-redirect"), "spec.servers",
              "forceSslRedirect for host " + quote(host.hostname()) + ", which has no TLS,", TARGET,
              "the redirect needs an HTTPS server for the host; give the host tls(...)"));
        }
        continue;
      }
      locator.put("spec.servers[" + servers.size() + "]", host.location());
      ServerTLSSettings tls = new ServerTLSSettings();
      tls.setMode(ServerTLSSettingsTLSmode.SIMPLE);
      tls.setCredentialName(host.tlsSecretName().get());
      servers.add(server("https-" + hostLabel(host.hostname()), 443, "HTTPS", new ArrayList<>(List.of(host.hostname())),
          tls));
    }
    io.fabric8.istio.api.api.networking.v1alpha3.Gateway spec = new io.fabric8.istio.api.api.networking.v1alpha3.Gateway(
        new TreeMap<>(target.selector()), servers);
    Gateway gateway = new Gateway();
    gateway.setMetadata(HttpNames.metadata(stack, exposure, exposure.name(), Map.of()));
    gateway.setSpec(spec);
    return new Resource(gateway, locator, stack.environment());
  }

  private static Server server(String name, int number, String protocol, List<String> hosts, ServerTLSSettings tls) {
    Server server = new Server();
    server.setPort(new io.fabric8.istio.api.api.networking.v1alpha3.Port(name, (long) number, protocol, null));
    server.setHosts(hosts);
    server.setTls(tls);
    return server;
  }

  private static Resource hostRoutes(StackModel stack, HttpExposure exposure, HttpHost host, List<Finding> findings) {
    String name = exposure.name() + "-" + hostLabel(host.hostname());
    String object = "VirtualService/" + stack.namespace() + "/" + name;
    SourceLocator locator = new SourceLocator(host.location());
    List<HTTPRoute> http = new ArrayList<>();
    for (HttpPath path : host.paths()) {
      String rulePath = "spec.http[" + http.size() + "]";
      if (path.match().type() == PathMatch.Type.IMPLEMENTATION_SPECIFIC) {
        findings.add(HttpNames.unsupported(object, path.location(), rulePath + ".match[0].uri",
            "an ImplementationSpecific path", TARGET, "Istio matches URIs by prefix, exact value or regex; use "
                + "PathMatch.prefix or PathMatch.exact"));
      }
      if (path.backendTimeout().isPresent()) {
        findings.add(HttpNames.unsupported(object, path.location(), rulePath + ".timeout", "a per-try backend timeout",
            TARGET, "give the path a whole-request timeout(...); per-try timeouts belong to mesh retries"));
      }
      if (path.route() instanceof Split split && split.header().isPresent()) {
        locator.put(rulePath, split.location());
        Map<String, String> headers = new TreeMap<>(path.match().headers());
        headers.put(split.header().get().name(), split.header().get().value());
        Split.Weighted canary = split.backends().get(split.backends().size() - 1);
        http.add(rule(exposure, path, headers, List.of(destination(canary.backend(), null))));
        rulePath = "spec.http[" + http.size() + "]";
      }
      locator.put(rulePath, path.location());
      List<HTTPRouteDestination> destinations = new ArrayList<>();
      if (path.route() instanceof Split split) {
        split.backends().forEach(weighted -> destinations.add(destination(weighted.backend(), weighted.weight())));
      } else {
        destinations.add(destination((Backend) path.route(), null));
      }
      http.add(rule(exposure, path, path.match().headers(), destinations));
    }
    io.fabric8.istio.api.api.networking.v1alpha3.VirtualService spec =
        new io.fabric8.istio.api.api.networking.v1alpha3.VirtualService();
    spec.setHosts(new ArrayList<>(List.of(host.hostname())));
    spec.setGateways(new ArrayList<>(List.of(exposure.name())));
    spec.setHttp(http);
    VirtualService vs = new VirtualService();
    vs.setMetadata(HttpNames.metadata(stack, exposure, name, exposure.annotations()));
    vs.setSpec(spec);
    return new Resource(vs, locator, stack.environment());
  }

  private static HTTPRoute rule(HttpExposure exposure, HttpPath path, Map<String, String> headers,
      List<HTTPRouteDestination> destinations) {
    HTTPRoute http = new HTTPRoute();
    HTTPMatchRequest match = new HTTPMatchRequest();
    PathMatch pathMatch = path.match();
    match.setUri(new StringMatch(pathMatch.type() == PathMatch.Type.EXACT ? new StringMatchExact(pathMatch.value())
        : new StringMatchPrefix(pathMatch.value())));
    if (!headers.isEmpty()) {
      Map<String, StringMatch> headerMatches = new TreeMap<>();
      headers.forEach((name, value) -> headerMatches.put(name, new StringMatch(new StringMatchExact(value))));
      match.setHeaders(headerMatches);
    }
    http.setMatch(new ArrayList<>(List.of(match)));
    http.setRoute(destinations);
    path.timeout().ifPresent(timeout -> http.setTimeout(MeshEmitter.duration(timeout)));
    exposure.rewritePrefix().ifPresent(replacement -> http.setRewrite(new HTTPRewrite(null, replacement, null)));
    exposure.cors().ifPresent(cors -> http.setCorsPolicy(cors(cors)));
    return http;
  }

  private static CorsPolicy cors(Cors cors) {
    CorsPolicy policy = new CorsPolicy();
    List<StringMatch> origins = new ArrayList<>();
    cors.origins().forEach(origin -> origins.add(new StringMatch(new StringMatchExact(origin))));
    policy.setAllowOrigins(origins);
    policy.setAllowMethods(cors.methods().isEmpty() ? null : new ArrayList<>(cors.methods()));
    policy.setAllowHeaders(cors.headers().isEmpty() ? null : new ArrayList<>(cors.headers()));
    policy.setAllowCredentials(cors.credentials() ? Boolean.TRUE : null);
    cors.maxAgeSeconds().ifPresent(age -> policy.setMaxAge(age + "s"));
    return policy;
  }

  /** A destination on the Service's port, by number: a gateway route names it even when the Service has one. */
  private static HTTPRouteDestination destination(Backend backend, Integer weight) {
    return new HTTPRouteDestination(new Destination(backend.service().name(),
        new PortSelector((long) backend.port().port()), null), null, weight);
  }

  /**
   * The default backend's own Gateway, so that its {@code hosts: ["*"]} VirtualService meets only its
   * {@code "*"} server: bound to the exposure's Gateway, Istio would intersect it with every HTTPS
   * server's host and merge its catch-all route into that host's routes, in an order set by creation
   * time and name, shadowing them.
   */
  private static Resource defaultGateway(StackModel stack, HttpExposure exposure, HttpTarget.IstioGateway target) {
    io.fabric8.istio.api.api.networking.v1alpha3.Gateway spec = new io.fabric8.istio.api.api.networking.v1alpha3.Gateway(
        new TreeMap<>(target.selector()), new ArrayList<>(List.of(server("http", 80, "HTTP",
            new ArrayList<>(List.of("*")), null))));
    Gateway gateway = new Gateway();
    gateway.setMetadata(HttpNames.metadata(stack, exposure, defaultName(exposure), Map.of()));
    gateway.setSpec(spec);
    return new Resource(gateway, new SourceLocator(exposure.locationOf("default-backend")), stack.environment());
  }

  private static Resource defaultRoute(StackModel stack, HttpExposure exposure, Backend backend) {
    HTTPRoute http = new HTTPRoute();
    http.setRoute(new ArrayList<>(List.of(destination(backend, null))));
    io.fabric8.istio.api.api.networking.v1alpha3.VirtualService spec =
        new io.fabric8.istio.api.api.networking.v1alpha3.VirtualService();
    spec.setHosts(new ArrayList<>(List.of("*")));
    spec.setGateways(new ArrayList<>(List.of(defaultName(exposure))));
    spec.setHttp(new ArrayList<>(List.of(http)));
    VirtualService vs = new VirtualService();
    vs.setMetadata(HttpNames.metadata(stack, exposure, defaultName(exposure), Map.of()));
    vs.setSpec(spec);
    return new Resource(vs, new SourceLocator(backend.location()), stack.environment());
  }
}
