package dev.portico.synth.validate.istio;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterApplyTo;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterEnvoyConfigObjectMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterEnvoyConfigObjectMatchCluster;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterEnvoyConfigObjectMatchListener;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterEnvoyConfigObjectMatchRouteConfiguration;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterEnvoyConfigObjectPatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterListenerMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterListenerMatchFilterMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterPatch;
import io.fabric8.istio.api.api.networking.v1alpha3.EnvoyFilterPatchOperation;
import io.fabric8.istio.api.networking.v1alpha3.EnvoyFilter;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An Istio EnvoyFilter as istio/istio's webhook validation ({@code pkg/config/validation}) accepts it:
 * {@code ValidateEnvoyFilter} in {@code pkg/config/validation/envoyfilter/envoyfilter.go} (with
 * {@code ValidateAlphaWorkloadSelector}, {@code validateListenerMatchName} and the deprecated
 * filter names of {@code pkg/config/xds}), the dry-run check of {@code validateMetadata}, and the
 * CRD's rules (workloadSelector label values, "only one of targetRefs or workloadSelector", the
 * target reference fields).
 *
 * <p>Portico's own checks: every EnvoyFilter is version-sensitive (a warning that names the Istio
 * version of annotation {@value #ISTIO_VERSION_ANNOTATION}); patch operations that istiod skips for
 * their {@code applyTo} (after the {@code Apply*Patches} functions of
 * {@code pilot/pkg/networking/core/envoyfilter} and {@code pkg/bootstrap}); a filter with no
 * patches.
 */
final class EnvoyFilterRules {
  /** Portico's annotation recording the Istio version an EnvoyFilter was written for. */
  static final String ISTIO_VERSION_ANNOTATION = "portico.dev/istio-version";
  static final Pattern ISTIO_VERSION = Pattern.compile("[0-9]+\\.[0-9]+(\\.[0-9]+)?");
  static final IstioSecurityFormats.SelectorRules SELECTOR = new IstioSecurityFormats.SelectorRules(
      "envoyfilter.selector", "envoyfilter.selector-empty", "envoyfilter.selector-label");
  static final IstioSecurityFormats.TargetRules TARGET = new IstioSecurityFormats.TargetRules(
      "envoyfilter.target-exclusive", "envoyfilter.target-ref", null);
  /** CRD {@code maxProperties} of {@code workloadSelector.labels}. */
  static final int LABELS_MAX = 256;
  static final String HTTP_CONNECTION_MANAGER = "envoy.filters.network.http_connection_manager";
  static final Set<EnvoyFilterApplyTo> LISTENER_CLASS = EnumSet.of(EnvoyFilterApplyTo.LISTENER,
      EnvoyFilterApplyTo.FILTER_CHAIN, EnvoyFilterApplyTo.NETWORK_FILTER, EnvoyFilterApplyTo.HTTP_FILTER);
  static final Set<EnvoyFilterApplyTo> ROUTE_CLASS = EnumSet.of(EnvoyFilterApplyTo.ROUTE_CONFIGURATION,
      EnvoyFilterApplyTo.VIRTUAL_HOST, EnvoyFilterApplyTo.HTTP_ROUTE);
  /** The operations istiod applies for each {@code applyTo}; it skips any other. */
  static final Map<EnvoyFilterApplyTo, Set<EnvoyFilterPatchOperation>> OPERATIONS = operations();
  /** {@code xds.DeprecatedFilterNames}, deprecated name to canonical name. */
  static final Map<String, String> DEPRECATED_FILTER_NAMES = Map.ofEntries(
      Map.entry("envoy.buffer", "envoy.filters.http.buffer"),
      Map.entry("envoy.cors", "envoy.filters.http.cors"),
      Map.entry("envoy.csrf", "envoy.filters.http.csrf"),
      Map.entry("envoy.http_dynamo_filter", "envoy.filters.http.dynamo"),
      Map.entry("envoy.fault", "envoy.filters.http.fault"),
      Map.entry("envoy.grpc_http1_bridge", "envoy.filters.http.grpc_http1_bridge"),
      Map.entry("envoy.grpc_json_transcoder", "envoy.filters.http.grpc_json_transcoder"),
      Map.entry("envoy.grpc_web", "envoy.filters.http.grpc_web"),
      Map.entry("envoy.gzip", "envoy.filters.http.gzip"),
      Map.entry("envoy.health_check", "envoy.filters.http.health_check"),
      Map.entry("envoy.ip_tagging", "envoy.filters.http.ip_tagging"),
      Map.entry("envoy.lua", "envoy.filters.http.lua"),
      Map.entry("envoy.rate_limit", "envoy.filters.http.ratelimit"),
      Map.entry("envoy.router", "envoy.filters.http.router"),
      Map.entry("envoy.squash", "envoy.filters.http.squash"),
      Map.entry("envoy.listener.http_inspector", "envoy.filters.listener.http_inspector"),
      Map.entry("envoy.listener.original_dst", "envoy.filters.listener.original_dst"),
      Map.entry("envoy.listener.original_src", "envoy.filters.listener.original_src"),
      Map.entry("envoy.listener.proxy_protocol", "envoy.filters.listener.proxy_protocol"),
      Map.entry("envoy.listener.tls_inspector", "envoy.filters.listener.tls_inspector"),
      Map.entry("envoy.client_ssl_auth", "envoy.filters.network.client_ssl_auth"),
      Map.entry("envoy.http_connection_manager", HTTP_CONNECTION_MANAGER),
      Map.entry("envoy.mongo_proxy", "envoy.filters.network.mongo_proxy"),
      Map.entry("envoy.ratelimit", "envoy.filters.network.ratelimit"),
      Map.entry("envoy.redis_proxy", "envoy.filters.network.redis_proxy"),
      Map.entry("envoy.tcp_proxy", "envoy.filters.network.tcp_proxy"));

  private EnvoyFilterRules() {}

  private static Map<EnvoyFilterApplyTo, Set<EnvoyFilterPatchOperation>> operations() {
    var all = EnumSet.of(EnvoyFilterPatchOperation.ADD, EnvoyFilterPatchOperation.REMOVE,
        EnvoyFilterPatchOperation.MERGE, EnvoyFilterPatchOperation.INSERT_BEFORE, EnvoyFilterPatchOperation.INSERT_AFTER,
        EnvoyFilterPatchOperation.INSERT_FIRST, EnvoyFilterPatchOperation.REPLACE);
    var addRemoveMerge = EnumSet.of(EnvoyFilterPatchOperation.ADD, EnvoyFilterPatchOperation.REMOVE,
        EnvoyFilterPatchOperation.MERGE);
    Map<EnvoyFilterApplyTo, Set<EnvoyFilterPatchOperation>> map = new EnumMap<>(EnvoyFilterApplyTo.class);
    map.put(EnvoyFilterApplyTo.LISTENER, addRemoveMerge);
    map.put(EnvoyFilterApplyTo.FILTER_CHAIN, addRemoveMerge);
    map.put(EnvoyFilterApplyTo.NETWORK_FILTER, all);
    map.put(EnvoyFilterApplyTo.HTTP_FILTER, all);
    map.put(EnvoyFilterApplyTo.LISTENER_FILTER, all);
    map.put(EnvoyFilterApplyTo.ROUTE_CONFIGURATION, EnumSet.of(EnvoyFilterPatchOperation.MERGE));
    map.put(EnvoyFilterApplyTo.VIRTUAL_HOST, EnumSet.of(EnvoyFilterPatchOperation.ADD,
        EnvoyFilterPatchOperation.REMOVE, EnvoyFilterPatchOperation.MERGE, EnvoyFilterPatchOperation.REPLACE));
    map.put(EnvoyFilterApplyTo.HTTP_ROUTE, EnumSet.of(EnvoyFilterPatchOperation.ADD, EnvoyFilterPatchOperation.REMOVE,
        EnvoyFilterPatchOperation.MERGE, EnvoyFilterPatchOperation.INSERT_BEFORE, EnvoyFilterPatchOperation.INSERT_AFTER,
        EnvoyFilterPatchOperation.INSERT_FIRST));
    map.put(EnvoyFilterApplyTo.CLUSTER, addRemoveMerge);
    map.put(EnvoyFilterApplyTo.EXTENSION_CONFIG, EnumSet.of(EnvoyFilterPatchOperation.ADD));
    map.put(EnvoyFilterApplyTo.BOOTSTRAP, EnumSet.of(EnvoyFilterPatchOperation.MERGE));
    return map;
  }

  static void check(Check check, EnvoyFilter filter) {
    MetadataRules.check(check, filter.getMetadata(), Formats::dns1123Subdomain);
    IstioSecurityFormats.dryRunUnsupported(check, "envoyfilter.dry-run-annotation", "EnvoyFilter",
        filter.getMetadata());
    versionSensitive(check, filter);
    var spec = filter.getSpec();
    if (spec == null) {
      return;
    }
    boolean refs = spec.getTargetRefs() != null && !spec.getTargetRefs().isEmpty();
    IstioSecurityFormats.oneTarget(check, TARGET, "workloadSelector", spec.getWorkloadSelector() != null, false, refs);
    if (spec.getWorkloadSelector() != null) {
      IstioSecurityFormats.selector(check, SELECTOR, "spec.workloadSelector", "labels",
          spec.getWorkloadSelector().getLabels(), LABELS_MAX,
          "patches every workload in the namespace (like no workloadSelector)");
    }
    IstioSecurityFormats.targetRefs(check, TARGET, spec.getTargetRefs());
    List<EnvoyFilterEnvoyConfigObjectPatch> patches = spec.getConfigPatches() == null ? List.of()
        : spec.getConfigPatches();
    if (patches.isEmpty()) {
      check.warning("envoyfilter.no-patches", "spec.configPatches", "is empty, so this EnvoyFilter changes nothing; "
          + "add a patch (applyTo, match and patch) or delete the EnvoyFilter");
    }
    for (int i = 0; i < patches.size(); i++) {
      patch(check, "spec.configPatches[" + i + "]", patches.get(i));
    }
  }

  /**
   * Upstream's warning for every EnvoyFilter ("exposes internal implementation details that may
   * change at any time"), with the Istio version it targets when annotation
   * {@value #ISTIO_VERSION_ANNOTATION} records one.
   */
  private static void versionSensitive(Check check, EnvoyFilter filter) {
    String version = IstioSecurityFormats.annotation(filter.getMetadata(), ISTIO_VERSION_ANNOTATION);
    String risk = "EnvoyFilter patches the Envoy configuration Istio generates, an internal detail that may change "
        + "in any Istio release, so it can stop working or break traffic on upgrade";
    if (version == null) {
      check.warning("envoyfilter.version-sensitive", "metadata.annotations", risk + "; record the Istio version it "
          + "was written for in annotation " + ISTIO_VERSION_ANNOTATION + " (e.g. \"1.24\") and re-test it before "
          + "each Istio upgrade");
      return;
    }
    String path = "metadata.annotations[" + ISTIO_VERSION_ANNOTATION + "]";
    check.warning("envoyfilter.version-sensitive", path, risk + "; it targets Istio " + Messages.quote(version)
        + ": re-test it before upgrading Istio past that version");
    if (!ISTIO_VERSION.matcher(version).matches()) {
      String digits = version.replaceFirst("^[vV]", "");
      check.warning("envoyfilter.istio-version", path, Messages.quote(version)
          + " is not an Istio version; use MAJOR.MINOR or MAJOR.MINOR.PATCH, e.g. \"1.24\""
          + Messages.tryInstead(version, ISTIO_VERSION.matcher(digits).matches() ? digits : null));
    }
  }

  // ================================================================= patches

  private static void patch(Check check, String path, EnvoyFilterEnvoyConfigObjectPatch cp) {
    if (cp == null) {
      check.error("envoyfilter.patch-null", path, "is null; remove the empty entry");
      return;
    }
    EnvoyFilterApplyTo applyTo = cp.getApplyTo();
    if (applyTo == null || applyTo == EnvoyFilterApplyTo.INVALID) {
      check.error("envoyfilter.apply-to", path + ".applyTo", (applyTo == null ? "is required" : "\"INVALID\" is not "
          + "allowed") + ": where the patch applies, one of " + Messages.oneOf(applyToNames()));
      return;
    }
    EnvoyFilterPatch patch = cp.getPatch();
    if (patch == null) {
      check.error("envoyfilter.patch-required", path + ".patch", "is required: an operation (e.g. \"MERGE\") and, "
          + "except for REMOVE, a value");
      return;
    }
    EnvoyFilterPatchOperation operation = patch.getOperation();
    if (operation == null || operation == EnvoyFilterPatchOperation.INVALID) {
      check.error("envoyfilter.patch-operation", path + ".patch.operation", (operation == null ? "is required"
          : "\"INVALID\" is not allowed") + ": one of " + Messages.oneOf(operationNames()));
      return;
    }
    if (operation != EnvoyFilterPatchOperation.REMOVE && patch.getValue() == null) {
      check.error("envoyfilter.patch-value", path + ".patch.value", "is required with operation "
          + Messages.quote(operation.name()) + ": the Envoy configuration to " + operation.name().toLowerCase(
          java.util.Locale.ROOT).replace('_', ' ') + " (only REMOVE needs no value)");
      return;
    }
    EnvoyFilterEnvoyConfigObjectMatch match = cp.getMatch();
    String proxyVersion = match == null || match.getProxy() == null ? null : match.getProxy().getProxyVersion();
    if (proxyVersion != null && !proxyVersion.isEmpty()) {
      List<String> problems = IstioFormats.regex(proxyVersion);
      if (!problems.isEmpty()) {
        check.error("envoyfilter.proxy-version", path + ".match.proxy.proxyVersion", Messages.quote(proxyVersion)
            + " " + problems.get(0) + "; it is a regular expression over the proxy's Istio version, e.g. \"^1\\\\.24.*\"");
        return;
      }
    }
    if (!matchType(check, path, applyTo, match)) {
      return;
    }
    operationApplies(check, path, applyTo, operation, match);
    valueTypes(check, path + ".patch.value", patch.getValue());
  }

  /**
   * The "applyTo, match and patch all line up" switch: a listener-class applyTo matches a listener,
   * a route-class one a route configuration, CLUSTER a cluster; and the filter and sub-filter match
   * rules. False when checking this patch stops (upstream's {@code continue}).
   */
  private static boolean matchType(Check check, String path, EnvoyFilterApplyTo applyTo,
      EnvoyFilterEnvoyConfigObjectMatch match) {
    var objectTypes = match == null ? null : match.getObjectTypes();
    if (objectTypes == null) {
      return true;
    }
    String matchPath = path + ".match";
    if (LISTENER_CLASS.contains(applyTo)) {
      if (!(objectTypes instanceof EnvoyFilterEnvoyConfigObjectMatchListener listenerMatch)) {
        check.error("envoyfilter.match-type", matchPath, "matches a " + objectTypeName(objectTypes) + ", but applyTo "
            + Messages.quote(applyTo.name()) + " patches listener objects: use match.listener");
        return false;
      }
      return filterMatch(check, matchPath + ".listener.filterChain.filter", applyTo, listenerMatch.getListener());
    }
    if (ROUTE_CLASS.contains(applyTo)
        && !(objectTypes instanceof EnvoyFilterEnvoyConfigObjectMatchRouteConfiguration)) {
      check.error("envoyfilter.match-type", matchPath, "matches a " + objectTypeName(objectTypes) + ", but applyTo "
          + Messages.quote(applyTo.name()) + " patches HTTP route objects: use match.routeConfiguration");
    } else if (applyTo == EnvoyFilterApplyTo.CLUSTER
        && !(objectTypes instanceof EnvoyFilterEnvoyConfigObjectMatchCluster)) {
      check.error("envoyfilter.match-type", matchPath, "matches a " + objectTypeName(objectTypes) + ", but applyTo "
          + "\"CLUSTER\" patches clusters: use match.cluster");
    }
    return true;
  }

  private static String objectTypeName(Object objectTypes) {
    if (objectTypes instanceof EnvoyFilterEnvoyConfigObjectMatchListener) {
      return "listener";
    }
    if (objectTypes instanceof EnvoyFilterEnvoyConfigObjectMatchRouteConfiguration) {
      return "route configuration";
    }
    if (objectTypes instanceof EnvoyFilterEnvoyConfigObjectMatchCluster) {
      return "cluster";
    }
    return "different object";
  }

  private static boolean filterMatch(Check check, String path, EnvoyFilterApplyTo applyTo,
      EnvoyFilterListenerMatch listener) {
    EnvoyFilterListenerMatchFilterMatch filter = listener == null || listener.getFilterChain() == null ? null
        : listener.getFilterChain().getFilter();
    if (filter == null) {
      return true;
    }
    if (applyTo == EnvoyFilterApplyTo.LISTENER || applyTo == EnvoyFilterApplyTo.FILTER_CHAIN) {
      check.warning("envoyfilter.filter-match-ignored", path, "has no effect with applyTo "
          + Messages.quote(applyTo.name()) + ", which patches the whole " + (applyTo == EnvoyFilterApplyTo.LISTENER
          ? "listener" : "filter chain") + "; remove the filter match, or use NETWORK_FILTER or HTTP_FILTER");
    }
    String name = filter.getName() == null ? "" : filter.getName();
    if (name.isEmpty()) {
      check.error("envoyfilter.filter-name", path + ".name", "is required when matching a filter: the network "
          + "filter's name, e.g. \"" + HTTP_CONNECTION_MANAGER + "\"");
      return false;
    }
    var subFilter = filter.getSubFilter();
    if (subFilter != null) {
      if (applyTo != EnvoyFilterApplyTo.HTTP_FILTER) {
        check.error("envoyfilter.sub-filter", path + ".subFilter", "is only allowed with applyTo \"HTTP_FILTER\", not "
            + Messages.quote(applyTo.name()) + "; remove subFilter or patch HTTP_FILTER");
        return false;
      }
      if (!name.equals(HTTP_CONNECTION_MANAGER) && !name.equals("envoy.http_connection_manager")) {
        check.error("envoyfilter.sub-filter", path + ".name", Messages.quote(name) + " must be \""
            + HTTP_CONNECTION_MANAGER + "\" when a subFilter (an HTTP filter) is matched"
            + Messages.tryInstead(name, HTTP_CONNECTION_MANAGER));
        return false;
      }
      String subName = subFilter.getName() == null ? "" : subFilter.getName();
      if (subName.isEmpty()) {
        check.error("envoyfilter.sub-filter", path + ".subFilter.name", "is required: the HTTP filter's name, e.g. "
            + "\"envoy.filters.http.router\"");
        return false;
      }
    }
    deprecatedName(check, path + ".name", name);
    if (subFilter != null) {
      deprecatedName(check, path + ".subFilter.name", subFilter.getName());
    }
    return true;
  }

  /** {@code validateListenerMatchName}: deprecated filter names are a warning. */
  private static void deprecatedName(Check check, String path, String name) {
    String canonical = name == null ? null : DEPRECATED_FILTER_NAMES.get(name);
    if (canonical == null && "envoy.ext_authz".equals(name)) {
      canonical = path.endsWith("subFilter.name") ? "envoy.filters.http.ext_authz" : "envoy.filters.network.ext_authz";
    }
    if (canonical != null) {
      check.warning("envoyfilter.deprecated-filter-name", path, Messages.quote(name)
          + " is a deprecated filter name; Istio generates canonical names" + Messages.tryInstead(name, canonical));
    }
  }

  /**
   * Portico's warning for patches istiod skips: an operation its {@code applyTo} does not support,
   * or REMOVE/REPLACE of a filter without naming the filter to remove or replace.
   */
  private static void operationApplies(Check check, String path, EnvoyFilterApplyTo applyTo,
      EnvoyFilterPatchOperation operation, EnvoyFilterEnvoyConfigObjectMatch match) {
    Set<EnvoyFilterPatchOperation> supported = OPERATIONS.getOrDefault(applyTo, Set.of());
    String operationPath = path + ".patch.operation";
    if (!supported.contains(operation)) {
      check.warning("envoyfilter.operation-ignored", operationPath, Messages.quote(operation.name())
          + " is skipped by istiod for applyTo " + Messages.quote(applyTo.name()) + ", which supports "
          + Messages.oneOf(supported.stream().map(Enum::name).toList()));
      return;
    }
    boolean needsTarget = operation == EnvoyFilterPatchOperation.REMOVE || operation == EnvoyFilterPatchOperation.REPLACE;
    if (!needsTarget) {
      return;
    }
    EnvoyFilterListenerMatch listener = match != null
        && match.getObjectTypes() instanceof EnvoyFilterEnvoyConfigObjectMatchListener l ? l.getListener() : null;
    var filter = listener == null || listener.getFilterChain() == null ? null : listener.getFilterChain().getFilter();
    String missing = switch (applyTo) {
      case NETWORK_FILTER -> filter == null ? "match.listener.filterChain.filter.name" : null;
      case HTTP_FILTER -> filter == null || filter.getSubFilter() == null
          ? "match.listener.filterChain.filter.subFilter.name" : null;
      case LISTENER_FILTER -> listener == null || listener.getListenerFilter() == null
          || listener.getListenerFilter().isEmpty() ? "match.listener.listenerFilter" : null;
      default -> null;
    };
    if (missing != null) {
      check.warning("envoyfilter.operation-ignored", operationPath, Messages.quote(operation.name()) + " on "
          + applyTo.name() + " needs " + missing + " to pick the filter; without it istiod skips the patch");
    }
  }

  /**
   * The v2 hint of {@code BuildXDSObjectFromStruct}'s "referenced type unknown": Istio no longer
   * knows Envoy's v2 API types, so a typed config naming one is rejected.
   */
  private static void valueTypes(Check check, String path, Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
      for (var entry : sorted.entrySet()) {
        String childPath = path + "." + entry.getKey();
        if (entry.getKey().equals("@type") && entry.getValue() instanceof String type && type.contains(".v2.")) {
          check.error("envoyfilter.patch-value-type", childPath, Messages.quote(type) + " is an Envoy v2 API type, "
              + "which Istio no longer knows; use the v3 API type of the same extension (e.g. "
              + "\"type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua\" for Lua)");
        } else {
          valueTypes(check, childPath, entry.getValue());
        }
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        valueTypes(check, path + "[" + i + "]", list.get(i));
      }
    }
  }

  private static List<String> applyToNames() {
    return java.util.Arrays.stream(EnvoyFilterApplyTo.values()).filter(a -> a != EnvoyFilterApplyTo.INVALID)
        .map(Enum::name).toList();
  }

  private static List<String> operationNames() {
    return java.util.Arrays.stream(EnvoyFilterPatchOperation.values()).filter(o -> o != EnvoyFilterPatchOperation.INVALID)
        .map(Enum::name).toList();
  }
}
