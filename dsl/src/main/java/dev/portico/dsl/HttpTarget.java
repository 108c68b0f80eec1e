package dev.portico.dsl;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stack's HTTP exposures are rendered as, chosen per stack and environment with
 * {@link Stack#httpTarget}: an Ingress, or Gateway API routes on a Gateway of the stack's own or a
 * shared one. The same {@link HttpExposure} renders to any of them; what a target cannot express
 * is reported, never dropped.
 */
public sealed interface HttpTarget {

  /** A networking.k8s.io/v1 Ingress for the cluster's default IngressClass. */
  static HttpTarget ingress() {
    return new Ingress(null);
  }

  /** A networking.k8s.io/v1 Ingress of IngressClass {@code className}, e.g. {@code nginx}. */
  static HttpTarget ingress(String className) {
    return new Ingress(Objects.requireNonNull(className, "className"));
  }

  /**
   * Gateway API HTTPRoutes on a Gateway of the stack's own, of GatewayClass {@code className}: a
   * plain HTTP listener on port 80 and an HTTPS listener on 443 for each TLS host.
   */
  static HttpTarget gateway(String className) {
    return new OwnGateway(Objects.requireNonNull(className, "className"));
  }

  /**
   * Gateway API HTTPRoutes attached to an existing Gateway, by default to its listeners named
   * {@code http} (plain) and {@code https} (TLS hosts); see {@link SharedGateway#listeners}.
   */
  static SharedGateway sharedGateway(String namespace, String name) {
    return new SharedGateway(namespace, name, "http", "https");
  }

  /**
   * An Istio Gateway for the mesh's ingress gateway (pods labelled {@code istio: ingressgateway})
   * and a VirtualService per host bound to it. TLS certificates come from Secrets in the ingress
   * gateway's namespace ({@code credentialName}).
   */
  static HttpTarget istioGateway() {
    return new IstioGateway(Map.of("istio", "ingressgateway"));
  }

  /** An Istio Gateway for the ingress gateway pods labelled {@code selector}. */
  static HttpTarget istioGateway(Map<String, String> selector) {
    return new IstioGateway(selector);
  }

  /** An Istio Gateway and VirtualServices. */
  record IstioGateway(Map<String, String> selector) implements HttpTarget {
    public IstioGateway {
      selector = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(selector));
    }
  }

  /** An Ingress. @param className the IngressClass; null for the cluster's default */
  record Ingress(String className) implements HttpTarget {
    public Optional<String> ingressClassName() {
      return Optional.ofNullable(className);
    }
  }

  /** A Gateway of the stack's own, named after each exposure. */
  record OwnGateway(String className) implements HttpTarget {
    public OwnGateway {
      Objects.requireNonNull(className, "className");
    }
  }

  /**
   * An existing Gateway.
   *
   * @param httpListener the listener (section name) for plain HTTP and redirects
   * @param httpsListener the listener for TLS hosts; it holds their certificates
   */
  record SharedGateway(String namespace, String name, String httpListener, String httpsListener)
      implements HttpTarget {
    public SharedGateway {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(httpListener, "httpListener");
      Objects.requireNonNull(httpsListener, "httpsListener");
    }

    /** This Gateway, attaching to listeners {@code http} and {@code https} instead of the defaults. */
    public SharedGateway listeners(String http, String https) {
      return new SharedGateway(namespace, name, http, https);
    }
  }
}
