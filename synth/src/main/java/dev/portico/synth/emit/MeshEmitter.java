package dev.portico.synth.emit;

import dev.portico.dsl.App;
import dev.portico.dsl.DestinationPolicy;
import dev.portico.dsl.Fault;
import dev.portico.dsl.LoadBalancer;
import dev.portico.dsl.Mesh;
import dev.portico.dsl.MeshMatch;
import dev.portico.dsl.MeshModel;
import dev.portico.dsl.MeshRoute;
import dev.portico.dsl.MeshRule;
import dev.portico.dsl.MeshTelemetry;
import dev.portico.dsl.Port;
import dev.portico.dsl.RateLimit;
import dev.portico.dsl.Service;
import dev.portico.dsl.StackModel;
import dev.portico.dsl.Subset;
import dev.portico.dsl.format.IstioProtocols;
import dev.portico.dsl.ServicePort;
import dev.portico.synth.validate.Call;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Severity;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettingsTLSmode;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsHTTPSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsTCPSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterApplyTo;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterEnvoyConfigObjectMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterEnvoyConfigObjectMatchListener;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterEnvoyConfigObjectPatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterListenerMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterListenerMatchFilterChainMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterListenerMatchFilterMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterPatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterPatchContext;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterPatchOperation;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjection;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbort;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionAbortHttpStatus;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPFaultInjectionDelayFixedDelay;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMirrorPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRedirect;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetry;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRewrite;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHash;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLB;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHTTPCookie_;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpCookie;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpHeaderName;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimple;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimpleLB;
import io.fabric8.istio.api.api.networking.v1alpha3.OutlierDetection;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;
import io.fabric8.istio.api.api.networking.v1alpha3.PortSelector;
import io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntryLocation;
import io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntryResolution;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;
import io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicyAction;
import io.fabric8.istio.api.api.security.v1beta1.PeerAuthenticationMutualTLS;
import io.fabric8.istio.api.api.security.v1beta1.PeerAuthenticationMutualTLSMode;
import io.fabric8.istio.api.api.security.v1beta1.Rule;
import io.fabric8.istio.api.api.security.v1beta1.RuleFrom;
import io.fabric8.istio.api.api.security.v1beta1.Source;
import io.fabric8.istio.api.api.telemetry.v1alpha1.AccessLogging;
import io.fabric8.istio.api.api.telemetry.v1alpha1.MetricSelector;
import io.fabric8.istio.api.api.telemetry.v1alpha1.MetricSelectorIstioMetric;
import io.fabric8.istio.api.api.telemetry.v1alpha1.MetricSelectorMetric;
import io.fabric8.istio.api.api.telemetry.v1alpha1.Metrics;
import io.fabric8.istio.api.api.telemetry.v1alpha1.MetricsOverrides;
import io.fabric8.istio.api.api.telemetry.v1alpha1.MetricsOverridesTagOverride;
import io.fabric8.istio.api.api.telemetry.v1alpha1.MetricsOverridesTagOverrideOperation;
import io.fabric8.istio.api.api.telemetry.v1alpha1.ProviderRef;
import io.fabric8.istio.api.api.telemetry.v1alpha1.Tracing;
import io.fabric8.istio.api.api.type.v1beta1.WorkloadSelector;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1alpha3.EnvoyFilter;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import io.fabric8.istio.api.telemetry.v1.Telemetry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A stack's {@link MeshModel} as Istio resources: a VirtualService and a DestinationRule per
 * routed Service (every subset a route names is one the DestinationRule defines: both come from the
 * same {@link Subset} handles), ServiceEntries, PeerAuthentications, AuthorizationPolicies on the
 * callers' service accounts (and the ServiceAccounts), local rate limits as the EnvoyFilter Istio
 * documents, and Telemetry. Workload selectors of what applies to one app (mTLS, rate limit,
 * telemetry) carry all the app's pod labels, so that one version of a Service is not mistaken for all.
 */
final class MeshEmitter {
  /** The annotation that records which Istio an EnvoyFilter was written for. */
  static final String ISTIO_VERSION_ANNOTATION = "portico.dev/istio-version";

  private MeshEmitter() {}

