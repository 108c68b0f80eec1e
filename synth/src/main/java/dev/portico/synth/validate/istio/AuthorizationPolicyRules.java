package dev.portico.synth.validate.istio;

import dev.portico.dsl.format.Formats;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.MetadataRules;
import io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicyAction;
import io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicyExtensionProvider;
import io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicyProvider;
import io.fabric8.istio.api.api.security.v1beta1.Condition;
import io.fabric8.istio.api.api.security.v1beta1.Operation;
import io.fabric8.istio.api.api.security.v1beta1.Rule;
import io.fabric8.istio.api.api.security.v1beta1.RuleFrom;
import io.fabric8.istio.api.api.security.v1beta1.RuleTo;
import io.fabric8.istio.api.api.security.v1beta1.Source;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An Istio AuthorizationPolicy as istio/istio's webhook validation ({@code pkg/config/validation}) accepts it:
 * {@code ValidateAuthorizationPolicy} with {@code validateOneOfSelectorType},
 * {@code validateWorkloadSelector}, {@code validatePolicyTargetReference(s)}, the dry-run check of
 * {@code validateMetadata}, and {@code pkg/config/security} ({@code ValidateIPs},
 * {@code ValidatePorts}, {@code CheckEmptyValues}, {@code CheckServiceAccount},
 * {@code CheckValidPathTemplate}, {@code ValidateAttribute}); plus the CRD's {@code maxItems}.
 *
 * <p>fabric8 reads an absent list and an empty one alike (both empty), as Istio's proto decoding
 * does, so {@code rules: []} counts as no rules and {@code from: []} as no {@code from}.
 *
 * <p>Portico's own warnings: principals written with {@code spiffe://} or with a '*' that Istio
 * matches literally, and methods that differ from a standard method only in case.
 */
