package dev.portico.synth.validate;

import java.util.List;

/**
 * The rules of one API family (Kubernetes core and networking, Gateway API, Istio, ...): the
 * kinds it checks field by field, and the analyzers that compare objects with each other.
 */
public interface RuleFamily {
  /** The kinds this family checks, each with its field rules. */
  List<CheckedKind<?>> kinds();

  /** Checks across objects, run once per validation over everything. */
  List<Analyzer> analyzers();
}
