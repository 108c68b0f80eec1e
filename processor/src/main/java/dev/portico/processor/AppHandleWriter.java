package dev.portico.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes an {@link AppModel} as a final class of constants and static methods, deterministically:
 * the same annotations give the same source, byte for byte.
 */
final class AppHandleWriter {
  private static final ClassName APP = ClassName.get("dev.portico.dsl", "App");
  private static final ClassName PORT = ClassName.get("dev.portico.dsl", "Port");
  private static final ClassName PROTOCOL = ClassName.get("dev.portico.dsl", "Protocol");
  private static final ClassName STACK = ClassName.get("dev.portico.dsl", "Stack");
  private static final ClassName SOURCE_LOCATION = ClassName.get("dev.portico.dsl", "SourceLocation");
  private static final ClassName PORTICO_GENERATED = ClassName.get("dev.portico.dsl.annotation", "PorticoGenerated");
  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final ClassName MAP = ClassName.get("java.util", "Map");
  private static final ClassName STRING = ClassName.get("java.lang", "String");

  private AppHandleWriter() {}

  static JavaFile write(AppModel app) {
    ClassName source = ClassName.get(app.source());
    TypeSpec.Builder type = TypeSpec.classBuilder(app.handleName())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addOriginatingElement(app.source())
        .addAnnotation(AnnotationSpec.builder(GENERATED)
            .addMember("value", "$S", PorticoProcessor.class.getName()).build())
        .addAnnotation(AnnotationSpec.builder(PORTICO_GENERATED).addMember("value", "$T.class", source).build())
        .addJavadoc("Typed handles for app {@code $L}, generated from {@link $T}: its ports as constants, and\n"
            + "{@link #declare(Stack)} to declare it in a stack.\n", app.name(), source);
    for (AppModel.PortModel port : app.ports()) {
      type.addField(port(port));
    }
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    type.addMethod(MethodSpec.methodBuilder("name")
        .addJavadoc("The app's name, {@code $L}.\n", app.name())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(STRING)
        .addStatement("return $S", app.name())
        .build());
    type.addMethod(MethodSpec.methodBuilder("selector")
        .addJavadoc("The labels that select the app's pods.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(ParameterizedTypeName.get(MAP, STRING, STRING))
        .addStatement("return $L", selectorMap(app))
        .build());
    type.addMethod(MethodSpec.methodBuilder("ports")
        .addJavadoc("Every port, in declaration order.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(ParameterizedTypeName.get(LIST, PORT))
        .addStatement("return $T.of($L)", LIST, portList(app))
        .build());
    if (!app.versions().isEmpty()) {
      type.addMethod(MethodSpec.methodBuilder("versions")
          .addJavadoc("The versions the app runs in, in declaration order.\n")
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .returns(ParameterizedTypeName.get(LIST, STRING))
          .addStatement("return $T.of($L)", LIST, versionList(app))
          .build());
    }
    type.addMethod(MethodSpec.methodBuilder("declare")
        .addJavadoc(app.versions().isEmpty() ? "Declares the app in {@code stack} with its selector and every port.\n"
            : "Declares the app in {@code stack} with its selector, every port and its versions.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(APP)
        .addParameter(STACK, "stack")
        .addStatement("return stack.app(name(), app -> app$L.ports($L)$L)", selectorCalls(app), portList(app),
            app.versions().isEmpty() ? "" : ".versions(" + versionList(app) + ")")
        .build());
    return JavaFile.builder(app.packageName(), type.build()).skipJavaLangImports(true).build();
  }

  private static FieldSpec port(AppModel.PortModel port) {
    CodeBlock.Builder value = CodeBlock.builder()
        .add("$T.of($S, $L, $T.$L)", PORT, port.name(), port.number(), PROTOCOL, port.protocol());
    if (!port.appProtocol().isEmpty()) {
      value.add(".withAppProtocol($S)", port.appProtocol());
    }
    value.add("\n    .declaredAt(new $T($S, $L))", SOURCE_LOCATION, port.file(), port.line());
    return FieldSpec.builder(PORT, port.constant(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Port {@code $L}: $L/$L$L.\n", port.name(), port.number(), port.protocol(),
            port.appProtocol().isEmpty() ? "" : ", appProtocol {@code " + port.appProtocol() + "}")
        .initializer(value.build())
        .build();
  }

  private static CodeBlock selectorMap(AppModel app) {
    Map<String, String> selector = app.selector().isEmpty() ? Map.of("app.kubernetes.io/name", app.name())
        : app.selector();
    CodeBlock.Builder entries = CodeBlock.builder();
    boolean first = true;
    for (Map.Entry<String, String> label : new java.util.TreeMap<>(selector).entrySet()) {
      entries.add(first ? "" : ", ").add("$T.entry($S, $S)", MAP, label.getKey(), label.getValue());
      first = false;
    }
    return CodeBlock.of("$T.ofEntries($L)", MAP, entries.build());
  }

  private static CodeBlock selectorCalls(AppModel app) {
    CodeBlock.Builder calls = CodeBlock.builder();
    for (Map.Entry<String, String> label : new java.util.TreeMap<>(app.selector()).entrySet()) {
      calls.add(".selector($S, $S)", label.getKey(), label.getValue());
    }
    return calls.build();
  }

  private static String versionList(AppModel app) {
    return String.join(", ", app.versions().stream().map(v -> CodeBlock.of("$S", v).toString()).toList());
  }

  private static String portList(AppModel app) {
    List<String> constants = app.ports().stream().map(AppModel.PortModel::constant).toList();
    return String.join(", ", constants);
  }
}
