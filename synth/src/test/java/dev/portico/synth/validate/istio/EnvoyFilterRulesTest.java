package dev.portico.synth.validate.istio;

import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.list;
import static dev.portico.synth.validate.istio.IstioPolicyTesting.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.Severity;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterApplyTo;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterClusterMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterEnvoyConfigObjectMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterEnvoyConfigObjectMatchCluster;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterEnvoyConfigObjectMatchListener;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterEnvoyConfigObjectMatchRouteConfiguration;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterEnvoyConfigObjectPatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterListenerMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterListenerMatchFilterChainMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterListenerMatchFilterMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterListenerMatchSubFilterMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterPatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterPatchContext;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterPatchOperation;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterProxyMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterRouteConfigurationMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.WorkloadSelector;
import io.fabric8.istio.api.api.type.v1beta1.PolicyTargetReference;
import io.fabric8.istio.api.networking.v1alpha3.EnvoyFilter;
import io.fabric8.istio.api.networking.v1alpha3.EnvoyFilterBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Field rules of an EnvoyFilter ({@link EnvoyFilterRules}), one table of rejected single mutations
 * of the valid baseline {@link #filter()} and one of accepted near misses. Every EnvoyFilter gets
 * the {@code envoyfilter.version-sensitive} warning, so near misses are checked for "that warning
 * and nothing else".
 */
class EnvoyFilterRulesTest {
  private static final String VERSION = "metadata.annotations[portico.dev/istio-version]";
  private static final String P0 = "spec.configPatches[0]";
  private static final String P1 = "spec.configPatches[1]";
  private static final String FILTER0 = P0 + ".match.listener.filterChain.filter";
  private static final String HCM = "envoy.filters.network.http_connection_manager";

  // ================================================================= the baseline

  /**
   * EnvoyFilter/shop/web-ratelimit for app=web, written for Istio 1.24: patch 0 inserts the local
   * rate-limit HTTP filter before the router of inbound HTTP listeners (Istio's documented local
   * rate limit); patch 1 merges a connect timeout into the outbound cluster of web.
   */
  static EnvoyFilter filter() {
    Map<String, Object> typedConfig = new LinkedHashMap<>();
    typedConfig.put("@type", "type.googleapis.com/udpa.type.v1.TypedStruct");
    typedConfig.put("type_url", "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit");
    typedConfig.put("value", Map.of("stat_prefix", "http_local_rate_limiter"));
    Map<String, Object> rateLimit = new LinkedHashMap<>();
    rateLimit.put("name", "envoy.filters.http.local_ratelimit");
    rateLimit.put("typed_config", typedConfig);

    WorkloadSelector selector = new WorkloadSelector();
    selector.setLabels(new HashMap<>(Map.of("app", "web")));

    return new EnvoyFilterBuilder()
        .withNewMetadata().withName("web-ratelimit").withNamespace("shop")
        .addToAnnotations("portico.dev/istio-version", "1.24").endMetadata()
        .withNewSpec()
        .withWorkloadSelector(selector)
        .withConfigPatches(
            patch(EnvoyFilterApplyTo.HTTP_FILTER, listenerMatch(EnvoyFilterPatchContext.SIDECAR_INBOUND,
                filterMatch(HCM, "envoy.filters.http.router")), EnvoyFilterPatchOperation.INSERT_BEFORE, rateLimit),
            patch(EnvoyFilterApplyTo.CLUSTER, clusterMatch("web.shop.svc.cluster.local"),
                EnvoyFilterPatchOperation.MERGE, new LinkedHashMap<>(Map.of("connect_timeout", "5s"))))
        .endSpec()
        .build();
  }

  static EnvoyFilter filter(Consumer<EnvoyFilter> mutation) {
    EnvoyFilter filter = filter();
    mutation.accept(filter);
    return filter;
  }

  static List<Finding> check(EnvoyFilter filter) {
    return IstioPolicyTesting.run(filter, EnvoyFilterRules::check);
  }

  static EnvoyFilterEnvoyConfigObjectPatch patch(EnvoyFilterApplyTo applyTo, EnvoyFilterEnvoyConfigObjectMatch match,
      EnvoyFilterPatchOperation operation, Object value) {
    return new EnvoyFilterEnvoyConfigObjectPatch(applyTo, match, new EnvoyFilterPatch(null, operation, value));
  }

  static EnvoyFilterListenerMatchFilterMatch filterMatch(String name, String subFilter) {
    return new EnvoyFilterListenerMatchFilterMatch(name,
        subFilter == null ? null : new EnvoyFilterListenerMatchSubFilterMatch(subFilter));
  }

  static EnvoyFilterEnvoyConfigObjectMatch listenerMatch(EnvoyFilterPatchContext context,
      EnvoyFilterListenerMatchFilterMatch filter) {
    EnvoyFilterListenerMatchFilterChainMatch chain = new EnvoyFilterListenerMatchFilterChainMatch();
    chain.setFilter(filter);
    EnvoyFilterListenerMatch listener = new EnvoyFilterListenerMatch();
    listener.setFilterChain(chain);
    return new EnvoyFilterEnvoyConfigObjectMatch(new EnvoyFilterEnvoyConfigObjectMatchListener(listener), context,
        null);
  }

  static EnvoyFilterEnvoyConfigObjectMatch clusterMatch(String service) {
    EnvoyFilterClusterMatch cluster = new EnvoyFilterClusterMatch();
    cluster.setService(service);
    return new EnvoyFilterEnvoyConfigObjectMatch(new EnvoyFilterEnvoyConfigObjectMatchCluster(cluster),
        EnvoyFilterPatchContext.SIDECAR_OUTBOUND, null);
  }

  static EnvoyFilterEnvoyConfigObjectMatch routeMatch(String name) {
    EnvoyFilterRouteConfigurationMatch route = new EnvoyFilterRouteConfigurationMatch();
    route.setName(name);
    return new EnvoyFilterEnvoyConfigObjectMatch(new EnvoyFilterEnvoyConfigObjectMatchRouteConfiguration(route),
        EnvoyFilterPatchContext.ANY, null);
  }

  private static io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilter spec(EnvoyFilter f) {
    return f.getSpec();
  }

  private static EnvoyFilterEnvoyConfigObjectPatch patch(EnvoyFilter f, int i) {
    return f.getSpec().getConfigPatches().get(i);
  }

  private static EnvoyFilterListenerMatchFilterMatch filter0(EnvoyFilter f) {
    return ((EnvoyFilterEnvoyConfigObjectMatchListener) patch(f, 0).getMatch().getObjectTypes()).getListener()
        .getFilterChain().getFilter();
  }

  private static Map<String, String> labels(EnvoyFilter f) {
    return f.getSpec().getWorkloadSelector().getLabels();
  }

  private static void only(EnvoyFilter f, EnvoyFilterEnvoyConfigObjectPatch patch) {
    f.getSpec().setConfigPatches(list(patch));
  }

  private static void proxyVersion(EnvoyFilter f, String regex) {
    EnvoyFilterProxyMatch proxy = new EnvoyFilterProxyMatch();
    proxy.setProxyVersion(regex);
    patch(f, 1).getMatch().setProxy(proxy);
  }

  private static void annotate(EnvoyFilter f, String key, String value) {
    f.getMetadata().getAnnotations().put(key, value);
  }

  private static PolicyTargetReference ref(String group, String kind, String name, String namespace) {
    PolicyTargetReference ref = new PolicyTargetReference();
    ref.setGroup(group);
    ref.setKind(kind);
    ref.setName(name);
    ref.setNamespace(namespace);
    return ref;
  }

  private static void targetRefsInstead(EnvoyFilter f, PolicyTargetReference... refs) {
    spec(f).setWorkloadSelector(null);
    spec(f).setTargetRefs(list(refs));
  }

  private static Arguments error(String name, String rule, String path, String text, Consumer<EnvoyFilter> mutation) {
    return IstioPolicyTesting.error(name, rule, path, text, mutation);
  }

  private static Arguments warning(String name, String rule, String path, String text, Consumer<EnvoyFilter> mutation) {
    return IstioPolicyTesting.warning(name, rule, path, text, mutation);
  }

  private static Arguments ok(String name, Consumer<EnvoyFilter> mutation) {
    return IstioPolicyTesting.ok(name, mutation);
  }

  // ================================================================= rejected inputs

  static Stream<Arguments> rejected() {
    return Stream.of(metadataAndTargets(), patchRows(), matchRows()).flatMap(s -> s);
  }

  private static Stream<Arguments> metadataAndTargets() {
    return Stream.of(
        error("name uppercase", "metadata.name", "metadata.name", q("Web"), f -> f.getMetadata().setName("Web")),
        error("dry-run annotation", "envoyfilter.dry-run-annotation", "metadata.annotations[istio.io/dry-run]",
            q("true") + " is not supported on an EnvoyFilter", f -> annotate(f, "istio.io/dry-run", "true")),
        warning("every EnvoyFilter is version-sensitive", "envoyfilter.version-sensitive", VERSION,
            "it targets Istio " + q("1.24") + ": re-test it before upgrading Istio", f -> { }),
        warning("version-sensitive names the risk", "envoyfilter.version-sensitive", VERSION,
            "may change in any Istio release", f -> { }),
        warning("version-sensitive without the annotation", "envoyfilter.version-sensitive", "metadata.annotations",
            "record the Istio version it was written for in annotation portico.dev/istio-version",
            f -> f.getMetadata().setAnnotations(null)),
        warning("istio version not a version", "envoyfilter.istio-version", VERSION,
            q("latest") + " is not an Istio version; use MAJOR.MINOR", f -> annotate(f, "portico.dev/istio-version",
                "latest")),
        warning("istio version with v", "envoyfilter.istio-version", VERSION, "try \"1.24\"",
            f -> annotate(f, "portico.dev/istio-version", "v1.24")),
        warning("istio version empty", "envoyfilter.istio-version", VERSION, "\"\" is not an Istio version",
            f -> annotate(f, "portico.dev/istio-version", "")),
        error("selector wildcard value", "envoyfilter.selector", "spec.workloadSelector.labels[app]", q("web*"),
            f -> labels(f).put("app", "web*")),
        error("selector empty key", "envoyfilter.selector", "spec.workloadSelector.labels[]", "label key \"\"",
            f -> labels(f).put("", "web")),
        error("selector 257 labels", "envoyfilter.selector", "spec.workloadSelector.labels",
            "257 labels are too many; at most 256", f -> {
              for (int i = 0; i < 256; i++) {
                labels(f).put("l" + i, "v");
              }
            }),
        warning("selector without labels", "envoyfilter.selector-empty", "spec.workloadSelector",
            "has no labels, so it patches every workload in the namespace",
            f -> spec(f).setWorkloadSelector(new WorkloadSelector())),
        warning("selector key not a label key", "envoyfilter.selector-label", "spec.workloadSelector.labels[app_]",
            q("app_"), f -> labels(f).put("app_", "web")),
        error("workloadSelector and targetRefs", "envoyfilter.target-exclusive", "spec.targetRefs",
            "must not be set together with workloadSelector",
            f -> spec(f).setTargetRefs(list(ref("gateway.networking.k8s.io", "Gateway", "ingress", null)))),
        error("targetRef without kind", "envoyfilter.target-ref", "spec.targetRefs[0].kind", "is required",
            f -> targetRefsInstead(f, ref("gateway.networking.k8s.io", "", "ingress", null))),
        error("targetRef bad kind", "envoyfilter.target-ref", "spec.targetRefs[0].kind", q("Gate_way") + " is not a kind",
            f -> targetRefsInstead(f, ref("gateway.networking.k8s.io", "Gate_way", "ingress", null))),
        error("targetRef bad group", "envoyfilter.target-ref", "spec.targetRefs[0].group",
            q("Gateway.Networking") + " is not an API group",
            f -> targetRefsInstead(f, ref("Gateway.Networking", "Gateway", "ingress", null))),
        error("targetRef namespace", "envoyfilter.target-ref", "spec.targetRefs[1].namespace", q("istio-system"),
            f -> targetRefsInstead(f, ref("gateway.networking.k8s.io", "Gateway", "a", null),
                ref("gateway.networking.k8s.io", "Gateway", "b", "istio-system"))),
        error("targetRef without name", "envoyfilter.target-ref", "spec.targetRefs[0].name", "is required",
            f -> targetRefsInstead(f, ref("gateway.networking.k8s.io", "GatewayClass", null, null))));
  }

  private static Stream<Arguments> patchRows() {
    Map<String, Object> v2 = new LinkedHashMap<>();
    v2.put("name", "envoy.filters.http.lua");
    v2.put("typed_config", new LinkedHashMap<>(Map.of("@type", "type.googleapis.com/envoy.config.filter.http.lua.v2.Lua",
        "inlineCode", "-- lua")));
    return Stream.of(
        warning("no patches", "envoyfilter.no-patches", "spec.configPatches", "is empty, so this EnvoyFilter changes "
            + "nothing", f -> spec(f).setConfigPatches(list())),
        error("patch null", "envoyfilter.patch-null", P1, "is null", f -> spec(f).getConfigPatches().set(1, null)),
        error("applyTo missing", "envoyfilter.apply-to", P1 + ".applyTo", "is required: where the patch applies, one of",
            f -> patch(f, 1).setApplyTo(null)),
        error("applyTo INVALID", "envoyfilter.apply-to", P1 + ".applyTo", "\"INVALID\" is not allowed",
            f -> patch(f, 1).setApplyTo(EnvoyFilterApplyTo.INVALID)),
        error("patch missing", "envoyfilter.patch-required", P1 + ".patch", "is required",
            f -> patch(f, 1).setPatch(null)),
        error("operation missing", "envoyfilter.patch-operation", P1 + ".patch.operation", "is required: one of",
            f -> patch(f, 1).getPatch().setOperation(null)),
        error("operation INVALID", "envoyfilter.patch-operation", P1 + ".patch.operation", "\"INVALID\" is not allowed",
            f -> patch(f, 1).getPatch().setOperation(EnvoyFilterPatchOperation.INVALID)),
        error("MERGE without value", "envoyfilter.patch-value", P1 + ".patch.value",
            "is required with operation " + q("MERGE"), f -> patch(f, 1).getPatch().setValue(null)),
        error("INSERT_BEFORE without value", "envoyfilter.patch-value", P0 + ".patch.value",
            "is required with operation " + q("INSERT_BEFORE") + ": the Envoy configuration to insert before",
            f -> patch(f, 0).getPatch().setValue(null)),
        error("proxyVersion unbalanced", "envoyfilter.proxy-version", P1 + ".match.proxy.proxyVersion",
            Messages.quote("^1\\.2(4") + " is not a valid regular expression (Unclosed group", f -> proxyVersion(f, "^1\\.2(4")),
        error("proxyVersion look-ahead", "envoyfilter.proxy-version", P1 + ".match.proxy.proxyVersion",
            "lookaround (?=, (?!, (?<=, (?<! is not supported", f -> proxyVersion(f, "^1(?=\\.24)")),
        error("proxyVersion back-reference", "envoyfilter.proxy-version", P1 + ".match.proxy.proxyVersion",
            "backreference \\1 is not supported", f -> proxyVersion(f, "(1)\\.\\1")),
        error("proxyVersion possessive", "envoyfilter.proxy-version", P1 + ".match.proxy.proxyVersion",
            "possessive quantifier", f -> proxyVersion(f, "^1.*+")),
        error("v2 typed config", "envoyfilter.patch-value-type", P0 + ".patch.value.typed_config.@type",
            q("type.googleapis.com/envoy.config.filter.http.lua.v2.Lua") + " is an Envoy v2 API type",
            f -> patch(f, 0).getPatch().setValue(v2)),
        error("v2 typed config in a list", "envoyfilter.patch-value-type",
            P1 + ".patch.value.filters[0].typed_config.@type", "is an Envoy v2 API type",
            f -> patch(f, 1).getPatch().setValue(Map.of("filters", List.of(Map.of("typed_config",
                Map.of("@type", "type.googleapis.com/envoy.config.filter.network.tcp_proxy.v2.TcpProxy")))))),
        warning("ADD on ROUTE_CONFIGURATION", "envoyfilter.operation-ignored", P0 + ".patch.operation",
            q("ADD") + " is skipped by istiod for applyTo " + q("ROUTE_CONFIGURATION") + ", which supports \"MERGE\"",
            f -> only(f, patch(EnvoyFilterApplyTo.ROUTE_CONFIGURATION, routeMatch("80"), EnvoyFilterPatchOperation.ADD,
                Map.of()))),
        warning("INSERT_BEFORE on CLUSTER", "envoyfilter.operation-ignored", P1 + ".patch.operation",
            q("INSERT_BEFORE") + " is skipped by istiod for applyTo " + q("CLUSTER"),
            f -> patch(f, 1).getPatch().setOperation(EnvoyFilterPatchOperation.INSERT_BEFORE)),
        warning("REPLACE on LISTENER", "envoyfilter.operation-ignored", P0 + ".patch.operation",
            q("REPLACE") + " is skipped by istiod for applyTo " + q("LISTENER"),
            f -> only(f, patch(EnvoyFilterApplyTo.LISTENER, null, EnvoyFilterPatchOperation.REPLACE, Map.of()))),
        warning("MERGE on EXTENSION_CONFIG", "envoyfilter.operation-ignored", P0 + ".patch.operation",
            "which supports \"ADD\"", f -> only(f, patch(EnvoyFilterApplyTo.EXTENSION_CONFIG, null,
                EnvoyFilterPatchOperation.MERGE, Map.of()))),
        warning("ADD on BOOTSTRAP", "envoyfilter.operation-ignored", P0 + ".patch.operation",
            q("ADD") + " is skipped by istiod for applyTo " + q("BOOTSTRAP"), f -> only(f,
                patch(EnvoyFilterApplyTo.BOOTSTRAP, null, EnvoyFilterPatchOperation.ADD, Map.of()))),
        warning("REPLACE on HTTP_ROUTE", "envoyfilter.operation-ignored", P0 + ".patch.operation",
            q("REPLACE") + " is skipped", f -> only(f, patch(EnvoyFilterApplyTo.HTTP_ROUTE, routeMatch("80"),
                EnvoyFilterPatchOperation.REPLACE, Map.of()))),
        warning("REMOVE of an HTTP filter without a subFilter", "envoyfilter.operation-ignored", P0 + ".patch.operation",
            q("REMOVE") + " on HTTP_FILTER needs match.listener.filterChain.filter.subFilter.name to pick the filter",
            f -> only(f, patch(EnvoyFilterApplyTo.HTTP_FILTER, listenerMatch(EnvoyFilterPatchContext.ANY,
                filterMatch(HCM, null)), EnvoyFilterPatchOperation.REMOVE, null))),
        warning("REPLACE of a network filter without a filter", "envoyfilter.operation-ignored", P0 + ".patch.operation",
            "needs match.listener.filterChain.filter.name", f -> only(f, patch(EnvoyFilterApplyTo.NETWORK_FILTER, null,
                EnvoyFilterPatchOperation.REPLACE, Map.of()))),
        warning("REMOVE of a listener filter without its name", "envoyfilter.operation-ignored", P0 + ".patch.operation",
            "needs match.listener.listenerFilter", f -> only(f, patch(EnvoyFilterApplyTo.LISTENER_FILTER, null,
                EnvoyFilterPatchOperation.REMOVE, null))));
  }

  private static Stream<Arguments> matchRows() {
    return Stream.of(
        error("HTTP_FILTER with a cluster match", "envoyfilter.match-type", P0 + ".match",
            "matches a cluster, but applyTo " + q("HTTP_FILTER") + " patches listener objects: use match.listener",
            f -> patch(f, 0).setMatch(clusterMatch("web"))),
        error("CLUSTER with a listener match", "envoyfilter.match-type", P1 + ".match",
            "matches a listener, but applyTo \"CLUSTER\" patches clusters: use match.cluster",
            f -> patch(f, 1).setMatch(listenerMatch(EnvoyFilterPatchContext.ANY, null))),
        error("HTTP_ROUTE with a cluster match", "envoyfilter.match-type", P0 + ".match",
            "applyTo " + q("HTTP_ROUTE") + " patches HTTP route objects: use match.routeConfiguration",
            f -> only(f, patch(EnvoyFilterApplyTo.HTTP_ROUTE, clusterMatch("web"), EnvoyFilterPatchOperation.MERGE,
                Map.of()))),
        error("VIRTUAL_HOST with a listener match", "envoyfilter.match-type", P0 + ".match", "matches a listener",
            f -> only(f, patch(EnvoyFilterApplyTo.VIRTUAL_HOST, listenerMatch(EnvoyFilterPatchContext.ANY, null),
                EnvoyFilterPatchOperation.MERGE, Map.of()))),
        warning("filter match with applyTo LISTENER", "envoyfilter.filter-match-ignored", FILTER0,
            "has no effect with applyTo " + q("LISTENER"), f -> only(f, patch(EnvoyFilterApplyTo.LISTENER,
                listenerMatch(EnvoyFilterPatchContext.ANY, filterMatch(HCM, null)), EnvoyFilterPatchOperation.MERGE,
                Map.of()))),
        warning("filter match with applyTo FILTER_CHAIN", "envoyfilter.filter-match-ignored", FILTER0,
            "patches the whole filter chain", f -> only(f, patch(EnvoyFilterApplyTo.FILTER_CHAIN,
                listenerMatch(EnvoyFilterPatchContext.ANY, filterMatch("envoy.filters.network.tcp_proxy", null)),
                EnvoyFilterPatchOperation.MERGE, Map.of()))),
        error("filter match without name", "envoyfilter.filter-name", FILTER0 + ".name",
            "is required when matching a filter", f -> filter0(f).setName("")),
        error("subFilter with NETWORK_FILTER", "envoyfilter.sub-filter", FILTER0 + ".subFilter",
            "is only allowed with applyTo \"HTTP_FILTER\", not " + q("NETWORK_FILTER"),
            f -> patch(f, 0).setApplyTo(EnvoyFilterApplyTo.NETWORK_FILTER)),
        error("subFilter under tcp_proxy", "envoyfilter.sub-filter", FILTER0 + ".name",
            q("envoy.filters.network.tcp_proxy") + " must be \"" + HCM + "\" when a subFilter",
            f -> filter0(f).setName("envoy.filters.network.tcp_proxy")),
        error("subFilter without name", "envoyfilter.sub-filter", FILTER0 + ".subFilter.name", "is required",
            f -> filter0(f).getSubFilter().setName(null)),
        warning("deprecated filter name", "envoyfilter.deprecated-filter-name", FILTER0 + ".name",
            q("envoy.http_connection_manager") + " is a deprecated filter name; Istio generates canonical names; try "
                + q(HCM), f -> filter0(f).setName("envoy.http_connection_manager")),
        warning("deprecated subFilter name", "envoyfilter.deprecated-filter-name", FILTER0 + ".subFilter.name",
            "try \"envoy.filters.http.router\"", f -> filter0(f).getSubFilter().setName("envoy.router")),
        warning("deprecated ext_authz as HTTP filter", "envoyfilter.deprecated-filter-name", FILTER0 + ".subFilter.name",
            "try \"envoy.filters.http.ext_authz\"", f -> filter0(f).getSubFilter().setName("envoy.ext_authz")),
        warning("deprecated ext_authz as network filter", "envoyfilter.deprecated-filter-name", FILTER0 + ".name",
            "try \"envoy.filters.network.ext_authz\"", f -> only(f, patch(EnvoyFilterApplyTo.NETWORK_FILTER,
                listenerMatch(EnvoyFilterPatchContext.ANY, filterMatch("envoy.ext_authz", null)),
                EnvoyFilterPatchOperation.MERGE, Map.of()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<EnvoyFilter> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(filter(mutation)), rule, severity, path, text);
  }

  // ================================================================= accepted near misses

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", f -> { }),
        ok("patch version annotation", f -> annotate(f, "portico.dev/istio-version", "1.24.3")),
        ok("no workloadSelector (namespace-wide)", f -> spec(f).setWorkloadSelector(null)),
        ok("targetRefs instead of workloadSelector", f -> targetRefsInstead(f,
            ref("gateway.networking.k8s.io", "Gateway", "ingress", null))),
        ok("targetRefs of any kind (no kind list for EnvoyFilter)", f -> targetRefsInstead(f,
            ref("gateway.networking.k8s.io", "GatewayClass", "istio", ""), ref("", "Service", "web", null))),
        ok("label value 63", f -> labels(f).put("app", "w".repeat(63))),
        ok("256 labels", f -> {
          for (int i = 0; i < 255; i++) {
            labels(f).put("l" + i, "v");
          }
        }),
        ok("REMOVE (its value is ignored)", f -> patch(f, 1).getPatch().setOperation(EnvoyFilterPatchOperation.REMOVE)),
        ok("REMOVE of an HTTP filter by subFilter", f -> {
          patch(f, 0).getPatch().setOperation(EnvoyFilterPatchOperation.REMOVE);
          patch(f, 0).getPatch().setValue(null);
        }),
        ok("REPLACE of an HTTP filter", f -> patch(f, 0).getPatch().setOperation(EnvoyFilterPatchOperation.REPLACE)),
        ok("every operation on HTTP_FILTER", f -> {
          List<EnvoyFilterEnvoyConfigObjectPatch> patches = new ArrayList<>();
          for (var operation : List.of(EnvoyFilterPatchOperation.ADD, EnvoyFilterPatchOperation.MERGE,
              EnvoyFilterPatchOperation.INSERT_FIRST, EnvoyFilterPatchOperation.INSERT_AFTER,
              EnvoyFilterPatchOperation.INSERT_BEFORE, EnvoyFilterPatchOperation.REPLACE,
              EnvoyFilterPatchOperation.REMOVE)) {
            patches.add(patch(EnvoyFilterApplyTo.HTTP_FILTER, listenerMatch(EnvoyFilterPatchContext.GATEWAY,
                filterMatch(HCM, "envoy.filters.http.cors")), operation, Map.of("name", "x")));
          }
          spec(f).setConfigPatches(patches);
        }),
        ok("INSERT_FIRST of an HTTP filter without subFilter", f -> only(f, patch(EnvoyFilterApplyTo.HTTP_FILTER,
            listenerMatch(EnvoyFilterPatchContext.ANY, filterMatch(HCM, null)), EnvoyFilterPatchOperation.INSERT_FIRST,
            Map.of("name", "x")))),
        ok("ADD of a network filter without a match", f -> only(f, patch(EnvoyFilterApplyTo.NETWORK_FILTER, null,
            EnvoyFilterPatchOperation.ADD, Map.of("name", "x")))),
        ok("listener filter REPLACE by name", f -> {
          EnvoyFilterListenerMatch listener = new EnvoyFilterListenerMatch();
          listener.setListenerFilter("envoy.filters.listener.tls_inspector");
          only(f, patch(EnvoyFilterApplyTo.LISTENER_FILTER, new EnvoyFilterEnvoyConfigObjectMatch(
              new EnvoyFilterEnvoyConfigObjectMatchListener(listener), EnvoyFilterPatchContext.ANY, null),
              EnvoyFilterPatchOperation.REPLACE, Map.of("name", "x")));
        }),
        ok("ROUTE_CONFIGURATION MERGE", f -> only(f, patch(EnvoyFilterApplyTo.ROUTE_CONFIGURATION, routeMatch("80"),
            EnvoyFilterPatchOperation.MERGE, Map.of()))),
        ok("VIRTUAL_HOST REPLACE", f -> only(f, patch(EnvoyFilterApplyTo.VIRTUAL_HOST, routeMatch("80"),
            EnvoyFilterPatchOperation.REPLACE, Map.of()))),
        ok("HTTP_ROUTE INSERT_FIRST", f -> only(f, patch(EnvoyFilterApplyTo.HTTP_ROUTE, routeMatch("80"),
            EnvoyFilterPatchOperation.INSERT_FIRST, Map.of()))),
        ok("CLUSTER ADD without match", f -> only(f, patch(EnvoyFilterApplyTo.CLUSTER, null,
            EnvoyFilterPatchOperation.ADD, Map.of("name", "extra")))),
        ok("EXTENSION_CONFIG ADD", f -> only(f, patch(EnvoyFilterApplyTo.EXTENSION_CONFIG, null,
            EnvoyFilterPatchOperation.ADD, Map.of("name", "x")))),
        ok("BOOTSTRAP MERGE", f -> only(f, patch(EnvoyFilterApplyTo.BOOTSTRAP, null, EnvoyFilterPatchOperation.MERGE,
            Map.of()))),
        ok("match with only a context", f -> patch(f, 1).setMatch(new EnvoyFilterEnvoyConfigObjectMatch(null,
            EnvoyFilterPatchContext.SIDECAR_OUTBOUND, null))),
        ok("listener match without a filter on LISTENER", f -> only(f, patch(EnvoyFilterApplyTo.LISTENER,
            listenerMatch(EnvoyFilterPatchContext.GATEWAY, null), EnvoyFilterPatchOperation.MERGE, Map.of()))),
        ok("proxyVersion regex", f -> proxyVersion(f, "^1\\.24.*")),
        ok("proxyVersion Go named group", f -> proxyVersion(f, "^(?P<major>1)\\.2[0-9]")),
        ok("proxyVersion with a class holding ( and +", f -> proxyVersion(f, "^1[(?=+]*")),
        ok("proxyVersion empty", f -> proxyVersion(f, "")),
        ok("v3 typed config", f -> patch(f, 1).getPatch().setValue(Map.of("typed_config",
            Map.of("@type", "type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua")))),
        ok("canonical filter names", f -> filter0(f).getSubFilter().setName("envoy.filters.http.ext_authz")),
        ok("priority", f -> spec(f).setPriority(-10)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<EnvoyFilter> mutation) {
    assertOnlyTheVersionWarning(check(filter(mutation)));
  }

  private static void assertOnlyTheVersionWarning(List<Finding> findings) {
    assertEquals(1, findings.size(), Fixtures.describe(findings));
    assertEquals("envoyfilter.version-sensitive", findings.get(0).rule(), Fixtures.describe(findings));
    assertEquals(Severity.WARNING, findings.get(0).severity());
  }

  // ================================================================= details

  @Test
  void everyRuleIdHasARejectedRow() {
    IstioPolicyTesting.assertEveryRuleIdHasARejectedRow("EnvoyFilterRules", "envoyfilter", rejected());
  }

  @Test
  void theBaselineHasOnlyTheVersionWarningThroughTheValidator() {
    assertOnlyTheVersionWarning(Fixtures.validate(filter()));
  }

  @Test
  void findingsComeOutOfTheValidator() {
    List<Finding> findings = Fixtures.validate(filter(f -> {
      patch(f, 1).getPatch().setValue(null);
      filter0(f).setName("envoy.filters.network.tcp_proxy");
    }));
    Finding value = assertFinding(findings, "envoyfilter.patch-value", Severity.ERROR, P1 + ".patch.value",
        q("MERGE"));
    assertEquals("EnvoyFilter/shop/web-ratelimit", value.object());
    assertTrue(value.format().endsWith("[envoyfilter.patch-value]"), value.format());
    assertFinding(findings, "envoyfilter.sub-filter", Severity.ERROR, FILTER0 + ".name", q("envoy.filters.network.tcp_proxy"));
    assertFinding(findings, "envoyfilter.version-sensitive", Severity.WARNING, VERSION, q("1.24"));
    assertEquals(3, findings.size(), Fixtures.describe(findings));
  }

  @Test
  void aPatchThatStopsEarlyIsNotCheckedFurther() {
    // upstream `continue`s after a missing patch value: the proxy version is not compiled
    List<Finding> findings = check(filter(f -> {
      patch(f, 1).getPatch().setValue(null);
      proxyVersion(f, "(");
    }));
    assertEquals(2, findings.size(), Fixtures.describe(findings));
  }

  @Test
  void aSingleMutationReportsOnlyItsRule() {
    rejected().forEach(a -> {
      @SuppressWarnings("unchecked")
      Consumer<EnvoyFilter> mutation = (Consumer<EnvoyFilter>) ((Named<?>) a.get()[0]).getPayload();
      String rule = (String) a.get()[1];
      for (Finding finding : check(filter(mutation))) {
        boolean version = finding.rule().equals("envoyfilter.version-sensitive");
        assertTrue(finding.rule().equals(rule) || version, () -> a.get()[0] + ": " + finding.format());
      }
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"^1\\.24", "1\\.2[0-9]+", "(?i)istio", "(?P<v>1)", "a{2,3}", "\\d+", "[[:digit:]]", "^$",
      "a|b", "(?:ab)*"})
  void re2AcceptsThese(String regex) {
    assertTrue(IstioFormats.regex(regex).isEmpty(), () -> regex + ": " + IstioFormats.regex(regex));
  }

  @ParameterizedTest
  @ValueSource(strings = {"(", "a)", "[a", "*a", "a**", "a++", "(?=a)", "(?!a)", "(?<=a)b", "(?<!a)b", "(?>a)", "(a)\\1",
      "\\k<x>", "a{2}+"})
  void re2RejectsThese(String regex) {
    assertTrue(!IstioFormats.regex(regex).isEmpty(), regex);
  }

  @Test
  void theInputIsNotChanged() {
    EnvoyFilter filter = filter(f -> filter0(f).setName(""));
    EnvoyFilter before = new EnvoyFilterBuilder(filter).build();
    check(filter);
    assertEquals(before, filter);
  }
}
