package dev.touchline.core.inmemory;

import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.event.EventQuery;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.EventRepository;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The timeline in memory, indexed per workspace and per contact, newest first. */
public final class InMemoryEventRepository implements EventRepository {
  private record ContactKey(WorkspaceId workspace, String contactId) {}

  private final ConcurrentHashMap<WorkspaceId, ConcurrentSkipListMap<String, Event>> byWorkspace =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ContactKey, ConcurrentSkipListMap<String, Event>> byContact =
      new ConcurrentHashMap<>();

  @Override
  public void append(Event event) {
    Event previous = workspace(event.workspace()).put(event.id().value(), event);
    if (previous != null && !previous.contactId().equals(event.contactId())) {
      contact(event.workspace(), previous.contactId().value()).remove(event.id().value());
    }
    contact(event.workspace(), event.contactId().value()).put(event.id().value(), event);
  }

  @Override
  public Optional<Event> findById(WorkspaceId workspace, EventId id) {
    return Optional.ofNullable(workspace(workspace).get(id.value()));
  }

  @Override
  public Page<Event> query(EventQuery query) {
    NavigableMap<String, Event> source =
        query.contactId().isPresent()
            ? contact(query.workspace(), query.contactId().get().value()).descendingMap()
            : workspace(query.workspace()).descendingMap();
    String listing =
        "events|"
            + query.contactId().map(Object::toString).orElse("*")
            + "|"
            + query.type().orElse("*");
    return Paging.page(
        source, listing, query.page(), e -> query.type().map(t -> t.equals(e.type())).orElse(true));
  }

  private ConcurrentSkipListMap<String, Event> workspace(WorkspaceId workspace) {
    return byWorkspace.computeIfAbsent(workspace, w -> new ConcurrentSkipListMap<>());
  }

  private ConcurrentSkipListMap<String, Event> contact(WorkspaceId workspace, String contactId) {
    return byContact.computeIfAbsent(
        new ContactKey(workspace, contactId), k -> new ConcurrentSkipListMap<>());
  }
}
