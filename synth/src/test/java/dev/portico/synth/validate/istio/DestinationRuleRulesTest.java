package dev.portico.synth.validate.istio;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.istio.IstioRuleTables.ok;
import static dev.portico.synth.validate.istio.IstioRuleTables.q;
import static dev.portico.synth.validate.istio.IstioRuleTables.reject;
import static dev.portico.synth.validate.istio.IstioRuleTables.warn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Severity;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ClientTLSSettingsTLSmode;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsHTTPSettingsH2UpgradePolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHash;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLB;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHTTPCookie_;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpCookie;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpHeaderName;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBMagLev_;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBMaglev;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBRingHash;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimple;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimpleLB;
import io.fabric8.istio.api.api.networking.v1alpha3.LocalityLoadBalancerSetting;
import io.fabric8.istio.api.api.networking.v1alpha3.LocalityLoadBalancerSettingDistribute;
import io.fabric8.istio.api.api.networking.v1alpha3.LocalityLoadBalancerSettingFailover;
import io.fabric8.istio.api.api.networking.v1alpha3.OutlierDetection;
import io.fabric8.istio.api.api.networking.v1alpha3.PortSelector;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicyPortTrafficPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicyProxyProtocol;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicyProxyProtocolVERSION;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicyRetryBudget;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicyTunnelSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.WarmupConfiguration;
import io.fabric8.istio.api.api.type.v1beta1.WorkloadSelector;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link DestinationRuleRules}: rejected single mutations of a valid baseline, and accepted near misses. */
class DestinationRuleRulesTest {
  private static final String TP = "spec.trafficPolicy";
  private static final String LB = TP + ".loadBalancer";
  private static final String POOL = TP + ".connectionPool";
  private static final String OUTLIER = TP + ".outlierDetection";
  private static final String PORT0 = TP + ".portLevelSettings[0]";
  private static final String HASH = PORT0 + ".loadBalancer.consistentHash";
  private static final String V2_HASH = "spec.subsets[1].trafficPolicy.loadBalancer.consistentHash";

  // ================================================================= the baseline

  /**
   * DestinationRule/shop/reviews for host reviews: least-request balancing, a connection pool, outlier
   * detection and ISTIO_MUTUAL TLS; port 9080 hashes on the cookie "user"; subsets v1, v2 (hashing
   * on header x-user with Maglev) and v3 by label version.
   */
  static DestinationRule destinationRule() {
    return new DestinationRuleBuilder()
        .withNewMetadata().withName("reviews").withNamespace("shop").endMetadata()
        .withNewSpec()
        .withHost("reviews")
        .withNewTrafficPolicy()
        .withNewLoadBalancer().withLbPolicy(new LoadBalancerSettingsSimple(LoadBalancerSettingsSimpleLB.LEAST_REQUEST))
        .endLoadBalancer()
        .withNewConnectionPool()
        .withNewTcp().withMaxConnections(100).withConnectTimeout("30ms").withNewTcpKeepalive().withTime("7200s")
        .withInterval("75s").endTcpKeepalive().endTcp()
        .withNewHttp().withHttp1MaxPendingRequests(10).withMaxRequestsPerConnection(1).withIdleTimeout("1h").endHttp()
        .endConnectionPool()
        .withNewOutlierDetection().withConsecutive5xxErrors(5).withInterval("10s").withBaseEjectionTime("30s")
        .withMaxEjectionPercent(50).endOutlierDetection()
        .withNewTls().withMode(ClientTLSSettingsTLSmode.ISTIO_MUTUAL).endTls()
        .addNewPortLevelSetting().withNewPort(9080L).withNewLoadBalancer().withLbPolicy(consistentHash(
            new LoadBalancerSettingsConsistentHashLB(null, new LoadBalancerSettingsConsistentHashLBHttpCookie(
                new LoadBalancerSettingsConsistentHashLBHTTPCookie_(null, "user", null, "0s")), null)))
        .endLoadBalancer().endPortLevelSetting()
        .endTrafficPolicy()
        .addNewSubset().withName("v1").addToLabels("version", "v1").endSubset()
        .addNewSubset().withName("v2").addToLabels("version", "v2").withNewTrafficPolicy().withNewLoadBalancer()
        .withLbPolicy(consistentHash(new LoadBalancerSettingsConsistentHashLB(
            new LoadBalancerSettingsConsistentHashLBMaglev(new LoadBalancerSettingsConsistentHashLBMagLev_(65_537L)),
            new LoadBalancerSettingsConsistentHashLBHttpHeaderName("x-user"), null)))
        .endLoadBalancer().endTrafficPolicy().endSubset()
        .addNewSubset().withName("v3").addToLabels("version", "v3").endSubset()
        .endSpec()
        .build();
  }

  static DestinationRule destinationRule(Consumer<DestinationRule> mutation) {
    DestinationRule rule = destinationRule();
    mutation.accept(rule);
    return rule;
  }

