package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A fired trigger: {@code PK = WS#<ws>#TRG#<id>}; listed per contact through GSI1 ({@code
 * WS#<ws>#C#<contact>#TRG}, sorted by event id then trigger id).
 */
final class TriggerItem extends KeyedItem {
  private String id;
  private String workflow;
  private String contactId;
  private String eventId;
  private String ruleId;
  private Long firedAtMs;
  private String cause;
  private Boolean delivered;
  private String recordedBy;

  static final StaticTableSchema<TriggerItem> SCHEMA =
      StaticTableSchema.builder(TriggerItem.class)
          .newItemSupplier(TriggerItem::new)
          .extend(KEYS)
          .addAttribute(
              String.class, a -> a.name("id").getter(i -> i.id).setter((i, v) -> i.id = v))
          .addAttribute(
              String.class,
              a -> a.name("workflow").getter(i -> i.workflow).setter((i, v) -> i.workflow = v))
          .addAttribute(
              String.class,
              a -> a.name("contactId").getter(i -> i.contactId).setter((i, v) -> i.contactId = v))
          .addAttribute(
              String.class,
              a -> a.name("eventId").getter(i -> i.eventId).setter((i, v) -> i.eventId = v))
          .addAttribute(
              String.class,
              a -> a.name("ruleId").getter(i -> i.ruleId).setter((i, v) -> i.ruleId = v))
          .addAttribute(
              Long.class,
              a -> a.name("firedAt").getter(i -> i.firedAtMs).setter((i, v) -> i.firedAtMs = v))
          .addAttribute(
              String.class, a -> a.name("cause").getter(i -> i.cause).setter((i, v) -> i.cause = v))
          .addAttribute(
              Boolean.class,
              a -> a.name("delivered").getter(i -> i.delivered).setter((i, v) -> i.delivered = v))
          .addAttribute(
              String.class,
              a ->
                  a.name("recordedBy").getter(i -> i.recordedBy).setter((i, v) -> i.recordedBy = v))
          .build();

  static String pk(WorkspaceId workspace, String triggerId) {
    return "WS#" + workspace.value() + "#TRG#" + triggerId;
  }

  static String byContact(WorkspaceId workspace, ContactId contactId) {
    return "WS#" + workspace.value() + "#C#" + contactId.value() + "#TRG";
  }

  static TriggerItem from(Trigger t) {
    TriggerItem item = new TriggerItem();
    item.setPk(pk(t.workspace(), t.id()));
    item.setSk("#");
    item.setGsi1pk(byContact(t.workspace(), t.contactId()));
    item.setGsi1sk(t.eventId().value() + "|" + t.id());
    item.id = t.id();
    item.workflow = t.workflow();
    item.contactId = t.contactId().value();
    item.eventId = t.eventId().value();
    item.ruleId = t.ruleId();
    item.firedAtMs = t.firedAt().toEpochMilli();
    item.cause = t.cause();
    item.delivered = false;
    // One trigger's records are equal but for this token of the call that wrote it, so a write
    // retried by the SDK can tell its own first try from another call's record.
    item.recordedBy = java.util.UUID.randomUUID().toString();
    return item;
  }

  Trigger toDomain(WorkspaceId workspace) {
    return new Trigger(
        id,
        workflow,
        workspace,
        new ContactId(contactId),
        new EventId(eventId),
        ruleId,
        Instant.ofEpochMilli(firedAtMs),
        cause);
  }

  boolean delivered() {
    return Boolean.TRUE.equals(delivered);
  }
}
