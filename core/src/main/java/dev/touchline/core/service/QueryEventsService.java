package dev.touchline.core.service;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.event.EventQuery;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.port.in.QueryEventsUseCase;
import dev.touchline.core.port.out.EventRepository;
import java.util.Optional;

/** Reads the timeline for callers with {@code events:read}. */
public final class QueryEventsService implements QueryEventsUseCase {
  private final EventRepository events;

  public QueryEventsService(EventRepository events) {
    this.events = events;
  }

  @Override
  public Page<Event> list(
      Caller caller, Optional<ContactId> contactId, Optional<String> type, PageRequest page) {
    caller.require(Scope.EVENTS_READ);
    return Cursors.translate(
        () -> events.query(new EventQuery(caller.workspace(), contactId, type, page)));
  }

  @Override
  public Optional<Event> get(Caller caller, String eventId) {
    caller.require(Scope.EVENTS_READ);
    if (!EventId.isValid(eventId)) {
      return Optional.empty();
    }
    return events.findById(caller.workspace(), new EventId(eventId));
  }
}
