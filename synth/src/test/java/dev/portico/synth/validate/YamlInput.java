package dev.portico.synth.validate;

import dev.portico.synth.read.ManifestReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Manifests written as YAML, read as {@code portico validate} reads standard input, for tests of
 * analyzers across many kinds: the objects, the workloads' pods, and what the validator says about
 * them in either scope.
 */
public record YamlInput(ManifestReader.Input input) {
  public static YamlInput of(String... documents) {
    String yaml = java.util.Arrays.stream(documents).map(String::strip).collect(Collectors.joining("\n---\n"));
    try {
      return new YamlInput(ManifestReader.read(List.of("-"),
          new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What {@code portico validate} reports: reading problems, then the validator's findings (open scope). */
  public List<Finding> validate() {
    return validate(Scope.OPEN);
  }

  /** The validator's findings in {@code scope}, after what the reader found (not-checked kinds aside). */
  public List<Finding> validate(Scope scope) {
    List<Finding> findings = new ArrayList<>(input.findings().stream()
        .filter(f -> !f.rule().equals("validate.not-checked")).toList());
    findings.addAll(Validator.validate(input.resources(), input.podSets(), scope));
    return findings;
  }

  /** The findings of rules starting with {@code prefix}. */
  public List<Finding> validate(Scope scope, String prefix) {
    return validate(scope).stream().filter(f -> f.rule().startsWith(prefix)).toList();
  }

  public List<Resource> resources() {
    return input.resources();
  }

  public List<PodSet> podSets() {
    return input.podSets();
  }

  /** A Deployment in namespace shop whose pods carry {@code labels} and listen on {@code ports} ("name=number"). */
  public static String deployment(String name, String labels, String... ports) {
    StringBuilder yaml = new StringBuilder("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
          namespace: shop
        spec:
          template:
            metadata:
              labels: {%s}
            spec:
              containers:
              - name: main
                image: example
                ports:
        """.formatted(name, labels));
    for (String port : ports) {
      String[] parts = port.split("=");
      yaml.append("        - name: ").append(parts[0]).append("\n          containerPort: ").append(parts[1])
          .append('\n');
    }
    return yaml.toString();
  }
}
