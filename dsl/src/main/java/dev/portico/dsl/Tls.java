package dev.portico.dsl;

import java.util.Objects;

/**
 * How a host's TLS certificate is provided: a Secret that exists already, or one that cert-manager
 * issues and names predictably ({@code shop.example.com} gets {@code shop-example-com-tls}).
 */
public sealed interface Tls {

  /** The Secret (type {@code kubernetes.io/tls}) that holds the certificate for {@code hostname}. */
  String secretName(String hostname);

  /** A certificate in an existing Secret of the stack's namespace. */
  static Tls secret(String secretName) {
    return new FromSecret(secretName);
  }

  /** A certificate that cert-manager requests from {@code issuer} and stores in {@link #secretName}. */
  static Tls certManager(Issuer issuer) {
    return new CertManager(issuer);
  }

  /** An existing Secret. */
  record FromSecret(String name) implements Tls {
    public FromSecret {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String secretName(String hostname) {
      return name;
    }
  }

  /** A certificate issued by cert-manager; the Secret is named after the host. */
  record CertManager(Issuer issuer) implements Tls {
    public CertManager {
      Objects.requireNonNull(issuer, "issuer");
    }

    /** {@code shop.example.com} to {@code shop-example-com-tls}; {@code *.example.com} to {@code wildcard-example-com-tls}. */
    @Override
    public String secretName(String hostname) {
      String lower = hostname.toLowerCase(java.util.Locale.ROOT);
      return lower.replace("*", "wildcard").replace('.', '-') + "-tls";
    }
  }

  /**
   * A cert-manager issuer.
   *
   * @param cluster true for a ClusterIssuer, false for an Issuer of the stack's namespace
   * @param name its name
   */
  record Issuer(boolean cluster, String name) {
    public Issuer {
      Objects.requireNonNull(name, "name");
    }

    /** A ClusterIssuer, e.g. {@code letsencrypt-prod}. */
    public static Issuer cluster(String name) {
      return new Issuer(true, name);
    }

    /** An Issuer in the stack's namespace. */
    public static Issuer namespaced(String name) {
      return new Issuer(false, name);
    }

    /** The annotation cert-manager reads on an Ingress or Gateway. */
    public String annotation() {
      return cluster ? "cert-manager.io/cluster-issuer" : "cert-manager.io/issuer";
    }
  }
}
