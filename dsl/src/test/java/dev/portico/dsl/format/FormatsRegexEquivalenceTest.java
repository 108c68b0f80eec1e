package dev.portico.dsl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written matchers in {@link Formats} accept exactly what apimachinery's regular
 * expressions accept: seeded random strings over the characters that matter. Seeds 1-200 run by
 * default; {@code -Dportico.seed=N} runs only seed {@code N}.
 */
class FormatsRegexEquivalenceTest {
  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final String ALPHABET = "ab9Z0-._/*:é ";

  static Stream<Long> seeds() {
    String only = System.getProperty("portico.seed", "").trim();
    return only.isEmpty() ? LongStream.rangeClosed(1, 200).boxed() : Stream.of(Long.parseLong(only));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void matchersAgreeWithTheRegularExpressions(long seed) {
    Random random = new Random(seed);
    for (int n = 0; n < 200; n++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(random.nextInt(10) == 0 ? 80 : 8);
      for (int i = 0; i < length; i++) {
        sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String s = sb.toString();
      String where = "seed " + seed + " (replay with -Dportico.seed=" + seed + "): " + s;
      assertEquals(DNS1123_LABEL.matcher(s).matches() && s.length() <= 63, Formats.dns1123Label(s).isEmpty(), where);
      assertEquals(DNS1123_SUBDOMAIN.matcher(s).matches() && s.length() <= 253, Formats.dns1123Subdomain(s).isEmpty(),
          where);
      assertEquals(DNS1035_LABEL.matcher(s).matches() && s.length() <= 63, Formats.dns1035Label(s).isEmpty(), where);
      assertEquals(s.isEmpty() || QUALIFIED_NAME_PART.matcher(s).matches() && Formats.byteLength(s) <= 63,
          Formats.labelValue(s).isEmpty(), where);
      String[] parts = s.split("/", -1);
      boolean qualified = parts.length == 1 ? QUALIFIED_NAME_PART.matcher(s).matches() && Formats.byteLength(s) <= 63
          : parts.length == 2 && DNS1123_SUBDOMAIN.matcher(parts[0]).matches() && parts[0].length() <= 253
              && QUALIFIED_NAME_PART.matcher(parts[1]).matches() && Formats.byteLength(parts[1]) <= 63;
      assertEquals(qualified, Formats.qualifiedName(s).isEmpty(), where);
      assertEquals(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, Formats.byteLength(s), where);
    }
  }
}
