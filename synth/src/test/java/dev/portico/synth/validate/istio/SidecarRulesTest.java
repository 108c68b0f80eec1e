package dev.portico.synth.validate.istio;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.istio.IstioPolicyTesting.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Severity;
import dev.portico.synth.validate.Validator;
import io.fabric8.istio.api.api.networking.v1alpha3.CaptureMode;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsHTTPSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsHTTPSettingsH2UpgradePolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsTCPSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.IstioEgressListener;
import io.fabric8.istio.api.api.networking.v1alpha3.IstioIngressListener;
import io.fabric8.istio.api.api.networking.v1alpha3.OutboundTrafficPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.OutboundTrafficPolicyMode;
import io.fabric8.istio.api.api.networking.v1alpha3.PortSelector;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSCertificate;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSProtocol;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettingsTLSmode;
import io.fabric8.istio.api.api.networking.v1alpha3.SidecarPort;
import io.fabric8.istio.api.api.networking.v1alpha3.WorkloadSelector;
import io.fabric8.istio.api.networking.v1.Sidecar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Field rules of a Sidecar ({@link SidecarRules}), one table of rejected single mutations of the
 * valid baseline {@link #sidecar()} and one of accepted near misses, each from a case of istio/istio's
 * {@code ValidateSidecar} or the Sidecar CRD.
 */
class SidecarRulesTest {
  private static final String IN = "spec.ingress[0]";
  private static final String OUT = "spec.egress[0]";

  // ================================================================= the baseline

  static SidecarPort port(long number, String protocol, String name) {
    SidecarPort port = new SidecarPort();
    port.setNumber(number);
    port.setProtocol(protocol);
    port.setName(name);
    return port;
  }

  static ServerTLSSettings simpleTls() {
    ServerTLSSettings tls = new ServerTLSSettings();
    tls.setMode(ServerTLSSettingsTLSmode.SIMPLE);
    tls.setServerCertificate("/etc/certs/cert.pem");
    tls.setPrivateKey("/etc/certs/key.pem");
    return tls;
  }

  static IstioEgressListener egress(SidecarPort port, String... hosts) {
    IstioEgressListener listener = new IstioEgressListener();
    listener.setPort(port);
    listener.setHosts(new ArrayList<>(List.of(hosts)));
    return listener;
  }

  /**
   * Sidecar/shop/web: pods app=web; ingress HTTPS 8443 to 127.0.0.1:8080 with TLS from files; egress
   * HTTP 9080 to "./*", then a catch-all to "istio-system/*" and "* /api.example.com"; ALLOW_ANY
   * through an egress proxy; an inbound TCP pool.
   */
  static Sidecar sidecar() {
    IstioIngressListener ingress = new IstioIngressListener();
    ingress.setPort(port(8443, "HTTPS", "https"));
    ingress.setDefaultEndpoint("127.0.0.1:8080");
    ingress.setTls(simpleTls());
    Destination proxy = new Destination();
    proxy.setHost("egress.example.com");
    proxy.setPort(new PortSelector(3128L));
    OutboundTrafficPolicy outbound = new OutboundTrafficPolicy();
    outbound.setMode(OutboundTrafficPolicyMode.ALLOW_ANY);
    outbound.setEgressProxy(proxy);
    ConnectionPoolSettingsTCPSettings tcp = new ConnectionPoolSettingsTCPSettings();
    tcp.setMaxConnections(100);
    ConnectionPoolSettings pool = new ConnectionPoolSettings();
    pool.setTcp(tcp);
    io.fabric8.istio.api.api.networking.v1alpha3.Sidecar spec = new io.fabric8.istio.api.api.networking.v1alpha3.Sidecar();
    spec.setWorkloadSelector(new WorkloadSelector(new HashMap<>(Map.of("app", "web"))));
    spec.setIngress(new ArrayList<>(List.of(ingress)));
    spec.setEgress(new ArrayList<>(List.of(egress(port(9080, "HTTP", "http"), "./*"),
        egress(null, "istio-system/*", "*/api.example.com"))));
    spec.setOutboundTrafficPolicy(outbound);
    spec.setInboundConnectionPool(pool);
    Sidecar sidecar = new Sidecar();
    sidecar.setMetadata(new ObjectMetaBuilder().withName("web").withNamespace("shop").build());
    sidecar.setSpec(spec);
    return sidecar;
  }

  static Sidecar sidecar(Consumer<Sidecar> mutation) {
    Sidecar sidecar = sidecar();
    mutation.accept(sidecar);
    return sidecar;
  }

  static List<Finding> check(Sidecar sidecar) {
    return IstioPolicyTesting.run(sidecar, (c, s) -> SidecarRules.check(c, s.getMetadata(), s.getSpec()));
  }

  private static IstioIngressListener in(Sidecar s) {
    return s.getSpec().getIngress().get(0);
  }

  private static IstioEgressListener out(Sidecar s) {
    return s.getSpec().getEgress().get(0);
  }

  private static ServerTLSSettings tls(Sidecar s) {
    return in(s).getTls();
  }

  private static void hosts(Sidecar s, String... hosts) {
    out(s).setHosts(new ArrayList<>(List.of(hosts)));
  }

  private static void selector(Sidecar s, String key, String value) {
    s.getSpec().getWorkloadSelector().getLabels().put(key, value);
  }

  private static void plainIngress(Sidecar s) {
    in(s).setTls(null);
    in(s).getPort().setProtocol("HTTP");
  }

  private static ConnectionPoolSettings httpPool(Consumer<ConnectionPoolSettingsHTTPSettings> settings) {
    ConnectionPoolSettingsHTTPSettings http = new ConnectionPoolSettingsHTTPSettings();
    settings.accept(http);
    ConnectionPoolSettings pool = new ConnectionPoolSettings();
    pool.setHttp(http);
    return pool;
  }

  private static void uds(Sidecar s, String bind) {
    out(s).getPort().setNumber(0L);
    out(s).setBind(bind);
  }

  private static Arguments error(String name, String rule, String path, String text, Consumer<Sidecar> mutation) {
    return IstioPolicyTesting.error(name, rule, path, text, mutation);
  }

  private static Arguments warning(String name, String rule, String path, String text, Consumer<Sidecar> mutation) {
    return IstioPolicyTesting.warning(name, rule, path, text, mutation);
  }

  private static Arguments ok(String name, Consumer<Sidecar> mutation) {
    return IstioPolicyTesting.ok(name, mutation);
  }

  // ================================================================= rejected inputs

  static Stream<Arguments> rejected() {
    return Stream.of(
        error("name uppercase", "metadata.name", "metadata.name", q("Web"), s -> s.getMetadata().setName("Web")),
        error("dry-run annotation", "sidecar.dry-run-annotation", "metadata.annotations[istio.io/dry-run]",
            "is not supported on a Sidecar", s -> s.getMetadata().setAnnotations(Map.of("istio.io/dry-run", "true"))),
        // workload selector (ValidateAlphaWorkloadSelector, CRD)
        error("selector key empty", "sidecar.workload-selector", "spec.workloadSelector.labels[]", "is empty",
            s -> selector(s, "", "x")),
        error("selector value wildcard", "sidecar.workload-selector", "spec.workloadSelector.labels[app]",
            q("web*") + " contains '*'", s -> selector(s, "app", "web*")),
        error("selector 257 labels", "sidecar.workload-selector", "spec.workloadSelector.labels",
            "257 labels are too many; at most 256", s -> {
              for (int i = 0; i < 256; i++) {
                selector(s, "l" + i, "v");
              }
            }),
        warning("selector without labels", "sidecar.workload-selector-empty", "spec.workloadSelector",
            "applies to every workload in the namespace", s -> s.getSpec().setWorkloadSelector(new WorkloadSelector())),
        warning("selector value no pod carries", "sidecar.workload-selector-label", "spec.workloadSelector.labels[app]",
            "selects nothing", s -> selector(s, "app", "my web")),
        // empty configuration
        error("empty sidecar", "sidecar.empty", "spec", "sets none of egress, ingress", s -> s.setSpec(
            new io.fabric8.istio.api.api.networking.v1alpha3.Sidecar())),
        error("no spec", "sidecar.empty", "spec", "is required", s -> s.setSpec(null)),
        error("ingress null", "sidecar.null-entry", IN, "is null", s -> s.getSpec().getIngress().set(0, null)),
        error("egress null", "sidecar.null-entry", OUT, "is null", s -> s.getSpec().getEgress().set(0, null)),
        // ingress ports
        error("ingress without port", "sidecar.ingress-port", IN + ".port", "is required for an ingress listener",
            s -> in(s).setPort(null)),
        error("ingress target port", "sidecar.target-port", IN + ".port.targetPort", "8080 has no effect",
            s -> in(s).getPort().setTargetPort(8080L)),
        error("egress target port", "sidecar.target-port", OUT + ".port.targetPort", "9090 has no effect",
            s -> out(s).getPort().setTargetPort(9090L)),
        error("ingress port name uppercase underscore", "sidecar.port-name", IN + ".port.name", q("https_port"),
            s -> in(s).getPort().setName("https_port")),
        error("egress port name", "sidecar.port-name", OUT + ".port.name", q("-http"),
            s -> out(s).getPort().setName("-http")),
        error("ingress protocol unknown", "sidecar.port-protocol", IN + ".port.protocol", q("HTTP3"),
            s -> in(s).getPort().setProtocol("HTTP3")),
        error("egress protocol unknown", "sidecar.port-protocol", OUT + ".port.protocol", q("QUIC"),
            s -> out(s).getPort().setProtocol("QUIC")),
        error("ingress port 0", "sidecar.port-number", IN + ".port.number", "0 must be a port number",
            s -> in(s).getPort().setNumber(0L)),
        error("egress port 65536", "sidecar.port-number", OUT + ".port.number", "65536 must be a port number",
            s -> out(s).getPort().setNumber(65_536L)),
        error("ingress bind hostname", "sidecar.bind", IN + ".bind", q("localhost") + " must be an IP address",
            s -> in(s).setBind("localhost")),
        error("egress bind hostname", "sidecar.bind", OUT + ".bind", q("my-host"), s -> out(s).setBind("my-host")),
        error("ingress ports unique", "sidecar.port-duplicate", "spec.ingress[1].port.number",
            "8443 is already the port of spec.ingress[0]", s -> {
              IstioIngressListener second = new IstioIngressListener();
              second.setPort(port(8443, "TCP", "tcp"));
              s.getSpec().getIngress().add(second);
            }),
        error("egress ports unique", "sidecar.port-duplicate", "spec.egress[1].port.number",
            "9080 is already the port of spec.egress[0]",
            s -> s.getSpec().getEgress().add(1, egress(port(9080, "TCP", "tcp"), "./*"))),
        error("unix sockets unique", "sidecar.port-duplicate", "spec.egress[1].bind",
            q("unix:///var/run/a.sock") + " is already the socket", s -> {
              uds(s, "unix:///var/run/a.sock");
              IstioEgressListener second = egress(port(0, "HTTP", "http2"), "./*");
              second.setBind("unix:///var/run/a.sock");
              s.getSpec().getEgress().add(1, second);
            }),
        // default endpoint
        error("default endpoint another host", "sidecar.default-endpoint", IN + ".defaultEndpoint",
            "names host \"10.0.0.1\"", s -> in(s).setDefaultEndpoint("10.0.0.1:8080")),
        error("default endpoint without port", "sidecar.default-endpoint", IN + ".defaultEndpoint", "(no port)",
            s -> in(s).setDefaultEndpoint("127.0.0.1")),
        error("default endpoint port not a number", "sidecar.default-endpoint", IN + ".defaultEndpoint",
            "port \"http\", which is not a number", s -> in(s).setDefaultEndpoint("127.0.0.1:http")),
        error("default endpoint port 0", "sidecar.default-endpoint", IN + ".defaultEndpoint",
            "port 0, which must be a port number", s -> in(s).setDefaultEndpoint(":0")),
        error("default endpoint IPv6 without brackets", "sidecar.default-endpoint", IN + ".defaultEndpoint",
            "in brackets", s -> in(s).setDefaultEndpoint("::1:8080")),
        error("default endpoint relative socket", "sidecar.default-endpoint", IN + ".defaultEndpoint",
            "absolute file path", s -> in(s).setDefaultEndpoint("unix://var/run/app.sock")),
        // ingress TLS
        error("ingress TLS credentialName", "sidecar.ingress-tls", IN + ".tls.credentialName",
            "is not supported in a Sidecar's ingress TLS", s -> tls(s).setCredentialName("web-tls")),
        error("ingress TLS subjectAltNames", "sidecar.ingress-tls", IN + ".tls.subjectAltNames", "is not supported",
            s -> tls(s).setSubjectAltNames(List.of("web.shop"))),
        error("ingress TLS httpsRedirect", "sidecar.ingress-tls", IN + ".tls.httpsRedirect", "is not supported",
            s -> tls(s).setHttpsRedirect(true)),
        error("ingress TLS credentialNames", "sidecar.ingress-tls", IN + ".tls.credentialNames", "is not supported",
            s -> {
              tls(s).setServerCertificate(null);
              tls(s).setPrivateKey(null);
              tls(s).setCredentialNames(List.of("a", "b"));
            }),
        error("ingress TLS ISTIO_MUTUAL", "sidecar.ingress-tls", IN + ".tls.mode", q("ISTIO_MUTUAL"), s -> {
          tls(s).setServerCertificate(null);
          tls(s).setPrivateKey(null);
          tls(s).setMode(ServerTLSSettingsTLSmode.ISTIO_MUTUAL);
        }),
        error("ingress TLS on HTTP", "sidecar.ingress-tls", IN + ".tls", "protocol is \"HTTP\"",
            s -> in(s).getPort().setProtocol("HTTP")),
        // validateTLSOptions on the ingress TLS
        error("TLS SIMPLE without certificate", "sidecar.tls", IN + ".tls.serverCertificate",
            "is required for mode \"SIMPLE\"", s -> tls(s).setServerCertificate(null)),
        error("TLS SIMPLE without key", "sidecar.tls", IN + ".tls.privateKey", "is required with serverCertificate",
            s -> tls(s).setPrivateKey("")),
        error("TLS MUTUAL without CA", "sidecar.tls", IN + ".tls.caCertificates", "is required for mode \"MUTUAL\"",
            s -> tls(s).setMode(ServerTLSSettingsTLSmode.MUTUAL)),
        error("TLS CRL with SIMPLE", "sidecar.tls", IN + ".tls.caCrl", "not supported with mode \"SIMPLE\"",
            s -> tls(s).setCaCrl("/etc/certs/crl.pem")),
        warning("TLS 1.0 without ciphers", "sidecar.tls-version", IN + ".tls.minProtocolVersion", q("TLSV1_0"),
            s -> tls(s).setMinProtocolVersion(ServerTLSSettingsTLSProtocol.TLSV1_0)),
        warning("unknown cipher", "sidecar.cipher-suites", IN + ".tls.cipherSuites", "[\"RC4-MD5\"]",
            s -> tls(s).setCipherSuites(List.of("RC4-MD5"))),
        warning("passthrough with certificates", "sidecar.tls-passthrough-certs", IN + ".tls", q("PASSTHROUGH"),
            s -> tls(s).setMode(ServerTLSSettingsTLSmode.PASSTHROUGH)),
        warning("three certificates", "sidecar.tls-certificates", IN + ".tls.tlsCertificates",
            "3 certificates", s -> {
              tls(s).setServerCertificate(null);
              tls(s).setPrivateKey(null);
              List<ServerTLSSettingsTLSCertificate> certificates = new ArrayList<>();
              for (int i = 0; i < 3; i++) {
                certificates.add(new ServerTLSSettingsTLSCertificate(null, "/k" + i, "/c" + i));
              }
              tls(s).setTlsCertificates(certificates);
            }),
        // connection pools
        error("inbound pool empty", "sidecar.connection-pool", "spec.inboundConnectionPool", "must set http, tcp",
            s -> s.getSpec().setInboundConnectionPool(new ConnectionPoolSettings())),
        error("ingress pool negative", "sidecar.connection-pool", IN + ".connectionPool.http.maxRetries",
            "-1 must not be negative", s -> {
              plainIngress(s);
              in(s).setConnectionPool(httpPool(h -> h.setMaxRetries(-1)));
            }),
        error("ingress pool upgrade with client protocol", "sidecar.connection-pool",
            IN + ".connectionPool.http.useClientProtocol", "UPGRADE", s -> {
              plainIngress(s);
              in(s).setConnectionPool(httpPool(h -> {
                h.setH2UpgradePolicy(ConnectionPoolSettingsHTTPSettingsH2UpgradePolicy.UPGRADE);
                h.setUseClientProtocol(true);
              }));
            }),
        error("inbound pool timeout below 1ms", "sidecar.duration", "spec.inboundConnectionPool.tcp.connectTimeout",
            q("500us") + " must be at least 1ms",
            s -> s.getSpec().getInboundConnectionPool().getTcp().setConnectTimeout("500us")),
        warning("HTTP pool on a TCP port", "sidecar.connection-pool-protocol", IN + ".connectionPool.http",
            "protocol \"HTTPS\" is not HTTP", s -> in(s).setConnectionPool(httpPool(h -> h.setMaxRetries(3)))),
        // egress listeners
        error("catch-all not last", "sidecar.catch-all-egress", OUT + ".port", "must be the last",
            s -> out(s).setPort(null)),
        error("two catch-alls", "sidecar.catch-all-egress", "spec.egress[1].port", "must be the last",
            s -> s.getSpec().getEgress().add(egress(null, "./*"))),
        error("port 0 without socket", "sidecar.bind", OUT + ".bind", "is empty, but port.number is 0",
            s -> out(s).getPort().setNumber(0L)),
        error("port 0 bound to an IP", "sidecar.bind", OUT + ".bind", q("127.0.0.1") + " is not a unix domain socket",
            s -> uds(s, "127.0.0.1")),
        error("socket path relative", "sidecar.bind", OUT + ".bind", "absolute file path",
            s -> uds(s, "unix://app.sock")),
        error("socket with capture IPTABLES", "sidecar.capture-mode", OUT + ".captureMode", q("IPTABLES"), s -> {
          uds(s, "unix:///var/run/app.sock");
          out(s).setCaptureMode(CaptureMode.IPTABLES);
        }),
        error("egress without hosts", "sidecar.egress-hosts", OUT + ".hosts", "at least one host",
            s -> out(s).setHosts(null)),
        error("egress host without namespace", "sidecar.egress-hosts", OUT + ".hosts[0]",
            "must be of the form \"namespace/dnsName\"", s -> hosts(s, "api.example.com")),
        error("egress host empty namespace", "sidecar.egress-hosts", OUT + ".hosts[0]", "must name both parts",
            s -> hosts(s, "/api.example.com")),
        error("egress host bad namespace", "sidecar.egress-hosts", OUT + ".hosts[0]", "invalid namespace \"Shop_1\"",
            s -> hosts(s, "Shop_1/*")),
        error("egress host short name", "sidecar.egress-hosts", OUT + ".hosts[0]", "short name \"reviews\"",
            s -> hosts(s, "shop/reviews")),
        error("egress host partial wildcard", "sidecar.egress-hosts", OUT + ".hosts[0]", "partial wildcard",
            s -> hosts(s, "shop/api*.example.com")),
        error("egress host bad label", "sidecar.egress-hosts", OUT + ".hosts[0]", "invalid label \"a_b\"",
            s -> hosts(s, "shop/a_b.example.com")),
        warning("egress host twice", "sidecar.egress-host-duplicate", OUT + ".hosts[1]", "repeats or overlaps",
            s -> hosts(s, "shop/api.example.com", "shop/api.example.com")),
        warning("egress host under ns/*", "sidecar.egress-host-duplicate", OUT + ".hosts[1]", "repeats or overlaps",
            s -> hosts(s, "./*", "shop/api.example.com")),
        warning("ns/* after a host of ns", "sidecar.egress-host-duplicate", OUT + ".hosts[1]", "repeats or overlaps",
            s -> hosts(s, "shop/api.example.com", "shop/*")),
        warning("*/* with others", "sidecar.egress-host-duplicate", OUT + ".hosts", "\"*/*\" selects every host",
            s -> hosts(s, "*/*", "istio-system/*")),
        // outbound traffic policy
        error("egress proxy with REGISTRY_ONLY", "sidecar.egress-proxy", "spec.outboundTrafficPolicy.egressProxy",
            q("REGISTRY_ONLY"), s -> s.getSpec().getOutboundTrafficPolicy().setMode(OutboundTrafficPolicyMode.REGISTRY_ONLY)),
        error("egress proxy with the default mode", "sidecar.egress-proxy", "spec.outboundTrafficPolicy.egressProxy",
            "(the default)", s -> s.getSpec().getOutboundTrafficPolicy().setMode(null)),
        error("egress proxy wildcard host", "sidecar.egress-proxy", "spec.outboundTrafficPolicy.egressProxy.host",
            q("*.example.com"), s -> s.getSpec().getOutboundTrafficPolicy().getEgressProxy().setHost("*.example.com")),
        error("egress proxy without port", "sidecar.egress-proxy", "spec.outboundTrafficPolicy.egressProxy.port",
            "is required", s -> s.getSpec().getOutboundTrafficPolicy().getEgressProxy().setPort(null)),
        error("egress proxy port 0", "sidecar.egress-proxy", "spec.outboundTrafficPolicy.egressProxy.port.number",
            "0 must be a port number", s -> s.getSpec().getOutboundTrafficPolicy().getEgressProxy().getPort().setNumber(0L)),
        error("egress proxy subset", "sidecar.egress-proxy", "spec.outboundTrafficPolicy.egressProxy.subset",
            q("v1.2"), s -> s.getSpec().getOutboundTrafficPolicy().getEgressProxy().setSubset("v1.2")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<Sidecar> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(sidecar(mutation)), rule, severity, path, text);
  }

  // ================================================================= accepted near misses

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", s -> { }),
        ok("egress only (the common namespace default)", s -> {
          s.getSpec().setIngress(null);
          s.getSpec().setOutboundTrafficPolicy(null);
          s.getSpec().setInboundConnectionPool(null);
          s.getSpec().setWorkloadSelector(null);
        }),
        ok("inbound pool only", s -> {
          s.getSpec().setIngress(null);
          s.getSpec().setEgress(null);
          s.getSpec().setOutboundTrafficPolicy(null);
        }),
        ok("outbound policy only, REGISTRY_ONLY without proxy", s -> {
          s.getSpec().setIngress(null);
          s.getSpec().setEgress(null);
          s.getSpec().setInboundConnectionPool(null);
          s.getSpec().setOutboundTrafficPolicy(new OutboundTrafficPolicy(null, OutboundTrafficPolicyMode.REGISTRY_ONLY));
        }),
        ok("unnamed ports, protocol left to detection", s -> {
          out(s).getPort().setName(null);
          out(s).getPort().setProtocol("");
        }),
        ok("protocol in lower case", s -> out(s).getPort().setProtocol("http")),
        ok("port name with upper case (Istio's labels allow it)", s -> out(s).getPort().setName("Http")),
        ok("ports 1 and 65535", s -> {
          in(s).getPort().setNumber(1L);
          out(s).getPort().setNumber(65_535L);
        }),
        ok("same port on ingress and egress", s -> out(s).getPort().setNumber(8443L)),
        ok("bind IPs", s -> {
          in(s).setBind("0.0.0.0");
          out(s).setBind("::1");
        }),
        ok("default endpoints", s -> {
          for (String endpoint : List.of("0.0.0.0:8080", "[::1]:8080", "[::]:8080", ":8080", "unix:///var/run/a.sock",
              "unix://@abstract")) {
            in(s).setDefaultEndpoint(endpoint);
            assertClean(check(s));
          }
        }),
        ok("no default endpoint", s -> in(s).setDefaultEndpoint(null)),
        ok("TLS MUTUAL with CA", s -> {
          tls(s).setMode(ServerTLSSettingsTLSmode.MUTUAL);
          tls(s).setCaCertificates("/etc/certs/ca.pem");
        }),
        ok("TLS on protocol TLS", s -> in(s).getPort().setProtocol("TLS")),
        ok("TLS 1.0 with ciphers", s -> {
          tls(s).setMinProtocolVersion(ServerTLSSettingsTLSProtocol.TLSV1_0);
          tls(s).setCipherSuites(List.of("ECDHE-RSA-AES128-SHA"));
        }),
        ok("HTTP pool on an HTTP port", s -> {
          plainIngress(s);
          in(s).setConnectionPool(httpPool(h -> h.setMaxRetries(0)));
        }),
        ok("tcp idle timeout 0s disables it", s -> s.getSpec().getInboundConnectionPool().getTcp().setIdleTimeout("0s")),
        ok("unix socket egress with capture NONE", s -> {
          uds(s, "unix:///var/run/app.sock");
          out(s).setCaptureMode(CaptureMode.NONE);
        }),
        ok("abstract socket", s -> uds(s, "unix://@app")),
        ok("catch-all last only", s -> s.getSpec().getEgress().remove(0)),
        ok("egress host forms", s -> hosts(s, "./*", "*/api.example.com", "~/*.internal.example.com",
            "istio-system/*", "other/*.example.org")),
        ok("same host in two namespaces", s -> hosts(s, "a/api.example.com", "b/api.example.com")),
        ok("excluded namespace does not count as duplicate", s -> hosts(s, "~shop/*", "shop/api.example.com")),
        ok("*/* alone", s -> hosts(s, "*/*")),
        ok("egress proxy with subset", s -> s.getSpec().getOutboundTrafficPolicy().getEgressProxy().setSubset("v1")),
        ok("selector of 256 labels", s -> {
          for (int i = 0; i < 255; i++) {
            selector(s, "l" + i, "v");
          }
        }),
        ok("no namespace", s -> s.getMetadata().setNamespace(null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<Sidecar> mutation) {
    assertClean(check(sidecar(mutation)));
  }

  // ================================================================= details

  @Test
  void everyRuleIdHasARejectedRow() {
    IstioPolicyTesting.assertEveryRuleIdHasARejectedRow("SidecarRules", "sidecar", rejected());
  }

  @Test
  void everyServedVersionIsChecked() {
    for (String version : List.of("networking.istio.io/v1", "networking.istio.io/v1beta1",
        "networking.istio.io/v1alpha3")) {
      assertTrue(Validator.kind(version, "Sidecar") != null, version);
    }
    var alpha = new io.fabric8.istio.api.networking.v1alpha3.Sidecar();
    alpha.setMetadata(sidecar().getMetadata());
    alpha.setSpec(sidecar(s -> out(s).getPort().setNumber(0L)).getSpec());
    assertFinding(Fixtures.validate(alpha), "sidecar.bind", Severity.ERROR, OUT + ".bind", "port.number is 0");
  }

  @Test
  void theBaselineIsCleanThroughTheValidator() {
    assertClean(Fixtures.validate(sidecar()));
  }

  @Test
  void aSingleMutationReportsOnlyItsRule() {
    rejected().forEach(a -> {
      @SuppressWarnings("unchecked")
      Consumer<Sidecar> mutation = (Consumer<Sidecar>) ((org.junit.jupiter.api.Named<?>) a.get()[0]).getPayload();
      String rule = (String) a.get()[1];
      for (Finding finding : check(sidecar(mutation))) {
        boolean related = rule.startsWith("sidecar.tls") || rule.equals("sidecar.ingress-tls")
            || rule.equals("sidecar.port-duplicate") || rule.equals("sidecar.bind")
            || rule.equals("sidecar.port-protocol");
        assertTrue(finding.rule().equals(rule) || (related && finding.rule().startsWith("sidecar.")),
            () -> a.get()[0] + ": " + finding.format());
      }
    });
  }

  @Test
  void theInputIsNotChanged() {
    Sidecar sidecar = sidecar(s -> hosts(s, "api.example.com"));
    Sidecar before = new io.fabric8.istio.api.networking.v1.SidecarBuilder(sidecar).build();
    check(sidecar);
    assertEquals(before, sidecar);
  }

  @Test
  void hollowInputNeverThrows() {
    int ran = IstioRuleTables.assertNoThrowOnHollowInput(sidecar(), Sidecar.class,
        (c, s) -> SidecarRules.check(c, s.getMetadata(), s.getSpec()));
    assertTrue(ran > 50, "only " + ran + " variants ran");
  }
}
