package dev.touchline.core.domain.contact;

import java.util.Objects;

/** A contact's id inside one workspace. */
public record ContactId(String value) {
  public ContactId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("ContactId must not be blank");
    }
    if (value.length() > 64) {
      throw new IllegalArgumentException("ContactId must be at most 64 characters");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
