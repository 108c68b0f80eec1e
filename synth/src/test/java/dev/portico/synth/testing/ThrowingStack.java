package dev.portico.synth.testing;

import dev.portico.dsl.Parameter;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import java.util.List;

/**
 * A stack whose define() fails, as user code with a bug does; {@code --set error=overflow} makes it
 * recurse without end (a StackOverflowError, the user's bug too), {@code error=oom} throw an
 * OutOfMemoryError, which is no finding but a failure of the run, for the CLI's last-resort handler.
 */
public final class ThrowingStack implements StackDefinition {
  public static final Parameter<String> ERROR = Parameter.string("error", "",
      "fail with this Error instead: overflow (endless recursion) or oom (OutOfMemoryError)");

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
    if (error.equals("oom")) {
      throw new OutOfMemoryError("Java heap space"); // an Error of the JVM, not of the stack
    }
    if (error.equals("overflow")) {
      depth(0);
    }
    throw new IllegalStateException("the config file is missing");
  }

  private static int depth(int n) {
    return depth(n + 1) + 1; // the recursion without end
  }
}
