package dev.portico.processor;

import dev.portico.dsl.format.DeclarationRules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.Filer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Validates {@code @PorticoStack} classes and registers them in
 * {@code META-INF/services/dev.portico.dsl.StackDefinition}, the file {@link java.util.ServiceLoader}
 * reads. An incremental build that recompiles only some classes keeps the entries of the others
 * (read back from the class output) as long as their classes still exist.
 */
final class StackIndex {
  static final String STACK = "dev.portico.dsl.annotation.PorticoStack";
  static final String DEFINITION = "dev.portico.dsl.StackDefinition";
  static final String SERVICES = "META-INF/services/" + DEFINITION;

  private final Elements elements;
  private final Types types;
  private final Diagnostics diagnostics;
  /** Stack name to the binary name of the class that declares it, from this compilation. */
  private final Map<String, String> declared = new TreeMap<>();
  private final List<Element> originating = new ArrayList<>();

  StackIndex(Elements elements, Types types, Diagnostics diagnostics) {
    this.elements = elements;
    this.types = types;
    this.diagnostics = diagnostics;
  }

  /** Validates one annotated type and remembers it when it is registrable. */
  void add(TypeElement type) {
    AnnotationMirror stack = AppHandles.mirror(type, STACK);
    int errorsBefore = diagnostics.errors();
    String name = AppHandles.string(stack, "name");
    List<String> environments = AppHandles.strings(stack, "environments");
    for (DeclarationRules.Problem problem : DeclarationRules.stack(name, AppHandles.string(stack, "namespace"),
        environments)) {
      String attribute = problem.field().startsWith("environments") ? "environments" : problem.field();
      diagnostics.error(problem.message() + " [" + problem.rule() + "]", type, stack, attribute);
    }
    checkShape(type, stack);
    String binaryName = elements.getBinaryName(type).toString();
    String other = declared.get(name);
    if (other != null && !other.equals(binaryName)) {
      diagnostics.error("stack name " + DeclarationRules.quote(name) + " is already used by " + other
          + "; portico synth --stack selects stacks by name, so names must be unique [stack.name-duplicate]",
          type, stack, "name");
    }
    if (diagnostics.errors() == errorsBefore) {
      declared.put(name, binaryName);
      originating.add(type);
    }
  }

  /** ServiceLoader's needs: a public, concrete, top-level or static class implementing StackDefinition, with a public no-argument constructor. */
  private void checkShape(TypeElement type, AnnotationMirror stack) {
    TypeElement definition = elements.getTypeElement(DEFINITION);
    TypeMirror erased = types.erasure(type.asType());
    if (definition != null && !types.isAssignable(erased, types.erasure(definition.asType()))) {
      diagnostics.error(type.getSimpleName() + " must implement " + DEFINITION + " to be a stack [stack.shape]",
          type, stack, null);
    }
    if (type.getKind() != ElementKind.CLASS || type.getModifiers().contains(Modifier.ABSTRACT)) {
      diagnostics.error("a stack must be a concrete class, so portico can create it [stack.shape]", type, stack, null);
    }
    if (!type.getModifiers().contains(Modifier.PUBLIC)) {
      diagnostics.error(type.getSimpleName() + " must be public, so portico can create it [stack.shape]",
          type, stack, null);
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
      diagnostics.error("a nested stack class must be static, so portico can create it [stack.shape]",
          type, stack, null);
    }
    boolean noArgs = false;
    List<ExecutableElement> constructors = ElementFilter.constructorsIn(type.getEnclosedElements());
    for (ExecutableElement constructor : constructors) {
      if (constructor.getParameters().isEmpty() && constructor.getModifiers().contains(Modifier.PUBLIC)) {
        noArgs = true;
      }
    }
    if (!noArgs) {
      diagnostics.error(type.getSimpleName() + " needs a public constructor without arguments, so portico can create "
          + "it [stack.shape]", type, stack, null);
    }
  }

  /** Writes the services file: this compilation's stacks plus earlier entries whose classes still exist. */
  void write(Filer filer) throws IOException {
    Set<String> entries = new TreeSet<>(declared.values());
    for (String earlier : readExisting(filer)) {
      if (entries.contains(earlier)) {
        continue;
      }
      TypeElement type = elements.getTypeElement(earlier.replace('$', '.'));
      if (type == null) {
        continue; // the class is gone: drop its entry
      }
      AnnotationMirror stack = AppHandles.mirror(type, STACK);
      String name = stack == null ? null : AppHandles.string(stack, "name");
      String current = name == null ? null : declared.get(name);
      if (current != null) {
        // a class compiled earlier has the name a class of this compilation now claims
        TypeElement clash = elements.getTypeElement(current.replace('$', '.'));
        diagnostics.error("stack name " + DeclarationRules.quote(name) + " is already used by " + earlier
            + "; portico synth --stack selects stacks by name, so names must be unique [stack.name-duplicate]",
            clash, AppHandles.mirror(clash, STACK), "name");
        continue;
      }
      entries.add(earlier);
    }
    if (entries.isEmpty()) {
      return;
    }
    FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", SERVICES,
        originating.toArray(new Element[0]));
    try (Writer out = file.openWriter()) {
      for (String entry : entries) {
        out.write(entry);
        out.write('\n');
      }
    }
  }

  private static List<String> readExisting(Filer filer) {
    List<String> entries = new ArrayList<>();
    try {
      FileObject existing = filer.getResource(StandardLocation.CLASS_OUTPUT, "", SERVICES);
      try (Reader reader = existing.openReader(true); BufferedReader lines = new BufferedReader(reader)) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          String entry = line.replaceAll("#.*", "").trim();
          if (!entry.isEmpty()) {
            entries.add(entry);
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // no earlier file: a clean build
    }
    return entries;
  }

  boolean isEmpty() {
    return declared.isEmpty();
  }
}
