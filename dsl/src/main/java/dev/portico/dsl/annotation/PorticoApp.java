package dev.portico.dsl.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an application's own class as the description of how it runs in Kubernetes: its name,
 * the labels its pods carry, and (with {@link Listens}) the ports it opens. Portico's annotation
 * processor turns it into a typed handle in the same package, named after the class with
 * {@code App} appended: {@code Checkout} gets {@code CheckoutApp}, with {@code CheckoutApp.HTTP}
 * for port {@code http} and {@code CheckoutApp.declare(stack)}.
 *
 * <pre>{@code
 * @PorticoApp(name = "checkout", versions = {"v1", "v2"})
 * @Listens(name = "http", port = 8080)
 * public class Checkout { ... }
 * }</pre>
 *
 * <p>Names, labels and ports are checked when the class compiles, by the same rules
 * {@code portico synth} applies.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface PorticoApp {
  /** The app's name: a DNS-1035 label (it names the Service {@code Stack.expose} creates). */
  String name();

  /** The labels that select the app's pods; none for {@code app.kubernetes.io/name: <name>}. */
  Label[] selector() default {};

  /**
   * The versions the app runs in, e.g. {@code {"v1", "v2"}} during a canary: each version's pods
   * carry {@code version: <version>}, which mesh subsets select by; none for an app of one kind of pod.
   */
  String[] versions() default {};

  /** A label: key and value. */
  @Retention(RetentionPolicy.SOURCE)
  @Target({})
  @interface Label {
    /** A qualified name, e.g. {@code app} or {@code app.kubernetes.io/name}. */
    String key();

    /** A label value: at most 63 letters, digits, '-', '_' or '.'. */
    String value();
  }
}
