package dev.portico.synth.emit;

import dev.portico.dsl.SourceLocation;
import dev.portico.synth.validate.Locator;
import java.util.HashMap;
import java.util.Map;

/** Field paths of an emitted object mapped to the Java lines that declared them. */
final class SourceLocator implements Locator {
  private final SourceLocation object;
  private final Map<String, SourceLocation> fields = new HashMap<>();

  SourceLocator(SourceLocation object) {
    this.object = object;
  }

  SourceLocator put(String path, SourceLocation location) {
    fields.put(path, location);
    return this;
  }

  @Override
  public SourceLocation locate(String path) {
    for (String p = path; !p.isEmpty(); p = Locator.parent(p)) {
      SourceLocation location = fields.get(p);
      if (location != null) {
        return location;
      }
    }
    return object;
  }
}
