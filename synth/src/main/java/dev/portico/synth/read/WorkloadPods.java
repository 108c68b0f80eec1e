package dev.portico.synth.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Severity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pods a workload in the input runs (a Pod, or the pod template of a Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, ReplicationController, Job or CronJob): its labels and its containers'
 * ports, which Services are checked against. Only these fields are read, and each must have the
 * shape the API gives it (a map of strings, a list of containers, a list of ports, an integer
 * port); one of another shape is a {@code schema.type} error and the workload's pods are not used.
 */
final class WorkloadPods {
  private WorkloadPods() {}

  /** The pods, or null when a field they come from has the wrong shape (reported to {@code findings}). */
  static PodSet read(YamlDocument doc, String kind, String object, String namespace, String group,
      List<Finding> findings) {
    String podPath = switch (kind) {
      case "Pod" -> "";
      case "CronJob" -> "spec.jobTemplate.spec.template";
      default -> "spec.template";
    };
    Shape shape = new Shape(doc, object, findings);
    JsonNode pod = doc.root();
    String at = "";
    for (String segment : podPath.isEmpty() ? new String[0] : podPath.split("\\.")) {
      at = join(at, segment);
      pod = shape.object(pod, at);
    }
    JsonNode metadata = shape.object(pod, join(podPath, "metadata"));
    JsonNode labelsNode = shape.object(metadata, join(podPath, "metadata.labels"));
    Map<String, String> labels = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = labelsNode.fields(); it.hasNext(); ) {
      var label = it.next();
      String value = shape.string(label.getValue(), join(podPath, "metadata.labels." + label.getKey()));
      if (value != null) {
        labels.put(label.getKey(), value);
      }
    }
    JsonNode spec = shape.object(pod, join(podPath, "spec"));
    List<PodSet.ContainerPort> ports = new ArrayList<>();
    for (String containers : List.of("containers", "initContainers")) {
      String listPath = join(podPath, "spec." + containers);
      JsonNode list = shape.list(spec, listPath);
      for (int c = 0; c < list.size(); c++) {
        String containerPath = listPath + "[" + c + "]";
        JsonNode container = shape.item(list.get(c), containerPath);
        String portsPath = containerPath + ".ports";
        JsonNode declared = shape.list(container, portsPath);
        for (int p = 0; p < declared.size(); p++) {
          String path = portsPath + "[" + p + "]";
          JsonNode port = shape.item(declared.get(p), path);
          String name = shape.string(port.get("name"), path + ".name");
          String protocol = shape.string(port.get("protocol"), path + ".protocol");
          JsonNode number = port.path("containerPort");
          if (!number.isMissingNode() && !number.isNull() && !(number.isIntegralNumber() && number.canConvertToInt())) {
            shape.wrong(path + ".containerPort", SchemaCheck.describe(number) + " must be an integer");
          }
          ports.add(new PodSet.ContainerPort(name, number.asInt(), protocol == null ? "TCP" : protocol,
              doc.locate(path)));
        }
      }
    }
    if (shape.wrong) {
      return null;
    }
    return new PodSet(object, namespace, labels, ports, doc.locate(join(podPath, "metadata")), group);
  }

  private static String join(String prefix, String path) {
    return prefix.isEmpty() ? path : prefix + "." + path;
  }

  /** Reads fields, reporting each of the wrong shape once. */
  private static final class Shape {
    private final YamlDocument doc;
    private final String object;
    private final List<Finding> findings;
    boolean wrong;

    Shape(YamlDocument doc, String object, List<Finding> findings) {
      this.doc = doc;
      this.object = object;
      this.findings = findings;
    }

    void wrong(String path, String message) {
      wrong = true;
      findings.add(new Finding("schema.type", Severity.ERROR, doc.locate(path), object, path, message));
    }

    /** The map at {@code path}, the field of {@code parent} its last segment names; missing or null: empty. */
    JsonNode object(JsonNode parent, String path) {
      JsonNode node = last(parent, path);
      if (node.isMissingNode() || node.isNull()) {
        return MissingNode.getInstance();
      }
      if (!node.isObject()) {
        wrong(path, SchemaCheck.describe(node) + " must be an object (a map of fields)");
        return MissingNode.getInstance();
      }
      return node;
    }

    /** The list at {@code path} below {@code parent}; missing or null: empty. */
    JsonNode list(JsonNode parent, String path) {
      JsonNode node = last(parent, path);
      if (node.isMissingNode() || node.isNull()) {
        return MissingNode.getInstance();
      }
      if (!node.isArray()) {
        wrong(path, SchemaCheck.describe(node) + " must be a list");
        return MissingNode.getInstance();
      }
      return node;
    }

    /** A list item that must be a map. */
    JsonNode item(JsonNode node, String path) {
      if (node == null || !node.isObject()) {
        wrong(path, node == null || node.isNull() ? "an empty list item (null) is not allowed; fill it in or remove it"
            : SchemaCheck.describe(node) + " must be an object (a map of fields)");
        return MissingNode.getInstance();
      }
      return node;
    }

    /** A string value, or null when missing, null or of another type (reported). */
    String string(JsonNode node, String path) {
      if (node == null || node.isNull() || node.isMissingNode()) {
        return null;
      }
      if (!node.isTextual()) {
        wrong(path, SchemaCheck.describe(node) + " must be a string");
        return null;
      }
      return node.textValue();
    }

    private static JsonNode last(JsonNode parent, String path) {
      String name = path.substring(path.lastIndexOf('.') + 1);
      return parent.isObject() ? parent.path(name) : MissingNode.getInstance();
    }
  }
}
