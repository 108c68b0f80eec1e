package dev.portico.dsl;

import dev.portico.dsl.annotation.PorticoGenerated;

/**
 * Finds the user's line that called into the DSL, so findings can point at it: the first frame
 * outside the DSL, the JDK and classes Portico's processor generated.
 *
 * <p>A walk of the stack costs a few microseconds, six an app in a large stack. A declaration made
 * while {@link Stack#defineWithoutSourceLines} runs is not located ({@link #declaration()}): that
 * model is for a run that finds nothing to report, and one that does defines the stack again.
 * Values that may outlive a define (a {@link Port} in a static field, created by a class
 * initializer that the define happened to trigger) are always located ({@link #location()}).
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

  /** Set while {@link Stack#defineWithoutSourceLines} runs on this thread. */
  private static final ThreadLocal<Boolean> NOT_LOCATING = new ThreadLocal<>();

  private Callers() {}

  /**
   * Where the user declared something that belongs to the stack being defined (an app, a Service,
   * an HTTP path, a route): {@link SourceLocation#NOT_RECORDED} during {@link Stack#defineWithoutSourceLines}.
   */
  static SourceLocation declaration() {
    return NOT_LOCATING.get() == null ? location() : SourceLocation.NOT_RECORDED;
  }

  /** Runs {@code define} on this thread without locating its declarations, then restores what was set. */
  static <T> T withoutLocations(java.util.function.Supplier<T> define) {
    Boolean before = NOT_LOCATING.get();
    NOT_LOCATING.set(Boolean.TRUE);
    try {
      return define.get();
    } finally {
      if (before == null) {
        NOT_LOCATING.remove();
      }
    }
  }

  /** Where the user's code called into the DSL: always walks the stack. */
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
