/**
 * Rules for Gateway API kinds, after the Gateway API v1.5 standard channel's CRD schemas and CEL rules
 * (kubernetes-sigs/gateway-api {@code config/crd/standard/}, tag v1.5.1): one
 * {@code <Kind>Rules} class a kind and the table in
 * {@link dev.portico.synth.validate.gatewayapi.GatewayApiFamily}.
 */
package dev.portico.synth.validate.gatewayapi;
