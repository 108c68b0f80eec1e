package dev.portico.synth.validate.istio;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import io.fabric8.istio.api.api.type.v1beta1.PolicyTargetReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks shared by the Istio policy kinds (PeerAuthentication, AuthorizationPolicy, Telemetry,
 * EnvoyFilter), after istio/istio {@code pkg/config/validation/validation.go}
 * ({@code validateWorkloadSelector}, {@code ValidateAlphaWorkloadSelector},
 * {@code validateOneOfSelectorType}, {@code validatePolicyTargetReference},
 * {@code checkDryRunAnnotation}), {@code pkg/config/security/security.go} ({@code ValidateIPs},
 * {@code ValidatePorts}, {@code CheckServiceAccount}, {@code CheckValidPathTemplate}) and the CEL
 * rules of the CRDs ({@code manifests/charts/base/files/crd-all.gen.yaml}).
 *
 * <p>Rule ids are passed in by the kind's rule class, so every id stays a literal there.
 *
 * <p>Map entries are addressed like {@code metadata.labels[key]}: {@code spec.selector.matchLabels[app]},
 * {@code spec.portLevelMtls[8080]}, {@code spec.metrics[0].overrides[0].tagOverrides[request_protocol]}.
 */
final class IstioSecurityFormats {
  /** The annotation only AuthorizationPolicy (ALLOW or DENY) accepts. */
  static final String DRY_RUN_ANNOTATION = "istio.io/dry-run";
  /** CRD {@code maxLength} of a selector's label values. */
  static final int LABEL_VALUE_MAX = 63;
  /** CRD {@code maxProperties} of {@code selector.matchLabels}. */
  static final int MATCH_LABELS_MAX = 4096;
  /** CRD {@code maxItems} of {@code targetRefs}. */
  static final int TARGET_REFS_MAX = 16;
  /** CRD {@code maxLength} of a target reference's group and name. */
  static final int TARGET_NAME_MAX = 253;
  /** CRD {@code maxLength} of a target reference's kind. */
  static final int TARGET_KIND_MAX = 63;

  /** {@code allowedTargetRefs}: group (as {@code CanonicalGroup}, "core" for "") and kind. */
  static final List<List<String>> TARGET_KINDS = List.of(
      List.of("core", "Service"),
      List.of("networking.istio.io", "ServiceEntry"),
      List.of("gateway.networking.k8s.io", "Gateway"),
      List.of("gateway.networking.k8s.io", "GatewayClass"));

