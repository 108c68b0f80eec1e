package dev.portico.synth.cli;

import dev.portico.synth.UsageException;
import dev.portico.synth.run.ValidateRun;
import dev.portico.synth.validate.ClusterFacts;
import picocli.CommandLine.Option;

/** What synth and validate assume about the cluster, where clusters differ: {@code --node-port-range}. */
final class ClusterOptions {

  @Option(names = "--node-port-range", paramLabel = "A-B",
      description = "The cluster's node-port range, as its API server's --service-node-port-range (default: "
          + "30000-32767): node ports and health-check node ports outside it are errors (service.node-port-range, "
          + "service.health-check-node-port).")
  String nodePortRange;

  /**
   * The facts the options give.
   *
   * @throws UsageException for a range that is not A-B with 1 <= A <= B <= 65535
   */
  ClusterFacts facts() {
    return ValidateRun.clusterFacts(nodePortRange, "--node-port-range");
  }
}
