package dev.portico.synth.write;

import java.util.List;

/**
 * Which of the files Portico wrote before a run may prune: all of them after a full run (every
 * registered stack, every environment: what no stack and environment produces any more is stale),
 * or only those within the stack environments a partial run ({@code --stack}, {@code --env})
 * synthesized, so that other stacks' and environments' files are left alone.
 */
public final class OutputScope {
  private static final OutputScope EVERYTHING = new OutputScope(null);

  /** Path prefixes ({@code shop/prod/}, {@code shop/prod.yaml}); null for everything. */
  private final List<String> within;

  private OutputScope(List<String> within) {
    this.within = within == null ? null : List.copyOf(within);
  }

  /** A full run's scope: every file Portico wrote before. */
  public static OutputScope everything() {
    return EVERYTHING;
  }

  /**
   * A partial run's scope.
   *
   * @param within folders (ending in {@code /}) and files, relative to the output folder, e.g.
   *     {@link OutputLayout#scopes}
   */
  public static OutputScope within(List<String> within) {
    return new OutputScope(within);
  }

  /** Whether a run with this scope owns {@code path} (relative, '/'-separated). */
  public boolean contains(String path) {
    if (within == null) {
      return true;
    }
    for (String scope : within) {
      if (scope.endsWith("/") ? path.startsWith(scope) : path.equals(scope)) {
        return true;
      }
    }
    return false;
  }

  /**
   * For the summary: empty for a full run; else which stack environments were compared and
   * pruned, e.g. {@code "partial run: only shop/prod, shop/staging synthesized and pruned"}.
   */
  public String note() {
    if (within == null) {
      return "";
    }
    List<String> folders = within.stream().filter(scope -> scope.endsWith("/"))
        .map(scope -> scope.substring(0, scope.length() - 1)).distinct().sorted().toList();
    return "partial run: only " + (folders.isEmpty() ? "nothing" : String.join(", ", folders))
        + " synthesized and pruned";
  }

  @Override
  public String toString() {
    return within == null ? "everything" : within.toString();
  }
}