  static void emit(StackModel stack, List<Call> calls, List<Resource> out, List<Finding> findings) {
    if (!stack.hasMesh()) {
      return;
    }
    MeshModel mesh = stack.mesh();
    Map<Service, List<MeshRoute>> routes = new LinkedHashMap<>();
    for (MeshRoute route : mesh.routes()) {
      List<MeshRoute> earlier = routes.computeIfAbsent(route.service(), s -> new ArrayList<>());
      MeshRoute clash = earlier.stream().filter(other -> other.port().isEmpty() || route.port().isEmpty()
          || other.port().equals(route.port())).findFirst().orElse(null);
      if (clash != null) {
        findings.add(new Finding("mesh.route-duplicate", Severity.ERROR, route.location(),
            "VirtualService/" + stack.namespace() + "/" + route.service().name(), "spec.hosts[0]",
            "a second route for Service " + HttpNames.quote(route.service().name())
                + route.port().map(port -> " port " + port).orElse("") + "; the first is at " + clash.location()
                + ": declare all its rules in one mesh.route(...)"
                + (route.service().ports().size() > 1 ? ", or one mesh.route(service, port, ...) per port" : "")));
      } else {
        earlier.add(route);
      }
    }
    for (var entry : routes.entrySet()) {
      out.add(virtualService(stack, entry.getKey(), entry.getValue(), findings));
    }
    checkSubsetVersions(stack, mesh, findings);
    destinationRules(stack, mesh, out, findings);
    for (Mesh.External external : mesh.externals()) {
      out.add(serviceEntry(stack, external));
    }
    for (Mesh.Mtls mtls : mesh.mtls()) {
      out.add(peerAuthentication(stack, mtls));
    }
    authorizations(stack, calls, out);
    for (Mesh.Limit limit : mesh.rateLimits()) {
      checkRateLimit(stack, limit, findings);
      out.add(rateLimit(stack, mesh, limit));
    }
    for (MeshTelemetry telemetry : mesh.telemetry()) {
      out.add(telemetry(stack, telemetry));
    }
  }

  // ---- routes ---------------------------------------------------------------------------------

  /** One VirtualService for a Service's routes: a route of every port, or one route per port (its rules match the port). */
  private static Resource virtualService(StackModel stack, Service service, List<MeshRoute> routes,
      List<Finding> findings) {
    String object = "VirtualService/" + stack.namespace() + "/" + service.name();
    SourceLocator locator = new SourceLocator(routes.get(0).location());
    List<HTTPRoute> http = new ArrayList<>();
    for (MeshRoute route : routes) {
      Integer port = route.port().map(target -> servicePort(service, target, object, "spec.hosts[0]",
          route.location(), findings)).orElse(null);
      for (MeshRule rule : route.rules()) {
        String path = "spec.http[" + http.size() + "]";
        locator.put(path, rule.location());
        http.add(httpRoute(rule, service, port, object, path, findings));
      }
      if (route.rules().isEmpty() || route.rules().get(route.rules().size() - 1).match().isPresent()) {
        findings.add(new Finding("mesh.route-default", Severity.WARNING, route.location(), object, "spec.http",
            "requests for " + HttpNames.quote(service.name()) + (port == null ? "" : " on port " + port)
                + " that match no rule get 404; add a default rule (to(...) outside when(...))"));
      }
    }
    io.fabric8.istio.api.api.networking.v1alpha3.VirtualService spec =
        new io.fabric8.istio.api.api.networking.v1alpha3.VirtualService();
    spec.setHosts(new ArrayList<>(List.of(service.name())));
    spec.setHttp(http);
    VirtualService vs = new VirtualService();
    vs.setMetadata(meta(stack, service.name(), Map.of()));
    vs.setSpec(spec);
    return new Resource(vs, locator, stack.environment());
  }

  /** The number of {@code service}'s port that targets the app's {@code target}; null (and a finding) when none does. */
  private static Integer servicePort(Service service, Port target, String object, String path,
      dev.portico.dsl.SourceLocation location, List<Finding> findings) {
    for (ServicePort port : service.ports()) {
      if (port.target().isPresent() && port.target().get().equals(target)) {
        return port.port();
      }
    }
    findings.add(new Finding("mesh.route-port", Severity.ERROR, location, object, path, "no port of Service "
        + HttpNames.quote(service.name()) + " targets " + target + "; its ports: " + service.ports()
        + ": name the app Port one of them targets"));
    return null;
  }

