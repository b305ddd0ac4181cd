package dev.touchline.core.domain.event;

import dev.touchline.core.domain.error.Excerpt;
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
  /** The earliest timestamp accepted: the Unix epoch. */
  public static final Instant EARLIEST = Instant.EPOCH;

  /** The longest timestamp text (nanoseconds and a seconds offset fit well within it). */
  static final int MAX_TEXT_LENGTH = 64;

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
    OffsetDateTime parsed;
    try {
      if (text.length() > MAX_TEXT_LENGTH) {
        throw new DateTimeParseException("too long", text, 0);
      }
      parsed = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "timestamp must be ISO-8601 with an offset, e.g. 2026-03-01T10:15:30Z: "
              + Excerpt.quoted(text));
    }
    Instant instant = parsed.toInstant();
    if (instant.isBefore(EARLIEST)) {
      throw new IllegalArgumentException(
          "timestamp must not be before 1970-01-01T00:00:00Z: " + Excerpt.quoted(text));
    }
    return new ClientTimestamp(text, instant);
  }

  /** A receipt-time timestamp, written in UTC with milliseconds, as the API writes every time. */
  public static ClientTimestamp of(Instant instant) {
    return new ClientTimestamp(ApiTimes.format(instant), instant);
  }
}
