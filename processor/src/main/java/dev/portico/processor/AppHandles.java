package dev.portico.processor;

import dev.portico.dsl.format.DeclarationRules;
import dev.portico.dsl.format.IstioProtocols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Collects and validates {@code @PorticoApp} types: reads the annotation and its {@code @Listens}
 * as written, checks them with {@link DeclarationRules} (the table {@code portico synth} uses),
 * warns about port names Istio cannot read a protocol from, and models what passed.
 */
final class AppHandles {
  static final String APP = "dev.portico.dsl.annotation.PorticoApp";
  static final String LISTENS = "dev.portico.dsl.annotation.Listens";
  static final String LISTENS_LIST = "dev.portico.dsl.annotation.Listens.List";
  static final String GENERATED = "dev.portico.dsl.annotation.PorticoGenerated";

  private final Elements elements;
  private final Diagnostics diagnostics;
  private final SourceLines lines;

  AppHandles(Elements elements, Diagnostics diagnostics, SourceLines lines) {
    this.elements = elements;
    this.diagnostics = diagnostics;
    this.lines = lines;
  }

  /** The app declared by {@code type}, or null when something about it was reported as an error. */
  AppModel model(TypeElement type) {
    int errorsBefore = diagnostics.errors();
    AnnotationMirror app = mirror(type, APP);
    List<AnnotationMirror> listens = listens(type);
    String name = string(app, "name");
    for (DeclarationRules.Problem problem : DeclarationRules.appName(name)) {
      diagnostics.error(message(problem), type, app, "name");
    }
    Map<String, String> selector = new LinkedHashMap<>();
    List<AnnotationMirror> labels = mirrors(app, "selector");
    for (int i = 0; i < labels.size(); i++) {
      String key = string(labels.get(i), "key");
      if (selector.putIfAbsent(key, string(labels.get(i), "value")) != null) {
        diagnostics.errorAt("selector label " + DeclarationRules.quote(key) + " is given twice; each key selects once "
            + "[app.selector-duplicate]", type, "Label", i, "key", labels.get(i));
      }
    }
    List<DeclarationRules.PortDeclaration> declared = new ArrayList<>();
    for (AnnotationMirror port : listens) {
      declared.add(new DeclarationRules.PortDeclaration(string(port, "name"), integer(port, "port"),
          enumName(port, "protocol")));
    }
    for (DeclarationRules.Problem problem : DeclarationRules.appPods(selector, declared)) {
      reportPodProblem(problem, type, app, labels, listens);
    }
    List<String> versions = strings(app, "versions");
    for (DeclarationRules.Problem problem : DeclarationRules.appVersions(versions)) {
      diagnostics.error(message(problem), type, app, "versions");
    }
    String handleName = handleName(type);
    String packageName = elements.getPackageOf(type).getQualifiedName().toString();
    checkHandleIsFree(type, app, packageName, handleName);
    if (diagnostics.errors() > errorsBefore) {
      return null;
    }
    List<AppModel.PortModel> ports = new ArrayList<>();
    List<Integer> portLines = lines.annotationLines(type, "Listens");
    String file = lines.file(type);
    for (int i = 0; i < listens.size(); i++) {
      AnnotationMirror port = listens.get(i);
      String portName = string(port, "name");
      String appProtocol = string(port, "appProtocol");
      istioNaming(type, port, i, portName, integer(port, "port"), enumName(port, "protocol"), appProtocol);
      ports.add(new AppModel.PortModel(portName, integer(port, "port"), enumName(port, "protocol"), appProtocol,
          constant(portName), file, i < portLines.size() ? portLines.get(i) : 0));
    }
    return new AppModel(type, packageName, handleName, name, selector, ports, versions);
  }

  /** {@code Checkout} gets {@code CheckoutApp}; a nested {@code Shop.Checkout} gets {@code ShopCheckoutApp}. */
  static String handleName(TypeElement type) {
    StringBuilder name = new StringBuilder(type.getSimpleName());
    for (Element e = type.getEnclosingElement(); e instanceof TypeElement outer; e = outer.getEnclosingElement()) {
      name.insert(0, outer.getSimpleName());
    }
    return name.append("App").toString();
  }

  /** A port's constant: {@code grpc-web} becomes {@code GRPC_WEB}; a name starting with a digit gets {@code PORT_}. */
  static String constant(String portName) {
    String upper = portName.toUpperCase(Locale.ROOT).replace('-', '_');
    return Character.isDigit(upper.charAt(0)) ? "PORT_" + upper : upper;
  }