  /**
   * One rule of a route; {@code port} (a number of {@code service}, or null) is the Service port the route
   * handles: the rule matches it, and destinations of {@code service} go to it.
   */
  static HTTPRoute httpRoute(MeshRule rule, Service service, Integer port, String object, String path,
      List<Finding> findings) {
    HTTPRoute http = new HTTPRoute();
    if (rule.match().isPresent() || port != null) {
      HTTPMatchRequest request = rule.match().map(MeshEmitter::match).orElseGet(HTTPMatchRequest::new);
      if (port != null) {
        request.setPort(port.longValue());
      }
      http.setMatch(new ArrayList<>(List.of(request)));
    }
    List<HTTPRouteDestination> destinations = new ArrayList<>();
    for (MeshRule.Destination destination : rule.destinations()) {
      destinations.add(new HTTPRouteDestination(destination(destination.service(), destination.subset(),
          destination.port(), destination.service().equals(service) ? port : null, object,
          path + ".route[" + destinations.size() + "].destination", rule, findings), null, destination.weight()));
    }
    http.setRoute(destinations.isEmpty() ? null : destinations);
    rule.timeout().ifPresent(timeout -> http.setTimeout(duration(timeout)));
    rule.retries().ifPresent(retries -> {
      HTTPRetry retry = new HTTPRetry();
      retry.setAttempts(retries.attempts());
      retries.perTryTimeout().ifPresent(timeout -> retry.setPerTryTimeout(duration(timeout)));
      retry.setRetryOn(retries.retryOn().isEmpty() ? null : String.join(",", retries.retryOn()));
      http.setRetries(retry);
    });
    if (!rule.faults().isEmpty()) {
      HTTPFaultInjection fault = new HTTPFaultInjection();
      for (Fault f : rule.faults()) {
        if (f instanceof Fault.Delay delay) {
          fault.setDelay(new HTTPFaultInjectionDelay(new HTTPFaultInjectionDelayFixedDelay(duration(delay.delay())),
              null, new Percent(delay.percent())));
        } else if (f instanceof Fault.Abort abort) {
          fault.setAbort(new HTTPFaultInjectionAbort(new HTTPFaultInjectionAbortHttpStatus(abort.status()),
              new Percent(abort.percent())));
        }
      }
      http.setFault(fault);
    }
    rule.mirror().ifPresent(mirror -> http.setMirrors(new ArrayList<>(List.of(new HTTPMirrorPolicy(
        destination(mirror.service(), mirror.subset(), null, mirror.service().equals(service) ? port : null, object,
            path + ".mirrors[0].destination", rule, findings),
        new Percent(mirror.percent()))))));
    rule.redirect().ifPresent(redirect -> {
      HTTPRedirect out = new HTTPRedirect();
      out.setUri(redirect.uri());
      out.setAuthority(redirect.authority());
      out.setRedirectCode((long) redirect.code());
      http.setRedirect(out);
    });
    rule.rewriteUri().ifPresent(uri -> http.setRewrite(new HTTPRewrite(null, uri, null)));
    return http;
  }

  static HTTPMatchRequest match(MeshMatch match) {
    HTTPMatchRequest request = new HTTPMatchRequest();
    if (match.uriType() != null) {
      request.setUri(switch (match.uriType()) {
        case PREFIX -> new StringMatch(new StringMatchPrefix(match.uri()));
        case EXACT -> new StringMatch(new StringMatchExact(match.uri()));
        case REGEX -> new StringMatch(new StringMatchRegex(match.uri()));
      });
    }
    if (!match.headers().isEmpty()) {
      Map<String, StringMatch> headers = new TreeMap<>();
      match.headers().forEach((name, value) -> headers.put(name, new StringMatch(new StringMatchExact(value))));
      request.setHeaders(headers);
    }
    return request;
  }

