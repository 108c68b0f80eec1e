package dev.portico.synth.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.dsl.SourceLocation;
import dev.portico.synth.Parallel;
import dev.portico.synth.UsageException;
import dev.portico.synth.render.YamlRenderer;
import dev.portico.synth.validate.CheckedKind;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Locator;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.RuleCatalog;
import dev.portico.synth.validate.Severity;
import dev.portico.synth.validate.Validator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads manifests for {@code portico validate}: YAML files, folders (every {@code .yaml} and
 * {@code .yml} below them, and kustomization files, in name order) or standard input; checks each
 * document's shape; returns the objects Portico's rules cover (each in the clusters it lands in,
 * see {@link Kustomizations}), the workloads whose pods Services may select, and findings for what
 * it could not read or does not check. An object with schema findings is still read, leniently
 * (what is wrong dropped or coerced), so that its other problems are found and other objects can
 * refer to it. Kustomize patches are checked as patches ({@link PatchCheck}), kustomization files
 * are not objects.
 */
public final class ManifestReader {
  /** The annotation that silences named rules for one object: {@code portico.dev/ignore: RULE-ID[,RULE-ID]}. */
  public static final String IGNORE_ANNOTATION = "portico.dev/ignore";

  private static final Set<String> WORKLOADS =
      Set.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob");

  private ManifestReader() {}

  /**
   * What was read.
   *
   * @param resources objects to validate: one per object and cluster it lands in (a base that two
   *     overlays include is in both)
   * @param podSets pods of workloads in the input
   * @param findings problems found while reading (syntax, shape, Kustomize) and documents not checked
   * @param documents how many documents were read (empty ones not counted)
   * @param objects how many objects are checked (each once, however many clusters hold it)
   * @param sections what was read from each file, or from each Helm template of a stream, in reading order
   * @param ignores the {@value #IGNORE_ANNOTATION} annotations found, with the known rule ids they name
   */
  public record Input(List<Resource> resources, List<PodSet> podSets, List<Finding> findings, int documents,
      int objects, List<Section> sections, List<Ignore> ignores) {}

  /**
   * What was read from one file, or from the lines of one Helm template in a stream.
   *
   * @param file the file as findings name it
   * @param template the template a {@code # Source:} comment names, or "" for the whole file
   * @param firstLine the section's first line; it runs to the next section of the file
   * @param documents documents read (empty ones not counted)
   * @param objects objects checked
   * @param patches Kustomize patches checked as patches
   * @param notes what the summary says about it (a kustomization, a patch, the clusters it is in, what was not read)
   */
  public record Section(String file, String template, int firstLine, int documents, int objects, int patches,
      List<String> notes) {}