  static List<Finding> check(DestinationRule rule) {
    return IstioRuleTables.check(DestinationRuleRules::check, rule);
  }

  private static LoadBalancerSettingsConsistentHash consistentHash(LoadBalancerSettingsConsistentHashLB lb) {
    return new LoadBalancerSettingsConsistentHash(lb);
  }

  private static io.fabric8.istio.api.api.networking.v1alpha3.DestinationRule spec(DestinationRule r) {
    return r.getSpec();
  }

  private static TrafficPolicy policy(DestinationRule r) {
    return r.getSpec().getTrafficPolicy();
  }

  private static Subset subset(DestinationRule r, int i) {
    return r.getSpec().getSubsets().get(i);
  }

  private static OutlierDetection outlier(DestinationRule r) {
    return policy(r).getOutlierDetection();
  }

  private static ConnectionPoolSettings pool(DestinationRule r) {
    return policy(r).getConnectionPool();
  }

  private static ClientTLSSettings tls(DestinationRule r) {
    return policy(r).getTls();
  }

  private static LoadBalancerSettings lb(DestinationRule r) {
    return policy(r).getLoadBalancer();
  }

  private static TrafficPolicyPortTrafficPolicy portPolicy(DestinationRule r) {
    return policy(r).getPortLevelSettings().get(0);
  }

  private static LoadBalancerSettingsConsistentHashLB cookieHash(DestinationRule r) {
    return ((LoadBalancerSettingsConsistentHash) portPolicy(r).getLoadBalancer().getLbPolicy()).getConsistentHash();
  }

  private static LoadBalancerSettingsConsistentHashLB v2Hash(DestinationRule r) {
    return ((LoadBalancerSettingsConsistentHash) subset(r, 1).getTrafficPolicy().getLoadBalancer().getLbPolicy())
        .getConsistentHash();
  }

  private static void maglev(DestinationRule r, Long size) {
    v2Hash(r).setHashAlgorithm(new LoadBalancerSettingsConsistentHashLBMaglev(
        new LoadBalancerSettingsConsistentHashLBMagLev_(size)));
  }

  private static ClientTLSSettings mutual(DestinationRule r) {
    ClientTLSSettings tls = tls(r);
    tls.setMode(ClientTLSSettingsTLSmode.MUTUAL);
    tls.setClientCertificate("/etc/certs/client.pem");
    tls.setPrivateKey("/etc/certs/key.pem");
    return tls;
  }

  private static LocalityLoadBalancerSetting locality(DestinationRule r) {
    LocalityLoadBalancerSetting setting = new LocalityLoadBalancerSetting();
    lb(r).setLocalityLbSetting(setting);
    return setting;
  }

  private static LocalityLoadBalancerSettingDistribute distribute(String from, Map<String, Long> to) {
    return new LocalityLoadBalancerSettingDistribute(from, new LinkedHashMap<>(to));
  }

  private static void distributions(DestinationRule r, LocalityLoadBalancerSettingDistribute... entries) {
    locality(r).setDistribute(new ArrayList<>(List.of(entries)));
  }

  private static void failover(DestinationRule r, String from, String to) {
    locality(r).setFailover(new ArrayList<>(List.of(new LocalityLoadBalancerSettingFailover(from, to))));
  }

  private static TrafficPolicyTunnelSettings tunnel(DestinationRule r) {
    TrafficPolicyTunnelSettings tunnel = new TrafficPolicyTunnelSettings("CONNECT", "proxy.example.com", 8080L);
    policy(r).setTunnel(tunnel);
    return tunnel;
  }

  // ================================================================= rejected inputs

  static Stream<Arguments> rejected() {
    return Stream.of(hostAndSubsets(), policies(), loadBalancing(), tlsSettings()).flatMap(s -> s);
  }

