package dev.portico.dsl;

/** Whether workloads accept plain-text traffic besides Istio's mutual TLS (PeerAuthentication modes). */
public enum MtlsMode {
  /** Mutual TLS only. */
  STRICT,
  /** Mutual TLS and plain text, while clients migrate. */
  PERMISSIVE,
  /** Plain text only. */
  DISABLE
}
