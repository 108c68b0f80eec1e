package dev.portico.dsl.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Registers a {@link dev.portico.dsl.StackDefinition} at compile time, so {@code portico synth}
 * finds it by name without any hand-written {@code META-INF/services} file, and supplies its
 * name, namespace and environments (the defaults of those methods read this annotation).
 *
 * <pre>{@code
 * @PorticoStack(name = "shop", environments = {"staging", "prod"})
 * public final class ShopStack implements StackDefinition {
 *   @Override public void define(Stack stack) { ... }
 * }
 * }</pre>
 *
 * <p>The class must be public, implement {@code StackDefinition} and have a public no-argument
 * constructor; the processor reports anything else as a compile error.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PorticoStack {
  /** The stack's name: a DNS-1123 label, used as its output folder and by {@code --stack}. */
  String name();

  /** The namespace of every resource; empty for the stack's name. */
  String namespace() default "";

  /** The environments, each a DNS-1123 label; none for {@code default}. */
  String[] environments() default {};
}
