package dev.portico.synth.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutputLockTest {
  @Test
  void lockTimesAreWrittenAsInstantWritesThem() {
    long seed = Long.getLong("portico.seed", 14L);
    Random random = new Random(seed);
    long[] fixed = {0L, 951_782_400L /* 2000-02-29 */, 4_102_444_799L /* 2099-12-31T23:59:59 */, 1_796_591_045L};
    for (long second : fixed) {
      Instant instant = Instant.ofEpochSecond(second, 999_999_999);
      assertEquals(instant.truncatedTo(ChronoUnit.SECONDS).toString(), OutputLock.utc(instant));
    }
    for (int i = 0; i < 10_000; i++) {
      Instant instant = Instant.ofEpochSecond(Math.floorMod(random.nextLong(), 7_258_118_400L), random.nextInt(1_000_000_000));
      assertEquals(instant.truncatedTo(ChronoUnit.SECONDS).toString(), OutputLock.utc(instant),
          () -> "seed " + seed + " (replay with -Dportico.seed=" + seed + ")");
    }
  }
}
