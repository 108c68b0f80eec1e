package dev.portico.synth.write;

import java.util.Objects;

/**
 * A file Portico writes, relative to the output folder ('/'-separated), with its content.
 *
 * @param path e.g. {@code shop/prod/service-web.yaml}
 * @param content the YAML text
 */
public record OutputFile(String path, String content) {
  public OutputFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
  }
}
