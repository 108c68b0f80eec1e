package dev.portico.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.App;
import dev.portico.dsl.HttpTarget;
import dev.portico.dsl.Port;
import dev.portico.dsl.Service;
import dev.portico.dsl.ServicePort;
import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.synth.testing.BadStack;
import dev.portico.synth.testing.GoodStack;
import dev.portico.synth.testing.HttpStack;
import dev.portico.synth.validate.Call;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Validator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Findings of stacks with several environments: each reported once, naming the environments it was raised in. */
class SynthesizerEnvironmentsTest {
  static final Port HTTP = Port.http(8080);

  /** In staging and prod: a port name that is not a DNS-1123 label; in prod only: a node port on a ClusterIP Service. */
  static final class TwoEnvironments implements StackDefinition {
    private final String name;

    TwoEnvironments(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<String> environments() {
      return List.of("staging", "prod");
    }

    @Override
    public void define(Stack stack) {
      App web = stack.app("web", HTTP);
      Service service = stack.service("web", web, s -> s.port(ServicePort.of(80, HTTP).named("HTTP")));
      if (stack.isEnvironment("prod")) {
        stack.service("web-internal", web, s -> s.port(ServicePort.of(8080, HTTP).nodePort(30080)));
      }
      stack.httpTarget(HttpTarget.ingress("nginx"));
      stack.http("site", site -> site.host("shop.example.com", host -> host.path("/", service)));
    }
  }

  private static List<String> findings(List<StackDefinition> stacks, List<String> environments) {
    return Synthesizer.synthesize(stacks, environments, Map.of()).findings().stream().map(Finding::format).toList();
  }

  @Test
  void aFindingOfEveryEnvironmentIsReportedOnceNamingThem() {
    List<String> findings = findings(List.of(new TwoEnvironments("shop")), List.of());

    List<String> portName = findings.stream().filter(f -> f.contains("[service.port-name]")).toList();
    assertEquals(1, portName.size(), findings::toString);
    assertTrue(portName.get(0).endsWith("[service.port-name] (in staging, prod)"), portName::toString);
    List<String> nodePort = findings.stream().filter(f -> f.contains("[service.node-port]")).toList();
    assertEquals(1, nodePort.size(), findings::toString);
    assertTrue(nodePort.get(0).endsWith("[service.node-port] (in prod)"), nodePort::toString);
  }

  @Test
  void oneEnvironmentNeedsNoName() {
    List<String> findings = findings(List.of(new TwoEnvironments("shop")), List.of("prod"));

    assertTrue(findings.stream().noneMatch(f -> f.contains("(in ")), findings::toString);
    assertEquals(1, findings.stream().filter(f -> f.contains("[service.port-name]")).count(), findings::toString);
  }

  @Test
  void aStackWithOneEnvironmentBesideOneWithSeveralNamesNone() {
    List<String> findings = findings(List.of(new BadStack(), new GoodStack()), List.of());

    assertEquals(2, findings.size(), findings::toString);
    assertTrue(findings.stream().noneMatch(f -> f.contains("(in ")), findings::toString);
  }

  @Test
  void crossStackFindingsKeepTheirEnvironments() {
    List<String> findings = findings(List.of(new TwoEnvironments("a"), new TwoEnvironments("b")), List.of());

    List<String> conflicts = findings.stream().filter(f -> f.contains("[http.host-path-conflict]")).toList();
    assertTrue(!conflicts.isEmpty(), findings::toString);
    assertTrue(conflicts.stream().allMatch(f -> f.endsWith("(in staging, prod)")), conflicts::toString);
  }

  /**
   * The synthesizer validates environment by environment (to know which raised a finding); that
   * finds exactly what one validation of everything finds, because analyzers compare objects
   * within a group (an environment) only.
   */
  @Test
  void validatingPerEnvironmentFindsWhatValidatingEverythingFinds() {
    List<StackDefinition> stacks = List.of(new TwoEnvironments("a"), new TwoEnvironments("b"), new HttpStack(),
        new GoodStack(), new BadStack());
    Synthesis synthesis = Synthesizer.synthesize(stacks, List.of(), Map.of());
    List<Resource> resources = new ArrayList<>();
    List<PodSet> apps = new ArrayList<>();
    List<Call> calls = new ArrayList<>();
    synthesis.outputs().forEach(output -> {
      resources.addAll(output.resources());
      apps.addAll(output.apps());
      calls.addAll(output.calls());
    });

    Set<Finding> together = new HashSet<>(Validator.validate(resources, apps, calls, Scope.CLOSED));
    Set<Finding> reported = new HashSet<>();
    synthesis.findings().forEach(finding -> reported.add(finding.inEnvironments(List.of())));

    assertTrue(together.size() > 3, "the stacks have cross-object findings: " + together);
    assertTrue(reported.containsAll(together), () -> "missing: " + together.stream()
        .filter(f -> !reported.contains(f)).toList());
  }
}
