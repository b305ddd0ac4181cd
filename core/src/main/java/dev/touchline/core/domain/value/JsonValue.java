package dev.touchline.core.domain.value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A bounded, immutable JSON value: how client-supplied properties and traits travel inside the
 * core.
 */
public sealed interface JsonValue
    permits JsonValue.JsonObject,
        JsonValue.JsonArray,
        JsonValue.JsonString,
        JsonValue.JsonNumber,
        JsonValue.JsonBoolean,
        JsonValue.JsonNull {

  /** Appends a canonical text form (object keys sorted) used for fingerprints and comparisons. */
  void appendCanonical(StringBuilder out);

  /** The canonical text of this value: equal values give equal text. */
  default String canonical() {
    StringBuilder out = new StringBuilder();
    appendCanonical(out);
    return out.toString();
  }

  /** A JSON object; field order is kept as received. */
  record JsonObject(Map<String, JsonValue> fields) implements JsonValue {
    public static final JsonObject EMPTY = new JsonObject(Map.of());

    public JsonObject {
      Objects.requireNonNull(fields, "fields");
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The value at a dot-separated path ({@code "order.total"}), if every segment exists. */
    public Optional<JsonValue> at(String path) {
      JsonValue current = this;
      for (String segment : path.split("\\.", -1)) {
        if (!(current instanceof JsonObject object)) {
          return Optional.empty();
        }
        current = object.fields.get(segment);
        if (current == null) {
          return Optional.empty();
        }
      }
      return Optional.of(current);
    }

    public boolean isEmpty() {
      return fields.isEmpty();
    }

    @Override
    public void appendCanonical(StringBuilder out) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonValue> e : new TreeMap<>(fields).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        JsonString.quote(e.getKey(), out);
        out.append(':');
        e.getValue().appendCanonical(out);
      }
      out.append('}');
    }
  }

  /** A JSON array. */
  record JsonArray(List<JsonValue> items) implements JsonValue {
    public JsonArray {
      items = List.copyOf(items);
    }

    @Override
    public void appendCanonical(StringBuilder out) {
      out.append('[');
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        items.get(i).appendCanonical(out);
      }
      out.append(']');
    }
  }

  /** A JSON string. */
  record JsonString(String value) implements JsonValue {
    public JsonString {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public void appendCanonical(StringBuilder out) {
      quote(value, out);
    }

    static void quote(String s, StringBuilder out) {
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }
  }

  /**
   * A JSON number, exact, within bounds that keep every form of it small: at most {@value
   * #MAX_DIGITS} significant digits, and a decimal exponent (the {@code e} of {@code d.ddd×10^e})
   * between {@value #MIN_EXPONENT} and {@value #MAX_EXPONENT}, the range of a double, so any JSON
   * consumer can read it back. Zero is always allowed (and kept as plain {@code 0}).
   */
  record JsonNumber(BigDecimal value) implements JsonValue {
    /** The most significant digits a number may have. */
    public static final int MAX_DIGITS = 100;

    /** The smallest decimal exponent of a non-zero number. */
    public static final int MIN_EXPONENT = -324;

    /** The largest decimal exponent of a number. */
    public static final int MAX_EXPONENT = 308;

    public JsonNumber {
      Objects.requireNonNull(value, "value");
      String problem = problem(value);
      if (problem != null) {
        throw new IllegalArgumentException("value: " + problem);
      }
      if (value.signum() == 0) {
        value = BigDecimal.ZERO;
      }
    }

    /**
     * Why a number is outside the bounds, or {@code null} when it is inside; cheap for any input.
     */
    public static String problem(BigDecimal value) {
      if (value.signum() == 0) {
        return null;
      }
      if (value.precision() > 100 * MAX_DIGITS) {
        return "a number has at most " + MAX_DIGITS + " significant digits";
      }
      BigDecimal stripped = value.stripTrailingZeros();
      if (stripped.precision() > MAX_DIGITS) {
        return "a number has at most " + MAX_DIGITS + " significant digits";
      }
      long exponent = (long) stripped.precision() - stripped.scale() - 1;
      if (exponent > MAX_EXPONENT || exponent < MIN_EXPONENT) {
        return OUT_OF_RANGE;
      }
      return null;
    }

    /** Why a number whose exponent is out of bounds is refused. */
    public static final String OUT_OF_RANGE =
        "a number's magnitude must lie between 1e"
            + MIN_EXPONENT
            + " and 1e"
            + (MAX_EXPONENT + 1)
            + " (the range of a double)";

    public static JsonNumber of(long value) {
      return new JsonNumber(BigDecimal.valueOf(value));
    }

    @Override
    public void appendCanonical(StringBuilder out) {
      out.append(value.stripTrailingZeros().toPlainString());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof JsonNumber other && value.compareTo(other.value) == 0;
    }

    @Override
    public int hashCode() {
      return value.stripTrailingZeros().hashCode();
    }
  }

  /** A JSON boolean. */
  record JsonBoolean(boolean value) implements JsonValue {
    public static final JsonBoolean TRUE = new JsonBoolean(true);
    public static final JsonBoolean FALSE = new JsonBoolean(false);

    @Override
    public void appendCanonical(StringBuilder out) {
      out.append(value);
    }
  }

  /** JSON null. */
  record JsonNull() implements JsonValue {
    public static final JsonNull INSTANCE = new JsonNull();

    @Override
    public void appendCanonical(StringBuilder out) {
      out.append("null");
    }
  }

  /** Convenience for building objects in code and tests. */
  static JsonObject object(Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("keyValues must come in pairs");
    }
    Map<String, JsonValue> fields = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      fields.put((String) keyValues[i], of(keyValues[i + 1]));
    }
    return new JsonObject(fields);
  }

  /** Wraps a plain Java value (String, Number, Boolean, null, List, JsonValue). */
  static JsonValue of(Object value) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof JsonValue json) {
      return json;
    }
    if (value instanceof String s) {
      return new JsonString(s);
    }
    if (value instanceof Boolean b) {
      return new JsonBoolean(b);
    }
    if (value instanceof BigDecimal d) {
      return new JsonNumber(d);
    }
    if (value instanceof Integer || value instanceof Long) {
      return new JsonNumber(BigDecimal.valueOf(((Number) value).longValue()));
    }
    if (value instanceof Number n) {
      return new JsonNumber(new BigDecimal(n.toString()));
    }
    if (value instanceof List<?> list) {
      List<JsonValue> items = new ArrayList<>();
      for (Object item : list) {
        items.add(of(item));
      }
      return new JsonArray(items);
    }
    throw new IllegalArgumentException("value: unsupported type " + value.getClass().getName());
  }
}
