package dev.portico.synth.run;

import dev.portico.synth.UsageException;
import dev.portico.synth.read.ManifestReader;
import dev.portico.synth.validate.Finding;
import dev.portico.synth.validate.Scope;
import dev.portico.synth.validate.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** {@code portico validate} and {@code portico:validate}: the rules over YAML files and folders. */
public final class ValidateRun {
  private ValidateRun() {}

  /**
   * What a run found.
   *
   * @param exitCode 0, or 1 when there is an error
   * @param findings every finding, sorted
   * @param summary one line, e.g. {@code portico validate: 3 documents, 3 objects checked; 0 errors, 1 warning (0.20 s)}
   */
  public record Result(int exitCode, List<Finding> findings, String summary) {
    public Result {
      findings = List.copyOf(findings);
    }
  }

  /**
   * Validates {@code paths}: files, folders (every {@code .yaml}/{@code .yml} below them), {@code -} for {@code stdin}.
   *
   * @throws UsageException when a path does not exist or holds no YAML file
   */
  public static Result run(List<String> paths, InputStream stdin) throws IOException {
    long start = System.nanoTime();
    ManifestReader.Input input = ManifestReader.read(paths, stdin);
    List<Finding> findings = new ArrayList<>(input.findings());
    findings.addAll(Validator.validate(input.resources(), input.podSets(), Scope.OPEN));
    findings.sort(Finding.ORDER);
    long errors = Counts.errors(findings);
    return new Result(errors > 0 ? 1 : 0, findings, "portico validate: " + Counts.plural(input.documents(), "document")
        + ", " + Counts.plural(input.resources().size(), "object") + " checked; " + Counts.findings(findings)
        + " (" + Counts.seconds(start) + ")");
  }
}
