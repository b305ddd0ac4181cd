package dev.touchline.core.domain.apikey;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What an API key may do. */
public enum Scope {
  EVENTS_WRITE("events:write"),
  EVENTS_READ("events:read"),
  CONTACTS_READ("contacts:read"),
  CONTACTS_WRITE("contacts:write"),
  ADMIN("admin"),
  /**
   * The operator of a deployment: manages workspaces. Only the deployment's bootstrap key holds it;
   * a key issued through the API never does.
   */
  PLATFORM("platform");

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Every scope a workspace's own keys may hold: all but {@link #PLATFORM}. */
  public static Set<Scope> workspaceScopes() {
    return EnumSet.complementOf(EnumSet.of(PLATFORM));
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
