package dev.touchline.adapter.dynamodb;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Reads the time out of a ULID, to find the day partition an id was written to. */
final class Ulid {
  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private Ulid() {}

  static Instant time(String ulid) {
    long millis = 0;
    for (int i = 0; i < 10; i++) {
      int digit = ALPHABET.indexOf(ulid.charAt(i));
      if (digit < 0) {
        throw new IllegalArgumentException("not a ULID: " + ulid);
      }
      millis = millis * 32 + digit;
    }
    return Instant.ofEpochMilli(millis);
  }

  static String day(String ulid) {
    return DAY.format(time(ulid));
  }

  static String day(Instant instant) {
    return DAY.format(instant);
  }
}
