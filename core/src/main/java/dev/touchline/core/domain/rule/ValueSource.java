package dev.touchline.core.domain.rule;

import dev.touchline.core.domain.value.JsonValue;
import java.util.Objects;

/** Where a {@code setAttribute} action takes its value from. */
public sealed interface ValueSource
    permits ValueSource.Literal, ValueSource.FromProperty, ValueSource.EventTime {

  /** A fixed JSON value from the configuration. */
  record Literal(JsonValue value) implements ValueSource {
    public Literal {
      Objects.requireNonNull(value, "value");
    }
  }

  /** The value of an event property (no change when the event lacks it). */
  record FromProperty(String path) implements ValueSource {
    public FromProperty {
      Objects.requireNonNull(path, "path");
    }
  }

  /** The event's occurrence time, as a timestamp attribute. */
  record EventTime() implements ValueSource {}
}
