package dev.touchline.core.domain.rule;

import dev.touchline.core.domain.contact.ContactView;
import dev.touchline.core.domain.value.JsonValue.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a condition is evaluated against: the event's properties (absent for segments), the
 * contact's current state, and the evaluation time.
 */
public record Facts(Optional<JsonObject> properties, ContactView contact, Instant now) {
  public Facts {
    Objects.requireNonNull(properties, "properties");
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(now, "now");
  }
}
