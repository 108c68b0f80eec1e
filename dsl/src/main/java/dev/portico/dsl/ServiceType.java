package dev.portico.dsl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a Service is reached. Options that only make sense for one type live on that type, so a
 * ClusterIP Service cannot be given load-balancer source ranges.
 *
 * <ul>
 *   <li>{@link #clusterIp()}: a stable virtual IP inside the cluster (the default);
 *   <li>{@link #headless()}: no virtual IP; DNS returns the pods' addresses ({@code clusterIP: None});
 *   <li>{@link #nodePort()}: also reachable on every node at a port from 30000-32767;
 *   <li>{@link #loadBalancer()}: also reachable through a cloud load balancer;
 *   <li>{@link #externalName(String)}: a DNS alias (CNAME) to a host outside the cluster.
 * </ul>
 */
public sealed interface ServiceType {

  /** The type's name as written in a manifest's {@code spec.type}. */
  String typeName();

  static ClusterIp clusterIp() {
    return ClusterIp.INSTANCE;
  }

  static Headless headless() {
    return Headless.INSTANCE;
  }

  static NodePort nodePort() {
    return new NodePort(null);
  }

  static LoadBalancer loadBalancer() {
    return new LoadBalancer(List.of(), null, null, null, null, List.of());
  }

  /**
   * A DNS alias for {@code host}, e.g. a database not yet moved into the cluster. Switching the
   * Service to {@link #clusterIp()} later keeps its name, so clients' DNS keeps working. An
   * ExternalName Service selects no pods: an app given to {@link Stack#service(String, App,
   * java.util.function.Consumer)} is not rendered as a selector while the type is ExternalName.
   */
  static ExternalName externalName(String host) {
    return new ExternalName(Objects.requireNonNull(host, "host"));
  }

  /** The default type: a virtual IP reachable inside the cluster. */
  final class ClusterIp implements ServiceType {
    private static final ClusterIp INSTANCE = new ClusterIp();

    private ClusterIp() {}

    @Override
    public String typeName() {
      return "ClusterIP";
    }

    @Override
    public String toString() {
      return typeName();
    }
  }

  /** A ClusterIP Service without a virtual IP: DNS answers with the ready pods' addresses. */
  final class Headless implements ServiceType {
    private static final Headless INSTANCE = new Headless();

    private Headless() {}

    @Override
    public String typeName() {
      return "ClusterIP";
    }

    @Override
    public String toString() {
      return "Headless";
    }
  }

  /**
   * Reachable on every node. Node ports are chosen per port with {@link ServicePort#nodePort(int)};
   * ports without one are allocated by the cluster (Portico never invents one).
   *
   * @param externalTrafficPolicy null for Kubernetes' default ({@code Cluster})
   */
  record NodePort(TrafficPolicy externalTrafficPolicy) implements ServiceType {
    @Override
    public String typeName() {
      return "NodePort";
    }

    /** This type with an external traffic policy. */
    public NodePort externalTrafficPolicy(TrafficPolicy policy) {
      return new NodePort(Objects.requireNonNull(policy, "policy"));
    }
  }

  /**
   * Reachable through a load balancer the cloud provider (or {@code loadBalancerClass}'s
   * controller) provisions.
   *
   * @param sourceRanges CIDRs allowed to connect; empty for any
   * @param externalTrafficPolicy null for Kubernetes' default ({@code Cluster})
   * @param loadBalancerClass null for the cluster's default load balancer implementation
   * @param allocateNodePorts null for Kubernetes' default ({@code true})
   * @param healthCheckNodePort null to let the cluster allocate one (only with {@code Local} policy)
   * @param cloud cloud-provider options, rendered as annotations
   */
  record LoadBalancer(
      List<String> sourceRanges,
      TrafficPolicy externalTrafficPolicy,
      String loadBalancerClass,
      Boolean allocateNodePorts,
      Integer healthCheckNodePort,
      List<CloudLoadBalancer> cloud) implements ServiceType {

    public LoadBalancer {
      sourceRanges = List.copyOf(sourceRanges);
      cloud = List.copyOf(cloud);
    }

    @Override
    public String typeName() {
      return "LoadBalancer";
    }

    /** This type allowing only clients from these CIDRs, e.g. {@code "203.0.113.0/24"}. */
    public LoadBalancer sourceRanges(String... cidrs) {
      List<String> ranges = new ArrayList<>(sourceRanges);
      ranges.addAll(Arrays.asList(cidrs));
      return new LoadBalancer(ranges, externalTrafficPolicy, loadBalancerClass, allocateNodePorts,
          healthCheckNodePort, cloud);
    }

    /** This type with an external traffic policy; {@code LOCAL} preserves client source IPs. */
    public LoadBalancer externalTrafficPolicy(TrafficPolicy policy) {
      return new LoadBalancer(sourceRanges, Objects.requireNonNull(policy, "policy"), loadBalancerClass,
          allocateNodePorts, healthCheckNodePort, cloud);
    }

    /** This type served by a specific load balancer implementation, e.g. {@code "service.k8s.aws/nlb"}. */
    public LoadBalancer loadBalancerClass(String className) {
      return new LoadBalancer(sourceRanges, externalTrafficPolicy, Objects.requireNonNull(className, "className"),
          allocateNodePorts, healthCheckNodePort, cloud);
    }

    /** This type with or without node ports behind the load balancer. */
    public LoadBalancer allocateNodePorts(boolean allocate) {
      return new LoadBalancer(sourceRanges, externalTrafficPolicy, loadBalancerClass, allocate,
          healthCheckNodePort, cloud);
    }

    /** This type with a fixed health-check node port (requires the {@code LOCAL} traffic policy). */
    public LoadBalancer healthCheckNodePort(int port) {
      return new LoadBalancer(sourceRanges, externalTrafficPolicy, loadBalancerClass, allocateNodePorts,
          port, cloud);
    }

    /** This type with a cloud provider's options, e.g. {@link CloudLoadBalancer#awsNlb()}. */
    public LoadBalancer cloud(CloudLoadBalancer option) {
      List<CloudLoadBalancer> options = new ArrayList<>(cloud);
      options.add(Objects.requireNonNull(option, "option"));
      return new LoadBalancer(sourceRanges, externalTrafficPolicy, loadBalancerClass, allocateNodePorts,
          healthCheckNodePort, options);
    }
  }

  /** A DNS alias (CNAME) to {@code host}. */
  record ExternalName(String host) implements ServiceType {
    public ExternalName {
      Objects.requireNonNull(host, "host");
    }

    @Override
    public String typeName() {
      return "ExternalName";
    }
  }
}
