/**
 * Rules for Kubernetes' own kinds, after {@code pkg/apis/core/validation} and
 * {@code pkg/apis/networking/validation}: one {@code <Kind>Rules} class a kind, analyzers across
 * Services and pods, and the table in {@link dev.portico.synth.validate.kubernetes.KubernetesFamily}.
 */
package dev.portico.synth.validate.kubernetes;
