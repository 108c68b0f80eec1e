package dev.portico.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.synth.write.OutputWriter;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Each benchmark's setup and one call of each benchmark method, on a fleet of 10 apps: what
 * {@code mvn verify} checks so that {@code bench/run} does not fail after minutes. No timing.
 */
class BenchmarkSetupTest {
  private static final int APPS = 10;
  private static final Blackhole BLACKHOLE = new Blackhole(
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

  @Test
  void fleetHasTwoResourcesAnApp() {
    assertEquals(2 * APPS, Fleet.resourceCount(APPS));
  }

  @Test
  void define() {
    DefineBenchmark benchmark = sized(new DefineBenchmark());
    benchmark.setUp();
    assertEquals(APPS, benchmark.define().apps().size());
  }

  @Test
  void emit() {
    EmitBenchmark benchmark = sized(new EmitBenchmark());
    benchmark.setUp();
    benchmark.emit(BLACKHOLE);
  }

  @Test
  void validate() {
    ValidateBenchmark benchmark = sized(new ValidateBenchmark());
    benchmark.setUp();
    assertEquals(2 * APPS, benchmark.resources.size());
    assertTrue(benchmark.validate().stream().noneMatch(finding -> finding.isError()));
  }

  @Test
  void render() {
    RenderBenchmark benchmark = sized(new RenderBenchmark());
    benchmark.setUp();
    assertTrue(benchmark.renderAll().contains("name: app-0010"));
    benchmark.renderEach(BLACKHOLE);
  }

  @Test
  void write() throws Exception {
    WriteBenchmark benchmark = sized(new WriteBenchmark());
    benchmark.setUp();
    try {
      WriteBenchmark.EmptyFolder out = new WriteBenchmark.EmptyFolder();
      out.create();
      OutputWriter.Result result = benchmark.write(out);
      assertEquals(new OutputWriter.Result(1, 0, 0), result);
      out.delete();
      assertFalse(Files.exists(out.path));
      assertTrue(benchmark.check().isEmpty());
    } finally {
      benchmark.tearDown();
    }
    assertFalse(Files.exists(benchmark.unchanged));
  }

  @Test
  void pipeline() {
    PipelineBenchmark benchmark = sized(new PipelineBenchmark());
    benchmark.setUp();
    assertEquals(benchmark.synthesizeRender(BLACKHOLE), benchmark.emitValidateRender(BLACKHOLE));
  }

  @Test
  void convertsJmhUnitsToOperationsPerSecond() {
    assertEquals(2.0, BenchMain.opsPerSecond(2.0, "ops/s"), 1e-9);
    assertEquals(2000.0, BenchMain.opsPerSecond(2.0, "ops/ms"), 1e-9);
    assertEquals(4.0, BenchMain.opsPerSecond(250.0, "ms/op"), 1e-9);
    assertEquals(0.5, BenchMain.opsPerSecond(2.0, "s/op"), 1e-9);
  }

  private static <T extends FleetBenchmark> T sized(T benchmark) {
    benchmark.apps = APPS;
    return benchmark;
  }
}