  private void reportPodProblem(DeclarationRules.Problem problem, TypeElement type, AnnotationMirror app,
      List<AnnotationMirror> labels, List<AnnotationMirror> listens) {
    String field = problem.field();
    if (field.startsWith("selector[")) {
      String key = field.substring("selector[".length(), field.length() - 1);
      for (int i = 0; i < labels.size(); i++) {
        if (string(labels.get(i), "key").equals(key)) {
          diagnostics.errorAt(message(problem), type, "Label", i, problem.rule().endsWith("key") ? "key" : "value",
              labels.get(i));
          return;
        }
      }
      diagnostics.error(message(problem), type, app, "selector");
    } else if (field.startsWith("ports[")) {
      int index = Integer.parseInt(field.substring("ports[".length(), field.indexOf(']')));
      String attribute = field.endsWith(".name") ? "name" : "port";
      diagnostics.errorAt(message(problem), type, "Listens", index, attribute, listens.get(index));
    } else {
      diagnostics.error(message(problem), type, app, null);
    }
  }

  /** A warning for IST0118: Istio cannot tell the port's protocol from its name and there is no appProtocol. */
  private void istioNaming(TypeElement type, AnnotationMirror port, int index, String name, int number,
      String protocol, String appProtocol) {
    if (IstioProtocols.protocolOf(number, name, protocol, appProtocol.isEmpty() ? null : appProtocol).isPresent()) {
      return;
    }
    String tcpName = IstioProtocols.tcpName(name);
    String message = appProtocol.isEmpty()
        ? "port name " + DeclarationRules.quote(name) + " does not follow Istio's <protocol>[-suffix] convention ("
            + IstioProtocols.PREFIXES + ") and has no appProtocol, so Istio treats it as plain TCP (IST0118): "
            + (tcpName == null ? "set appProtocol" : "rename it " + DeclarationRules.quote(tcpName)
                + " or set appProtocol")
            + " (the protocol it speaks, e.g. \"tcp\"; an http prefix only if it serves HTTP)"
        : "appProtocol " + DeclarationRules.quote(appProtocol) + " is not a protocol Istio knows ("
            + IstioProtocols.PREFIXES + ", kubernetes.io/h2c, kubernetes.io/ws, kubernetes.io/wss) (IST0118)";
    diagnostics.warningAt(message + " [app.port-protocol-unknown]", type, "Listens", index,
        appProtocol.isEmpty() ? "name" : "appProtocol", port);
  }

  private void checkHandleIsFree(TypeElement type, AnnotationMirror app, String packageName, String handleName) {
    TypeElement existing = elements.getTypeElement(packageName.isEmpty() ? handleName : packageName + "." + handleName);
    if (existing != null && mirror(existing, GENERATED) == null) {
      diagnostics.error("the handle for this app would be " + handleName + ", but " + existing.getQualifiedName()
          + " already exists; rename one of them", type, app, null);
    }
  }

  private static String message(DeclarationRules.Problem problem) {
    return problem.message() + " [" + problem.rule() + "]";
  }

  // ---- reading annotations as written -----------------------------------------------------

  static AnnotationMirror mirror(Element element, String annotation) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotation)) {
        return mirror;
      }
    }
    return null;
  }

  /** The {@code @Listens} of a type in source order, written once or repeated (then held by {@code @Listens.List}). */
  private static List<AnnotationMirror> listens(TypeElement type) {
    List<AnnotationMirror> all = new ArrayList<>();
    AnnotationMirror single = mirror(type, LISTENS);
    if (single != null) {
      all.add(single);
    }
    AnnotationMirror container = mirror(type, LISTENS_LIST);
    if (container != null) {
      all.addAll(mirrors(container, "value"));
    }
    return all;
  }

  private static AnnotationValue valueWithDefault(AnnotationMirror mirror, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
        : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(attribute)) {
        return entry.getValue();
      }
    }
    for (Element member : mirror.getAnnotationType().asElement().getEnclosedElements()) {
      if (member instanceof ExecutableElement method && method.getSimpleName().contentEquals(attribute)) {
        return method.getDefaultValue();
      }
    }
    throw new IllegalArgumentException("no attribute " + attribute + " in " + mirror);
  }

  static String string(AnnotationMirror mirror, String attribute) {
    return (String) valueWithDefault(mirror, attribute).getValue();
  }

  static int integer(AnnotationMirror mirror, String attribute) {
    return (Integer) valueWithDefault(mirror, attribute).getValue();
  }

  static String enumName(AnnotationMirror mirror, String attribute) {
    return ((VariableElement) valueWithDefault(mirror, attribute).getValue()).getSimpleName().toString();
  }

  static List<String> strings(AnnotationMirror mirror, String attribute) {
    List<String> values = new ArrayList<>();
    for (Object value : (List<?>) valueWithDefault(mirror, attribute).getValue()) {
      values.add((String) ((AnnotationValue) value).getValue());
    }
    return values;
  }

  static List<AnnotationMirror> mirrors(AnnotationMirror mirror, String attribute) {
    List<AnnotationMirror> values = new ArrayList<>();
    for (Object value : (List<?>) valueWithDefault(mirror, attribute).getValue()) {
      values.add((AnnotationMirror) ((AnnotationValue) value).getValue());
    }
    return values;
  }
}
