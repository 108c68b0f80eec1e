package dev.portico.synth.validate.http;

import dev.portico.synth.validate.Analysis;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRouteRule;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Checks across Ingresses, HTTPRoutes, GRPCRoutes, TLSRoutes, Gateways and Services, after
 * kube-linter's {@code dangling-ingress} and Polaris' {@code tlsSettingsMissing}: a backend (of an
 * Ingress or a route) is a Service of the same cluster and one of its ports; no two Ingresses (of one class) or routes (of one Gateway)
 * claim the same host and path; TLS hosts have rules, and public hosts have TLS. Lookups go
 * through indexes built once.
 */
final class HttpAnalyzers {
  static final String CANARY_ANNOTATION = "nginx.ingress.kubernetes.io/canary";
  private static final List<String> PRIVATE_SUFFIXES =
      List.of(".local", ".localhost", ".internal", ".test", ".lan", ".home.arpa", ".invalid");

  private HttpAnalyzers() {}

  static void analyze(Analysis analysis) {
    analyze(analysis.resources(), analysis.scope(), analysis.findings());
  }

  private static void analyze(List<Resource> resources, Scope scope, List<Finding> out) {
    Map<String, Service> services = new HashMap<>();
    Map<String, Gateway> gateways = new HashMap<>();
    Map<String, io.fabric8.istio.api.networking.v1.Gateway> istioGateways = new HashMap<>();
    Set<String> attachedListeners = new HashSet<>();
    for (Resource resource : resources) {
      String group = Lookup.group(resource, scope);
      if (resource.object() instanceof Service service) {
        services.putIfAbsent(Lookup.key(group, Lookup.namespace(resource), Lookup.name(resource)), service);
      } else if (resource.object() instanceof Gateway gateway) {
        gateways.putIfAbsent(Lookup.key(group, Lookup.namespace(resource), Lookup.name(resource)), gateway);
      } else if (resource.object() instanceof io.fabric8.istio.api.networking.v1.Gateway gateway) {
        istioGateways.putIfAbsent(Lookup.key(group, Lookup.namespace(resource), Lookup.name(resource)), gateway);
      } else {
        // HTTPRoutes and GRPCRoutes both serve an HTTPS listener's certificate; ListenerSet parents are not Gateways
        for (ParentReference parent : gatewayParents(resource)) {
          String ns = parent.getNamespace() == null ? Lookup.namespace(resource) : parent.getNamespace();
          attachedListeners.add(Lookup.key(group, ns, parent.getName()) + "\u0000" + parent.getSectionName());
        }
      }
    }
    Map<String, Claim> claims = new HashMap<>();
    for (Resource resource : resources) {
      Check check = new Check(resource, out);
      if (resource.object() instanceof Ingress ingress && ingress.getSpec() != null) {
        ingressBackends(check, resource, ingress, services, scope);
        if (!isCanary(ingress)) {
          ingressClaims(check, resource, ingress, claims);
        }
        ingressTls(check, ingress, scope);
      } else if (resource.object() instanceof HTTPRoute route && route.getSpec() != null) {
        routeBackends(check, resource, route, services, scope);
        routeParents(check, resource, route, gateways, scope);
        routeClaims(check, resource, route, claims);
        routeTls(check, resource, route, gateways, scope);
      } else if (resource.object() instanceof GRPCRoute route && route.getSpec() != null) {
        List<GRPCRouteRule> rules = Lookup.items(route.getSpec().getRules());
        for (int r = 0; r < rules.size(); r++) {
          List<GRPCBackendRef> refs = Lookup.items(rules.get(r).getBackendRefs());
          for (int b = 0; b < refs.size(); b++) {
            GRPCBackendRef ref = refs.get(b);
            routeBackend(check, resource, ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName(), ref.getPort(),
                backendRef(r, b), services, scope);
          }
        }
      } else if (resource.object() instanceof TLSRoute route && route.getSpec() != null) {
        List<TLSRouteRule> rules = Lookup.items(route.getSpec().getRules());
        for (int r = 0; r < rules.size(); r++) {
          List<BackendRef> refs = Lookup.items(rules.get(r).getBackendRefs());
          for (int b = 0; b < refs.size(); b++) {
            BackendRef ref = refs.get(b);
            routeBackend(check, resource, ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName(), ref.getPort(),
                backendRef(r, b), services, scope);
          }
        }
      } else if (resource.object() instanceof Gateway gateway && gateway.getSpec() != null) {
        listenersWithoutRoutes(check, resource, gateway, attachedListeners, !attachedListeners.isEmpty(), scope);
      } else if (resource.object() instanceof io.fabric8.istio.api.networking.v1.VirtualService vs
          && vs.getSpec() != null) {
        istioGatewayClaims(check, resource, vs, istioGateways, scope, claims);
      }
    }
  }

