package dev.portico.dsl;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Pods outside the stack that send traffic into it or that its apps must reach: an ingress
 * controller or gateway, the cluster DNS, the mesh's control plane. Known by their namespace and
 * labels (what a NetworkPolicy selects) and, when they run in the mesh, by their service account
 * (what an Istio AuthorizationPolicy names).
 *
 * <p>The defaults below are what each project's own installation manifests use; give your own
 * with {@link #pods} when yours differ.
 *
 * @param namespace the pods' namespace
 * @param labels labels the pods carry, sorted by key
 * @param serviceAccount the service account they run as in the mesh; null when they have no mesh identity
 */
public record Peer(String namespace, Map<String, String> labels, String serviceAccount) {
  /** Where ingress-nginx runs when installed from its own manifests or Helm chart. */
  public static final String INGRESS_NGINX_NAMESPACE = "ingress-nginx";
  /** Where Envoy Gateway runs its proxies (its "controller namespace" mode, the default). */
  public static final String ENVOY_GATEWAY_NAMESPACE = "envoy-gateway-system";
  /** Istio's root namespace: istiod and the default ingress gateway. */
  public static final String ISTIO_NAMESPACE = "istio-system";

  public Peer {
    Objects.requireNonNull(namespace, "namespace");
    labels = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(labels, "labels")));
  }

  /** Pods of {@code namespace} that carry {@code labels}, without a mesh identity. */
  public static Peer pods(String namespace, Map<String, String> labels) {
    return new Peer(namespace, labels, null);
  }

  /** These pods, running in the mesh as {@code serviceAccount} (its principal is {@code cluster.local/ns/<namespace>/sa/<serviceAccount>}). */
  public Peer withServiceAccount(String serviceAccount) {
    return new Peer(namespace, labels, Objects.requireNonNull(serviceAccount, "serviceAccount"));
  }

  /**
   * ingress-nginx's controller: namespace {@value #INGRESS_NGINX_NAMESPACE}, pods
   * {@code app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller}.
   */
  public static Peer ingressNginx() {
    return pods(INGRESS_NGINX_NAMESPACE, Map.of("app.kubernetes.io/name", "ingress-nginx",
        "app.kubernetes.io/component", "controller"));
  }

  /**
   * The Envoy proxies Envoy Gateway runs for Gateway {@code gatewayNamespace/gatewayName}:
   * namespace {@value #ENVOY_GATEWAY_NAMESPACE}, pods labelled
   * {@code gateway.envoyproxy.io/owning-gateway-name} and {@code gateway.envoyproxy.io/owning-gateway-namespace}.
   */
  public static Peer envoyGateway(String gatewayNamespace, String gatewayName) {
    return pods(ENVOY_GATEWAY_NAMESPACE, Map.of("gateway.envoyproxy.io/owning-gateway-name", gatewayName,
        "gateway.envoyproxy.io/owning-gateway-namespace", gatewayNamespace));
  }

  /**
   * The proxies Istio deploys for a Gateway API Gateway of class {@code istio}: in the Gateway's
   * namespace, pods labelled {@code gateway.networking.k8s.io/gateway-name: <gatewayName>}, running as
   * {@code <gatewayName>-istio}.
   */
  public static Peer istioGateway(String gatewayNamespace, String gatewayName) {
    return pods(gatewayNamespace, Map.of("gateway.networking.k8s.io/gateway-name", gatewayName))
        .withServiceAccount(gatewayName + "-istio");
  }

  /**
   * Istio's default ingress gateway: namespace {@value #ISTIO_NAMESPACE}, pods {@code istio: ingressgateway},
   * running as {@code istio-ingressgateway-service-account}.
   */
  public static Peer istioIngressGateway() {
    return pods(ISTIO_NAMESPACE, Map.of("istio", "ingressgateway"))
        .withServiceAccount("istio-ingressgateway-service-account");
  }

  /** istiod, which sidecars fetch configuration and certificates from: namespace {@value #ISTIO_NAMESPACE}, pods {@code app: istiod}. */
  public static Peer istiod() {
    return pods(ISTIO_NAMESPACE, Map.of("app", "istiod"));
  }

  // equals and hashCode as a record's, written out: the record's own are bootstrapped through method
  // handles (java.lang.runtime.ObjectMethods), milliseconds that every short synth run would pay
  @Override
  public boolean equals(Object other) {
    return other instanceof Peer peer && namespace.equals(peer.namespace) && labels.equals(peer.labels)
        && Objects.equals(serviceAccount, peer.serviceAccount);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, labels, serviceAccount);
  }

  @Override
  public String toString() {
    return "pods " + labels + " in " + namespace + (serviceAccount == null ? "" : " as " + serviceAccount);
  }
}
