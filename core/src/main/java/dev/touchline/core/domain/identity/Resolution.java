package dev.touchline.core.domain.identity;

/** Which key decided an event's contact. */
public enum Resolution {
  CUSTOMER("customer"),
  EMAIL("email"),
  PHONE("phone"),
  EXTERNAL_ID("externalId"),
  NEW("new");

  private final String wireName;

  Resolution(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Resolution of(IdentityType type) {
    return switch (type) {
      case EMAIL -> EMAIL;
      case PHONE -> PHONE;
      case EXTERNAL_ID -> EXTERNAL_ID;
    };
  }
}
