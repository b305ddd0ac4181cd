package dev.touchline.core.domain.apikey;

import java.util.Optional;

/** What an API key may do. */
public enum Scope {
  EVENTS_WRITE("events:write"),
  EVENTS_READ("events:read"),
  CONTACTS_READ("contacts:read"),
  CONTACTS_WRITE("contacts:write"),
  ADMIN("admin");

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Scope> fromWireName(String name) {
    for (Scope s : values()) {
      if (s.wireName.equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
