package dev.touchline.core.port.in;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.identity.IdentityType;
import java.util.Optional;

/** Reads contacts (scope {@code contacts:read}). */
public interface QueryContactsUseCase {

  /** A contact by id; empty when the caller's workspace has none with that id. */
  Optional<Contact> get(Caller caller, String contactId);

  /**
   * The contact owning an identifier given as a client would (normalised the same way as events).
   *
   * @throws dev.touchline.core.domain.error.TouchlineException {@code invalid_payload} for an
   *     identifier that cannot be normalised
   */
  Optional<Contact> findByIdentifier(Caller caller, IdentityType type, String value);
}
