package dev.portico.synth.emit;

import static dev.portico.synth.emit.HttpNames.NGINX;
import static dev.portico.synth.emit.HttpNames.quote;

import dev.portico.dsl.Backend;
import dev.portico.dsl.Cors;
import dev.portico.dsl.HttpExposure;
import dev.portico.dsl.HttpHost;
import dev.portico.dsl.HttpPath;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.PathMatch;
import dev.portico.dsl.Split;
import dev.portico.dsl.StackModel;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Resource;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An {@link HttpExposure} as networking.k8s.io/v1 Ingresses: one for the hosts, paths, TLS and
 * default backend, with the typed options as ingress-nginx annotations, and one canary Ingress per
 * distinct weight (or header) of the two-backend {@link Split}s, as ingress-nginx's canary feature
 * wants. What an Ingress cannot express (header matches, timeouts, splits of three or more) is a
 * {@code http.unsupported} finding.
 */
final class IngressEmitter {
  private static final String TARGET = "ingress";
  /** The suffix that turns a Prefix path into the regular expression ingress-nginx rewrites with. */
  static final String REWRITE_SUFFIX = "(/|$)(.*)";
  /** The regular expression the root path {@code /} rewrites with: group 2 is everything after the '/'. */
  static final String ROOT_REWRITE = "/()(.*)";

  private IngressEmitter() {}

  static void emit(StackModel stack, HttpExposure exposure, HttpTarget.Ingress target, List<Resource> out,
      List<Finding> findings) {
    String object = "Ingress/" + stack.namespace() + "/" + exposure.name();
    SourceLocator locator = new SourceLocator(exposure.location());
    locator.put("spec.ingressClassName", stack.httpTargetLocation());
    HttpNames.checkHosts(exposure, object, findings);
    Map<String, String> annotations = annotations(exposure, object, locator, findings);
    Map<CanaryKey, Canary> canaries = new LinkedHashMap<>();
    List<IngressRule> rules = new ArrayList<>();
    List<IngressTLS> tls = new ArrayList<>();
    for (HttpHost host : exposure.hosts()) {
      String rulePath = "spec.rules[" + rules.size() + "]";
      locator.put(rulePath, host.location());
      List<HTTPIngressPath> paths = new ArrayList<>();
      for (HttpPath path : host.paths()) {
        String fieldPath = rulePath + ".http.paths[" + paths.size() + "]";
        locator.put(fieldPath, path.location());
        unsupported(exposure, path, object, fieldPath, findings);
        HTTPIngressPath rendered = path(exposure, path, canaries, host.hostname(), object, fieldPath, findings);
        locator.put(fieldPath + ".backend", HttpNames.backends(path.route()).get(0).location());
        paths.add(rendered);
      }
      // a host without paths is reported once, as http.host-without-paths: no empty http here
      rules.add(new IngressRule(host.hostname(), paths.isEmpty() ? null : new HTTPIngressRuleValue(paths)));
      host.tlsSecretName().ifPresent(secret -> {
        locator.put("spec.tls[" + tls.size() + "]", host.location());
        tls.add(new IngressTLS(new ArrayList<>(List.of(host.hostname())), secret));
      });
    }
    // plain constructors, not fabric8's builders: this runs for every exposure, and builders copy every list
    IngressBackend defaultBackend = exposure.defaultBackend().map(backend -> {
      locator.put("spec.defaultBackend", backend.location());
      return backend(backend);
    }).orElse(null);
    IngressSpec spec = new IngressSpec(defaultBackend, target.className(), rules.isEmpty() ? null : rules,
        tls.isEmpty() ? null : tls);
    Ingress ingress = new Ingress();
    ingress.setMetadata(HttpNames.metadata(stack, exposure, exposure.name(), annotations));
    ingress.setSpec(spec);
    out.add(new Resource(ingress, locator, stack.environment()));
    int n = 0;
    for (var entry : canaries.entrySet()) {
      n++;
      out.add(canaryIngress(stack, exposure, target, entry.getKey(), entry.getValue(), n));
    }
  }

