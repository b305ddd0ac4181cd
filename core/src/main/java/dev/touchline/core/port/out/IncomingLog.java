package dev.touchline.core.port.out;

import dev.touchline.core.domain.incoming.IncomingEntry;
import dev.touchline.core.domain.incoming.IncomingStatus;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.util.Optional;

/** The log of events that failed, were refused or discarded, or await processing. */
public interface IncomingLog {

  /** Writes an entry; an entry with the same workspace and id is replaced. */
  void save(IncomingEntry entry);

  /** The entry with this id; empty when there is none. */
  Optional<IncomingEntry> findById(WorkspaceId workspace, String id);

  /**
   * Entries newest first (by id), only those with {@code status} when given.
   *
   * @throws dev.touchline.core.domain.paging.InvalidCursorException for a foreign cursor
   */
  Page<IncomingEntry> list(
      WorkspaceId workspace, Optional<IncomingStatus> status, PageRequest page);
}
