/**
 * Validation's shared core: {@link dev.portico.synth.validate.Validator} (the entry point),
 * {@link dev.portico.synth.validate.Check} and {@link dev.portico.synth.validate.Finding} (how rules
 * report), {@link dev.portico.synth.validate.Locator}, object metadata rules, and the table types
 * ({@link dev.portico.synth.validate.CheckedKind}, {@link dev.portico.synth.validate.RuleFamily},
 * {@link dev.portico.synth.validate.Analyzer}). The rules themselves live in one package per API
 * family: {@code kubernetes} (core and networking), {@code gatewayapi}, {@code istio}, and
 * {@code http} for the checks of HTTP exposure across them.
 */
package dev.portico.synth.validate;
