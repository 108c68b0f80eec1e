package dev.portico.synth.validate.gatewayapi;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import java.util.List;
import java.util.Map;

/**
 * The {@link Check} of one Gateway API object together with the checks its kinds share (as
 * Gateway API v1.5 standard defines them). Shared checks
 * report under the kind's own prefix ({@code "grpcroute"} + {@code "ref-name"} is
 * {@code grpcroute.ref-name}), so every finding names the kind it is about; rules of one kind only
 * pass their full id.
 */
final class GatewayApiCheck {
  /** The release every rule of this package mirrors, as findings and the README name it. */
  static final String VERSION = "Gateway API v1.5";

  private final Check check;
  private final String kind;

  GatewayApiCheck(Check check, String kind) {
    this.check = check;
    this.kind = kind;
  }

  Check check() {
    return check;
  }

  /** The rule id of a shared check for this kind: {@code kind.suffix}. */
  String id(String suffix) {
    return kind + "." + suffix;
  }

  void error(String rule, String path, String message) {
    check.error(rule, path, message);
  }

  void warning(String rule, String path, String message) {
    check.warning(rule, path, message);
  }

  void formatErrors(String rule, String path, Object value, List<String> problems, String suggestion) {
    check.formatErrors(rule, path, value, problems, suggestion);
  }

  /** More than {@code max} items in a list or map ({@code maxItems}, {@code maxProperties}). */
  void tooMany(String path, int size, int max, String what) {
    if (size > max) {
      check.error(id("too-many"), path, size + " " + what + " given; at most " + max + " are allowed");
    }
  }

