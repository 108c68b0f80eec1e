package dev.portico.synth.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Validator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {
  private static List<Finding> validate(String yaml, String... args) throws Exception {
    ManifestReader.Input input = ManifestReader.read(List.of(args),
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    List<Finding> findings = new ArrayList<>(input.findings());
    findings.addAll(Validator.validate(input.resources(), input.podSets(), Scope.OPEN));
    return findings;
  }

  @Test
  void itemsOfAListAreCheckedWhereTheyStand() throws Exception {
    String yaml = """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Service
          metadata:
            name: ok
          spec:
            ports:
            - port: 80
        - apiVersion: v1
          kind: Service
          metadata:
            name: bad
          spec:
            ports:
            - port: 80
              name: HTTP
        """;
    List<Finding> findings = validate(yaml, "-");
    assertEquals(1, findings.size(), findings.toString());
    Finding finding = findings.get(0);
    assertEquals("service.port-name", finding.rule());
    assertEquals("spec.ports[0].name", finding.path());
    assertEquals("<stdin>:18", finding.location().toString());
  }

  @Test
  void standardInputNamedTwiceIsReadOnce() throws Exception {
    String yaml = "apiVersion: v1\nkind: Service\nmetadata:\n  name: Bad\nspec:\n  ports:\n  - port: 80\n";
    List<Finding> findings = validate(yaml, "-", "-");
    assertEquals(1, findings.size(), findings.toString());
    assertTrue(findings.get(0).format().startsWith("<stdin>:4: error: Service/Bad: metadata.name:"),
        findings.get(0).format());
  }
}
