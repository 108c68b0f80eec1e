package dev.portico.dsl;

import dev.portico.dsl.annotation.PorticoGenerated;

/**
 * Finds the user's line that called into the DSL, so findings can point at it: the first frame
 * outside the DSL, the JDK and classes Portico's processor generated.
 */
final class Callers {
  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final String DSL_PACKAGE = Callers.class.getPackageName();
  /** Whether a class is plumbing, worked out once per class: a walk asks for every frame. */
  private static final ClassValue<Boolean> PLUMBING = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return isPlumbing(type);
    }
  };

  private Callers() {}

  static SourceLocation location() {
    return WALKER.walk(frames -> frames
        .filter(frame -> !PLUMBING.get(frame.getDeclaringClass()))
        .findFirst()
        .map(frame -> new SourceLocation(
            frame.getFileName() != null ? frame.getFileName() : frame.getClassName(),
            Math.max(frame.getLineNumber(), 0)))
        .orElse(SourceLocation.of("<unknown>")));
  }

  private static boolean isPlumbing(Class<?> type) {
    String pkg = type.getPackageName();
    return pkg.equals(DSL_PACKAGE) || pkg.startsWith("java.") || pkg.startsWith("jdk.")
        || type.isAnnotationPresent(PorticoGenerated.class);
  }
}
