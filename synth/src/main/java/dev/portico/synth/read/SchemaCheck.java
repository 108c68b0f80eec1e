package dev.portico.synth.read;

import static dev.portico.synth.validate.Messages.quote;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
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
 * problems are reported, not just the first. A tree with problems can be repaired in place
 * ({@link #checkAndRepair}) so that the rest of the object is still checked.
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

  /** Checks {@code node} against {@code type}, reporting every problem; changes nothing. */
  void check(JsonNode node, Class<?> type, Sink sink) {
    new Walk(sink, false, false).check(node, mapper.constructType(type), Where.ROOT);
  }

  /**
   * Checks {@code node} as {@link #check} does and repairs it in place, so that what can still be
   * checked is: a value of the wrong type is coerced where its meaning is plain (the string
   * {@code "80"} where an integer belongs, the number 8080 where a string belongs), else dropped, as
   * are unknown fields, unsupported enum values, later alternatives of a oneOf and list items that
   * cannot be read (with the list's later items). A tree without problems is left untouched.
   *
   * @return the paths whose values were dropped or coerced (findings there would repeat these)
   */
  Set<String> checkAndRepair(JsonNode node, Class<?> type, Sink sink) {
    Walk walk = new Walk(sink, true, false);
    walk.check(node, mapper.constructType(type), Where.ROOT);
    return walk.repaired;
  }

  /**
   * Checks a strategic-merge patch of {@code type}: field names and value types as in an object,
   * but the patch directives ({@code $patch}, {@code $retainKeys}, {@code $setElementOrder/...},
   * {@code $deleteFromPrimitiveList/...}) are not fields, and what a patch leaves out is not missing.
   */
  void checkPatch(JsonNode node, Class<?> type, Sink sink) {
    new Walk(sink, false, true).check(node, mapper.constructType(type), Where.ROOT);
  }

  /** One walk over a tree. */
  private final class Walk {
    private final Sink sink;
    private final boolean repair;
    private final boolean patch;
    /** Lower-cased paths whose values were dropped or coerced. */
    final Set<String> repaired = new java.util.HashSet<>();

    Walk(Sink sink, boolean repair, boolean patch) {
      this.sink = sink;
      this.repair = repair;
      this.patch = patch;
    }

    /** Records a repair at {@code path}: {@code replacement} takes the value's place, or null drops it. */
    private JsonNode repaired(String path, JsonNode replacement) {
      repaired.add(path.toLowerCase(java.util.Locale.ROOT));
      return replacement;
    }

    /** Checks {@code node}; returns it to keep it, another node to put in its place, or null to drop it. */
    JsonNode check(JsonNode node, JavaType type, Where where) {
      if (node == null || node.isNull()) {
        return node;
      }
      Class<?> raw = type.getRawClass();
      if (raw == String.class || raw.isEnum()) {
        if (!node.isTextual()) {
          sink.report("schema.type", where.path(), describe(node) + " must be a string"
              + (node.isValueNode() ? "; quote it: " + quote(node.asText()) : ""));
          return repaired(where.path(),
              node.isValueNode() && raw == String.class ? TextNode.valueOf(node.asText()) : null);
        } else if (raw.isEnum() && !enumValue(node.asText(), raw, where, sink)) {
          return repaired(where.path(), null);
        }
      } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
        boolean isLong = raw == Long.class || raw == long.class;
        boolean fits = node.isIntegralNumber() && (isLong ? node.canConvertToLong() : node.canConvertToInt());
        if (!fits) {
          boolean quoted = node.isTextual() && node.asText().matches("-?[0-9]+");
          sink.report("schema.type", where.path(),
              describe(node) + " must be an integer" + (quoted ? "; remove the quotes" : ""));
          return repaired(where.path(), quoted ? integer(node.asText(), isLong) : null);
        }
      } else if (raw == Boolean.class || raw == boolean.class) {
        if (!node.isBoolean()) {
          sink.report("schema.type", where.path(), describe(node) + " must be true or false");
          return repaired(where.path(), null);
        }
      } else if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
        if (!node.isNumber()) {
          sink.report("schema.type", where.path(), describe(node) + " must be a number");
          return repaired(where.path(), null);
        }
      } else if (raw == IntOrString.class) {
        if (!node.isTextual() && !node.isIntegralNumber()) {
          sink.report("schema.type", where.path(), describe(node) + " must be a port number or a port name");
          return repaired(where.path(), null);
        } else if (node.isIntegralNumber() && !node.canConvertToInt()) {
          sink.report("schema.type", where.path(), describe(node) + " is too large for a port number");
          return repaired(where.path(), null);
        }
      } else if (raw == Quantity.class) {
        if (!node.isTextual() && !node.isNumber()) {
          sink.report("schema.type", where.path(), describe(node) + " must be a quantity such as \"100m\" or 2");
          return repaired(where.path(), null);
        }
      } else if (Collection.class.isAssignableFrom(raw)) {
        if (!node.isArray()) {
          sink.report("schema.type", where.path(), describe(node) + " must be a list");
          return repaired(where.path(), null);
        }
        list((ArrayNode) node, type.getContentType(), where);
      } else if (Map.class.isAssignableFrom(raw)) {
        if (!node.isObject()) {
          sink.report("schema.type", where.path(), describe(node) + " must be a map");
          return repaired(where.path(), null);
        }
        Map<String, JsonNode> changes = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          var entry = it.next();
          JsonNode kept = check(entry.getValue(), type.getContentType(), where.field(entry.getKey()));
          if (kept != entry.getValue()) {
            changes = change(changes, entry.getKey(), kept);
          }
        }
        apply((ObjectNode) node, changes);
      } else if (raw.getName().startsWith("io.fabric8.")) {
        if (!node.isObject()) {
          sink.report("schema.type", where.path(), describe(node) + " must be an object (a map of fields)");
          return repaired(where.path(), null);
        }
        object((ObjectNode) node, raw, where);
      }
      return node;
    }

    private void list(ArrayNode list, JavaType itemType, Where where) {
      int unreadable = -1;
      for (int i = 0; i < list.size(); i++) {
        JsonNode item = list.get(i);
        Where itemWhere = where.item(i);
        if (item.isNull()) {
          // Go would decode a zero value; here it would be a null the rules cannot check
          sink.report("schema.type", itemWhere.path(), "an empty list item (null) is not allowed; fill it in or "
              + "remove it (a lone '-' in YAML is an empty item)");
          unreadable = unreadable < 0 ? i : unreadable;
          continue;
        }
        JsonNode kept = check(item, itemType, itemWhere);
        if (kept == null) {
          unreadable = unreadable < 0 ? i : unreadable;
        } else if (kept != item && repair) {
          list.set(i, kept);
        }
      }
      if (unreadable >= 0) {
        // the items after a dropped one would move up: their findings would name the wrong index and line
        repaired(where.path());
        if (repair) {
          while (list.size() > unreadable) {
            list.remove(list.size() - 1);
          }
        }
      }
    }

    private void repaired(String path) {
      repaired(path, null);
    }

    private void object(ObjectNode node, Class<?> raw, Where where) {
      Map<String, JavaType> fields = properties.computeIfAbsent(raw, SchemaCheck.this::fieldsOf);
      Map<String, JsonNode> changes = null;
      List<String> later = oneOf(node, raw, where, sink);
      for (String dropped : later) {
        changes = change(changes, dropped, null);
        repaired(where.field(dropped).path());
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        var entry = it.next();
        if (repair && later.contains(entry.getKey())) {
          continue;
        }
        Where child = where.field(entry.getKey());
        JavaType fieldType = fields.get(entry.getKey());
        if (fieldType == null) {
          if (patch && entry.getKey().startsWith("$")) {
            continue; // a strategic-merge directive
          }
          sink.report("schema.unknown-field", child.path(), "unknown field " + quote(entry.getKey())
              + suggestion(entry.getKey(), fields) + "; known fields here: " + String.join(", ", fields.keySet()));
          changes = change(changes, entry.getKey(), repaired(child.path(), null));
        } else {
          JsonNode kept = check(entry.getValue(), fieldType, child);
          if (kept != entry.getValue()) {
            changes = change(changes, entry.getKey(), kept);
          }
        }
      }
      apply(node, changes);
    }

    private Map<String, JsonNode> change(Map<String, JsonNode> changes, String key, JsonNode value) {
      Map<String, JsonNode> map = changes == null ? new java.util.LinkedHashMap<>() : changes;
      map.put(key, value);
      return map;
    }

    /** Puts or removes the changed fields, after the iteration over them. */
    private void apply(ObjectNode node, Map<String, JsonNode> changes) {
      if (changes == null || !repair) {
        return;
      }
      changes.forEach((key, value) -> {
        if (value == null) {
          node.remove(key);
        } else {
          node.set(key, value);
        }
      });
    }
  }

  private static JsonNode integer(String digits, boolean isLong) {
    try {
      return isLong ? LongNode.valueOf(Long.parseLong(digits)) : IntNode.valueOf(Integer.parseInt(digits));
    } catch (NumberFormatException e) {
      return null; // too large: dropped
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
  private boolean enumValue(String text, Class<?> raw, Where where, Sink sink) {
    List<String> values = enumValues.computeIfAbsent(raw, type -> {
      List<String> names = new ArrayList<>();
      for (Object constant : type.getEnumConstants()) {
        names.add(mapper.convertValue(constant, String.class));
      }
      return names;
    });
    if (values.contains(text)) {
      return true;
    }
    String suggestion = values.stream().filter(value -> value.equalsIgnoreCase(text)).findFirst().orElse(null);
    sink.report("schema.enum", where.path(), quote(text) + " is not supported; use " + String.join(", ", values)
        + " (case-sensitive)" + (suggestion == null ? "" : "; try " + quote(suggestion)));
    return false;
  }

  /**
   * At most one alternative of each oneOf group of {@code raw} is set.
   *
   * @return the alternatives set after the first of their group
   */
  private List<String> oneOf(JsonNode node, Class<?> raw, Where where, Sink sink) {
    List<String> later = new ArrayList<>();
    for (Set<String> group : oneOfGroups.getOrDefault(raw, List.of())) {
      List<String> present = new ArrayList<>();
      for (String name : group) {
        if (node.has(name)) {
          present.add(name);
        }
      }
      if (present.size() > 1) {
        sink.report("schema.one-of", where.field(present.get(1)).path(),
            "only one of " + String.join(", ", group) + " may be set here; found " + String.join(" and ", present));
        later.addAll(present.subList(1, present.size()));
      }
    }
    return later;
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
