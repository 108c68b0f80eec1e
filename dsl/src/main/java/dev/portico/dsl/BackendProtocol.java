package dev.portico.dsl;

/** The protocol an ingress controller speaks to the backend pods (ingress-nginx {@code backend-protocol}). */
public enum BackendProtocol {
  HTTP, HTTPS, GRPC, GRPCS
}
