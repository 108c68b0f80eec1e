package dev.portico.synth.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Test oracle: {@link ModelTokens} against Jackson, token by token. */
public final class TokensOracle {
  private TokensOracle() {}

  /**
   * True when {@link ModelTokens} covers {@code object}; then its tokens must equal those of Portico's
   * Jackson mapper (an assertion error otherwise). False when it declines.
   */
  public static boolean coveredAndEqual(Object object) {
    try (TokenBuffer generated = new TokenBuffer(null, false);
        TokenBuffer reference = new TokenBuffer(YamlRenderer.mapper(), false)) {
      boolean covered = ModelTokens.write(object, sink(generated));
      if (covered) {
        YamlRenderer.mapper().writeValue(reference, object);
        assertEquals(tokens(reference), tokens(generated), () -> "tokens of " + object);
      }
      return covered;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link ModelTokens}' events into Jackson's generator. */
  private static TokenSink sink(JsonGenerator generator) {
    return new TokenSink() {
      @Override
      public void writeStartObject() {
        run(generator::writeStartObject);
      }

      @Override
      public void writeEndObject() {
        run(generator::writeEndObject);
      }

      @Override
      public void writeStartArray() {
        run(generator::writeStartArray);
      }

      @Override
      public void writeEndArray() {
        run(generator::writeEndArray);
      }

      @Override
      public void writeFieldName(String name) {
        run(() -> generator.writeFieldName(name));
      }

      @Override
      public void writeString(String value) {
        run(() -> generator.writeString(value));
      }

      @Override
      public void writeNumber(int value) {
        run(() -> generator.writeNumber(value));
      }

      @Override
      public void writeNumber(long value) {
        run(() -> generator.writeNumber(value));
      }

      @Override
      public void writeNumber(double value) {
        run(() -> generator.writeNumber(value));
      }

      @Override
      public void writeBoolean(boolean value) {
        run(() -> generator.writeBoolean(value));
      }
    };
  }

  private interface Write {
    void run() throws IOException;
  }

  private static void run(Write write) {
    try {
      write.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> tokens(TokenBuffer buffer) throws IOException {
    List<String> tokens = new ArrayList<>();
    try (JsonParser parser = buffer.asParser()) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        String value = token.isNumeric() ? parser.getNumberType() + " " + parser.getNumberValue()
            : token == JsonToken.FIELD_NAME ? parser.currentName() : parser.getText();
        tokens.add(token + " " + value);
      }
    }
    return tokens;
  }
}
