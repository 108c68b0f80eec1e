package dev.portico.synth.render;

/**
 * Receives an object's serialization as events, in the order and with the values Jackson's streaming
 * generator would receive them: what {@link ModelTokens} writes and {@link FastYaml} reads.
 */
interface TokenSink {
  void writeStartObject();

  void writeEndObject();

  void writeStartArray();

  void writeEndArray();

  void writeFieldName(String name);

  void writeString(String value);

  void writeNumber(int value);

  void writeNumber(long value);

  void writeNumber(double value);

  void writeBoolean(boolean value);
}
