package dev.touchline.core.domain.identity;

import java.util.Objects;

/** A normalised identifier; construct through {@link IdentifierNormalizer} from client input. */
public record Identifier(IdentityType type, String value) {
  public Identifier {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("Identifier value must not be blank");
    }
  }

  /** A stable text key, {@code type:value}, used by storage for claims. */
  public String key() {
    return type.wireName() + ":" + value;
  }

  @Override
  public String toString() {
    return key();
  }
}
