package dev.portico.synth.validate.http;

import dev.portico.synth.validate.Analysis;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.FrontendTLSValidation;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestMirrorFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantFrom;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantTo;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.TLSRouteRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ReferenceGrant semantics as Gateway API v1.5 standard defines them ({@code RefNotPermitted} in its route
 * and listener status conditions): a reference to an object in another namespace is valid only when a ReferenceGrant in
 * that namespace permits it, naming the referrer's group, kind and namespace in {@code from} and the
 * target's group, kind (and, optionally, name) in {@code to}. Checked for the backendRefs and request
 * mirrors of HTTPRoutes and GRPCRoutes, the backendRefs of TLSRoutes, the certificateRefs of Gateway and
 * ListenerSet listeners, and a Gateway's {@code spec.tls} client and CA certificate references. A missing
 * grant is an error in a stack and a warning for {@code validate} (the grant may be applied
 * separately). References whose own namespace is unknown (a manifest without {@code metadata.namespace})
 * are not judged; a grant without a namespace counts for any namespace.
 */
final class ReferenceGrants {
  /** One reference to check: who refers (group, kind, namespace) to what (group, kind, namespace, name). */
  private record Reference(String fromKind, String fromNamespace, String group, String kind, String namespace,
      String name, String path, String consequence) {}

  private ReferenceGrants() {}

  static void analyze(Analysis analysis) {
    Scope scope = analysis.scope();
    Map<String, List<ReferenceGrant>> grants = new HashMap<>();
    boolean anyReference = false;
    for (Resource resource : analysis.resources()) {
      if (resource.object() instanceof ReferenceGrant grant) {
        grants.computeIfAbsent(Lookup.group(resource, scope) + "\u0000" + Lookup.namespace(resource),
            k -> new ArrayList<>()).add(grant);
      }
      anyReference |= resource.object() instanceof HTTPRoute || resource.object() instanceof GRPCRoute
          || resource.object() instanceof TLSRoute || resource.object() instanceof Gateway
          || resource.object() instanceof ListenerSet;
    }
    if (!anyReference) {
      return;
    }
    for (Resource resource : analysis.resources()) {
      List<Reference> references = references(resource);
      if (references.isEmpty()) {
        continue;
      }
      Check check = analysis.check(resource);
      String group = Lookup.group(resource, scope);
      for (Reference reference : references) {
        if (!reference.fromNamespace().isEmpty() && !reference.namespace().equals(reference.fromNamespace())
            && !permitted(reference, grants, group)) {
          report(check, reference, scope);
        }
      }
    }
  }

  private static boolean permitted(Reference reference, Map<String, List<ReferenceGrant>> grants, String group) {
    List<ReferenceGrant> candidates = new ArrayList<>(grants.getOrDefault(group + "\u0000" + reference.namespace(),
        List.of()));
    candidates.addAll(grants.getOrDefault(group + "\u0000", List.of()));
    for (ReferenceGrant grant : candidates) {
      if (grant.getSpec() != null && permits(grant, reference)) {
        return true;
      }
    }
    return false;
  }

  private static boolean permits(ReferenceGrant grant, Reference reference) {
    boolean from = false;
    for (ReferenceGrantFrom entry : Lookup.items(grant.getSpec().getFrom())) {
      from |= Lookup.GATEWAY_GROUP.equals(entry.getGroup()) && reference.fromKind().equals(entry.getKind())
          && reference.fromNamespace().equals(entry.getNamespace());
    }
    if (!from) {
      return false;
    }
    for (ReferenceGrantTo entry : Lookup.items(grant.getSpec().getTo())) {
      if (reference.group().equals(entry.getGroup()) && reference.kind().equals(entry.getKind())
          && (entry.getName() == null || entry.getName().isEmpty() || entry.getName().equals(reference.name()))) {
        return true;
      }
    }
    return false;
  }

