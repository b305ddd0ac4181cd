package dev.touchline.core.domain.rule;

import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.value.JsonValue.JsonArray;
import dev.touchline.core.domain.value.JsonValue.JsonBoolean;
import dev.touchline.core.domain.value.JsonValue.JsonNull;
import dev.touchline.core.domain.value.JsonValue.JsonNumber;
import dev.touchline.core.domain.value.JsonValue.JsonString;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A comparison in a condition: {@code eq neq gt gte lt lte in exists contains}. */
public enum Operator {
  EQ("eq"),
  NEQ("neq"),
  GT("gt"),
  GTE("gte"),
  LT("lt"),
  LTE("lte"),
  IN("in"),
  EXISTS("exists"),
  CONTAINS("contains");

  private final String wireName;

  Operator(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Operator> fromWireName(String name) {
    for (Operator op : values()) {
      if (op.wireName.equals(name)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  /**
   * Applies this operator to a value that may be missing. Ordering compares numbers as numbers,
   * ISO-8601 instants as instants and other strings lexicographically; mixed kinds never match.
   */
  public boolean test(Optional<JsonValue> actual, JsonValue operand) {
    if (this == EXISTS) {
      boolean present = actual.isPresent() && !(actual.get() instanceof JsonNull);
      return present == ((JsonBoolean) operand).value();
    }
    if (actual.isEmpty()) {
      return this == NEQ;
    }
    JsonValue value = actual.get();
    return switch (this) {
      case EQ -> same(value, operand);
      case NEQ -> !same(value, operand);
      case GT -> compare(value, operand).map(c -> c > 0).orElse(false);
      case GTE -> compare(value, operand).map(c -> c >= 0).orElse(false);
      case LT -> compare(value, operand).map(c -> c < 0).orElse(false);
      case LTE -> compare(value, operand).map(c -> c <= 0).orElse(false);
      case IN -> ((JsonArray) operand).items().stream().anyMatch(o -> same(value, o));
      case CONTAINS -> contains(value, operand);
      case EXISTS -> throw new AssertionError("handled above");
    };
  }

  private static boolean same(JsonValue a, JsonValue b) {
    if (a instanceof JsonString sa && b instanceof JsonString sb) {
      Optional<Instant> ia = instant(sa.value());
      Optional<Instant> ib = instant(sb.value());
      if (ia.isPresent() && ib.isPresent()) {
        return ia.get().equals(ib.get());
      }
    }
    return a.equals(b);
  }

  private static boolean contains(JsonValue value, JsonValue operand) {
    if (value instanceof JsonArray array) {
      return array.items().stream().anyMatch(item -> same(item, operand));
    }
    if (value instanceof JsonString s && operand instanceof JsonString o) {
      return s.value().contains(o.value());
    }
    return false;
  }

  private static Optional<Integer> compare(JsonValue a, JsonValue b) {
    if (a instanceof JsonNumber na && b instanceof JsonNumber nb) {
      return Optional.of(na.value().compareTo(nb.value()));
    }
    if (a instanceof JsonString sa && b instanceof JsonString sb) {
      Optional<Instant> ia = instant(sa.value());
      Optional<Instant> ib = instant(sb.value());
      if (ia.isPresent() && ib.isPresent()) {
        return Optional.of(ia.get().compareTo(ib.get()));
      }
      return Optional.of(sa.value().compareTo(sb.value()));
    }
    return Optional.empty();
  }

  private static Optional<Instant> instant(String text) {
    if (text.length() < 20 || text.charAt(4) != '-' || text.charAt(10) != 'T') {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
