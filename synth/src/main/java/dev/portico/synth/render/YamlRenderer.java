package dev.portico.synth.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.portico.synth.Parallel;
import java.io.IOException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Deterministic YAML: fields in the Kubernetes order fabric8 declares (apiVersion, kind,
 * metadata, spec), map entries sorted by key, no nulls, no empty collections, no status, no
 * timestamps, '\n' line ends, no line wrapping, and only the quotes a YAML 1.1 reader needs.
 */
public final class YamlRenderer {
  private static final YamlQuoting QUOTING = new YamlQuoting();

  private YamlRenderer() {}

  /** The mapper Portico writes and reads YAML with. */
  public static YAMLMapper mapper() {
    return Mappers.YAML;
  }

  /** Created on first use: a synth whose objects {@link ModelTokens} covers never builds Jackson's serializers. */
  private static final class Mappers {
    static final YAMLMapper YAML = createMapper();
    static final JsonMapper JSON = JsonMapper.builder()
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .build();
  }

  private static YAMLMapper createMapper() {
    YAMLFactory factory = YAMLFactory.builder()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .disable(YAMLGenerator.Feature.SPLIT_LINES)
        .disable(YAMLGenerator.Feature.USE_PLATFORM_LINE_BREAKS)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
        .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
        .stringQuotingChecker(QUOTING)
        .build();
    YAMLMapper mapper = YAMLMapper.builder(factory)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .build();
    mapper.setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY,
        JsonInclude.Include.NON_NULL));
    return mapper;
  }

  /**
   * One object as a YAML document (no leading {@code ---}), ending in a newline. The common case
   * is written directly ({@link FastYaml}); the rest through Jackson and SnakeYAML, with the same
   * bytes either way.
   */
  public static String render(HasMetadata object) {
    String fast = renderFast(object);
    return fast != null ? fast : renderReference(object);
  }

  /** {@link #render} by {@link FastYaml}; null when the object is not the common case. */
  static String renderFast(Object object) {
    // the object's serialization, sorted and filtered as configured, straight into the fast writer: from
    // the generated ModelTokens where it covers the object, else replayed from Jackson's serializers
    FastYaml fast = FAST.get();
    fast.reset();
    if (ModelTokens.write(object, fast)) {
      return fast.result();
    }
    try {
      TokenBuffer tokens = new TokenBuffer(mapper(), false);
      mapper().writeValue(tokens, object);
      try (JsonParser parser = tokens.asParser()) {
        return fast.write(parser);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render " + object.getClass().getSimpleName(), e);
    }
  }

  /** {@link #render} through Jackson's YAML generator and SnakeYAML only: the reference the fast path matches. */
  static String renderReference(Object object) {
    try {
      return mapper().writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot render " + object.getClass().getSimpleName(), e);
    }
  }

  private static final ThreadLocal<FastYaml> FAST = ThreadLocal.withInitial(() -> new FastYaml(QUOTING));

  /** Several objects as one multi-document stream, separated by {@code ---}. */
  public static String renderAll(List<? extends HasMetadata> objects) {
    return join(renderEach(objects));
  }

  /** {@link #render} of each object, in their order, on {@link Parallel#threads()} threads. */
  public static List<String> renderEach(List<? extends HasMetadata> objects) {
    return Parallel.map(objects, YamlRenderer::render);
  }

  /** Rendered documents as one multi-document stream, each after a {@code ---} line. */
  public static String join(List<String> documents) {
    int length = 0;
    for (String document : documents) {
      length += document.length() + 4;
    }
    StringBuilder sb = new StringBuilder(length);
    for (String document : documents) {
      sb.append("---\n").append(document);
    }
    return sb.toString();
  }

  /** JSON for machine-readable output, with the same ordering rules. */
  public static JsonMapper jsonMapper() {
    return Mappers.JSON;
  }
}