  private static final Pattern TARGET_GROUP = Pattern.compile("^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Pattern TARGET_KIND = Pattern.compile("^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$");
  /** {@code validLiteral}: RFC 3986 pchar, for the segments of a path with a template. */
  private static final Pattern PATH_LITERAL = Pattern.compile("^[a-zA-Z0-9\\-._~%!$&'()+,;:@=]+$");
  private static final Set<String> GO_BOOLEANS =
      Set.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False");

  private IstioSecurityFormats() {}

  // ================================================================= selectors

  /** Rule ids of the selector checks of one kind: errors, the empty-selector warning, the label-format warning. */
  record SelectorRules(String error, String empty, String label) {}

  /**
   * {@code validateWorkloadSelector} / {@code ValidateAlphaWorkloadSelector} and the CRD: no empty
   * key, no '*' in keys or values, values at most 63 characters, at most {@code maxLabels} labels;
   * a selector without labels is a warning. Keys and values that no pod can carry (not Kubernetes
   * label syntax) are a Portico warning: the selector would select nothing.
   *
   * @param path e.g. {@code spec.selector}
   * @param field {@code matchLabels}, or {@code labels} for EnvoyFilter's workloadSelector
   * @param emptyConsequence what a selector without labels does, for the warning
   */
  static void selector(Check check, SelectorRules rules, String path, String field, Map<String, String> labels,
      int maxLabels, String emptyConsequence) {
    String labelsPath = path + "." + field;
    if (labels == null || labels.isEmpty()) {
      check.warning(rules.empty(), path, "has no " + field + ", so it " + emptyConsequence
          + "; add " + field + " (e.g. app: web), or remove the selector");
      return;
    }
    if (labels.size() > maxLabels) {
      check.error(rules.error(), labelsPath, labels.size() + " labels are too many; at most " + maxLabels);
    }
    Map<String, String> sorted = new TreeMap<>();
    labels.forEach((k, v) -> sorted.put(k == null ? "" : k, v == null ? "" : v));
    for (var entry : sorted.entrySet()) {
      String key = entry.getKey();
      String value = entry.getValue();
      String keyPath = labelsPath + "[" + key + "]";
      boolean bad = false;
      if (key.isEmpty()) {
        check.error(rules.error(), keyPath, "label key \"\" is empty; selector keys must not be empty");
        bad = true;
      } else if (key.contains("*")) {
        check.error(rules.error(), keyPath, "label key " + Messages.quote(key)
            + " contains '*'; selectors match labels exactly, wildcards are not supported");
        bad = true;
      }
      if (value.contains("*")) {
        check.error(rules.error(), keyPath, "label value " + Messages.quote(value)
            + " contains '*'; selectors match labels exactly, wildcards are not supported");
        bad = true;
      }
      if (value.length() > LABEL_VALUE_MAX) {
        check.error(rules.error(), keyPath, "label value " + Messages.quote(value) + " is " + value.length()
            + " characters; at most " + LABEL_VALUE_MAX);
        bad = true;
      }
      if (bad) {
        continue;
      }
      for (String problem : Formats.qualifiedName(key)) {
        check.warning(rules.label(), keyPath, "label key " + Messages.quote(key) + " " + problem
            + ", so no pod can carry it and the selector selects nothing");
      }
      for (String problem : Formats.labelValue(value)) {
        check.warning(rules.label(), keyPath, "label value " + Messages.quote(value) + " " + problem
            + ", so no pod can carry it and the selector selects nothing");
      }
    }
  }

  // ================================================================= target references

  /**
   * Rule ids of the target checks of one kind: more than one of selector, targetRef and
   * targetRefs; a reference's fields; its group and kind (null when the kind accepts any kind).
   */
  record TargetRules(String exclusive, String ref, String kind) {}

  /**
   * Where a namespaced policy applies (AuthorizationPolicy, Telemetry): one of selector, targetRef
   * and targetRefs, each valid.
   */
  static void selectorOrTargets(Check check, SelectorRules selectorRules, TargetRules targetRules,
      io.fabric8.istio.api.api.type.v1beta1.WorkloadSelector selector, PolicyTargetReference targetRef,
      List<PolicyTargetReference> targetRefs) {
    boolean refs = targetRefs != null && !targetRefs.isEmpty();
    oneTarget(check, targetRules, "selector", selector != null, targetRef != null, refs);
    if (selector != null) {
      selector(check, selectorRules, "spec.selector", "matchLabels", selector.getMatchLabels(), MATCH_LABELS_MAX,
          "applies to every workload in the namespace (like no selector)");
    }
    targetRef(check, targetRules, "spec.targetRef", targetRef);
    targetRefs(check, targetRules, targetRefs);
  }

  /**
   * {@code validateOneOfSelectorType} (and the CRD's "only one of targetRefs or selector can be
   * set"): reported at the second field set, in the order selector, targetRef, targetRefs.
   */
  static void oneTarget(Check check, TargetRules rules, String selectorField, boolean selectorSet,
      boolean targetRefSet, boolean targetRefsSet) {
    String first = null;
    for (String field : List.of(selectorField, "targetRef", "targetRefs")) {
      boolean set = field.equals(selectorField) ? selectorSet : field.equals("targetRef") ? targetRefSet : targetRefsSet;
      if (!set) {
        continue;
      }
      if (first == null) {
        first = field;
      } else {
        check.error(rules.exclusive(), "spec." + field, "must not be set together with " + first
            + ": a policy applies either to the workloads its " + selectorField
            + " selects or to the resources its targetRef/targetRefs name; keep one of them");
      }
    }
  }

  /** {@code validatePolicyTargetReferences} plus the CRD's {@code maxItems: 16}. */
  static void targetRefs(Check check, TargetRules rules, List<PolicyTargetReference> refs) {
    if (refs == null) {
      return;
    }
    if (refs.size() > TARGET_REFS_MAX) {
      check.error(rules.ref(), "spec.targetRefs", refs.size() + " target references are too many; at most "
          + TARGET_REFS_MAX);
    }
    for (int i = 0; i < refs.size(); i++) {
      targetRef(check, rules, "spec.targetRefs[" + i + "]", refs.get(i));
    }
  }

  /**
   * {@code validatePolicyTargetReference} and the CRD's field rules: a name (at most 253
   * characters), no namespace (cross-namespace references are not supported), a group and kind of
   * the right shape, and, where the kind is restricted, one of {@link #TARGET_KINDS}.
   */
  static void targetRef(Check check, TargetRules rules, String path, PolicyTargetReference ref) {
    if (ref == null) {
      return;
    }
    String name = ref.getName() == null ? "" : ref.getName();
    if (name.isEmpty()) {
      check.error(rules.ref(), path + ".name", "is required: the name of the targeted resource");
    } else if (name.length() > TARGET_NAME_MAX) {
      check.error(rules.ref(), path + ".name", Messages.quote(name) + " is " + name.length()
          + " characters; at most " + TARGET_NAME_MAX);
    }
    String namespace = ref.getNamespace() == null ? "" : ref.getNamespace();
    if (!namespace.isEmpty()) {
      check.error(rules.ref(), path + ".namespace", Messages.quote(namespace)
          + " must be empty: cross-namespace references are not supported; the target must be in the policy's namespace");
    }
    String group = ref.getGroup() == null ? "" : ref.getGroup();
    String kind = ref.getKind() == null ? "" : ref.getKind();
    if (rules.kind() == null) {
      if (group.length() > TARGET_NAME_MAX || !TARGET_GROUP.matcher(group).matches()) {
        check.error(rules.ref(), path + ".group", Messages.quote(group)
            + " is not an API group: empty for the core group, or a lowercase DNS subdomain such as \"gateway.networking.k8s.io\"");
      }
      if (kind.isEmpty()) {
        check.error(rules.ref(), path + ".kind", "is required: the kind of the targeted resource, e.g. \"Gateway\"");
      } else if (kind.length() > TARGET_KIND_MAX || !TARGET_KIND.matcher(kind).matches()) {
        check.error(rules.ref(), path + ".kind", Messages.quote(kind)
            + " is not a kind: a letter followed by letters, digits or '-', at most 63 characters, e.g. \"Gateway\"");
      }
      return;
    }
    String canonical = group.isEmpty() ? "core" : group;
    if (TARGET_KINDS.contains(List.of(canonical, kind))) {
      return;
    }
    String supported = "Service (group \"\" or \"core\"), ServiceEntry (networking.istio.io), "
        + "Gateway or GatewayClass (gateway.networking.k8s.io)";
    String knownGroup = TARGET_KINDS.stream().filter(k -> k.get(1).equals(kind)).map(k -> k.get(0)).findFirst()
        .orElse(null);
    if (knownGroup != null) {
      String suggestion = knownGroup.equals("core") ? "" : knownGroup;
      check.error(rules.kind(), path + ".group", Messages.quote(group) + " is not the group of kind " + kind
          + "; supported targets are " + supported + Messages.tryInstead(group, suggestion));
      return;
    }
    if (kind.isEmpty()) {
      check.error(rules.kind(), path + ".kind", "is required; supported targets are " + supported);
      return;
    }
    String caseFixed = TARGET_KINDS.stream().map(k -> k.get(1)).filter(k -> k.equalsIgnoreCase(kind)).findFirst()
        .orElse(null);
    check.error(rules.kind(), path + ".kind", Messages.quote(kind) + " is not a supported target kind (case-sensitive); "
        + "supported targets are " + supported + Messages.tryInstead(kind, caseFixed));
  }

  // ================================================================= annotations

  /** {@code checkDryRunAnnotation} for the kinds that do not support it. */
  static void dryRunUnsupported(Check check, String rule, String kind, ObjectMeta meta) {
    String value = annotation(meta, DRY_RUN_ANNOTATION);
    if (value != null) {
      check.error(rule, "metadata.annotations[" + DRY_RUN_ANNOTATION + "]", Messages.quote(value)
          + " is not supported on " + ("AEIOU".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind + ": only AuthorizationPolicy (action ALLOW or DENY) accepts annotation "
          + DRY_RUN_ANNOTATION + "; remove it");
    }
  }

  /** The value of annotation {@code key}, or null. */
  static String annotation(ObjectMeta meta, String key) {
    if (meta == null || meta.getAnnotations() == null || !meta.getAnnotations().containsKey(key)) {
      return null;
    }
    String value = meta.getAnnotations().get(key);
    return value == null ? "" : value;
  }

  /** Go's {@code strconv.ParseBool}. */
  static boolean isGoBool(String value) {
    return GO_BOOLEANS.contains(value);
  }

  // ================================================================= addresses and ports

  /**
   * {@code ValidateIPs} for one value: with a '/', Go's {@code netip.ParsePrefix} (no zone, prefix
   * length without sign or leading zeros, at most 32 or 128); else {@code netip.ParseAddr} (IPv4
   * octets without leading zeros; IPv6 with an optional zone). Null when valid, else the problem.
   */
  static String ipOrCidrProblem(String value) {
    int slash = value.lastIndexOf('/');
    if (slash < 0) {
      return isGoAddr(value, true) ? null
          : "is not an IP address or CIDR range (e.g. \"10.0.0.1\", \"10.0.0.0/16\" or \"2001:db8::/32\")"
              + leadingZeroHint(value);
    }
    String address = value.substring(0, slash);
    String bits = value.substring(slash + 1);
    if (!isGoAddr(address, false)) {
      return "is not a CIDR range: " + Messages.quote(address)
          + " is not an IP address (e.g. \"10.0.0.0/16\" or \"2001:db8::/32\")" + leadingZeroHint(address);
    }
    int max = address.indexOf(':') >= 0 ? 128 : 32;
    boolean digits = !bits.isEmpty() && bits.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!digits || (bits.length() > 1 && bits.charAt(0) == '0') || bits.length() > 3 || Integer.parseInt(bits) > max) {
      return "is not a CIDR range: the prefix length must be a number from 0 to " + max
          + " without leading zeros (e.g. \"" + address + "/" + (max == 32 ? 24 : 64) + "\")";
    }
    return null;
  }

  private static String leadingZeroHint(String value) {
    if (Formats.hasLeadingZeros(value) && Formats.isIpv4(value)) {
      return "; IPv4 octets must not have leading zeros";
    }
    return "";
  }

  /** Go's {@code netip.ParseAddr}: strict dotted-quad IPv4, or IPv6 (with a zone only when allowed). */
  static boolean isGoAddr(String value, boolean zoneAllowed) {
    if (value.indexOf(':') < 0) {
      return isStrictIpv4(value);
    }
    String address = value;
    int percent = value.indexOf('%');
    if (percent >= 0) {
      if (!zoneAllowed || percent == value.length() - 1) {
        return false;
      }
      address = value.substring(0, percent);
    }
    if (!Formats.isIpv6(address)) {
      return false;
    }
    String tail = address.substring(address.lastIndexOf(':') + 1);
    return tail.indexOf('.') < 0 || isStrictIpv4(tail);
  }

  private static boolean isStrictIpv4(String value) {
    return Formats.isIpv4(value) && !Formats.hasLeadingZeros(value);
  }

  /**
   * {@code ValidatePorts} for one value: {@code strconv.ParseUint(port, 10, 32)} (digits only) and
   * at most 65535 (0 passes upstream). Null when valid.
   */
  static String portProblem(String value) {
    boolean digits = !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!digits) {
      return "is not a port number: use digits only, from 0 to 65535 (e.g. \"8080\")";
    }
    String trimmed = value.replaceFirst("^0+(?=.)", "");
    if (trimmed.length() > 5 || Integer.parseInt(trimmed) > 65_535) {
      return "is not a port number: at most 65535";
    }
    return null;
  }

