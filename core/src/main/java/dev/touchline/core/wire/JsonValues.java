package dev.touchline.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchline.core.domain.error.Excerpt;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.value.JsonValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between Jackson trees and the core's {@link JsonValue}, enforcing depth and string
 * limits.
 */
public final class JsonValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private JsonValues() {}

  /**
   * Converts an object node; {@code path} names it in errors (e.g. {@code properties}).
   *
   * @throws TouchlineException {@code invalid_payload} naming the path past a limit
   */
  public static JsonValue.JsonObject toObject(
      JsonNode node, String path, int maxDepth, int maxStringLength) {
    if (!node.isObject()) {
      throw TouchlineException.invalid(path, path + " must be a JSON object");
    }
    return (JsonValue.JsonObject) convert(node, path, 1, maxDepth, maxStringLength);
  }

  private static JsonValue convert(
      JsonNode node, String path, int depth, int maxDepth, int maxString) {
    if (node.isObject() || node.isArray()) {
      if (depth > maxDepth) {
        throw TouchlineException.invalid(path, path + " nests deeper than " + maxDepth + " levels");
      }
    }
    if (node.isObject()) {
      Map<String, JsonValue> fields = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String childPath = path + "." + Excerpt.of(e.getKey());
        checkString(e.getKey(), childPath, maxString, "key");
        fields.put(e.getKey(), convert(e.getValue(), childPath, depth + 1, maxDepth, maxString));
      }
      return new JsonValue.JsonObject(fields);
    }
    if (node.isArray()) {
      List<JsonValue> items = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        items.add(convert(node.get(i), path + "[" + i + "]", depth + 1, maxDepth, maxString));
      }
      return new JsonValue.JsonArray(items);
    }
    if (node.isTextual()) {
      checkString(node.textValue(), path, maxString, "string");
      return new JsonValue.JsonString(node.textValue());
    }
    if (node.isNumber()) {
      try {
        return new JsonValue.JsonNumber(node.decimalValue()); // checks its own bounds
      } catch (IllegalArgumentException outOfBounds) {
        throw TouchlineException.invalid(
            path, path + ": " + JsonValue.JsonNumber.problem(node.decimalValue()));
      }
    }
    if (node.isBoolean()) {
      return new JsonValue.JsonBoolean(node.booleanValue());
    }
    if (node.isNull()) {
      return JsonValue.JsonNull.INSTANCE;
    }
    throw TouchlineException.invalid(path, path + " holds an unsupported JSON value");
  }

  private static void checkString(String s, String path, int max, String what) {
    if (s.length() > max) {
      throw TouchlineException.invalid(
          path, path + ": " + what + " longer than " + max + " characters (" + s.length() + ")");
    }
  }

  /** The Jackson tree of a core value. */
  public static JsonNode toNode(JsonValue value) {
    if (value instanceof JsonValue.JsonObject o) {
      ObjectNode node = NODES.objectNode();
      o.fields().forEach((k, v) -> node.set(k, toNode(v)));
      return node;
    }
    if (value instanceof JsonValue.JsonArray a) {
      ArrayNode node = NODES.arrayNode();
      a.items().forEach(v -> node.add(toNode(v)));
      return node;
    }
    if (value instanceof JsonValue.JsonString s) {
      return NODES.textNode(s.value());
    }
    if (value instanceof JsonValue.JsonNumber n) {
      return NODES.numberNode(n.value());
    }
    if (value instanceof JsonValue.JsonBoolean b) {
      return NODES.booleanNode(b.value());
    }
    return NODES.nullNode();
  }

  /** Converts JSON the engine stored itself (already held to the limits when it came in). */
  public static JsonValue fromTrusted(JsonNode node) {
    return convert(node, "$", 1, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  /**
   * Converts any JSON value under the same limits as {@link #toObject}; {@code path} names it in
   * errors.
   *
   * @throws TouchlineException {@code invalid_payload} naming the path past a limit
   */
  public static JsonValue toValue(JsonNode node, String path, int maxDepth, int maxStringLength) {
    return convert(node, path, 1, maxDepth, maxStringLength);
  }
}
