/**
 * Annotations that let an application's own code say what it is and what it listens on
 * ({@link dev.portico.dsl.annotation.PorticoApp}, {@link dev.portico.dsl.annotation.Listens}),
 * and register stacks at compile time ({@link dev.portico.dsl.annotation.PorticoStack}).
 * Portico's annotation processor reads them; see the README for the build setup.
 */
package dev.portico.dsl.annotation;
