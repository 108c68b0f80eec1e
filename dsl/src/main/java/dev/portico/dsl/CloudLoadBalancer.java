package dev.portico.dsl;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cloud-provider annotations most LoadBalancer Services need, typed so that a key or value
 * cannot be misspelt. Add one with {@link ServiceType.LoadBalancer#cloud(CloudLoadBalancer)};
 * anything else goes through {@link Service.Builder#annotation(String, String)}.
 */
public final class CloudLoadBalancer {
  private final String description;
  private final Map<String, String> annotations;

  private CloudLoadBalancer(String description, Map<String, String> annotations) {
    this.description = description;
    this.annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
  }

  /** AWS Network Load Balancer from the in-tree cloud provider ({@code aws-load-balancer-type: nlb}). */
  public static CloudLoadBalancer awsNlb() {
    return new CloudLoadBalancer("AWS NLB",
        Map.of("service.beta.kubernetes.io/aws-load-balancer-type", "nlb"));
  }

  /** An internal (VPC-only) AWS load balancer from the in-tree cloud provider. */
  public static CloudLoadBalancer awsInternal() {
    return new CloudLoadBalancer("AWS internal",
        Map.of("service.beta.kubernetes.io/aws-load-balancer-internal", "true"));
  }

  /**
   * An NLB with IP targets provisioned by the AWS Load Balancer Controller, internal or
   * internet-facing.
   */
  public static CloudLoadBalancer awsLoadBalancerControllerNlb(boolean internal) {
    return new CloudLoadBalancer("AWS Load Balancer Controller NLB",
        Map.of(
            "service.beta.kubernetes.io/aws-load-balancer-type", "external",
            "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type", "ip",
            "service.beta.kubernetes.io/aws-load-balancer-scheme", internal ? "internal" : "internet-facing"));
  }

  /** An internal passthrough Network Load Balancer on GKE. */
  public static CloudLoadBalancer gcpInternal() {
    return new CloudLoadBalancer("GCP internal",
        Map.of("networking.gke.io/load-balancer-type", "Internal"));
  }

  /** An internal Azure Load Balancer on AKS. */
  public static CloudLoadBalancer azureInternal() {
    return new CloudLoadBalancer("Azure internal",
        Map.of("service.beta.kubernetes.io/azure-load-balancer-internal", "true"));
  }

  /** The annotations this option adds to the Service, sorted by key. */
  public Map<String, String> annotations() {
    return annotations;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CloudLoadBalancer other && annotations.equals(other.annotations);
  }

  @Override
  public int hashCode() {
    return annotations.hashCode();
  }

  @Override
  public String toString() {
    return description;
  }
}
