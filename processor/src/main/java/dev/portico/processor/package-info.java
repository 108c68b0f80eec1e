/**
 * Portico's annotation processor, in steps like google/auto's {@code BasicAnnotationProcessor}:
 * collect the annotated types of a round, validate them by the rules {@code portico synth}
 * applies ({@link dev.portico.dsl.format.DeclarationRules}), model what passed, generate.
 * {@link dev.portico.processor.PorticoProcessor} turns {@code @PorticoApp} classes into typed
 * handles ({@code CheckoutApp.HTTP}) and registers {@code @PorticoStack} classes in
 * {@code META-INF/services/dev.portico.dsl.StackDefinition}.
 */
package dev.portico.processor;
