package dev.portico.synth.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.dsl.SourceLocation;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Messages;
import dev.portico.synth.validate.Severity;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kustomize layout of {@code portico validate}'s inputs, read from their kustomization files
 * ({@code kustomization.yaml}, {@code kustomization.yml} or {@code Kustomization}) without running
 * kustomize: which files are kustomizations, which are patches, and which objects land in one
 * cluster. A kustomization that no other one of the input includes (an overlay, or a base on its
 * own) is one cluster: the files its {@code resources} list, and those of the kustomizations it
 * includes as {@code resources} (bases) or {@code components}, recursively; a base two overlays
 * include is in both. Files and bases a kustomization names are read even outside the paths given,
 * as {@code kustomize build} reads them. Objects are taken as written: no patch, prefix, namespace or
 * label transformer is applied; what kustomize would fetch or generate (remote bases, Helm charts,
 * generators) is not read, and the summary says so.
 */
final class Kustomizations {
  /** The names kustomize looks for in a folder, in its order. */
  static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  /** What a file is to kustomize. */
  enum Role {
    /** Objects, listed by a kustomization or not. */
    OBJECTS,
    /** A kustomization (or a component's). */
    KUSTOMIZATION,
    /** A patch of {@code patches} or {@code patchesStrategicMerge}: strategic-merge, or JSON 6902 when it is a list. */
    PATCH,
    /** A patch of {@code patchesJson6902}. */
    JSON_PATCH
  }

  /** One kustomization file, read. */
  static final class Kustomization {
    final Path file;
    final String name;
    final List<Path> files = new ArrayList<>();
    final List<Kustomization> includes = new ArrayList<>();
    final List<Path> patches = new ArrayList<>();
    /** Patches that name their targets with {@code target}: kustomize does not match them by their own name. */
    final Set<Path> targeted = new HashSet<>();
    /** Remote resources, Helm charts and generators: what the build holds that Portico does not read. */
    final List<String> unread = new ArrayList<>();
    /** It renames what it includes ({@code namePrefix}, {@code nameSuffix}). */
    boolean renames;
    int documents;

    Kustomization(Path file, String name) {
      this.file = file;
      this.name = name;
    }

    private String folder;

    /** The folder named as findings name files: {@code overlays/prod}. */
    String folder() {
      if (folder == null) {
        Path parent = Path.of(name).getParent();
        folder = parent == null ? "." : parent.toString();
      }
      return folder;
    }
  }

  private final Map<Path, Kustomization> byFile = new LinkedHashMap<>();
  private final Map<Path, Role> roles = new HashMap<>();
  private final Map<Path, List<Kustomization>> clusters = new HashMap<>();
  private final Map<Path, List<Kustomization>> patchOwners = new HashMap<>();
  private final List<Inputs.Source> extra = new ArrayList<>();
  private final Map<Path, String> names = new HashMap<>();
  /** Regular files among the inputs: a kustomization listing them needs no look at the file system. */
  private final Set<Path> givenFiles = new HashSet<>();

  private Kustomizations() {}

  /** True when {@code file} is named as kustomize names a kustomization. */
  static boolean isKustomization(Path file) {
    Path name = file.getFileName();
    return name != null && FILE_NAMES.contains(name.toString());
  }

  /**
   * Reads the kustomizations among {@code sources} and every one they include, and works out the
   * layout. Problems (a listed file or folder that does not exist, a kustomization that cannot be
   * read) go to {@code findings}.
   */
  static Kustomizations read(List<Inputs.Source> sources, InputStream stdin, Inputs.Limits limits,
      List<Finding> findings) {
    Kustomizations layout = new Kustomizations();
    Map<Path, Inputs.Source> given = new HashMap<>();
    Deque<Kustomization> pending = new ArrayDeque<>();
    for (Inputs.Source source : sources) {
      if (source.path() == null) {
        continue;
      }
      Path file = source.path().toAbsolutePath().normalize();
      given.put(file, source);
      layout.names.put(file, source.name());
      if (!source.stream()) {
        layout.givenFiles.add(file);
      }
      if (isKustomization(file)) {
        pending.add(layout.kustomization(file, source.name()));
      }
    }
    if (pending.isEmpty()) {
      return layout; // the common case of plain folders: nothing more to look at
    }
    while (!pending.isEmpty()) {
      layout.parse(pending.poll(), stdin, limits, findings, pending);
    }
    layout.resolveClusters();
    for (Path file : layout.roles.keySet().stream().sorted().toList()) {
      if (!given.containsKey(file)) {
        layout.extra.add(new Inputs.Source(layout.names.get(file), "", file, false));
      }
    }
    return layout;
  }

  private Kustomization kustomization(Path file, String name) {
    return byFile.computeIfAbsent(file, f -> {
      roles.put(f, Role.KUSTOMIZATION);
      names.put(f, name);
      return new Kustomization(f, name);
    });
  }

