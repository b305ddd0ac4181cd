package dev.touchline.core.port.in;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.identity.IdentityConflict;
import dev.touchline.core.domain.identity.Resolution;
import dev.touchline.core.domain.value.JsonValue.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Creates or updates a contact by identity (scope {@code contacts:write}), whatever the policy. */
public interface UpsertContactUseCase {

  /**
   * Resolves the identifiers like an event would, creates the contact when none matches, attaches
   * unowned identifiers, and sets the attributes (a JSON null removes one).
   *
   * @throws dev.touchline.core.domain.error.TouchlineException {@code invalid_payload} for bad
   *     identifiers or attributes
   */
  UpsertResult upsert(Caller caller, Command command);

  /** The identifiers (raw, at least one) and attributes of a contact to create or update. */
  record Command(
      Optional<String> email,
      Optional<String> phone,
      Optional<String> externalId,
      JsonObject attributes) {
    public Command {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(phone, "phone");
      Objects.requireNonNull(externalId, "externalId");
      Objects.requireNonNull(attributes, "attributes");
    }
  }

  /** The contact as stored, whether it was created, which key matched, and identity conflicts. */
  record UpsertResult(
      Contact contact, boolean created, Resolution resolved, List<IdentityConflict> conflicts) {
    public UpsertResult {
      Objects.requireNonNull(contact, "contact");
      Objects.requireNonNull(resolved, "resolved");
      conflicts = List.copyOf(conflicts);
    }
  }
}