  private static Stream<Arguments> hostAndSubsets() {
    return Stream.<Arguments>of(
        reject("name with underscore", "metadata.name", "metadata.name", q("reviews_dr"),
            (DestinationRule r) -> r.getMetadata().setName("reviews_dr")),
        reject("spec missing", "destinationrule.host", "spec", "spec is required", (DestinationRule r) -> r.setSpec(null)),
        reject("host missing", "destinationrule.host", "spec.host", q("") + " is empty",
            (DestinationRule r) -> spec(r).setHost(null)),
        reject("host invalid", "destinationrule.host", "spec.host", q("reviews_v1") + " has an invalid label",
            (DestinationRule r) -> spec(r).setHost("reviews_v1")),
        reject("host numeric top-level domain", "destinationrule.host", "spec.host", q("10.0.0.1"),
            (DestinationRule r) -> spec(r).setHost("10.0.0.1")),
        reject("host wildcard inside", "destinationrule.host", "spec.host", q("reviews.*.svc"),
            (DestinationRule r) -> spec(r).setHost("reviews.*.svc")),
        reject("subset name missing", "destinationrule.subset-name", "spec.subsets[0].name", "is required",
            (DestinationRule r) -> subset(r, 0).setName(null)),
        reject("subset name with a dot", "destinationrule.subset-name", "spec.subsets[1].name",
            q("v2.1") + " must be a DNS-1123 label", (DestinationRule r) -> subset(r, 1).setName("v2.1")),
        reject("subset name suggestion", "destinationrule.subset-name", "spec.subsets[1].name", "try " + q("v2-1"),
            (DestinationRule r) -> subset(r, 1).setName("v2.1")),
        reject("subset name 64 characters", "destinationrule.subset-name", "spec.subsets[0].name", q("v".repeat(64)),
            (DestinationRule r) -> subset(r, 0).setName("v".repeat(64))),
        reject("subset name duplicate", "destinationrule.subset-duplicate", "spec.subsets[2].name",
            q("v1") + " is already the name of spec.subsets[0]", (DestinationRule r) -> subset(r, 2).setName("v1")),
        reject("subset label key invalid", "destinationrule.labels", "spec.subsets[0].labels[app version]",
            "label key " + q("app version"), (DestinationRule r) -> subset(r, 0).getLabels().put("app version", "1")),
        reject("subset label value invalid", "destinationrule.labels", "spec.subsets[0].labels[version]",
            "label value " + q("v1!"), (DestinationRule r) -> subset(r, 0).getLabels().put("version", "v1!")),
        reject("null subset", "destinationrule.null-entry", "spec.subsets[3]", "is null",
            (DestinationRule r) -> spec(r).getSubsets().add(null)),
        reject("export to bad namespace", "destinationrule.export-to", "spec.exportTo[0]", q("other_ns"),
            (DestinationRule r) -> spec(r).setExportTo(new ArrayList<>(List.of("other_ns")))),
        reject("export with a selector beyond the namespace", "destinationrule.export-to", "spec.exportTo",
            "exports beyond the DestinationRule's own namespace", (DestinationRule r) -> {
              spec(r).setWorkloadSelector(new WorkloadSelector(new HashMap<>(Map.of("app", "productpage"))));
              spec(r).setExportTo(new ArrayList<>(List.of("*")));
            }),
        reject("export with a selector to several", "destinationrule.export-to", "spec.exportTo", "has several entries",
            (DestinationRule r) -> {
              spec(r).setWorkloadSelector(new WorkloadSelector(new HashMap<>(Map.of("app", "productpage"))));
              spec(r).setExportTo(new ArrayList<>(List.of(".", "other")));
            }),
        reject("selector wildcard", "destinationrule.workload-selector", "spec.workloadSelector.matchLabels[app]",
            q("app=product*"), (DestinationRule r) -> spec(r).setWorkloadSelector(new WorkloadSelector(
                new HashMap<>(Map.of("app", "product*"))))),
        reject("selector empty key", "destinationrule.workload-selector", "spec.workloadSelector.matchLabels[]",
            "empty label key", (DestinationRule r) -> spec(r).setWorkloadSelector(new WorkloadSelector(
                new HashMap<>(Map.of("", "x"))))),
        warn("selector without labels", "destinationrule.workload-selector", "spec.workloadSelector.matchLabels",
            "selects every workload", (DestinationRule r) -> spec(r).setWorkloadSelector(new WorkloadSelector())));
  }

