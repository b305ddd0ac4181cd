package dev.touchline.core.domain.incoming;

import java.util.Optional;

/** Where an incoming event stands. */
public enum IncomingStatus {
  RECEIVED,
  PROCESSED,
  FAILED,
  REJECTED,
  DISCARDED,
  DUPLICATE;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Optional<IncomingStatus> fromWireName(String name) {
    for (IncomingStatus s : values()) {
      if (s.wireName().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
