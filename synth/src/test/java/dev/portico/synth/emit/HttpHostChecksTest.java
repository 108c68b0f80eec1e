package dev.portico.synth.emit;

import static dev.portico.synth.emit.HttpEmittersTest.INGRESS;
import static dev.portico.synth.emit.HttpEmittersTest.OWN;
import static dev.portico.synth.emit.HttpEmittersTest.SHARED;
import static dev.portico.synth.emit.HttpEmittersTest.synth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.dsl.HttpTarget;
import dev.portico.synth.StackOutput;
import dev.portico.synth.routes.RouteTable;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hosts both targets need declared once and with paths; rewrite prefixes that are regular-expression text. */
class HttpHostChecksTest {
  private static final List<HttpTarget> TARGETS = List.of(INGRESS, OWN, SHARED);

  @Test
  void aHostDeclaredTwiceIsAnErrorOnEveryTarget() {
    for (HttpTarget target : TARGETS) {
      HttpEmittersTest.Result r = synth(target, (s, site) -> site
          .host("shop.example.com", h -> h.path("/", s.web()))
          .host("Shop.example.com", h -> h.path("/api", s.api())));
      List<Finding> findings = r.findings("http.host-duplicate");
      assertEquals(1, findings.size(), r::dump);
      Finding finding = findings.get(0);
      assertEquals(Severity.ERROR, finding.severity());
      assertTrue(finding.message().startsWith("host \"Shop.example.com\" is declared twice in exposure \"site\"; "
          + "the first is at HttpHostChecksTest.java:"), finding::format);
      assertEquals("HttpHostChecksTest.java", finding.location().file());
    }
  }

  @Test
  void aHostWithoutPathsIsOneErrorOnEveryTarget() {
    for (HttpTarget target : TARGETS) {
      HttpEmittersTest.Result r = synth(target, (s, site) -> site
          .host("shop.example.com", h -> h.path("/", s.web()))
          .host("empty.example.com", h -> {}));
      List<Finding> errors = r.errors();
      assertEquals(1, errors.size(), r::dump);
      assertEquals("http.host-without-paths", errors.get(0).rule());
      assertTrue(errors.get(0).message().contains("\"empty.example.com\" has no paths"), errors.get(0)::format);
    }
  }

  @Test
  void nearMissesAreClean() {
    for (HttpTarget target : TARGETS) {
      synth(target, (s, site) -> site
          .host("shop.example.com", h -> h.path("/", s.web()))
          .host("www.shop.example.com", h -> h.path("/", s.web()))).assertNoErrors();
    }
  }

  @Test
  void aRewrittenPrefixIsLiteralInTheIngressRegexAndReadsBackAsItself() {
    HttpEmittersTest.Result r = synth(INGRESS, (s, site) -> site.rewritePrefix("/")
        .host("shop.example.com", h -> h.path("/api.v1", s.api()).path("/", s.web())));
    r.assertNoErrors();
    var paths = r.ingress("site").getSpec().getRules().get(0).getHttp().getPaths();
    assertEquals("/api\\.v1(/|$)(.*)", paths.get(0).getPath());
    assertEquals("/()(.*)", paths.get(1).getPath());
    StackOutput output = r.synthesis().outputs().get(0);
    List<String> rows = RouteTable.of(output.resources(), output.apps()).http().stream()
        .map(row -> row.match() + " " + row.path()).toList();
    assertEquals(List.of("Prefix /", "Prefix /api.v1"), rows.stream().sorted().toList());
  }

  @Test
  void escapingCoversEveryRegexCharacter() {
    assertEquals("/a\\.b\\+c\\*d\\?e\\(f\\)g\\[h\\]i\\{j\\}k\\^l\\$m\\|n\\\\o",
        IngressEmitter.escapeRegex("/a.b+c*d?e(f)g[h]i{j}k^l$m|n\\o"));
  }
}
