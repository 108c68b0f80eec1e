package dev.portico.synth.validate.istio;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettingsTLSmode;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHash;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLB;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpCookie;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBMaglev;
import io.fabric8.istio.api.api.networking.v1alpha3.LocalityLoadBalancerSetting;
import io.fabric8.istio.api.api.networking.v1alpha3.LocalityLoadBalancerSettingDistribute;
import io.fabric8.istio.api.api.networking.v1alpha3.LocalityLoadBalancerSettingFailover;
import io.fabric8.istio.api.api.networking.v1alpha3.OutlierDetection;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicyPortTrafficPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicyTunnelSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.WarmupConfiguration;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Istio DestinationRule as istio/istio's webhook validation accepts it: {@code ValidateDestinationRule}
 * in {@code pkg/config/validation/validation.go} with {@code validateTrafficPolicy},
 * {@code validateOutlierDetection}, {@code validateConnectionPool}, {@code validateLoadBalancer},
 * {@code validatePortTrafficPolicies}, {@code validateTunnelSettings}, {@code validateSubset},
 * {@code validateExportTo}, {@code validateWorkloadSelector}, and {@code agent.ValidateTLS} and
 * {@code agent.ValidateLocalityLbSetting}.
 *
 * <p>Beyond upstream, as warnings: certificate fields under tls mode ISTIO_MUTUAL, which Istio ignores
 * (it uses the mesh's own certificates). A traffic policy holding only retryBudget, newer than the
 * validation read, counts as not empty.
 */
final class DestinationRuleRules {
  /** {@code validateLoadBalancer}: the Maglev table size limit. */
  static final long MAGLEV_TABLE_MAX = 5_000_011L;
  /** The topology labels {@code ValidateLocalityLbSetting} refuses in failoverPriority beside failover. */
  static final List<String> TOPOLOGY_LABELS =
      List.of("topology.kubernetes.io/region", "topology.kubernetes.io/zone", "topology.istio.io/subzone");

  /** {@code validateConnectionPool}'s findings on a DestinationRule. */
  static final ConnectionPoolRules.Ids POOL =
      new ConnectionPoolRules.Ids("destinationrule.connection-pool", "destinationrule.duration");

  private DestinationRuleRules() {}

  static void check(Check check, DestinationRule rule) {
    MetadataRules.check(check, rule.getMetadata(), Formats::dns1123Subdomain);
    var spec = rule.getSpec();
    if (spec == null) {
      check.error("destinationrule.host", "spec", "spec is required, with the host the rule applies to");
      return;
    }
    String host = spec.getHost() == null ? "" : spec.getHost();
    for (String problem : IstioFormats.host(host)) {
      check.error("destinationrule.host", "spec.host", Messages.quote(host) + " " + problem);
    }
    trafficPolicy(check, "spec.trafficPolicy", spec.getTrafficPolicy());
    subsets(check, list(spec.getSubsets()));
    String namespace = rule.getMetadata() == null ? null : rule.getMetadata().getNamespace();
    IstioFormats.exportTo(check, "destinationrule.export-to", namespace, spec.getExportTo(), false,
        spec.getWorkloadSelector() != null);
    if (spec.getWorkloadSelector() != null) {
      IstioFormats.workloadSelector(check, "destinationrule.workload-selector", "spec.workloadSelector.matchLabels",
          spec.getWorkloadSelector().getMatchLabels());
    }
  }

  private static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : values;
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }

  private static long number(Number value) {
    return value == null ? 0 : value.longValue();
  }

  // ================================================================= subsets

  private static void subsets(Check check, List<Subset> subsets) {
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < subsets.size(); i++) {
      String path = "spec.subsets[" + i + "]";
      Subset subset = subsets.get(i);
      if (subset == null) {
        check.error("destinationrule.null-entry", path, "is null; a subset needs a name and labels");
        continue;
      }
      String name = subset.getName() == null ? "" : subset.getName();
      Integer earlier = names.putIfAbsent(name, i);
      if (earlier != null) {
        check.error("destinationrule.subset-duplicate", path + ".name", Messages.quote(name)
            + " is already the name of spec.subsets[" + earlier + "]; subset names must be unique");
      }
      if (name.isEmpty()) {
        check.error("destinationrule.subset-name", path + ".name", "is required: a DNS-1123 label such as \"v1\"");
      } else if (!IstioFormats.isDns1123Label(name)) {
        check.error("destinationrule.subset-name", path + ".name", Messages.quote(name) + " must be a DNS-1123 label ("
            + IstioFormats.LABEL_TEXT + ")" + Messages.tryInstead(name, Formats.suggestDns1123Label(name)));
      }
      IstioFormats.labels(check, "destinationrule.labels", path + ".labels", subset.getLabels());
      trafficPolicy(check, path + ".trafficPolicy", subset.getTrafficPolicy());
    }
  }

  // ================================================================= traffic policy

  /** {@code validateTrafficPolicy}. */
  private static void trafficPolicy(Check check, String path, TrafficPolicy policy) {
    if (policy == null) {
      return;
    }
    if (policy.getOutlierDetection() == null && policy.getConnectionPool() == null && policy.getLoadBalancer() == null
        && policy.getTls() == null && list(policy.getPortLevelSettings()).isEmpty() && policy.getTunnel() == null
        && policy.getProxyProtocol() == null && policy.getRetryBudget() == null) {
      check.error("destinationrule.traffic-policy-empty", path, "must set at least one field (loadBalancer, "
          + "connectionPool, outlierDetection, tls, portLevelSettings, tunnel or proxyProtocol), or be left out");
      return;
    }
    if (policy.getTunnel() != null && policy.getProxyProtocol() != null) {
      check.error("destinationrule.tunnel", path + ".tunnel", "cannot be combined with proxyProtocol; set only one");
      return;
    }
    outlierDetection(check, path + ".outlierDetection", policy.getOutlierDetection());
    ConnectionPoolRules.check(check, POOL, path + ".connectionPool", policy.getConnectionPool());
    loadBalancer(check, path + ".loadBalancer", policy.getLoadBalancer(), policy.getOutlierDetection() != null);
    tls(check, path + ".tls", policy.getTls());
    portLevelSettings(check, path + ".portLevelSettings", list(policy.getPortLevelSettings()));
    tunnel(check, path + ".tunnel", policy.getTunnel());
  }

  private static void portLevelSettings(Check check, String path, List<TrafficPolicyPortTrafficPolicy> settings) {
    for (int i = 0; i < settings.size(); i++) {
      String itemPath = path + "[" + i + "]";
      TrafficPolicyPortTrafficPolicy setting = settings.get(i);
      if (setting == null) {
        check.error("destinationrule.null-entry", itemPath, "is null; a port-level setting needs a port and a policy");
        continue;
      }
      if (setting.getPort() == null) {
        check.error("destinationrule.port-policy", itemPath + ".port", "is required: the port this policy applies "
            + "to, e.g. {number: 80}");
      }
      if (setting.getOutlierDetection() == null && setting.getConnectionPool() == null
          && setting.getLoadBalancer() == null && setting.getTls() == null) {
        check.error("destinationrule.port-policy", itemPath, "must set at least one of loadBalancer, connectionPool, "
            + "outlierDetection or tls for its port");
        continue;
      }
      outlierDetection(check, itemPath + ".outlierDetection", setting.getOutlierDetection());
      ConnectionPoolRules.check(check, POOL, itemPath + ".connectionPool", setting.getConnectionPool());
      loadBalancer(check, itemPath + ".loadBalancer", setting.getLoadBalancer(), setting.getOutlierDetection() != null);
      tls(check, itemPath + ".tls", setting.getTls());
    }
  }

  /** {@code validateTunnelSettings}. */
  private static void tunnel(Check check, String path, TrafficPolicyTunnelSettings tunnel) {
    if (tunnel == null) {
      return;
    }
    String protocol = tunnel.getProtocol();
    if (!isEmpty(protocol) && !protocol.equals("CONNECT") && !protocol.equals("POST")) {
      check.error("destinationrule.tunnel", path + ".protocol", Messages.quote(protocol)
          + " must be \"CONNECT\" or \"POST\"");
    }
    String target = tunnel.getTargetHost() == null ? "" : tunnel.getTargetHost();
    if (!IstioFormats.fqdn(target).isEmpty() && !IstioFormats.isIp(target)) {
      check.error("destinationrule.tunnel", path + ".targetHost", Messages.quote(target)
          + " must be a DNS name (e.g. \"proxy.example.com\") or an IP address");
    }
    for (String problem : IstioFormats.port(number(tunnel.getTargetPort()))) {
      check.error("destinationrule.tunnel", path + ".targetPort", number(tunnel.getTargetPort()) + " " + problem);
    }
  }

  /** {@code validateOutlierDetection}. */
  private static void outlierDetection(Check check, String path, OutlierDetection outlier) {
    if (outlier == null) {
      return;
    }
    duration(check, path + ".baseEjectionTime", outlier.getBaseEjectionTime());
    if (number(outlier.getConsecutiveErrors()) != 0) {
      check.warning("destinationrule.consecutive-errors-deprecated", path + ".consecutiveErrors",
          "is deprecated; use consecutive5xxErrors or consecutiveGatewayErrors");
    }
    boolean split = Boolean.TRUE.equals(outlier.getSplitExternalLocalOriginErrors());
    if (!split && number(outlier.getConsecutiveLocalOriginFailures()) > 0) {
      check.error("destinationrule.outlier-detection", path + ".consecutiveLocalOriginFailures",
          outlier.getConsecutiveLocalOriginFailures() + " has no effect unless splitExternalLocalOriginErrors is "
              + "true; set it, or drop consecutiveLocalOriginFailures");
    }
    duration(check, path + ".interval", outlier.getInterval());
    percent(check, path + ".maxEjectionPercent", outlier.getMaxEjectionPercent());
    percent(check, path + ".minHealthPercent", outlier.getMinHealthPercent());
  }

  private static void percent(Check check, String path, Integer value) {
    long percent = number(value);
    if (percent < 0 || percent > 100) {
      check.error("destinationrule.outlier-detection", path, percent + " must be a percentage from 0 to 100");
    }
  }

  /** {@code validateLoadBalancer}: cookie names, ring and Maglev settings, locality, warmup. */
  private static void loadBalancer(Check check, String path, LoadBalancerSettings settings, boolean outlier) {
    if (settings == null) {
      return;
    }
    if (settings.getLbPolicy() instanceof LoadBalancerSettingsConsistentHash hash && hash.getConsistentHash() != null) {
      LoadBalancerSettingsConsistentHashLB lb = hash.getConsistentHash();
      String base = path + ".consistentHash";
      if (lb.getHashKey() instanceof LoadBalancerSettingsConsistentHashLBHttpCookie cookie
          && (cookie.getHttpCookie() == null || isEmpty(cookie.getHttpCookie().getName()))) {
        check.error("destinationrule.load-balancer", base + ".httpCookie.name", "is required: the cookie to hash "
            + "on, e.g. \"user\"");
      }
      if (number(lb.getMinimumRingSize()) != 0) {
        check.warning("destinationrule.ring-size-deprecated", base + ".minimumRingSize", "is deprecated; use "
            + "ringHash: {minimumRingSize: " + lb.getMinimumRingSize() + "}");
        if (lb.getHashAlgorithm() != null) {
          check.error("destinationrule.load-balancer", base + ".minimumRingSize", lb.getMinimumRingSize()
              + " cannot be combined with ringHash or maglev; set the size inside the algorithm");
        }
      }
      if (lb.getHashAlgorithm() instanceof LoadBalancerSettingsConsistentHashLBMaglev maglev) {
        long size = maglev.getMaglev() == null ? 0 : number(maglev.getMaglev().getTableSize());
        String sizePath = base + ".maglev.tableSize";
        if (size == 0) {
          check.error("destinationrule.load-balancer", sizePath, "is required for maglev: a prime number below "
              + MAGLEV_TABLE_MAX + ", e.g. 65537");
        } else if (size >= MAGLEV_TABLE_MAX) {
          check.error("destinationrule.load-balancer", sizePath, size + " must be less than " + MAGLEV_TABLE_MAX);
        }
        if (size != 0 && !isPrime(size)) {
          check.error("destinationrule.load-balancer", sizePath, size + " must be a prime number (e.g. 65537)");
        }
      }
    }
    localityLb(check, path + ".localityLbSetting", settings.getLocalityLbSetting(), outlier);
    duration(check, path + ".warmupDurationSecs", settings.getWarmupDurationSecs());
    warmup(check, path + ".warmup", settings.getWarmup());
  }

  /** Envoy's {@code isPrime}, which {@code validateLoadBalancer} copies. */
  static boolean isPrime(long x) {
    if (x != 0 && x < 4) {
      return true;
    }
    if ((x & 1) == 0) {
      return false;
    }
    long limit = (long) Math.sqrt((double) x);
    for (long factor = 3; factor <= limit; factor += 2) {
      if (x % factor == 0) {
        return false;
      }
    }
    return true;
  }

  private static void warmup(Check check, String path, WarmupConfiguration warmup) {
    if (warmup == null) {
      return;
    }
    if (warmup.getDuration() == null) {
      check.error("destinationrule.warmup", path + ".duration", "is required: how long to ramp up new endpoints, "
          + "e.g. \"60s\"");
    } else {
      duration(check, path + ".duration", warmup.getDuration());
    }
    if (warmup.getMinimumPercent() != null && warmup.getMinimumPercent() > 100) {
      check.error("destinationrule.warmup", path + ".minimumPercent", Messages.quote(warmup.getMinimumPercent())
          + " must be at most 100");
    }
    if (warmup.getAggression() != null && warmup.getAggression() < 1) {
      check.error("destinationrule.warmup", path + ".aggression", Messages.quote(warmup.getAggression())
          + " must be at least 1");
    }
  }

  /** {@code agent.ValidateLocalityLbSetting}. */
  private static void localityLb(Check check, String path, LocalityLoadBalancerSetting lb, boolean outlier) {
    if (lb == null) {
      return;
    }
    List<LocalityLoadBalancerSettingDistribute> distribute = list(lb.getDistribute());
    List<LocalityLoadBalancerSettingFailover> failover = list(lb.getFailover());
    List<String> priority = list(lb.getFailoverPriority());
    if (!distribute.isEmpty() && !failover.isEmpty()) {
      check.error("destinationrule.locality-lb", path, "sets both distribute and failover; set only one");
      return;
    }
    if (!failover.isEmpty()) {
      for (int i = 0; i < priority.size(); i++) {
        if (priority.get(i) != null && TOPOLOGY_LABELS.contains(priority.get(i))) {
          check.error("destinationrule.locality-lb", path + ".failoverPriority[" + i + "]", Messages.quote(
              priority.get(i)) + " cannot be listed when failover is set; drop failover or this topology label");
          return;
        }
      }
    }
    List<String> sources = new ArrayList<>();
    for (int i = 0; i < distribute.size(); i++) {
      LocalityLoadBalancerSettingDistribute entry = distribute.get(i);
      if (entry == null) {
        check.error("destinationrule.null-entry", path + ".distribute[" + i + "]", "is null; give from and to");
        continue;
      }
      String itemPath = path + ".distribute[" + i + "]";
      sources.add(entry.getFrom() == null ? "" : entry.getFrom());
      long total = 0;
      Map<String, Long> to = new TreeMap<>();
      if (entry.getTo() != null) {
        entry.getTo().forEach((k, v) -> to.put(k == null ? "" : k, v));
      }
      for (var weight : to.entrySet()) {
        long value = number(weight.getValue());
        if (value <= 0 || value > 100) {
          check.error("destinationrule.locality-lb", itemPath + ".to[" + weight.getKey() + "]", value
              + " must be a weight from 1 to 100");
          return;
        }
        total += value;
      }
      if (total != 100) {
        check.error("destinationrule.locality-lb", itemPath + ".to", "weights add up to " + total
            + "; they must add up to 100");
        return;
      }
      String problem = localities(new ArrayList<>(to.keySet()));
      if (problem != null) {
        check.error("destinationrule.locality-lb", itemPath + ".to", problem);
      }
    }
    String problem = localities(sources);
    if (problem != null) {
      check.error("destinationrule.locality-lb", path + ".distribute", problem);
    }
    if ((!failover.isEmpty() || !priority.isEmpty()) && !outlier) {
      check.warning("destinationrule.locality-failover-outlier", path, "fails over only with outlier detection; "
          + "add outlierDetection to the same traffic policy");
    }
    for (int i = 0; i < failover.size(); i++) {
      LocalityLoadBalancerSettingFailover entry = failover.get(i);
      String itemPath = path + ".failover[" + i + "]";
      if (entry == null) {
        check.error("destinationrule.null-entry", itemPath, "is null; give from and to regions");
        continue;
      }
      String from = entry.getFrom() == null ? "" : entry.getFrom();
      String to = entry.getTo() == null ? "" : entry.getTo();
      if (from.equals(to)) {
        check.error("destinationrule.locality-lb", itemPath, "fails over from " + Messages.quote(from)
            + " to the same region; name two different regions");
      }
      if (from.contains("/") || to.contains("/")) {
        check.error("destinationrule.locality-lb", itemPath, "from " + Messages.quote(from) + " to "
            + Messages.quote(to) + " must name regions only (no zone after '/')");
      }
      if (from.contains("*") || to.contains("*")) {
        check.error("destinationrule.locality-lb", itemPath, "from " + Messages.quote(from) + " to "
            + Messages.quote(to) + " must name regions without the '*' wildcard");
      }
    }
  }

  /** {@code validateLocalities}: region[/zone[/subzone]], one trailing '*', no overlaps; the first problem or null. */
  private static String localities(List<String> localities) {
    Map<String, Map<String, Map<String, Boolean>>> seen = new HashMap<>();
    for (String locality : localities) {
      long stars = locality.chars().filter(c -> c == '*').count();
      if (stars > 1 || (stars == 1 && !locality.endsWith("*"))) {
        return Messages.quote(locality) + " may hold one '*' wildcard, at the end only";
      }
      String overlap = Messages.quote(locality) + " overlaps a locality listed before it";
      if (seen.containsKey("*")) {
        return overlap;
      }
      String[] items = locality.split("/", 3);
      if (locality.isEmpty() || List.of(items).contains("") || locality.endsWith("/")) {
        return Messages.quote(locality) + " must not have an empty region, zone or subzone";
      }
      String region = items[0];
      switch (items.length) {
        case 1 -> {
          if (seen.containsKey(region)) {
            return overlap;
          }
          seen.put(region, new HashMap<>(Map.of("*", new HashMap<>(Map.of("*", true)))));
        }
        case 2 -> {
          var zones = seen.get(region);
          if (zones != null) {
            if (zones.containsKey("*") || zones.containsKey(items[1])) {
              return overlap;
            }
            zones.put(items[1], new HashMap<>(Map.of("*", true)));
          } else {
            seen.put(region, new HashMap<>(Map.of(items[1], new HashMap<>(Map.of("*", true)))));
          }
        }
        default -> {
          var zones = seen.get(region);
          if (zones != null) {
            if (zones.containsKey("*")) {
              return overlap;
            }
            var subzones = zones.get(items[1]);
            if (subzones != null) {
              if (subzones.containsKey("*") || subzones.containsKey(items[2])) {
                return overlap;
              }
              subzones.put(items[2], true);
            } else {
              zones.put(items[1], new HashMap<>(Map.of(items[2], true)));
            }
          } else {
            seen.put(region, new HashMap<>(Map.of(items[1], new HashMap<>(Map.of(items[2], true)))));
          }
        }
      }
    }
    return null;
  }

  /** {@code agent.ValidateTLS}, plus a warning for certificates under ISTIO_MUTUAL, which ignores them. */
  private static void tls(Check check, String path, ClientTLSSettings tls) {
    if (tls == null) {
      return;
    }
    ClientTLSSettingsTLSmode mode = tls.getMode() == null ? ClientTLSSettingsTLSmode.DISABLE : tls.getMode();
    boolean insecure = Boolean.TRUE.equals(tls.getInsecureSkipVerify());
    boolean sans = tls.getSubjectAltNames() != null && !tls.getSubjectAltNames().isEmpty();
    if (insecure && mode == ClientTLSSettingsTLSmode.SIMPLE
        && (!isEmpty(tls.getCaCertificates()) || !isEmpty(tls.getCredentialName()) || sans)) {
      check.error("destinationrule.tls", path + ".insecureSkipVerify", "is true, so caCertificates, credentialName and "
          + "subjectAltNames must not be set (nothing is verified); drop them or insecureSkipVerify");
    }
    if (insecure && mode == ClientTLSSettingsTLSmode.MUTUAL && (!isEmpty(tls.getCaCertificates()) || sans)) {
      check.error("destinationrule.tls", path + ".insecureSkipVerify", "is true, so caCertificates and "
          + "subjectAltNames must not be set (the server is not verified); drop them or insecureSkipVerify");
    }
    if ((mode == ClientTLSSettingsTLSmode.SIMPLE || mode == ClientTLSSettingsTLSmode.MUTUAL)
        && !isEmpty(tls.getCredentialName())) {
      List<String> files = certificateFields(tls);
      if (!files.isEmpty()) {
        check.error("destinationrule.tls", path + ".credentialName", Messages.quote(tls.getCredentialName())
            + " cannot be combined with " + String.join(", ", files) + "; the credential Secret holds them");
      }
      return;
    }
    if (mode == ClientTLSSettingsTLSmode.MUTUAL) {
      if (isEmpty(tls.getClientCertificate())) {
        check.error("destinationrule.tls", path + ".clientCertificate", "is required for mode MUTUAL (or set "
            + "credentialName to a Secret holding the client certificate and key)");
      }
      if (isEmpty(tls.getPrivateKey())) {
        check.error("destinationrule.tls", path + ".privateKey", "is required for mode MUTUAL (or set credentialName "
            + "to a Secret holding the client certificate and key)");
      }
    }
    if (mode == ClientTLSSettingsTLSmode.ISTIO_MUTUAL) {
      List<String> files = certificateFields(tls);
      if (!isEmpty(tls.getCredentialName())) {
        files.add("credentialName");
      }
      if (!files.isEmpty()) {
        check.warning("destinationrule.tls-istio-mutual", path + ".mode", "\"ISTIO_MUTUAL\" uses the mesh's own "
            + "certificates, so " + String.join(", ", files) + (files.size() == 1 ? " is" : " are")
            + " ignored; drop " + (files.size() == 1 ? "it" : "them") + ", or use mode MUTUAL");
      }
    }
  }

  private static List<String> certificateFields(ClientTLSSettings tls) {
    List<String> files = new ArrayList<>();
    if (!isEmpty(tls.getClientCertificate())) {
      files.add("clientCertificate");
    }
    if (!isEmpty(tls.getPrivateKey())) {
      files.add("privateKey");
    }
    if (!isEmpty(tls.getCaCertificates())) {
      files.add("caCertificates");
    }
    if (!isEmpty(tls.getCaCrl())) {
      files.add("caCrl");
    }
    return files;
  }

  private static void duration(Check check, String path, String value) {
    if (value == null) {
      return;
    }
    for (String problem : IstioFormats.duration(value)) {
      check.error("destinationrule.duration", path, Messages.quote(value) + " " + problem);
    }
  }
}