  /**
   * A {@value #IGNORE_ANNOTATION} annotation.
   *
   * @param file the file of the object
   * @param line the annotation's line
   * @param object the object, as findings name it
   * @param rules the rule ids it silences for that object (known ids only)
   */
  public record Ignore(String file, int line, String object, List<String> rules) {}

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
    List<Finding> findings = new ArrayList<>();
    List<Inputs.Source> sources = Inputs.sources(paths, findings);
    if (sources.isEmpty() && findings.isEmpty()) {
      throw new UsageException("no .yaml or .yml files in " + String.join(" ", paths));
    }
    Kustomizations layout = Kustomizations.read(sources, stdin, limits, findings);
    Reading reading = new Reading(layout, findings);
    List<Inputs.Source> all = new ArrayList<>(sources);
    all.addAll(layout.extraSources());
    // the files are read and parsed on several threads (standard input and kustomizations are
    // not: they are read once, in order), then taken in order
    List<Parsed> parsed = Parallel.map(all, source -> source.path() == null ? null
        : switch (layout.role(source.path().toAbsolutePath().normalize())) {
          case KUSTOMIZATION -> null;
          case OBJECTS -> Parsed.of(source, stdin, limits, true);
          case PATCH, JSON_PATCH -> Parsed.of(source, stdin, limits, false);
        });
    for (int i = 0; i < all.size(); i++) {
      Inputs.Source source = all.get(i);
      reading.source(source, source.path() == null ? Parsed.of(source, stdin, limits, true) : parsed.get(i));
    }
    reading.patches();
    return new Input(reading.resources(), reading.podSets, findings, reading.documents, reading.objects,
        reading.sections(), reading.ignores);
  }

  /**
   * One input read and parsed: its documents and the problems found in them, with its Helm
   * templates' parts; or the finding that it could not be read (then nothing else).
   */
  private record Parsed(List<YamlDocument> docs, List<Converted> converted, List<YamlDocuments.Problem> problems,
      List<HelmSources.Part> parts, Finding failure) {
    /** Reads and parses {@code source}; with {@code objects}, converts its documents too ({@link Converted}). */
    static Parsed of(Inputs.Source source, InputStream stdin, Inputs.Limits limits, boolean objects) {
      List<YamlDocuments.Problem> problems = new ArrayList<>();
      try {
        String text = YamlDocuments.decode(Inputs.read(source, stdin, limits));
        List<YamlDocument> docs = YamlDocuments.read(source.name(), text, problems);
        List<Converted> converted = new ArrayList<>(docs.size());
        for (YamlDocument doc : docs) {
          converted.add(objects ? Converted.of(doc.root()) : null);
        }
        return new Parsed(docs, converted, problems, HelmSources.parts(text), null);
      } catch (Inputs.Unreadable unreadable) {
        return new Parsed(List.of(), List.of(), List.of(), List.of(), unreadable.finding);
      } catch (YamlDocuments.Problem problem) {
        return new Parsed(List.of(), List.of(), List.of(), List.of(), problem.finding(source.name()));
      }
    }
  }

  /**
   * A document of a kind Portico checks whose shape is right, converted to its model class ahead
   * (with the files' parsing, on several threads): {@code read}, or the {@code error} converting
   * it raised. Documents with shape problems are repaired and converted in order instead.
   */
  private record Converted(HasMetadata read, RuntimeException error, JsonProcessingException jsonError) {
    /** The conversion of {@code root}, or null when it is not a checked kind with a clean shape. */
    static Converted of(JsonNode root) {
      if (!root.isObject() || !root.path("kind").isTextual() || !root.path("apiVersion").isTextual()) {
        return null;
      }
      CheckedKind<?> checked = Validator.kind(root.get("apiVersion").asText(), root.get("kind").asText());
      if (checked == null) {
        return null;
      }
      boolean[] clean = {true};
      SchemaCheck.shared().check(root, checked.type(), (rule, path, message) -> clean[0] = false);
      if (!clean[0]) {
        return null;
      }
      try {
        return new Converted(YamlRenderer.mapper().treeToValue(root, checked.type()), null, null);
      } catch (JsonProcessingException e) {
        return new Converted(null, null, e);
      } catch (IllegalArgumentException e) {
        return new Converted(null, e, null);
      }
    }
  }

  /** The state of one read. */
  private static final class Reading {
    private final Kustomizations layout;
    private final List<Finding> findings;
    private final SchemaCheck schema = SchemaCheck.shared();
    /** Resources by cluster, in reading order: a cluster's objects stay together, in kustomize's order. */
    private final Map<String, List<Resource>> byCluster = new LinkedHashMap<>();
    final List<PodSet> podSets = new ArrayList<>();
    final List<Ignore> ignores = new ArrayList<>();
    private final List<Counts> sections = new ArrayList<>();
    private final Map<Path, Set<String>> objectsByFile = new HashMap<>();
    private final List<Patch> patches = new ArrayList<>();
    /** Cluster names and the summary's note, by the list {@link Kustomizations#clusters} shares among files. */
    private final Map<List<Kustomizations.Kustomization>, Map.Entry<List<String>, String>> byRoots =
        new java.util.IdentityHashMap<>();
    int documents;
    int objects;

    Reading(Kustomizations layout, List<Finding> findings) {
      this.layout = layout;
      this.findings = findings;
    }

    /** A section's counts as they are made. */
    private static final class Counts {
      final String file;
      final String template;
      final int firstLine;
      int documents;
      int objects;
      int patches;
      final List<String> notes = new ArrayList<>();

      Counts(String file, String template, int firstLine) {
        this.file = file;
        this.template = template;
        this.firstLine = firstLine;
      }
    }

    private record Patch(YamlDocument doc, Path file, boolean jsonOnly) {}

    /** Takes one input, read and parsed; {@code parsed} is null for a kustomization ({@link Kustomizations} read it). */
    void source(Inputs.Source source, Parsed parsed) {
      String name = source.name();
      Path file = source.path() == null ? null : source.path().toAbsolutePath().normalize();
      Kustomizations.Role role = file == null ? Kustomizations.Role.OBJECTS : layout.role(file);
      Counts whole = new Counts(name, "", 1);
      sections.add(whole);
      if (role == Kustomizations.Role.KUSTOMIZATION) {
        Kustomizations.Kustomization kustomization = layout.kustomization(file);
        whole.documents = kustomization.documents;
        documents += kustomization.documents;
        whole.notes.add(describe(kustomization));
        return;
      }
      if (parsed.failure != null) {
        findings.add(parsed.failure);
        return;
      }
      for (YamlDocuments.Problem problem : parsed.problems) {
        findings.add(problem.finding(name));
      }
      List<YamlDocument> docs = parsed.docs;
      List<String> clusters = clusters(source, file, role, whole);
      List<HelmSources.Part> parts = parsed.parts;
      int part = -1;
      Counts counts = whole;
      for (int index = 0; index < docs.size(); index++) {
        YamlDocument doc = docs.get(index);
        while (part + 1 < parts.size() && parts.get(part + 1).line() <= doc.line()) {
          part++;
          counts = new Counts(name, parts.get(part).template(), parts.get(part).line());
          sections.add(counts);
        }
        documents++;
        counts.documents++;
        if (role == Kustomizations.Role.PATCH || role == Kustomizations.Role.JSON_PATCH) {
          counts.patches++;
          patches.add(new Patch(doc, file, role == Kustomizations.Role.JSON_PATCH));
          continue;
        }
        int before = objects;
        readDocument(doc, parsed.converted.get(index), file, clusters);
        counts.objects += objects - before;
      }
    }

    /** The clusters a file's objects land in, noted in its summary. */
    private List<String> clusters(Inputs.Source source, Path file, Kustomizations.Role role, Counts whole) {
      if (role == Kustomizations.Role.PATCH || role == Kustomizations.Role.JSON_PATCH) {
        String owner = layout.patchOwners(file).isEmpty() ? "DIR" : layout.patchOwners(file).get(0).folder();
        whole.notes.add((role == Kustomizations.Role.JSON_PATCH ? "JSON 6902 patch: its operations checked"
            : "Kustomize patch: field names and types checked as a patch") + "; the other rules need the patched "
            + "object (kustomize build " + owner + " | portico validate -)");
        return List.of();
      }
      if (file == null) {
        return List.of(source.name()); // standard input: one cluster (helm template's or kustomize build's output)
      }
      List<Kustomizations.Kustomization> roots = layout.clusters(file);
      if (roots.isEmpty()) {
        Kustomizations.Kustomization enclosing = layout.enclosing(file);
        if (enclosing != null) {
          whole.notes.add("not listed by " + enclosing.name + " (kustomize build leaves it out): a cluster of its own");
        }
        return List.of(source.name());
      }
      Map.Entry<List<String>, String> derived = byRoots.computeIfAbsent(roots, r -> Map.entry(
          r.stream().map(k -> k.name).toList(),
          "in the build of " + String.join(", ", r.stream().map(Kustomizations.Kustomization::folder).toList())));
      whole.notes.add(derived.getValue());
      return derived.getKey();
    }

    private String describe(Kustomizations.Kustomization kustomization) {
      StringBuilder note = new StringBuilder("kustomization: ").append(kustomization.files.size())
          .append(kustomization.files.size() == 1 ? " file, " : " files, ").append(kustomization.includes.size())
          .append(kustomization.includes.size() == 1 ? " base or component, " : " bases and components, ")
          .append(kustomization.patches.size()).append(kustomization.patches.size() == 1 ? " patch" : " patches");
      if (!kustomization.unread.isEmpty()) {
        note.append("; not read: ").append(String.join(", ", kustomization.unread));
      }
      return note.toString();
    }

    /** Every cluster's resources, cluster by cluster. */
    List<Resource> resources() {
      List<Resource> all = new ArrayList<>();
      byCluster.values().forEach(all::addAll);
      return all;
    }

    /** The sections, without the empty head of a file that Helm templates divide (nothing before the first). */
    List<Section> sections() {
      Map<String, Integer> perFile = new HashMap<>();
      sections.forEach(c -> perFile.merge(c.file, 1, Integer::sum));
      return sections.stream().filter(c -> !c.template.isEmpty() || c.documents > 0 || !c.notes.isEmpty()
              || perFile.get(c.file) == 1)
          .map(c -> new Section(c.file, c.template, c.firstLine, c.documents, c.objects, c.patches, List.copyOf(c.notes)))
          .toList();
    }

    /** The patches, once every object is read (a patch names an object of its build). */
    void patches() {
      for (Patch patch : patches) {
        PatchCheck.check(patch.doc(), patch.file(), patch.jsonOnly(), layout, schema, objectsByFile, findings);
      }
    }

    /** Reads one document; {@code converted} is its conversion made ahead, or null. */
    private void readDocument(YamlDocument doc, Converted converted, Path file, List<String> clusters) {
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
          readDocument(doc.listItem(i), null, file, clusters);
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
      if (file != null && layout.hasPatches()) { // what patches may name, by file
        Set<String> keys = objectsByFile.computeIfAbsent(file, f -> new HashSet<>());
        keys.add(namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name);
        keys.add("*" + kind + "/" + name);
      }
      ignoreAnnotation(doc, root, object);
      CheckedKind<?> checked = Validator.kind(apiVersion, kind);
      if (checked != null) {
        Class<? extends HasMetadata> type = checked.type();
        List<Finding> shape = new ArrayList<>();
        Set<String> repaired = Set.of();
        if (converted == null) {
          // one walk: a tree without problems is untouched; one with problems is repaired so the rest is checked
          repaired = schema.checkAndRepair(root, type, (rule, path, message) ->
              shape.add(new Finding(rule, Severity.ERROR, doc.locate(path), object, path, message)));
        }
        findings.addAll(shape);
        Locator locator = shape.isEmpty() ? doc : new RepairedDocument(doc, Set.copyOf(repaired));
        HasMetadata read;
        try {
          if (converted == null) {
            read = YamlRenderer.mapper().treeToValue(root, type);
          } else if (converted.read != null) {
            read = converted.read;
          } else if (converted.error != null) {
            throw converted.error;
          } else {
            throw converted.jsonError;
          }
        } catch (JsonProcessingException | IllegalArgumentException e) {
          if (shape.isEmpty()) {
            findings.add(new Finding("schema.type", Severity.ERROR, doc.locate(""), object, "",
                "cannot read this " + kind + ": " + (e instanceof JsonProcessingException json
                    ? json.getOriginalMessage() : e.getMessage())));
          }
          return;
        }
        objects++;
        for (String cluster : clusters) {
          byCluster.computeIfAbsent(cluster, c -> new ArrayList<>()).add(new Resource(read, locator, cluster));
        }
        return;
      }
      if (WORKLOADS.contains(kind)) {
        PodSet pods = WorkloadPods.read(doc, kind, object, namespace, clusters.get(0), findings);
        if (pods != null) {
          for (String cluster : clusters) {
            podSets.add(cluster.equals(pods.group()) ? pods : new PodSet(pods.description(), pods.namespace(),
                pods.labels(), pods.ports(), pods.location(), cluster));
          }
        }
      }
      findings.add(new Finding("validate.not-checked", Severity.WARNING, doc.locate(""), object, "",
          apiVersion + " " + kind + " is not checked by this version of Portico"
              + (WORKLOADS.contains(kind) ? " (its pod labels and ports are used to check Services)" : "")));
    }

    /** {@value #IGNORE_ANNOTATION}: the rule ids it names; an id that names no rule is a warning. */
    private void ignoreAnnotation(YamlDocument doc, JsonNode root, String object) {
      JsonNode value = root.path("metadata").path("annotations").path(IGNORE_ANNOTATION);
      if (!value.isTextual()) {
        return;
      }
      String path = "metadata.annotations." + IGNORE_ANNOTATION;
      List<String> rules = new ArrayList<>();
      boolean empty = false;
      for (String item : value.asText().split(",", -1)) {
        String id = item.strip();
        if (id.isEmpty() && !empty) {
          empty = true;
          findings.add(new Finding("validate.unknown-rule", Severity.WARNING, doc.locate(path), object, path,
              "an empty rule id in " + dev.portico.synth.validate.Messages.quote(value.asText())
                  + "; write RULE-ID[,RULE-ID], e.g. http.host-without-tls,validate.not-checked"));
        } else if (id.isEmpty()) {
          continue;
        } else if (!RuleCatalog.isKnown(id)) {
          findings.add(new Finding("validate.unknown-rule", Severity.WARNING, doc.locate(path), object, path,
              RuleCatalog.unknown(id) + "; this annotation silences nothing for it"));
        } else if (!rules.contains(id)) {
          rules.add(id);
        }
      }
      ignores.add(new Ignore(doc.file(), doc.locate(path).line(), object, List.copyOf(rules)));
    }
  }
}