  /**
   * A destination by the Service's short name, on a port: the app {@code port} named for it, else the
   * route's {@code routePort}, else the Service's only port (then Istio needs none). A Service of several
   * ports with none of these is ambiguous (istioctl's IST0112): a finding points at the rule.
   */
  private static Destination destination(Service service, Subset subset, Port port, Integer routePort, String object,
      String path, MeshRule rule, List<Finding> findings) {
    Integer number = port != null ? servicePort(service, port, object, path + ".port", rule.location(), findings)
        : routePort;
    if (port == null && routePort == null && service.ports().size() > 1) {
      findings.add(new Finding("mesh.destination-port", Severity.ERROR, rule.location(), object, path,
          "Service " + HttpNames.quote(service.name()) + " has " + service.ports().size() + " ports "
              + service.ports() + ", and the destination names none (IST0112 "
              + "VirtualServiceDestinationPortSelectorRequired): route one port with mesh.route(service, port, ...), "
              + "or name the port, e.g. to(subset, port, weight)"));
    }
    return new Destination(service.name(), number == null ? null : new PortSelector(number.longValue()),
        subset == null ? null : subset.name());
  }

  /**
   * A subset named after a version ({@code version: <name>}) of an app that declares its versions must
   * be one of them: otherwise it selects no pods.
   */
  private static void checkSubsetVersions(StackModel stack, MeshModel mesh, List<Finding> findings) {
    for (Subset subset : mesh.subsets()) {
      App app = subset.service().app().orElse(null);
      if (app == null || app.versions().isEmpty()
          || !subset.labels().equals(Map.of(App.VERSION_LABEL, subset.name()))
          || app.versions().contains(subset.name())) {
        continue;
      }
      findings.add(new Finding("mesh.subset-version", Severity.ERROR, subset.location(),
          "DestinationRule/" + stack.namespace() + "/" + subset.service().name(), "spec.subsets",
          "subset " + HttpNames.quote(subset.name()) + " is not a version of app " + HttpNames.quote(app.name())
              + ", which declares " + app.versions() + ": add it to the app's versions(...) or pick one of them"));
    }
  }

  /**
   * An Istio (protobuf) duration: seconds with the fraction needed, e.g. "10s" or "0.5s". Exact to the
   * nanosecond, never rounded: a duration Istio rejects (under 1ms, or finer than ms) is rendered as
   * it is, for validation to report.
   */
  static String duration(Duration duration) {
    java.math.BigDecimal seconds = java.math.BigDecimal.valueOf(duration.getSeconds())
        .add(java.math.BigDecimal.valueOf(duration.getNano(), 9));
    return seconds.stripTrailingZeros().toPlainString() + "s";
  }

  // ---- destination rules ----------------------------------------------------------------------

  private static void destinationRules(StackModel stack, MeshModel mesh, List<Resource> out, List<Finding> findings) {
    Map<Service, List<Subset>> subsets = new LinkedHashMap<>();
    Map<Service, DestinationPolicy> policies = new LinkedHashMap<>();
    for (Subset subset : mesh.subsets()) {
      subsets.computeIfAbsent(subset.service(), s -> new ArrayList<>()).add(subset);
    }
    for (DestinationPolicy policy : mesh.policies()) {
      DestinationPolicy earlier = policies.putIfAbsent(policy.service(), policy);
      if (earlier != null) {
        findings.add(new Finding("mesh.policy-duplicate", Severity.ERROR, policy.location(),
            "DestinationRule/" + stack.namespace() + "/" + policy.service().name(), "spec.trafficPolicy",
            "a second policy for Service " + HttpNames.quote(policy.service().name()) + "; the first is at "
                + earlier.location() + ": declare it once"));
      }
      subsets.computeIfAbsent(policy.service(), s -> new ArrayList<>());
    }
    for (var entry : subsets.entrySet()) {
      Service service = entry.getKey();
      DestinationPolicy policy = policies.get(service);
      SourceLocator locator = new SourceLocator(policy != null ? policy.location()
          : entry.getValue().get(0).location());
      List<io.fabric8.istio.api.api.networking.v1alpha3.Subset> rendered = new ArrayList<>();
      for (Subset subset : entry.getValue()) {
        locator.put("spec.subsets[" + rendered.size() + "]", subset.location());
        rendered.add(new io.fabric8.istio.api.api.networking.v1alpha3.Subset(new TreeMap<>(subset.labels()),
            subset.name(), null));
      }
      io.fabric8.istio.api.api.networking.v1alpha3.DestinationRule spec =
          new io.fabric8.istio.api.api.networking.v1alpha3.DestinationRule();
      spec.setHost(service.name());
      spec.setSubsets(rendered.isEmpty() ? null : rendered);
      if (policy != null) {
        locator.put("spec.trafficPolicy", policy.location());
        spec.setTrafficPolicy(trafficPolicy(policy));
      }
      DestinationRule rule = new DestinationRule();
      rule.setMetadata(meta(stack, service.name(), Map.of()));
      rule.setSpec(spec);
      out.add(new Resource(rule, locator, stack.environment()));
    }
  }