final class AuthorizationPolicyRules {
  static final IstioSecurityFormats.SelectorRules SELECTOR = new IstioSecurityFormats.SelectorRules(
      "authorizationpolicy.selector", "authorizationpolicy.selector-empty", "authorizationpolicy.selector-label");
  static final IstioSecurityFormats.TargetRules TARGET = new IstioSecurityFormats.TargetRules(
      "authorizationpolicy.target-exclusive", "authorizationpolicy.target-ref", "authorizationpolicy.target-ref-kind");
  /** CRD {@code maxItems} of {@code rules} and of a rule's {@code from}. */
  static final int MAX_ITEMS = 512;
  /** Istio adds this to principals before matching them against the peer's SPIFFE id. */
  static final String SPIFFE_PREFIX = "spiffe://";
  /** Go's {@code net/http} method constants. */
  static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS",
      "TRACE");
  /** Condition keys that the CUSTOM action does not support ({@code request.auth.*} too). */
  static final Set<String> CUSTOM_UNSUPPORTED_KEYS = Set.of("source.namespace", "source.serviceAccount",
      "source.principal");
  /** The source fields that hold IP addresses or CIDR ranges. */
  static final Set<String> IP_FIELDS = Set.of("ipBlocks", "notIpBlocks", "remoteIpBlocks", "notRemoteIpBlocks");
  static final String SOURCE_FIELDS = "principals, requestPrincipals, namespaces, serviceAccounts, ipBlocks, "
      + "remoteIpBlocks or one of their not- forms";
  static final String OPERATION_FIELDS = "hosts, ports, methods, paths or one of their not- forms";

  private AuthorizationPolicyRules() {}

  static void check(Check check, AuthorizationPolicy policy) {
    MetadataRules.check(check, policy.getMetadata(), Formats::dns1123Subdomain);
    var spec = policy.getSpec();
    AuthorizationPolicyAction action = spec == null || spec.getAction() == null ? AuthorizationPolicyAction.ALLOW
        : spec.getAction();
    dryRun(check, policy, action);
    if (spec == null) {
      return;
    }
    targets(check, spec);
    List<Rule> rules = spec.getRules() == null ? List.of() : spec.getRules();
    boolean custom = action == AuthorizationPolicyAction.CUSTOM;
    AuthorizationPolicyExtensionProvider provider = spec.getActionDetail() instanceof AuthorizationPolicyProvider p
        ? p.getProvider() : null;
    if (custom && rules.isEmpty()) {
      check.error("authorizationpolicy.custom-rules", "spec.rules",
          "are required with action \"CUSTOM\": without rules the policy is never triggered; add an empty rule {} "
              + "to send every request to the provider");
    } else if (custom && (provider == null || provider.getName() == null || provider.getName().isEmpty())) {
      check.error("authorizationpolicy.provider", provider == null ? "spec.provider" : "spec.provider.name",
          "is required with action \"CUSTOM\": the name of an extension provider defined in meshConfig "
              + "(extensionProviders), e.g. \"ext-authz\"");
    }
    if (provider != null && !custom) {
      check.error("authorizationpolicy.provider", "spec.provider", "must not be set with action "
          + Messages.quote(action.name()) + "; provider is only used with action \"CUSTOM\"");
    }
    if (action == AuthorizationPolicyAction.DENY && rules.isEmpty()) {
      check.error("authorizationpolicy.deny-rules", "spec.rules",
          "are required with action \"DENY\": without rules the policy never denies anything; add an empty rule {} "
              + "to deny every request");
    }
    if (rules.size() > MAX_ITEMS) {
      check.error("authorizationpolicy.max-items", "spec.rules", rules.size() + " rules are too many; at most "
          + MAX_ITEMS);
    }
    for (int i = 0; i < rules.size(); i++) {
      rule(check, "spec.rules[" + i + "]", rules.get(i), action);
    }
  }

  private static void dryRun(Check check, AuthorizationPolicy policy, AuthorizationPolicyAction action) {
    String value = IstioSecurityFormats.annotation(policy.getMetadata(), IstioSecurityFormats.DRY_RUN_ANNOTATION);
    if (value == null) {
      return;
    }
    String path = "metadata.annotations[" + IstioSecurityFormats.DRY_RUN_ANNOTATION + "]";
    if (action != AuthorizationPolicyAction.ALLOW && action != AuthorizationPolicyAction.DENY) {
      check.error("authorizationpolicy.dry-run-annotation", path, Messages.quote(value)
          + " is not supported with action " + Messages.quote(action.name())
          + ": dry-run works only with action \"ALLOW\" or \"DENY\"; remove the annotation");
    } else if (!IstioSecurityFormats.isGoBool(value)) {
      String lower = value.trim().toLowerCase(java.util.Locale.ROOT);
      String suggestion = Set.of("yes", "y", "on").contains(lower) ? "true"
          : Set.of("no", "n", "off").contains(lower) ? "false" : null;
      check.error("authorizationpolicy.dry-run-annotation", path, Messages.quote(value)
          + " is not a boolean; use \"true\" or \"false\"" + Messages.tryInstead(value, suggestion));
    }
  }

  private static void targets(Check check, io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicy spec) {
    IstioSecurityFormats.selectorOrTargets(check, SELECTOR, TARGET, spec.getSelector(), spec.getTargetRef(),
        spec.getTargetRefs());
  }

  // ================================================================= rules

  private static void rule(Check check, String path, Rule rule, AuthorizationPolicyAction action) {
    if (rule == null) {
      check.error("authorizationpolicy.null-entry", path, "is null; remove the empty entry, or write {} for a rule "
          + "that matches every request");
      return;
    }
    boolean custom = action == AuthorizationPolicyAction.CUSTOM;
    List<RuleFrom> from = rule.getFrom() == null ? List.of() : rule.getFrom();
    List<RuleTo> to = rule.getTo() == null ? List.of() : rule.getTo();
    List<Condition> when = rule.getWhen() == null ? List.of() : rule.getWhen();
    if (from.size() > MAX_ITEMS) {
      check.error("authorizationpolicy.max-items", path + ".from", from.size() + " sources are too many; at most "
          + MAX_ITEMS);
    }
    boolean fromExists = false;
    boolean tcpInFrom = false;
    for (int j = 0; j < from.size(); j++) {
      String fromPath = path + ".from[" + j + "]";
      RuleFrom entry = from.get(j);
      if (entry == null) {
        check.error("authorizationpolicy.null-entry", fromPath, "is null; remove the empty entry");
        continue;
      }
      Source source = entry.getSource();
      if (source == null) {
        check.error("authorizationpolicy.from-source", fromPath + ".source", "is required: set at least one of "
            + SOURCE_FIELDS);
        continue;
      }
      fromExists = true;
      tcpInFrom |= source(check, fromPath + ".source", source, custom);
    }
    boolean toExists = false;
    boolean tcpInTo = false;
    for (int j = 0; j < to.size(); j++) {
      String toPath = path + ".to[" + j + "]";
      RuleTo entry = to.get(j);
      if (entry == null) {
        check.error("authorizationpolicy.null-entry", toPath, "is null; remove the empty entry");
        continue;
      }
      Operation operation = entry.getOperation();
      if (operation == null) {
        check.error("authorizationpolicy.to-operation", toPath + ".operation", "is required: set at least one of "
            + OPERATION_FIELDS);
        continue;
      }
      toExists = true;
      tcpInTo |= operation(check, toPath + ".operation", operation);
    }
    for (int j = 0; j < when.size(); j++) {
      condition(check, path + ".when[" + j + "]", when.get(j), custom);
    }
    if (action == AuthorizationPolicyAction.DENY && ((fromExists && !toExists && !tcpInFrom) || (toExists && !tcpInTo))) {
      check.warning("authorizationpolicy.deny-http-only", path, "this DENY rule uses only HTTP attributes "
          + "(requestPrincipals, hosts, methods or paths), so it denies all traffic to TCP (non-HTTP) ports under the "
          + "policy's scope; name the ports it is meant for in to.operation.ports");
    }
  }

  /** Checks a source; true when it has a field that also applies to TCP traffic (anything but request principals). */
  private static boolean source(Check check, String path, Source source, boolean custom) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    fields.put("principals", source.getPrincipals());
    fields.put("notPrincipals", source.getNotPrincipals());
    fields.put("requestPrincipals", source.getRequestPrincipals());
    fields.put("notRequestPrincipals", source.getNotRequestPrincipals());
    fields.put("namespaces", source.getNamespaces());
    fields.put("notNamespaces", source.getNotNamespaces());
    fields.put("serviceAccounts", source.getServiceAccounts());
    fields.put("notServiceAccounts", source.getNotServiceAccounts());
    fields.put("ipBlocks", source.getIpBlocks());
    fields.put("notIpBlocks", source.getNotIpBlocks());
    fields.put("remoteIpBlocks", source.getRemoteIpBlocks());
    fields.put("notRemoteIpBlocks", source.getNotRemoteIpBlocks());
    fields.replaceAll((k, v) -> v == null ? List.of() : v);
    if (fields.values().stream().allMatch(List::isEmpty)) {
      check.error("authorizationpolicy.from-source", path, "is empty: set at least one of " + SOURCE_FIELDS);
      return false;
    }
    boolean accounts = !fields.get("serviceAccounts").isEmpty() || !fields.get("notServiceAccounts").isEmpty();
    boolean identities = !fields.get("principals").isEmpty() || !fields.get("notPrincipals").isEmpty()
        || !fields.get("namespaces").isEmpty() || !fields.get("notNamespaces").isEmpty();
    if (accounts && identities) {
      String field = !fields.get("serviceAccounts").isEmpty() ? "serviceAccounts" : "notServiceAccounts";
      check.error("authorizationpolicy.service-accounts-exclusive", path + "." + field, Messages.list(fields.get(field))
          + " cannot be set together with principals or namespaces (or their not- forms); serviceAccounts already "
          + "name the namespace: use \"namespace/name\"");
    }
    for (var field : fields.entrySet()) {
      String name = field.getKey();
      List<String> values = field.getValue();
      if (custom && !values.isEmpty() && !IP_FIELDS.contains(name)) {
        check.error("authorizationpolicy.custom-unsupported", path + "." + name, Messages.list(nonNull(values))
            + ": from.source." + name + " is not supported with action \"CUSTOM\"; only ipBlocks and remoteIpBlocks "
            + "(and their not- forms) are");
      }
      if (name.endsWith("erviceAccounts") && values.size() > 16) {
        check.error("authorizationpolicy.service-account", path + "." + name, values.size()
            + " service accounts are too many; at most 16");
      }
      for (int k = 0; k < values.size(); k++) {
        String value = values.get(k) == null ? "" : values.get(k);
        String valuePath = path + "." + name + "[" + k + "]";
        if (name.endsWith("erviceAccounts")) {
          String problem = IstioSecurityFormats.serviceAccountProblem(value);
          if (problem != null) {
            check.error("authorizationpolicy.service-account", valuePath, Messages.quote(value) + " " + problem);
          }
          continue;
        }
        if (value.isEmpty()) {
          check.error("authorizationpolicy.empty-value", valuePath, "\"\" is not allowed; every entry of "
              + name + " needs a value");
          continue;
        }
        if (IP_FIELDS.contains(name)) {
          String problem = IstioSecurityFormats.ipOrCidrProblem(value);
          if (problem != null) {
            check.error("authorizationpolicy.ip-block", valuePath, Messages.quote(value) + " " + problem);
          }
        } else if (name.equals("principals") || name.equals("notPrincipals")) {
          principal(check, valuePath, value);
        }
      }
    }
    return fields.entrySet().stream()
        .anyMatch(e -> !e.getKey().contains("equestPrincipals") && !e.getValue().isEmpty());
  }

  /**
   * Portico's warnings for a principal: Istio prefixes {@code spiffe://} itself, and a '*' is a
   * wildcard only as the whole value or at its start or end ({@code StringMatcherWithPrefix}).
   */
  private static void principal(Check check, String path, String value) {
    if (value.startsWith(SPIFFE_PREFIX)) {
      check.warning("authorizationpolicy.principal", path, Messages.quote(value) + " never matches: Istio adds \""
          + SPIFFE_PREFIX + "\" to principals itself; write \"<trust-domain>/ns/<namespace>/sa/<service-account>\""
          + Messages.tryInstead(value, value.substring(SPIFFE_PREFIX.length())));
      return;
    }
    if (value.equals("*")) {
      return;
    }
    String inner = value.startsWith("*") ? value.substring(1) : value.endsWith("*") ? value.substring(0,
        value.length() - 1) : value;
    if (inner.contains("*")) {
      check.warning("authorizationpolicy.principal", path, Messages.quote(value) + " has a '*' that Istio matches "
          + "literally: a principal is \"*\", or has one '*' at its start (suffix match) or end (prefix match)");
    }
  }

  /** Checks an operation; true when it names ports (and so also applies to TCP traffic). */
  private static boolean operation(Check check, String path, Operation operation) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    fields.put("hosts", operation.getHosts());
    fields.put("notHosts", operation.getNotHosts());
    fields.put("ports", operation.getPorts());
    fields.put("notPorts", operation.getNotPorts());
    fields.put("methods", operation.getMethods());
    fields.put("notMethods", operation.getNotMethods());
    fields.put("paths", operation.getPaths());
    fields.put("notPaths", operation.getNotPaths());
    fields.replaceAll((k, v) -> v == null ? List.of() : v);
    if (fields.values().stream().allMatch(List::isEmpty)) {
      check.error("authorizationpolicy.to-operation", path, "is empty: set at least one of " + OPERATION_FIELDS);
      return false;
    }
    for (var field : fields.entrySet()) {
      String name = field.getKey();
      List<String> values = field.getValue();
      for (int k = 0; k < values.size(); k++) {
        String value = values.get(k) == null ? "" : values.get(k);
        String valuePath = path + "." + name + "[" + k + "]";
        if (value.isEmpty()) {
          check.error("authorizationpolicy.empty-value", valuePath, "\"\" is not allowed; every entry of "
              + name + " needs a value");
          continue;
        }
        if (name.equals("ports") || name.equals("notPorts")) {
          String problem = IstioSecurityFormats.portProblem(value);
          if (problem != null) {
            check.error("authorizationpolicy.port", valuePath, Messages.quote(value) + " " + problem);
          }
        } else if (name.equals("paths") || name.equals("notPaths")) {
          String problem = IstioSecurityFormats.pathTemplateProblem(value);
          if (problem != null) {
            check.error("authorizationpolicy.path-template", valuePath, Messages.quote(value) + " " + problem);
          }
        } else if (name.equals("methods") || name.equals("notMethods")) {
          String upper = IstioSecurityFormats.upper(value);
          if (!value.equals(upper) && METHODS.contains(upper)) {
            check.warning("authorizationpolicy.method", valuePath, Messages.quote(value)
                + " matches only requests whose method is exactly " + Messages.quote(value)
                + "; HTTP methods are case-sensitive" + Messages.tryInstead(value, upper));
          }
        }
      }
    }
    return !fields.get("ports").isEmpty() || !fields.get("notPorts").isEmpty();
  }

  // ================================================================= conditions

  private static void condition(Check check, String path, Condition condition, boolean custom) {
    if (condition == null) {
      check.error("authorizationpolicy.null-entry", path, "is null; remove the empty entry");
      return;
    }
    String key = condition.getKey() == null ? "" : condition.getKey();
    if (key.isEmpty()) {
      check.error("authorizationpolicy.condition-key", path + ".key",
          "is required: an Istio attribute such as \"request.headers[x-token]\" or \"source.ip\"");
      return;
    }
    if (custom && (CUSTOM_UNSUPPORTED_KEYS.contains(key) || key.startsWith("request.auth."))) {
      check.error("authorizationpolicy.custom-unsupported", path + ".key", Messages.quote(key)
          + " is not supported with action \"CUSTOM\" (nor are source.namespace, source.serviceAccount, "
          + "source.principal and request.auth.*)");
    }
    List<String> values = condition.getValues() == null ? List.of() : condition.getValues();
    List<String> notValues = condition.getNotValues() == null ? List.of() : condition.getNotValues();
    if (values.isEmpty() && notValues.isEmpty()) {
      check.error("authorizationpolicy.condition-values", path, "key " + Messages.quote(key)
          + " has no values: set values or notValues (or both)");
      return;
    }
    String keyProblem = keyProblem(key);
    if (keyProblem != null) {
      check.error("authorizationpolicy.condition-key", path + ".key", Messages.quote(key) + " " + keyProblem);
      return;
    }
    conditionValues(check, path + ".values", key, values);
    conditionValues(check, path + ".notValues", key, notValues);
  }

  /** The key half of {@code ValidateAttribute}: null for a known attribute. */
  static String keyProblem(String key) {
    if (key.startsWith("request.headers") || key.startsWith("request.experimental.inline.headers")
        || key.startsWith("request.auth.claims") || key.startsWith("experimental.envoy.filters.")) {
      int open = key.indexOf('[');
      if (key.endsWith("]") && open > 0 && open < key.length() - 2) {
        return null;
      }
      return "must have the form name[key], e.g. \"request.headers[x-token]\"";
    }
    switch (key) {
      case "source.ip", "remote.ip", "source.namespace", "source.serviceAccount", "source.principal",
          "request.auth.principal", "request.auth.audiences", "request.auth.presenter", "destination.ip",
          "destination.port", "connection.sni":
        return null;
      case "destination.namespace":
        return "is not supported: the policy's own namespace (metadata.namespace) already sets it";
      case "destination.name", "destination.user":
        return "is a deprecated attribute, supported only in v1alpha1 policies";
      default:
        if (key.startsWith("destination.labels")) {
          return "is not supported: select workloads with spec.selector instead";
        }
        return "is not a known attribute; use source.ip, remote.ip, source.namespace, source.serviceAccount, "
            + "source.principal, request.headers[...], request.auth.principal, request.auth.audiences, "
            + "request.auth.presenter, request.auth.claims[...], destination.ip, destination.port, connection.sni "
            + "or experimental.envoy.filters.*[...]";
    }
  }

  /** The value half of {@code ValidateAttribute}: no empty values; IPs, ports and service accounts well formed. */
  private static void conditionValues(Check check, String path, String key, List<String> values) {
    for (int k = 0; k < values.size(); k++) {
      String value = values.get(k) == null ? "" : values.get(k);
      String valuePath = path + "[" + k + "]";
      String problem;
      if (value.isEmpty()) {
        problem = "is not allowed; every value of " + key + " needs a value";
      } else {
        problem = switch (key) {
          case "source.ip", "remote.ip", "destination.ip" -> IstioSecurityFormats.ipOrCidrProblem(value);
          case "destination.port" -> IstioSecurityFormats.portProblem(value);
          case "source.serviceAccount" -> IstioSecurityFormats.serviceAccountProblem(value);
          default -> null;
        };
      }
      if (problem != null) {
        check.error("authorizationpolicy.condition-value", valuePath, Messages.quote(value) + " " + problem);
      }
    }
    if (key.equals("source.serviceAccount") && values.size() > 16) {
      check.error("authorizationpolicy.condition-value", path, values.size()
          + " service accounts are too many; at most 16");
    }
  }

  private static List<String> nonNull(List<String> values) {
    return values.stream().map(v -> v == null ? "" : v).toList();
  }
}
