package dev.portico.synth.validate.istio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/** Shared plumbing of the Istio rule tests: table rows, running one rules class, scanning it for rule ids. */
final class IstioRuleTables {
  private static final Pattern RULE_ID =
      Pattern.compile("\"((?:virtualservice|destinationrule|istio-gateway|serviceentry)\\.[a-z0-9-]+)\"");

  private IstioRuleTables() {}

  static <T> Arguments reject(String name, String rule, String path, String text, Consumer<T> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.ERROR, path, text);
  }

  static <T> Arguments warn(String name, String rule, String path, String text, Consumer<T> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.WARNING, path, text);
  }

  static <T> Arguments ok(String name, Consumer<T> mutation) {
    return Arguments.of(Named.of(name, mutation));
  }

  static String q(String value) {
    return "\"" + value + "\"";
  }

  /** The findings of one rules class for {@code object}, sorted as the Validator sorts them. */
  static <T extends HasMetadata> List<Finding> check(BiConsumer<Check, T> rules, T object) {
    List<Finding> findings = new ArrayList<>();
    rules.accept(new Check(Fixtures.resource(object), findings), object);
    findings.sort(Finding.ORDER);
    return findings;
  }

  /**
   * Replaces each node of {@code baseline}'s JSON in turn by null, an empty object, an empty list and
   * an empty string (whichever the model reads back) and runs the rules: none may throw, as input
   * mistakes become findings, never stack traces. Returns how many variants ran.
   */
  static <T extends HasMetadata> int assertNoThrowOnHollowInput(T baseline, Class<T> type, BiConsumer<Check, T> rules) {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode root = mapper.valueToTree(baseline);
    List<String> paths = new ArrayList<>();
    collect(root, "", paths);
    List<JsonNode> replacements = List.of(JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.objectNode(),
        JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.textNode(""));
    int ran = 0;
    for (String path : paths) {
      for (JsonNode replacement : replacements) {
        JsonNode copy = root.deepCopy();
        replace(copy, path, replacement);
        T variant;
        try {
          variant = mapper.treeToValue(copy, type);
        } catch (Exception e) {
          continue;
        }
        try {
          check(rules, variant);
          ran++;
        } catch (RuntimeException e) {
          throw new AssertionError("rules threw on " + path + " := " + replacement + ": " + e, e);
        }
      }
    }
    return ran;
  }

  private static void collect(JsonNode node, String path, List<String> paths) {
    if (node instanceof ObjectNode object) {
      object.fieldNames().forEachRemaining(name -> {
        String child = path + "/" + name.replace("~", "~0").replace("/", "~1");
        paths.add(child);
        collect(object.get(name), child, paths);
      });
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        String child = path + "/" + i;
        paths.add(child);
        collect(array.get(i), child, paths);
      }
    }
  }

  private static void replace(JsonNode root, String pointer, JsonNode value) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    if (parent instanceof ObjectNode object) {
      object.set(last, value);
    } else if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), value);
    }
  }

  /** The rule ids written as string literals in a main source file of this package. */
  static Set<String> ruleIdsIn(String className) throws IOException {
    Path source = Path.of("src/main/java/dev/portico/synth/validate/istio", className + ".java");
    var m = RULE_ID.matcher(Files.readString(source));
    Set<String> ids = new TreeSet<>();
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  /** Every rule id of {@code className} has a rejected row, and every row names one of its ids (or a metadata one). */
  static void assertEveryRuleRejected(String className, Stream<Arguments> rejected) throws IOException {
    Set<String> ids = ruleIdsIn(className);
    assertTrue(ids.size() > 5, "too few rule ids found in " + className + ": " + ids);
    Set<String> covered = rejected.map(a -> (String) a.get()[1]).collect(Collectors.toCollection(TreeSet::new));
    Set<String> missing = new TreeSet<>(ids);
    missing.removeAll(covered);
    assertTrue(missing.isEmpty(), "no rejected case for " + missing);
    Set<String> unknown = new TreeSet<>(covered);
    unknown.removeAll(ids);
    unknown.removeIf(id -> id.startsWith("metadata."));
    assertTrue(unknown.isEmpty(), "rows name rule ids that " + className + " does not have: " + unknown);
  }
}
