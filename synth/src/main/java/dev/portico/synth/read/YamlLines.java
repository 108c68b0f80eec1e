package dev.portico.synth.read;

import java.util.List;
import java.util.Map;

/**
 * The lines of a YAML value and of everything in it, shaped like the value: a map's fields by
 * name, a list's items by index. An alias shares the lines of the value it names (so a finding
 * inside it points where that value is written), at the alias's own line.
 *
 * @param line the 1-based line where the value (for a map field: its key) stands
 * @param fields a map's fields, else empty
 * @param items a list's items, else empty
 */
record YamlLines(int line, Map<String, YamlLines> fields, List<YamlLines> items) {

  static YamlLines scalar(int line) {
    return new YamlLines(line, Map.of(), List.of());
  }

  static YamlLines list(int line, List<YamlLines> items) {
    return new YamlLines(line, Map.of(), items);
  }

  static YamlLines map(int line, Map<String, YamlLines> fields) {
    return new YamlLines(line, fields, List.of());
  }

  /** The same value's lines, the value itself at {@code where}. */
  YamlLines at(int where) {
    return where == line ? this : new YamlLines(where, fields, items);
  }

  /**
   * The lines at {@code path} ({@code spec.ports[1].name}; a map key may also be written in
   * brackets, {@code metadata.labels[app.kubernetes.io/name]}), or at the deepest ancestor of it
   * that exists. A key with dots in it is matched whole: the longest key that fits is taken.
   */
  YamlLines find(String path) {
    YamlLines node = this;
    int at = 0;
    while (at < path.length()) {
      if (path.charAt(at) == '.') {
        at++;
      }
      YamlLines next = null;
      int end = at;
      if (at < path.length() && path.charAt(at) == '[') {
        int close = path.indexOf(']', at);
        if (close < 0) {
          break;
        }
        String inside = path.substring(at + 1, close);
        if (!node.items.isEmpty() && !inside.isEmpty() && inside.chars().allMatch(c -> c >= '0' && c <= '9')
            && inside.length() < 10) {
          int index = Integer.parseInt(inside);
          next = index < node.items.size() ? node.items.get(index) : null;
        } else {
          next = node.fields.get(inside);
        }
        end = close + 1;
      } else if (!node.fields.isEmpty()) {
        end = longestKey(node.fields, path, at);
        next = end < 0 ? null : node.fields.get(path.substring(at, end));
      }
      if (next == null) {
        break;
      }
      node = next;
      at = end;
    }
    return node;
  }

  /** Candidate keys looked up directly; beyond them the keys themselves are compared. */
  private static final int DIRECT_CANDIDATES = 32;
  private static final int DIRECT_LENGTH = 512;

  /**
   * Where the longest key of {@code fields} that {@code path} holds at {@code at} ends (at the end
   * of the path, a '.' or a '['), or -1. Linear in the path and the keys: the ends of short keys
   * are looked up directly, longest first; only when none is a key are the keys compared.
   */
  private static int longestKey(Map<String, YamlLines> fields, String path, int at) {
    int[] stops = new int[DIRECT_CANDIDATES];
    int count = 0;
    int limit = Math.min(path.length(), at + DIRECT_LENGTH);
    for (int i = at + 1; i <= limit; i++) {
      if (i == path.length() || path.charAt(i) == '.' || path.charAt(i) == '[') {
        stops[count++ % DIRECT_CANDIDATES] = i; // the last ones, the longest, are kept
      }
    }
    for (int n = 0; n < Math.min(count, DIRECT_CANDIDATES); n++) {
      int stop = stops[Math.floorMod(count - 1 - n, DIRECT_CANDIDATES)];
      if (fields.containsKey(path.substring(at, stop))) {
        return stop;
      }
    }
    int best = -1;
    for (String key : fields.keySet()) {
      int stop = at + key.length();
      if (stop > best && stop <= path.length() && path.startsWith(key, at)
          && (stop == path.length() || path.charAt(stop) == '.' || path.charAt(stop) == '[')) {
        best = stop;
      }
    }
    return best;
  }
}
