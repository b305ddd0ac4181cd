package dev.touchline.core.domain.event;

import java.util.Objects;
import java.util.regex.Pattern;

/** An event's id: a ULID, so ids sort by the time they were minted. */
public record EventId(String value) implements Comparable<EventId> {
  private static final Pattern ULID = Pattern.compile("[0-9A-HJKMNP-TV-Z]{26}");

  public EventId {
    Objects.requireNonNull(value, "value");
    if (!ULID.matcher(value).matches()) {
      throw new IllegalArgumentException("EventId must be a 26-character ULID: " + value);
    }
  }

  /** Whether a string has the shape of an event id (for validating client input). */
  public static boolean isValid(String value) {
    return value != null && ULID.matcher(value).matches();
  }

  @Override
  public int compareTo(EventId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
