package dev.portico.synth.emit;

import dev.portico.dsl.StackModel;
import dev.portico.dsl.StackNamespace;
import dev.portico.synth.validate.Resource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.TreeMap;

/** The stack's Namespace object, when it declares one: its name and labels (sidecar injection among them). */
final class NamespaceEmitter {
  private NamespaceEmitter() {}

  static void emit(StackModel stack, List<Resource> out) {
    stack.namespaceObject().ifPresent(declared -> out.add(namespace(stack, declared)));
  }

  private static Resource namespace(StackModel stack, StackNamespace declared) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(stack.namespace());
    meta.setLabels(declared.labels().isEmpty() ? null : new TreeMap<>(declared.labels()));
    Namespace namespace = new Namespace();
    namespace.setMetadata(meta);
    return new Resource(namespace, new SourceLocator(declared.location()), stack.environment());
  }
}
