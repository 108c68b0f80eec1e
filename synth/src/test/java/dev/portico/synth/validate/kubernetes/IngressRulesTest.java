package dev.portico.synth.validate.kubernetes;

import static dev.portico.synth.validate.Fixtures.assertClean;
import static dev.portico.synth.validate.Fixtures.assertFinding;
import static dev.portico.synth.validate.Fixtures.list;
import static dev.portico.synth.validate.Fixtures.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackendBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Field rules of an Ingress and its metadata, one table of rejected inputs and one of near misses.
 * Each rejected row mutates the valid baseline {@link #ingress()} in one way and names the rule,
 * the exact field path and a text the message must contain (the bad value wherever there is one).
 *
 * <p>The tables run the field rules alone ({@link #check}): {@link Validator} also runs
 * {@link HttpAnalyzers}, whose cross-resource findings (dangling backends, TLS hosts without a rule)
 * most single mutations would add. The baseline with its Service, and a sample of rows, also go
 * through {@link Fixtures#validate}.
 */
class IngressRulesTest {
  private static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";
  private static final String CLASS_ANNOTATION_PATH = "metadata.annotations[" + CLASS_ANNOTATION + "]";
  private static final String RULE0 = "spec.rules[0]";
  private static final String PATH00 = "spec.rules[0].http.paths[0]";
  private static final String BACKEND00 = PATH00 + ".backend";
  private static final String PORT00 = BACKEND00 + ".service.port";
  private static final String RESOURCE00 = BACKEND00 + ".resource";

  // ================================================================= the baseline

  /**
   * Ingress/shop/web, class nginx: shop.example.com "/" (Prefix) to web:http and "/metrics" (Exact)
   * to web:9090; *.shop.example.com "/api" (ImplementationSpecific) to web:80; www.shop.example.com
   * "/" (Prefix) to web:http; TLS for the three hosts from Secret shop-tls. Its backends are ports of
   * {@link Fixtures#web()}.
   */
  static Ingress ingress() {
    return new IngressBuilder()
        .withNewMetadata().withName("web").withNamespace("shop").addToLabels("app", "web").endMetadata()
        .withNewSpec()
        .withIngressClassName("nginx")
        .addNewRule().withHost("shop.example.com").withNewHttp()
        .addNewPath().withPath("/").withPathType("Prefix").withBackend(serviceBackend("web", "http", null)).endPath()
        .addNewPath().withPath("/metrics").withPathType("Exact").withBackend(serviceBackend("web", null, 9090)).endPath()
        .endHttp().endRule()
        .addNewRule().withHost("*.shop.example.com").withNewHttp()
        .addNewPath().withPath("/api").withPathType("ImplementationSpecific")
        .withBackend(serviceBackend("web", null, 80)).endPath()
        .endHttp().endRule()
        .addNewRule().withHost("www.shop.example.com").withNewHttp()
        .addNewPath().withPath("/").withPathType("Prefix").withBackend(serviceBackend("web", "http", null)).endPath()
        .endHttp().endRule()
        .addNewTl().withHosts("shop.example.com", "*.shop.example.com", "www.shop.example.com")
        .withSecretName("shop-tls").endTl()
        .endSpec()
        .build();
  }

  /** A copy of {@link #ingress()} changed by {@code mutation}. */
  static Ingress ingress(Consumer<Ingress> mutation) {
    Ingress ingress = ingress();
    mutation.accept(ingress);
    return ingress;
  }

  private static IngressBackend serviceBackend(String name, String portName, Integer portNumber) {
    return new IngressBackendBuilder().withNewService().withName(name)
        .withNewPort().withName(portName).withNumber(portNumber).endPort().endService().build();
  }

  private static ObjectMeta meta(Ingress i) {
    return i.getMetadata();
  }

  private static IngressSpec spec(Ingress i) {
    return i.getSpec();
  }

  private static IngressRule rule(Ingress i, int index) {
    return i.getSpec().getRules().get(index);
  }

  private static HTTPIngressPath path(Ingress i, int rule, int index) {
    return rule(i, rule).getHttp().getPaths().get(index);
  }

  private static IngressBackend backend(Ingress i, int rule, int index) {
    return path(i, rule, index).getBackend();
  }

  private static IngressServiceBackend service(Ingress i) {
    return backend(i, 0, 0).getService();
  }

  private static ServiceBackendPort port(Ingress i) {
    return service(i).getPort();
  }

  /** Makes the first path's backend a resource backend: apiGroup, kind and name as given. */
  private static TypedLocalObjectReference resource(Ingress i, String apiGroup, String kind, String name) {
    TypedLocalObjectReference resource = new TypedLocalObjectReference(apiGroup, kind, name);
    backend(i, 0, 0).setService(null);
    backend(i, 0, 0).setResource(resource);
    return resource;
  }

  private static void firstPath(Ingress i, String type, String value) {
    path(i, 0, 0).setPathType(type);
    path(i, 0, 0).setPath(value);
  }

  private static IngressTLS tls(Ingress i, int index) {
    return i.getSpec().getTls().get(index);
  }

  private static void tlsHost(Ingress i, int index, String host) {
    tls(i, 0).getHosts().set(index, host);
  }

  private static Map<String, String> labels(Ingress i) {
    if (meta(i).getLabels() == null) {
      meta(i).setLabels(new HashMap<>());
    }
    return meta(i).getLabels();
  }

  private static Map<String, String> annotations(Ingress i) {
    if (meta(i).getAnnotations() == null) {
      meta(i).setAnnotations(new HashMap<>());
    }
    return meta(i).getAnnotations();
  }

  private static void defaultBackendOnly(Ingress i) {
    spec(i).setRules(list());
    spec(i).setDefaultBackend(serviceBackend("web", "http", null));
  }

  /** The field rules' findings for {@code ingress}, as {@link Validator} reports them but without the analyzers. */
  static List<Finding> check(Ingress ingress) {
    List<Finding> findings = new ArrayList<>();
    IngressRules.check(new Check(Fixtures.resource(ingress), findings), ingress);
    findings.sort(Finding.ORDER);
    return findings;
  }

  private static Arguments reject(String name, String rule, String path, String text, Consumer<Ingress> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.ERROR, path, text);
  }

  private static Arguments ok(String name, Consumer<Ingress> mutation) {
    return Arguments.of(Named.of(name, mutation));
  }

  private static String q(String value) {
    return "\"" + value + "\"";
  }

  // ================================================================= rejected inputs

  static Stream<Arguments> rejected() {
    return Stream.of(metadataRejected(), specRejected(), hostRejected(), pathRejected(), backendRejected(),
        tlsRejected()).flatMap(s -> s);
  }

  private static Stream<Arguments> metadataRejected() {
    String long254 = "a".repeat(250) + ".com";
    return Stream.of(
        // ---- metadata.name: a DNS-1123 subdomain for an Ingress
        reject("name uppercase", "metadata.name", "metadata.name", q("Web") + " must be a DNS-1123 subdomain",
            i -> meta(i).setName("Web")),
        reject("name underscore", "metadata.name", "metadata.name", q("web_1"), i -> meta(i).setName("web_1")),
        reject("name 254", "metadata.name", "metadata.name", q(long254), i -> meta(i).setName(long254)),
        reject("name missing", "metadata.name", "metadata.name", "required", i -> meta(i).setName(null)),
        reject("metadata missing", "metadata.name", "metadata", "required", i -> i.setMetadata(null)),
        // ---- metadata.namespace, labels, annotations
        reject("namespace uppercase", "metadata.namespace", "metadata.namespace", q("Shop"),
            i -> meta(i).setNamespace("Shop")),
        reject("namespace with a dot", "metadata.namespace", "metadata.namespace", q("shop.prod"),
            i -> meta(i).setNamespace("shop.prod")),
        reject("label key with space", "metadata.label-key", "metadata.labels[Bad Key]", q("Bad Key"),
            i -> labels(i).put("Bad Key", "x")),
        reject("label value leading dash", "metadata.label-value", "metadata.labels[app]", q("-web"),
            i -> labels(i).put("app", "-web")),
        reject("annotation key two slashes", "metadata.annotation-key", "metadata.annotations[a/b/c]", q("a/b/c"),
            i -> annotations(i).put("a/b/c", "v")),
        reject("annotations over 256 KiB", "metadata.annotations-size", "metadata.annotations", "262145",
            i -> annotations(i).put("k", "v".repeat(262_144))));
  }

  private static Stream<Arguments> specRejected() {
    return Stream.of(
        // ---- ingress.rules-required
        reject("no rules, no default backend", "ingress.rules-required", "spec", "either defaultBackend or rules",
            i -> spec(i).setRules(list())),
        reject("rules null", "ingress.rules-required", "spec", "either defaultBackend or rules",
            i -> spec(i).setRules(null)),
        reject("no spec", "ingress.rules-required", "spec", "either defaultBackend or rules", i -> i.setSpec(null)),
        reject("tls only", "ingress.rules-required", "spec", "either defaultBackend or rules", i -> {
          spec(i).setRules(list());
          spec(i).setIngressClassName(null);
        }),
        // ---- ingress.class-name: a DNS-1123 subdomain
        reject("class name uppercase", "ingress.class-name", "spec.ingressClassName",
            q("Nginx") + " must be a DNS-1123 subdomain", i -> spec(i).setIngressClassName("Nginx")),
        reject("class name suggestion", "ingress.class-name", "spec.ingressClassName", "try " + q("nginx"),
            i -> spec(i).setIngressClassName("Nginx")),
        reject("class name underscore", "ingress.class-name", "spec.ingressClassName", "try " + q("nginx-internal"),
            i -> spec(i).setIngressClassName("nginx_internal")),
        reject("class name empty", "ingress.class-name", "spec.ingressClassName", q(""),
            i -> spec(i).setIngressClassName("")),
        reject("class name 254", "ingress.class-name", "spec.ingressClassName", "no more than 253",
            i -> spec(i).setIngressClassName("a".repeat(254))),
        // ---- ingress.class-annotation: equal to ingressClassName when both are set
        reject("class annotation differs", "ingress.class-annotation", CLASS_ANNOTATION_PATH,
            q("traefik") + " must match spec.ingressClassName (" + q("nginx") + ")",
            i -> annotations(i).put(CLASS_ANNOTATION, "traefik")),
        reject("class annotation suggestion", "ingress.class-annotation", CLASS_ANNOTATION_PATH, "try " + q("nginx"),
            i -> annotations(i).put(CLASS_ANNOTATION, "traefik")),
        reject("class annotation case differs", "ingress.class-annotation", CLASS_ANNOTATION_PATH, q("Nginx"),
            i -> annotations(i).put(CLASS_ANNOTATION, "Nginx")),
        reject("class annotation empty", "ingress.class-annotation", CLASS_ANNOTATION_PATH, q(""),
            i -> annotations(i).put(CLASS_ANNOTATION, "")),
        reject("class annotation with empty class name", "ingress.class-annotation", CLASS_ANNOTATION_PATH,
            q("nginx"), i -> {
              annotations(i).put(CLASS_ANNOTATION, "nginx");
              spec(i).setIngressClassName("");
            }));
  }

  private static Stream<Arguments> hostRejected() {
    String host = RULE0 + ".host";
    String long254 = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58) + ".com";
    return Stream.of(
        // ---- ingress.host: a DNS-1123 subdomain, or '*.' and one
        reject("host uppercase", "ingress.host", host, q("Shop.example.com") + " must be a DNS-1123 subdomain",
            i -> rule(i, 0).setHost("Shop.example.com")),
        reject("host suggestion lowercase", "ingress.host", host, "try " + q("shop.example.com"),
            i -> rule(i, 0).setHost("Shop.Example.COM")),
        reject("host trailing dot", "ingress.host", host, "try " + q("shop.example.com"),
            i -> rule(i, 0).setHost("shop.example.com.")),
        reject("host with port", "ingress.host", host, q("shop.example.com:8080") + " must be",
            i -> rule(i, 0).setHost("shop.example.com:8080")),
        reject("host with port suggestion", "ingress.host", host, "try " + q("shop.example.com"),
            i -> rule(i, 0).setHost("shop.example.com:8080")),
        reject("host URL", "ingress.host", host, "try " + q("shop.example.com"),
            i -> rule(i, 0).setHost("https://shop.example.com/")),
        reject("host underscore", "ingress.host", host, q("shop_1.example.com"),
            i -> rule(i, 0).setHost("shop_1.example.com")),
        reject("host empty label", "ingress.host", host, q("shop..example.com"),
            i -> rule(i, 0).setHost("shop..example.com")),
        reject("host leading dash", "ingress.host", host, q("-shop.example.com"),
            i -> rule(i, 0).setHost("-shop.example.com")),
        reject("host 254", "ingress.host", host, "no more than 253", i -> rule(i, 0).setHost(long254)),
        reject("host IPv6 is no DNS name", "ingress.host", host, q("2001:db8::1"),
            i -> rule(i, 0).setHost("2001:db8::1")),
        reject("wildcard in the middle", "ingress.host", host, q("shop.*.example.com") + " must be a wildcard",
            i -> rule(i, 0).setHost("shop.*.example.com")),
        reject("wildcard at the end", "ingress.host", "spec.rules[1].host", q("shop.example.*"),
            i -> rule(i, 1).setHost("shop.example.*")),
        reject("wildcard alone", "ingress.host", "spec.rules[1].host", q("*"), i -> rule(i, 1).setHost("*")),
        reject("wildcard partial label", "ingress.host", "spec.rules[1].host", q("*shop.example.com"),
            i -> rule(i, 1).setHost("*shop.example.com")),
        reject("wildcard double", "ingress.host", "spec.rules[1].host", q("*.*.example.com"),
            i -> rule(i, 1).setHost("*.*.example.com")),
        reject("wildcard two stars", "ingress.host", "spec.rules[1].host", q("**.example.com"),
            i -> rule(i, 1).setHost("**.example.com")),
        reject("wildcard uppercase", "ingress.host", "spec.rules[1].host", "try " + q("*.shop.example.com"),
            i -> rule(i, 1).setHost("*.Shop.example.com")),
        reject("wildcard without a domain", "ingress.host", "spec.rules[1].host", q("*."),
            i -> rule(i, 1).setHost("*.")),
        // ---- ingress.host-ip
        reject("host IPv4", "ingress.host-ip", host, q("10.0.0.1") + " must be a DNS name, not an IP address",
            i -> rule(i, 0).setHost("10.0.0.1")),
        reject("host IPv4 leading zeros", "ingress.host-ip", host, q("010.0.0.1"),
            i -> rule(i, 0).setHost("010.0.0.1")),
        reject("host IPv6", "ingress.host-ip", host, q("2001:db8::1"), i -> rule(i, 0).setHost("2001:db8::1")),
        reject("host IPv6 loopback", "ingress.host-ip", host, q("::1"), i -> rule(i, 0).setHost("::1")),
        // ---- ingress.paths-required
        reject("http without paths", "ingress.paths-required", RULE0 + ".http.paths", "at least one path",
            i -> rule(i, 0).getHttp().setPaths(list())),
        reject("http paths null", "ingress.paths-required", "spec.rules[1].http.paths", "at least one path",
            i -> rule(i, 1).setHttp(new HTTPIngressRuleValue())));
  }

  private static Stream<Arguments> pathRejected() {
    String path = PATH00 + ".path";
    String type = PATH00 + ".pathType";
    return Stream.of(
        // ---- ingress.path-type
        reject("pathType missing", "ingress.path-type", type, "pathType is required",
            i -> path(i, 0, 0).setPathType(null)),
        reject("pathType lowercase", "ingress.path-type", type, q("prefix") + " is not supported",
            i -> path(i, 0, 0).setPathType("prefix")),
        reject("pathType suggestion", "ingress.path-type", type, "try " + q("ImplementationSpecific"),
            i -> path(i, 0, 0).setPathType("implementationSpecific")),
        reject("pathType unknown", "ingress.path-type", "spec.rules[0].http.paths[1].pathType", q("Regex"),
            i -> path(i, 0, 1).setPathType("Regex")),
        reject("pathType empty", "ingress.path-type", type, q(""), i -> path(i, 0, 0).setPathType("")),
        // ---- ingress.path-absolute
        reject("Prefix relative", "ingress.path-absolute", path, q("shop") + " must be an absolute path",
            i -> firstPath(i, "Prefix", "shop")),
        reject("Prefix relative suggestion", "ingress.path-absolute", path, "try " + q("/shop"),
            i -> firstPath(i, "Prefix", "shop")),
        reject("Prefix empty", "ingress.path-absolute", path, q("") + " must be an absolute path",
            i -> firstPath(i, "Prefix", "")),
        reject("Prefix null", "ingress.path-absolute", path, "try " + q("/"), i -> firstPath(i, "Prefix", null)),
        reject("Exact relative", "ingress.path-absolute", "spec.rules[0].http.paths[1].path", q("metrics"),
            i -> path(i, 0, 1).setPath("metrics")),
        reject("Exact empty", "ingress.path-absolute", "spec.rules[0].http.paths[1].path", "(pathType Exact)",
            i -> path(i, 0, 1).setPath("")),
        reject("ImplementationSpecific relative", "ingress.path-absolute", "spec.rules[1].http.paths[0].path",
            q("api") + " must be empty or an absolute path", i -> path(i, 1, 0).setPath("api")),
        reject("ImplementationSpecific regex", "ingress.path-absolute", "spec.rules[1].http.paths[0].path",
            q("~* ^/api"), i -> path(i, 1, 0).setPath("~* ^/api")),
        // ---- ingress.path-sequence: each of invalidPathSequences
        reject("Prefix with //", "ingress.path-sequence", path, q("/shop//cart") + " must not contain '//'",
            i -> firstPath(i, "Prefix", "/shop//cart")),
        reject("Prefix with // suggestion", "ingress.path-sequence", path, "try " + q("/shop/cart"),
            i -> firstPath(i, "Prefix", "/shop//cart")),
        reject("Prefix leading //", "ingress.path-sequence", path, q("//shop") + " must not contain '//'",
            i -> firstPath(i, "Prefix", "//shop")),
        reject("Prefix with /./", "ingress.path-sequence", path, q("/shop/./cart") + " must not contain '/./'",
            i -> firstPath(i, "Prefix", "/shop/./cart")),
        reject("Prefix with /./ suggestion", "ingress.path-sequence", path, "try " + q("/shop/cart"),
            i -> firstPath(i, "Prefix", "/shop/./cart")),
        reject("Prefix with /../", "ingress.path-sequence", path, q("/shop/../admin") + " must not contain '/../'",
            i -> firstPath(i, "Prefix", "/shop/../admin")),
        reject("Prefix with %2f", "ingress.path-sequence", path, q("/shop%2fcart") + " must not contain '%2f'",
            i -> firstPath(i, "Prefix", "/shop%2fcart")),
        reject("Prefix with %2F", "ingress.path-sequence", path, q("/shop%2Fcart") + " must not contain '%2F'",
            i -> firstPath(i, "Prefix", "/shop%2Fcart")),
        reject("Exact with //", "ingress.path-sequence", "spec.rules[0].http.paths[1].path",
            q("/metrics//") + " must not contain '//'", i -> path(i, 0, 1).setPath("/metrics//")),
        reject("Exact with /../", "ingress.path-sequence", "spec.rules[0].http.paths[1].path",
            q("/../metrics") + " must not contain '/../'", i -> path(i, 0, 1).setPath("/../metrics")),
        reject("Exact with %2F", "ingress.path-sequence", "spec.rules[0].http.paths[1].path",
            q("/a%2F") + " must not contain '%2F'", i -> path(i, 0, 1).setPath("/a%2F")),
        // ---- ingress.path-suffix: each of invalidPathSuffixes
        reject("Prefix ending /..", "ingress.path-suffix", path, q("/shop/..") + " must not end with '/..'",
            i -> firstPath(i, "Prefix", "/shop/..")),
        reject("Prefix ending /.", "ingress.path-suffix", path, q("/shop/.") + " must not end with '/.'",
            i -> firstPath(i, "Prefix", "/shop/.")),
        reject("Prefix ending /. suggestion", "ingress.path-suffix", path, "try " + q("/shop/"),
            i -> firstPath(i, "Prefix", "/shop/.")),
        reject("Exact /.", "ingress.path-suffix", "spec.rules[0].http.paths[1].path", q("/.") + " must not end",
            i -> path(i, 0, 1).setPath("/.")),
        reject("Exact /..", "ingress.path-suffix", "spec.rules[0].http.paths[1].path", q("/..") + " must not end",
            i -> path(i, 0, 1).setPath("/..")));
  }

  private static Stream<Arguments> backendRejected() {
    return Stream.of(
        // ---- ingress.backend: exactly one of service and resource
        reject("backend with service and resource", "ingress.backend", BACKEND00, "both service and resource",
            i -> backend(i, 0, 0).setResource(new TypedLocalObjectReference("k8s.example.com", "Bucket", "b"))),
        reject("backend empty", "ingress.backend", BACKEND00, "required",
            i -> path(i, 0, 0).setBackend(new IngressBackend())),
        reject("backend missing", "ingress.backend", "spec.rules[1].http.paths[0].backend", "required",
            i -> path(i, 1, 0).setBackend(null)),
        reject("defaultBackend empty", "ingress.backend", "spec.defaultBackend", "required",
            i -> spec(i).setDefaultBackend(new IngressBackend())),
        // ---- ingress.service-name: a DNS-1035 label
        reject("service name uppercase", "ingress.service-name", BACKEND00 + ".service.name",
            q("Web") + " must be a DNS-1035 label", i -> service(i).setName("Web")),
        reject("service name suggestion", "ingress.service-name", BACKEND00 + ".service.name", "try " + q("web"),
            i -> service(i).setName("Web")),
        reject("service name leading digit", "ingress.service-name", BACKEND00 + ".service.name", q("1web"),
            i -> service(i).setName("1web")),
        reject("service name with a dot", "ingress.service-name", BACKEND00 + ".service.name", q("web.shop"),
            i -> service(i).setName("web.shop")),
        reject("service name 64", "ingress.service-name", BACKEND00 + ".service.name", "no more than 63",
            i -> service(i).setName("w".repeat(64))),
        reject("service name empty", "ingress.service-name", BACKEND00 + ".service.name", "required",
            i -> service(i).setName("")),
        reject("service name missing", "ingress.service-name", BACKEND00 + ".service.name", "required",
            i -> service(i).setName(null)),
        reject("defaultBackend service name", "ingress.service-name", "spec.defaultBackend.service.name", q("Web"),
            i -> spec(i).setDefaultBackend(serviceBackend("Web", "http", null))),
        // ---- ingress.service-port: exactly one of name and number
        reject("port name and number", "ingress.service-port", PORT00,
            "sets both name " + q("http") + " and number 80", i -> port(i).setNumber(80)),
        reject("port neither", "ingress.service-port", PORT00, "a port name or number is required",
            i -> port(i).setName(null)),
        reject("port empty name, number 0", "ingress.service-port", PORT00, "required", i -> {
          port(i).setName("");
          port(i).setNumber(0);
        }),
        reject("port missing", "ingress.service-port", PORT00, "required", i -> service(i).setPort(null)),
        reject("defaultBackend port neither", "ingress.service-port", "spec.defaultBackend.service.port", "required",
            i -> spec(i).setDefaultBackend(serviceBackend("web", null, null))),
        // ---- ingress.service-port-name: an IANA service name
        reject("port name uppercase", "ingress.service-port-name", PORT00 + ".name", q("HTTP"),
            i -> port(i).setName("HTTP")),
        reject("port name suggestion", "ingress.service-port-name", PORT00 + ".name", "try " + q("http"),
            i -> port(i).setName("HTTP")),
        reject("port name digits", "ingress.service-port-name", PORT00 + ".name", "set number instead of name",
            i -> port(i).setName("8080")),
        reject("port name double dash", "ingress.service-port-name", PORT00 + ".name", q("http--web"),
            i -> port(i).setName("http--web")),
        reject("port name leading dash", "ingress.service-port-name", PORT00 + ".name", q("-http"),
            i -> port(i).setName("-http")),
        reject("port name 16", "ingress.service-port-name", PORT00 + ".name", q("abcdefghijklmnop"),
            i -> port(i).setName("abcdefghijklmnop")),
        reject("port name with dot", "ingress.service-port-name", PORT00 + ".name", q("web.http"),
            i -> port(i).setName("web.http")),
        // ---- ingress.service-port-number: 1-65535
        reject("port number 65536", "ingress.service-port-number", "spec.rules[0].http.paths[1].backend.service.port.number",
            "65536 must be between 1 and 65535", i -> backend(i, 0, 1).getService().getPort().setNumber(65_536)),
        reject("port number negative", "ingress.service-port-number",
            "spec.rules[0].http.paths[1].backend.service.port.number", "-1",
            i -> backend(i, 0, 1).getService().getPort().setNumber(-1)),
        // ---- ingress.resource-api-group: a DNS-1123 subdomain when set
        reject("resource apiGroup uppercase", "ingress.resource-api-group", RESOURCE00 + ".apiGroup",
            q("Storage.k8s.io"), i -> resource(i, "Storage.k8s.io", "Bucket", "static")),
        reject("resource apiGroup suggestion", "ingress.resource-api-group", RESOURCE00 + ".apiGroup",
            "try " + q("storage.k8s.io"), i -> resource(i, "Storage.k8s.io", "Bucket", "static")),
        reject("resource apiGroup empty", "ingress.resource-api-group", RESOURCE00 + ".apiGroup", q(""),
            i -> resource(i, "", "Bucket", "static")),
        reject("resource apiGroup with version", "ingress.resource-api-group", RESOURCE00 + ".apiGroup",
            q("storage.k8s.io/v1"), i -> resource(i, "storage.k8s.io/v1", "Bucket", "static")),
        reject("resource apiGroup with version suggestion", "ingress.resource-api-group", RESOURCE00 + ".apiGroup",
            "try " + q("storage.k8s.io"), i -> resource(i, "storage.k8s.io/v1", "Bucket", "static")),
        // ---- ingress.resource-kind: required, a path segment name
        reject("resource kind missing", "ingress.resource-kind", RESOURCE00 + ".kind", "required",
            i -> resource(i, null, null, "static")),
        reject("resource kind empty", "ingress.resource-kind", RESOURCE00 + ".kind", "required",
            i -> resource(i, null, "", "static")),
        reject("resource kind dot", "ingress.resource-kind", RESOURCE00 + ".kind", q(".") + " may not be '.'",
            i -> resource(i, null, ".", "static")),
        reject("resource kind dot dot", "ingress.resource-kind", RESOURCE00 + ".kind", q("..") + " may not be '..'",
            i -> resource(i, null, "..", "static")),
        reject("resource kind slash", "ingress.resource-kind", RESOURCE00 + ".kind", q("v1/Bucket") + " may not contain '/'",
            i -> resource(i, null, "v1/Bucket", "static")),
        reject("resource kind percent", "ingress.resource-kind", RESOURCE00 + ".kind", q("Bucket%") + " may not contain '%'",
            i -> resource(i, null, "Bucket%", "static")),
        // ---- ingress.resource-name: required, a path segment name
        reject("resource name missing", "ingress.resource-name", RESOURCE00 + ".name", "required",
            i -> resource(i, null, "Bucket", null)),
        reject("resource name empty", "ingress.resource-name", RESOURCE00 + ".name", "required",
            i -> resource(i, null, "Bucket", "")),
        reject("resource name dot dot", "ingress.resource-name", RESOURCE00 + ".name", q(".."),
            i -> resource(i, null, "Bucket", "..")),
        reject("resource name slash", "ingress.resource-name", RESOURCE00 + ".name", q("a/b") + " may not contain '/'",
            i -> resource(i, null, "Bucket", "a/b")),
        reject("resource name percent", "ingress.resource-name", RESOURCE00 + ".name", q("100%") + " may not contain '%'",
            i -> resource(i, null, "Bucket", "100%")),
        reject("defaultBackend resource", "ingress.resource-name", "spec.defaultBackend.resource.name", "required",
            i -> spec(i).setDefaultBackend(new IngressBackend(new TypedLocalObjectReference(null, "Bucket", null), null))));
  }

  private static Stream<Arguments> tlsRejected() {
    return Stream.of(
        // ---- ingress.tls-host: DNS-1123 subdomain or wildcard
        reject("tls host uppercase", "ingress.tls-host", "spec.tls[0].hosts[1]", q("*.Shop.example.com"),
            i -> tlsHost(i, 1, "*.Shop.example.com")),
        reject("tls host suggestion", "ingress.tls-host", "spec.tls[0].hosts[2]", "try " + q("www.shop.example.com"),
            i -> tlsHost(i, 2, "WWW.shop.example.com")),
        reject("tls host wildcard in the middle", "ingress.tls-host", "spec.tls[0].hosts[1]",
            q("www.*.example.com") + " must be a wildcard", i -> tlsHost(i, 1, "www.*.example.com")),
        reject("tls host with port", "ingress.tls-host", "spec.tls[0].hosts[0]", q("shop.example.com:443"),
            i -> tlsHost(i, 0, "shop.example.com:443")),
        reject("tls host empty", "ingress.tls-host", "spec.tls[0].hosts[0]", q("") + " must be a DNS-1123 subdomain",
            i -> tlsHost(i, 0, "")),
        reject("tls host null", "ingress.tls-host", "spec.tls[0].hosts[1]", q(""), i -> tlsHost(i, 1, null)),
        reject("tls host IPv6", "ingress.tls-host", "spec.tls[0].hosts[0]", q("2001:db8::1"),
            i -> tlsHost(i, 0, "2001:db8::1")),
        // ---- ingress.tls-secret-name: DNS-1123 subdomain when set
        reject("tls secretName uppercase", "ingress.tls-secret-name", "spec.tls[0].secretName",
            q("Shop_TLS") + " must be a DNS-1123 subdomain", i -> tls(i, 0).setSecretName("Shop_TLS")),
        reject("tls secretName suggestion", "ingress.tls-secret-name", "spec.tls[0].secretName", "try " + q("shop-tls"),
            i -> tls(i, 0).setSecretName("Shop_TLS")),
        reject("tls secretName trailing dot", "ingress.tls-secret-name", "spec.tls[0].secretName", q("shop-tls."),
            i -> tls(i, 0).setSecretName("shop-tls.")),
        reject("tls secretName with namespace", "ingress.tls-secret-name", "spec.tls[0].secretName", q("shop/shop-tls"),
            i -> tls(i, 0).setSecretName("shop/shop-tls")),
        reject("tls secretName with namespace suggestion", "ingress.tls-secret-name", "spec.tls[0].secretName",
            "try " + q("shop-tls"), i -> tls(i, 0).setSecretName("shop/shop-tls")),
        reject("tls secretName 254", "ingress.tls-secret-name", "spec.tls[0].secretName", "no more than 253",
            i -> tls(i, 0).setSecretName("s".repeat(254))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejected(Consumer<Ingress> mutation, String rule, Severity severity, String path, String text) {
    assertFinding(check(ingress(mutation)), rule, severity, path, text);
  }

  // ================================================================= accepted near misses

  static Stream<Arguments> accepted() {
    return Stream.of(
        ok("baseline", i -> { }),
        // metadata
        ok("name with dots (a subdomain)", i -> meta(i).setName("web.v1")),
        ok("name with leading digit", i -> meta(i).setName("1web")),
        ok("no namespace", i -> meta(i).setNamespace(null)),
        // spec
        ok("defaultBackend only", IngressRulesTest::defaultBackendOnly),
        ok("defaultBackend and rules", i -> spec(i).setDefaultBackend(serviceBackend("web", null, 80))),
        ok("no class name", i -> spec(i).setIngressClassName(null)),
        ok("class name a subdomain", i -> spec(i).setIngressClassName("nginx.example.com")),
        ok("class name 253", i -> spec(i).setIngressClassName("a".repeat(253))),
        ok("class annotation equal to class name", i -> annotations(i).put(CLASS_ANNOTATION, "nginx")),
        ok("class annotation alone, any value", i -> {
          spec(i).setIngressClassName(null);
          annotations(i).put(CLASS_ANNOTATION, "Any Value!");
        }),
        ok("class annotation alone, empty", i -> {
          spec(i).setIngressClassName(null);
          annotations(i).put(CLASS_ANNOTATION, "");
        }),
        ok("other ingress annotations", i -> annotations(i).put("nginx.ingress.kubernetes.io/rewrite-target", "/$2")),
        // hosts
        ok("wildcard host", i -> rule(i, 0).setHost("*.example.com")),
        ok("wildcard one-label domain", i -> rule(i, 0).setHost("*.local")),
        ok("single-label host", i -> rule(i, 0).setHost("localhost")),
        ok("host empty", i -> rule(i, 0).setHost("")),
        ok("host missing", i -> rule(i, 0).setHost(null)),
        ok("host punycode", i -> rule(i, 0).setHost("xn--bcher-kva.example.com")),
        ok("host digits, not an IP", i -> rule(i, 0).setHost("1.2.3")),
        ok("host five numbers, not an IP", i -> rule(i, 0).setHost("1.2.3.4.5")),
        ok("host 253", i -> rule(i, 0).setHost("a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "."
            + "d".repeat(61))),
        ok("rule without http", i -> rule(i, 0).setHttp(null)),
        ok("wildcard rule", i -> rule(i, 1).setHost("*.example.com")),
        // paths
        ok("ImplementationSpecific empty path", i -> path(i, 1, 0).setPath("")),
        ok("ImplementationSpecific null path", i -> path(i, 1, 0).setPath(null)),
        ok("ImplementationSpecific unnormalized path", i -> path(i, 1, 0).setPath("/a//b/../c/./%2f/..")),
        ok("ImplementationSpecific regex after /", i -> path(i, 1, 0).setPath("/api(/|$)(.*)")),
        ok("Prefix /", i -> firstPath(i, "Prefix", "/")),
        ok("Prefix %2 without f", i -> firstPath(i, "Prefix", "/a%2")),
        ok("Prefix %2e", i -> firstPath(i, "Prefix", "/a%2e%2e/b")),
        ok("Prefix %252f", i -> firstPath(i, "Prefix", "/a%252f")),
        ok("Prefix dotted file", i -> firstPath(i, "Prefix", "/foo.bar")),
        ok("Prefix .well-known", i -> firstPath(i, "Prefix", "/.well-known/acme-challenge")),
        ok("Prefix dot dot inside a segment", i -> firstPath(i, "Prefix", "/a..b/..c/d..")),
        ok("Prefix hidden segment", i -> firstPath(i, "Prefix", "/a/.b")),
        ok("Prefix trailing slash", i -> firstPath(i, "Prefix", "/shop/")),
        ok("Prefix with space and star (no character rule upstream)", i -> firstPath(i, "Prefix", "/a b/*")),
        ok("Prefix with query-like text", i -> firstPath(i, "Prefix", "/search?q=1")),
        ok("Exact with tilde", i -> path(i, 0, 1).setPath("/~user/")),
        // backends
        ok("resource backend", i -> resource(i, "k8s.example.com", "StorageBucket", "static-assets")),
        ok("resource backend, core group", i -> resource(i, null, "ConfigMap", "static")),
        ok("resource kind and name with odd characters", i -> resource(i, null, "Storage Bucket", "A_b.c")),
        ok("defaultBackend resource", i -> {
          spec(i).setRules(list());
          spec(i).setDefaultBackend(new IngressBackend(new TypedLocalObjectReference(null, "Bucket", "b"), null));
        }),
        ok("service name 63", i -> service(i).setName("w".repeat(63))),
        ok("service name with digits", i -> service(i).setName("web-2")),
        ok("port name h2c-web", i -> port(i).setName("h2c-web")),
        ok("port name 15", i -> port(i).setName("abcdefghijklmno")),
        ok("port name with number 0", i -> port(i).setNumber(0)),
        ok("port number with empty name", i -> {
          port(i).setName("");
          port(i).setNumber(8080);
        }),
        ok("port number 1", i -> backend(i, 0, 1).getService().getPort().setNumber(1)),
        ok("port number 65535", i -> backend(i, 0, 1).getService().getPort().setNumber(65_535)),
        // tls
        ok("tls without hosts", i -> tls(i, 0).setHosts(list())),
        ok("tls without secretName", i -> tls(i, 0).setSecretName(null)),
        ok("tls empty secretName", i -> tls(i, 0).setSecretName("")),
        ok("tls secretName with dots", i -> tls(i, 0).setSecretName("shop.example.com-tls")),
        ok("tls host IPv4 (no IP rule for TLS hosts)", i -> tlsHost(i, 0, "10.0.0.1")),
        ok("tls wildcard host", i -> tlsHost(i, 0, "*.example.com")),
        ok("tls entry empty", i -> spec(i).getTls().add(new IngressTLS())),
        ok("tls host not among the rules", i -> tlsHost(i, 0, "other.example.com")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void accepted(Consumer<Ingress> mutation) {
    assertClean(check(ingress(mutation)));
  }

  // ================================================================= details

  @Test
  void everyRuleIdOfTheTablesIsExercised() {
    List<String> expected = List.of("metadata.name", "metadata.namespace", "metadata.label-key",
        "metadata.label-value", "metadata.annotation-key", "metadata.annotations-size", "ingress.rules-required",
        "ingress.class-name", "ingress.class-annotation", "ingress.host", "ingress.host-ip", "ingress.paths-required",
        "ingress.path-type", "ingress.path-absolute", "ingress.path-sequence", "ingress.path-suffix",
        "ingress.backend", "ingress.service-name", "ingress.service-port", "ingress.service-port-name",
        "ingress.service-port-number", "ingress.resource-api-group", "ingress.resource-kind",
        "ingress.resource-name", "ingress.tls-host", "ingress.tls-secret-name");
    var covered = rejected().map(a -> (String) a.get()[1]).collect(Collectors.toSet());
    for (String rule : expected) {
      assertTrue(covered.contains(rule), "no rejected case for " + rule);
    }
    // and every invalid path sequence and suffix has its own row
    var texts = rejected().map(a -> (String) a.get()[4]).toList();
    for (String sequence : IngressRules.INVALID_PATH_SEQUENCES) {
      assertTrue(texts.stream().anyMatch(t -> t.endsWith("must not contain '" + sequence + "'")), sequence);
    }
    for (String suffix : IngressRules.INVALID_PATH_SUFFIXES) {
      assertTrue(texts.stream().anyMatch(t -> t.endsWith("must not end with '" + suffix + "'")), suffix);
    }
  }

  @Test
  void theBaselineWithItsServiceIsClean() {
    assertClean(validate(Fixtures.web(), ingress()));
  }

  @Test
  void fieldFindingsComeOutOfTheValidator() {
    List<Finding> findings = validate(Fixtures.web(), ingress(i -> {
      rule(i, 2).setHost("WWW.shop.example.com");
      tlsHost(i, 2, "WWW.shop.example.com");
      path(i, 0, 1).setPath("/metrics/..");
      port(i).setName("HTTP");
      annotations(i).put(CLASS_ANNOTATION, "traefik");
    }));
    assertFinding(findings, "ingress.host", Severity.ERROR, "spec.rules[2].host", "try " + q("www.shop.example.com"));
    assertFinding(findings, "ingress.tls-host", Severity.ERROR, "spec.tls[0].hosts[2]", q("WWW.shop.example.com"));
    assertFinding(findings, "ingress.path-suffix", Severity.ERROR, "spec.rules[0].http.paths[1].path",
        q("/metrics/..") + " must not end with '/..'");
    assertFinding(findings, "ingress.service-port-name", Severity.ERROR, PORT00 + ".name", q("HTTP"));
    assertFinding(findings, "ingress.class-annotation", Severity.ERROR, CLASS_ANNOTATION_PATH, q("traefik"));
    Finding host = Fixtures.find(findings, "ingress.host", "spec.rules[2].host");
    assertEquals("Ingress/shop/web", host.object());
    assertTrue(host.format().endsWith("[ingress.host]"), host.format());
  }

  @Test
  void everyRejectedRowIsItsOnlyKindOfProblem() {
    // a single mutation reports only findings of the rule its row names (plus the host format of an IPv6 host)
    rejected().forEach(a -> {
      @SuppressWarnings("unchecked")
      Consumer<Ingress> mutation = (Consumer<Ingress>) ((Named<?>) a.get()[0]).getPayload();
      String rule = (String) a.get()[1];
      List<Finding> findings = check(ingress(mutation));
      for (Finding finding : findings) {
        boolean ipv6 = finding.rule().startsWith("ingress.host") && rule.startsWith("ingress.host");
        boolean emptyClass = rule.equals("ingress.class-annotation") && finding.rule().equals("ingress.class-name");
        assertTrue(finding.rule().equals(rule) || ipv6 || emptyClass,
            () -> a.get()[0] + ":" + Fixtures.describe(findings));
      }
    });
  }

  @Test
  void eachSequenceAndSuffixIsReportedOnItsOwn() {
    List<Finding> findings = check(ingress(i -> firstPath(i, "Exact", "/a//b/../c%2f/.")));
    assertEquals(4, findings.size(), Fixtures.describe(findings));
    assertEquals(3, findings.stream().filter(f -> f.rule().equals("ingress.path-sequence")).count());
    assertEquals(1, findings.stream().filter(f -> f.rule().equals("ingress.path-suffix")).count());
    assertTrue(findings.stream().allMatch(f -> f.path().equals(PATH00 + ".path")));
  }

  @Test
  void anIpv6HostIsNeitherAnIpNorADnsName() {
    List<Finding> findings = check(ingress(i -> rule(i, 0).setHost("::1")));
    Fixtures.find(findings, "ingress.host-ip", RULE0 + ".host");
    Fixtures.find(findings, "ingress.host", RULE0 + ".host");
    assertEquals(2, findings.size(), Fixtures.describe(findings));
  }

  @Test
  void aMissingPathTypeStillChecksTheBackend() {
    // upstream returns early; the object is rejected either way, so both are reported at once
    List<Finding> findings = check(ingress(i -> {
      firstPath(i, null, "no-slash");
      service(i).setName("Web");
    }));
    Fixtures.find(findings, "ingress.path-type", PATH00 + ".pathType");
    Fixtures.find(findings, "ingress.service-name", BACKEND00 + ".service.name");
    assertEquals(2, findings.size(), Fixtures.describe(findings));
  }

  @Test
  void anUnsupportedPathTypeSkipsThePathButChecksTheBackend() {
    List<Finding> findings = check(ingress(i -> {
      firstPath(i, "Regex", "^/api(.*)");
      port(i).setName("web.http");
    }));
    Fixtures.find(findings, "ingress.path-type", PATH00 + ".pathType");
    Fixtures.find(findings, "ingress.service-port-name", PORT00 + ".name");
    assertEquals(2, findings.size(), Fixtures.describe(findings));
  }

  @Test
  void bothBackendsStopTheBackendChecks() {
    List<Finding> findings = check(ingress(i -> {
      service(i).setName("Web");
      backend(i, 0, 0).setResource(new TypedLocalObjectReference(null, null, null));
    }));
    Fixtures.find(findings, "ingress.backend", BACKEND00);
    assertEquals(1, findings.size(), Fixtures.describe(findings));
  }

  @Test
  void nullListElementsAreReportedNotThrown() {
    List<Finding> findings = check(ingress(i -> {
      spec(i).getRules().add(null);
      rule(i, 0).getHttp().getPaths().add(null);
      spec(i).getTls().add(null);
    }));
    Fixtures.find(findings, "ingress.path-type", "spec.rules[0].http.paths[2].pathType");
    Fixtures.find(findings, "ingress.backend", "spec.rules[0].http.paths[2].backend");
    assertEquals(2, findings.size(), Fixtures.describe(findings));
  }

  /** The value after {@code try} in a message, or null. */
  private static String suggestion(Finding finding) {
    var m = java.util.regex.Pattern.compile("; try \"([^\"]*)\"$").matcher(finding.message());
    return m.find() ? m.group(1) : null;
  }

  private static boolean hostAccepted(String host) {
    List<String> problems = host.contains("*") ? Formats.wildcardDns1123Subdomain(host) : Formats.dns1123Subdomain(host);
    return problems.isEmpty() && !Formats.isIp(host);
  }

  private static boolean prefixPathAccepted(String path) {
    return path.startsWith("/") && IngressRules.INVALID_PATH_SEQUENCES.stream().noneMatch(path::contains)
        && IngressRules.INVALID_PATH_SUFFIXES.stream().noneMatch(path::endsWith);
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP", "Web_Http", "Shop.Example.COM.", "-Admin-", "8080", "A--B", "x..y", "*.Foo",
      "https://Shop.example.com:8443/x", "a/./b//c/.", "a%2fb", "/../x", "Very_Long_Port_Name_1", "*", "..", "_"})
  void aSuggestionIsAlwaysAcceptable(String bad) {
    List<Finding> findings = new ArrayList<>(check(ingress(i -> {
      rule(i, 0).setHost(bad);
      tlsHost(i, 0, bad);
      tls(i, 0).setSecretName(bad);
      spec(i).setIngressClassName(bad);
      service(i).setName(bad);
      port(i).setName(bad);
      path(i, 0, 1).setPath(bad);
      path(i, 1, 0).setPath(bad);
      annotations(i).put(CLASS_ANNOTATION, bad + "x");
    })));
    findings.addAll(check(ingress(i -> {
      resource(i, bad, "Bucket", "b");
      path(i, 0, 1).setPathType("Prefix");
      path(i, 0, 1).setPath(bad);
    })));
    String implementationSpecific = "spec.rules[1].http.paths[0].path";
    Map<String, Function<String, Boolean>> accepted = Map.of(
        "ingress.host", IngressRulesTest::hostAccepted,
        "ingress.tls-host", IngressRulesTest::hostAccepted,
        "ingress.tls-secret-name", s -> Formats.dns1123Subdomain(s).isEmpty(),
        "ingress.class-name", s -> Formats.dns1123Subdomain(s).isEmpty(),
        "ingress.class-annotation", s -> s.equals(bad),
        "ingress.service-name", s -> Formats.dns1035Label(s).isEmpty(),
        "ingress.service-port-name", s -> Formats.ianaServiceName(s).isEmpty(),
        "ingress.resource-api-group", s -> Formats.dns1123Subdomain(s).isEmpty(),
        "ingress.path-absolute", IngressRulesTest::prefixPathAccepted,
        "ingress.path-sequence", IngressRulesTest::prefixPathAccepted);
    Map<String, Function<String, Boolean>> all = new HashMap<>(accepted);
    all.put("ingress.path-suffix", IngressRulesTest::prefixPathAccepted);
    for (Finding finding : findings) {
      String suggestion = suggestion(finding);
      if (suggestion == null) {
        continue;
      }
      if (finding.path().equals(implementationSpecific)) {
        assertTrue(suggestion.startsWith("/"), finding::format);
      } else {
        assertTrue(all.containsKey(finding.rule()), finding::format);
        assertTrue(all.get(finding.rule()).apply(suggestion), finding::format);
      }
    }
  }

  @Test
  void pathSuggestionsAreAcceptedForTheirType() {
    assertEquals("/a/b/", IngressRules.suggestPath("Prefix", "a/./b//."));
    assertEquals("/api", IngressRules.suggestPath("ImplementationSpecific", "api"));
    assertEquals(null, IngressRules.suggestPath("Exact", "/a/../b"));
    assertEquals(null, IngressRules.suggestPath("Exact", "/a%2Fb"));
    assertEquals(null, IngressRules.suggestPath("ImplementationSpecific", "~* ^/api"));
    assertEquals("/", IngressRules.suggestPath("Prefix", ""));
  }

  @Test
  void theInputIsNotChanged() {
    Ingress ingress = ingress(i -> {
      i.setSpec(new IngressSpec());
      meta(i).setAnnotations(null);
    });
    Ingress before = new IngressBuilder(ingress).build();
    check(ingress);
    validate(Fixtures.web(), ingress);
    assertEquals(before, ingress);
    Ingress full = ingress(i -> path(i, 0, 0).setBackend(null));
    Ingress fullBefore = new IngressBuilder(full).build();
    check(full);
    validate(Fixtures.web(), full);
    assertEquals(fullBefore, full);
  }
}
