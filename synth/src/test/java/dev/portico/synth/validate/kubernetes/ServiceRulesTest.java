package dev.portico.synth.validate.kubernetes;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.externalName;
import static dev.portico.synth.validate.Fixtures.list;
import static dev.portico.synth.validate.Fixtures.meta;
import static dev.portico.synth.validate.Fixtures.port;
import static dev.portico.synth.validate.Fixtures.spec;
import static dev.portico.synth.validate.Fixtures.type;
import static dev.portico.synth.validate.Fixtures.validate;
import static dev.portico.synth.validate.Fixtures.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Severity;
import dev.portico.synth.validate.Validator;
import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Field rules of a Service and its metadata, one table of rejected inputs and one of near misses.
 * Each rejected row mutates the valid baseline {@link Fixtures#web()} in one way and names the rule,
 * the exact field path and a text the message must contain (the bad value wherever there is one).
 */
class ServiceRulesTest {
  private static final String TOPOLOGY_MODE = "service.kubernetes.io/topology-mode";
  private static final String TOPOLOGY_HINTS = "service.kubernetes.io/topology-aware-hints";
  private static final String SOURCE_RANGES = "service.beta.kubernetes.io/load-balancer-source-ranges";

  private static Arguments reject(String name, String rule, String path, String text, Consumer<Service> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.ERROR, path, text);
  }

  private static Arguments warn(String name, String rule, String path, String text, Consumer<Service> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.WARNING, path, text);
  }

  private static Arguments ok(String name, Consumer<Service> mutation) {
    return Arguments.of(Named.of(name, mutation));
  }

  private static String q(String value) {
    return "\"" + value + "\"";
  }

  private static Map<String, String> labels(Service s) {
    if (meta(s).getLabels() == null) {
      meta(s).setLabels(new HashMap<>());
    }
    return meta(s).getLabels();
  }

  private static Map<String, String> annotations(Service s) {
    if (meta(s).getAnnotations() == null) {
      meta(s).setAnnotations(new HashMap<>());
    }
    return meta(s).getAnnotations();
  }

  private static void affinity(Service s, String affinity, Integer timeout) {
    spec(s).setSessionAffinity(affinity);
    spec(s).setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(timeout)));
  }

  private static void nodePorts(Service s, String type, Integer first, Integer second) {
    type(s, type);
    port(s, 0).setNodePort(first);
    port(s, 1).setNodePort(second);
  }

  private static void loadBalancer(Service s) {
    type(s, "LoadBalancer");
  }

  private static void clusterIps(Service s, String clusterIp, String policy, List<String> ips, List<String> families) {
    spec(s).setClusterIP(clusterIp);
    spec(s).setIpFamilyPolicy(policy);
    spec(s).setClusterIPs(ips == null ? list() : new java.util.ArrayList<>(ips));
    spec(s).setIpFamilies(families == null ? list() : new java.util.ArrayList<>(families));
  }

  private static void noSelector(Service s) {
    spec(s).setSelector(null);
  }

  // ================================================================= rejected inputs

  static Stream<Arguments> rejected() {
    String long64 = "a".repeat(64);
    return Stream.of(
        // ---- metadata.name: a DNS-1035 label
        reject("name uppercase", "metadata.name", "metadata.name", q("Web") + " must be a DNS-1035",
            s -> meta(s).setName("Web")),
        reject("name leading digit", "metadata.name", "metadata.name", q("1web"), s -> meta(s).setName("1web")),
        reject("name with a dot", "metadata.name", "metadata.name", q("web.v1"), s -> meta(s).setName("web.v1")),
        reject("name trailing dash", "metadata.name", "metadata.name", q("web-"), s -> meta(s).setName("web-")),
        reject("name 64 characters", "metadata.name", "metadata.name", q(long64), s -> meta(s).setName(long64)),
        reject("name missing", "metadata.name", "metadata.name", "required", s -> meta(s).setName(null)),
        reject("name empty", "metadata.name", "metadata.name", "required", s -> meta(s).setName("")),
        reject("metadata missing", "metadata.name", "metadata", "required", s -> s.setMetadata(null)),
        // ---- metadata.namespace: a DNS-1123 label
        reject("namespace uppercase", "metadata.namespace", "metadata.namespace", q("Shop"),
            s -> meta(s).setNamespace("Shop")),
        reject("namespace with a dot", "metadata.namespace", "metadata.namespace", q("shop.prod"),
            s -> meta(s).setNamespace("shop.prod")),
        reject("namespace leading dash", "metadata.namespace", "metadata.namespace", q("-shop"),
            s -> meta(s).setNamespace("-shop")),
        reject("namespace 64 characters", "metadata.namespace", "metadata.namespace", q(long64),
            s -> meta(s).setNamespace(long64)),
        // ---- metadata.label-key / label-value, on labels and on the selector
        reject("label key with space", "metadata.label-key", "metadata.labels[Bad Key]", q("Bad Key"),
            s -> labels(s).put("Bad Key", "x")),
        reject("label key two slashes", "metadata.label-key", "metadata.labels[a/b/c]", q("a/b/c"),
            s -> labels(s).put("a/b/c", "x")),
        reject("label key uppercase prefix", "metadata.label-key", "metadata.labels[Example.com/name]",
            q("Example.com/name"), s -> labels(s).put("Example.com/name", "x")),
        reject("label key empty prefix", "metadata.label-key", "metadata.labels[/name]", q("/name"),
            s -> labels(s).put("/name", "x")),
        reject("label key empty name", "metadata.label-key", "metadata.labels[example.com/]", q("example.com/"),
            s -> labels(s).put("example.com/", "x")),
        reject("label key name 64", "metadata.label-key", "metadata.labels[" + long64 + "]", q(long64),
            s -> labels(s).put(long64, "x")),
        reject("label value leading dash", "metadata.label-value", "metadata.labels[app]", q("-web"),
            s -> labels(s).put("app", "-web")),
        reject("label value 64", "metadata.label-value", "metadata.labels[app]", q(long64),
            s -> labels(s).put("app", long64)),
        reject("label value with slash", "metadata.label-value", "metadata.labels[app]", q("shop/web"),
            s -> labels(s).put("app", "shop/web")),
        reject("selector key", "metadata.label-key", "spec.selector[Bad Key]", q("Bad Key"),
            s -> spec(s).getSelector().put("Bad Key", "web")),
        reject("selector value", "metadata.label-value", "spec.selector[app]", q("web!"),
            s -> spec(s).getSelector().put("app", "web!")),
        // ---- metadata.annotation-key, metadata.annotations-size
        reject("annotation key with space", "metadata.annotation-key", "metadata.annotations[Bad Key]", q("Bad Key"),
            s -> annotations(s).put("Bad Key", "v")),
        reject("annotation key two slashes", "metadata.annotation-key", "metadata.annotations[a/b/c]", q("a/b/c"),
            s -> annotations(s).put("a/b/c", "v")),
        reject("annotation key empty name", "metadata.annotation-key", "metadata.annotations[example.com/]",
            q("example.com/"), s -> annotations(s).put("example.com/", "v")),
        reject("annotations over 256 KiB", "metadata.annotations-size", "metadata.annotations", "262145",
            s -> annotations(s).put("k", "v".repeat(262_144))),
        reject("annotations over 256 KiB in UTF-8 bytes", "metadata.annotations-size", "metadata.annotations",
            "262145", s -> annotations(s).put("k", "é".repeat(131_072))),
        // ---- service.ports-required
        reject("no ports", "service.ports-required", "spec.ports", "at least one port",
            s -> spec(s).setPorts(list())),
        reject("no ports on NodePort", "service.ports-required", "spec.ports", "at least one port", s -> {
          type(s, "NodePort");
          spec(s).setPorts(list());
        }),
        reject("no spec", "service.ports-required", "spec", "required", s -> s.setSpec(null)),
        // ---- service.headless-type
        reject("headless NodePort", "service.headless-type", "spec.clusterIPs[0]", q("None"), s -> {
          type(s, "NodePort");
          spec(s).setClusterIP("None");
        }),
        reject("headless LoadBalancer via clusterIPs", "service.headless-type", "spec.clusterIPs[0]",
            q("None") + " (headless) is not allowed for LoadBalancer",
            s -> {
              type(s, "LoadBalancer");
              spec(s).setClusterIP("None");
              spec(s).setClusterIPs(list("None"));
            }),
        // ---- service.external-name-fields
        reject("ExternalName with clusterIP", "service.external-name-fields", "spec.clusterIPs", q("10.0.0.1"), s -> {
          externalName(s);
          spec(s).setClusterIP("10.0.0.1");
        }),
        reject("ExternalName with clusterIP None", "service.external-name-fields", "spec.clusterIPs", q("None"),
            s -> {
              externalName(s);
              spec(s).setClusterIP("None");
            }),
        reject("ExternalName with clusterIPs only", "service.external-name-fields", "spec.clusterIPs", q("fd00::1"),
            s -> {
              externalName(s);
              spec(s).setClusterIPs(list("fd00::1"));
            }),
        reject("ExternalName with ipFamilies", "service.external-name-fields", "spec.ipFamilies", q("IPv4"), s -> {
          externalName(s);
          spec(s).setIpFamilies(list("IPv4"));
        }),
        reject("ExternalName with ipFamilyPolicy", "service.external-name-fields", "spec.ipFamilyPolicy",
            q("SingleStack"), s -> {
              externalName(s);
              spec(s).setIpFamilyPolicy("SingleStack");
            }),
        // ---- service.external-name
        reject("externalName missing", "service.external-name", "spec.externalName", "required", s -> {
          externalName(s);
          spec(s).setExternalName(null);
        }),
        reject("externalName empty", "service.external-name", "spec.externalName", "required", s -> {
          externalName(s);
          spec(s).setExternalName("");
        }),
        reject("externalName only a dot", "service.external-name", "spec.externalName", "required", s -> {
          externalName(s);
          spec(s).setExternalName(".");
        }),
        reject("externalName uppercase", "service.external-name", "spec.externalName", q("DB.example.com"), s -> {
          externalName(s);
          spec(s).setExternalName("DB.example.com");
        }),
        reject("externalName empty label", "service.external-name", "spec.externalName", q("db..example.com"), s -> {
          externalName(s);
          spec(s).setExternalName("db..example.com");
        }),
        reject("externalName two trailing dots", "service.external-name", "spec.externalName",
            q("db.example.com.."), s -> {
              externalName(s);
              spec(s).setExternalName("db.example.com..");
            }),
        reject("externalName underscore", "service.external-name", "spec.externalName", q("db_1.example.com"), s -> {
          externalName(s);
          spec(s).setExternalName("db_1.example.com");
        }),
        reject("externalName URL", "service.external-name", "spec.externalName", q("http://db.example.com"), s -> {
          externalName(s);
          spec(s).setExternalName("http://db.example.com");
        }),
        reject("externalName with port", "service.external-name", "spec.externalName", q("db.example.com:5432"),
            s -> {
              externalName(s);
              spec(s).setExternalName("db.example.com:5432");
            }),
        reject("externalName 254", "service.external-name", "spec.externalName",
            q("a".repeat(250) + ".com") + " must be no more than 253", s -> {
          externalName(s);
          spec(s).setExternalName("a".repeat(250) + ".com");
        }),
        // ---- service.port-name: DNS-1123 label (not IANA), required with more than one port
        reject("port name uppercase", "service.port-name", "spec.ports[1].name", q("Metrics") + " must be",
            s -> port(s, 1).setName("Metrics")),
        reject("port name suggestion", "service.port-name", "spec.ports[1].name", "try " + q("metrics"),
            s -> port(s, 1).setName("Metrics")),
        reject("port name with dot", "service.port-name", "spec.ports[1].name", q("web.metrics"),
            s -> port(s, 1).setName("web.metrics")),
        reject("port name leading dash", "service.port-name", "spec.ports[1].name", q("-metrics"),
            s -> port(s, 1).setName("-metrics")),
        reject("port name underscore", "service.port-name", "spec.ports[0].name", q("web_http"),
            s -> port(s, 0).setName("web_http")),
        reject("port name 64", "service.port-name", "spec.ports[1].name", q(long64), s -> port(s, 1).setName(long64)),
        reject("port name missing of two", "service.port-name", "spec.ports[1].name", "required",
            s -> port(s, 1).setName(null)),
        reject("port name empty of two", "service.port-name", "spec.ports[0].name", "required",
            s -> port(s, 0).setName("")),
        // ---- service.port-name-duplicate
        reject("port name duplicate", "service.port-name-duplicate", "spec.ports[1].name", q("http"),
            s -> port(s, 1).setName("http")),
        // ---- service.port-number
        reject("port 0", "service.port-number", "spec.ports[0].port", "0 must be between 1 and 65535",
            s -> port(s, 0).setPort(0)),
        reject("port 65536", "service.port-number", "spec.ports[1].port", "65536", s -> port(s, 1).setPort(65_536)),
        reject("port negative", "service.port-number", "spec.ports[0].port", "-1", s -> port(s, 0).setPort(-1)),
        reject("port missing", "service.port-number", "spec.ports[0].port", "required", s -> port(s, 0).setPort(null)),
        // ---- service.port-protocol: exact case
        reject("protocol lowercase", "service.port-protocol", "spec.ports[0].protocol", q("tcp"),
            s -> port(s, 0).setProtocol("tcp")),
        reject("protocol suggestion", "service.port-protocol", "spec.ports[0].protocol", "try " + q("TCP"),
            s -> port(s, 0).setProtocol("tcp")),
        reject("protocol HTTP", "service.port-protocol", "spec.ports[1].protocol", q("HTTP"),
            s -> port(s, 1).setProtocol("HTTP")),
        reject("protocol with space", "service.port-protocol", "spec.ports[1].protocol", q("UDP "),
            s -> port(s, 1).setProtocol("UDP ")),
        // ---- service.target-port: number 1-65535 or IANA service name
        reject("targetPort uppercase name", "service.target-port", "spec.ports[0].targetPort", q("HTTP"),
            s -> port(s, 0).setTargetPort(new IntOrString("HTTP"))),
        reject("targetPort double dash", "service.target-port", "spec.ports[0].targetPort", q("http--x"),
            s -> port(s, 0).setTargetPort(new IntOrString("http--x"))),
        reject("targetPort leading dash", "service.target-port", "spec.ports[0].targetPort", q("-http"),
            s -> port(s, 0).setTargetPort(new IntOrString("-http"))),
        reject("targetPort digits as string", "service.target-port", "spec.ports[0].targetPort", q("8080"),
            s -> port(s, 0).setTargetPort(new IntOrString("8080"))),
        reject("targetPort name 16", "service.target-port", "spec.ports[0].targetPort", q("abcdefghijklmnop"),
            s -> port(s, 0).setTargetPort(new IntOrString("abcdefghijklmnop"))),
        reject("targetPort with dot", "service.target-port", "spec.ports[0].targetPort", q("web.http"),
            s -> port(s, 0).setTargetPort(new IntOrString("web.http"))),
        reject("targetPort 65536", "service.target-port", "spec.ports[1].targetPort", "65536",
            s -> port(s, 1).setTargetPort(new IntOrString(65_536))),
        reject("targetPort negative", "service.target-port", "spec.ports[1].targetPort", "-1",
            s -> port(s, 1).setTargetPort(new IntOrString(-1))),
        // ---- service.app-protocol: qualified name
        reject("appProtocol HTTP/2", "service.app-protocol", "spec.ports[0].appProtocol", q("HTTP/2"),
            s -> port(s, 0).setAppProtocol("HTTP/2")),
        reject("appProtocol with space", "service.app-protocol", "spec.ports[0].appProtocol", q("my proto"),
            s -> port(s, 0).setAppProtocol("my proto")),
        reject("appProtocol two slashes", "service.app-protocol", "spec.ports[1].appProtocol", q("a/b/c"),
            s -> port(s, 1).setAppProtocol("a/b/c")),
        reject("appProtocol empty name", "service.app-protocol", "spec.ports[1].appProtocol", q("kubernetes.io/"),
            s -> port(s, 1).setAppProtocol("kubernetes.io/")),
        reject("appProtocol empty", "service.app-protocol", "spec.ports[1].appProtocol", q(""),
            s -> port(s, 1).setAppProtocol("")),
        // ---- service.session-affinity
        reject("affinity lowercase", "service.session-affinity", "spec.sessionAffinity", q("clientip"),
            s -> spec(s).setSessionAffinity("clientip")),
        reject("affinity none lowercase", "service.session-affinity", "spec.sessionAffinity", q("none"),
            s -> spec(s).setSessionAffinity("none")),
        reject("affinity unknown", "service.session-affinity", "spec.sessionAffinity", q("Sticky"),
            s -> spec(s).setSessionAffinity("Sticky")),
        // ---- service.session-affinity-timeout: 1..86400
        reject("affinity timeout 0", "service.session-affinity-timeout",
            "spec.sessionAffinityConfig.clientIP.timeoutSeconds", "0 must be from 1 to 86400",
            s -> affinity(s, "ClientIP", 0)),
        reject("affinity timeout 86401", "service.session-affinity-timeout",
            "spec.sessionAffinityConfig.clientIP.timeoutSeconds", "86401", s -> affinity(s, "ClientIP", 86_401)),
        reject("affinity timeout negative", "service.session-affinity-timeout",
            "spec.sessionAffinityConfig.clientIP.timeoutSeconds", "-5", s -> affinity(s, "ClientIP", -5)),
        // ---- service.session-affinity-config (warning: the API server drops it)
        warn("affinity config with None", "service.session-affinity-config", "spec.sessionAffinityConfig",
            "sessionAffinity is \"None\"", s -> affinity(s, "None", 600)),
        warn("affinity config without affinity", "service.session-affinity-config", "spec.sessionAffinityConfig",
            "sessionAffinity is \"None\"", s -> affinity(s, null, 600)),
        // ---- service.cluster-ips
        reject("clusterIPs[0] differs", "service.cluster-ips", "spec.clusterIPs", q("10.0.0.2"),
            s -> clusterIps(s, "10.0.0.1", null, List.of("10.0.0.2"), null)),
        reject("clusterIPs without clusterIP", "service.cluster-ips", "spec.clusterIPs", q("10.0.0.1"),
            s -> clusterIps(s, null, null, List.of("10.0.0.1"), null)),
        reject("None not alone", "service.cluster-ips", "spec.clusterIPs", q("None") + ", " + q("10.0.0.1"),
            s -> clusterIps(s, "None", "RequireDualStack", List.of("None", "10.0.0.1"), null)),
        reject("three clusterIPs", "service.cluster-ips", "spec.clusterIPs", q("10.0.0.2"),
            s -> clusterIps(s, "10.0.0.1", "RequireDualStack", List.of("10.0.0.1", "fd00::1", "10.0.0.2"), null)),
        reject("clusterIP octet 300", "service.cluster-ips", "spec.clusterIPs[0]", q("10.0.0.300"),
            s -> clusterIps(s, "10.0.0.300", null, null, null)),
        reject("clusterIP with zone", "service.cluster-ips", "spec.clusterIPs[0]", q("fe80::1%eth0"),
            s -> clusterIps(s, "fe80::1%eth0", null, null, null)),
        reject("clusterIP none lowercase", "service.cluster-ips", "spec.clusterIPs[0]", q("none"),
            s -> clusterIps(s, "none", null, null, null)),
        reject("clusterIP bracketed", "service.cluster-ips", "spec.clusterIPs[0]", q("[fd00::1]"),
            s -> clusterIps(s, "[fd00::1]", null, null, null)),
        reject("None second", "service.cluster-ips", "spec.clusterIPs[1]", q("None"),
            s -> clusterIps(s, "10.0.0.1", "PreferDualStack", List.of("10.0.0.1", "None"), null)),
        reject("two IPv4 cluster IPs", "service.cluster-ips", "spec.clusterIPs", q("10.0.0.2"),
            s -> clusterIps(s, "10.0.0.1", "PreferDualStack", List.of("10.0.0.1", "10.0.0.2"), null)),
        reject("two IPv6 cluster IPs", "service.cluster-ips", "spec.clusterIPs", q("fd00::2"),
            s -> clusterIps(s, "fd00::1", "PreferDualStack", List.of("fd00::1", "fd00::2"), null)),
        reject("IPv4 and IPv4-mapped cluster IPs", "service.cluster-ips", "spec.clusterIPs", q("::ffff:10.0.0.2"),
            s -> clusterIps(s, "10.0.0.1", "PreferDualStack", List.of("10.0.0.1", "::ffff:10.0.0.2"), null)),
        reject("IPv4 IP for IPv6 family", "service.cluster-ips", "spec.clusterIPs[0]", q("10.0.0.1"),
            s -> clusterIps(s, "10.0.0.1", null, null, List.of("IPv6"))),
        reject("IPv6 IP for IPv4 family", "service.cluster-ips", "spec.clusterIPs[0]", q("fd00::1"),
            s -> clusterIps(s, "fd00::1", null, null, List.of("IPv4"))),
        reject("IPv4-mapped IP for IPv6 family", "service.cluster-ips", "spec.clusterIPs[0]", q("::ffff:10.0.0.1"),
            s -> clusterIps(s, "::ffff:10.0.0.1", null, null, List.of("IPv6"))),
        reject("dual-stack families swapped", "service.cluster-ips", "spec.clusterIPs[1]", q("fd00::1"),
            s -> clusterIps(s, "10.0.0.1", "RequireDualStack", List.of("10.0.0.1", "fd00::1"),
                List.of("IPv6", "IPv4"))),
        // ---- service.ip-families
        reject("ipFamily lowercase", "service.ip-families", "spec.ipFamilies[0]", q("ipv4"),
            s -> spec(s).setIpFamilies(list("ipv4"))),
        reject("ipFamily unknown", "service.ip-families", "spec.ipFamilies[1]", q("IPv5"), s -> {
          spec(s).setIpFamilyPolicy("PreferDualStack");
          spec(s).setIpFamilies(list("IPv4", "IPv5"));
        }),
        reject("ipFamily twice", "service.ip-families", "spec.ipFamilies[1]", q("IPv4"), s -> {
          spec(s).setIpFamilyPolicy("PreferDualStack");
          spec(s).setIpFamilies(list("IPv4", "IPv4"));
        }),
        // ---- service.ip-family-policy
        reject("ipFamilyPolicy lowercase", "service.ip-family-policy", "spec.ipFamilyPolicy", q("singlestack"),
            s -> spec(s).setIpFamilyPolicy("singlestack")),
        reject("ipFamilyPolicy unknown", "service.ip-family-policy", "spec.ipFamilyPolicy", q("DualStack"),
            s -> spec(s).setIpFamilyPolicy("DualStack")),
        reject("SingleStack with two cluster IPs", "service.ip-family-policy", "spec.ipFamilyPolicy",
            q("SingleStack"), s -> clusterIps(s, "10.0.0.1", "SingleStack", List.of("10.0.0.1", "fd00::1"), null)),
        reject("SingleStack by default with two families", "service.ip-family-policy", "spec.ipFamilyPolicy",
            q("SingleStack"), s -> spec(s).setIpFamilies(list("IPv4", "IPv6"))),
        // ---- service.external-ips: an IP, not special
        reject("externalIP malformed", "service.external-ips", "spec.externalIPs[0]", q("1.2.3.4.5"),
            s -> spec(s).setExternalIPs(list("1.2.3.4.5"))),
        reject("externalIP hostname", "service.external-ips", "spec.externalIPs[0]", q("lb.example.com"),
            s -> spec(s).setExternalIPs(list("lb.example.com"))),
        reject("externalIP CIDR", "service.external-ips", "spec.externalIPs[0]", q("203.0.113.0/24"),
            s -> spec(s).setExternalIPs(list("203.0.113.0/24"))),
        reject("externalIP with zone", "service.external-ips", "spec.externalIPs[0]", q("fe80::1%eth0"),
            s -> spec(s).setExternalIPs(list("fe80::1%eth0"))),
        reject("externalIP second of two", "service.external-ips", "spec.externalIPs[1]", q("127.0.0.1"),
            s -> spec(s).setExternalIPs(list("203.0.113.7", "127.0.0.1"))),
        reject("externalIP loopback", "service.external-ips", "spec.externalIPs[0]",
            q("127.1.2.3") + " may not be in the loopback range", s -> spec(s).setExternalIPs(list("127.1.2.3"))),
        reject("externalIP IPv6 loopback", "service.external-ips", "spec.externalIPs[0]", q("::1") + " may not be",
            s -> spec(s).setExternalIPs(list("::1"))),
        reject("externalIP mapped loopback", "service.external-ips", "spec.externalIPs[0]",
            q("::ffff:127.0.0.1") + " may not be in the loopback", s -> spec(s).setExternalIPs(list("::ffff:127.0.0.1"))),
        reject("externalIP unspecified", "service.external-ips", "spec.externalIPs[0]", q("0.0.0.0") + " may not",
            s -> spec(s).setExternalIPs(list("0.0.0.0"))),
        reject("externalIP IPv6 unspecified", "service.external-ips", "spec.externalIPs[0]",
            q("::") + " may not be unspecified", s -> spec(s).setExternalIPs(list("::"))),
        reject("externalIP unspecified with zeros", "service.external-ips", "spec.externalIPs[0]",
            q("000.0.0.00") + " may not be unspecified", s -> spec(s).setExternalIPs(list("000.0.0.00"))),
        reject("externalIP link-local", "service.external-ips", "spec.externalIPs[0]", q("169.254.169.254"),
            s -> spec(s).setExternalIPs(list("169.254.169.254"))),
        reject("externalIP IPv6 link-local", "service.external-ips", "spec.externalIPs[0]",
            q("febf::1") + " may not be in the link-local range", s -> spec(s).setExternalIPs(list("febf::1"))),
        reject("externalIP link-local multicast", "service.external-ips", "spec.externalIPs[0]", q("224.0.0.251"),
            s -> spec(s).setExternalIPs(list("224.0.0.251"))),
        reject("externalIP IPv6 link-local multicast", "service.external-ips", "spec.externalIPs[0]",
            q("ff02::1") + " may not be in the link-local multicast", s -> spec(s).setExternalIPs(list("ff02::1"))),
        reject("externalIP IPv6 link-local multicast flags", "service.external-ips", "spec.externalIPs[0]",
            q("ff12::1") + " may not be in the link-local multicast", s -> spec(s).setExternalIPs(list("ff12::1"))),
        // ---- service.type
        reject("type lowercase", "service.type", "spec.type", q("clusterip"), s -> type(s, "clusterip")),
        reject("type Headless", "service.type", "spec.type", q("Headless"), s -> type(s, "Headless")),
        // ---- service.node-port
        reject("nodePort on ClusterIP", "service.node-port", "spec.ports[0].nodePort", "30080",
            s -> port(s, 0).setNodePort(30_080)),
        reject("nodePort on headless", "service.node-port", "spec.ports[1].nodePort", "30081", s -> {
          spec(s).setClusterIP("None");
          port(s, 1).setNodePort(30_081);
        }),
        warn("nodePort on ExternalName", "service.node-port", "spec.ports[0].nodePort", "30080", s -> {
          externalName(s);
          port(s, 0).setNodePort(30_080);
        }),
        // ---- service.node-port-range: 30000-32767
        reject("nodePort 80", "service.node-port-range", "spec.ports[0].nodePort", "80 is outside",
            s -> nodePorts(s, "NodePort", 80, null)),
        reject("nodePort 29999", "service.node-port-range", "spec.ports[1].nodePort", "29999",
            s -> nodePorts(s, "NodePort", 30_000, 29_999)),
        reject("nodePort 32768", "service.node-port-range", "spec.ports[0].nodePort", "32768",
            s -> nodePorts(s, "NodePort", 32_768, null)),
        reject("nodePort 65536 on LoadBalancer", "service.node-port-range", "spec.ports[0].nodePort", "65536",
            s -> nodePorts(s, "LoadBalancer", 65_536, null)),
        reject("nodePort negative", "service.node-port-range", "spec.ports[0].nodePort", "-30080",
            s -> nodePorts(s, "NodePort", -30_080, null)),
        reject("nodePort without allocation", "service.node-port-range", "spec.ports[0].nodePort", "40000", s -> {
          nodePorts(s, "LoadBalancer", 40_000, null);
          spec(s).setAllocateLoadBalancerNodePorts(false);
        }),
        // ---- service.node-port-duplicate
        reject("nodePort twice", "service.node-port-duplicate", "spec.ports[1].nodePort", "30080",
            s -> nodePorts(s, "NodePort", 30_080, 30_080)),
        // ---- service.port-duplicate
        reject("port twice", "service.port-duplicate", "spec.ports[1]", "80/TCP", s -> port(s, 1).setPort(80)),
        reject("port twice, protocol defaulted", "service.port-duplicate", "spec.ports[1]", "80/TCP", s -> {
          port(s, 1).setPort(80);
          port(s, 1).setProtocol(null);
        }),
        // ---- service.source-ranges
        reject("source ranges on ClusterIP", "service.source-ranges", "spec.loadBalancerSourceRanges",
            q("10.0.0.0/8"), s -> spec(s).setLoadBalancerSourceRanges(list("10.0.0.0/8"))),
        reject("source ranges on NodePort", "service.source-ranges", "spec.loadBalancerSourceRanges",
            q("10.0.0.0/8") + "] may only be used when type is \"LoadBalancer\" (type is \"NodePort\")",
            s -> {
              type(s, "NodePort");
              spec(s).setLoadBalancerSourceRanges(list("10.0.0.0/8"));
            }),
        reject("source range prefix 33", "service.source-ranges", "spec.loadBalancerSourceRanges[0]",
            q("10.0.0.0/33"), s -> {
              loadBalancer(s);
              spec(s).setLoadBalancerSourceRanges(list("10.0.0.0/33"));
            }),
        reject("source range without prefix", "service.source-ranges", "spec.loadBalancerSourceRanges[1]",
            q("203.0.113.7"), s -> {
              loadBalancer(s);
              spec(s).setLoadBalancerSourceRanges(list("10.0.0.0/8", "203.0.113.7"));
            }),
        reject("source range IPv6 prefix 129", "service.source-ranges", "spec.loadBalancerSourceRanges[0]",
            q("2001:db8::/129"), s -> {
              loadBalancer(s);
              spec(s).setLoadBalancerSourceRanges(list("2001:db8::/129"));
            }),
        reject("source ranges annotation on ClusterIP", "service.source-ranges",
            "metadata.annotations[" + SOURCE_RANGES + "]", q("10.0.0.0/8"),
            s -> annotations(s).put(SOURCE_RANGES, "10.0.0.0/8")),
        reject("source ranges annotation bad item", "service.source-ranges",
            "metadata.annotations[" + SOURCE_RANGES + "]", q("bogus"), s -> {
              loadBalancer(s);
              annotations(s).put(SOURCE_RANGES, "10.0.0.0/8, bogus");
            }),
        reject("source ranges annotation empty item", "service.source-ranges",
            "metadata.annotations[" + SOURCE_RANGES + "]", q(""), s -> {
              loadBalancer(s);
              annotations(s).put(SOURCE_RANGES, "10.0.0.0/8,");
            }),
        // ---- service.load-balancer-only
        reject("allocateLoadBalancerNodePorts on NodePort", "service.load-balancer-only",
            "spec.allocateLoadBalancerNodePorts", "false", s -> {
              type(s, "NodePort");
              spec(s).setAllocateLoadBalancerNodePorts(false);
            }),
        reject("loadBalancerClass on ClusterIP", "service.load-balancer-only", "spec.loadBalancerClass",
            q("example.com/lb"), s -> spec(s).setLoadBalancerClass("example.com/lb")),
        reject("loadBalancerClass on ExternalName", "service.load-balancer-only", "spec.loadBalancerClass",
            q("example.com/lb"), s -> {
              externalName(s);
              spec(s).setLoadBalancerClass("example.com/lb");
            }),
        // ---- service.load-balancer-class
        reject("loadBalancerClass with space", "service.load-balancer-class", "spec.loadBalancerClass",
            q("Bad Class"), s -> {
              loadBalancer(s);
              spec(s).setLoadBalancerClass("Bad Class");
            }),
        reject("loadBalancerClass two slashes", "service.load-balancer-class", "spec.loadBalancerClass",
            q("a/b/c"), s -> {
              loadBalancer(s);
              spec(s).setLoadBalancerClass("a/b/c");
            }),
        reject("loadBalancerClass empty prefix", "service.load-balancer-class", "spec.loadBalancerClass",
            q("/nlb"), s -> {
              loadBalancer(s);
              spec(s).setLoadBalancerClass("/nlb");
            }),
        // ---- service.external-traffic-policy
        reject("ETP on ClusterIP", "service.external-traffic-policy", "spec.externalTrafficPolicy", q("Local"),
            s -> spec(s).setExternalTrafficPolicy("Local")),
        reject("ETP on ExternalName", "service.external-traffic-policy", "spec.externalTrafficPolicy", q("Cluster"),
            s -> {
              externalName(s);
              spec(s).setExternalTrafficPolicy("Cluster");
            }),
        reject("ETP lowercase", "service.external-traffic-policy", "spec.externalTrafficPolicy", q("local"), s -> {
          type(s, "NodePort");
          spec(s).setExternalTrafficPolicy("local");
        }),
        reject("ETP unknown", "service.external-traffic-policy", "spec.externalTrafficPolicy", q("Global"), s -> {
          loadBalancer(s);
          spec(s).setExternalTrafficPolicy("Global");
        }),
        // ---- service.health-check-node-port
        reject("HCNP on NodePort Local", "service.health-check-node-port", "spec.healthCheckNodePort", "30100", s -> {
          type(s, "NodePort");
          spec(s).setExternalTrafficPolicy("Local");
          spec(s).setHealthCheckNodePort(30_100);
        }),
        reject("HCNP on LoadBalancer Cluster", "service.health-check-node-port", "spec.healthCheckNodePort", "30101",
            s -> {
              loadBalancer(s);
              spec(s).setHealthCheckNodePort(30_101);
            }),
        reject("HCNP on ClusterIP", "service.health-check-node-port", "spec.healthCheckNodePort", "30102",
            s -> spec(s).setHealthCheckNodePort(30_102)),
        reject("HCNP out of range", "service.health-check-node-port", "spec.healthCheckNodePort", "80 is outside",
            s -> {
              loadBalancer(s);
              spec(s).setExternalTrafficPolicy("Local");
              spec(s).setHealthCheckNodePort(80);
            }),
        reject("HCNP above range", "service.health-check-node-port", "spec.healthCheckNodePort", "32768", s -> {
          loadBalancer(s);
          spec(s).setExternalTrafficPolicy("Local");
          spec(s).setHealthCheckNodePort(32_768);
        }),
        // ---- service.internal-traffic-policy
        reject("ITP lowercase", "service.internal-traffic-policy", "spec.internalTrafficPolicy", q("local"),
            s -> spec(s).setInternalTrafficPolicy("local")),
        reject("ITP on ExternalName", "service.internal-traffic-policy", "spec.internalTrafficPolicy", q("Node"),
            s -> {
              externalName(s);
              spec(s).setInternalTrafficPolicy("Node");
            }),
        // ---- service.traffic-distribution
        reject("trafficDistribution lowercase", "service.traffic-distribution", "spec.trafficDistribution",
            q("preferclose"), s -> spec(s).setTrafficDistribution("preferclose")),
        reject("trafficDistribution unknown", "service.traffic-distribution", "spec.trafficDistribution",
            q("PreferRegion"), s -> spec(s).setTrafficDistribution("PreferRegion")),
        reject("trafficDistribution empty", "service.traffic-distribution", "spec.trafficDistribution", q(""),
            s -> spec(s).setTrafficDistribution("")),
        // ---- service.topology-annotations
        reject("topology annotations differ", "service.topology-annotations",
            "metadata.annotations[" + TOPOLOGY_MODE + "]", q("Auto"), s -> {
              annotations(s).put(TOPOLOGY_MODE, "Auto");
              annotations(s).put(TOPOLOGY_HINTS, "Disabled");
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<Service> mutation, String rule, Severity severity, String path, String text) {
    Service service = web(mutation);
    List<Finding> findings = validate(service);
    assertFinding(findings, rule, severity, path, text);
  }

  // ================================================================= near misses: accepted

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", s -> { }),
        // metadata
        ok("name 63 characters", s -> meta(s).setName("w" + "a".repeat(62))),
        ok("name with digits and dashes", s -> meta(s).setName("web-1-a")),
        ok("name one letter", s -> meta(s).setName("w")),
        ok("namespace with leading digit (DNS-1123, not 1035)", s -> {
          meta(s).setNamespace("1shop");
          noSelector(s);
        }),
        ok("no namespace and no selector", s -> {
          meta(s).setNamespace(null);
          noSelector(s);
        }),
        ok("prefixed label key", s -> labels(s).put("app.kubernetes.io/name", "web")),
        ok("label key and value with _ and .", s -> labels(s).put("example.com/My_Key.v1", "My.Value_1")),
        ok("label value empty", s -> labels(s).put("tier", "")),
        ok("label value 63", s -> labels(s).put("tier", "v".repeat(63))),
        ok("label key name 63 and prefix", s -> labels(s).put("a.b.example.com/" + "K".repeat(63), "x")),
        ok("no labels", s -> meta(s).setLabels(null)),
        ok("annotation key with uppercase prefix (lower-cased first)", s -> annotations(s).put("Example.COM/Key", "")),
        ok("annotations exactly 256 KiB", s -> annotations(s).put("k", "v".repeat(262_143))),
        ok("annotation value free text", s -> annotations(s).put("description", "Anything: goes / here!")),
        // ports and headless / ExternalName
        ok("headless without ports", s -> {
          spec(s).setClusterIP("None");
          spec(s).setPorts(list());
        }),
        ok("headless with ports", s -> spec(s).setClusterIP("None")),
        ok("headless via clusterIPs", s -> {
          spec(s).setClusterIP("None");
          spec(s).setClusterIPs(list("None"));
        }),
        ok("ExternalName without ports or selector", s -> {
          externalName(s);
          spec(s).setPorts(list());
          noSelector(s);
        }),
        ok("ExternalName keeps selector and ports", Fixtures::externalName),
        ok("ExternalName trailing dot", s -> {
          externalName(s);
          spec(s).setExternalName("db.example.com.");
        }),
        ok("ExternalName single label", s -> {
          externalName(s);
          spec(s).setExternalName("db");
        }),
        ok("ExternalName digits", s -> {
          externalName(s);
          spec(s).setExternalName("123.example.com");
        }),
        ok("ExternalName long label (no per-label limit)", s -> {
          externalName(s);
          spec(s).setExternalName("a".repeat(100) + ".example.com");
        }),
        ok("ExternalName 253", s -> {
          externalName(s);
          spec(s).setExternalName("a".repeat(249) + ".com");
        }),
        ok("ExternalName 253 plus trailing dot", s -> {
          externalName(s);
          spec(s).setExternalName("a".repeat(249) + ".com.");
        }),
        ok("ExternalName internal traffic policy", s -> {
          externalName(s);
          spec(s).setInternalTrafficPolicy("Local");
        }),
        ok("port name all digits (DNS-1123 label, not IANA)", s -> port(s, 1).setName("9090")),
        ok("port name longer than 15 (DNS-1123 label, not IANA)", s -> port(s, 1).setName("metrics-for-prometheus")),
        ok("port name 63", s -> port(s, 1).setName("m".repeat(63))),
        ok("port name with double dash (DNS-1123 allows it)", s -> port(s, 1).setName("metrics--v2")),
        ok("single unnamed port", s -> {
          spec(s).getPorts().remove(1);
          port(s, 0).setName(null);
        }),
        ok("port 1", s -> port(s, 1).setPort(1)),
        ok("port 65535", s -> port(s, 1).setPort(65_535)),
        ok("protocol defaulted from null", s -> port(s, 0).setProtocol(null)),
        ok("protocol defaulted from empty", s -> port(s, 0).setProtocol("")),
        ok("protocol UDP", s -> port(s, 1).setProtocol("UDP")),
        ok("protocol SCTP", s -> port(s, 1).setProtocol("SCTP")),
        ok("same port over TCP and UDP", s -> {
          port(s, 1).setPort(80);
          port(s, 1).setProtocol("UDP");
        }),
        ok("targetPort 0 defaults to port", s -> port(s, 1).setTargetPort(new IntOrString(0))),
        ok("targetPort empty string defaults to port", s -> port(s, 1).setTargetPort(new IntOrString(""))),
        ok("targetPort missing defaults to port", s -> port(s, 1).setTargetPort(null)),
        ok("targetPort name 15 characters", s -> {
          port(s, 0).setTargetPort(new IntOrString("abcdefghijklmno"));
          noSelector(s);
        }),
        ok("targetPort name with digit first", s -> {
          port(s, 0).setTargetPort(new IntOrString("2grpc"));
          noSelector(s);
        }),
        ok("targetPort 1 and 65535", s -> {
          port(s, 0).setTargetPort(new IntOrString(1));
          port(s, 1).setTargetPort(new IntOrString(65_535));
          noSelector(s);
        }),
        ok("appProtocol http", s -> port(s, 0).setAppProtocol("http")),
        ok("appProtocol uppercase name", s -> port(s, 0).setAppProtocol("HTTP")),
        ok("appProtocol kubernetes.io/h2c", s -> port(s, 0).setAppProtocol("kubernetes.io/h2c")),
        ok("appProtocol prefixed mixed case", s -> port(s, 1).setAppProtocol("example.com/My_Proto.v1")),
        // session affinity
        ok("affinity None", s -> spec(s).setSessionAffinity("None")),
        ok("affinity empty", s -> spec(s).setSessionAffinity("")),
        ok("affinity ClientIP defaulted", s -> spec(s).setSessionAffinity("ClientIP")),
        ok("affinity ClientIP with empty config", s -> {
          spec(s).setSessionAffinity("ClientIP");
          spec(s).setSessionAffinityConfig(new SessionAffinityConfig());
        }),
        ok("affinity ClientIP timeout 1", s -> affinity(s, "ClientIP", 1)),
        ok("affinity ClientIP timeout 86400", s -> affinity(s, "ClientIP", 86_400)),
        ok("affinity ClientIP timeout defaulted", s -> affinity(s, "ClientIP", null)),
        // cluster IPs and families
        ok("clusterIP", s -> clusterIps(s, "10.96.0.10", null, null, null)),
        ok("clusterIP and clusterIPs agree", s -> clusterIps(s, "10.96.0.10", null, List.of("10.96.0.10"), null)),
        ok("clusterIP with leading zeros (sloppy)", s -> clusterIps(s, "010.096.000.010", null, null, null)),
        ok("clusterIP IPv6", s -> clusterIps(s, "fd00::10", null, null, List.of("IPv6"))),
        ok("clusterIP IPv4 family", s -> clusterIps(s, "10.96.0.10", "SingleStack", null, List.of("IPv4"))),
        ok("clusterIP IPv4-mapped is IPv4", s -> clusterIps(s, "::ffff:10.0.0.1", null, null, List.of("IPv4"))),
        ok("dual stack", s -> clusterIps(s, "10.0.0.1", "PreferDualStack", List.of("10.0.0.1", "fd00::1"),
            List.of("IPv4", "IPv6"))),
        ok("dual stack IPv6 first", s -> clusterIps(s, "fd00::1", "RequireDualStack", List.of("fd00::1", "10.0.0.1"),
            List.of("IPv6", "IPv4"))),
        ok("dual stack, one family given", s -> clusterIps(s, "10.0.0.1", "RequireDualStack",
            List.of("10.0.0.1", "fd00::1"), List.of("IPv4"))),
        ok("PreferDualStack with one family", s -> clusterIps(s, null, "PreferDualStack", null, List.of("IPv6"))),
        ok("headless ignores family match", s -> clusterIps(s, "None", null, null, List.of("IPv6"))),
        ok("headless selectorless two families default to RequireDualStack", s -> {
          clusterIps(s, "None", null, null, List.of("IPv4", "IPv6"));
          noSelector(s);
        }),
        // external IPs
        ok("externalIPs ordinary", s -> spec(s).setExternalIPs(list("203.0.113.7", "2001:db8::7"))),
        ok("externalIPs near special ranges", s -> spec(s).setExternalIPs(list(
            "224.0.1.1", "169.253.255.255", "169.255.0.1", "126.255.255.255", "128.0.0.1", "0.0.0.1", "::2",
            "ff05::1", "fec0::1", "fe7f::1", "::ffff:203.0.113.7"))),
        ok("externalIP with leading zeros (sloppy)", s -> spec(s).setExternalIPs(list("010.0.0.1"))),
        ok("externalIPs with Local ETP on ClusterIP", s -> {
          spec(s).setExternalIPs(list("203.0.113.7"));
          spec(s).setExternalTrafficPolicy("Local");
        }),
        // type
        ok("type defaulted from null", s -> type(s, null)),
        ok("type defaulted from empty", s -> type(s, "")),
        ok("type NodePort", s -> type(s, "NodePort")),
        ok("type LoadBalancer", ServiceRulesTest::loadBalancer),
        // node ports
        ok("nodePort 30000 and 32767", s -> nodePorts(s, "NodePort", 30_000, 32_767)),
        ok("nodePort 0 is unset", s -> nodePorts(s, "NodePort", 0, 0)),
        ok("nodePort on LoadBalancer", s -> nodePorts(s, "LoadBalancer", 31_000, null)),
        ok("same nodePort over TCP and UDP", s -> {
          nodePorts(s, "NodePort", 30_080, 30_080);
          port(s, 1).setProtocol("UDP");
        }),
        ok("nodePort 0 on ClusterIP", s -> port(s, 0).setNodePort(0)),
        // load balancer fields
        ok("source ranges trimmed", s -> {
          loadBalancer(s);
          spec(s).setLoadBalancerSourceRanges(list(" 10.0.0.0/8 ", "2001:db8::/64"));
        }),
        ok("source range with host bits (sloppy)", s -> {
          loadBalancer(s);
          spec(s).setLoadBalancerSourceRanges(list("1.2.3.4/24", "0.0.0.0/0"));
        }),
        ok("source ranges annotation", s -> {
          loadBalancer(s);
          annotations(s).put(SOURCE_RANGES, " 10.0.0.0/8 , 192.168.0.0/16 ");
        }),
        ok("source ranges annotation empty", s -> {
          loadBalancer(s);
          annotations(s).put(SOURCE_RANGES, "  ");
        }),
        ok("source ranges field wins over a bad annotation", s -> {
          loadBalancer(s);
          spec(s).setLoadBalancerSourceRanges(list("10.0.0.0/8"));
          annotations(s).put(SOURCE_RANGES, "bogus");
        }),
        ok("allocateLoadBalancerNodePorts on LoadBalancer", s -> {
          loadBalancer(s);
          spec(s).setAllocateLoadBalancerNodePorts(false);
        }),
        ok("loadBalancerClass", s -> {
          loadBalancer(s);
          spec(s).setLoadBalancerClass("service.k8s.aws/nlb");
        }),
        ok("loadBalancerClass without prefix", s -> {
          loadBalancer(s);
          spec(s).setLoadBalancerClass("internal");
        }),
        // traffic policies
        ok("ETP Local on NodePort", s -> {
          type(s, "NodePort");
          spec(s).setExternalTrafficPolicy("Local");
        }),
        ok("ETP Cluster on LoadBalancer", s -> {
          loadBalancer(s);
          spec(s).setExternalTrafficPolicy("Cluster");
        }),
        ok("ETP empty on ClusterIP", s -> spec(s).setExternalTrafficPolicy("")),
        ok("HCNP on LoadBalancer Local", s -> {
          loadBalancer(s);
          spec(s).setExternalTrafficPolicy("Local");
          spec(s).setHealthCheckNodePort(30_100);
        }),
        ok("HCNP 0 is unset", s -> spec(s).setHealthCheckNodePort(0)),
        ok("ITP Local", s -> spec(s).setInternalTrafficPolicy("Local")),
        ok("ITP Cluster", s -> spec(s).setInternalTrafficPolicy("Cluster")),
        ok("trafficDistribution PreferClose", s -> spec(s).setTrafficDistribution("PreferClose")),
        ok("trafficDistribution PreferSameZone", s -> spec(s).setTrafficDistribution("PreferSameZone")),
        ok("trafficDistribution PreferSameNode", s -> spec(s).setTrafficDistribution("PreferSameNode")),
        ok("topology mode alone", s -> annotations(s).put(TOPOLOGY_MODE, "Auto")),
        ok("topology hints alone", s -> annotations(s).put(TOPOLOGY_HINTS, "auto")),
        ok("topology annotations agree", s -> {
          annotations(s).put(TOPOLOGY_MODE, "Auto");
          annotations(s).put(TOPOLOGY_HINTS, "Auto");
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<Service> mutation) {
    assertClean(validate(web(mutation)));
  }

  // ================================================================= details

  @Test
  void everyRuleIdOfTheTablesIsExercised() {
    List<String> expected = List.of("metadata.name", "metadata.namespace", "metadata.label-key", "metadata.label-value",
        "metadata.annotation-key", "metadata.annotations-size", "service.ports-required", "service.headless-type",
        "service.external-name-fields", "service.external-name", "service.port-name", "service.port-name-duplicate",
        "service.port-number", "service.port-protocol", "service.target-port", "service.app-protocol",
        "service.session-affinity", "service.session-affinity-timeout", "service.session-affinity-config",
        "service.cluster-ips", "service.ip-families", "service.ip-family-policy", "service.external-ips",
        "service.type", "service.node-port", "service.node-port-range", "service.node-port-duplicate",
        "service.port-duplicate", "service.source-ranges", "service.load-balancer-only",
        "service.load-balancer-class", "service.external-traffic-policy", "service.health-check-node-port",
        "service.internal-traffic-policy", "service.traffic-distribution", "service.topology-annotations");
    var covered = rejected().map(a -> (String) a.get()[1]).collect(java.util.stream.Collectors.toSet());
    for (String rule : expected) {
      assertTrue(covered.contains(rule), "no rejected case for " + rule);
    }
  }

  /** The value after {@code try} in a message, or null. */
  private static String suggestion(Finding finding) {
    var m = java.util.regex.Pattern.compile("; try \"([^\"]*)\"$").matcher(finding.message());
    return m.find() ? m.group(1) : null;
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"HTTP", "Web_Http", "Very-Long-Port-Name", "HTTP_PORT_NUMBER_1",
      "-Admin-", "8080", "A--B", "x.y"})
  void aSuggestionIsAlwaysAcceptable(String bad) {
    List<Finding> findings = new java.util.ArrayList<>();
    findings.addAll(validate(web(s -> {
      port(s, 1).setName(bad);
      port(s, 0).setTargetPort(new IntOrString(bad));
      meta(s).setName(bad);
      meta(s).setNamespace(bad);
      noSelector(s);
    })));
    findings.addAll(validate(web(s -> {
      externalName(s);
      spec(s).setExternalName(bad + ".Example.com");
    })));
    findings.addAll(Validator.validate(List.of(), List.of(new PodSet("App(web)", "shop", Map.of(),
        List.of(new PodSet.ContainerPort(bad, 80, "TCP", Fixtures.APP_LOCATION)), Fixtures.APP_LOCATION, "g")),
        Scope.CLOSED));
    Map<String, java.util.function.Function<String, List<String>>> formats = Map.of(
        "service.port-name", dev.portico.dsl.format.Formats::dns1123Label,
        "service.target-port", dev.portico.dsl.format.Formats::ianaServiceName,
        "app.port-name", dev.portico.dsl.format.Formats::ianaServiceName,
        "metadata.name", dev.portico.dsl.format.Formats::dns1035Label,
        "metadata.namespace", dev.portico.dsl.format.Formats::dns1123Label,
        "service.external-name", dev.portico.dsl.format.Formats::dns1123Subdomain);
    for (Finding finding : findings) {
      String suggestion = suggestion(finding);
      if (suggestion != null) {
        assertTrue(formats.containsKey(finding.rule()), finding::format);
        assertEquals(List.of(), formats.get(finding.rule()).apply(suggestion), finding::format);
      }
    }
  }

  @Test
  void aPortNameProblemIsReportedOncePerProblem() {
    // 64 characters with a dot: too long, and dotted
    List<Finding> findings = validate(web(s -> port(s, 1).setName("m".repeat(60) + ".abc")));
    assertEquals(2, findings.stream().filter(f -> f.rule().equals("service.port-name")).count(),
        Fixtures.describe(findings));
  }

  @Test
  void aDuplicateNameIsReportedEvenWhenInvalid() {
    List<Finding> findings = validate(web(s -> {
      port(s, 0).setName("HTTP");
      port(s, 1).setName("HTTP");
    }));
    Fixtures.find(findings, "service.port-name", "spec.ports[0].name");
    Fixtures.find(findings, "service.port-name", "spec.ports[1].name");
    Fixtures.find(findings, "service.port-name-duplicate", "spec.ports[1].name");
  }

  @Test
  void externalNameForbidsClusterFieldsAllAtOnce() {
    List<Finding> findings = validate(web(s -> {
      externalName(s);
      spec(s).setClusterIP("10.0.0.1");
      spec(s).setIpFamilies(list("IPv4"));
      spec(s).setIpFamilyPolicy("SingleStack");
    }));
    assertEquals(3, findings.size(), Fixtures.describe(findings));
  }

  @Test
  void badClusterIpsStopTheFamilyChecks() {
    // upstream returns after a malformed IP, before the per-family checks
    List<Finding> findings = validate(web(s -> clusterIps(s, "10.0.0.300", null, null, List.of("IPv6"))));
    assertEquals(1, findings.size(), Fixtures.describe(findings));
  }

  @Test
  void theInputIsNotChanged() {
    Service service = web(s -> {
      port(s, 0).setProtocol(null);
      port(s, 1).setTargetPort(null);
      type(s, null);
      spec(s).setSessionAffinity("ClientIP");
      spec(s).setClusterIP("10.0.0.1");
    });
    Service before = new io.fabric8.kubernetes.api.model.ServiceBuilder(service).build();
    validate(service);
    assertEquals(before, service);
  }
}
