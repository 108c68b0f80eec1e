package dev.portico.synth.read;

import static dev.portico.synth.validate.Messages.quote;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a YAML tree against the shape of a fabric8 model class before it is converted: every
 * field known, every value of the right type. This is what the API server's strict decoding
 * rejects ({@code unknown field}, {@code cannot unmarshal string into ... of type int32}); all such
 * problems are reported, not just the first.
 */
final class SchemaCheck {
  /** Receives one problem. */
  interface Sink {
    void report(String rule, String path, String message);
  }

  private final ObjectMapper mapper;
  private final Map<Class<?>, Map<String, JavaType>> properties = new ConcurrentHashMap<>();
  private final Map<Class<?>, List<String>> enumValues = new ConcurrentHashMap<>();
  /** Names of which at most one may be set, by class (Istio's oneOf fields). */
  private final Map<Class<?>, List<Set<String>>> oneOfGroups = new ConcurrentHashMap<>();

  private static final SchemaCheck SHARED = new SchemaCheck(dev.portico.synth.render.YamlRenderer.mapper());

  SchemaCheck(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** One instance for the renderer's mapper, so the model classes are introspected once per process. */
  static SchemaCheck shared() {
    return SHARED;
  }

  void check(JsonNode node, Class<?> type, Sink sink) {
    check(node, mapper.constructType(type), "", sink);
  }

  private void check(JsonNode node, JavaType type, String path, Sink sink) {
    if (node == null || node.isNull()) {
      return;
    }
    Class<?> raw = type.getRawClass();
    if (raw == String.class || raw.isEnum()) {
      if (!node.isTextual()) {
        sink.report("schema.type", path, describe(node) + " must be a string"
            + (node.isValueNode() ? "; quote it: " + quote(node.asText()) : ""));
      } else if (raw.isEnum()) {
        enumValue(node.asText(), raw, path, sink);
      }
    } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
      boolean fits = node.isIntegralNumber() && (raw == Long.class || raw == long.class ? node.canConvertToLong()
          : node.canConvertToInt());
      if (!fits) {
        sink.report("schema.type", path, describe(node) + " must be an integer"
            + (node.isTextual() && node.asText().matches("-?[0-9]+") ? "; remove the quotes" : ""));
      }
    } else if (raw == Boolean.class || raw == boolean.class) {
      if (!node.isBoolean()) {
        sink.report("schema.type", path, describe(node) + " must be true or false");
      }
    } else if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
      if (!node.isNumber()) {
        sink.report("schema.type", path, describe(node) + " must be a number");
      }
    } else if (raw == IntOrString.class) {
      if (!node.isTextual() && !node.isIntegralNumber()) {
        sink.report("schema.type", path, describe(node) + " must be a port number or a port name");
      } else if (node.isIntegralNumber() && !node.canConvertToInt()) {
        sink.report("schema.type", path, describe(node) + " is too large for a port number");
      }
    } else if (raw == Quantity.class) {
      if (!node.isTextual() && !node.isNumber()) {
        sink.report("schema.type", path, describe(node) + " must be a quantity such as \"100m\" or 2");
      }
    } else if (Collection.class.isAssignableFrom(raw)) {
      if (!node.isArray()) {
        sink.report("schema.type", path, describe(node) + " must be a list");
        return;
      }
      for (int i = 0; i < node.size(); i++) {
        if (node.get(i).isNull()) {
          // Go would decode a zero value; here it would be a null the rules cannot check
          sink.report("schema.type", path + "[" + i + "]", "an empty list item (null) is not allowed; fill it in or "
              + "remove it (a lone '-' in YAML is an empty item)");
          continue;
        }
        check(node.get(i), type.getContentType(), path + "[" + i + "]", sink);
      }
    } else if (Map.class.isAssignableFrom(raw)) {
      if (!node.isObject()) {
        sink.report("schema.type", path, describe(node) + " must be a map");
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        var entry = it.next();
        check(entry.getValue(), type.getContentType(), path + "." + entry.getKey(), sink);
      }
    } else if (raw.getName().startsWith("io.fabric8.")) {
      if (!node.isObject()) {
        sink.report("schema.type", path, describe(node) + " must be an object (a map of fields)");
        return;
      }
      Map<String, JavaType> fields = properties.computeIfAbsent(raw, this::fieldsOf);
      oneOf(node, raw, path, sink);
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        var entry = it.next();
        String child = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
        JavaType fieldType = fields.get(entry.getKey());
        if (fieldType == null) {
          sink.report("schema.unknown-field", child, "unknown field " + quote(entry.getKey())
              + suggestion(entry.getKey(), fields) + "; known fields here: " + String.join(", ", fields.keySet()));
        } else {
          check(entry.getValue(), fieldType, child, sink);
        }
      }
    }
  }

  private Map<String, JavaType> fieldsOf(Class<?> raw) {
    BeanDescription description = mapper.getDeserializationConfig().introspect(mapper.constructType(raw));
    Map<String, JavaType> fields = new TreeMap<>();
    List<Set<String>> groups = new ArrayList<>();
    for (BeanPropertyDefinition property : description.findProperties()) {
      if (!property.hasSetter() && !property.hasField() && !property.hasConstructorParameter()) {
        continue;
      }
      Class<?> type = property.getPrimaryType().getRawClass();
      JsonSubTypes subtypes = type.getAnnotation(JsonSubTypes.class);
      if (property.getPrimaryMember().hasAnnotation(JsonUnwrapped.class) && subtypes != null) {
        // Istio's oneOf fields: an unwrapped interface whose subtypes each hold one of the alternatives
        Set<String> group = new TreeSet<>();
        for (JsonSubTypes.Type subtype : subtypes.value()) {
          Map<String, JavaType> alternative = fieldsOf(subtype.value()); // not cached: no nested update of the cache
          fields.putAll(alternative);
          group.addAll(alternative.keySet());
        }
        groups.add(group);
      } else {
        fields.put(property.getName(), property.getPrimaryType());
      }
    }
    fields.remove("additionalProperties");
    if (!groups.isEmpty()) {
      oneOfGroups.put(raw, groups);
    }
    return fields;
  }

  /**
   * An enum's value exactly as the API spells it: fabric8 reads enums case-insensitively and turns
   * unknown values into null, where the API server rejects both.
   */
  private void enumValue(String text, Class<?> raw, String path, Sink sink) {
    List<String> values = enumValues.computeIfAbsent(raw, type -> {
      List<String> names = new ArrayList<>();
      for (Object constant : type.getEnumConstants()) {
        names.add(mapper.convertValue(constant, String.class));
      }
      return names;
    });
    if (values.contains(text)) {
      return;
    }
    String suggestion = values.stream().filter(value -> value.equalsIgnoreCase(text)).findFirst().orElse(null);
    sink.report("schema.enum", path, quote(text) + " is not supported; use " + String.join(", ", values)
        + " (case-sensitive)" + (suggestion == null ? "" : "; try " + quote(suggestion)));
  }

  /** At most one alternative of each oneOf group of {@code raw} is set. */
  private void oneOf(JsonNode node, Class<?> raw, String path, Sink sink) {
    for (Set<String> group : oneOfGroups.getOrDefault(raw, List.of())) {
      List<String> present = new ArrayList<>();
      for (String name : group) {
        if (node.has(name)) {
          present.add(name);
        }
      }
      if (present.size() > 1) {
        sink.report("schema.one-of", path.isEmpty() ? present.get(1) : path + "." + present.get(1),
            "only one of " + String.join(", ", group) + " may be set here; found " + String.join(" and ", present));
      }
    }
  }

  /** A field whose name differs only in case, e.g. "targetport" for "targetPort". */
  private static String suggestion(String name, Map<String, JavaType> fields) {
    for (String field : fields.keySet()) {
      if (field.equalsIgnoreCase(name)) {
        return "; did you mean " + quote(field) + "?";
      }
    }
    return "";
  }

  /** {@code the string "x"}, {@code the number 5}, {@code a list}, ...: a value as messages name it. */
  static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "the string " + quote(node.asText());
    }
    if (node.isNumber()) {
      return "the number " + node.asText();
    }
    if (node.isBoolean()) {
      return "the boolean " + node.asText();
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a map";
    }
    return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }
}
