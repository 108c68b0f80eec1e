package dev.portico.synth.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.synth.validate.CheckedKind;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.Severity;
import dev.portico.synth.validate.Validator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What can be checked of a Kustomize patch without applying it. A strategic-merge patch is a
 * partial object: its field names and value types are checked as an object's are (patch directives
 * such as {@code $patch: delete} allowed), and that it names an object of the build it patches
 * ({@code kustomize.patch-target}); the rules that need the whole object are not run on it (they run
 * on {@code kustomize build}'s output). A JSON 6902 patch is a list of operations, each checked as
 * RFC 6902 defines it ({@code kustomize.json-patch}).
 */
final class PatchCheck {
  private static final Set<String> OPERATIONS = Set.of("add", "remove", "replace", "move", "copy", "test");

  private PatchCheck() {}

  /**
   * Checks one document of a patch file.
   *
   * @param jsonOnly the file is listed in {@code patchesJson6902}: a list of operations
   * @param objectsByFile of every object of each file read: {@code Kind/namespace/name} (or {@code Kind/name}
   *     without a namespace) and {@code *Kind/name}
   */
  static void check(YamlDocument doc, Path file, boolean jsonOnly, Kustomizations layout, SchemaCheck schema,
      Map<Path, Set<String>> objectsByFile, List<Finding> findings) {
    JsonNode root = doc.root();
    if (root.isArray() || jsonOnly) {
      jsonPatch(doc, findings);
      return;
    }
    if (!root.isObject()) {
      findings.add(new Finding("kustomize.json-patch", Severity.ERROR, doc.locate(""), doc.file(), "",
          "a patch is a partial object (a map) or a JSON 6902 patch (a list of operations); this is "
              + SchemaCheck.describe(root)));
      return;
    }
    String kind = root.path("kind").asText("");
    String apiVersion = root.path("apiVersion").asText("");
    String name = root.path("metadata").path("name").asText("");
    String namespace = root.path("metadata").path("namespace").asText("");
    String object = (kind.isEmpty() ? "?" : kind) + "/" + (namespace.isEmpty() ? "" : namespace + "/")
        + (name.isEmpty() ? "?" : name);
    CheckedKind<?> checked = Validator.kind(apiVersion, kind);
    if (checked != null) {
      schema.checkPatch(root, checked.type(), (rule, path, message) ->
          findings.add(new Finding(rule, Severity.ERROR, doc.locate(path), object, path, message)));
    }
    for (Kustomizations.Kustomization owner : layout.patchOwners(file)) {
      if (owner.targeted.contains(file) || layout.isOpaque(owner)) {
        continue; // a target: names the objects; or the build holds objects Portico does not read
      }
      if (kind.isEmpty() || name.isEmpty()) {
        findings.add(new Finding("kustomize.patch-target", Severity.WARNING, doc.locate(kind.isEmpty() ? "" : "metadata"),
            object, kind.isEmpty() ? "kind" : "metadata.name", "a strategic-merge patch without a target: in "
                + owner.name + " names the object it patches by its kind and metadata.name; this one has no "
                + (kind.isEmpty() ? "kind" : "metadata.name") + ", so kustomize build finds nothing to patch"));
        continue;
      }
      // as written: a patch without a namespace matches any; one with a namespace, that one or an object without one
      // (which a namespace transformer may put there)
      boolean found = false;
      for (Path member : layout.build(owner)) {
        Set<String> objects = objectsByFile.getOrDefault(member, Set.of());
        if (namespace.isEmpty() ? objects.contains("*" + kind + "/" + name)
            : objects.contains(kind + "/" + namespace + "/" + name) || objects.contains(kind + "/" + name)) {
          found = true;
          break;
        }
      }
      if (!found) {
        findings.add(new Finding("kustomize.patch-target", Severity.WARNING, doc.locate("metadata.name"), object,
            "metadata.name", Messages.quote(name) + ": no " + kind + " of that name" + (namespace.isEmpty() ? ""
                : " in namespace " + Messages.quote(namespace)) + " is in the build of " + owner.name
                + " as written, so kustomize build fails (\"failed to find unique target for patch\"); check the kind, "
                + "name and namespace against the resources it patches"));
      }
    }
  }

  /** RFC 6902: a list of operations, each with an op, a JSON pointer path, and a value or a from where the op needs one. */
  private static void jsonPatch(YamlDocument doc, List<Finding> findings) {
    String object = doc.file();
    JsonNode root = doc.root();
    if (!root.isArray()) {
      findings.add(error(doc, "", object, "a JSON 6902 patch is a list of operations ({op, path, value}); this is "
          + SchemaCheck.describe(root)));
      return;
    }
    for (int i = 0; i < root.size(); i++) {
      JsonNode operation = root.get(i);
      String at = "[" + i + "]";
      if (!operation.isObject()) {
        findings.add(error(doc, at, object, "an operation is a map with op and path; this is "
            + SchemaCheck.describe(operation)));
        continue;
      }
      JsonNode op = operation.get("op");
      if (op == null || !op.isTextual() || !OPERATIONS.contains(op.asText())) {
        findings.add(error(doc, at + ".op", object, (op == null ? "op is required"
            : Messages.quote(op.asText()) + " is not an operation") + "; use add, remove, replace, move, copy or "
            + "test (RFC 6902, case-sensitive)"));
        continue;
      }
      pointer(doc, operation, at, "path", object, findings);
      switch (op.asText()) {
        case "add", "replace", "test" -> {
          if (!operation.has("value")) {
            findings.add(error(doc, at, object, "a " + op.asText() + " operation needs a value (RFC 6902)"));
          }
        }
        case "move", "copy" -> pointer(doc, operation, at, "from", object, findings);
        default -> { }
      }
    }
  }

  /** A JSON pointer (RFC 6901): "" or "/" and segments, '~' only in "~0" and "~1". */
  private static void pointer(YamlDocument doc, JsonNode operation, String at, String field, String object,
      List<Finding> findings) {
    JsonNode value = operation.get(field);
    String path = at + "." + field;
    if (value == null || !value.isTextual()) {
      findings.add(error(doc, value == null ? at : path, object, "a " + operation.get("op").asText() + " operation needs "
          + field + ", a JSON pointer such as /spec/ports/0/port (RFC 6902)"));
      return;
    }
    String pointer = value.asText();
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      findings.add(error(doc, path, object, Messages.quote(pointer) + " is not a JSON pointer: it starts with '/', "
          + "e.g. " + Messages.quote("/" + pointer.replace('.', '/')) + " (RFC 6901)"));
      return;
    }
    for (int i = pointer.indexOf('~'); i >= 0; i = pointer.indexOf('~', i + 1)) {
      if (i + 1 >= pointer.length() || (pointer.charAt(i + 1) != '0' && pointer.charAt(i + 1) != '1')) {
        findings.add(error(doc, path, object, Messages.quote(pointer) + ": '~' is written ~0 and '/' in a key ~1 "
            + "(RFC 6901), e.g. /metadata/annotations/example.com~1owner"));
        return;
      }
    }
  }

  private static Finding error(YamlDocument doc, String path, String object, String message) {
    return new Finding("kustomize.json-patch", Severity.ERROR, doc.locate(path), object, path, message);
  }
}