  // ================================================================= service accounts and paths

  /**
   * {@code CheckServiceAccount} for one value (the count limit of 16 is checked by the caller): not
   * empty, no '*', {@code name} or {@code namespace/name} with neither part empty, at most 320
   * characters. Null when valid.
   */
  static String serviceAccountProblem(String value) {
    if (value.isEmpty()) {
      return "is empty; use \"name\" or \"namespace/name\"";
    }
    if (value.contains("*")) {
      return "contains '*'; wildcards are not allowed in service accounts; use \"name\" or \"namespace/name\"";
    }
    long slashes = value.chars().filter(c -> c == '/').count();
    if (slashes > 1) {
      return "has " + slashes + " '/'; use \"name\" or \"namespace/name\"";
    }
    if (value.length() > 320) {
      return "is " + value.length() + " characters; at most 320";
    }
    if (slashes == 1) {
      int slash = value.indexOf('/');
      if (slash == 0) {
        return "has an empty namespace; use \"name\" or \"namespace/name\"";
      }
      if (slash == value.length() - 1) {
        return "has an empty service account name; use \"name\" or \"namespace/name\"";
      }
    }
    return null;
  }

  /**
   * {@code CheckValidPathTemplate} for one path: {@code {*}} and {@code {**}} are whole segments,
   * {@code {**}} comes last, no other '{' or '}', and in a path with a template every other segment
   * is a non-empty run of RFC 3986 pchar characters. Null when valid.
   */
  static String pathTemplateProblem(String path) {
    boolean template = path.contains("{*}") || path.contains("{**}");
    boolean matchAny = false;
    String trimmed = trimSlashes(path);
    for (String glob : trimmed.split("/", -1)) {
      if (glob.equals("{*}") && !matchAny) {
        continue;
      } else if (glob.equals("{**}") && !matchAny) {
        matchAny = true;
        continue;
      } else if ((glob.equals("{**}") || glob.equals("{*}")) && matchAny) {
        return "has an operator after {**}; {**} must be the last operator of a path template";
      }
      if (glob.contains("{") || glob.contains("}")) {
        return "has '{' or '}' outside a supported path template; templates are whole segments {*} (one segment) "
            + "and {**} (the rest, last)";
      }
      if (template && !PATH_LITERAL.matcher(glob).matches()) {
        return "has segment " + Messages.quote(glob) + ", which is not a valid literal in a path template "
            + "(letters, digits and -._~%!$&'()+,;:@= only, not empty)";
      }
    }
    return null;
  }

