package dev.touchline.core.domain.event;

import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.identity.Resolution;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.value.JsonValue.JsonObject;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A canonical event: accepted, attributed to a contact, stored in the timeline.
 *
 * @param timestamp when it happened, as the client sent it (or the receipt time)
 * @param triggers the triggers this event fired, kept so an interrupted event can be finished
 */
public record Event(
    WorkspaceId workspace,
    EventId id,
    ContactId contactId,
    String type,
    JsonObject properties,
    Optional<JsonObject> traits,
    ClientTimestamp timestamp,
    Instant receivedAt,
    Optional<String> messageId,
    EventContext context,
    Resolution resolvedBy,
    List<Trigger> triggers) {

  public Event {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(properties, "properties");
    Objects.requireNonNull(traits, "traits");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(resolvedBy, "resolvedBy");
    triggers = List.copyOf(triggers);
  }

  /** When the event happened. */
  public Instant occurredAt() {
    return timestamp.instant();
  }
}