  /**
   * Hosts and URI matches of VirtualServices bound to Istio ingress Gateways: the ingress pods a
   * Gateway selects (its name when it is not among the objects) serve one set of routes, so two
   * VirtualServices claiming one host and match on them conflict.
   */
  private static void istioGatewayClaims(Check check, Resource resource, io.fabric8.istio.api.networking.v1.VirtualService vs,
      Map<String, io.fabric8.istio.api.networking.v1.Gateway> gateways, Scope scope, Map<String, Claim> claims) {
    List<String> hosts = Lookup.items(vs.getSpec().getHosts());
    var rules = Lookup.items(vs.getSpec().getHttp());
    for (String gatewayName : Lookup.items(vs.getSpec().getGateways())) {
      if (gatewayName.equals("mesh")) {
        continue; // mesh-bound hosts are IST0109's
      }
      int slash = gatewayName.indexOf('/');
      String ns = slash < 0 ? Lookup.namespace(resource) : gatewayName.substring(0, slash);
      String name = slash < 0 ? gatewayName : gatewayName.substring(slash + 1);
      var gateway = gateways.get(Lookup.key(Lookup.group(resource, scope), ns, name));
      String pods = gateway != null && gateway.getSpec() != null && gateway.getSpec().getSelector() != null
          ? "istio-pods\u0000" + new TreeMap<>(gateway.getSpec().getSelector()) : "istio-gateway\u0000" + ns + "/" + name;
      for (int h = 0; h < hosts.size(); h++) {
        for (int r = 0; r < rules.size(); r++) {
          var matches = Lookup.items(rules.get(r).getMatch());
          for (int m = 0; m < Math.max(1, matches.size()); m++) {
            var match = matches.isEmpty() ? null : matches.get(m);
            String uri = match == null || match.getUri() == null ? "prefix /" : describe(match.getUri());
            String headers = match == null || match.getHeaders() == null ? "" : new TreeMap<>(match.getHeaders()).keySet()
                .stream().map(k -> k + "=" + describe(match.getHeaders().get(k))).toList().toString();
            int rule = r;
            int index = m;
            String host = hosts.get(h);
            claim(check, resource, claims, pods + "\u0000" + host + "\u0000" + uri + "\u0000" + headers,
                () -> matches.isEmpty() ? "spec.http[" + rule + "]" : "spec.http[" + rule + "].match[" + index + "]",
                () -> "host " + Messages.quote(host) + " and URI " + uri + (headers.equals("[]") || headers.isEmpty()
                    ? "" : " with headers " + headers) + " on the ingress gateway of " + gatewayName, true);
          }
        }
      }
    }
  }

  private static String describe(io.fabric8.istio.api.api.networking.v1alpha3.StringMatch match) {
    Object type = match == null ? null : match.getMatchType();
    if (type instanceof io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact exact) {
      return "exact " + exact.getExact();
    }
    if (type instanceof io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix prefix) {
      return "prefix " + prefix.getPrefix();
    }
    if (type instanceof io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex regex) {
      return "regex " + regex.getRegex();
    }
    return "any";
  }

