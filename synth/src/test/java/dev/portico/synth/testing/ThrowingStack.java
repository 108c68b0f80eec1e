package dev.portico.synth.testing;

import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;

/** A stack whose define() fails, as user code with a bug does. */
public final class ThrowingStack implements StackDefinition {

  @Override
  public String name() {
    return "throwing";
  }

  @Override
  public void define(Stack stack) {
    throw new IllegalStateException("the config file is missing");
  }
}
