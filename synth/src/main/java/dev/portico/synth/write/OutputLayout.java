package dev.portico.synth.write;

import dev.portico.synth.StackOutput;
import dev.portico.synth.Synthesis;
import dev.portico.synth.render.YamlRenderer;
import dev.portico.synth.validate.Resource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where each object goes: {@code <stack>/<env>/<kind>-<name>.yaml}, one object a file, plus a
 * {@code kustomization.yaml} listing them by file name; or with {@code singleFile} one
 * multi-document {@code <stack>/<env>.yaml}, objects ordered by kind then name. A Namespace comes
 * first in either, so that {@code kubectl apply -k} and the single file create it before what it holds.
 */
public final class OutputLayout {
  static final String KUSTOMIZATION = "kustomization.yaml";

  private OutputLayout() {}

  /** The files of a synthesis, sorted by path. */
  public static List<OutputFile> files(Synthesis synthesis, boolean singleFile) {
    List<OutputFile> files = new ArrayList<>();
    for (StackOutput output : synthesis.outputs()) {
      List<HasMetadata> objects = new ArrayList<>();
      for (Resource resource : output.resources()) {
        objects.add(resource.object());
      }
      objects.sort(ORDER);
      String folder = output.stack() + "/" + output.environment();
      List<String> documents = YamlRenderer.renderEach(objects);
      if (singleFile) {
        files.add(new OutputFile(folder + ".yaml", YamlRenderer.join(documents)));
        continue;
      }
      StringBuilder kustomization = new StringBuilder()
          .append("apiVersion: kustomize.config.k8s.io/v1beta1\n")
          .append("kind: Kustomization\n");
      kustomization.append(objects.isEmpty() ? "resources: []\n" : "resources:\n");
      for (int i = 0; i < objects.size(); i++) {
        String name = fileName(objects.get(i));
        files.add(new OutputFile(folder + "/" + name, documents.get(i)));
        kustomization.append("- ").append(name).append('\n');
      }
      files.add(new OutputFile(folder + "/" + KUSTOMIZATION, kustomization.toString()));
    }
    files.sort(Comparator.comparing(OutputFile::path));
    return files;
  }

  /**
   * What a synthesis owns, as path prefixes: each stack environment's folder and its single file,
   * in either layout, so switching layouts prunes the other one. Files Portico wrote there before
   * and does not write now are removed; other stacks' files are left alone.
   */
  public static List<String> scopes(Synthesis synthesis) {
    List<String> scopes = new ArrayList<>();
    for (StackOutput output : synthesis.outputs()) {
      String folder = output.stack() + "/" + output.environment();
      scopes.add(folder + "/");
      scopes.add(folder + ".yaml");
    }
    return scopes;
  }

  /**
   * What a run may prune: after a full run (every registered stack, every environment) every file
   * Portico wrote before that it no longer writes; after a partial one only such files within
   * {@link #scopes}.
   */
  public static OutputScope scope(Synthesis synthesis, boolean fullRun) {
    return fullRun ? OutputScope.everything() : OutputScope.within(scopes(synthesis));
  }

  /** By file name, except that a Namespace comes first: it must exist before what lives in it. */
  static final Comparator<HasMetadata> ORDER = Comparator
      .comparing((HasMetadata object) -> !"Namespace".equals(object.getKind()))
      .thenComparing(OutputLayout::fileName);

  /** {@code service-web.yaml}. */
  static String fileName(HasMetadata object) {
    return object.getKind().toLowerCase(Locale.ROOT) + "-" + object.getMetadata().getName() + ".yaml";
  }
}
