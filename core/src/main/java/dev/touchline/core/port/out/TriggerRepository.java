package dev.touchline.core.port.out;

import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of fired triggers; each trigger id is recorded once, first as pending, then marked
 * delivered once the sink took it, so an interrupted delivery is retried by the event's resend.
 */
public interface TriggerRepository {

  /**
   * Records a trigger, not yet delivered, unless one with its id is recorded already.
   *
   * @return true when this call recorded it (the caller then hands it to the sink)
   */
  boolean recordOnce(Trigger trigger);

  /** Marks a recorded trigger as handed to the sink; harmless when repeated or unknown. */
  void markDelivered(WorkspaceId workspace, String triggerId);

  /** The trigger with this id and whether it was delivered; empty when none was recorded. */
  Optional<Recorded> findById(WorkspaceId workspace, String triggerId);

  /**
   * One contact's triggers, oldest first (by event id, then trigger id).
   *
   * @throws dev.touchline.core.domain.paging.InvalidCursorException for a foreign cursor
   */
  Page<Trigger> listByContact(WorkspaceId workspace, ContactId contactId, PageRequest page);

  /** A recorded trigger and whether the sink has taken it. */
  record Recorded(Trigger trigger, boolean delivered) {
    public Recorded {
      Objects.requireNonNull(trigger, "trigger");
    }
  }
}