  private static Stream<Arguments> policies() {
    return Stream.<Arguments>of(
        reject("traffic policy empty", "destinationrule.traffic-policy-empty", TP, "must set at least one field",
            (DestinationRule r) -> spec(r).setTrafficPolicy(new TrafficPolicy())),
        reject("subset traffic policy empty", "destinationrule.traffic-policy-empty", "spec.subsets[0].trafficPolicy",
            "at least one field", (DestinationRule r) -> subset(r, 0).setTrafficPolicy(new TrafficPolicy())),
        reject("tunnel with proxy protocol", "destinationrule.tunnel", TP + ".tunnel", "cannot be combined with "
            + "proxyProtocol", (DestinationRule r) -> {
              tunnel(r);
              policy(r).setProxyProtocol(new TrafficPolicyProxyProtocol(TrafficPolicyProxyProtocolVERSION.V1));
            }),
        reject("tunnel protocol", "destinationrule.tunnel", TP + ".tunnel.protocol", q("connect")
            + " must be \"CONNECT\" or \"POST\"", (DestinationRule r) -> tunnel(r).setProtocol("connect")),
        reject("tunnel target host", "destinationrule.tunnel", TP + ".tunnel.targetHost", q("proxy_1.example.com"),
            (DestinationRule r) -> tunnel(r).setTargetHost("proxy_1.example.com")),
        reject("tunnel target host missing", "destinationrule.tunnel", TP + ".tunnel.targetHost", q(""),
            (DestinationRule r) -> tunnel(r).setTargetHost(null)),
        reject("tunnel target port", "destinationrule.tunnel", TP + ".tunnel.targetPort", "0 must be a port number",
            (DestinationRule r) -> tunnel(r).setTargetPort(null)),
        // ---- outlier detection
        reject("base ejection time below 1ms", "destinationrule.duration", OUTLIER + ".baseEjectionTime",
            q("100us") + " must be at least 1ms", (DestinationRule r) -> outlier(r).setBaseEjectionTime("100us")),
        reject("interval unparsable", "destinationrule.duration", OUTLIER + ".interval", q("10 seconds"),
            (DestinationRule r) -> outlier(r).setInterval("10 seconds")),
        reject("interval sub-millisecond", "destinationrule.duration", OUTLIER + ".interval",
            q("1.0001s") + " must be a whole number of milliseconds", (DestinationRule r) -> outlier(r).setInterval(
                "1.0001s")),
        reject("max ejection over 100", "destinationrule.outlier-detection", OUTLIER + ".maxEjectionPercent",
            "101 must be a percentage from 0 to 100", (DestinationRule r) -> outlier(r).setMaxEjectionPercent(101)),
        reject("min health negative", "destinationrule.outlier-detection", OUTLIER + ".minHealthPercent", "-1",
            (DestinationRule r) -> outlier(r).setMinHealthPercent(-1)),
        reject("local-origin failures without split", "destinationrule.outlier-detection",
            OUTLIER + ".consecutiveLocalOriginFailures", "5 has no effect unless splitExternalLocalOriginErrors",
            (DestinationRule r) -> outlier(r).setConsecutiveLocalOriginFailures(5)),
        warn("consecutive errors deprecated", "destinationrule.consecutive-errors-deprecated",
            OUTLIER + ".consecutiveErrors", "consecutive5xxErrors", (DestinationRule r) -> outlier(r)
                .setConsecutiveErrors(5)),
        // ---- connection pool
        reject("connection pool empty", "destinationrule.connection-pool", POOL, "must set http, tcp or both",
            (DestinationRule r) -> policy(r).setConnectionPool(new ConnectionPoolSettings())),
        reject("max connections negative", "destinationrule.connection-pool", POOL + ".tcp.maxConnections",
            "-1 must not be negative", (DestinationRule r) -> pool(r).getTcp().setMaxConnections(-1)),
        reject("pending requests negative", "destinationrule.connection-pool", POOL + ".http.http1MaxPendingRequests",
            "-10", (DestinationRule r) -> pool(r).getHttp().setHttp1MaxPendingRequests(-10)),
        reject("http2 max requests negative", "destinationrule.connection-pool", POOL + ".http.http2MaxRequests", "-1",
            (DestinationRule r) -> pool(r).getHttp().setHttp2MaxRequests(-1)),
        reject("requests per connection negative", "destinationrule.connection-pool",
            POOL + ".http.maxRequestsPerConnection", "-1", (DestinationRule r) -> pool(r).getHttp()
                .setMaxRequestsPerConnection(-1)),
        reject("max retries negative", "destinationrule.connection-pool", POOL + ".http.maxRetries", "-3",
            (DestinationRule r) -> pool(r).getHttp().setMaxRetries(-3)),
        reject("max concurrent streams negative", "destinationrule.connection-pool", POOL + ".http.maxConcurrentStreams",
            "-1", (DestinationRule r) -> pool(r).getHttp().setMaxConcurrentStreams(-1)),
        reject("upgrade with client protocol", "destinationrule.connection-pool", POOL + ".http.useClientProtocol",
            "must not be true when h2UpgradePolicy is UPGRADE", (DestinationRule r) -> {
              pool(r).getHttp().setH2UpgradePolicy(ConnectionPoolSettingsHTTPSettingsH2UpgradePolicy.UPGRADE);
              pool(r).getHttp().setUseClientProtocol(true);
            }),
        reject("connect timeout zero", "destinationrule.duration", POOL + ".tcp.connectTimeout", q("0s"),
            (DestinationRule r) -> pool(r).getTcp().setConnectTimeout("0s")),
        reject("http idle timeout zero", "destinationrule.duration", POOL + ".http.idleTimeout", q("0s"),
            (DestinationRule r) -> pool(r).getHttp().setIdleTimeout("0s")),
        reject("tcp idle timeout unparsable", "destinationrule.duration", POOL + ".tcp.idleTimeout", q("1 hour"),
            (DestinationRule r) -> pool(r).getTcp().setIdleTimeout("1 hour")),
        reject("tcp idle timeout sub-millisecond", "destinationrule.duration", POOL + ".tcp.idleTimeout", q("1.5ms"),
            (DestinationRule r) -> pool(r).getTcp().setIdleTimeout("1.5ms")),
        reject("max connection duration", "destinationrule.duration", POOL + ".tcp.maxConnectionDuration", q("-1m"),
            (DestinationRule r) -> pool(r).getTcp().setMaxConnectionDuration("-1m")),
        reject("keepalive time", "destinationrule.duration", POOL + ".tcp.tcpKeepalive.time", q("2h0.0000001s"),
            (DestinationRule r) -> pool(r).getTcp().getTcpKeepalive().setTime("2h0.0000001s")),
        reject("keepalive interval", "destinationrule.duration", POOL + ".tcp.tcpKeepalive.interval", q("75"),
            (DestinationRule r) -> pool(r).getTcp().getTcpKeepalive().setInterval("75")),
        // ---- port-level settings
        reject("port policy without port", "destinationrule.port-policy", PORT0 + ".port", "is required",
            (DestinationRule r) -> portPolicy(r).setPort(null)),
        reject("port policy empty", "destinationrule.port-policy", PORT0, "must set at least one of",
            (DestinationRule r) -> portPolicy(r).setLoadBalancer(null)),
        reject("null port policy", "destinationrule.null-entry", TP + ".portLevelSettings[1]", "is null",
            (DestinationRule r) -> policy(r).getPortLevelSettings().add(null)),
        reject("port policy outlier", "destinationrule.outlier-detection", PORT0 + ".outlierDetection.maxEjectionPercent",
            "200", (DestinationRule r) -> portPolicy(r).setOutlierDetection(new OutlierDetection(null, null, null, null,
                null, null, 200, null, null))));
  }

