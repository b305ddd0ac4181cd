package dev.touchline.core.domain.contact;

import java.time.Instant;
import java.util.Objects;

/** How often and when a contact did one event type (by the events' occurrence times). */
public record EventStats(long count, Instant firstAt, Instant lastAt) {
  public EventStats {
    Objects.requireNonNull(firstAt, "firstAt");
    Objects.requireNonNull(lastAt, "lastAt");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1");
    }
  }

  public static EventStats first(Instant at) {
    return new EventStats(1, at, at);
  }

  /** These stats with one more occurrence at {@code at} (which may be out of order). */
  public EventStats plus(Instant at) {
    return new EventStats(
        count + 1, at.isBefore(firstAt) ? at : firstAt, at.isAfter(lastAt) ? at : lastAt);
  }
}
