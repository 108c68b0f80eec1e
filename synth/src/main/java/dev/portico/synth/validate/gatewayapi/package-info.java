/**
 * Rules for Gateway API kinds, after the standard channel's CRD schemas and CEL rules: one
 * {@code <Kind>Rules} class a kind and the table in
 * {@link dev.portico.synth.validate.gatewayapi.GatewayApiFamily}.
 */
package dev.portico.synth.validate.gatewayapi;