  /** An enum: exact, case-sensitive values; a value equal but for case is suggested. */
  void oneOf(String rule, String path, String value, List<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      check.error(rule, path, Messages.quote(value) + " is not supported; use " + Messages.oneOf(allowed)
          + " (case-sensitive)" + Messages.tryInstead(value, GatewayApiFormats.caseVariant(value, allowed)));
    }
  }

  /** A required string of 1 to {@code max} characters without a pattern. */
  void text(String rule, String path, String value, int max, String what) {
    if (value == null) {
      check.error(rule, path, "is required: " + what);
    } else {
      check.formatErrors(rule, path, value, GatewayApiFormats.length(value, 1, max), null);
    }
  }

  /** The key of a list of type map or set: exactly equal keys are rejected. */
  void unique(String rule, String path, String key, Map<String, Integer> seen, String listPath, int index,
      String why) {
    if (key == null) {
      return;
    }
    Integer earlier = seen.putIfAbsent(key, index);
    if (earlier != null) {
      check.error(rule, path, Messages.quote(key) + " is already listed at " + listPath + "[" + earlier + "]; " + why);
    }
  }

  /** Values of an options map ({@code tls.options}, BackendTLSPolicy {@code options}): at most 16, each at most 4096 characters. */
  void options(String rule, String path, Map<String, String> options) {
    if (options == null) {
      return;
    }
    tooMany(path, options.size(), GatewayApiFormats.OPTIONS_MAX, "options");
    for (var entry : new java.util.TreeMap<>(options).entrySet()) {
      String value = entry.getValue() == null ? "" : entry.getValue();
      check.formatErrors(rule, path + "[" + entry.getKey() + "]", value,
          GatewayApiFormats.length(value, 0, GatewayApiFormats.ANNOTATION_VALUE_MAX), null);
    }
  }

  // ================================================================= references

  /** An object reference: name required, optional group, kind and namespace, each in its format. */
  void reference(String path, String group, String kind, String name, String namespace) {
    refName(path + ".name", name);
    if (group != null) {
      refGroup(path + ".group", group);
    }
    if (kind != null) {
      refKind(path + ".kind", kind);
    }
    refNamespace(path + ".namespace", namespace);
  }

  /** A reference whose group, kind and name are all required ({@code LocalObjectReference} and its kin). */
  void localReference(String path, String group, String kind, String name, String what) {
    groupAndKind(path, group, kind, what);
    refName(path + ".name", name);
  }

  /** A required group ("" for core) and kind, as ReferenceGrant entries and local references have them. */
  void groupAndKind(String path, String group, String kind, String what) {
    if (group == null) {
      check.error(id("ref-group"), path + ".group", "is required: the API group of the " + what + " (\"\" for core)");
    } else {
      refGroup(path + ".group", group);
    }
    if (kind == null) {
      check.error(id("ref-kind"), path + ".kind", "is required: the kind of the " + what);
    } else {
      refKind(path + ".kind", kind);
    }
  }

  /** {@code ObjectName}: required, 1 to 253 characters, no pattern. */
  void refName(String path, String name) {
    if (name == null) {
      check.error(id("ref-name"), path, "is required: the name of the referenced object");
    } else {
      check.formatErrors(id("ref-name"), path, name, GatewayApiFormats.objectName(name), null);
    }
  }

  /** {@code Group}: empty for the core group, or a DNS-1123 subdomain. */
  void refGroup(String path, String group) {
    check.formatErrors(id("ref-group"), path, group, GatewayApiFormats.group(group),
        GatewayApiFormats.lowerIfValid(group, GatewayApiFormats::group));
  }

  /** {@code Kind}: 1 to 63 characters, a letter first. */
  void refKind(String path, String kind) {
    check.formatErrors(id("ref-kind"), path, kind, GatewayApiFormats.kind(kind), null);
  }

  /** {@code Namespace}: a DNS-1123 label, when set. */
  void refNamespace(String path, String namespace) {
    if (namespace != null) {
      check.formatErrors(id("ref-namespace"), path, namespace, GatewayApiFormats.namespace(namespace),
          GatewayApiFormats.lowerIfValid(namespace, GatewayApiFormats::namespace));
    }
  }

  /** {@code PortNumber}: 1 to 65535, when set. */
  void port(String path, Integer port) {
    if (port != null) {
      for (String problem : Formats.portNumber(port)) {
        check.error(id("port"), path, port + " " + problem);
      }
    }
  }

  /** {@code SectionName}: a DNS-1123 subdomain of at most 253 characters, when set. */
  void sectionName(String path, String name) {
    if (name != null) {
      check.formatErrors(id("section-name"), path, name, GatewayApiFormats.sectionName(name),
          GatewayApiFormats.lowerIfValid(name, GatewayApiFormats::sectionName));
    }
  }

  /** {@code Hostname}: optionally a leading {@code *.} label, at most 253 characters. */
  void hostname(String path, String hostname) {
    check.formatErrors(id("hostname"), path, hostname, GatewayApiFormats.hostname(hostname),
        GatewayApiFormats.lowerIfValid(hostname, GatewayApiFormats::hostname));
  }

  // ================================================================= versions and the experimental channel

  /**
   * The versions the v1.5 standard CRDs still list but no longer serve ({@code served: false}):
   * TLSRoute's {@code v1alpha2} and {@code v1alpha3}, and BackendTLSPolicy's {@code v1alpha3}.
   */
  static final java.util.Set<String> NOT_SERVED = java.util.Set.of("gateway.networking.k8s.io/v1alpha2",
      "gateway.networking.k8s.io/v1alpha3");

  /** An apiVersion v1.5 does not serve: the API server rejects the object ("no matches for kind"). */
  void servedVersion(String apiVersion) {
    if (apiVersion != null && NOT_SERVED.contains(apiVersion)) {
      check.error(id("api-version"), "apiVersion", Messages.quote(apiVersion) + " is not served by " + VERSION
          + " (its CRD keeps the version only to read stored objects, with served: false), so the API server "
          + "rejects this object; use \"gateway.networking.k8s.io/v1\"");
    }
  }

  /**
   * A field or value that {@value #VERSION} has in its experimental channel only: a warning naming the
   * channel and the field, never an error (the cluster may run the experimental channel) and never a
   * silent pass (with the standard-channel CRDs the API server rejects it, or drops an unknown field
   * when field validation is not strict).
   */
  void experimental(String path, String what) {
    check.warning(id("experimental"), path, what + " is in " + VERSION + "'s experimental channel only: a cluster "
        + "with the standard-channel CRDs rejects it (or silently drops an unknown field when kubectl's field "
        + "validation is not strict); install the experimental channel's CRDs or remove it");
  }
}
