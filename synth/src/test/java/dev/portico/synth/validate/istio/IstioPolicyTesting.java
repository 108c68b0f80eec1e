package dev.portico.synth.validate.istio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.validate.Check;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Fixtures;
import dev.portico.synth.validate.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * Table helpers shared by the tests of the Istio policy and workload rules (PeerAuthentication,
 * AuthorizationPolicy, RequestAuthentication, Telemetry, EnvoyFilter, Sidecar, WorkloadEntry, WorkloadGroup): rows of rejected single mutations and accepted
 * near misses, running one rules class directly, and the scan of a rules class for its rule ids.
 */
final class IstioPolicyTesting {
  private static final Pattern RULE_ID =
      Pattern.compile("\"((?:peerauthentication|authorizationpolicy|telemetry|envoyfilter|requestauthentication|sidecar|workloadentry|workloadgroup)\\.[a-z0-9-]+)\"");

  private IstioPolicyTesting() {}

  /** The findings of {@code rules} for {@code object}, sorted as the validator sorts them. */
  static <T extends HasMetadata> List<Finding> run(T object, BiConsumer<Check, T> rules) {
    List<Finding> findings = new ArrayList<>();
    rules.accept(new Check(Fixtures.resource(object), findings), object);
    findings.sort(Finding.ORDER);
    return findings;
  }

  /** A rejected row: the mutation's name, then rule, severity, exact path and a text the message contains. */
  static <T> Arguments error(String name, String rule, String path, String text, Consumer<T> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.ERROR, path, text);
  }

  /** A row whose finding is a warning. */
  static <T> Arguments warning(String name, String rule, String path, String text, Consumer<T> mutation) {
    return Arguments.of(Named.of(name, mutation), rule, Severity.WARNING, path, text);
  }

  /** An accepted near miss. */
  static <T> Arguments ok(String name, Consumer<T> mutation) {
    return Arguments.of(Named.of(name, mutation));
  }

  /** {@code "value"}, as findings quote strings. */
  static String q(String value) {
    return "\"" + value + "\"";
  }

  /** The rule ids (string literals such as {@code "telemetry.provider"}) in the source of a rules class. */
  static Set<String> ruleIdsOf(String className) {
    Path source = Path.of("src/main/java/dev/portico/synth/validate/istio/" + className + ".java");
    try {
      String text = Files.readString(source);
      var matcher = RULE_ID.matcher(text);
      Set<String> ids = new TreeSet<>();
      while (matcher.find()) {
        ids.add(matcher.group(1));
      }
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every rule id in {@code className} is the rule of a row of {@code rejected}, and the table names no other ids of its kind. */
  static void assertEveryRuleIdHasARejectedRow(String className, String prefix, Stream<Arguments> rejected) {
    Set<String> ids = ruleIdsOf(className);
    assertFalse(ids.isEmpty(), "no rule ids found in " + className);
    Set<String> covered = rejected.map(a -> (String) a.get()[1]).collect(Collectors.toCollection(TreeSet::new));
    for (String id : ids) {
      assertTrue(id.startsWith(prefix + "."), id + " in " + className + " does not start with " + prefix);
      assertTrue(covered.contains(id), "no rejected row for " + id);
    }
    for (String id : covered) {
      assertTrue(!id.startsWith(prefix + ".") || ids.contains(id), "the table names " + id + ", which "
          + className + " does not report");
    }
  }
}