  /** What an Ingress has no field or ingress-nginx annotation for. */
  private static void unsupported(HttpExposure exposure, HttpPath path, String object, String fieldPath,
      List<Finding> findings) {
    if (!path.match().headers().isEmpty()) {
      findings.add(HttpNames.unsupported(object, path.location(), fieldPath, "matching on headers "
          + path.match().headers().keySet(), TARGET, "an Ingress matches hosts and paths only (ingress-nginx matches a "
          + "header only to pick a canary: Split.byHeader); use HttpTarget.gateway(...) or sharedGateway(...)"));
    }
    if (path.timeout().isPresent() || path.backendTimeout().isPresent()) {
      findings.add(HttpNames.unsupported(object, path.location(), fieldPath, "a request timeout", TARGET,
          "an Ingress has no timeout field; use a Gateway API target, or the raw annotation "
              + "nginx.ingress.kubernetes.io/proxy-read-timeout"));
    }
    if (exposure.rewritePrefix().isPresent() && path.match().type() != PathMatch.Type.PREFIX) {
      String type = path.match().type() == PathMatch.Type.EXACT ? "Exact" : "ImplementationSpecific";
      findings.add(HttpNames.unsupported(object, path.location(), fieldPath, "rewritePrefix on an " + type + " path",
          TARGET, "ingress-nginx rewrites Prefix paths only (through a regular expression); make the path a prefix, "
              + "or move it to an exposure without rewritePrefix"));
    }
    if (path.route() instanceof Split split && split.backends().size() > 2) {
      findings.add(HttpNames.unsupported(object, split.location(), fieldPath + ".backend", "a split between "
          + split.backends().size() + " backends", TARGET, "ingress-nginx splits between a main backend and one "
          + "canary; split between two, or use a Gateway API target"));
    }
    if (path.route() instanceof Split split && split.header().isPresent() && split.backends().size() != 2) {
      findings.add(HttpNames.unsupported(object, split.location(), fieldPath + ".backend", "a header-selected split of "
          + split.backends().size() + " backends", TARGET, "ingress-nginx sends a header to one canary"));
    }
    if (path.route() instanceof Split split) {
      // a Gateway API target has its weight field rule; the canary annotations have none, so check here
      for (Split.Weighted weighted : split.backends()) {
        if (weighted.weight() < 0) {
          findings.add(new Finding("http.split-weight", dev.portico.synth.validate.Severity.ERROR, split.location(),
              object, fieldPath + ".backend", "weight " + weighted.weight() + " of backend " + weighted.backend()
                  + " must be at least 0 (a share of the split's total weight; 0 sends no traffic)"));
        }
      }
    }
  }

  private static HTTPIngressPath path(HttpExposure exposure, HttpPath path, Map<CanaryKey, Canary> canaries,
      String hostname, String object, String fieldPath, List<Finding> findings) {
    PathMatch match = path.match();
    String value = match.value();
    String type = switch (match.type()) {
      case PREFIX -> "Prefix";
      case EXACT -> "Exact";
      case IMPLEMENTATION_SPECIFIC -> "ImplementationSpecific";
    };
    if (exposure.rewritePrefix().isPresent() && match.type() == PathMatch.Type.PREFIX) {
      value = rewriteRegex(value);
      type = "ImplementationSpecific";
    }
    Backend main = HttpNames.backends(path.route()).get(0);
    if (path.route() instanceof Split split && split.backends().size() == 2) {
      Split.Weighted stable = split.backends().get(0);
      Split.Weighted canary = split.backends().get(1);
      CanaryKey key = new CanaryKey(canary.weight(), stable.weight() + canary.weight(),
          split.header().map(Split.Header::name).orElse(null), split.header().map(Split.Header::value).orElse(null));
      canaries.computeIfAbsent(key, k -> new Canary()).paths
          .add(new CanaryPath(hostname, value, type, canary.backend(), path));
    }
    return new HTTPIngressPath(backend(main), value, type);
  }

  /**
   * A Prefix path as the regular expression whose second group {@code rewrite-target} keeps:
   * {@code /api(/|$)(.*)}; the root path {@code /} as {@code /()(.*)}, since an Ingress path must
   * start with '/' and the second group must still be what follows the prefix.
   */
  static String rewriteRegex(String prefix) {
    String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    return trimmed.isEmpty() ? ROOT_REWRITE : escapeRegex(trimmed) + REWRITE_SUFFIX;
  }