  private static String trimSlashes(String value) {
    int from = 0;
    int to = value.length();
    while (from < to && value.charAt(from) == '/') {
      from++;
    }
    while (to > from && value.charAt(to - 1) == '/') {
      to--;
    }
    return value.substring(from, to);
  }

  // ================================================================= expressions

  /**
   * A syntax check of a CEL expression (the access-log filter's {@code cel.Parse}), limited to
   * what can be told without a CEL parser: not blank, string literals closed, brackets balanced,
   * and no lone '=' (CEL compares with '=='). Null when no problem is found.
   */
  static String celProblem(String expression) {
    if (expression.isBlank()) {
      return "is empty; a CEL expression is required, e.g. \"response.code >= 400\"";
    }
    Deque<Character> open = new ArrayDeque<>();
    int i = 0;
    while (i < expression.length()) {
      char c = expression.charAt(i);
      if (c == '"' || c == '\'') {
        boolean raw = i > 0 && (expression.charAt(i - 1) == 'r' || expression.charAt(i - 1) == 'R');
        String quote = expression.startsWith(String.valueOf(c).repeat(3), i) ? String.valueOf(c).repeat(3)
            : String.valueOf(c);
        int j = i + quote.length();
        boolean closed = false;
        while (j < expression.length()) {
          if (!raw && expression.charAt(j) == '\\') {
            j += 2;
            continue;
          }
          if (expression.startsWith(quote, j)) {
            closed = true;
            j += quote.length();
            break;
          }
          if (quote.length() == 1 && expression.charAt(j) == '\n') {
            break;
          }
          j++;
        }
        if (!closed) {
          return "is not a valid CEL expression: the string starting at character " + (i + 1) + " is not closed";
        }
        i = j;
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        open.push(c);
      } else if (c == ')' || c == ']' || c == '}') {
        char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
        if (open.isEmpty() || open.pop() != expected) {
          return "is not a valid CEL expression: '" + c + "' at character " + (i + 1) + " has no matching '"
              + expected + "'";
        }
      } else if (c == '=') {
        boolean pairedBefore = i > 0 && "=!<>".indexOf(expression.charAt(i - 1)) >= 0;
        boolean pairedAfter = i + 1 < expression.length() && expression.charAt(i + 1) == '=';
        if (pairedAfter) {
          i += 2;
          continue;
        }
        if (!pairedBefore) {
          return "is not a valid CEL expression: '=' at character " + (i + 1) + " is not an operator; compare with '=='";
        }
      }
      i++;
    }
    if (!open.isEmpty()) {
      return "is not a valid CEL expression: '" + open.peek() + "' is not closed";
    }
    return null;
  }

  /** {@code value} upper-cased, for suggestions. */
  static String upper(String value) {
    return value.toUpperCase(Locale.ROOT);
  }
}
