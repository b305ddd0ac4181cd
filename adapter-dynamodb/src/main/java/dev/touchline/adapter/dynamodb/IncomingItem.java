package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.incoming.IncomingEntry;
import dev.touchline.core.domain.incoming.IncomingStatus;
import dev.touchline.core.domain.incoming.ProcessError;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An incoming-log entry, in a day partition of its workspace ({@code PK = WS#<ws>#IN#<day of the
 * id>}, {@code SK = <id>}); expires with TTL. No index: a listing by status filters the day
 * partitions as it reads them, so a duplicate or discarded event costs one write unit.
 */
final class IncomingItem extends KeyedItem {
  private String id;
  private Long receivedAtMs;
  private String status;
  private String errorCode;
  private String errorMessage;
  private String payload;
  private String eventId;

  static final StaticTableSchema<IncomingItem> SCHEMA =
      StaticTableSchema.builder(IncomingItem.class)
          .newItemSupplier(IncomingItem::new)
          .extend(KEYS)
          .addAttribute(
              String.class, a -> a.name("id").getter(i -> i.id).setter((i, v) -> i.id = v))
          .addAttribute(
              Long.class,
              a ->
                  a.name("receivedAt")
                      .getter(i -> i.receivedAtMs)
                      .setter((i, v) -> i.receivedAtMs = v))
          .addAttribute(
              String.class,
              a -> a.name("status").getter(i -> i.status).setter((i, v) -> i.status = v))
          .addAttribute(
              String.class,
              a -> a.name("errorCode").getter(i -> i.errorCode).setter((i, v) -> i.errorCode = v))
          .addAttribute(
              String.class,
              a ->
                  a.name("errorMessage")
                      .getter(i -> i.errorMessage)
                      .setter((i, v) -> i.errorMessage = v))
          .addAttribute(
              String.class,
              a -> a.name("payload").getter(i -> i.payload).setter((i, v) -> i.payload = v))
          .addAttribute(
              String.class,
              a -> a.name("eventId").getter(i -> i.eventId).setter((i, v) -> i.eventId = v))
          .build();

  static String pk(WorkspaceId workspace, String day) {
    return "WS#" + workspace.value() + "#IN#" + day;
  }

  static IncomingItem from(IncomingEntry e, Duration retention) {
    String day = Ulid.day(e.id());
    IncomingItem item = new IncomingItem();
    item.setPk(pk(e.workspace(), day));
    item.setSk(e.id());
    item.setTtl(e.receivedAt().plus(retention).getEpochSecond());
    item.id = e.id();
    item.receivedAtMs = e.receivedAt().toEpochMilli();
    item.status = e.status().wireName();
    item.errorCode = e.processError().map(ProcessError::code).orElse(null);
    item.errorMessage = e.processError().map(ProcessError::message).orElse(null);
    item.payload = e.payload();
    item.eventId = e.eventId().map(EventId::value).orElse(null);
    return item;
  }

  IncomingEntry toDomain(WorkspaceId workspace) {
    return new IncomingEntry(
        workspace,
        id,
        Instant.ofEpochMilli(receivedAtMs),
        IncomingStatus.fromWireName(status)
            .orElseThrow(() -> new IllegalStateException("stored status " + status)),
        errorCode == null
            ? Optional.empty()
            : Optional.of(new ProcessError(errorCode, errorMessage)),
        payload == null ? "" : payload,
        Optional.ofNullable(eventId).map(EventId::new));
  }

  boolean hasStatus(IncomingStatus wanted) {
    return wanted.wireName().equals(status);
  }

  boolean expiredAt(Instant now) {
    return getTtl() != null && getTtl() <= now.getEpochSecond();
  }
}
