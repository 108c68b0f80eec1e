package dev.portico.synth;

import dev.portico.synth.validate.Finding;
import java.util.List;

/**
 * The result of synthesizing stacks: their outputs and every finding about them.
 *
 * @param outputs one per stack and environment, sorted by stack then environment order
 * @param findings all findings, sorted
 */
public record Synthesis(List<StackOutput> outputs, List<Finding> findings) {
  public Synthesis {
    outputs = List.copyOf(outputs);
    findings = List.copyOf(findings);
  }

  /** True when any finding is an error: nothing may be written. */
  public boolean hasErrors() {
    return findings.stream().anyMatch(Finding::isError);
  }

  /** The number of objects synthesized. */
  public int resourceCount() {
    return outputs.stream().mapToInt(output -> output.resources().size()).sum();
  }
}