  /** Reads one kustomization file and what it lists; queues the kustomizations it includes. */
  private void parse(Kustomization kustomization, InputStream stdin, Inputs.Limits limits, List<Finding> findings,
      Deque<Kustomization> pending) {
    List<YamlDocument> docs;
    try {
      List<YamlDocuments.Problem> problems = new ArrayList<>();
      byte[] bytes = Inputs.read(new Inputs.Source(kustomization.name, "", kustomization.file, false), stdin, limits);
      docs = YamlDocuments.read(kustomization.name, YamlDocuments.decode(bytes), problems);
      for (YamlDocuments.Problem problem : problems) {
        findings.add(problem.finding(kustomization.name));
      }
    } catch (Inputs.Unreadable unreadable) {
      findings.add(unreadable.finding);
      return;
    } catch (YamlDocuments.Problem problem) {
      findings.add(problem.finding(kustomization.name));
      return;
    }
    kustomization.documents = docs.size();
    if (docs.isEmpty() || !docs.get(0).root().isObject()) {
      return;
    }
    YamlDocument doc = docs.get(0);
    JsonNode root = doc.root();
    for (String field : List.of("resources", "bases", "components")) {
      JsonNode list = root.path(field);
      for (int i = 0; i < list.size(); i++) {
        String entry = list.get(i).isTextual() ? list.get(i).asText() : null;
        if (entry == null || entry.isBlank()) {
          continue;
        }
        if (isRemote(entry)) {
          kustomization.unread.add("remote " + (field.equals("components") ? "component " : "resource ") + entry);
          continue;
        }
        Path path = kustomization.file.getParent().resolve(entry).normalize();
        String at = field + "[" + i + "]";
        if (givenFiles.contains(path)) {
          kustomization.files.add(path); // the common case, a file of the folder given: no look at the disk
          roles.put(path, Role.OBJECTS);
        } else if (Files.isDirectory(path)) {
          Path file = FILE_NAMES.stream().map(path::resolve).filter(Files::isRegularFile).findFirst().orElse(null);
          if (file == null) {
            findings.add(missing(doc, at, kustomization, entry, "is a folder without a kustomization.yaml"));
            kustomization.unread.add("folder " + entry);
            continue;
          }
          boolean known = byFile.containsKey(file);
          Kustomization included = kustomization(file, childName(kustomization, Path.of(entry).resolve(
              file.getFileName().toString()).toString()));
          kustomization.includes.add(included);
          if (!known) {
            pending.add(included);
          }
        } else if (roles.get(path) == Role.OBJECTS || Files.isRegularFile(path)) {
          kustomization.files.add(path);
          roles.put(path, Role.OBJECTS);
          names.putIfAbsent(path, childName(kustomization, entry));
        } else {
          findings.add(missing(doc, at, kustomization, entry, "does not exist"));
          kustomization.unread.add("missing " + entry);
        }
      }
    }
    patches(kustomization, doc, "patchesStrategicMerge", Role.PATCH, findings);
    patches(kustomization, doc, "patches", Role.PATCH, findings);
    patches(kustomization, doc, "patchesJson6902", Role.JSON_PATCH, findings);
    for (String generator : List.of("configMapGenerator", "secretGenerator", "generators", "helmCharts",
        "helmChartInflationGenerator")) {
      if (root.path(generator).size() > 0) {
        kustomization.unread.add(generator.startsWith("helm") ? "Helm charts (" + generator + ")" : generator);
      }
    }
    kustomization.renames = root.path("namePrefix").isTextual() || root.path("nameSuffix").isTextual();
  }