  private static void report(Check check, Reference ref, Scope scope) {
    check.report("http.reference-not-permitted", Lookup.missing(scope), ref.path(), ref.kind() + " "
        + Messages.quote(ref.name()) + " is in namespace " + Messages.quote(ref.namespace()) + ", not this "
        + ref.fromKind() + "'s namespace " + Messages.quote(ref.fromNamespace()) + ", and no ReferenceGrant "
        + (scope == Scope.OPEN ? "in the input " : "") + "permits the reference: " + ref.consequence()
        + "; add a ReferenceGrant in " + Messages.quote(ref.namespace()) + " with from: [{group: " + Lookup.GATEWAY_GROUP
        + ", kind: " + ref.fromKind() + ", namespace: " + ref.fromNamespace() + "}] and to: [{group: \""
        + ref.group() + "\", kind: " + ref.kind() + "}]"
        + (scope == Scope.OPEN ? ", or ignore this if one is applied separately" : ""));
  }

  // ================================================================= the references of each kind

  private static List<Reference> references(Resource resource) {
    List<Reference> out = new ArrayList<>();
    String ns = Lookup.namespace(resource);
    if (resource.object() instanceof HTTPRoute route && route.getSpec() != null) {
      List<HTTPRouteRule> rules = Lookup.items(route.getSpec().getRules());
      for (int r = 0; r < rules.size(); r++) {
        String rulePath = "spec.rules[" + r + "]";
        httpMirrors(out, ns, rulePath + ".filters", rules.get(r).getFilters());
        List<HTTPBackendRef> refs = Lookup.items(rules.get(r).getBackendRefs());
        for (int b = 0; b < refs.size(); b++) {
          HTTPBackendRef ref = refs.get(b);
          backend(out, "HTTPRoute", ns, ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName(),
              rulePath + ".backendRefs[" + b + "]");
          httpMirrors(out, ns, rulePath + ".backendRefs[" + b + "].filters", ref.getFilters());
        }
      }
    } else if (resource.object() instanceof GRPCRoute route && route.getSpec() != null) {
      List<GRPCRouteRule> rules = Lookup.items(route.getSpec().getRules());
      for (int r = 0; r < rules.size(); r++) {
        String rulePath = "spec.rules[" + r + "]";
        grpcMirrors(out, ns, rulePath + ".filters", rules.get(r).getFilters());
        List<GRPCBackendRef> refs = Lookup.items(rules.get(r).getBackendRefs());
        for (int b = 0; b < refs.size(); b++) {
          GRPCBackendRef ref = refs.get(b);
          backend(out, "GRPCRoute", ns, ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName(),
              rulePath + ".backendRefs[" + b + "]");
          grpcMirrors(out, ns, rulePath + ".backendRefs[" + b + "].filters", ref.getFilters());
        }
      }
    } else if (resource.object() instanceof TLSRoute route && route.getSpec() != null) {
      List<TLSRouteRule> rules = Lookup.items(route.getSpec().getRules());
      for (int r = 0; r < rules.size(); r++) {
        List<BackendRef> refs = Lookup.items(rules.get(r).getBackendRefs());
        for (int b = 0; b < refs.size(); b++) {
          BackendRef ref = refs.get(b);
          backend(out, "TLSRoute", ns, ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName(),
              "spec.rules[" + r + "].backendRefs[" + b + "]");
        }
      }
    } else if (resource.object() instanceof Gateway gateway && gateway.getSpec() != null) {
      var listeners = Lookup.items(gateway.getSpec().getListeners());
      for (int l = 0; l < listeners.size(); l++) {
        certificates(out, "Gateway", ns, "spec.listeners[" + l + "].tls", listeners.get(l).getTls());
      }
      gatewayTls(out, ns, gateway);
    } else if (resource.object() instanceof ListenerSet set && set.getSpec() != null) {
      var listeners = Lookup.items(set.getSpec().getListeners());
      for (int l = 0; l < listeners.size(); l++) {
        certificates(out, "ListenerSet", ns, "spec.listeners[" + l + "].tls", listeners.get(l).getTls());
      }
    }
    return out;
  }

  private static final String BACKEND_CONSEQUENCE = "the route reports ResolvedRefs false (RefNotPermitted) and "
      + "traffic for this backend fails (HTTP 500 on HTTP and gRPC routes)";
  private static final String CERTIFICATE_CONSEQUENCE = "the Gateway reports ResolvedRefs false (RefNotPermitted) "
      + "for the listener and cannot use the certificate";

