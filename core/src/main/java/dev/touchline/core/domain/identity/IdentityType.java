package dev.touchline.core.domain.identity;

/** The kinds of identifier a contact can own, in matching priority order. */
public enum IdentityType {
  EMAIL("email", 1.0),
  PHONE("phone", 0.9),
  EXTERNAL_ID("externalId", 0.8);

  private final String wireName;
  private final double confidence;

  IdentityType(String wireName, double confidence) {
    this.wireName = wireName;
    this.confidence = confidence;
  }

  public String wireName() {
    return wireName;
  }

  /** How strongly a match on this identifier identifies a person. */
  public double confidence() {
    return confidence;
  }

  public static IdentityType fromWireName(String name) {
    for (IdentityType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown identity type: " + name);
  }
}
