package dev.portico.synth.validate;

import java.util.List;

/**
 * The rules of one API family (Kubernetes core and networking, Gateway API, Istio, ...): the
 * kinds it checks field by field, and the analyzers that compare objects with each other.
 */
public interface RuleFamily {
  /** The kinds this family checks, each with its field rules. */
  List<CheckedKind<?>> kinds();

  /**
   * Whether objects of {@code type} may be of this family's kinds. The validator asks {@link #kinds()}
   * only once it meets such an object, so a run without, say, Istio objects never builds Istio's table.
   */
  boolean covers(Class<?> type);

  /** Whether {@code apiVersion} (e.g. {@code networking.istio.io/v1}) may name one of this family's kinds. */
  boolean covers(String apiVersion);

  /** Checks across objects, run once per validation over everything. */
  List<Analyzer> analyzers();
}
