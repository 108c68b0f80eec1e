package dev.portico.dsl.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class Portico's processor generated. Declarations made from inside it are attributed
 * to the user's line that called it, as if the user had written the generated code there.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PorticoGenerated {
  /** The annotated class the handle was generated from. */
  Class<?> value();
}
