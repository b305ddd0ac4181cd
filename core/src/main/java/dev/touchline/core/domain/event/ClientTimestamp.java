package dev.touchline.core.domain.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * When an event happened, as the client wrote it (strict ISO-8601 with an offset) and as an
 * instant.
 */
public record ClientTimestamp(String text, Instant instant) {
  public ClientTimestamp {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(instant, "instant");
  }

  /**
   * Parses strict ISO-8601 with an offset, e.g. {@code 2026-03-01T10:15:30Z} or {@code
   * 2026-03-01T10:15:30.5+02:00}.
   *
   * @throws IllegalArgumentException when the text has no offset or is not a valid date-time
   */
  public static ClientTimestamp parse(String text) {
    try {
      OffsetDateTime parsed = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return new ClientTimestamp(text, parsed.toInstant());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "timestamp must be ISO-8601 with an offset, e.g. 2026-03-01T10:15:30Z: '" + text + "'");
    }
  }

  /** A receipt-time timestamp, written in UTC. */
  public static ClientTimestamp of(Instant instant) {
    return new ClientTimestamp(instant.toString(), instant);
  }
}