  private static Stream<Arguments> loadBalancing() {
    return Stream.<Arguments>of(
        reject("cookie without name", "destinationrule.load-balancer", HASH + ".httpCookie.name", "is required",
            (DestinationRule r) -> cookieHash(r).setHashKey(new LoadBalancerSettingsConsistentHashLBHttpCookie(
                new LoadBalancerSettingsConsistentHashLBHTTPCookie_(null, "", null, "10s")))),
        reject("cookie missing", "destinationrule.load-balancer", HASH + ".httpCookie.name", "is required",
            (DestinationRule r) -> cookieHash(r).setHashKey(new LoadBalancerSettingsConsistentHashLBHttpCookie())),
        warn("minimum ring size deprecated", "destinationrule.ring-size-deprecated", HASH + ".minimumRingSize",
            "ringHash: {minimumRingSize: 1024}", (DestinationRule r) -> cookieHash(r).setMinimumRingSize(1024L)),
        reject("minimum ring size with an algorithm", "destinationrule.load-balancer", V2_HASH + ".minimumRingSize",
            "1024 cannot be combined with ringHash or maglev", (DestinationRule r) -> v2Hash(r).setMinimumRingSize(
                1024L)),
        reject("maglev table size missing", "destinationrule.load-balancer", V2_HASH + ".maglev.tableSize",
            "is required for maglev", (DestinationRule r) -> maglev(r, null)),
        reject("maglev table size not prime", "destinationrule.load-balancer", V2_HASH + ".maglev.tableSize",
            "65536 must be a prime number", (DestinationRule r) -> maglev(r, 65_536L)),
        reject("maglev table size too large", "destinationrule.load-balancer", V2_HASH + ".maglev.tableSize",
            "5000011 must be less than 5000011", (DestinationRule r) -> maglev(r, 5_000_011L)),
        reject("warmup duration seconds", "destinationrule.duration", LB + ".warmupDurationSecs", q("30"),
            (DestinationRule r) -> lb(r).setWarmupDurationSecs("30")),
        reject("warmup without duration", "destinationrule.warmup", LB + ".warmup.duration", "is required",
            (DestinationRule r) -> lb(r).setWarmup(new WarmupConfiguration(null, null, null))),
        reject("warmup duration zero", "destinationrule.duration", LB + ".warmup.duration", q("0s"),
            (DestinationRule r) -> lb(r).setWarmup(new WarmupConfiguration(null, "0s", null))),
        reject("warmup minimum percent over 100", "destinationrule.warmup", LB + ".warmup.minimumPercent",
            "120.0 must be at most 100", (DestinationRule r) -> lb(r).setWarmup(new WarmupConfiguration(null, "60s",
                120.0))),
        reject("warmup aggression below 1", "destinationrule.warmup", LB + ".warmup.aggression",
            "0.5 must be at least 1", (DestinationRule r) -> lb(r).setWarmup(new WarmupConfiguration(0.5, "60s",
                null))),
        // ---- locality
        reject("distribute and failover", "destinationrule.locality-lb", LB + ".localityLbSetting",
            "sets both distribute and failover", (DestinationRule r) -> {
              distributions(r, distribute("us-east/*", Map.of("us-east/*", 100L)));
              lb(r).getLocalityLbSetting().setFailover(new ArrayList<>(List.of(
                  new LocalityLoadBalancerSettingFailover("us-east", "us-west"))));
            }),
        reject("distribution weight 0", "destinationrule.locality-lb",
            LB + ".localityLbSetting.distribute[0].to[us-west/*]", "0 must be a weight from 1 to 100",
            (DestinationRule r) -> distributions(r, distribute("us-east/*", Map.of("us-east/*", 100L,
                "us-west/*", 0L)))),
        reject("distribution total 90", "destinationrule.locality-lb", LB + ".localityLbSetting.distribute[0].to",
            "weights add up to 90", (DestinationRule r) -> distributions(r, distribute("us-east/*", Map.of(
                "us-east/*", 80L, "us-west/*", 10L)))),
        reject("distribution destinations overlap", "destinationrule.locality-lb",
            LB + ".localityLbSetting.distribute[0].to", "overlaps a locality listed before it",
            (DestinationRule r) -> distributions(r, distribute("us-east/*", Map.of("us-east", 50L,
                "us-east/zone1", 50L)))),
        reject("distribution sources overlap", "destinationrule.locality-lb", LB + ".localityLbSetting.distribute",
            q("us-east/zone1/*") + " overlaps", (DestinationRule r) -> distributions(r,
                distribute("us-east/zone1/*", Map.of("us-east/*", 100L)), distribute("us-east/zone1/*",
                    Map.of("us-west/*", 100L)))),
        reject("distribution wildcard inside", "destinationrule.locality-lb", LB + ".localityLbSetting.distribute",
            q("us-*/zone1") + " may hold one '*' wildcard, at the end only", (DestinationRule r) -> distributions(r,
                distribute("us-*/zone1", Map.of("us-east/*", 100L)))),
        reject("distribution empty zone", "destinationrule.locality-lb", LB + ".localityLbSetting.distribute",
            q("us-east//a") + " must not have an empty", (DestinationRule r) -> distributions(r,
                distribute("us-east//a", Map.of("us-east/*", 100L)))),
        reject("failover to the same region", "destinationrule.locality-lb", LB + ".localityLbSetting.failover[0]",
            "fails over from " + q("us-east") + " to the same region", (DestinationRule r) -> failover(r, "us-east",
                "us-east")),
        reject("failover with a zone", "destinationrule.locality-lb", LB + ".localityLbSetting.failover[0]",
            "must name regions only", (DestinationRule r) -> failover(r, "us-east/zone1", "us-west")),
        reject("failover with a wildcard", "destinationrule.locality-lb", LB + ".localityLbSetting.failover[0]",
            "without the '*' wildcard", (DestinationRule r) -> failover(r, "us-east", "us-*")),
        reject("failover with a topology priority", "destinationrule.locality-lb",
            LB + ".localityLbSetting.failoverPriority[0]", q("topology.kubernetes.io/region"), (DestinationRule r) -> {
              failover(r, "us-east", "us-west");
              lb(r).getLocalityLbSetting().setFailoverPriority(new ArrayList<>(List.of(
                  "topology.kubernetes.io/region")));
            }),
        warn("failover without outlier detection", "destinationrule.locality-failover-outlier",
            "spec.subsets[1].trafficPolicy.loadBalancer.localityLbSetting", "add outlierDetection",
            (DestinationRule r) -> subset(r, 1).getTrafficPolicy().getLoadBalancer().setLocalityLbSetting(
                new LocalityLoadBalancerSetting(null, null, new ArrayList<>(List.of(
                    new LocalityLoadBalancerSettingFailover("us-east", "us-west"))), null))),
        reject("null failover", "destinationrule.null-entry", LB + ".localityLbSetting.failover[0]", "is null",
            (DestinationRule r) -> locality(r).setFailover(new ArrayList<>(java.util.Collections.singletonList(null)))));
  }

