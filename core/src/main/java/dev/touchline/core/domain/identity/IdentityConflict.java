package dev.touchline.core.domain.identity;

import dev.touchline.core.domain.contact.ContactId;
import java.util.Objects;
import java.util.Optional;

/**
 * An identifier the event carried that could not be attached to the resolved contact: another
 * contact owns it ({@code ownedBy} set), or the contact already has a different one of that type.
 */
public record IdentityConflict(IdentityType type, String value, Optional<ContactId> ownedBy) {
  public IdentityConflict {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(ownedBy, "ownedBy");
  }
}
