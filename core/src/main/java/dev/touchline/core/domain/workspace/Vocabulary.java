package dev.touchline.core.domain.workspace;

import dev.touchline.core.domain.error.Excerpt;
import dev.touchline.core.domain.event.ClientTimestamp;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.value.JsonValue.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A workspace's tracking plan: the event types it declares, each with typed, optionally required
 * properties. {@code open} accepts any type (checking the declared ones); {@code closed} accepts
 * only the declared types.
 */
public record Vocabulary(boolean closed, Map<String, EventSchema> events) {
  /** Any event type, nothing checked: the default. */
  public static final Vocabulary OPEN = new Vocabulary(false, Map.of());

  /** The most event types a vocabulary may declare. */
  public static final int MAX_TYPES = 1000;

  /** The most properties one declared type may describe. */
  public static final int MAX_PROPERTIES = 200;

  public Vocabulary {
    events = Collections.unmodifiableMap(new LinkedHashMap<>(events));
  }

  /** One declared type: its properties by name. */
  public record EventSchema(Map<String, PropertySpec> properties) {
    public EventSchema {
      properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
  }

  /** A declared property: its type and whether an event must carry it. */
  public record PropertySpec(PropertyType type, boolean required) {
    public PropertySpec {
      Objects.requireNonNull(type, "type");
    }
  }

  /** The types a declared property may have. */
  public enum PropertyType {
    STRING("string"),
    NUMBER("number"),
    BOOLEAN("boolean"),
    /** A string holding a strict ISO-8601 date-time with an offset, as an event's timestamp. */
    TIMESTAMP("timestamp"),
    OBJECT("object"),
    ARRAY("array");

    private final String wireName;

    PropertyType(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    public static Optional<PropertyType> fromWireName(String name) {
      for (PropertyType t : values()) {
        if (t.wireName.equals(name)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }

    boolean holds(JsonValue value) {
      switch (this) {
        case STRING:
          return value instanceof JsonValue.JsonString;
        case NUMBER:
          return value instanceof JsonValue.JsonNumber;
        case BOOLEAN:
          return value instanceof JsonValue.JsonBoolean;
        case TIMESTAMP:
          if (!(value instanceof JsonValue.JsonString s)) {
            return false;
          }
          try {
            ClientTimestamp.parse(s.value());
            return true;
          } catch (IllegalArgumentException e) {
            return false;
          }
        case OBJECT:
          return value instanceof JsonValue.JsonObject;
        case ARRAY:
          return value instanceof JsonValue.JsonArray;
        default:
          throw new IllegalStateException("a property type without a check: " + this);
      }
    }
  }

  /** Why an event does not fit: the field at fault and what is wrong. */
  public record Misfit(String field, String message) {
    public Misfit {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * Checks an event against the vocabulary: a type outside a closed one, a required property
   * missing, or a declared property of another type (a JSON {@code null} counts as missing). Other
   * properties pass.
   *
   * @return the first misfit, in declaration order; empty when the event fits
   */
  public Optional<Misfit> check(String type, JsonObject properties) {
    EventSchema schema = events.get(type);
    if (schema == null) {
      return closed
          ? Optional.of(
              new Misfit(
                  "event",
                  "this workspace's vocabulary is closed and does not declare the event type "
                      + Excerpt.quoted(type)))
          : Optional.empty();
    }
    for (Map.Entry<String, PropertySpec> declared : schema.properties().entrySet()) {
      String field = "properties." + declared.getKey();
      JsonValue value = properties.fields().get(declared.getKey());
      if (value == null || value instanceof JsonValue.JsonNull) {
        if (declared.getValue().required()) {
          return Optional.of(new Misfit(field, field + " is required for " + type + " events"));
        }
        continue;
      }
      PropertyType expected = declared.getValue().type();
      if (!expected.holds(value)) {
        return Optional.of(
            new Misfit(
                field,
                field
                    + " must be "
                    + (expected == PropertyType.TIMESTAMP
                        ? "a timestamp (ISO-8601 with an offset, e.g. 2026-03-01T10:15:30Z)"
                        : (expected == PropertyType.ARRAY || expected == PropertyType.OBJECT
                                ? "an "
                                : "a ")
                            + expected.wireName())
                    + " for "
                    + type
                    + " events"));
      }
    }
    return Optional.empty();
  }
}
