package dev.portico.dsl;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stack's HTTP exposures are rendered as, chosen per stack and environment with
 * {@link Stack#httpTarget}: an Ingress, or Gateway API routes on a Gateway of the stack's own or a
 * shared one, or an Istio Gateway. The same {@link HttpExposure} renders to any of them; what a
 * target cannot express is reported, never dropped.
 *
 * <p>Each target also says where the requests it forwards come from ({@link #sources}), so that
 * apps isolated by {@link Stack#allow} or {@link Stack#denyByDefault()} admit them: the pods of
 * the controller or gateway, given with {@code from(...)}, else the documented default for
 * ingress-nginx (class {@code nginx}), Envoy Gateway (class {@code eg}), Istio (class {@code istio},
 * and the Istio ingress gateway), else none.
 */
public sealed interface HttpTarget {

  /**
   * The pods that forward exposure {@code exposureName}'s requests to the apps of a stack in
   * {@code namespace}: those given with {@code from(...)}, else the default for the controller,
   * else none (an isolated app then admits none of the exposure's requests, which synthesis reports).
   */
  List<Peer> sources(String namespace, String exposureName);

  /** A networking.k8s.io/v1 Ingress for the cluster's default IngressClass. */
  static Ingress ingress() {
    return new Ingress(null, List.of());
  }

  /** A networking.k8s.io/v1 Ingress of IngressClass {@code className}, e.g. {@code nginx}. */
  static Ingress ingress(String className) {
    return new Ingress(Objects.requireNonNull(className, "className"), List.of());
  }

  /**
   * Gateway API HTTPRoutes on a Gateway of the stack's own, of GatewayClass {@code className}: a
   * plain HTTP listener on port 80 and an HTTPS listener on 443 for each TLS host.
   */
  static OwnGateway gateway(String className) {
    return new OwnGateway(Objects.requireNonNull(className, "className"), List.of());
  }

  /**
   * Gateway API HTTPRoutes attached to an existing Gateway, by default to its listeners named
   * {@code http} (plain) and {@code https} (TLS hosts); see {@link SharedGateway#listeners}.
   */
  static SharedGateway sharedGateway(String namespace, String name) {
    return new SharedGateway(namespace, name, "http", "https", List.of());
  }

  /**
   * An Istio Gateway for the mesh's ingress gateway (pods labelled {@code istio: ingressgateway}
   * in {@code istio-system}) and a VirtualService per host bound to it. TLS certificates come from
   * Secrets in the ingress gateway's namespace ({@code credentialName}).
   */
  static IstioGateway istioGateway() {
    return new IstioGateway(Map.of("istio", "ingressgateway"), List.of());
  }

  /** An Istio Gateway for the ingress gateway pods labelled {@code selector}; say where they run with {@link IstioGateway#from}. */
  static IstioGateway istioGateway(Map<String, String> selector) {
    return new IstioGateway(selector, List.of());
  }

  /**
   * An Istio Gateway and VirtualServices.
   *
   * @param from the ingress gateway's pods, when not the default ({@link Peer#istioIngressGateway()}
   *     for the default selector; none for another selector)
   */
  record IstioGateway(Map<String, String> selector, List<Peer> from) implements HttpTarget {
    public IstioGateway {
      selector = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(selector));
      from = List.copyOf(from);
    }

    /** This target, with requests coming from {@code sources} (the ingress gateway's pods). */
    public IstioGateway from(Peer... sources) {
      return new IstioGateway(selector, Arrays.asList(sources));
    }

    @Override
    public List<Peer> sources(String namespace, String exposureName) {
      if (!from.isEmpty()) {
        return from;
      }
      return selector.equals(Peer.istioIngressGateway().labels()) ? List.of(Peer.istioIngressGateway()) : List.of();
    }
  }

  /**
   * An Ingress.
   *
   * @param className the IngressClass; null for the cluster's default
   * @param from the controller's pods, when not the default ({@link Peer#ingressNginx()} for class
   *     {@code nginx}; none for other classes)
   */
  record Ingress(String className, List<Peer> from) implements HttpTarget {
    public Ingress {
      from = List.copyOf(from);
    }

    public Optional<String> ingressClassName() {
      return Optional.ofNullable(className);
    }

    /** This target, with requests coming from {@code sources} (the ingress controller's pods). */
    public Ingress from(Peer... sources) {
      return new Ingress(className, Arrays.asList(sources));
    }

    @Override
    public List<Peer> sources(String namespace, String exposureName) {
      if (!from.isEmpty()) {
        return from;
      }
      return "nginx".equals(className) ? List.of(Peer.ingressNginx()) : List.of();
    }
  }

  /**
   * A Gateway of the stack's own, named after each exposure.
   *
   * @param from the gateway's proxies, when not the default ({@link Peer#envoyGateway} for class
   *     {@code eg}, {@link Peer#istioGateway} for class {@code istio}; none for other classes)
   */
  record OwnGateway(String className, List<Peer> from) implements HttpTarget {
    public OwnGateway {
      Objects.requireNonNull(className, "className");
      from = List.copyOf(from);
    }

    /** This target, with requests coming from {@code sources} (the gateway's proxies). */
    public OwnGateway from(Peer... sources) {
      return new OwnGateway(className, Arrays.asList(sources));
    }

    @Override
    public List<Peer> sources(String namespace, String exposureName) {
      if (!from.isEmpty()) {
        return from;
      }
      return switch (className) {
        case "eg" -> List.of(Peer.envoyGateway(namespace, exposureName));
        case "istio" -> List.of(Peer.istioGateway(namespace, exposureName));
        default -> List.of();
      };
    }
  }

  /**
   * An existing Gateway.
   *
   * @param httpListener the listener (section name) for plain HTTP and redirects
   * @param httpsListener the listener for TLS hosts; it holds their certificates
   * @param from the gateway's proxies (there is no default: its class is not known here)
   */
  record SharedGateway(String namespace, String name, String httpListener, String httpsListener, List<Peer> from)
      implements HttpTarget {
    public SharedGateway {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(httpListener, "httpListener");
      Objects.requireNonNull(httpsListener, "httpsListener");
      from = List.copyOf(from);
    }

    /** This Gateway, attaching to listeners {@code http} and {@code https} instead of the defaults. */
    public SharedGateway listeners(String http, String https) {
      return new SharedGateway(namespace, name, http, https, from);
    }

    /** This target, with requests coming from {@code sources} (the shared gateway's proxies). */
    public SharedGateway from(Peer... sources) {
      return new SharedGateway(namespace, name, httpListener, httpsListener, Arrays.asList(sources));
    }

    @Override
    public List<Peer> sources(String namespace, String exposureName) {
      return from;
    }
  }
}
