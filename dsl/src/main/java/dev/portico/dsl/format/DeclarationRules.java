package dev.portico.dsl.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules for what a user declares outside any Kubernetes object (stacks and apps), in one
 * table that both {@code portico synth} and the annotation processor apply, so a name the
 * compiler accepts is never rejected at synth time, nor the other way round. Each problem carries
 * the rule id findings use, the field, and a message that names the bad value and what is accepted.
 */
public final class DeclarationRules {
  private DeclarationRules() {}

  /**
   * One problem.
   *
   * @param rule e.g. {@code app.port-name}
   * @param field e.g. {@code ports[1].name} or {@code selector[app]}
   * @param message e.g. {@code "HTTP" must contain only lowercase letters...; try "http"}
   */
  public record Problem(String rule, String field, String message) {}

  /**
   * A container port as declared.
   *
   * @param name null when unnamed
   * @param protocol TCP, UDP or SCTP
   */
  public record PortDeclaration(String name, int number, String protocol) {}

  /** A stack's name and environments name output folders (DNS-1123 labels); its namespace is a DNS-1123 label. */
  public static List<Problem> stack(String name, String namespace, List<String> environments) {
    List<Problem> problems = new ArrayList<>();
    for (String problem : Formats.dns1123Label(name)) {
      problems.add(new Problem("stack.name", "name", quote(name) + " " + problem + " (it names the output folder)"
          + tryInstead(name, Formats.suggestDns1123Label(name))));
    }
    if (namespace != null && !namespace.isEmpty()) {
      for (String problem : Formats.dns1123Label(namespace)) {
        problems.add(new Problem("metadata.namespace", "namespace", quote(namespace) + " " + problem
            + tryInstead(namespace, Formats.suggestDns1123Label(namespace))));
      }
    }
    for (int i = 0; i < environments.size(); i++) {
      String environment = environments.get(i);
      for (String problem : Formats.dns1123Label(environment)) {
        problems.add(new Problem("stack.environment", "environments[" + i + "]", quote(environment) + " " + problem
            + " (it names the output folder)" + tryInstead(environment, Formats.suggestDns1123Label(environment))));
      }
    }
    return problems;
  }

  /** An app's name: a DNS-1035 label, since {@code expose} names a Service after it. */
  public static List<Problem> appName(String name) {
    List<Problem> problems = new ArrayList<>();
    for (String problem : Formats.dns1035Label(name)) {
      problems.add(new Problem("app.name", "name", quote(name) + " " + problem
          + " (it names the Service that expose() creates)"
          + tryInstead(name, Formats.suggestDns1123Label(name).replaceAll("^[0-9-]+", ""))));
    }
    return problems;
  }

  /**
   * An app's pods: selector labels, and container ports ({@code validateContainerPorts}: IANA
   * names, 1-65535, names and (number, protocol) unique).
   */
  public static List<Problem> appPods(Map<String, String> selector, List<PortDeclaration> ports) {
    List<Problem> problems = new ArrayList<>();
    labels(selector, problems);
    Set<String> names = new HashSet<>();
    Map<String, Integer> numbers = new HashMap<>();
    for (int i = 0; i < ports.size(); i++) {
      PortDeclaration port = ports.get(i);
      String field = "ports[" + i + "]";
      if (port.name() != null) {
        for (String problem : Formats.ianaServiceName(port.name())) {
          problems.add(new Problem("app.port-name", field + ".name", quote(port.name()) + " " + problem
              + tryInstead(port.name(), ianaSuggestion(port.name()))));
        }
        if (!names.add(port.name())) {
          problems.add(new Problem("app.port-name-duplicate", field + ".name", quote(port.name())
              + " is used by an earlier port of the app; container port names must be unique"));
        }
      }
      for (String problem : Formats.portNumber(port.number())) {
        problems.add(new Problem("app.port-number", field + ".containerPort", port.number() + " " + problem));
      }
      Integer earlier = numbers.putIfAbsent(port.number() + "/" + port.protocol(), i);
      if (earlier != null) {
        problems.add(new Problem("app.port-duplicate", field, "port " + port.number() + "/" + port.protocol()
            + " is already declared by ports[" + earlier + "] of the app"));
      }
    }
    return problems;
  }

  /**
   * An app's versions: each is the value of its pods' {@code version} label ({@code IsValidLabelValue},
   * and not empty), and each is declared once.
   */
  public static List<Problem> appVersions(List<String> versions) {
    List<Problem> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < versions.size(); i++) {
      String version = versions.get(i) == null ? "" : versions.get(i);
      String field = "versions[" + i + "]";
      if (version.isEmpty()) {
        problems.add(new Problem("app.version", field, "a version must not be empty (it is the value of the pods' "
            + "\"version\" label); e.g. \"v1\""));
        continue;
      }
      for (String problem : Formats.labelValue(version)) {
        problems.add(new Problem("app.version", field, quote(version) + " " + problem
            + " (it is the value of the pods' \"version\" label)"));
      }
      if (!seen.add(version)) {
        problems.add(new Problem("app.version-duplicate", field, quote(version)
            + " is declared twice; each version is declared once"));
      }
    }
    return problems;
  }

  /** {@code ValidateLabels} on a selector: keys qualified names, values label values. */
  private static void labels(Map<String, String> selector, List<Problem> problems) {
    for (var entry : new TreeMap<>(selector).entrySet()) {
      String field = "selector[" + entry.getKey() + "]";
      for (String problem : Formats.qualifiedName(entry.getKey())) {
        problems.add(new Problem("metadata.label-key", field, "label key " + quote(entry.getKey()) + " " + problem));
      }
      String value = entry.getValue() == null ? "" : entry.getValue();
      for (String problem : Formats.labelValue(value)) {
        problems.add(new Problem("metadata.label-value", field, "label value " + quote(value) + " " + problem));
      }
    }
  }

  /** A valid IANA service name close to {@code name}, or null when there is none. */
  public static String ianaSuggestion(String name) {
    String suggestion = Formats.suggestDns1123Label(name);
    return Formats.ianaServiceName(suggestion).isEmpty() ? suggestion : null;
  }

  /** A value as findings show it: strings in double quotes with escapes, numbers bare. */
  public static String quote(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    StringBuilder sb = new StringBuilder("\"");
    for (char c : value.toString().toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** {@code "; try \"x\""} when a usable suggestion differs from the value, else "". */
  public static String tryInstead(Object value, String suggestion) {
    if (suggestion == null || suggestion.isEmpty() || suggestion.equals(String.valueOf(value))) {
      return "";
    }
    return "; try " + quote(suggestion);
  }
}