  private static TrafficPolicy trafficPolicy(DestinationPolicy policy) {
    TrafficPolicy traffic = new TrafficPolicy();
    policy.loadBalancer().ifPresent(lb -> traffic.setLoadBalancer(loadBalancer(lb)));
    policy.connectionPool().ifPresent(pool -> {
      ConnectionPoolSettings settings = new ConnectionPoolSettings();
      if (pool.maxConnections() != null) {
        ConnectionPoolSettingsTCPSettings tcp = new ConnectionPoolSettingsTCPSettings();
        tcp.setMaxConnections(pool.maxConnections());
        settings.setTcp(tcp);
      }
      if (pool.maxPendingRequests() != null || pool.maxRequestsPerConnection() != null) {
        ConnectionPoolSettingsHTTPSettings httpSettings = new ConnectionPoolSettingsHTTPSettings();
        httpSettings.setHttp1MaxPendingRequests(pool.maxPendingRequests());
        httpSettings.setMaxRequestsPerConnection(pool.maxRequestsPerConnection());
        settings.setHttp(httpSettings);
      }
      traffic.setConnectionPool(settings);
    });
    policy.outlierDetection().ifPresent(detection -> {
      OutlierDetection outlier = new OutlierDetection();
      outlier.setConsecutive5xxErrors(detection.consecutive5xxErrors());
      outlier.setInterval(detection.interval() == null ? null : duration(detection.interval()));
      outlier.setBaseEjectionTime(detection.baseEjectionTime() == null ? null : duration(detection.baseEjectionTime()));
      outlier.setMaxEjectionPercent(detection.maxEjectionPercent());
      traffic.setOutlierDetection(outlier);
    });
    if (policy.istioMutualTls()) {
      ClientTLSSettings tls = new ClientTLSSettings();
      tls.setMode(ClientTLSSettingsTLSmode.ISTIO_MUTUAL);
      traffic.setTls(tls);
    }
    return traffic;
  }

  private static LoadBalancerSettings loadBalancer(LoadBalancer lb) {
    LoadBalancerSettings settings = new LoadBalancerSettings();
    if (lb instanceof LoadBalancer.Simple simple) {
      settings.setLbPolicy(new LoadBalancerSettingsSimple(LoadBalancerSettingsSimpleLB.valueOf(simple.policy())));
    } else if (lb instanceof LoadBalancer.ByHeader header) {
      LoadBalancerSettingsConsistentHashLB hash = new LoadBalancerSettingsConsistentHashLB();
      hash.setHashKey(new LoadBalancerSettingsConsistentHashLBHttpHeaderName(header.header()));
      settings.setLbPolicy(new LoadBalancerSettingsConsistentHash(hash));
    } else if (lb instanceof LoadBalancer.ByCookie cookie) {
      LoadBalancerSettingsConsistentHashLBHTTPCookie_ httpCookie = new LoadBalancerSettingsConsistentHashLBHTTPCookie_();
      httpCookie.setName(cookie.name());
      httpCookie.setTtl(duration(cookie.ttl()));
      LoadBalancerSettingsConsistentHashLB hash = new LoadBalancerSettingsConsistentHashLB();
      hash.setHashKey(new LoadBalancerSettingsConsistentHashLBHttpCookie(httpCookie));
      settings.setLbPolicy(new LoadBalancerSettingsConsistentHash(hash));
    }
    return settings;
  }

