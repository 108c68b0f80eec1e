package dev.portico.synth.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.gatewayapi.GatewayApiRuleIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule catalog ({@code rule-ids.txt}) is exactly the ids the sources report: every quoted
 * {@code family.rule} of a rule family in the main sources of synth and dsl, and the ids the Gateway
 * API kinds compose from their prefix ({@link GatewayApiRuleIds}). A rule added without its id in the
 * catalog, or an id left behind, fails here with the difference.
 */
class RuleCatalogTest {
  private static final Pattern FAMILY = Pattern.compile("Map\\.entry\\(\"([a-z-]+)\"");

  private static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("synth")) ? here : here.getParent();
  }

  private static Set<String> fromSources() throws IOException {
    Path root = root();
    Set<String> families = new TreeSet<>();
    Matcher family = FAMILY.matcher(Files.readString(
        root.resolve("synth/src/main/java/dev/portico/synth/report/RuleHelp.java")));
    while (family.find()) {
      families.add(family.group(1));
    }
    Pattern id = Pattern.compile("\"((?:" + String.join("|", families) + ")\\.[a-z0-9-]+)\"");
    Set<String> ids = new TreeSet<>(GatewayApiRuleIds.all());
    for (String module : new String[] {"synth/src/main/java", "dsl/src/main/java"}) {
      try (Stream<Path> files = Files.walk(root.resolve(module))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher m = id.matcher(Files.readString(file));
          while (m.find()) {
            ids.add(m.group(1));
          }
        }
      }
    }
    return ids;
  }

  @Test
  void theCatalogIsExactlyTheIdsTheSourcesReport() throws IOException {
    Set<String> expected = fromSources();
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(RuleCatalog.ids());
    Set<String> stale = new TreeSet<>(RuleCatalog.ids());
    stale.removeAll(expected);
    assertEquals("", (missing.isEmpty() ? "" : "add to rule-ids.txt: " + missing + "\n")
        + (stale.isEmpty() ? "" : "remove from rule-ids.txt (no source reports them): " + stale));
  }

  @Test
  void anUnknownIdIsToldWithTheNearestOne() {
    assertTrue(RuleCatalog.isKnown("service.port-name"));
    assertFalse(RuleCatalog.isKnown("service.port-nam"));
    assertEquals("\"service.port-nam\" is not a Portico rule id; did you mean service.port-name?",
        RuleCatalog.unknown("service.port-nam"));
    assertEquals("\"nonsense\" is not a Portico rule id; the README's \"What is checked\" table lists them (e.g. "
        + "service.port-name, validate.not-checked)", RuleCatalog.unknown("nonsense"));
  }
}
