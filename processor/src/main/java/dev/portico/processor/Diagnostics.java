package dev.portico.processor;

import java.util.Map;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Reports through the {@link Messager}, attached to the element, the annotation and, when the
 * problem is one attribute's, that attribute's value, so the compiler points at the exact line.
 * Counts errors, so later steps can skip what failed.
 */
final class Diagnostics {
  private final Messager messager;
  private final SourceLines lines;
  private int errors;

  Diagnostics(Messager messager, SourceLines lines) {
    this.messager = messager;
    this.lines = lines;
  }

  /**
   * An error at argument {@code attribute} of the {@code index}-th annotation named
   * {@code simpleName} on {@code type}, nested ones included: javac's messager cannot place
   * annotations that are repeated or nested, so the source tree is used; {@code mirror} is the
   * fallback when the tree is not available.
   */
  void errorAt(String message, TypeElement type, String simpleName, int index, String attribute,
      AnnotationMirror mirror) {
    errors++;
    if (!lines.report(Diagnostic.Kind.ERROR, message, type, simpleName, index, attribute)) {
      report(Diagnostic.Kind.ERROR, message, type, mirror, attribute);
    }
  }

  /** A warning placed like {@link #errorAt}. */
  void warningAt(String message, TypeElement type, String simpleName, int index, String attribute,
      AnnotationMirror mirror) {
    if (!lines.report(Diagnostic.Kind.WARNING, message, type, simpleName, index, attribute)) {
      report(Diagnostic.Kind.WARNING, message, type, mirror, attribute);
    }
  }

  void error(String message, Element element, AnnotationMirror annotation, String attribute) {
    errors++;
    report(Diagnostic.Kind.ERROR, message, element, annotation, attribute);
  }

  void warning(String message, Element element, AnnotationMirror annotation, String attribute) {
    report(Diagnostic.Kind.WARNING, message, element, annotation, attribute);
  }

  int errors() {
    return errors;
  }

  private void report(Diagnostic.Kind kind, String message, Element element, AnnotationMirror annotation,
      String attribute) {
    AnnotationValue value = annotation == null || attribute == null ? null : value(annotation, attribute);
    if (value != null) {
      messager.printMessage(kind, message, element, annotation, value);
    } else if (annotation != null) {
      messager.printMessage(kind, message, element, annotation);
    } else {
      messager.printMessage(kind, message, element);
    }
  }

  /** The value of {@code attribute} as written (null when it takes its default). */
  static AnnotationValue value(AnnotationMirror annotation, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
        : annotation.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(attribute)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
