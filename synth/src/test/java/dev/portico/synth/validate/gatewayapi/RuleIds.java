package dev.portico.synth.validate.gatewayapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The rule ids a Gateway API kind's rules can report, read from the sources: the full ids a kind's own
 * class names ({@code "grpcroute.method-type"}), plus the shared checks' ids, which the shared classes
 * ({@link GatewayApiCheck}, {@link RouteRules}, {@link RequestRouteRules}, {@link ListenerRules}) compose
 * from the kind's prefix and a suffix ({@code id("ref-name")}). Each kind's test declares the shared
 * suffixes its kind reaches; {@link GatewayApiRuleIdsTest} checks that every suffix of the shared
 * sources is declared by some kind, so no id in the sources goes without a rejected case.
 */
final class RuleIds {
  static final List<String> SHARED_SOURCES =
      List.of("GatewayApiCheck.java", "RouteRules.java", "RequestRouteRules.java", "ListenerRules.java");
  private static final Pattern SUFFIX = Pattern.compile("\\bid\\(\"([a-z-]+)\"\\)");

  private RuleIds() {}

  /** The folder of the family's sources, from the module or from the repository root. */
  static Path directory() {
    Path path = Path.of("src/main/java/dev/portico/synth/validate/gatewayapi");
    return Files.isDirectory(path) ? path : Path.of("synth").resolve(path);
  }

  static String source(String file) {
    try {
      return Files.readString(directory().resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The full ids of {@code prefix} written out in {@code file}. */
  static Set<String> literals(String prefix, String file) {
    return Pattern.compile("\"(" + Pattern.quote(prefix) + "\\.[a-z-]+)\"").matcher(source(file)).results()
        .map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
  }

  /** The suffixes the shared sources compose ids from. */
  static Set<String> sharedSuffixes() {
    return SHARED_SOURCES.stream().flatMap(file -> SUFFIX.matcher(source(file)).results().map(m -> m.group(1)))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * The declared ids of a kind are exactly its own class's literals and its shared suffixes; every
   * shared suffix declared exists in the shared sources; every declared id has a rejected case (the
   * rule id is the second argument of each rejected row).
   */
  static void assertListedAndExercised(String prefix, String file, Collection<String> sharedSuffixes,
      Collection<String> declared, Stream<Arguments> rejected) {
    Set<String> expected = literals(prefix, file);
    assertTrue(sharedSuffixes().containsAll(sharedSuffixes),
        () -> "not in the shared sources: " + new TreeSet<>(sharedSuffixes).stream()
            .filter(s -> !sharedSuffixes().contains(s)).toList());
    sharedSuffixes.forEach(s -> expected.add(prefix + "." + s));
    assertEquals(expected, new TreeSet<>(declared));
    Set<Object> covered = rejected.map(a -> a.get()[1]).collect(Collectors.toSet());
    for (String rule : declared) {
      assertTrue(covered.contains(rule), "no rejected case for " + rule);
    }
  }
}
