/**
 * Rules for Istio kinds, after Istio's webhook validation ({@code pkg/config/validation}), and the
 * {@code istioctl analyze} checks ({@code MeshAnalyzers}); the table is
 * {@link dev.portico.synth.validate.istio.IstioFamily}.
 */
package dev.portico.synth.validate.istio;
