package dev.portico.synth.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pods in scope by group, namespace and each of their labels, so that a selector is matched
 * against the pod sets carrying its first label only, not against all of them. In an open scope
 * ({@code portico validate}) groups are ignored: a workload may sit in another file than the object
 * that selects it. Get it from {@link Analysis#pods()}, which builds it once for every analyzer.
 */
public final class PodIndex {
  private final List<PodSet> podSets;
  private final boolean acrossGroups;
  private final Map<String, List<PodSet>> byLabel = new HashMap<>();
  private final Set<String> namespaces = new HashSet<>();
  /** By group and label only, for selectors of any namespace; built on first use. */
  private Map<String, List<PodSet>> byLabelAnyNamespace;

  private PodIndex(List<PodSet> podSets, Scope scope) {
    this.podSets = podSets;
    this.acrossGroups = scope == Scope.OPEN;
    for (PodSet pods : podSets) {
      namespaces.add(pods.namespace());
      for (var label : pods.labels().entrySet()) {
        byLabel.computeIfAbsent(key(pods.group(), pods.namespace(), label.getKey(), label.getValue()),
            k -> new ArrayList<>()).add(pods);
      }
    }
  }

  public static PodIndex of(List<PodSet> podSets, Scope scope) {
    return new PodIndex(podSets, scope);
  }

  /** True when some pods of {@code namespace} are in scope. */
  public boolean hasNamespace(String namespace) {
    return namespaces.contains(namespace);
  }

  /** The pod sets of {@code namespace} (and of {@code group} unless the scope is open) that {@code selector} picks. */
  public List<PodSet> matching(String group, String namespace, Map<String, String> selector) {
    if (selector.isEmpty()) {
      return List.of();
    }
    return matching(byLabel, group, namespace, selector);
  }

  /** The pod sets of any namespace (and of {@code group} unless the scope is open) that {@code selector} picks. */
  public List<PodSet> matchingInAnyNamespace(String group, Map<String, String> selector) {
    if (selector.isEmpty()) {
      return List.of();
    }
    if (byLabelAnyNamespace == null) {
      byLabelAnyNamespace = new HashMap<>();
      for (PodSet pods : podSets) {
        for (var label : pods.labels().entrySet()) {
          byLabelAnyNamespace.computeIfAbsent(key(pods.group(), "", label.getKey(), label.getValue()),
              k -> new ArrayList<>()).add(pods);
        }
      }
    }
    return matching(byLabelAnyNamespace, group, "", selector);
  }

  private List<PodSet> matching(Map<String, List<PodSet>> index, String group, String namespace,
      Map<String, String> selector) {
    var first = new TreeMap<>(selector).firstEntry();
    List<PodSet> matched = new ArrayList<>();
    for (PodSet pods : index.getOrDefault(key(group, namespace, first.getKey(), first.getValue()), List.of())) {
      if (pods.matches(selector)) {
        matched.add(pods);
      }
    }
    return matched;
  }

  private String key(String group, String namespace, String label, String value) {
    return (acrossGroups ? "" : group) + "\u0000" + namespace + "\u0000" + label + "\u0000" + value;
  }
}
