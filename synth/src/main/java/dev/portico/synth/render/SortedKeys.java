package dev.portico.synth.render;

import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;

/** A map's keys in the order Jackson's {@code ORDER_MAP_ENTRIES_BY_KEYS} writes them. */
final class SortedKeys {
  private SortedKeys() {}

  /** The keys, sorted as strings; null when one is null or not a string (those maps are left to Jackson). */
  static String[] of(Map<?, ?> map) {
    if (map instanceof SortedMap && ((SortedMap<?, ?>) map).comparator() != null) {
      return null; // Jackson keeps a sorted map's own order
    }
    String[] keys = new String[map.size()];
    int i = 0;
    for (Object key : map.keySet()) {
      if (!(key instanceof String)) {
        return null;
      }
      keys[i++] = (String) key;
    }
    if (i != keys.length) {
      return null; // changed while read
    }
    Arrays.sort(keys);
    return keys;
  }
}