  /** A backend (or mirror) reference, after the defaults group "" and kind Service; only when it names a namespace. */
  private static void backend(List<Reference> out, String fromKind, String ns, String group, String kind,
      String namespace, String name, String path) {
    if (namespace != null && name != null) {
      out.add(new Reference(fromKind, ns, Objects.requireNonNullElse(group, ""),
          Objects.requireNonNullElse(kind, "Service"), namespace, name, path + ".namespace", BACKEND_CONSEQUENCE));
    }
  }

  private static void httpMirrors(List<Reference> out, String ns, String path, List<HTTPRouteFilter> filters) {
    List<HTTPRouteFilter> items = Lookup.items(filters);
    for (int f = 0; f < items.size(); f++) {
      mirror(out, "HTTPRoute", ns, path + "[" + f + "].requestMirror", items.get(f).getRequestMirror());
    }
  }

  private static void grpcMirrors(List<Reference> out, String ns, String path, List<GRPCRouteFilter> filters) {
    List<GRPCRouteFilter> items = Lookup.items(filters);
    for (int f = 0; f < items.size(); f++) {
      mirror(out, "GRPCRoute", ns, path + "[" + f + "].requestMirror", items.get(f).getRequestMirror());
    }
  }

  private static void mirror(List<Reference> out, String fromKind, String ns, String path,
      HTTPRequestMirrorFilter mirror) {
    if (mirror != null && mirror.getBackendRef() != null) {
      BackendObjectReference ref = mirror.getBackendRef();
      backend(out, fromKind, ns, ref.getGroup(), ref.getKind(), ref.getNamespace(), ref.getName(), path + ".backendRef");
    }
  }

  /** A listener's certificateRefs, after the defaults group "" and kind Secret. */
  private static void certificates(List<Reference> out, String fromKind, String ns, String path,
      ListenerTLSConfig tls) {
    if (tls == null) {
      return;
    }
    List<SecretObjectReference> refs = Lookup.items(tls.getCertificateRefs());
    for (int i = 0; i < refs.size(); i++) {
      secret(out, fromKind, ns, path + ".certificateRefs[" + i + "]", refs.get(i), CERTIFICATE_CONSEQUENCE);
    }
  }

  private static void secret(List<Reference> out, String fromKind, String ns, String path, SecretObjectReference ref,
      String consequence) {
    if (ref.getNamespace() != null && ref.getName() != null) {
      out.add(new Reference(fromKind, ns, Objects.requireNonNullElse(ref.getGroup(), ""),
          Objects.requireNonNullElse(ref.getKind(), "Secret"), ref.getNamespace(), ref.getName(), path + ".namespace",
          consequence));
    }
  }

  /** {@code spec.tls}: the client certificate for backends, and the CA certificates that validate clients. */
  private static void gatewayTls(List<Reference> out, String ns, Gateway gateway) {
    var tls = gateway.getSpec().getTls();
    if (tls == null) {
      return;
    }
    if (tls.getBackend() != null && tls.getBackend().getClientCertificateRef() != null) {
      secret(out, "Gateway", ns, "spec.tls.backend.clientCertificateRef", tls.getBackend().getClientCertificateRef(),
          "the Gateway cannot present this client certificate to backends");
    }
    var frontend = tls.getFrontend();
    if (frontend == null) {
      return;
    }
    if (frontend.getDefault() != null) {
      caCertificates(out, ns, "spec.tls.frontend.default.validation", frontend.getDefault().getValidation());
    }
    var ports = Lookup.items(frontend.getPerPort());
    for (int p = 0; p < ports.size(); p++) {
      if (ports.get(p).getTls() != null) {
        caCertificates(out, ns, "spec.tls.frontend.perPort[" + p + "].tls.validation",
            ports.get(p).getTls().getValidation());
      }
    }
  }

  private static void caCertificates(List<Reference> out, String ns, String path, FrontendTLSValidation validation) {
    if (validation == null) {
      return;
    }
    var refs = Lookup.items(validation.getCaCertificateRefs());
    for (int i = 0; i < refs.size(); i++) {
      var ref = refs.get(i);
      if (ref.getNamespace() != null && ref.getName() != null && ref.getKind() != null) {
        out.add(new Reference("Gateway", ns, Objects.requireNonNullElse(ref.getGroup(), ""), ref.getKind(),
            ref.getNamespace(), ref.getName(), path + ".caCertificateRefs[" + i + "].namespace",
            "the Gateway cannot validate client certificates with it"));
      }
    }
  }
}
