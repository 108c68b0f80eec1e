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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
   * Reads {@code paths}; {@code "-"} is standard input. An input that cannot be read (permission
   * denied, larger than 64 MiB, a stream silent for 30 s) or decoded (not UTF-8) is a finding;
   * the others are still read.
   *
   * @throws UsageException when a path does not exist or no YAML file is found
   * @throws IOException never: what cannot be read is a finding (declared for the callers that catch it)
   */
  public static Input read(List<String> paths, InputStream stdin) throws IOException {
    return read(paths, stdin, Inputs.Limits.DEFAULT);
  }

  static Input read(List<String> paths, InputStream stdin, Inputs.Limits limits) {
    List<Resource> resources = new ArrayList<>();
    List<PodSet> podSets = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    List<Inputs.Source> sources = Inputs.sources(paths, findings);
    if (sources.isEmpty() && findings.isEmpty()) {
      throw new UsageException("no .yaml or .yml files in " + String.join(" ", paths));
    }
    SchemaCheck schema = SchemaCheck.shared();
    int documents = 0;
    for (Inputs.Source source : sources) {
      String file = source.name();
      List<YamlDocuments.Problem> problems = new ArrayList<>();
      List<YamlDocument> docs;
      try {
        byte[] bytes = Inputs.read(source, stdin, limits);
        docs = YamlDocuments.read(file, YamlDocuments.decode(bytes), problems);
      } catch (Inputs.Unreadable unreadable) {
        findings.add(unreadable.finding);
        continue;
      } catch (YamlDocuments.Problem problem) {
        findings.add(new Finding(problem.rule, Severity.ERROR, new SourceLocation(file, problem.line), file, "",
            problem.getMessage()));
        continue;
      }
      for (YamlDocuments.Problem problem : problems) {
        findings.add(new Finding(problem.rule, Severity.ERROR, new SourceLocation(file, problem.line), file,
            problem.path, problem.getMessage()));
      }
      for (YamlDocument doc : docs) {
        documents++;
        readDocument(doc, source.group(), schema, resources, podSets, findings);
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
    for (String field : List.of("apiVersion", "kind")) {
      if (root.hasNonNull(field) && !root.get(field).isTextual()) {
        findings.add(new Finding("schema.type", Severity.ERROR, doc.locate(field), object, field,
            SchemaCheck.describe(root.get(field)) + " must be a string"));
        return;
      }
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
      PodSet pods = WorkloadPods.read(doc, kind, object, namespace, group, findings);
      if (pods != null) {
        podSets.add(pods);
      }
    }
    findings.add(new Finding("validate.not-checked", Severity.WARNING, doc.locate(""), object, "",
        apiVersion + " " + kind + " is not checked by this version of Portico"
            + (WORKLOADS.contains(kind) ? " (its pod labels and ports are used to check Services)" : "")));
  }
}
