package dev.portico.synth.read;

/**
 * Where a value stands in a parsed tree, as a chain to the root, so that a path string such as
 * {@code spec.ports[0].name} is made only for a problem or a repair (one per value would cost
 * memory in proportion to depth times size, and more time than the rest of a check). Shared by
 * {@link YamlDocuments} and {@link SchemaCheck}.
 */
record Where(Where parent, String key, int index) {
  static final Where ROOT = new Where(null, null, -1);

  Where field(String name) {
    return new Where(this, name, -1);
  }

  Where item(int i) {
    return new Where(this, null, i);
  }

  /** {@code spec.ports[0].name}; "" for the root. */
  String path() {
    if (parent == null) {
      return "";
    }
    String above = parent.path();
    if (key == null) {
      return above + "[" + index + "]";
    }
    return above.isEmpty() ? key : above + "." + key;
  }
}
