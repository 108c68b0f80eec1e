package dev.portico.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.annotation.PorticoStack;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stacks come from ServiceLoader registrations; their names from the annotation or name(). */
class StackRegistryTest {
  @TempDir Path dir;

  /** Named by its annotation only. */
  @PorticoStack(name = "annotated", namespace = "ops", environments = {"staging", "prod"})
  public static final class Annotated implements StackDefinition {
    @Override
    public void define(Stack stack) {}
  }

  /** Another class claiming the same name. */
  @PorticoStack(name = "annotated")
  public static final class SameName implements StackDefinition {
    @Override
    public void define(Stack stack) {}
  }

  /** Neither annotated nor overriding name(). */
  public static final class Nameless implements StackDefinition {
    @Override
    public void define(Stack stack) {}
  }

  private ClassLoader registering(Class<?>... stacks) throws Exception {
    Path services = dir.resolve("META-INF/services/dev.portico.dsl.StackDefinition");
    Files.createDirectories(services.getParent());
    StringBuilder lines = new StringBuilder();
    for (Class<?> stack : stacks) {
      lines.append(stack.getName()).append('\n');
    }
    Files.writeString(services, lines);
    // a loader that sees only this services file, delegating classes to the test's loader
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader()) {
      @Override
      public java.util.Enumeration<URL> getResources(String name) throws java.io.IOException {
        return findResources(name);
      }
    };
  }

  @Test
  void theAnnotationSuppliesNameNamespaceAndEnvironments() throws Exception {
    List<StackDefinition> stacks = StackRegistry.load(registering(Annotated.class));
    assertEquals(1, stacks.size());
    assertEquals("annotated", stacks.get(0).name());
    assertEquals("ops", stacks.get(0).namespace());
    assertEquals(List.of("staging", "prod"), stacks.get(0).environments());
  }

  @Test
  void aStackWithoutANameIsAUsageErrorNotACrash() throws Exception {
    UsageException e = assertThrows(UsageException.class, () -> StackRegistry.load(registering(Nameless.class)));
    assertTrue(e.getMessage().contains("registered stack " + Nameless.class.getName() + " has no name")
        && e.getMessage().contains("must override name() or be annotated @PorticoStack"), e.getMessage());
  }

  @Test
  void twoStacksOfOneNameAreAUsageError() throws Exception {
    UsageException e = assertThrows(UsageException.class,
        () -> StackRegistry.load(registering(Annotated.class, SameName.class)));
    assertTrue(e.getMessage().contains("two stacks are named annotated"), e.getMessage());
  }
}
