package dev.portico.bench;

import dev.portico.dsl.StackModel;
import dev.portico.synth.emit.StackEmitter;
import dev.portico.synth.validate.Finding;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/** Phase emit: a frozen model to fabric8 objects and the pods they select ({@link StackEmitter}). */
public class EmitBenchmark extends FleetBenchmark {
  StackModel model;

  @Setup
  public void setUp() {
    model = Fleet.define(apps);
    Fleet.emit(model);
  }

  @Benchmark
  public void emit(Blackhole blackhole) {
    List<Finding> findings = new ArrayList<>();
    blackhole.consume(StackEmitter.emit(model, findings));
    blackhole.consume(StackEmitter.podSets(model));
    blackhole.consume(findings);
  }
}