  // ---- external services, mTLS, authorization -------------------------------------------------

  private static Resource serviceEntry(StackModel stack, Mesh.External external) {
    SourceLocator locator = new SourceLocator(external.location());
    List<io.fabric8.istio.api.api.networking.v1alpha3.ServicePort> ports = new ArrayList<>();
    for (Port port : external.ports()) {
      String name = port.name().orElse(port.protocol().name().toLowerCase(java.util.Locale.ROOT) + "-" + port.number());
      String protocol = IstioProtocols.protocolOf(port.number(), name, port.protocol().name(),
          port.appProtocol().orElse(null)).orElse("TCP");
      locator.put("spec.ports[" + ports.size() + "]", port.location());
      ports.add(new io.fabric8.istio.api.api.networking.v1alpha3.ServicePort(name, (long) port.number(),
          protocol.toUpperCase(java.util.Locale.ROOT), null));
    }
    io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntry spec =
        new io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntry();
    spec.setHosts(new ArrayList<>(List.of(external.host())));
    spec.setPorts(ports);
    spec.setLocation(ServiceEntryLocation.MESH_EXTERNAL);
    spec.setResolution(ServiceEntryResolution.DNS);
    ServiceEntry entry = new ServiceEntry();
    entry.setMetadata(meta(stack, external.name(), Map.of()));
    entry.setSpec(spec);
    return new Resource(entry, locator, stack.environment());
  }

  private static Resource peerAuthentication(StackModel stack, Mesh.Mtls mtls) {
    io.fabric8.istio.api.api.security.v1beta1.PeerAuthentication spec =
        new io.fabric8.istio.api.api.security.v1beta1.PeerAuthentication();
    spec.setMtls(new PeerAuthenticationMutualTLS(PeerAuthenticationMutualTLSMode.valueOf(mtls.mode().name())));
    if (mtls.app() != null) {
      spec.setSelector(new WorkloadSelector(new TreeMap<>(mtls.app().labels())));
    }
    PeerAuthentication policy = new PeerAuthentication();
    policy.setMetadata(meta(stack, mtls.app() == null ? "default" : mtls.app().name(), Map.of()));
    policy.setSpec(spec);
    return new Resource(policy, new SourceLocator(mtls.location()), stack.environment());
  }

  /**
   * One ALLOW policy per app the stack isolates, on the principals of the calls into it that come from
   * the mesh (callers' service accounts, gateways with a mesh identity), named after the app; a
   * ServiceAccount for each calling app, which its pods must run as; the allow-nothing policy when the
   * stack denies by default. Calls from outside the mesh carry no principal: the analyzers report those.
   */
  private static void authorizations(StackModel stack, List<Call> calls, List<Resource> out) {
    Map<Map<String, String>, App> isolated = NetworkPolicyEmitter.isolated(stack, calls);
    Map<String, App> callers = new TreeMap<>();
    Map<Map<String, String>, List<Call>> into = new java.util.HashMap<>();
    for (Call call : calls) {
      if (call.kind() != Call.Kind.EGRESS && call.source().principal() != null
          && isolated.containsKey(call.target().selector())) {
        into.computeIfAbsent(call.target().selector(), k -> new ArrayList<>()).add(call);
      }
    }
    Map<App, String> names = NetworkPolicyEmitter.policyNames(stack);
    for (App app : stack.apps()) {
      if (isolated.get(app.selector()) != app) {
        continue;
      }
      TreeSet<String> principals = new TreeSet<>();
      dev.portico.dsl.SourceLocation first = null;
      for (Call call : into.getOrDefault(app.selector(), List.of())) {
        principals.add(call.source().principal());
        first = first == null ? call.location() : first;
      }
      if (principals.isEmpty()) {
        continue;
      }
      Source source = new Source();
      source.setPrincipals(new ArrayList<>(principals));
      io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicy spec =
          new io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicy();
      spec.setSelector(new WorkloadSelector(new TreeMap<>(app.selector())));
      spec.setAction(AuthorizationPolicyAction.ALLOW);
      spec.setRules(new ArrayList<>(List.of(new Rule(new ArrayList<>(List.of(new RuleFrom(source))), null, null))));
      AuthorizationPolicy policy = new AuthorizationPolicy();
      policy.setMetadata(meta(stack, names.get(app), Map.of()));
      policy.setSpec(spec);
      out.add(new Resource(policy, new SourceLocator(first), stack.environment()));
    }
    for (var allowed : stack.access().calls()) {
      for (App caller : allowed.callers()) {
        callers.putIfAbsent(caller.name(), caller);
      }
    }
    for (App caller : callers.values()) {
      ServiceAccount account = new ServiceAccount();
      account.setMetadata(meta(stack, caller.name(), Map.of()));
      out.add(new Resource(account, new SourceLocator(caller.location()), stack.environment()));
    }
    if (stack.access().denyByDefault()) {
      AuthorizationPolicy nothing = new AuthorizationPolicy();
      nothing.setMetadata(meta(stack, "allow-nothing", Map.of()));
      nothing.setSpec(new io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicy());
      out.add(new Resource(nothing, new SourceLocator(stack.location()), stack.environment()));
    }
  }

