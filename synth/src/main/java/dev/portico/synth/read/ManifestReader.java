package dev.portico.synth.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.dsl.SourceLocation;
import dev.portico.synth.UsageException;
import dev.portico.synth.render.YamlRenderer;
import dev.portico.synth.validate.CheckedKind;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Severity;
import dev.portico.synth.validate.Validator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads manifests for {@code portico validate}: YAML files, folders (every {@code .yaml} and
 * {@code .yml} below them, in name order) or standard input; checks each document's shape;
 * returns the objects Portico's rules cover, the workloads whose pods Services may select, and
 * findings for what it could not read or does not check.
 */
public final class ManifestReader {
  private static final Set<String> WORKLOADS =
      Set.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob");

  private ManifestReader() {}

  /**
   * What was read.
   *
   * @param resources objects to validate
   * @param podSets pods of workloads in the input
   * @param findings problems found while reading (syntax, shape) and documents not checked
   * @param documents how many documents were read
   */
  public record Input(List<Resource> resources, List<PodSet> podSets, List<Finding> findings, int documents) {}

  /**
   * Reads {@code paths}; {@code "-"} is standard input.
   *
   * @throws UsageException when a path does not exist or no YAML file is found
   */
  public static Input read(List<String> paths, InputStream stdin) throws IOException {
    Map<String, String> texts = new LinkedHashMap<>();
    Map<String, String> groups = new LinkedHashMap<>();
    for (String arg : paths) {
      if (arg.equals("-")) {
        if (texts.containsKey("<stdin>")) {
          continue; // standard input can be read once
        }
        texts.put("<stdin>", new String(stdin.readAllBytes(), StandardCharsets.UTF_8));
        groups.put("<stdin>", "<stdin>");
        continue;
      }
      Path path = Path.of(arg);
      if (!Files.exists(path)) {
        throw new UsageException("no such file or folder: " + arg);
      }
      for (Path file : yamlFiles(path)) {
        String name = file.toString();
        texts.put(name, Files.readString(file, StandardCharsets.UTF_8));
        groups.put(name, group(file, Files.isDirectory(path) ? path : file.getParent()));
      }
    }
    if (texts.isEmpty()) {
      throw new UsageException("no .yaml or .yml files in " + String.join(" ", paths));
    }
    List<Resource> resources = new ArrayList<>();
    List<PodSet> podSets = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    SchemaCheck schema = new SchemaCheck(YamlRenderer.mapper());
    int documents = 0;
    for (var entry : texts.entrySet()) {
      String file = entry.getKey();
      List<YamlDocuments.Problem> duplicates = new ArrayList<>();
      List<YamlDocument> docs;
      try {
        docs = YamlDocuments.read(file, entry.getValue(), duplicates);
      } catch (YamlDocuments.Problem problem) {
        findings.add(new Finding("yaml.syntax", Severity.ERROR, new SourceLocation(file, problem.line), file, "",
            problem.getMessage()));
        continue;
      }
      for (YamlDocuments.Problem duplicate : duplicates) {
        findings.add(new Finding("yaml.duplicate-key", Severity.ERROR, new SourceLocation(file, duplicate.line), file,
            duplicate.path, duplicate.getMessage()));
      }
      for (YamlDocument doc : docs) {
        documents++;
        readDocument(doc, groups.get(file), schema, resources, podSets, findings);
      }
    }
    return new Input(resources, podSets, findings, documents);
  }

