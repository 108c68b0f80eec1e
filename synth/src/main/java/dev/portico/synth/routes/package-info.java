/**
 * How the apps of synthesized (or hand-written) objects are reached: {@link
 * dev.portico.synth.routes.RouteTable}, read from Services, Ingresses, HTTPRoutes and Gateways, rendered as a
 * table, JSON or a mermaid flowchart by {@code portico routes}.
 */
package dev.portico.synth.routes;
