/**
 * Checks of HTTP exposure across API families: backends of Ingresses, HTTPRoutes and Istio
 * gateways against Services, and one owner per host and path.
 */
package dev.portico.synth.validate.http;
