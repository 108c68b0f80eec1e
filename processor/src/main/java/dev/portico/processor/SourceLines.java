package dev.portico.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Where annotations stand in the source, through javac's tree API, so a generated port records the
 * line of its {@code @Listens}. Under a compiler without that API lines are unknown (0), which
 * only makes findings less precise.
 */
final class SourceLines {
  private final Trees trees;

  SourceLines(ProcessingEnvironment env) {
    Trees found;
    try {
      found = Trees.instance(env);
    } catch (IllegalArgumentException | LinkageError e) {
      found = null; // not javac
    }
    this.trees = found;
  }

  /** The source file's simple name, e.g. {@code Checkout.java}; the type's name plus .java when unknown. */
  String file(TypeElement type) {
    TreePath path = trees == null ? null : trees.getPath(type);
    if (path == null) {
      return topLevel(type) + ".java";
    }
    String name = path.getCompilationUnit().getSourceFile().getName();
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return name.substring(slash + 1);
  }

  /** The lines of the type's annotations named {@code simpleName}, in source order. */
  List<Integer> annotationLines(TypeElement type, String simpleName) {
    List<Integer> lines = new ArrayList<>();
    TreePath path = trees == null ? null : trees.getPath(type);
    if (path == null || !(path.getLeaf() instanceof ClassTree tree)) {
      return lines;
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    SourcePositions positions = trees.getSourcePositions();
    for (AnnotationTree annotation : tree.getModifiers().getAnnotations()) {
      String written = annotation.getAnnotationType().toString();
      if (written.equals(simpleName) || written.endsWith("." + simpleName)) {
        long start = positions.getStartPosition(unit, annotation);
        lines.add((int) unit.getLineMap().getLineNumber(start));
      }
    }
    return lines;
  }

  /**
   * Reports {@code message} at argument {@code attribute} (or, when it takes its default, at the
   * annotation) of the {@code index}-th annotation named {@code simpleName} of {@code type},
   * counting nested ones too (a repeated {@code @Listens}, a {@code @Label} inside
   * {@code selector}), in source order.
   *
   * @return false when the position could not be found; the caller then reports another way
   */
  boolean report(Diagnostic.Kind kind, String message, TypeElement type, String simpleName, int index,
      String attribute) {
    TreePath path = trees == null ? null : trees.getPath(type);
    if (path == null || !(path.getLeaf() instanceof ClassTree tree)) {
      return false;
    }
    List<AnnotationTree> found = new ArrayList<>();
    for (AnnotationTree annotation : tree.getModifiers().getAnnotations()) {
      collect(annotation, simpleName, found);
    }
    if (index >= found.size()) {
      return false;
    }
    AnnotationTree annotation = found.get(index);
    Tree at = annotation;
    for (ExpressionTree argument : annotation.getArguments()) {
      if (argument instanceof AssignmentTree assignment && assignment.getVariable() instanceof IdentifierTree id
          && id.getName().contentEquals(attribute == null ? "" : attribute)) {
        at = assignment.getExpression();
      }
    }
    trees.printMessage(kind, message, at, path.getCompilationUnit());
    return true;
  }

  /** {@code annotation} and the annotations nested in its arguments, in source order, that are named {@code simpleName}. */
  private static void collect(Tree tree, String simpleName, List<AnnotationTree> found) {
    if (tree instanceof AnnotationTree annotation) {
      String written = annotation.getAnnotationType().toString();
      if (written.equals(simpleName) || written.endsWith("." + simpleName)) {
        found.add(annotation);
      }
      for (ExpressionTree argument : annotation.getArguments()) {
        collect(argument instanceof AssignmentTree assignment ? assignment.getExpression() : argument, simpleName,
            found);
      }
    } else if (tree instanceof NewArrayTree array && array.getInitializers() != null) {
      for (ExpressionTree element : array.getInitializers()) {
        collect(element, simpleName, found);
      }
    }
  }

  private static String topLevel(TypeElement type) {
    javax.lang.model.element.Element e = type;
    while (e.getEnclosingElement() instanceof TypeElement outer) {
      e = outer;
    }
    return e.getSimpleName().toString();
  }
}
