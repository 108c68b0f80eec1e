package dev.portico.synth.emit;

import dev.portico.dsl.Backend;
import dev.portico.dsl.HttpExposure;
import dev.portico.dsl.HttpHost;
import dev.portico.dsl.SourceLocation;
import dev.portico.dsl.StackModel;
import dev.portico.dsl.Tls;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What the Ingress and Gateway API emitters share: names derived from hosts, cert-manager, findings. */
final class HttpNames {
  static final String NGINX = "nginx.ingress.kubernetes.io/";

  private HttpNames() {}

  /** {@code shop.example.com} to {@code shop-example-com}; {@code *.example.com} to {@code wildcard-example-com}. */
  static String hostLabel(String hostname) {
    return hostname.toLowerCase(Locale.ROOT).replace("*", "wildcard").replace('.', '-');
  }

  /** The metadata every object of an exposure carries: its name, the stack's namespace, the exposure's labels. */
  static ObjectMeta metadata(StackModel stack, HttpExposure exposure, String name, Map<String, String> annotations) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(stack.namespace());
    meta.setLabels(exposure.labels().isEmpty() ? null : new TreeMap<>(exposure.labels()));
    meta.setAnnotations(annotations.isEmpty() ? null : new TreeMap<>(annotations));
    return meta;
  }

  /** The cert-manager annotation for the exposure's TLS hosts; a finding when they use different issuers. */
  static Map<String, String> certManagerAnnotation(HttpExposure exposure, String object, List<Finding> findings) {
    Map<String, String> annotations = new TreeMap<>();
    HttpHost first = null;
    for (HttpHost host : exposure.hosts()) {
      if (!(host.tls().orElse(null) instanceof Tls.CertManager certManager)) {
        continue;
      }
      Tls.Issuer issuer = certManager.issuer();
      if (first == null) {
        first = host;
        annotations.put(issuer.annotation(), issuer.name());
      } else if (!issuer.equals(((Tls.CertManager) first.tls().get()).issuer())) {
        findings.add(new Finding("http.tls-issuers", Severity.ERROR, host.location(), object, "metadata.annotations",
            "host " + quote(host.hostname()) + " asks cert-manager issuer " + describe(issuer) + " but host "
                + quote(first.hostname()) + " (" + first.location() + ") asks "
                + describe(((Tls.CertManager) first.tls().get()).issuer())
                + "; one object carries one issuer annotation: use one issuer, or split the hosts into two exposures"));
      }
    }
    return annotations;
  }

  private static String describe(Tls.Issuer issuer) {
    return (issuer.cluster() ? "ClusterIssuer " : "Issuer ") + quote(issuer.name());
  }

  /** Each host once per exposure, each with a path: what both targets need to render it faithfully. */
  static void checkHosts(HttpExposure exposure, String object, List<Finding> findings) {
    Map<String, HttpHost> seen = new java.util.HashMap<>();
    for (HttpHost host : exposure.hosts()) {
      HttpHost first = seen.putIfAbsent(host.hostname().toLowerCase(Locale.ROOT), host);
      if (first != null) {
        findings.add(new Finding("http.host-duplicate", Severity.ERROR, host.location(), object, "hosts",
            "host " + quote(host.hostname()) + " is declared twice in exposure " + quote(exposure.name())
                + "; the first is at " + first.location() + ": declare all its paths (and its TLS) in one host(...)"));
      }
      if (host.paths().isEmpty()) {
        findings.add(new Finding("http.host-without-paths", Severity.ERROR, host.location(), object, "hosts",
            "host " + quote(host.hostname()) + " has no paths, so no request for it would reach a Service; "
                + "add path(...) to it, or remove it"));
      }
    }
  }

  /** A feature the definition asks for that the target cannot render: an error, never a silent drop. */
  static Finding unsupported(String object, SourceLocation where, String path, String feature, String target,
      String instead) {
    return new Finding("http.unsupported", Severity.ERROR, where, object, path,
        feature + " cannot be expressed by the " + target + " target; " + instead);
  }

  static String quote(String value) {
    return dev.portico.synth.validate.Messages.quote(value);
  }

  /** The backends of a path's route, in declaration order. */
  static List<Backend> backends(dev.portico.dsl.Route route) {
    List<Backend> backends = new ArrayList<>();
    if (route instanceof Backend backend) {
      backends.add(backend);
    } else if (route instanceof dev.portico.dsl.Split split) {
      split.backends().forEach(weighted -> backends.add(weighted.backend()));
    }
    return backends;
  }
}
