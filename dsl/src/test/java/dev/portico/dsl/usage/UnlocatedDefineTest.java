package dev.portico.dsl.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portico.dsl.Port;
import dev.portico.dsl.Service;
import dev.portico.dsl.SourceLocation;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.StackModel;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@link Stack#defineWithoutSourceLines}: the same model as {@link Stack#define}, without the user's lines. */
class UnlocatedDefineTest {
  /** Initialized by the first define that touches it, as a user's constants class would be. */
  static final class Ports {
    static final int LINE = Thread.currentThread().getStackTrace()[1].getLineNumber() + 1;
    static final Port WEB = Port.http(8080);
  }

  /** Touched only by the unlocated define below, so that define runs its initializer. */
  static final class FirstTouched {
    static final int LINE = Thread.currentThread().getStackTrace()[1].getLineNumber() + 1;
    static final Port METRICS = Port.metrics(9090);
  }

  private static StackDefinition stack(Consumer<Stack> body) {
    return new StackDefinition() {
      @Override
      public String name() {
        return "demo";
      }

      @Override
      public void define(Stack stack) {
        body.accept(stack);
      }
    };
  }

  private static final int APP_LINE = Thread.currentThread().getStackTrace()[1].getLineNumber() + 3;
  private static final StackDefinition SHOP = stack(stack -> {
    Port web = Ports.WEB;
    Service service = stack.service("web", stack.app("web", web), s -> s.port(80, web));
    stack.http("site", site -> site.host("shop.example.com", host -> host.path("/", service)));
  });

  @Test
  void declarationsAreNotLocatedButAStaticPortIs() {
    StackModel unlocated = Stack.defineWithoutSourceLines(stack(stack -> {
      Service service = stack.service("web", stack.app("web", Ports.WEB, FirstTouched.METRICS),
          s -> s.port(80, Ports.WEB));
      stack.http("site", site -> site.host("shop.example.com", host -> host.path("/", service)));
    }), "default", Map.of());

    assertSame(SourceLocation.NOT_RECORDED, unlocated.apps().get(0).location());
    assertSame(SourceLocation.NOT_RECORDED, unlocated.services().get(0).location());
    assertSame(SourceLocation.NOT_RECORDED, unlocated.services().get(0).ports().get(0).location());
    assertSame(SourceLocation.NOT_RECORDED, unlocated.exposures().get(0).location());
    // that define initialized FirstTouched: METRICS outlives it and keeps its line
    assertEquals(new SourceLocation("UnlocatedDefineTest.java", FirstTouched.LINE), FirstTouched.METRICS.location());
  }

  @Test
  void theSameModelAsALocatedDefineApartFromTheLines() {
    StackModel unlocated = Stack.defineWithoutSourceLines(SHOP, "default", Map.of());
    StackModel located = Stack.define(SHOP, "default", Map.of());

    assertEquals(new SourceLocation("UnlocatedDefineTest.java", APP_LINE), located.apps().get(0).location());
    assertEquals(located.apps().get(0).name(), unlocated.apps().get(0).name());
    assertEquals(located.apps().get(0).selector(), unlocated.apps().get(0).selector());
    assertEquals(located.services().get(0).name(), unlocated.services().get(0).name());
    assertEquals(located.exposures().get(0).hosts().size(), unlocated.exposures().get(0).hosts().size());
  }

  @Test
  void locatingResumesAfterwardsAlsoWhenDefineThrows() {
    StackDefinition failing = stack(stack -> {
      stack.app("web", Ports.WEB);
      throw new IllegalStateException("the user's bug");
    });
    assertThrows(IllegalStateException.class, () -> Stack.defineWithoutSourceLines(failing, "default", Map.of()));

    StackModel located = Stack.define(SHOP, "default", Map.of());
    assertNotEquals(SourceLocation.NOT_RECORDED, located.apps().get(0).location());
    assertEquals(APP_LINE, located.apps().get(0).location().line());
  }
}
