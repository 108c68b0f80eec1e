package dev.portico.synth.validate;

import java.util.List;

/** Collects the findings about one object: rules report through it by rule id and field path. */
public final class Check {
  private final Resource resource;
  /** The object as findings name it; worked out at the first finding (most checks report none). */
  private String objectId;
  private final Locator locator;
  private final List<Finding> out;
  private final ClusterFacts facts;

  public Check(Resource resource, List<Finding> out) {
    this(resource, out, ClusterFacts.DEFAULT);
  }

  /** A check of {@code resource} in a cluster described by {@code facts}. */
  public Check(Resource resource, List<Finding> out, ClusterFacts facts) {
    this.resource = resource;
    this.locator = resource.locator();
    this.out = out;
    this.facts = facts;
  }

  /** A check of something that is not a manifest, such as an app of a stack. */
  public Check(String objectId, Locator locator, List<Finding> out) {
    this.resource = null;
    this.objectId = objectId;
    this.locator = locator;
    this.out = out;
    this.facts = ClusterFacts.DEFAULT;
  }

  public Resource resource() {
    return resource;
  }

  /** What the rules assume about the cluster (the node-port range). */
  public ClusterFacts facts() {
    return facts;
  }

  public void error(String rule, String path, String message) {
    report(rule, Severity.ERROR, path, message);
  }

  public void warning(String rule, String path, String message) {
    report(rule, Severity.WARNING, path, message);
  }

  public void report(String rule, Severity severity, String path, String message) {
    if (locator.isRepaired(path)) {
      return; // the schema finding about this value says it
    }
    if (objectId == null) {
      objectId = resource.id();
    }
    out.add(new Finding(rule, severity, locator.locate(path), objectId, path, message));
  }

  /**
   * Reports each problem of a format check as "VALUE PROBLEM", plus a suggestion when there is one;
   * the suggestion is worked out only when there is a problem.
   */
  public void formatErrorsSuggesting(String rule, String path, Object value, List<String> problems,
      java.util.function.Supplier<String> suggestion) {
    if (!problems.isEmpty()) {
      formatErrors(rule, path, value, problems, suggestion.get());
    }
  }

  /** Reports each problem of a format check as "VALUE PROBLEM", plus a suggestion when there is one. */
  public void formatErrors(String rule, String path, Object value, List<String> problems, String suggestion) {
    for (String problem : problems) {
      error(rule, path, Messages.quote(value) + " " + problem + Messages.tryInstead(value, suggestion));
    }
  }
}
