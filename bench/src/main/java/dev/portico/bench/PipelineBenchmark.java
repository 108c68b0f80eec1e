package dev.portico.bench;

import dev.portico.dsl.StackDefinition;
import dev.portico.dsl.StackModel;
import dev.portico.synth.StackOutput;
import dev.portico.synth.Synthesis;
import dev.portico.synth.Synthesizer;
import dev.portico.synth.emit.StackEmitter;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.PodSet;
import dev.portico.synth.validate.Resource;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Validator;
import dev.portico.synth.write.OutputFile;
import dev.portico.synth.write.OutputLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The pipeline in memory, everything but the disk: {@link #emitValidateRender} from a frozen model
 * (the in-process target: at least 100,000 resources per second), and {@link
 * #synthesizeRender} from the stack definition through {@link Synthesizer#synthesize}, as the CLI
 * runs it, rendered as {@code --single-file} ({@link OutputLayout#files}).
 */
public class PipelineBenchmark extends FleetBenchmark {
  StackModel model;
  List<StackDefinition> stacks;
  Map<String, String> settings;

  @Setup
  public void setUp() {
    model = Fleet.define(apps);
    stacks = List.of(Fleet.definition());
    settings = Fleet.settings(apps);
    Fleet.requireNoErrors(Fleet.synthesize(apps).findings(), "synthesize");
  }

  /** Emit, validate and render one frozen stack, as {@link Synthesizer} and the CLI do. */
  @Benchmark
  public List<OutputFile> emitValidateRender(Blackhole blackhole) {
    List<Finding> findings = new ArrayList<>();
    List<Resource> resources = StackEmitter.emit(model, findings);
    List<PodSet> podSets = StackEmitter.podSets(model);
    findings.addAll(Validator.validate(resources, podSets, Scope.CLOSED));
    Synthesis synthesis = new Synthesis(
        List.of(new StackOutput(model.stack(), model.environment(), resources, podSets)), findings);
    blackhole.consume(synthesis.hasErrors());
    return OutputLayout.files(synthesis, true);
  }

  /** {@code portico synth --stack fleet --set apps=N --single-file} without the disk: define, emit, validate, render. */
  @Benchmark
  public List<OutputFile> synthesizeRender(Blackhole blackhole) {
    Synthesis synthesis = Synthesizer.synthesize(stacks, List.of(), settings);
    blackhole.consume(synthesis.hasErrors());
    return OutputLayout.files(synthesis, true);
  }
}