  static boolean isCanary(Ingress ingress) {
    var annotations = ingress.getMetadata() == null ? null : ingress.getMetadata().getAnnotations();
    return annotations != null && "true".equals(annotations.get(CANARY_ANNOTATION));
  }

  // ---- backends -------------------------------------------------------------------------------

  private static void ingressBackends(Check check, Resource resource, Ingress ingress, Map<String, Service> services,
      Scope scope) {
    if (ingress.getSpec().getDefaultBackend() != null) {
      ingressBackend(check, resource, ingress.getSpec().getDefaultBackend(), () -> "spec.defaultBackend", services, scope);
    }
    List<IngressRule> rules = Lookup.items(ingress.getSpec().getRules());
    for (int r = 0; r < rules.size(); r++) {
      if (rules.get(r).getHttp() == null) {
        continue;
      }
      List<HTTPIngressPath> paths = Lookup.items(rules.get(r).getHttp().getPaths());
      for (int p = 0; p < paths.size(); p++) {
        if (paths.get(p).getBackend() != null) {
          int rule = r;
          int path = p;
          ingressBackend(check, resource, paths.get(p).getBackend(),
              () -> "spec.rules[" + rule + "].http.paths[" + path + "].backend", services, scope);
        }
      }
    }
  }

  private static void ingressBackend(Check check, Resource resource, IngressBackend backend, Supplier<String> path,
      Map<String, Service> services, Scope scope) {
    var ref = backend.getService();
    if (ref == null || ref.getName() == null || ref.getPort() == null) {
      return; // a resource backend, or a shape the field rules report
    }
    Integer number = ref.getPort().getNumber();
    String portName = ref.getPort().getName();
    backend(check, resource, Lookup.namespace(resource), ref.getName(), number, portName, () -> path.get() + ".service",
        services, scope);
  }

  private static void routeBackends(Check check, Resource resource, HTTPRoute route, Map<String, Service> services,
      Scope scope) {
    List<HTTPRouteRule> rules = Lookup.items(route.getSpec().getRules());
    for (int r = 0; r < rules.size(); r++) {
      List<HTTPBackendRef> refs = Lookup.items(rules.get(r).getBackendRefs());
      for (int b = 0; b < refs.size(); b++) {
        HTTPBackendRef ref = refs.get(b);
        routeBackend(check, resource, ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName(), ref.getPort(),
            backendRef(r, b), services, scope);
      }
    }
  }

  /** The path of backendRef {@code b} of rule {@code r}, made when a finding needs it. */
  private static Supplier<String> backendRef(int r, int b) {
    return () -> "spec.rules[" + r + "].backendRefs[" + b + "]";
  }

  /** A backendRef of an HTTPRoute, GRPCRoute or TLSRoute: checked when it names a core Service. */
  private static void routeBackend(Check check, Resource resource, String group, String kind, String namespace,
      String name, Integer port, Supplier<String> path, Map<String, Service> services, Scope scope) {
    boolean service = (group == null || group.isEmpty()) && (kind == null || "Service".equals(kind));
    if (!service || name == null) {
      return;
    }
    backend(check, resource, namespace == null ? Lookup.namespace(resource) : namespace, name, port, null, path,
        services, scope);
  }

