package dev.portico.synth.validate.kubernetes;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A networking.k8s.io/v1 Ingress as the API server validates it on create, following kubernetes
 * {@code pkg/apis/networking/validation/validation.go}: {@code ValidateIngressCreate} (with the
 * create options: {@code AllowInvalidSecretName}, {@code AllowInvalidWildcardHostRule} and
 * {@code AllowRelaxedServiceNameValidation} all false, the last because the
 * {@code RelaxedServiceNameValidation} feature gate is alpha and off by default), {@code validateIngress},
 * {@code ValidateIngressSpec}, {@code validateIngressRules}, {@code validateIngressRuleValue},
 * {@code validateHTTPIngressRuleValue}, {@code validateHTTPIngressPath}, {@code validateIngressBackend},
 * {@code validateIngressTypedLocalObjectReference} (with apimachinery's {@code IsPathSegmentName}),
 * {@code validateIngressTLS}, {@code validateTLSSecretName} and {@code ValidateIngressClassName}; the
 * metadata as {@code ValidateObjectMeta} checks it, through {@link MetadataRules}.
 *
 * <p>networking/v1 has no defaulting for Ingress (no {@code pathType} default, unlike v1beta1) and no
 * declarative validation, so the object is checked as written. Paths of type Exact and Prefix are only
 * checked for the invalid sequences and suffixes upstream lists; the character whitelist some
 * controllers apply (ingress-nginx's {@code strict-validate-path-type}) is not an API server rule.
 */
final class IngressRules {
  /** The deprecated annotation {@code ValidateIngressCreate} compares with {@code spec.ingressClassName}. */
  static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";
  static final String EXACT = "Exact";
  static final String PREFIX = "Prefix";
  static final String IMPLEMENTATION_SPECIFIC = "ImplementationSpecific";
  /** {@code supportedPathTypes}, sorted as upstream lists them. */
  static final List<String> PATH_TYPES = List.of(EXACT, IMPLEMENTATION_SPECIFIC, PREFIX);
  /** {@code invalidPathSequences}. */
  static final List<String> INVALID_PATH_SEQUENCES = List.of("//", "/./", "/../", "%2f", "%2F");
  /** {@code invalidPathSuffixes}. */
  static final List<String> INVALID_PATH_SUFFIXES = List.of("/..", "/.");

  private IngressRules() {}

  static void check(Check check, Ingress ingress) {
    MetadataRules.check(check, ingress.getMetadata(), Formats::dns1123Subdomain);
    IngressSpec spec = ingress.getSpec() == null ? new IngressSpec() : ingress.getSpec();
    rulesOrDefaultBackend(check, spec);
    if (spec.getDefaultBackend() != null) {
      backend(check, "spec.defaultBackend", spec.getDefaultBackend());
    }
    rules(check, spec.getRules());
    tls(check, spec.getTls());
    className(check, spec);
    classAnnotation(check, ingress, spec);
  }

  // ================================================================= spec

  /** {@code ValidateIngressSpec}: a rule or a default backend. */
  private static void rulesOrDefaultBackend(Check check, IngressSpec spec) {
    if (isEmpty(spec.getRules()) && spec.getDefaultBackend() == null) {
      check.error("ingress.rules-required", "spec",
          "either defaultBackend or rules must be specified: add a rule (host and http paths) or a defaultBackend");
    }
  }

  /** {@code ValidateIngressClassName} ({@code NameIsDNSSubdomain}) when set, even to "". */
  private static void className(Check check, IngressSpec spec) {
    String name = spec.getIngressClassName();
    if (name != null) {
      check.formatErrorsSuggesting("ingress.class-name", "spec.ingressClassName", name,
          problems(Formats.dns1123Subdomain(name), "the name of an IngressClass"), () -> suggestSubdomain(name));
    }
  }

  /** {@code ValidateIngressCreate}: the deprecated class annotation must equal ingressClassName when both are set. */
  private static void classAnnotation(Check check, Ingress ingress, IngressSpec spec) {
    Map<String, String> annotations = ingress.getMetadata() == null ? null : ingress.getMetadata().getAnnotations();
    String className = spec.getIngressClassName();
    if (annotations == null || className == null || !annotations.containsKey(CLASS_ANNOTATION)) {
      return;
    }
    String value = annotations.get(CLASS_ANNOTATION) == null ? "" : annotations.get(CLASS_ANNOTATION);
    if (!value.equals(className)) {
      check.error("ingress.class-annotation", "metadata.annotations[" + CLASS_ANNOTATION + "]",
          Messages.quote(value) + " must match spec.ingressClassName (" + Messages.quote(className)
              + ") when both are set (the annotation is deprecated and may be dropped)"
              + Messages.tryInstead(value, className));
    }
  }

  // ================================================================= rules

  /** {@code validateIngressRules}; on create every rule value is checked, wildcard host or not. */
  private static void rules(Check check, List<IngressRule> rules) {
    if (rules == null) {
      return;
    }
    for (int i = 0; i < rules.size(); i++) {
      IngressRule rule = rules.get(i) == null ? new IngressRule() : rules.get(i);
      String path = "spec.rules[" + i + "]";
      String host = rule.getHost() == null ? "" : rule.getHost();
      if (!host.isEmpty()) {
        hostIsNotIp(check, path + ".host", host);
        host(check, "ingress.host", path + ".host", host);
      }
      if (rule.getHttp() != null) {
        http(check, path + ".http", rule.getHttp());
      }
    }
  }

  /** {@code validateIngressRules}: a rule's host is a DNS name, never an IP address ({@code ParseIPSloppy}). */
  private static void hostIsNotIp(Check check, String path, String host) {
    if (Formats.isIp(host)) {
      check.error("ingress.host-ip", path, Messages.quote(host)
          + " must be a DNS name, not an IP address; leave host empty to match requests for any host");
    }
  }

  /**
   * {@code IsWildcardDNS1123Subdomain} when the host contains '*', else {@code IsDNS1123Subdomain}.
   * Rules and TLS hosts share it.
   */
  private static void host(Check check, String rule, String path, String host) {
    boolean wildcard = host.contains("*");
    List<String> problems = wildcard ? Formats.wildcardDns1123Subdomain(host) : Formats.dns1123Subdomain(host);
    String hint = wildcard ? "only a whole first label may be a wildcard, e.g. \"*.example.com\""
        : "a host name such as \"shop.example.com\", or \"*.example.com\" for a wildcard";
    check.formatErrorsSuggesting(rule, path, host, problems(problems, hint), () -> suggestHost(host));
  }

  /** {@code validateHTTPIngressRuleValue}: paths are required, each checked by {@link #httpPath}. */
  private static void http(Check check, String path, HTTPIngressRuleValue http) {
    List<HTTPIngressPath> paths = http.getPaths();
    if (isEmpty(paths)) {
      check.error("ingress.paths-required", path + ".paths",
          "at least one path is required when http is set, e.g. path \"/\" with pathType \"Prefix\" and a backend");
      return;
    }
    for (int i = 0; i < paths.size(); i++) {
      httpPath(check, path + ".paths[" + i + "]", paths.get(i) == null ? new HTTPIngressPath() : paths.get(i));
    }
  }

  /**
   * {@code validateHTTPIngressPath}. Upstream returns early when pathType is missing; the backend is
   * still checked here so that every finding is reported at once (the object is rejected either way).
   */
  private static void httpPath(Check check, String at, HTTPIngressPath httpPath) {
    String type = httpPath.getPathType();
    String path = httpPath.getPath() == null ? "" : httpPath.getPath();
    if (pathType(check, at + ".pathType", type)) {
      // worked out only for a path that is reported: most are fine, and the suggestion takes regexes
      Supplier<String> suggestion = () -> suggestPath(type, path);
      absolutePath(check, at + ".path", type, path, suggestion);
      if (!IMPLEMENTATION_SPECIFIC.equals(type)) {
        pathSequences(check, at + ".path", type, path, suggestion);
        pathSuffixes(check, at + ".path", type, path, suggestion);
      }
    }
    backend(check, at + ".backend", httpPath.getBackend() == null ? new IngressBackend() : httpPath.getBackend());
  }

  /** pathType is required and one of {@link #PATH_TYPES}; true when it is. */
  private static boolean pathType(Check check, String path, String type) {
    if (type == null) {
      check.error("ingress.path-type", path, "pathType is required: " + Messages.oneOf(PATH_TYPES)
          + " (\"Prefix\" matches the path and everything below it)");
      return false;
    }
    if (!PATH_TYPES.contains(type)) {
      String suggestion = PATH_TYPES.stream().filter(t -> t.equalsIgnoreCase(type)).findFirst().orElse(null);
      check.error("ingress.path-type", path, Messages.quote(type) + " is not supported; use "
          + Messages.oneOf(PATH_TYPES) + " (case-sensitive)" + Messages.tryInstead(type, suggestion));
      return false;
    }
    return true;
  }

  /** Exact and Prefix paths start with '/'; ImplementationSpecific paths are empty or start with '/'. */
  private static void absolutePath(Check check, String at, String type, String path, Supplier<String> suggestion) {
    if (path.startsWith("/") || (IMPLEMENTATION_SPECIFIC.equals(type) && path.isEmpty())) {
      return;
    }
    String accepted = IMPLEMENTATION_SPECIFIC.equals(type) ? "must be empty or an absolute path starting with '/'"
        : "must be an absolute path starting with '/'";
    check.error("ingress.path-absolute", at, Messages.quote(path) + " " + accepted + " (pathType "
        + type + ")" + Messages.tryInstead(path, suggestion.get()));
  }

  /**
   * Exact and Prefix paths contain none of {@link #INVALID_PATH_SEQUENCES}; one finding each. This is
   * all {@code validateHTTPIngressPath} asks of their characters: it has no character whitelist, under
   * any feature gate or option.
   */
  private static void pathSequences(Check check, String at, String type, String path, Supplier<String> suggestion) {
    for (String sequence : INVALID_PATH_SEQUENCES) {
      if (path.contains(sequence)) {
        check.error("ingress.path-sequence", at, Messages.quote(path) + " must not contain '" + sequence
            + "' (pathType " + type + " paths must be normalized: no empty, '.' or '..' segments, no encoded '/')"
            + Messages.tryInstead(path, suggestion.get()));
      }
    }
  }

  /** Exact and Prefix paths end with none of {@link #INVALID_PATH_SUFFIXES}; one finding each. */
  private static void pathSuffixes(Check check, String at, String type, String path, Supplier<String> suggestion) {
    for (String suffix : INVALID_PATH_SUFFIXES) {
      if (path.endsWith(suffix)) {
        check.error("ingress.path-suffix", at, Messages.quote(path) + " must not end with '" + suffix
            + "' (pathType " + type + " paths must be normalized: no '.' or '..' segments)"
            + Messages.tryInstead(path, suggestion.get()));
      }
    }
  }

  private static boolean pathAccepted(String type, String path) {
    if (IMPLEMENTATION_SPECIFIC.equals(type)) {
      return path.isEmpty() || path.startsWith("/");
    }
    return path.startsWith("/") && INVALID_PATH_SEQUENCES.stream().noneMatch(path::contains)
        && INVALID_PATH_SUFFIXES.stream().noneMatch(path::endsWith);
  }

  /**
   * {@code path} made absolute, without empty or '.' segments, when that is accepted; else null. A
   * relative path is only made absolute when it starts with a letter or digit (not, say, a regex).
   */
  static String suggestPath(String type, String path) {
    if (!path.isEmpty() && !path.startsWith("/") && !Character.isLetterOrDigit(path.charAt(0))) {
      return null;
    }
    String s = path.startsWith("/") ? path : "/" + path;
    s = s.replaceAll("/{2,}", "/");
    while (s.contains("/./")) {
      s = s.replace("/./", "/");
    }
    if (s.endsWith("/.")) {
      s = s.substring(0, s.length() - 1);
    }
    return pathAccepted(type, s) ? s : null;
  }

  // ================================================================= backends

  /** {@code validateIngressBackend}: exactly one of service and resource. */
  private static void backend(Check check, String path, IngressBackend backend) {
    IngressServiceBackend service = backend.getService();
    TypedLocalObjectReference resource = backend.getResource();
    if (service != null && resource != null) {
      check.error("ingress.backend", path,
          "sets both service and resource; a backend is exactly one of them (usually a service)");
    } else if (resource != null) {
      resource(check, path + ".resource", resource);
    } else if (service != null) {
      serviceName(check, path + ".service.name", service.getName());
      servicePort(check, path + ".service.port", service.getPort());
    } else {
      check.error("ingress.backend", path,
          "a service (name and port) or a resource backend is required, e.g. service web, port name \"http\"");
    }
  }

  /** {@code ValidateServiceName} ({@code NameIsDNS1035Label}); DNS-1123 labels only behind an alpha feature gate. */
  private static void serviceName(Check check, String path, String name) {
    if (name == null || name.isEmpty()) {
      check.error("ingress.service-name", path, "is required: the name of a Service in the Ingress's namespace");
      return;
    }
    check.formatErrorsSuggesting("ingress.service-name", path, name,
        problems(Formats.dns1035Label(name), "the name of a Service"), () -> suggestDns1035Label(name));
  }

  /** {@code validateIngressBackend}: exactly one of port name and number (0 is unset), each valid. */
  private static void servicePort(Check check, String path, ServiceBackendPort port) {
    String name = port == null || port.getName() == null ? "" : port.getName();
    int number = port == null || port.getNumber() == null ? 0 : port.getNumber();
    if (!name.isEmpty() && number != 0) {
      check.error("ingress.service-port", path, "sets both name " + Messages.quote(name) + " and number " + number
          + "; set exactly one of them");
    } else if (!name.isEmpty()) {
      servicePortName(check, path + ".name", name);
    } else if (number != 0) {
      for (String problem : Formats.portNumber(number)) {
        check.error("ingress.service-port-number", path + ".number", number + " " + problem
            + " (the Service's port, not its targetPort)");
      }
    } else {
      check.error("ingress.service-port", path,
          "a port name or number is required: one of the Service's ports, e.g. name \"http\" or number 80");
    }
  }

  /** {@code IsValidPortName}: the name of one of the Service's ports, an IANA service name. */
  private static void servicePortName(Check check, String path, String name) {
    String hint = name.chars().allMatch(c -> c >= '0' && c <= '9') && name.length() <= 5
        ? "; to use port " + name + ", set number instead of name" : "";
    for (String problem : Formats.ianaServiceName(name)) {
      check.error("ingress.service-port-name", path, Messages.quote(name) + " " + problem + hint
          + Messages.tryInstead(name, ServiceRules.ianaSuggestion(name)));
    }
  }

  /**
   * {@code validateIngressTypedLocalObjectReference}: apiGroup, when set (even to ""), a DNS-1123
   * subdomain; kind and name required and path segment names.
   */
  private static void resource(Check check, String path, TypedLocalObjectReference resource) {
    String group = resource.getApiGroup();
    if (group != null) {
      // "group/version" is a common mistake: the suggestion drops the version
      String what = "an API group such as \"storage.k8s.io\"; leave it out for the core group";
      check.formatErrorsSuggesting("ingress.resource-api-group", path + ".apiGroup", group,
          problems(Formats.dns1123Subdomain(group), what),
          () -> suggestSubdomain(group.contains("/") ? group.substring(0, group.indexOf('/')) : group));
    }
    pathSegmentName(check, "ingress.resource-kind", path + ".kind", resource.getKind(),
        "a kind such as \"StorageBucket\"");
    pathSegmentName(check, "ingress.resource-name", path + ".name", resource.getName(), "the resource's name");
  }

  /** Required, and {@code IsPathSegmentName}: not "." or "..", without '/' or '%'. */
  static void pathSegmentName(Check check, String rule, String path, String value, String what) {
    if (value == null || value.isEmpty()) {
      check.error(rule, path, "is required: " + what);
      return;
    }
    if (value.equals(".") || value.equals("..")) {
      check.error(rule, path, Messages.quote(value) + " may not be '" + value + "' (" + what + ")");
      return;
    }
    for (String illegal : List.of("/", "%")) {
      if (value.contains(illegal)) {
        check.error(rule, path, Messages.quote(value) + " may not contain '" + illegal + "' (" + what + ")");
      }
    }
  }

  // ================================================================= tls

  /** {@code validateIngressTLS}: hosts as rule hosts (IPs not refused), secretName a DNS-1123 subdomain when set. */
  private static void tls(Check check, List<IngressTLS> tls) {
    if (tls == null) {
      return;
    }
    for (int i = 0; i < tls.size(); i++) {
      IngressTLS entry = tls.get(i) == null ? new IngressTLS() : tls.get(i);
      String path = "spec.tls[" + i + "]";
      List<String> hosts = entry.getHosts() == null ? List.of() : entry.getHosts();
      for (int h = 0; h < hosts.size(); h++) {
        host(check, "ingress.tls-host", path + ".hosts[" + h + "]", hosts.get(h) == null ? "" : hosts.get(h));
      }
      secretName(check, path + ".secretName", entry.getSecretName());
    }
  }

  /** {@code validateTLSSecretName}: empty, or {@code ValidateSecretName} ({@code NameIsDNSSubdomain}). */
  private static void secretName(Check check, String path, String name) {
    if (name == null || name.isEmpty()) {
      return;
    }
    // a "namespace/name" reference is a common mistake: the Secret must be in the Ingress's namespace
    check.formatErrorsSuggesting("ingress.tls-secret-name", path, name,
        problems(Formats.dns1123Subdomain(name), "the name of a TLS Secret in the Ingress's namespace"),
        () -> suggestSubdomain(name.substring(name.lastIndexOf('/') + 1)));
  }

  // ================================================================= helpers

  private static boolean isEmpty(List<?> list) {
    return list == null || list.isEmpty();
  }

  /** Each problem with what the field holds, e.g. "must be ... (the name of a Service)". */
  private static List<String> problems(List<String> problems, String what) {
    return problems.stream().map(p -> p + " (" + what + ")").toList();
  }

  /**
   * A host close to {@code host} that is accepted, or null: lower-cased, without a scheme, path,
   * port or trailing dot.
   */
  static String suggestHost(String host) {
    String s = host.trim().toLowerCase(Locale.ROOT).replaceFirst("^[a-z][a-z0-9+.-]*://", "");
    int slash = s.indexOf('/');
    s = (slash < 0 ? s : s.substring(0, slash)).replaceFirst(":[0-9]*$", "");
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    Function<String, List<String>> format =
        s.contains("*") ? Formats::wildcardDns1123Subdomain : Formats::dns1123Subdomain;
    return format.apply(s).isEmpty() && !Formats.isIp(s) ? s : null;
  }

  /** A DNS-1123 subdomain close to {@code value}, or null: lower-cased, other characters turned into '-'. */
  static String suggestSubdomain(String value) {
    String s = value.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("-{2,}", "-")
        .replaceAll("\\.{2,}", ".").replaceAll("-*\\.-*", ".").replaceAll("^[.-]+", "").replaceAll("[.-]+$", "");
    return !s.isEmpty() && Formats.dns1123Subdomain(s).isEmpty() ? s : null;
  }

  /** A DNS-1035 label close to {@code value}, or null. */
  static String suggestDns1035Label(String value) {
    String s = Formats.suggestDns1123Label(value).replaceAll("^[0-9-]+", "");
    return !s.isEmpty() && Formats.dns1035Label(s).isEmpty() ? s : null;
  }
}
