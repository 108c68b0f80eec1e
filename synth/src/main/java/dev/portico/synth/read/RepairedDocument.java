package dev.portico.synth.read;

import dev.portico.dsl.SourceLocation;
import dev.portico.synth.validate.Locator;
import java.util.Locale;
import java.util.Set;

/**
 * A document whose object was read leniently after schema findings: located as the document is,
 * and knowing which paths {@link SchemaCheck#checkAndRepair} dropped or coerced (lower-cased, so a
 * field written {@code targetport} also covers {@code targetPort}).
 */
record RepairedDocument(YamlDocument document, Set<String> repaired) implements Locator {
  @Override
  public SourceLocation locate(String path) {
    return document.locate(path);
  }

  @Override
  public boolean isRepaired(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    for (String repair : repaired) {
      if (lower.equals(repair) || lower.startsWith(repair)
          && (lower.charAt(repair.length()) == '.' || lower.charAt(repair.length()) == '[')) {
        return true;
      }
    }
    return false;
  }
}