  /** kube-linter's {@code dangling-ingress}: the Service exists in the cluster and has the port. */
  private static void backend(Check check, Resource resource, String namespace, String name, Integer number,
      String portName, Supplier<String> paths, Map<String, Service> services, Scope scope) {
    Service service = services.get(Lookup.key(Lookup.group(resource, scope), namespace, name));
    if (service == null) {
      String path = paths.get();
      String where = scope == Scope.CLOSED ? "the stack" : "the input";
      check.report("http.backend-dangling", scope == Scope.CLOSED ? Severity.ERROR : Severity.WARNING, path + ".name",
          "Service " + Messages.quote(name) + " is not in " + where + (namespace.isEmpty() ? ""
              : " (namespace " + Messages.quote(namespace) + ")") + "; requests would get 503s: point the backend at a "
              + "declared Service" + (scope == Scope.OPEN ? ", or ignore this if it is applied separately" : ""));
      return;
    }
    if (number == null && portName == null) {
      return; // the field rules require a port
    }
    List<ServicePort> ports = service.getSpec() == null ? List.of() : service.getSpec().getPorts();
    List<String> known = new ArrayList<>();
    for (ServicePort port : ports) {
      if (number != null ? number.equals(port.getPort()) : portName.equals(port.getName())) {
        return;
      }
      known.add((port.getName() == null ? "" : port.getName() + "=") + port.getPort());
    }
    String path = paths.get();
    String field = number != null ? (path.endsWith(".service") ? path + ".port.number" : path + ".port")
        : path + ".port.name";
    check.error("http.backend-port", field, (number != null ? number.toString() : Messages.quote(portName))
        + " is not a port of Service " + Messages.quote(name) + "; it has " + (known.isEmpty() ? "no ports" : known));
  }

  // ---- host and path claims -------------------------------------------------------------------

  /** Who first claimed a host and path, to name in the finding about the second (the path made when needed). */
  private record Claim(Resource resource, Supplier<String> path) {}

  private static void ingressClaims(Check check, Resource resource, Ingress ingress, Map<String, Claim> claims) {
    String controller = "ingress\u0000" + (ingress.getSpec().getIngressClassName() == null ? ""
        : ingress.getSpec().getIngressClassName());
    List<IngressRule> rules = Lookup.items(ingress.getSpec().getRules());
    for (int r = 0; r < rules.size(); r++) {
      if (rules.get(r).getHttp() == null) {
        continue;
      }
      String host = rules.get(r).getHost() == null ? "" : rules.get(r).getHost();
      List<HTTPIngressPath> paths = Lookup.items(rules.get(r).getHttp().getPaths());
      for (int p = 0; p < paths.size(); p++) {
        HTTPIngressPath path = paths.get(p);
        String claim = controller + "\u0000" + host + "\u0000" + path.getPathType() + "\u0000" + path.getPath();
        int rule = r;
        int index = p;
        claim(check, resource, claims, claim, () -> "spec.rules[" + rule + "].http.paths[" + index + "].path",
            () -> (host.isEmpty() ? "every host" : "host " + Messages.quote(host)) + " and " + path.getPathType()
                + " path " + Messages.quote(path.getPath() == null ? "" : path.getPath()));
      }
    }
  }

  private static void routeClaims(Check check, Resource resource, HTTPRoute route, Map<String, Claim> claims) {
    List<String> hostnames = Lookup.items(route.getSpec().getHostnames()).isEmpty() ? List.of("")
        : Lookup.items(route.getSpec().getHostnames());
    List<HTTPRouteRule> rules = Lookup.items(route.getSpec().getRules());
    for (ParentReference parent : Lookup.items(route.getSpec().getParentRefs())) {
      String gateway = "gateway\u0000"
          + (parent.getNamespace() == null ? Lookup.namespace(resource) : parent.getNamespace())
          + "/" + parent.getName() + "\u0000" + (parent.getSectionName() == null ? "" : parent.getSectionName());
      for (String host : hostnames) {
        for (int r = 0; r < rules.size(); r++) {
          List<HTTPRouteMatch> matches = Lookup.items(rules.get(r).getMatches()).isEmpty()
              ? java.util.Collections.singletonList(null) : Lookup.items(rules.get(r).getMatches());
          for (int m = 0; m < matches.size(); m++) {
            HTTPRouteMatch match = matches.get(m);
            String type = match == null || match.getPath() == null || match.getPath().getType() == null ? "PathPrefix"
                : match.getPath().getType();
            String value = match == null || match.getPath() == null || match.getPath().getValue() == null ? "/"
                : match.getPath().getValue();
            String claim = gateway + "\u0000" + host + "\u0000" + type + "\u0000" + value + "\u0000" + rest(match);
            boolean whole = Lookup.items(rules.get(r).getMatches()).isEmpty();
            int rule = r;
            int index = m;
            claim(check, resource, claims, claim,
                () -> whole ? "spec.rules[" + rule + "]" : "spec.rules[" + rule + "].matches[" + index + "]",
                () -> (host.isEmpty() ? "every host" : "host " + Messages.quote(host)) + " and " + type + " "
                    + Messages.quote(value) + (rest(match).isEmpty() ? "" : " with " + rest(match))
                    + " on Gateway " + parent.getName() + (parent.getSectionName() == null ? ""
                    : " listener " + parent.getSectionName()));
          }
        }
      }
    }
  }

