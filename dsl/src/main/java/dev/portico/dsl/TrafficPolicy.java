package dev.portico.dsl;

/** Where a Service sends traffic: to any ready endpoint, or only to endpoints on the receiving node. */
public enum TrafficPolicy {
  /** Any ready endpoint in the cluster (Kubernetes' default). */
  CLUSTER("Cluster"),
  /** Only endpoints on the node that received the traffic; preserves the client's source IP. */
  LOCAL("Local");

  private final String value;

  TrafficPolicy(String value) {
    this.value = value;
  }

  /** The value as written in a manifest. */
  public String value() {
    return value;
  }
}
