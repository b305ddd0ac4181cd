package dev.touchline.core.port.in;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.contact.Audience;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
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

  /**
   * The contacts in a segment, holding a tag or at a lifecycle stage, ordered by contact id.
   *
   * @throws dev.touchline.core.domain.error.TouchlineException {@code not_found} for a segment the
   *     workspace's configuration does not define, {@code invalid_payload} (field {@code
   *     lifecycle}) for a stage it does not define, or (field {@code cursor}) for a cursor of
   *     another listing
   */
  Page<Contact> list(Caller caller, Audience audience, PageRequest page);
}
