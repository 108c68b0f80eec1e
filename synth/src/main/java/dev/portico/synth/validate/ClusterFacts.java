package dev.portico.synth.validate;

/**
 * What the rules assume about the cluster the objects are applied to, where clusters differ by the
 * API server's flags: for now the node-port range ({@code --service-node-port-range}, default
 * 30000-32767). Passed to {@link Validator}; immutable.
 *
 * @param nodePortMin the lowest node port the cluster allocates
 * @param nodePortMax the highest node port the cluster allocates
 */
public record ClusterFacts(int nodePortMin, int nodePortMax) {
  /** The API server's defaults. */
  public static final ClusterFacts DEFAULT = new ClusterFacts(30_000, 32_767);

  /** @throws IllegalArgumentException unless {@code 1 <= nodePortMin <= nodePortMax <= 65535} */
  public ClusterFacts {
    if (nodePortMin < 1 || nodePortMax > 65_535 || nodePortMin > nodePortMax) {
      throw new IllegalArgumentException("a node-port range is A-B with 1 <= A <= B <= 65535; got " + nodePortMin
          + "-" + nodePortMax);
    }
  }

  /**
   * The facts with the node-port range {@code text}, written {@code A-B} as the API server's
   * {@code --service-node-port-range} is, e.g. {@code 30000-32767}.
   *
   * @throws IllegalArgumentException for anything else, saying what is accepted
   */
  public static ClusterFacts nodePortRange(String text) {
    int dash = text == null ? -1 : text.indexOf('-');
    if (dash <= 0 || !digits(text.substring(0, dash)) || !digits(text.substring(dash + 1))) {
      throw new IllegalArgumentException("\"" + text + "\" is not a range: write A-B, two port numbers, e.g. 30000-32767");
    }
    int min = port(text.substring(0, dash), text);
    int max = port(text.substring(dash + 1), text);
    if (min > max) {
      throw new IllegalArgumentException("\"" + text + "\" ends below where it starts: write the lower port first, e.g. "
          + max + "-" + min);
    }
    return new ClusterFacts(min, max);
  }

  private static boolean digits(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static int port(String digits, String text) {
    if (digits.length() > 5 || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65_535) {
      throw new IllegalArgumentException("\"" + text + "\": " + digits + " is not a port number (1-65535)");
    }
    return Integer.parseInt(digits);
  }

  /** {@code 30000-32767}. */
  public String nodePorts() {
    return nodePortMin + "-" + nodePortMax;
  }

  /** True when {@code port} is in the node-port range. */
  public boolean isNodePort(int port) {
    return port >= nodePortMin && port <= nodePortMax;
  }

  /**
   * The node-port range as a message names it: {@code 30000-32767 (the default
   * --service-node-port-range)}, or {@code 20000-22767 (the range given)} when one was given.
   */
  public String describeNodePorts() {
    return nodePorts() + (equals(DEFAULT) ? " (the default --service-node-port-range)" : " (the range given)");
  }
}
