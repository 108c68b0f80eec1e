package dev.portico.bench;

import dev.portico.synth.Synthesis;
import dev.portico.synth.write.DriftCheck;
import dev.portico.synth.write.OutputFile;
import dev.portico.synth.write.OutputLayout;
import dev.portico.synth.write.OutputWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Phase write, on the rendered {@code --single-file} output: {@link OutputWriter#write} into a
 * fresh empty folder (what {@code portico synth} does the first time), and {@link DriftCheck#diff}
 * against an unchanged output (what {@code portico synth --check} does in CI). Folders are created
 * under {@code java.io.tmpdir}, outside the timed part.
 */
public class WriteBenchmark extends FleetBenchmark {
  List<OutputFile> files;
  List<String> scopes;
  Path unchanged;

  /** A new empty output folder for every {@link #write} call, removed after it, both untimed. */
  @State(Scope.Thread)
  public static class EmptyFolder {
    Path path;

    @Setup(Level.Invocation)
    public void create() {
      path = Fleet.newFolder("portico-bench-write-");
    }

    @TearDown(Level.Invocation)
    public void delete() {
      Fleet.deleteTree(path);
    }
  }

  @Setup
  public void setUp() throws IOException {
    Synthesis synthesis = Fleet.synthesize(apps);
    files = OutputLayout.files(synthesis, true);
    scopes = OutputLayout.scopes(synthesis);
    unchanged = Fleet.newFolder("portico-bench-check-");
    OutputWriter.write(unchanged, files, scopes);
    if (!check().isEmpty()) {
      throw new IllegalStateException("--check reports drift right after writing " + unchanged);
    }
  }

  @TearDown
  public void tearDown() {
    Fleet.deleteTree(unchanged);
  }

  /** {@code portico synth --single-file --out EMPTY}, after rendering. */
  @Benchmark
  public OutputWriter.Result write(EmptyFolder out) throws IOException {
    return OutputWriter.write(out.path, files, scopes);
  }

  /** {@code portico synth --single-file --check --out UNCHANGED}, after rendering. */
  @Benchmark
  public List<String> check() throws IOException {
    return DriftCheck.diff(unchanged, files, scopes);
  }
}
