package dev.touchline.core.port.in;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import java.util.Optional;

/** Reads the timeline (scope {@code events:read}). */
public interface QueryEventsUseCase {

  /**
   * Events newest first, of one contact and/or one type when given.
   *
   * @throws dev.touchline.core.domain.error.TouchlineException {@code invalid_payload} for a bad
   *     cursor, {@code forbidden_scope}
   */
  Page<Event> list(
      Caller caller, Optional<ContactId> contactId, Optional<String> type, PageRequest page);

  /** One event by id; empty when the caller's workspace has no such event. */
  Optional<Event> get(Caller caller, String eventId);
}