  /** A literal path inside ingress-nginx's (PCRE) location regular expression: {@code /api.v1} matches only itself. */
  static String escapeRegex(String literal) {
    StringBuilder sb = new StringBuilder(literal.length() + 4);
    for (char c : literal.toCharArray()) {
      if (".+*?()[]{}^$|\\".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  static IngressBackend backend(Backend backend) {
    return new IngressBackend(null, new IngressServiceBackend(backend.service().name(),
        new ServiceBackendPort(null, backend.port().port())));
  }

  /** Raw annotations, the typed ingress-nginx options and cert-manager's issuer; a finding where a raw one disagrees. */
  private static Map<String, String> annotations(HttpExposure exposure, String object, SourceLocator locator,
      List<Finding> findings) {
    Map<String, String> typed = new TreeMap<>(HttpNames.certManagerAnnotation(exposure, object, findings));
    if (exposure.sslRedirectSet()) {
      typed.put(NGINX + "ssl-redirect", Boolean.toString(exposure.sslRedirect()));
    }
    if (exposure.forceSslRedirect()) {
      typed.put(NGINX + "force-ssl-redirect", "true");
    }
    exposure.rewritePrefix().ifPresent(replacement -> {
      typed.put(NGINX + "rewrite-target", (replacement.endsWith("/") ? replacement : replacement + "/") + "$2");
      typed.put(NGINX + "use-regex", "true");
    });
    exposure.backendProtocol().ifPresent(protocol -> typed.put(NGINX + "backend-protocol", protocol.name()));
    exposure.proxyBodySize().ifPresent(size -> typed.put(NGINX + "proxy-body-size", size));
    if (!exposure.allowSourceRanges().isEmpty()) {
      typed.put(NGINX + "whitelist-source-range", String.join(",", exposure.allowSourceRanges()));
    }
    exposure.cors().ifPresent(cors -> cors(cors, typed));
    for (String key : typed.keySet()) {
      String option = key.startsWith(NGINX) ? key.substring(NGINX.length()) : "tls";
      locator.put("metadata.annotations[" + key + "]", exposure.locationOf(option.startsWith("cors-")
          ? "enable-cors" : option.equals("use-regex") ? "rewrite-target" : option));
    }
    Map<String, String> all = new TreeMap<>(typed);
    for (var raw : exposure.annotations().entrySet()) {
      String earlier = all.putIfAbsent(raw.getKey(), raw.getValue());
      locator.put("metadata.annotations[" + raw.getKey() + "]", exposure.locationOf("annotation:" + raw.getKey()));
      if (earlier != null && !earlier.equals(raw.getValue())) {
        findings.add(new Finding("http.annotation-conflict", dev.portico.synth.validate.Severity.ERROR,
            exposure.locationOf("annotation:" + raw.getKey()), object, "metadata.annotations[" + raw.getKey() + "]",
            "raw annotation " + quote(raw.getValue()) + " contradicts " + quote(earlier)
                + " from a typed option of the exposure; drop one of them"));
      }
    }
    return all;
  }

  private static void cors(Cors cors, Map<String, String> annotations) {
    annotations.put(NGINX + "enable-cors", "true");
    annotations.put(NGINX + "cors-allow-origin", String.join(", ", cors.origins()));
    if (!cors.methods().isEmpty()) {
      annotations.put(NGINX + "cors-allow-methods", String.join(", ", cors.methods()));
    }
    if (!cors.headers().isEmpty()) {
      annotations.put(NGINX + "cors-allow-headers", String.join(", ", cors.headers()));
    }
    // ingress-nginx allows credentials unless told otherwise; say it either way
    annotations.put(NGINX + "cors-allow-credentials", Boolean.toString(cors.credentials()));
    cors.maxAgeSeconds().ifPresent(age -> annotations.put(NGINX + "cors-max-age", Integer.toString(age)));
  }

  private static Resource canaryIngress(StackModel stack, HttpExposure exposure, HttpTarget.Ingress target,
      CanaryKey key, Canary canary, int n) {
    String name = exposure.name() + "-canary" + (n == 1 ? "" : "-" + n);
    SourceLocator locator = new SourceLocator(canary.paths.get(0).path().route() instanceof Split split
        ? split.location() : exposure.location());
    locator.put("spec.ingressClassName", stack.httpTargetLocation());
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(NGINX + "canary", "true");
    annotations.put(NGINX + "canary-weight", Integer.toString(key.weight()));
    annotations.put(NGINX + "canary-weight-total", Integer.toString(key.total()));
    if (key.header() != null) {
      annotations.put(NGINX + "canary-by-header", key.header());
      annotations.put(NGINX + "canary-by-header-value", key.headerValue());
    }
    Map<String, List<CanaryPath>> byHost = new LinkedHashMap<>();
    for (CanaryPath path : canary.paths) {
      byHost.computeIfAbsent(path.host(), h -> new ArrayList<>()).add(path);
    }
    List<IngressRule> rules = new ArrayList<>();
    for (var host : byHost.entrySet()) {
      List<HTTPIngressPath> paths = new ArrayList<>();
      for (CanaryPath path : host.getValue()) {
        String fieldPath = "spec.rules[" + rules.size() + "].http.paths[" + paths.size() + "]";
        locator.put(fieldPath, path.path().location());
        locator.put(fieldPath + ".backend", path.backend().location());
        paths.add(new HTTPIngressPath(backend(path.backend()), path.value(), path.type()));
      }
      rules.add(new IngressRule(host.getKey(), new HTTPIngressRuleValue(paths)));
    }
    Ingress ingress = new Ingress();
    ingress.setMetadata(HttpNames.metadata(stack, exposure, name, annotations));
    ingress.setSpec(new IngressSpec(null, target.className(), rules, null));
    return new Resource(ingress, locator, stack.environment());
  }

  /** What makes canary Ingresses differ: ingress-nginx reads weight and header per Ingress. */
  private record CanaryKey(int weight, int total, String header, String headerValue) {}

  private static final class Canary {
    final List<CanaryPath> paths = new ArrayList<>();
  }

  private record CanaryPath(String host, String value, String type, Backend backend, HttpPath path) {
    CanaryPath {
      Objects.requireNonNull(host);
    }
  }
}
