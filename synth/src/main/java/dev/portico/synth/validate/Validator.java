package dev.portico.synth.validate;

import dev.portico.synth.Parallel;
import dev.portico.synth.validate.gatewayapi.GatewayApiFamily;
import dev.portico.synth.validate.http.HttpFamily;
import dev.portico.synth.validate.istio.IstioFamily;
import dev.portico.synth.validate.kubernetes.KubernetesFamily;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs every field rule on each object and every cross-resource analyzer on all of them, and
 * returns all findings, sorted. The same entry point serves synthesized stacks and
 * {@code portico validate}. The rules come from one table per API family ({@link RuleFamily}).
 */
public final class Validator {
  /** Every family, in the order their analyzers run (findings are sorted afterwards). */
  static final List<RuleFamily> FAMILIES = List.of(
      new KubernetesFamily(), new GatewayApiFamily(), new IstioFamily(), new HttpFamily());
  /**
   * The kind objects of a model class are checked as: the first listed for it (versions read into one class share
   * its rules). Worked out per class, from the families that cover it only, so that their tables are built on
   * first use.
   */
  private static final ClassValue<Optional<CheckedKind<?>>> BY_TYPE = new ClassValue<>() {
    @Override
    protected Optional<CheckedKind<?>> computeValue(Class<?> type) {
      for (RuleFamily family : FAMILIES) {
        if (family.covers(type)) {
          for (CheckedKind<?> kind : family.kinds()) {
            if (kind.type() == type) {
              return Optional.of(kind);
            }
          }
        }
      }
      return Optional.empty();
    }
  };
  /** {@link CheckedKind#key()} to kind, per family, built on first use. */
  private static final Map<RuleFamily, Map<String, CheckedKind<?>>> BY_KEY = new ConcurrentHashMap<>();

  private Validator() {}

  /**
   * The kind {@code portico validate} reads {@code apiVersion}/{@code kind} as, or null when no
   * rules cover it.
   */
  public static CheckedKind<?> kind(String apiVersion, String kind) {
    // one family at most covers an apiVersion (RuleFamiliesTest)
    for (RuleFamily family : FAMILIES) {
      if (family.covers(apiVersion)) {
        return BY_KEY.computeIfAbsent(family, Validator::byKey).get(apiVersion + " " + kind);
      }
    }
    return null;
  }

  private static Map<String, CheckedKind<?>> byKey(RuleFamily family) {
    Map<String, CheckedKind<?>> byKey = new HashMap<>();
    for (CheckedKind<?> kind : family.kinds()) {
      byKey.put(kind.key(), kind);
    }
    return byKey;
  }

  /**
   * Checks {@code resources}.
   *
   * @param podSets the pods Services may select: apps of the stacks (checked too, in a closed
   *     scope), or workloads found in the input
   * @param scope whether a reference to something absent is an error ({@link Scope#CLOSED}) or a warning
   */
  public static List<Finding> validate(List<Resource> resources, List<PodSet> podSets, Scope scope) {
    return validate(resources, podSets, null, scope);
  }

  /**
   * Checks {@code resources}, and that {@code calls} (what the stacks declare: callers, exposures,
   * node ports) are admitted by the NetworkPolicies and mesh policies among them.
   *
   * @param calls null to take the routes the objects declare (as {@code portico validate} does)
   */
  public static List<Finding> validate(List<Resource> resources, List<PodSet> podSets, List<Call> calls, Scope scope) {
    return validate(resources, podSets, calls, scope, ClusterFacts.DEFAULT);
  }

  /**
   * {@link #validate(List, List, List, Scope)} for a cluster described by {@code facts} (its
   * node-port range) instead of the API server's defaults.
   */
  public static List<Finding> validate(List<Resource> resources, List<PodSet> podSets, List<Call> calls, Scope scope,
      ClusterFacts facts) {
    // first in order, what depends on the objects before: duplicates, and each object's first resource
    Map<String, Resource> seen = new HashMap<>();
    Map<HasMetadata, Field> firstOfObject = new IdentityHashMap<>();
    List<Field> fields = new ArrayList<>(resources.size());
    for (Resource resource : resources) {
      Resource earlier = seen.putIfAbsent(resource.group() + "\u0000" + resource.id(), resource);
      CheckedKind<?> kind = BY_TYPE.get(resource.object().getClass()).orElse(null);
      Field field = new Field(resource, earlier, kind);
      if (kind != null) {
        // an object in several clusters (a Kustomize base of two overlays) is one object: its field rules run once
        Field first = firstOfObject.putIfAbsent(resource.object(), field);
        field.first = first == null ? field : first;
      }
      fields.add(field);
    }
    // then each object's field rules, on several threads, their findings in the objects' order
    List<List<Finding>> checked = Parallel.map(fields, field -> field.check(facts));
    List<Finding> findings = new ArrayList<>();
    // each object is defaulted once, as the API server would, for the field rules and the analyzers
    Map<Resource, HasMetadata> defaulted = new IdentityHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      findings.addAll(checked.get(i));
      Field field = fields.get(i);
      if (field.kind != null && field.first.defaulted != field.resource.object()) {
        defaulted.put(field.resource, field.first.defaulted);
      }
    }
    Analysis analysis = new Analysis(resources, defaulted, podSets, calls == null ? null : List.copyOf(calls), scope,
        facts, findings);
    for (RuleFamily family : FAMILIES) {
      for (Analyzer analyzer : family.analyzers()) {
        analyzer.analyze(analysis);
      }
    }
    // the versions of an app are pod sets of one description: what is wrong with the app is said once
    List<Finding> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(findings));
    distinct.sort(Finding.ORDER);
    return distinct;
  }

  /** One resource's field checks: whether it duplicates an earlier one, and its kind's rules when it comes first. */
  private static final class Field {
    final Resource resource;
    final Resource earlier;
    final CheckedKind<?> kind;
    /** The field checks of the first resource of this object (itself when it comes first); null without a kind. */
    Field first;
    /** The object with the API server's defaults, set by {@link #check} on the first resource of an object. */
    HasMetadata defaulted;

    Field(Resource resource, Resource earlier, CheckedKind<?> kind) {
      this.resource = resource;
      this.earlier = earlier;
      this.kind = kind;
    }

    List<Finding> check(ClusterFacts facts) {
      List<Finding> findings = new ArrayList<>(0);
      Check check = new Check(resource, findings, facts);
      if (earlier != null) {
        check.error("resource.duplicate", "metadata.name", resource.id() + " is declared twice; the first is at "
            + earlier.locator().locate("metadata.name") + " (names are unique per kind and namespace)");
      }
      if (first == this) {
        HasMetadata object = resource.object();
        defaulted = kind.applyDefaults(object);
        kind.check(check, object, defaulted);
      }
      return findings;
    }
  }
}
