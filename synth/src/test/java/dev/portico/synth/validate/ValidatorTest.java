package dev.portico.synth.validate;

import static dev.portico.synth.validate.Fixtures.describe;
import static dev.portico.synth.validate.Fixtures.find;
import static dev.portico.synth.validate.Fixtures.meta;
import static dev.portico.synth.validate.Fixtures.port;
import static dev.portico.synth.validate.Fixtures.spec;
import static dev.portico.synth.validate.Fixtures.type;
import static dev.portico.synth.validate.Fixtures.validate;
import static dev.portico.synth.validate.Fixtures.web;
import static dev.portico.synth.validate.Fixtures.webPods;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.SourceLocation;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The entry point: all findings at once, sorted, and printed in the documented layout. */
class ValidatorTest {

  /** Everything is wrong with this Service, each in its own field. */
  private static Service broken() {
    return web(s -> {
      meta(s).setNamespace("Shop");
      type(s, "clusterip");
      port(s, 0).setProtocol("tcp");
      port(s, 1).setName("HTTP");
      port(s, 1).setPort(0);
      port(s, 1).setTargetPort(new IntOrString("Metrics"));
      spec(s).setSessionAffinity("sticky");
      spec(s).setExternalIPs(new ArrayList<>(List.of("127.0.0.1")));
      spec(s).setTrafficDistribution("Nearest");
    });
  }

  @Test
  void allFindingsAreReportedAtOnce() {
    List<Finding> findings = validate(broken());
    Set<String> rules = findings.stream().map(Finding::rule).collect(Collectors.toSet());
    assertTrue(rules.containsAll(Set.of("metadata.namespace", "service.type", "service.port-protocol",
        "service.port-name", "service.port-number", "service.target-port", "service.session-affinity",
        "service.external-ips", "service.traffic-distribution", "service.dangling")), describe(findings));
    find(findings, "service.port-protocol", "spec.ports[0].protocol");
    find(findings, "service.port-name", "spec.ports[1].name");
    find(findings, "service.port-number", "spec.ports[1].port");
    find(findings, "service.target-port", "spec.ports[1].targetPort");
  }

  @Test
  void findingsAreSortedByFileLineObjectPathAndRule() {
    // each field path on its own line, in reverse order of the paths, across two files
    Resource b = new Resource(broken(), path -> new SourceLocation("b.yaml", 100 - path.length()), "g");
    Service other = broken();
    meta(other).setName("api");
    Resource a = new Resource(other, path -> SourceLocation.of("a.yaml"), "g");
    List<Finding> findings = Validator.validate(List.of(b, a), List.of(webPods()), Scope.CLOSED);
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(Finding.ORDER);
    assertEquals(sorted, findings);
    assertEquals("a.yaml", findings.get(0).location().file());
    assertEquals("b.yaml", findings.get(findings.size() - 1).location().file());
    for (int i = 1; i < findings.size(); i++) {
      Finding previous = findings.get(i - 1);
      Finding current = findings.get(i);
      if (previous.location().file().equals(current.location().file())) {
        assertTrue(previous.location().line() <= current.location().line(), describe(findings));
      }
    }
    // within one line: by object, then path, then rule
    List<Finding> sameLine = findings.stream().filter(f -> f.location().file().equals("a.yaml")).toList();
    List<String> paths = sameLine.stream().map(Finding::path).toList();
    assertEquals(paths.stream().sorted().toList(), paths);
  }

  @Test
  void aFindingPrintsAsFileLineSeverityObjectPathMessageRule() {
    Resource resource = new Resource(web(s -> port(s, 1).setName("HTTP")),
        path -> new SourceLocation("t.yaml", path.startsWith("spec.ports[1]") ? 12 : 3), "g");
    List<Finding> findings = Validator.validate(List.of(resource), List.of(webPods()), Scope.CLOSED);
    assertEquals(1, findings.size(), describe(findings));
    Finding finding = findings.get(0);
    assertTrue(finding.message().startsWith("\"HTTP\" must be a DNS-1123 label"), finding.message());
    assertTrue(finding.message().endsWith("; try \"http\""), finding.message());
    assertEquals("t.yaml:12: error: Service/shop/web: spec.ports[1].name: " + finding.message()
        + " [service.port-name]", finding.format());
    assertEquals(finding.format(), finding.toString());
    assertTrue(finding.isError());
  }

  @Test
  void aWarningPrintsAsWarning() {
    Resource resource = new Resource(web(s -> spec(s).getSelector().put("app", "nothing")),
        path -> new SourceLocation("t.yaml", 3), "g");
    List<Finding> findings = Validator.validate(List.of(resource), List.of(webPods()), Scope.OPEN);
    assertEquals(1, findings.size(), describe(findings));
    assertTrue(findings.get(0).format().startsWith("t.yaml:3: warning: Service/shop/web: spec.selector: selector "),
        findings.get(0).format());
    assertTrue(findings.get(0).format().endsWith(" [service.dangling]"));
  }

  @Test
  void formatWithoutLineOrPath() {
    Finding finding = new Finding("r.x", Severity.ERROR, SourceLocation.of("f.yaml"), "Service/x", "", "is bad");
    assertEquals("f.yaml: error: Service/x: is bad [r.x]", finding.format());
    Finding warning = new Finding("r.x", Severity.WARNING, new SourceLocation("F.java", 7), "App(web)", "ports[0]",
        "hm");
    assertEquals("F.java:7: warning: App(web): ports[0]: hm [r.x]", warning.format());
  }

