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
  static final String TRUST_DOMAIN = "cluster.local";

  private MeshEmitter() {}

  static void emit(StackModel stack, List<Resource> out, List<Finding> findings) {
    MeshModel mesh = stack.mesh();
    if (mesh.isEmpty()) {
      return;
    }
    Map<Service, MeshRoute> routes = new LinkedHashMap<>();
    for (MeshRoute route : mesh.routes()) {
      MeshRoute earlier = routes.putIfAbsent(route.service(), route);
      if (earlier != null) {
        findings.add(new Finding("mesh.route-duplicate", Severity.ERROR, route.location(),
            "VirtualService/" + stack.namespace() + "/" + route.service().name(), "spec.hosts[0]",
            "a second route for Service " + HttpNames.quote(route.service().name()) + "; the first is at "
                + earlier.location() + ": declare all its rules in one mesh.route(...)"));
      } else {
        out.add(virtualService(stack, route, findings));
      }
    }
    destinationRules(stack, mesh, out, findings);
    for (Mesh.External external : mesh.externals()) {
      out.add(serviceEntry(stack, external));
    }
    for (Mesh.Mtls mtls : mesh.mtls()) {
      out.add(peerAuthentication(stack, mtls));
    }
    authorizations(stack, mesh, out, findings);
    for (Mesh.Limit limit : mesh.rateLimits()) {
      checkRateLimit(stack, limit, findings);
      out.add(rateLimit(stack, mesh, limit));
    }
    for (MeshTelemetry telemetry : mesh.telemetry()) {
      out.add(telemetry(stack, telemetry));
    }
  }

  // ---- routes ---------------------------------------------------------------------------------

  private static Resource virtualService(StackModel stack, MeshRoute route, List<Finding> findings) {
    String object = "VirtualService/" + stack.namespace() + "/" + route.service().name();
    SourceLocator locator = new SourceLocator(route.location());
    List<HTTPRoute> http = new ArrayList<>();
    for (MeshRule rule : route.rules()) {
      String path = "spec.http[" + http.size() + "]";
      locator.put(path, rule.location());
      http.add(httpRoute(rule, object, path, findings));
    }
    if (route.rules().isEmpty() || route.rules().get(route.rules().size() - 1).match().isPresent()) {
      findings.add(new Finding("mesh.route-default", Severity.WARNING, route.location(), object, "spec.http",
          "requests for " + HttpNames.quote(route.service().name()) + " that match no rule get 404; add a default "
              + "rule (to(...) outside when(...))"));
    }
    io.fabric8.istio.api.api.networking.v1alpha3.VirtualService spec =
        new io.fabric8.istio.api.api.networking.v1alpha3.VirtualService();
    spec.setHosts(new ArrayList<>(List.of(route.service().name())));
    spec.setHttp(http);
    VirtualService vs = new VirtualService();
    vs.setMetadata(meta(stack, route.service().name(), Map.of()));
    vs.setSpec(spec);
    return new Resource(vs, locator, stack.environment());
  }

  static HTTPRoute httpRoute(MeshRule rule, String object, String path, List<Finding> findings) {
    HTTPRoute http = new HTTPRoute();
    rule.match().ifPresent(match -> http.setMatch(new ArrayList<>(List.of(match(match)))));
    List<HTTPRouteDestination> destinations = new ArrayList<>();
    for (MeshRule.Destination destination : rule.destinations()) {
      destinations.add(new HTTPRouteDestination(destination(destination.service(), destination.subset(), object,
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
        destination(mirror.service(), mirror.subset(), object, path + ".mirrors[0].destination", rule, findings),
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
   * A destination by the Service's short name; its only port is implied, several need a choice Istio cannot guess.
   * A finding points at the rule that names the destination.
   */
  private static Destination destination(Service service, Subset subset, String object, String path, MeshRule rule,
      List<Finding> findings) {
    if (service.ports().size() > 1) {
      findings.add(new Finding("mesh.destination-port", Severity.ERROR, rule.location(), object, path, "Service " + HttpNames.quote(service.name()) + " has "
              + service.ports().size() + " ports, and a mesh destination needs one: route to a Service with one "
              + "port (Istio requires destination.port when a Service has several)"));
    }
    return new Destination(service.name(), null, subset == null ? null : subset.name());
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

  /** One ALLOW policy per callee on its callers' principals; the callers' ServiceAccounts; the allow-nothing policy. */
  private static void authorizations(StackModel stack, MeshModel mesh, List<Resource> out, List<Finding> findings) {
    Map<Service, TreeSet<String>> principals = new LinkedHashMap<>();
    Map<Service, Mesh.Authorization> first = new LinkedHashMap<>();
    Map<String, App> callers = new TreeMap<>();
    for (Mesh.Authorization authorization : mesh.authorizations()) {
      first.putIfAbsent(authorization.callee(), authorization);
      TreeSet<String> set = principals.computeIfAbsent(authorization.callee(), s -> new TreeSet<>());
      for (App caller : authorization.callers()) {
        set.add(TRUST_DOMAIN + "/ns/" + stack.namespace() + "/sa/" + caller.name());
        callers.putIfAbsent(caller.name(), caller);
      }
    }
    for (var entry : principals.entrySet()) {
      Service callee = entry.getKey();
      Mesh.Authorization declared = first.get(callee);
      String object = "AuthorizationPolicy/" + stack.namespace() + "/" + callee.name();
      if (callee.app().isEmpty()) {
        findings.add(new Finding("mesh.authorization-target", Severity.ERROR, declared.location(), object,
            "spec.selector", "Service " + HttpNames.quote(callee.name()) + " selects no pods (it has no app), so "
                + "there is nothing to authorize calls to"));
        continue;
      }
      Source source = new Source();
      source.setPrincipals(new ArrayList<>(entry.getValue()));
      io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicy spec =
          new io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicy();
      spec.setSelector(new WorkloadSelector(new TreeMap<>(callee.app().get().selector())));
      spec.setAction(AuthorizationPolicyAction.ALLOW);
      spec.setRules(new ArrayList<>(List.of(new Rule(new ArrayList<>(List.of(new RuleFrom(source))), null, null))));
      AuthorizationPolicy policy = new AuthorizationPolicy();
      policy.setMetadata(meta(stack, callee.name(), Map.of()));
      policy.setSpec(spec);
      out.add(new Resource(policy, new SourceLocator(declared.location()), stack.environment()));
    }
    for (App caller : callers.values()) {
      ServiceAccount account = new ServiceAccount();
      account.setMetadata(meta(stack, caller.name(), Map.of()));
      out.add(new Resource(account, new SourceLocator(caller.location()), stack.environment()));
    }
    if (mesh.defaultDeny()) {
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
