package dev.portico.synth.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portico.synth.Synthesizer;
import dev.portico.synth.UsageException;
import dev.portico.synth.testing.GoodStack;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code portico.set} (the Maven goals' {@code KEY=VALUE,KEY=VALUE}) is read as {@code --set} reads
 * its values: nothing trimmed, so a value the CLI refuses is refused here with the same message.
 */
class SelectionTest {
  private static String refusal(Map<String, String> settings) {
    return assertThrows(UsageException.class,
        () -> Synthesizer.synthesize(List.of(new GoodStack()), List.of(), settings)).getMessage();
  }

  @Test
  void aValueWithASpaceIsRefusedAsTheCliRefusesIt() {
    Map<String, String> parsed = Selection.parseSettings("count= 5");

    assertEquals(Map.of("count", " 5"), parsed);
    assertEquals(refusal(Map.of("count", " 5")), refusal(parsed));
    assertEquals("--set count= 5: \" 5\" is not an integer (ASCII digits, optionally after '-', nothing else) "
        + "(stack good reads it as integer)", refusal(parsed));
  }

  @Test
  void aKeyWithASpaceNamesNoParameterAndTheMessageShowsTheSpace() {
    Map<String, String> parsed = Selection.parseSettings("count=1, count=2");

    assertEquals(List.of("count", " count"), List.copyOf(parsed.keySet()));
    assertEquals("--set \" count\": no selected stack has a parameter \" count\"; known: count", refusal(parsed));
  }

  @Test
  void wellFormedItemsAreReadInOrder() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("count", "3");
    expected.put("name", "a=b");

    assertEquals(expected, Selection.parseSettings("count=3,name=a=b"));
    assertEquals(Map.of(), Selection.parseSettings(""));
    assertEquals(Map.of(), Selection.parseSettings(null));
  }

  @Test
  void anItemWithoutAnEqualsSignIsAUsageError() {
    assertEquals("portico.set: \" count\" should be KEY=VALUE (items separated by commas, without spaces)",
        assertThrows(UsageException.class, () -> Selection.parseSettings("a=1, count")).getMessage());
  }
}
