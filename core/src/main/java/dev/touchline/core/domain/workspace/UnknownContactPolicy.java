package dev.touchline.core.domain.workspace;

/** What happens to an event whose identifiers match no contact. */
public enum UnknownContactPolicy {
  /** Create a contact with every identifier the event carries. */
  CREATE,
  /** Fail the event with {@code contact_not_found}. */
  REJECT
}