  /** Header, query and method conditions of a match, in a canonical order. */
  private static String rest(HTTPRouteMatch match) {
    if (match == null) {
      return "";
    }
    Map<String, String> conditions = new TreeMap<>();
    for (HTTPHeaderMatch header : Lookup.items(match.getHeaders())) {
      conditions.put("header " + String.valueOf(header.getName()).toLowerCase(Locale.ROOT),
          (header.getType() == null ? "Exact" : header.getType()) + " " + header.getValue());
    }
    for (var query : Lookup.items(match.getQueryParams())) {
      conditions.put("query " + query.getName(), (query.getType() == null ? "Exact" : query.getType()) + " "
          + query.getValue());
    }
    if (match.getMethod() != null) {
      conditions.put("method", match.getMethod());
    }
    return conditions.isEmpty() ? "" : conditions.toString();
  }

  private static void claim(Check check, Resource resource, Map<String, Claim> claims, String claim,
      Supplier<String> path, Supplier<String> what) {
    claim(check, resource, claims, claim, path, what, false);
  }

  /**
   * @param istioMerged the claim is on Istio ingress gateway pods, where Istio merges the VirtualServices
   *     of one host and the first one wins: a warning, not an error
   */
  private static void claim(Check check, Resource resource, Map<String, Claim> claims, String claim,
      Supplier<String> paths, Supplier<String> whats, boolean istioMerged) {
    Claim earlier = claims.putIfAbsent(resource.group() + "\u0000" + claim, new Claim(resource, paths));
    if (earlier == null) {
      return; // the first claim: its path and description are made only if another claim meets it
    }
    String path = paths.get();
    String what = whats.get();
    if (earlier.resource() != resource && istioMerged) {
      check.warning("http.host-path-conflict", path, what + " is already routed by " + earlier.resource().id() + " ("
          + earlier.resource().locator().locate(earlier.path().get()) + "); Istio merges the VirtualServices on the "
          + "gateway's pods and keeps the first (oldest) one's route, so one of the two is never used: give each host "
          + "and path one owner");
    } else if (earlier.resource() != resource) {
      check.error("http.host-path-conflict", path, what + " is already claimed by " + earlier.resource().id() + " ("
          + earlier.resource().locator().locate(earlier.path().get()) + "); the controller would pick one of them: "
          + "give each host and path one owner");
    } else if (!earlier.path().get().equals(path)) {
      check.error("http.host-path-conflict", path, what + " is already claimed by " + earlier.path().get()
          + " of the same object; the later one never matches");
    }
  }

  // ---- TLS ------------------------------------------------------------------------------------

