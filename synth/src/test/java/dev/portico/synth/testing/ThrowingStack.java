package dev.portico.synth.testing;

import dev.portico.dsl.Parameter;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import java.util.List;

/**
 * A stack whose define() fails, as user code with a bug does; {@code --set error=overflow} or
 * {@code error=oom} makes it throw that Error instead, for the CLI's last-resort handler.
 */
public final class ThrowingStack implements StackDefinition {
  public static final Parameter<String> ERROR = Parameter.string("error", "",
      "throw this Error instead: overflow (StackOverflowError) or oom (OutOfMemoryError)");

  @Override
  public String name() {
    return "throwing";
  }

  @Override
  public List<Parameter<?>> parameters() {
    return List.of(ERROR);
  }

  @Override
  public void define(Stack stack) {
    String error = stack.parameter(ERROR);
    if (!error.isEmpty()) {
      throw error.equals("oom") ? new OutOfMemoryError("Java heap space") : new StackOverflowError();
    }
    throw new IllegalStateException("the config file is missing");
  }
}
