package dev.portico.dsl;

/** The transport protocols Kubernetes Services and container ports support. */
public enum Protocol {
  TCP,
  UDP,
  SCTP
}
