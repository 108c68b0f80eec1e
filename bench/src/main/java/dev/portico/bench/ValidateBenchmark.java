package dev.portico.bench;

import dev.portico.synth.StackOutput;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Validator;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Phase validate: every field rule and cross-resource analyzer over the emitted objects, in the
 * closed scope {@code portico synth} uses ({@link Validator#validate}).
 */
public class ValidateBenchmark extends FleetBenchmark {
  List<Resource> resources;
  List<PodSet> podSets;

  @Setup
  public void setUp() {
    StackOutput output = Fleet.emit(Fleet.define(apps));
    resources = output.resources();
    podSets = output.apps();
    Fleet.requireNoErrors(validate(), "validate");
  }

  @Benchmark
  public List<Finding> validate() {
    return Validator.validate(resources, podSets, Scope.CLOSED);
  }
}
