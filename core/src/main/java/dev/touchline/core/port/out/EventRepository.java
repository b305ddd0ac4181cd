package dev.touchline.core.port.out;

import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.event.EventQuery;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.util.Optional;

/** The timeline: canonical events. All methods may throw {@link StorageException}. */
public interface EventRepository {

  /**
   * Stores an event; storing the same id again replaces it (so an interrupted event can be redone).
   */
  void append(Event event);

  /** The event with this id in this workspace; empty when there is none. */
  Optional<Event> findById(WorkspaceId workspace, EventId id);

  /**
   * Events matching the query, newest first (by id); {@code nextCursor} continues exactly after the
   * last item returned.
   *
   * @throws dev.touchline.core.domain.paging.InvalidCursorException for a cursor this listing did
   *     not produce
   */
  Page<Event> query(EventQuery query);
}
