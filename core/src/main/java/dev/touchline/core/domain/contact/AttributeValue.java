package dev.touchline.core.domain.contact;

import dev.touchline.core.domain.value.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A typed contact attribute value: text, number, boolean, timestamp or a list of those. */
public sealed interface AttributeValue
    permits AttributeValue.Text,
        AttributeValue.Number,
        AttributeValue.Bool,
        AttributeValue.Timestamp,
        AttributeValue.ListValue {

  /** The value as JSON (timestamps as ISO-8601 text). */
  JsonValue toJson();

  /** A text attribute. */
  record Text(String value) implements AttributeValue {
    public Text {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public JsonValue toJson() {
      return new JsonValue.JsonString(value);
    }
  }

  /** A numeric attribute. */
  record Number(BigDecimal value) implements AttributeValue {
    public Number {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public JsonValue toJson() {
      return new JsonValue.JsonNumber(value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Number other && value.compareTo(other.value) == 0;
    }

    @Override
    public int hashCode() {
      return value.stripTrailingZeros().hashCode();
    }
  }

  /** A boolean attribute. */
  record Bool(boolean value) implements AttributeValue {
    @Override
    public JsonValue toJson() {
      return new JsonValue.JsonBoolean(value);
    }
  }

  /** A point in time. */
  record Timestamp(Instant value) implements AttributeValue {
    public Timestamp {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public JsonValue toJson() {
      return new JsonValue.JsonString(value.toString());
    }
  }

  /** A list of values. */
  record ListValue(List<AttributeValue> values) implements AttributeValue {
    public ListValue {
      values = List.copyOf(values);
    }

    @Override
    public JsonValue toJson() {
      List<JsonValue> items = new ArrayList<>();
      for (AttributeValue v : values) {
        items.add(v.toJson());
      }
      return new JsonValue.JsonArray(items);
    }
  }

  /**
   * Converts a JSON value to an attribute value; empty for JSON null (which removes an attribute).
   *
   * @throws IllegalArgumentException for objects, which attributes cannot hold
   */
  static Optional<AttributeValue> fromJson(JsonValue json) {
    if (json instanceof JsonValue.JsonString s) {
      return Optional.of(new Text(s.value()));
    }
    if (json instanceof JsonValue.JsonNumber n) {
      return Optional.of(new Number(n.value()));
    }
    if (json instanceof JsonValue.JsonBoolean b) {
      return Optional.of(new Bool(b.value()));
    }
    if (json instanceof JsonValue.JsonNull) {
      return Optional.empty();
    }
    if (json instanceof JsonValue.JsonArray a) {
      List<AttributeValue> values = new ArrayList<>();
      for (JsonValue item : a.items()) {
        if (item instanceof JsonValue.JsonArray || item instanceof JsonValue.JsonNull) {
          throw new IllegalArgumentException(
              "list attributes hold only text, numbers and booleans");
        }
        values.add(fromJson(item).orElseThrow());
      }
      return Optional.of(new ListValue(values));
    }
    throw new IllegalArgumentException("an attribute cannot hold an object");
  }
}
