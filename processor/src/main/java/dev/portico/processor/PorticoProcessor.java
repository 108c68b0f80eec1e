package dev.portico.processor;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Portico's annotation processor. For each {@code @PorticoApp} type it generates a typed handle in
 * the same package ({@code CheckoutApp} for {@code Checkout}); for each {@code @PorticoStack} class
 * it checks what {@link java.util.ServiceLoader} needs and registers it in
 * {@code META-INF/services/dev.portico.dsl.StackDefinition}. Names, labels and ports are checked
 * by the rules {@code portico synth} applies; every problem is a compiler error or warning on the
 * annotation, never an exception.
 *
 * <p>List it in {@code annotationProcessorPaths} (required on JDK 22 and later, where processors
 * on the class path no longer run by default).
 */
public final class PorticoProcessor extends AbstractProcessor {
  private Diagnostics diagnostics;
  private AppHandles apps;
  private StackIndex stacks;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(AppHandles.APP, AppHandles.LISTENS, AppHandles.LISTENS_LIST, StackIndex.STACK);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    SourceLines lines = new SourceLines(env);
    diagnostics = new Diagnostics(env.getMessager(), lines);
    apps = new AppHandles(env.getElementUtils(), diagnostics, lines);
    stacks = new StackIndex(env.getElementUtils(), env.getTypeUtils(), diagnostics);
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      if (round.processingOver()) {
        stacks.write(processingEnv.getFiler());
        return false;
      }
      TypeElement app = processingEnv.getElementUtils().getTypeElement(AppHandles.APP);
      TypeElement stack = processingEnv.getElementUtils().getTypeElement(StackIndex.STACK);
      if (app != null) {
        for (Element element : round.getElementsAnnotatedWith(app)) {
          generate(apps.model((TypeElement) element));
        }
        orphanListens(round, app);
      }
      if (stack != null) {
        for (Element element : round.getElementsAnnotatedWith(stack)) {
          stacks.add((TypeElement) element);
        }
      }
    } catch (IOException | RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "Portico's annotation processor failed; this is a bug in Portico, please report it with this trace:\n"
              + trace);
    }
    return false;
  }

  private void generate(AppModel model) throws IOException {
    if (model == null) {
      return;
    }
    JavaFile file = AppHandleWriter.write(model);
    file.writeTo(processingEnv.getFiler());
  }

  /** {@code @Listens} without {@code @PorticoApp} would be ignored silently: an error instead. */
  private void orphanListens(RoundEnvironment round, TypeElement app) {
    for (String name : new String[] {AppHandles.LISTENS, AppHandles.LISTENS_LIST}) {
      TypeElement listens = processingEnv.getElementUtils().getTypeElement(name);
      if (listens == null) {
        continue;
      }
      for (Element element : round.getElementsAnnotatedWith(listens)) {
        if (AppHandles.mirror(element, AppHandles.APP) == null) {
          diagnostics.error("@Listens declares a port of an app: add @PorticoApp(name = ...) to this type",
              element, AppHandles.mirror(element, name), null);
        }
      }
    }
  }
}