  // ---- rate limits and telemetry --------------------------------------------------------------

  static final String TOKEN_BUCKET = "spec.configPatches[0].patch.value.typed_config.value.token_bucket";

  /**
   * What Envoy's local rate limit accepts, which nothing else checks (Istio does not look inside an
   * EnvoyFilter's patch, and Envoy rejects the listener): {@code max_tokens} and {@code tokens_per_fill}
   * above 0, {@code fill_interval} at least 50ms.
   */
  private static void checkRateLimit(StackModel stack, Mesh.Limit limit, List<Finding> findings) {
    String object = "EnvoyFilter/" + stack.namespace() + "/" + limit.app().name() + "-local-rate-limit";
    RateLimit rate = limit.limit();
    if (rate.requests() < 1) {
      findings.add(new Finding("mesh.rate-limit", Severity.ERROR, limit.location(), object,
          TOKEN_BUCKET + ".tokens_per_fill", rate.requests() + " requests per interval must be at least 1"));
    }
    if (rate.burst() < 1) {
      findings.add(new Finding("mesh.rate-limit", Severity.ERROR, limit.location(), object,
          TOKEN_BUCKET + ".max_tokens", "a burst of " + rate.burst() + " must be at least 1"));
    }
    if (rate.per().compareTo(Duration.ofMillis(50)) < 0) {
      findings.add(new Finding("mesh.rate-limit", Severity.ERROR, limit.location(), object,
          TOKEN_BUCKET + ".fill_interval", HttpNames.quote(duration(rate.per())) + " is too short: Envoy refills "
              + "a local rate limit every 50ms at most; e.g. RateLimit.of(10).per(Duration.ofSeconds(1))"));
    }
  }

