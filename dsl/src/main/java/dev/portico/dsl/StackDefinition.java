package dev.portico.dsl;

import dev.portico.dsl.annotation.PorticoStack;
import java.util.List;

/**
 * A user's stack: a named set of apps and the Services (and later routes and mesh rules) that
 * expose them, in one namespace. Portico calls {@link #define(Stack)} once per environment, and
 * once more when it has findings to report (to locate them, see {@link Stack#defineWithoutSourceLines}),
 * so {@code define} must declare the same each time.
 *
 * <p>Annotate an implementation with {@link PorticoStack} and Portico's annotation processor
 * registers it, so {@code portico synth} finds it by {@link #name()}; or list it by hand in
 * {@code META-INF/services/dev.portico.dsl.StackDefinition}. It needs a public no-argument
 * constructor.
 */
public interface StackDefinition {

  /**
   * The stack's name: a DNS-1123 label, used as its output folder. By default the name its
   * {@link PorticoStack} annotation gives.
   *
   * @throws IllegalStateException if the class neither overrides this method nor is annotated
   */
  default String name() {
    return annotation().name();
  }

  /** The namespace every resource of the stack lives in: its {@link PorticoStack#namespace()}, else the stack's name. */
  default String namespace() {
    PorticoStack stack = getClass().getAnnotation(PorticoStack.class);
    return stack != null && !stack.namespace().isEmpty() ? stack.namespace() : name();
  }

  /**
   * The environments the stack is synthesized for, e.g. {@code staging} and {@code prod}: its
   * {@link PorticoStack#environments()}, else {@code default}.
   */
  default List<String> environments() {
    PorticoStack stack = getClass().getAnnotation(PorticoStack.class);
    return stack != null && stack.environments().length > 0 ? List.of(stack.environments())
        : List.of(Stack.DEFAULT_ENVIRONMENT);
  }

  /** The parameters the stack reads, settable with {@code --set name=value}. */
  default List<Parameter<?>> parameters() {
    return List.of();
  }

  /** Declares the stack's apps and Services for {@link Stack#environment()}. */
  void define(Stack stack);

  private PorticoStack annotation() {
    PorticoStack stack = getClass().getAnnotation(PorticoStack.class);
    if (stack == null) {
      throw new IllegalStateException(getClass().getName() + " must override name() or be annotated @PorticoStack");
    }
    return stack;
  }
}
