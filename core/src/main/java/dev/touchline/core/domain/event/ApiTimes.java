package dev.touchline.core.domain.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The one way the API writes a time: UTC, ISO-8601, always with milliseconds ({@code
 * 2026-03-01T10:15:30.000Z}), whatever the store and whatever precision the time was made with.
 */
public final class ApiTimes {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ApiTimes() {}

  /** The instant, cut to milliseconds, as the API writes it. */
  public static String format(Instant instant) {
    return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }
}
