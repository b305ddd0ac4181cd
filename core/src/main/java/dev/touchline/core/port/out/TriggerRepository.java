package dev.touchline.core.port.out;

import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.util.Optional;

/** The record of fired triggers; each trigger id is recorded once. */
public interface TriggerRepository {

  /**
   * Records a trigger unless one with its id is recorded already.
   *
   * @return true when this call recorded it (the caller then hands it to the sink)
   */
  boolean recordOnce(Trigger trigger);

  /** The trigger with this id; empty when none was recorded. */
  Optional<Trigger> findById(WorkspaceId workspace, String triggerId);

  /**
   * One contact's triggers, oldest first (by event id, then trigger id).
   *
   * @throws dev.touchline.core.domain.paging.InvalidCursorException for a foreign cursor
   */
  Page<Trigger> listByContact(WorkspaceId workspace, ContactId contactId, PageRequest page);
}
