package dev.portico.dsl;

import dev.portico.dsl.annotation.PorticoGenerated;

/**
 * Finds the user's line that called into the DSL, so findings can point at it: the first frame
 * outside the DSL, the JDK and classes Portico's processor generated.
 */
final class Callers {
  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final String DSL_PACKAGE = Callers.class.getPackageName();

  private Callers() {}

  static SourceLocation location() {
    return WALKER.walk(frames -> frames
        .filter(frame -> !isPlumbing(frame))
        .findFirst()
        .map(frame -> new SourceLocation(
            frame.getFileName() != null ? frame.getFileName() : frame.getClassName(),
            Math.max(frame.getLineNumber(), 0)))
        .orElse(SourceLocation.of("<unknown>")));
  }

  private static boolean isPlumbing(StackWalker.StackFrame frame) {
    String className = frame.getClassName();
    int dot = className.lastIndexOf('.');
    String pkg = dot < 0 ? "" : className.substring(0, dot);
    return pkg.equals(DSL_PACKAGE) || pkg.startsWith("java.") || pkg.startsWith("jdk.")
        || frame.getDeclaringClass().isAnnotationPresent(PorticoGenerated.class);
  }
}