  private static void ingressTls(Check check, Ingress ingress, Scope scope) {
    List<IngressTLS> tls = Lookup.items(ingress.getSpec().getTls());
    List<IngressRule> rules = Lookup.items(ingress.getSpec().getRules());
    List<String> ruleHosts = new ArrayList<>();
    for (IngressRule rule : rules) {
      ruleHosts.add(rule.getHost() == null ? "" : rule.getHost());
    }
    List<String> tlsHosts = new ArrayList<>();
    for (int t = 0; t < tls.size(); t++) {
      List<String> hosts = Lookup.items(tls.get(t).getHosts());
      for (int h = 0; h < hosts.size(); h++) {
        String host = hosts.get(h);
        tlsHosts.add(host);
        if (host != null && ruleHosts.stream().noneMatch(rule -> covers(host, rule)) && !ruleHosts.contains("")) {
          check.warning("http.tls-host-without-rule", "spec.tls[" + t + "].hosts[" + h + "]",
              "TLS host " + Messages.quote(host) + " has no rule: the certificate is served but no request for the "
                  + "host is routed; add a rule for it or drop it from tls");
        }
      }
    }
    if (isCanary(ingress)) {
      return; // a canary shares its main Ingress' TLS
    }
    for (int r = 0; r < rules.size(); r++) {
      String host = ruleHosts.get(r);
      if (isPublic(host) && tlsHosts.stream().noneMatch(t -> t != null && covers(t, host))) {
        check.warning("http.host-without-tls", "spec.rules[" + r + "].host",
            (host.isEmpty() ? "a rule for every host" : "public host " + Messages.quote(host))
                + " is served over plain HTTP only; add it to spec.tls with a certificate" + scope.advice(
                    " (e.g. Tls.certManager(...))", ": a TLS Secret named by spec.tls[].secretName, e.g. one cert-manager "
                        + "issues for the annotation cert-manager.io/cluster-issuer"));
      }
    }
  }

  private static void routeTls(Check check, Resource resource, HTTPRoute route, Map<String, Gateway> gateways,
      Scope scope) {
    if (!servesRequests(route)) {
      return; // a redirect-only route sends plain HTTP to HTTPS
    }
    if (Lookup.items(route.getSpec().getHostnames()).isEmpty() && isCatchAll(route)) {
      return; // a default backend (one rule, no matches) answers unknown hosts, like an Ingress' defaultBackend
    }
    List<ParentReference> parents = Lookup.items(route.getSpec().getParentRefs());
    List<String> hostnames = Lookup.items(route.getSpec().getHostnames()).isEmpty() ? List.of("")
        : Lookup.items(route.getSpec().getHostnames());
    // hosts the route also serves over HTTPS are not "plain HTTP only", as with an Ingress' ssl-redirect: "false"
    List<String> httpsHosts = new ArrayList<>();
    List<String[]> plain = new ArrayList<>();
    for (int i = 0; i < parents.size(); i++) {
      ParentReference parent = parents.get(i);
      String ns = parent.getNamespace() == null ? Lookup.namespace(resource) : parent.getNamespace();
      Gateway gateway = gateways.get(Lookup.key(Lookup.group(resource, scope), ns, parent.getName()));
      if (gateway == null || gateway.getSpec() == null) {
        continue;
      }
      for (Listener listener : Lookup.items(gateway.getSpec().getListeners())) {
        boolean attached = parent.getSectionName() == null || parent.getSectionName().equals(listener.getName());
        if (attached && "HTTPS".equals(listener.getProtocol())) {
          httpsHosts.add(listener.getHostname() == null ? "" : listener.getHostname());
        } else if (attached && "HTTP".equals(listener.getProtocol())) {
          plain.add(new String[] {Integer.toString(i), listener.getName(), parent.getName()});
        }
      }
    }
    for (String[] listener : plain) {
      for (int h = 0; h < hostnames.size(); h++) {
        String host = hostnames.get(h);
        boolean https = httpsHosts.stream().anyMatch(t -> t.isEmpty() || covers(t, host));
        if (isPublic(host) && !https) {
          check.warning("http.host-without-tls", Lookup.items(route.getSpec().getHostnames()).isEmpty()
              ? "spec.parentRefs[" + listener[0] + "]" : "spec.hostnames[" + h + "]", (host.isEmpty() ? "every host"
                  : "public host " + Messages.quote(host)) + " is served over plain HTTP only, by listener "
                  + Messages.quote(listener[1]) + " of Gateway " + listener[2]
                  + "; attach to an HTTPS listener and redirect plain HTTP");
        }
      }
    }
  }

  private static boolean isCatchAll(HTTPRoute route) {
    List<HTTPRouteRule> rules = Lookup.items(route.getSpec().getRules());
    return rules.size() == 1 && Lookup.items(rules.get(0).getMatches()).isEmpty();
  }