  /** Istio's documented local rate limit: Envoy's local_ratelimit HTTP filter on the app's inbound listener. */
  private static Resource rateLimit(StackModel stack, MeshModel mesh, Mesh.Limit limit) {
    Map<String, Object> tokenBucket = new LinkedHashMap<>();
    tokenBucket.put("max_tokens", limit.limit().burst());
    tokenBucket.put("tokens_per_fill", limit.limit().requests());
    tokenBucket.put("fill_interval", duration(limit.limit().per()));
    Map<String, Object> hundredPercent = Map.of("numerator", 100, "denominator", "HUNDRED");
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("stat_prefix", "http_local_rate_limiter");
    value.put("token_bucket", tokenBucket);
    value.put("filter_enabled", Map.of("runtime_key", "local_rate_limit_enabled", "default_value", hundredPercent));
    value.put("filter_enforced", Map.of("runtime_key", "local_rate_limit_enforced", "default_value", hundredPercent));
    value.put("response_headers_to_add", List.of(Map.of("append_action", "APPEND_IF_EXISTS_OR_ADD",
        "header", Map.of("key", "x-local-rate-limit", "value", "true"))));
    Map<String, Object> typedConfig = new LinkedHashMap<>();
    typedConfig.put("@type", "type.googleapis.com/udpa.type.v1.TypedStruct");
    typedConfig.put("type_url", "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit");
    typedConfig.put("value", value);
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("name", "envoy.filters.http.local_ratelimit");
    filter.put("typed_config", typedConfig);

    EnvoyFilterListenerMatch listener = new EnvoyFilterListenerMatch();
    listener.setFilterChain(new EnvoyFilterListenerMatchFilterChainMatch(null, null,
        new EnvoyFilterListenerMatchFilterMatch("envoy.filters.network.http_connection_manager", null), null, null,
        null));
    EnvoyFilterEnvoyConfigObjectMatch match = new EnvoyFilterEnvoyConfigObjectMatch(
        new EnvoyFilterEnvoyConfigObjectMatchListener(listener), EnvoyFilterPatchContext.SIDECAR_INBOUND, null);
    EnvoyFilterPatch patch = new EnvoyFilterPatch(null, EnvoyFilterPatchOperation.INSERT_BEFORE, filter);
    io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilter spec =
        new io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilter();
    spec.setWorkloadSelector(new io.fabric8.istio.api.api.networking.v1alpha3.WorkloadSelector(
        new TreeMap<>(limit.app().labels())));
    spec.setConfigPatches(new ArrayList<>(List.of(
        new EnvoyFilterEnvoyConfigObjectPatch(EnvoyFilterApplyTo.HTTP_FILTER, match, patch))));
    EnvoyFilter envoyFilter = new EnvoyFilter();
    envoyFilter.setMetadata(meta(stack, limit.app().name() + "-local-rate-limit",
        Map.of(ISTIO_VERSION_ANNOTATION, mesh.istioVersion())));
    envoyFilter.setSpec(spec);
    return new Resource(envoyFilter, new SourceLocator(limit.location()), stack.environment());
  }

  private static Resource telemetry(StackModel stack, MeshTelemetry telemetry) {
    io.fabric8.istio.api.api.telemetry.v1alpha1.Telemetry spec = new io.fabric8.istio.api.api.telemetry.v1alpha1.Telemetry();
    telemetry.app().ifPresent(app -> spec.setSelector(new WorkloadSelector(new TreeMap<>(app.labels()))));
    telemetry.accessLogging().ifPresent(enabled -> {
      AccessLogging logging = new AccessLogging();
      if (enabled) {
        logging.setProviders(new ArrayList<>(List.of(new ProviderRef("envoy"))));
      } else {
        logging.setDisabled(true);
      }
      spec.setAccessLogging(new ArrayList<>(List.of(logging)));
    });
    telemetry.tracingPercent().ifPresent(percent -> {
      Tracing tracing = new Tracing();
      tracing.setRandomSamplingPercentage(percent);
      spec.setTracing(new ArrayList<>(List.of(tracing)));
    });
    if (!telemetry.metricTags().isEmpty()) {
      Map<String, MetricsOverridesTagOverride> tags = new TreeMap<>();
      telemetry.metricTags().forEach((name, expression) -> tags.put(name,
          new MetricsOverridesTagOverride(MetricsOverridesTagOverrideOperation.UPSERT, expression)));
      MetricsOverrides overrides = new MetricsOverrides(null,
          new MetricSelector(new MetricSelectorMetric(MetricSelectorIstioMetric.ALL_METRICS), null), tags);
      Metrics metrics = new Metrics(new ArrayList<>(List.of(overrides)),
          new ArrayList<>(List.of(new ProviderRef("prometheus"))), null);
      spec.setMetrics(new ArrayList<>(List.of(metrics)));
    }
    Telemetry out = new Telemetry();
    out.setMetadata(meta(stack, telemetry.app().map(App::name).orElse("default"), Map.of()));
    out.setSpec(spec);
    return new Resource(out, new SourceLocator(telemetry.location()), stack.environment());
  }

  static ObjectMeta meta(StackModel stack, String name, Map<String, String> annotations) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(stack.namespace());
    meta.setAnnotations(annotations.isEmpty() ? null : new TreeMap<>(annotations));
    return meta;
  }
}
