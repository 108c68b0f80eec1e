package dev.portico.synth.validate.gatewayapi;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantFrom;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantTo;
import java.util.List;

/**
 * A gateway.networking.k8s.io ReferenceGrant ({@code v1} since Gateway API v1.5; {@code v1beta1} is
 * still served with the same schema) as the Gateway API v1.5 standard channel's CRD (kubernetes-sigs/gateway-api
 * {@code config/crd/standard/gateway.networking.k8s.io_referencegrants.yaml}, tag v1.5.1) checks it:
 * {@code from} and {@code to} required with 1 to 16 entries each; a {@code from} entry's group, kind
 * and namespace required, a {@code to} entry's group and kind required and its name optional. The CRD
 * does not require {@code spec}; a grant without one permits nothing, which is a warning. Which
 * references a grant permits is checked across objects by the {@code http} family.
 */
final class ReferenceGrantRules {
  static final String KIND = "referencegrant";
  static final int MAX_ENTRIES = 16;

  private ReferenceGrantRules() {}

  static void check(Check check, ReferenceGrant grant) {
    MetadataRules.check(check, grant.getMetadata(), Formats::dns1123Subdomain);
    GatewayApiCheck c = new GatewayApiCheck(check, KIND);
    ReferenceGrantSpec spec = grant.getSpec();
    if (spec == null) {
      c.warning("referencegrant.spec", "spec", "is not set, so this ReferenceGrant permits nothing; give from (the "
          + "referring kind and namespace) and to (the kinds it may reference in this namespace)");
      return;
    }
    List<ReferenceGrantFrom> from = GatewayApiFormats.orEmpty(spec.getFrom());
    required(c, "spec.from", from, "the kinds and namespaces that may refer here, e.g. [{group: "
        + "gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]");
    c.tooMany("spec.from", from.size(), MAX_ENTRIES, "entries");
    for (int i = 0; i < from.size(); i++) {
      ReferenceGrantFrom entry = from.get(i);
      String path = "spec.from[" + i + "]";
      c.groupAndKind(path, entry.getGroup(), entry.getKind(), "referring object");
      if (entry.getNamespace() == null) {
        c.error(c.id("ref-namespace"), path + ".namespace", "is required: the namespace of the referring objects");
      } else {
        c.refNamespace(path + ".namespace", entry.getNamespace());
      }
    }
    List<ReferenceGrantTo> to = GatewayApiFormats.orEmpty(spec.getTo());
    required(c, "spec.to", to, "the kinds in this namespace that may be referred to, e.g. [{group: \"\", kind: "
        + "Service}]");
    c.tooMany("spec.to", to.size(), MAX_ENTRIES, "entries");
    for (int i = 0; i < to.size(); i++) {
      ReferenceGrantTo entry = to.get(i);
      String path = "spec.to[" + i + "]";
      c.groupAndKind(path, entry.getGroup(), entry.getKind(), "referenced object");
      if (entry.getName() != null) {
        c.refName(path + ".name", entry.getName());
      }
    }
  }

  private static void required(GatewayApiCheck c, String path, List<?> entries, String what) {
    if (entries.isEmpty()) {
      c.error("referencegrant.entries-required", path, "at least one entry is required: " + what);
    }
  }
}