  private static boolean servesRequests(HTTPRoute route) {
    for (HTTPRouteRule rule : Lookup.items(route.getSpec().getRules())) {
      if (!Lookup.items(rule.getBackendRefs()).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** An HTTPRoute's parentRef names a listener its Gateway (when in the input) has. */
  private static void routeParents(Check check, Resource resource, HTTPRoute route, Map<String, Gateway> gateways,
      Scope scope) {
    List<ParentReference> parents = Lookup.items(route.getSpec().getParentRefs());
    for (int i = 0; i < parents.size(); i++) {
      ParentReference parent = parents.get(i);
      if (!Lookup.isGatewayParent(parent) || parent.getSectionName() == null) {
        continue;
      }
      String ns = parent.getNamespace() == null ? Lookup.namespace(resource) : parent.getNamespace();
      Gateway gateway = gateways.get(Lookup.key(Lookup.group(resource, scope), ns, parent.getName()));
      if (gateway == null || gateway.getSpec() == null) {
        continue;
      }
      List<String> names = Lookup.items(gateway.getSpec().getListeners()).stream().map(Listener::getName).toList();
      if (!names.contains(parent.getSectionName())) {
        check.error("http.parent-listener", "spec.parentRefs[" + i + "].sectionName",
            Messages.quote(parent.getSectionName()) + " is not a listener of Gateway " + parent.getName()
                + "; it has " + Messages.list(names));
      }
    }
  }

  /** An HTTPS listener with a hostname that no route of the input attaches to serves a certificate and nothing else. */
  private static void listenersWithoutRoutes(Check check, Resource resource, Gateway gateway, Set<String> attached,
      boolean anyRoutes, Scope scope) {
    if (!anyRoutes) {
      return; // routes are applied elsewhere
    }
    String gatewayKey = Lookup.key(Lookup.group(resource, scope), Lookup.namespace(resource), Lookup.name(resource));
    if (attached.contains(gatewayKey + "\u0000null")) {
      return; // some route attaches to every listener
    }
    List<Listener> listeners = Lookup.items(gateway.getSpec().getListeners());
    for (int i = 0; i < listeners.size(); i++) {
      Listener listener = listeners.get(i);
      if ("HTTPS".equals(listener.getProtocol()) && listener.getHostname() != null
          && !attached.contains(gatewayKey + "\u0000" + listener.getName())) {
        check.warning("http.tls-host-without-rule", "spec.listeners[" + i + "]", "HTTPS listener "
            + Messages.quote(listener.getName()) + " for " + Messages.quote(listener.getHostname())
            + " has no route attached: the certificate is served but no request is routed");
      }
    }
  }

  /** The parentRefs of kind Gateway of an HTTPRoute or GRPCRoute; none for other objects. */
  private static List<ParentReference> gatewayParents(Resource resource) {
    List<ParentReference> refs = resource.object() instanceof HTTPRoute route && route.getSpec() != null
        ? route.getSpec().getParentRefs()
        : resource.object() instanceof GRPCRoute route && route.getSpec() != null ? route.getSpec().getParentRefs()
        : null;
    return Lookup.items(refs).stream().filter(Lookup::isGatewayParent).toList();
  }

  /** Whether a TLS host (maybe {@code *.x}) covers a rule host. */
  static boolean covers(String tlsHost, String host) {
    if (tlsHost.equals(host)) {
      return true;
    }
    if (tlsHost.startsWith("*.") && !host.isEmpty()) {
      int dot = host.indexOf('.');
      return dot > 0 && host.substring(dot).equals(tlsHost.substring(1));
    }
    return false;
  }

  static boolean isPublic(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    if (lower.equals("localhost")) {
      return false;
    }
    for (String suffix : PRIVATE_SUFFIXES) {
      if (lower.endsWith(suffix)) {
        return false;
      }
    }
    return true;
  }
}
