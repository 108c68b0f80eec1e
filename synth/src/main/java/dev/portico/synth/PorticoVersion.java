package dev.portico.synth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Portico's version, as built (e.g. {@code 0.1.0-SNAPSHOT}): for {@code --version} and reports. */
public final class PorticoVersion {
  private PorticoVersion() {}

  /** The version this library was built as. */
  public static String get() {
    try (InputStream in = PorticoVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
