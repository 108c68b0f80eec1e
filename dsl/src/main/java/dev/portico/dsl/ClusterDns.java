package dev.portico.dsl;

import java.util.Map;
import java.util.Objects;

/**
 * The cluster's DNS servers, which every pod must reach once a stack restricts egress
 * ({@link Stack#restrictEgress(ClusterDns)}): their pods and the port they answer on, over UDP and TCP.
 *
 * @param pods the DNS server pods
 * @param port the port they listen on (53 for kube-dns and CoreDNS)
 */
public record ClusterDns(Peer pods, int port) {
  /** The usual DNS port. */
  public static final int DNS_PORT = 53;

  public ClusterDns {
    Objects.requireNonNull(pods, "pods");
  }

  /**
   * kube-dns, as CoreDNS and kube-dns are installed by kubeadm and most distributions: namespace
   * {@code kube-system}, pods {@code k8s-app: kube-dns}, port 53.
   */
  public static ClusterDns kubeDns() {
    return new ClusterDns(Peer.pods("kube-system", Map.of("k8s-app", "kube-dns")), DNS_PORT);
  }

  /** DNS servers of another installation, e.g. node-local DNS or a distribution's own labels, on port 53. */
  public static ClusterDns of(Peer pods) {
    return new ClusterDns(pods, DNS_PORT);
  }

  /** These DNS servers, answering on {@code port} instead (the port of the pods, after the Service's translation). */
  public ClusterDns port(int port) {
    return new ClusterDns(pods, port);
  }
}
