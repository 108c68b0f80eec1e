package dev.portico.dsl;

import java.util.List;

/**
 * A user's stack: a named set of apps and the Services (and later routes and mesh rules) that
 * expose them, in one namespace. Portico calls {@link #define(Stack)} once per environment.
 *
 * <p>Register an implementation in {@code META-INF/services/dev.portico.dsl.StackDefinition}
 * so {@code portico synth} finds it by {@link #name()}. It needs a public no-argument constructor.
 */
public interface StackDefinition {

  /** The stack's name: a DNS-1123 label, used as its output folder. */
  String name();

  /** The namespace every resource of the stack lives in; the stack's name by default. */
  default String namespace() {
    return name();
  }

  /** The environments the stack is synthesized for, e.g. {@code staging} and {@code prod}. */
  default List<String> environments() {
    return List.of(Stack.DEFAULT_ENVIRONMENT);
  }

  /** The parameters the stack reads, settable with {@code --set name=value}. */
  default List<Parameter<?>> parameters() {
    return List.of();
  }

  /** Declares the stack's apps and Services for {@link Stack#environment()}. */
  void define(Stack stack);
}
