package dev.portico.synth.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fields validate reads from workloads, given in another shape: schema findings, never a crash. */
class WorkloadPodsTest {
  private static final String SERVICE = """
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: shop}
      spec:
        selector: {app: web}
        ports:
        - {name: http, port: 80, targetPort: http}
      ---
      """;

  @Test
  void containersAsAMapIsASchemaFinding() {
    List<String> findings = YamlDocumentsTest.validate(SERVICE + """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: {name: web, image: nginx}
              initContainers:
              - ports: {containerPort: 80}
        """).stream().filter(f -> !f.contains("[validate.not-checked]")).toList();
    assertEquals(List.of(
        "<stdin>:16: error: Deployment/shop/web: spec.template.spec.containers: a map must be a list [schema.type]",
        "<stdin>:18: error: Deployment/shop/web: spec.template.spec.initContainers[0].ports: a map must be a list"
            + " [schema.type]"),
        findings);
  }

  @Test
  void portsLabelsAndTemplatesOfTheWrongShapeAreSchemaFindings() {
    List<String> findings = YamlDocumentsTest.validate(SERVICE + """
        apiVersion: v1
        kind: Pod
        metadata: {name: a, namespace: shop, labels: {app: web, tier: [x]}}
        spec:
          containers:
          - name: a
            ports:
            - {name: 80, containerPort: http, protocol: 6}
            - 8080
          -
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c, namespace: shop}
        spec:
          jobTemplate: [x]
        """).stream().filter(f -> !f.contains("[validate.not-checked]")).toList();
    assertEquals(List.of(
        "<stdin>:11: error: Pod/shop/a: metadata.labels.tier: a list must be a string [schema.type]",
        "<stdin>:16: error: Pod/shop/a: spec.containers[0].ports[0].containerPort: the string \"http\" must be an"
            + " integer [schema.type]",
        "<stdin>:16: error: Pod/shop/a: spec.containers[0].ports[0].name: the number 80 must be a string [schema.type]",
        "<stdin>:16: error: Pod/shop/a: spec.containers[0].ports[0].protocol: the number 6 must be a string [schema.type]",
        "<stdin>:17: error: Pod/shop/a: spec.containers[0].ports[1]: the number 8080 must be an object (a map of"
            + " fields) [schema.type]",
        "<stdin>:18: error: Pod/shop/a: spec.containers[1]: an empty list item (null) is not allowed; fill it in or"
            + " remove it [schema.type]",
        "<stdin>:24: error: CronJob/shop/c: spec.jobTemplate: a list must be an object (a map of fields) [schema.type]"),
        findings);
  }

  @Test
  void aWellShapedWorkloadStillSuppliesItsPods() {
    List<String> findings = YamlDocumentsTest.validate(SERVICE + """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: web, ports: [{name: http, containerPort: 8080}]}
        """).stream().filter(f -> !f.contains("[validate.not-checked]")).toList();
    assertEquals(List.of(), findings);
  }
}
