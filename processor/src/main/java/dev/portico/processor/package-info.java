/**
 * Portico's annotation processor: typed app handles and stack registration at compile time.
 *
 * <p>Not built yet: until it is, stacks register through {@code META-INF/services/dev.portico.dsl.StackDefinition}
 * (read with {@link java.util.ServiceLoader}, never by scanning the classpath).
 */
package dev.portico.processor;
