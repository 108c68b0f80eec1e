package dev.portico.synth.validate.istio;

import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsHTTPSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsHTTPSettingsH2UpgradePolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsTCPSettings;

/**
 * {@code validateConnectionPool} of istio/istio {@code pkg/config/validation/validation.go}, shared by
 * DestinationRules (traffic policies) and Sidecars (ingress listeners and {@code inboundConnectionPool}).
 * Each kind reports under its own rule ids ({@link Ids}).
 */
final class ConnectionPoolRules {
  /**
   * The rule ids a kind reports connection-pool findings under.
   *
   * @param pool a missing section or a negative limit, use-client-protocol with UPGRADE
   * @param duration a timeout that is no duration of at least 1ms in whole milliseconds
   */
  record Ids(String pool, String duration) {}

  private ConnectionPoolRules() {}

  static void check(Check check, Ids ids, String path, ConnectionPoolSettings pool) {
    if (pool == null) {
      return;
    }
    if (pool.getHttp() == null && pool.getTcp() == null) {
      check.error(ids.pool(), path, "must set http, tcp or both, e.g. tcp: {maxConnections: 100}");
      return;
    }
    ConnectionPoolSettingsHTTPSettings http = pool.getHttp();
    if (http != null) {
      nonNegative(check, ids, path + ".http.http1MaxPendingRequests", http.getHttp1MaxPendingRequests());
      nonNegative(check, ids, path + ".http.http2MaxRequests", http.getHttp2MaxRequests());
      nonNegative(check, ids, path + ".http.maxRequestsPerConnection", http.getMaxRequestsPerConnection());
      nonNegative(check, ids, path + ".http.maxRetries", http.getMaxRetries());
      nonNegative(check, ids, path + ".http.maxConcurrentStreams", http.getMaxConcurrentStreams());
      duration(check, ids, path + ".http.idleTimeout", http.getIdleTimeout());
      if (http.getH2UpgradePolicy() == ConnectionPoolSettingsHTTPSettingsH2UpgradePolicy.UPGRADE
          && Boolean.TRUE.equals(http.getUseClientProtocol())) {
        check.error(ids.pool(), path + ".http.useClientProtocol", "must not be true when "
            + "h2UpgradePolicy is UPGRADE; drop one of them");
      }
    }
    ConnectionPoolSettingsTCPSettings tcp = pool.getTcp();
    if (tcp != null) {
      nonNegative(check, ids, path + ".tcp.maxConnections", tcp.getMaxConnections());
      duration(check, ids, path + ".tcp.connectTimeout", tcp.getConnectTimeout());
      duration(check, ids, path + ".tcp.maxConnectionDuration", tcp.getMaxConnectionDuration());
      Long idle = IstioFormats.durationNanos(tcp.getIdleTimeout());
      if (idle == null || idle / 1_000_000L != 0) {
        // "0s" disables the idle timeout and is accepted
        duration(check, ids, path + ".tcp.idleTimeout", tcp.getIdleTimeout());
      }
      if (tcp.getTcpKeepalive() != null) {
        duration(check, ids, path + ".tcp.tcpKeepalive.time", tcp.getTcpKeepalive().getTime());
        duration(check, ids, path + ".tcp.tcpKeepalive.interval", tcp.getTcpKeepalive().getInterval());
      }
    }
  }

  private static void nonNegative(Check check, Ids ids, String path, Integer value) {
    if (value != null && value < 0) {
      check.error(ids.pool(), path, value + " must not be negative");
    }
  }

  private static void duration(Check check, Ids ids, String path, String value) {
    if (value == null) {
      return;
    }
    for (String problem : IstioFormats.duration(value)) {
      check.error(ids.duration(), path, Messages.quote(value) + " " + problem);
    }
  }
}
