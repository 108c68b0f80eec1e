package dev.portico.bench;

import dev.portico.dsl.Stack;
import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.StackModel;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/** Phase define: run the fleet's {@code define(Stack)} and freeze it ({@link Stack#define}). */
public class DefineBenchmark extends FleetBenchmark {
  StackDefinition definition;
  String environment;
  Map<String, Object> values;

  @Setup
  public void setUp() {
    definition = Fleet.definition();
    environment = Fleet.environment(definition);
    values = Fleet.values(definition, apps);
  }

  @Benchmark
  public StackModel define() {
    return Stack.define(definition, environment, values);
  }
}