  @Test
  void findingFieldsAreRequired() {
    assertThrows(NullPointerException.class,
        () -> new Finding(null, Severity.ERROR, SourceLocation.of("f"), "o", "p", "m"));
    assertThrows(NullPointerException.class, () -> new Finding("r", null, SourceLocation.of("f"), "o", "p", "m"));
    assertThrows(NullPointerException.class, () -> new Finding("r", Severity.ERROR, null, "o", "p", "m"));
  }

  @Test
  void objectIds() {
    assertEquals("Service/shop/web", Resource.id(web()));
    assertEquals("Service/web", Resource.id(web(s -> meta(s).setNamespace(null))));
    assertEquals("Service/?", Resource.id(web(s -> s.setMetadata(null))));
    assertEquals("Service/shop/?", Resource.id(web(s -> meta(s).setName(""))));
  }

  @Test
  void aServiceWithoutMetadataOrSpecIsReportedNotThrown() {
    Service bare = new Service();
    bare.setMetadata(null);
    bare.setSpec(null);
    List<Finding> findings = validate(bare);
    find(findings, "metadata.name", "metadata");
    find(findings, "service.ports-required", "spec");
  }

  /** YAML can hold nulls where Go decodes "" or an empty list; they are findings or nothing, never a crash. */
  @Test
  void nullsFromYamlAreDecodedAsGoDoes() {
    // a null selector value is "" to the API server: it selects pods whose label is ""
    java.util.Map<String, String> selector = new java.util.HashMap<>(java.util.Map.of("app", "web"));
    selector.put("tier", null);
    PodSet tierless = new PodSet("App(web)", "shop", java.util.Map.of("app", "web", "tier", ""), webPods().ports(),
        Fixtures.APP_LOCATION, Fixtures.GROUP);
    Service service = web(s -> spec(s).setSelector(new java.util.HashMap<>(selector)));
    Fixtures.assertClean(Validator.validate(List.of(Fixtures.resource(service)), List.of(tierless), Scope.CLOSED));
    find(validate(service), "service.dangling", "spec.selector");

    List<String> withNull = new ArrayList<>();
    withNull.add(null);
    find(validate(web(s -> spec(s).setExternalIPs(new ArrayList<>(withNull)))), "service.external-ips",
        "spec.externalIPs[0]");
    find(validate(web(s -> spec(s).setIpFamilies(new ArrayList<>(withNull)))), "service.ip-families",
        "spec.ipFamilies[0]");
    find(validate(web(s -> {
      type(s, "LoadBalancer");
      spec(s).setLoadBalancerSourceRanges(new ArrayList<>(withNull));
    })), "service.source-ranges", "spec.loadBalancerSourceRanges[0]");
    find(validate(web(s -> {
      spec(s).setClusterIP("10.0.0.1");
      spec(s).setIpFamilyPolicy("PreferDualStack");
      List<String> ips = new ArrayList<>(List.of("10.0.0.1"));
      ips.add(null);
      spec(s).setClusterIPs(ips);
    })), "service.cluster-ips", "spec.clusterIPs[1]");
    Fixtures.assertClean(validate(web(s -> {
      spec(s).setExternalIPs(null);
      spec(s).setClusterIPs(null);
      spec(s).setIpFamilies(null);
      spec(s).setLoadBalancerSourceRanges(null);
    })));
    find(validate(web(s -> spec(s).setPorts(null))), "service.ports-required", "spec.ports");
    java.util.Map<String, String> annotations = new java.util.HashMap<>();
    annotations.put("service.beta.kubernetes.io/load-balancer-source-ranges", null);
    annotations.put("note", null);
    find(validate(web(s -> meta(s).setAnnotations(annotations))), "service.source-ranges",
        "metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]");
  }

  @Test
  void locatorParents() {
    assertEquals("spec.ports[1]", Locator.parent("spec.ports[1].name"));
    assertEquals("spec.ports", Locator.parent("spec.ports[1]"));
    assertEquals("spec", Locator.parent("spec.ports"));
    assertEquals("", Locator.parent("spec"));
    assertEquals("metadata.labels", Locator.parent("metadata.labels[app.kubernetes.io/name]"));
    assertEquals("metadata.annotations",
        Locator.parent("metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]"));
  }

  @Test
  void messagesQuoteValues() {
    assertEquals("\"a\\\"b\\\\c\\n\\t\\u0001\"", Messages.quote("a\"b\\c\n\t\u0001"));
    assertEquals("80", Messages.quote(80));
    assertEquals("false", Messages.quote(false));
    assertEquals("null", Messages.quote(null));
    assertEquals("\"A\"", Messages.oneOf(List.of("A")));
    assertEquals("\"A\", \"B\" or \"C\"", Messages.oneOf(List.of("A", "B", "C")));
    assertEquals("[\"10.0.0.1\", \"None\"]", Messages.list(List.of("10.0.0.1", "None")));
    assertEquals("", Messages.tryInstead("http", "http"));
    assertEquals("", Messages.tryInstead("x", ""));
    assertEquals("; try \"http\"", Messages.tryInstead("HTTP", "http"));
  }

  @Test
  void severityLabels() {
    assertEquals("error", Severity.ERROR.label());
    assertEquals("warning", Severity.WARNING.label());
  }
}