  private static Stream<Arguments> tlsSettings() {
    return Stream.<Arguments>of(
        reject("mutual without client certificate", "destinationrule.tls", TP + ".tls.clientCertificate",
            "is required for mode MUTUAL", (DestinationRule r) -> mutual(r).setClientCertificate(null)),
        reject("mutual without private key", "destinationrule.tls", TP + ".tls.privateKey", "is required for mode MUTUAL",
            (DestinationRule r) -> mutual(r).setPrivateKey("")),
        reject("credential name with files", "destinationrule.tls", TP + ".tls.credentialName",
            q("reviews-client") + " cannot be combined with clientCertificate, privateKey", (DestinationRule r) ->
                mutual(r).setCredentialName("reviews-client")),
        reject("simple credential name with CA", "destinationrule.tls", TP + ".tls.credentialName", "caCertificates",
            (DestinationRule r) -> {
              tls(r).setMode(ClientTLSSettingsTLSmode.SIMPLE);
              tls(r).setCredentialName("ca");
              tls(r).setCaCertificates("/etc/ca.pem");
            }),
        reject("simple insecure with CA", "destinationrule.tls", TP + ".tls.insecureSkipVerify",
            "caCertificates, credentialName and subjectAltNames must not be set", (DestinationRule r) -> {
              tls(r).setMode(ClientTLSSettingsTLSmode.SIMPLE);
              tls(r).setInsecureSkipVerify(true);
              tls(r).setSubjectAltNames(new ArrayList<>(List.of("reviews.example.com")));
            }),
        reject("mutual insecure with CA", "destinationrule.tls", TP + ".tls.insecureSkipVerify",
            "caCertificates and subjectAltNames must not be set", (DestinationRule r) -> {
              mutual(r).setInsecureSkipVerify(true);
              tls(r).setCaCertificates("/etc/ca.pem");
            }),
        reject("port-level mutual without key", "destinationrule.tls", PORT0 + ".tls.privateKey", "MUTUAL",
            (DestinationRule r) -> {
              ClientTLSSettings tls = new ClientTLSSettings();
              tls.setMode(ClientTLSSettingsTLSmode.MUTUAL);
              tls.setClientCertificate("/c.pem");
              portPolicy(r).setTls(tls);
            }),
        warn("istio mutual with certificates", "destinationrule.tls-istio-mutual", TP + ".tls.mode",
            "clientCertificate, privateKey are ignored", (DestinationRule r) -> {
              tls(r).setClientCertificate("/c.pem");
              tls(r).setPrivateKey("/k.pem");
            }),
        warn("istio mutual with a credential", "destinationrule.tls-istio-mutual", TP + ".tls.mode",
            "credentialName is ignored", (DestinationRule r) -> tls(r).setCredentialName("reviews-client")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<DestinationRule> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(destinationRule(mutation)), rule, severity, path, text);
  }

  // ================================================================= accepted near misses

  static Stream<Arguments> accepted() {
    return Stream.<Arguments>of(
        ok("baseline", (DestinationRule r) -> { }),
        ok("fully qualified host", (DestinationRule r) -> spec(r).setHost("reviews.shop.svc.cluster.local")),
        ok("wildcard host", (DestinationRule r) -> spec(r).setHost("*.shop.svc.cluster.local")),
        ok("host *", (DestinationRule r) -> spec(r).setHost("*")),
        ok("upper-case subset name (Istio's labels allow it)", (DestinationRule r) -> subset(r, 0).setName("V1")),
        ok("subset without labels or policy", (DestinationRule r) -> subset(r, 0).setLabels(null)),
        ok("subset label with a prefix", (DestinationRule r) -> subset(r, 0).getLabels().put("app.kubernetes.io/version",
            "v1")),
        ok("no traffic policy", (DestinationRule r) -> spec(r).setTrafficPolicy(null)),
        ok("traffic policy with only a retry budget", (DestinationRule r) -> spec(r).setTrafficPolicy(
            new TrafficPolicy(null, null, null, null, null, new TrafficPolicyRetryBudget(3L, 20.0), null, null))),
        ok("traffic policy with only port-level settings", (DestinationRule r) -> {
          TrafficPolicy policy = new TrafficPolicy();
          policy.setPortLevelSettings(new ArrayList<>(List.of(portPolicy(r))));
          spec(r).setTrafficPolicy(policy);
        }),
        ok("tunnel with POST to an IP", (DestinationRule r) -> {
          tunnel(r).setProtocol("POST");
          tunnel(r).setTargetHost("10.0.0.9");
        }),
        ok("proxy protocol alone", (DestinationRule r) -> policy(r).setProxyProtocol(new TrafficPolicyProxyProtocol(
            TrafficPolicyProxyProtocolVERSION.V2))),
        ok("percentages 0 and 100", (DestinationRule r) -> {
          outlier(r).setMaxEjectionPercent(100);
          outlier(r).setMinHealthPercent(0);
        }),
        ok("local-origin failures with split", (DestinationRule r) -> {
          outlier(r).setConsecutiveLocalOriginFailures(5);
          outlier(r).setSplitExternalLocalOriginErrors(true);
        }),
        ok("durations 1ms and 1h", (DestinationRule r) -> {
          outlier(r).setInterval("1ms");
          outlier(r).setBaseEjectionTime("1h");
        }),
        ok("tcp idle timeout 0s disables it", (DestinationRule r) -> pool(r).getTcp().setIdleTimeout("0s")),
        ok("tcp idle timeout 500us is read as 0ms", (DestinationRule r) -> pool(r).getTcp().setIdleTimeout("500us")),
        ok("zero limits", (DestinationRule r) -> {
          pool(r).getTcp().setMaxConnections(0);
          pool(r).getHttp().setMaxRetries(0);
        }),
        ok("upgrade without client protocol", (DestinationRule r) -> pool(r).getHttp().setH2UpgradePolicy(
            ConnectionPoolSettingsHTTPSettingsH2UpgradePolicy.UPGRADE)),
        ok("client protocol without upgrade", (DestinationRule r) -> pool(r).getHttp().setUseClientProtocol(true)),
        ok("connection pool tcp only", (DestinationRule r) -> pool(r).setHttp(null)),
        ok("round robin", (DestinationRule r) -> lb(r).setLbPolicy(new LoadBalancerSettingsSimple(
            LoadBalancerSettingsSimpleLB.ROUND_ROBIN))),
        ok("ring hash with a size", (DestinationRule r) -> v2Hash(r).setHashAlgorithm(
            new LoadBalancerSettingsConsistentHashLBRingHash())),
        ok("minimum ring size 0", (DestinationRule r) -> v2Hash(r).setMinimumRingSize(0L)),
        ok("maglev table size 4999999 (the largest prime below the limit)", (DestinationRule r) -> maglev(r, 4_999_999L)),
        ok("maglev table size 3", (DestinationRule r) -> maglev(r, 3L)),
        ok("consistent hash without key", (DestinationRule r) -> v2Hash(r).setHashKey(null)),
        ok("warmup", (DestinationRule r) -> lb(r).setWarmup(new WarmupConfiguration(1.0, "60s", 100.0))),
        ok("warmup duration seconds", (DestinationRule r) -> lb(r).setWarmupDurationSecs("30s")),
        ok("locality distribution", (DestinationRule r) -> distributions(r,
            distribute("us-east/zone1/*", Map.of("us-east/zone1/*", 80L, "us-east/zone2/*", 20L)),
            distribute("us-east/zone2/*", Map.of("us-east/zone2/*", 100L)))),
        ok("locality failover with outlier detection", (DestinationRule r) -> failover(r, "us-east", "us-west")),
        ok("failover priority labels", (DestinationRule r) -> locality(r).setFailoverPriority(new ArrayList<>(List.of(
            "topology.kubernetes.io/region", "topology.kubernetes.io/zone")))),
        ok("tls disabled", (DestinationRule r) -> tls(r).setMode(ClientTLSSettingsTLSmode.DISABLE)),
        ok("tls simple with CA and SNI", (DestinationRule r) -> {
          tls(r).setMode(ClientTLSSettingsTLSmode.SIMPLE);
          tls(r).setCaCertificates("/etc/ca.pem");
          tls(r).setSni("reviews.example.com");
        }),
        ok("tls simple insecure", (DestinationRule r) -> {
          tls(r).setMode(ClientTLSSettingsTLSmode.SIMPLE);
          tls(r).setInsecureSkipVerify(true);
        }),
        ok("tls mutual with files", DestinationRuleRulesTest::mutual),
        ok("tls mutual with a credential", (DestinationRule r) -> {
          tls(r).setMode(ClientTLSSettingsTLSmode.MUTUAL);
          tls(r).setCredentialName("reviews-client");
        }),
        ok("istio mutual with SNI and SANs", (DestinationRule r) -> {
          tls(r).setSni("reviews.shop.svc.cluster.local");
          tls(r).setSubjectAltNames(new ArrayList<>(List.of("spiffe://cluster.local/ns/shop/sa/reviews")));
        }),
        ok("export to . with a selector", (DestinationRule r) -> {
          spec(r).setWorkloadSelector(new WorkloadSelector(new HashMap<>(Map.of("app", "productpage"))));
          spec(r).setExportTo(new ArrayList<>(List.of(".")));
        }),
        ok("export to the own namespace with a selector", (DestinationRule r) -> {
          spec(r).setWorkloadSelector(new WorkloadSelector(new HashMap<>(Map.of("app", "productpage"))));
          spec(r).setExportTo(new ArrayList<>(List.of("shop")));
        }),
        ok("export to ., other", (DestinationRule r) -> spec(r).setExportTo(new ArrayList<>(List.of(".", "other")))),
        ok("port policy with port only TLS", (DestinationRule r) -> portPolicy(r).setTls(new ClientTLSSettings())),
        ok("port policy port 0 present (upstream checks presence only)", (DestinationRule r) -> portPolicy(r).setPort(
            new PortSelector(0L))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<DestinationRule> mutation) {
    assertClean(check(destinationRule(mutation)));
  }

  // ================================================================= details

  @Test
  void everyRuleIdHasARejectedCase() throws Exception {
    IstioRuleTables.assertEveryRuleRejected("DestinationRuleRules", rejected());
  }

  @Test
  void isPrimeMatchesEnvoy() {
    assertTrue(DestinationRuleRules.isPrime(2));
    assertTrue(DestinationRuleRules.isPrime(65_537));
    assertTrue(DestinationRuleRules.isPrime(1));
    assertFalse(DestinationRuleRules.isPrime(0));
    assertFalse(DestinationRuleRules.isPrime(9));
    assertFalse(DestinationRuleRules.isPrime(4));
  }

  @Test
  void anEmptyTrafficPolicyReportsNothingElse() {
    List<Finding> findings = check(destinationRule(r -> subset(r, 0).setTrafficPolicy(new TrafficPolicy())));
    assertEquals(1, findings.size(), Fixtures.describe(findings));
  }

  @Test
  void hollowInputIsReportedNotThrown() {
    // every field, list element and map value in turn null, {}, [] or ""
    assertTrue(IstioRuleTables.assertNoThrowOnHollowInput(destinationRule(), DestinationRule.class,
        DestinationRuleRules::check) > 40);
  }

  @Test
  void theInputIsNotChanged() {
    DestinationRule rule = destinationRule();
    DestinationRule before = new DestinationRuleBuilder(rule).build();
    check(rule);
    assertEquals(before, rule);
  }
}