  /** The patch files a field lists: file names, or maps with {@code path} (and maybe {@code target}). */
  private void patches(Kustomization kustomization, YamlDocument doc, String field, Role role, List<Finding> findings) {
    JsonNode list = doc.root().path(field);
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      String entry = item.isTextual() ? item.asText() : item.path("path").isTextual() ? item.path("path").asText() : null;
      String at = field + "[" + i + "]" + (item.isTextual() ? "" : ".path");
      if (entry == null || entry.contains("\n")) {
        if (item.isTextual() || item.has("patch")) {
          kustomization.unread.add("an inline patch (" + field + "[" + i + "])");
        }
        continue;
      }
      Path path = kustomization.file.getParent().resolve(entry).normalize();
      if (!Files.isRegularFile(path)) {
        findings.add(missing(doc, at, kustomization, entry, "does not exist"));
        continue;
      }
      kustomization.patches.add(path);
      if (item.has("target")) {
        kustomization.targeted.add(path);
      }
      roles.putIfAbsent(path, role); // a file both listed as a resource and as a patch stays a resource
      names.putIfAbsent(path, childName(kustomization, entry));
      patchOwners.computeIfAbsent(path, p -> new ArrayList<>()).add(kustomization);
    }
  }

  private static Finding missing(YamlDocument doc, String at, Kustomization kustomization, String entry, String what) {
    return new Finding("kustomize.missing", Severity.ERROR, doc.locate(at), kustomization.name, at,
        Messages.quote(entry) + " " + what + " (resolved from " + kustomization.folder()
            + "); kustomize build fails on it: fix the path or remove the entry");
  }

  /** A file a kustomization names, as findings name it: beside the kustomization's own name. */
  private static String childName(Kustomization kustomization, String entry) {
    Path parent = Path.of(kustomization.name).getParent();
    return (parent == null ? Path.of(entry) : parent.resolve(entry)).normalize().toString();
  }

  /** A remote base or file: a URL, a Git repository ({@code github.com/...?ref=}, {@code git@...}). */
  static boolean isRemote(String entry) {
    return entry.contains("://") || entry.startsWith("git@") || entry.startsWith("git::")
        || entry.startsWith("github.com/") || entry.startsWith("gitlab.com/") || entry.startsWith("bitbucket.org/")
        || entry.contains("?ref=") || entry.contains("?version=");
  }

  /** Each kustomization no other includes is a cluster: every file it reaches belongs to it. */
  private void resolveClusters() {
    Set<Kustomization> included = new HashSet<>();
    byFile.values().forEach(k -> included.addAll(k.includes));
    Map<Path, Set<Kustomization>> sets = new HashMap<>();
    for (Kustomization root : byFile.values()) {
      if (!included.contains(root)) {
        for (Path file : build(root)) {
          sets.computeIfAbsent(file, f -> new LinkedHashSet<>()).add(root);
        }
      }
    }
    // one list per distinct set of clusters, shared by its files (a reader caches what it derives from one)
    Map<Set<Kustomization>, List<Kustomization>> lists = new HashMap<>();
    sets.forEach((file, set) -> clusters.put(file, lists.computeIfAbsent(set, List::copyOf)));
  }

  /** The object files {@code kustomization} builds from, in kustomize's order (each once; a cycle is cut). */
  List<Path> build(Kustomization kustomization) {
    Set<Path> files = new LinkedHashSet<>();
    collect(kustomization, files, new HashSet<>());
    return new ArrayList<>(files);
  }

  private static void collect(Kustomization kustomization, Set<Path> files, Set<Kustomization> visiting) {
    if (!visiting.add(kustomization)) {
      return;
    }
    // kustomize accumulates resources in the order listed; bases are resources too, listed in place
    for (Kustomization base : kustomization.includes) {
      collect(base, files, visiting);
    }
    files.addAll(kustomization.files);
  }

  /** Whether a build includes what Portico does not read, or renames what it includes. */
  boolean isOpaque(Kustomization kustomization) {
    return reaches(kustomization, k -> !k.unread.isEmpty(), new HashSet<>())
        || kustomization.includes.stream().anyMatch(base -> reaches(base, k -> k.renames, new HashSet<>()));
  }

  private static boolean reaches(Kustomization kustomization, java.util.function.Predicate<Kustomization> test,
      Set<Kustomization> seen) {
    if (!seen.add(kustomization)) {
      return false;
    }
    return test.test(kustomization) || kustomization.includes.stream().anyMatch(k -> reaches(k, test, seen));
  }

  /** Files the kustomizations name that the paths given do not hold: read too, after them. */
  List<Inputs.Source> extraSources() {
    return extra;
  }

  /** What {@code file} (absolute, normalized) is; plain objects when no kustomization names it. */
  Role role(Path file) {
    return roles.getOrDefault(file, Role.OBJECTS);
  }

  /** The kustomization read from {@code file}, or null. */
  Kustomization kustomization(Path file) {
    return byFile.get(file);
  }

  /**
   * The clusters (root kustomizations) whose builds hold {@code file}; empty when none lists it. Files
   * in the same clusters get the same list instance.
   */
  List<Kustomization> clusters(Path file) {
    return clusters.getOrDefault(file, List.of());
  }

  /** True when some kustomization lists a patch file. */
  boolean hasPatches() {
    return !patchOwners.isEmpty();
  }

  /** The kustomizations that list {@code file} as a patch. */
  List<Kustomization> patchOwners(Path file) {
    return patchOwners.getOrDefault(file, List.of());
  }

  /** The nearest kustomization read in a folder above {@code file}, or null. */
  Kustomization enclosing(Path file) {
    if (byFile.isEmpty()) {
      return null;
    }
    for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
      for (String name : FILE_NAMES) {
        Kustomization found = byFile.get(dir.resolve(name));
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** Every kustomization read. */
  List<Kustomization> all() {
    return List.copyOf(byFile.values());
  }
}