  private static void readDocument(YamlDocument doc, String group, SchemaCheck schema, List<Resource> resources,
      List<PodSet> podSets, List<Finding> findings) {
    JsonNode root = doc.root();
    String kind = root.path("kind").asText("");
    String apiVersion = root.path("apiVersion").asText("");
    String name = root.path("metadata").path("name").asText("?");
    String namespace = root.path("metadata").path("namespace").asText("");
    String object = (kind.isEmpty() ? "?" : kind) + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
    if (!root.isObject()) {
      findings.add(new Finding("schema.kind", Severity.ERROR, doc.locate(""), object, "",
          "a Kubernetes object must be a map with apiVersion, kind and metadata"));
      return;
    }
    if (kind.equals("Kustomization") && apiVersion.startsWith("kustomize.config.k8s.io/")) {
      return;
    }
    if (kind.equals("List") && apiVersion.equals("v1") && root.path("items").isArray()) {
      // what kubectl get -o yaml prints: check each item where it stands
      for (int i = 0; i < root.get("items").size(); i++) {
        readDocument(doc.listItem(i), group, schema, resources, podSets, findings);
      }
      return;
    }
    if (kind.isEmpty() || apiVersion.isEmpty()) {
      findings.add(new Finding("schema.kind", Severity.ERROR, doc.locate(kind.isEmpty() ? "kind" : "apiVersion"),
          object, kind.isEmpty() ? "kind" : "apiVersion", (kind.isEmpty() ? "kind" : "apiVersion")
              + " is required: every Kubernetes object names its apiVersion and kind"));
      return;
    }
    CheckedKind<?> checked = Validator.kind(apiVersion, kind);
    if (checked != null) {
      Class<? extends HasMetadata> type = checked.type();
      List<Finding> shape = new ArrayList<>();
      schema.check(root, type, (rule, path, message) ->
          shape.add(new Finding(rule, Severity.ERROR, doc.locate(path), object, path, message)));
      findings.addAll(shape);
      if (!shape.isEmpty()) {
        return;
      }
      try {
        resources.add(new Resource(YamlRenderer.mapper().treeToValue(root, type), doc, group));
      } catch (JsonProcessingException e) {
        findings.add(new Finding("schema.type", Severity.ERROR, doc.locate(""), object, "",
            "cannot read this " + kind + ": " + e.getOriginalMessage()));
      }
      return;
    }
    if (WORKLOADS.contains(kind)) {
      podSets.add(podSet(doc, kind, object, namespace, group));
    }
    findings.add(new Finding("validate.not-checked", Severity.WARNING, doc.locate(""), object, "",
        apiVersion + " " + kind + " is not checked by this version of Portico"
            + (WORKLOADS.contains(kind) ? " (its pod labels and ports are used to check Services)" : "")));
  }

  /** The pods a workload runs: its template's labels and its containers' ports. */
  private static PodSet podSet(YamlDocument doc, String kind, String object, String namespace, String group) {
    JsonNode pod;
    String podPath;
    switch (kind) {
      case "Pod" -> {
        pod = doc.root();
        podPath = "";
      }
      case "CronJob" -> {
        pod = doc.root().path("spec").path("jobTemplate").path("spec").path("template");
        podPath = "spec.jobTemplate.spec.template.";
      }
      default -> {
        pod = doc.root().path("spec").path("template");
        podPath = "spec.template.";
      }
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = pod.path("metadata").path("labels").fields(); it.hasNext(); ) {
      var label = it.next();
      labels.put(label.getKey(), label.getValue().asText());
    }
    List<PodSet.ContainerPort> ports = new ArrayList<>();
    for (String containers : List.of("containers", "initContainers")) {
      JsonNode list = pod.path("spec").path(containers);
      for (int c = 0; c < list.size(); c++) {
        JsonNode declared = list.get(c).path("ports");
        for (int p = 0; p < declared.size(); p++) {
          JsonNode port = declared.get(p);
          String path = podPath + "spec." + containers + "[" + c + "].ports[" + p + "]";
          ports.add(new PodSet.ContainerPort(port.hasNonNull("name") ? port.get("name").asText() : null,
              port.path("containerPort").asInt(), port.path("protocol").asText("TCP"), doc.locate(path)));
        }
      }
    }
    return new PodSet(object, namespace, labels, ports, doc.locate(podPath.isEmpty() ? "" : podPath + "metadata"),
        group);
  }

  private static List<Path> yamlFiles(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> !isHidden(path.relativize(file)))
          .filter(file -> {
            String name = file.getFileName().toString();
            return name.endsWith(".yaml") || name.endsWith(".yml");
          })
          .sorted()
          .toList();
    }
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The objects that land in one cluster together: those under the nearest folder with a
   * {@code kustomization.yaml} (up to the folder given), else those of one file.
   */
  private static String group(Path file, Path root) {
    Path stop = root == null ? null : root.toAbsolutePath().normalize();
    for (Path dir = file.toAbsolutePath().normalize().getParent(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("kustomization.yaml")) || Files.isRegularFile(dir.resolve("kustomization.yml"))) {
        return dir.toString();
      }
      if (dir.equals(stop)) {
        break;
      }
    }
    return file.toString();
  }
}
