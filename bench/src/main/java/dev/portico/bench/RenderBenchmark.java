package dev.portico.bench;

import dev.portico.synth.render.YamlRenderer;
import dev.portico.synth.validate.Resource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Phase render: the emitted objects to YAML ({@link YamlRenderer}), as one multi-document string
 * ({@code --single-file}) and as one string an object (the default folder layout).
 */
public class RenderBenchmark extends FleetBenchmark {
  List<HasMetadata> objects;

  @Setup
  public void setUp() {
    objects = Fleet.synthesize(apps).outputs().stream()
        .flatMap(output -> output.resources().stream())
        .map(Resource::object)
        .toList();
  }

  /** {@code --single-file}: one multi-document YAML. */
  @Benchmark
  public String renderAll() {
    return YamlRenderer.renderAll(objects);
  }

  /** The folder layout: one YAML document an object. */
  @Benchmark
  public void renderEach(Blackhole blackhole) {
    for (HasMetadata object : objects) {
      blackhole.consume(YamlRenderer.render(object));
    }
  }
}
