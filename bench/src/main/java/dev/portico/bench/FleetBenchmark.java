package dev.portico.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every benchmark shares: the fleet's size and a short default run (one fork, 3 warm-up and
 * 5 measured iterations of a second), each overridable on the JMH command line ({@code -f},
 * {@code -wi}, {@code -i}, {@code -w}, {@code -r}, {@code -p apps=...}, {@code -jvmArgs}).
 *
 * <p>One operation is one pass over the whole fleet; the score is operations per second, which
 * {@link BenchMain} multiplies by {@link Fleet#resourceCount} (two resources an app) to report
 * resources per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public abstract class FleetBenchmark {
  /** How many apps the fleet has ({@code --set apps=N}). */
  @Param({"100", "1000", "10000"})
  public int apps;
}
