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
        // the longest key that ends where a path segment may end
        for (int stop = path.length(); stop > at && next == null; stop--) {
          if (stop == path.length() || path.charAt(stop) == '.' || path.charAt(stop) == '[') {
            next = node.fields.get(path.substring(at, stop));
            end = stop;
          }
        }
      }
      if (next == null) {
        break;
      }
      node = next;
      at = end;
    }
    return node;
  }
}
