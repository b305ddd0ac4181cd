package dev.touchline.adapter.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.event.ClientTimestamp;
import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.event.EventContext;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.identity.Resolution;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.wire.JsonValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An event, in its contact's partition ({@code PK = WS#<ws>#C#<contact>}, {@code SK = EV#<id>}), so
 * the timeline is a query on that partition; listed workspace-wide through GSI1 in day partitions
 * split into {@link #SHARDS} shards ({@code WS#<ws>#EV#<day>#<shard>}, sorted by id).
 */
final class EventItem extends KeyedItem {
  static final String PREFIX = "EV#";
  static final int SHARDS = 4;

  private String type;
  private String data;

  static final StaticTableSchema<EventItem> SCHEMA =
      StaticTableSchema.builder(EventItem.class)
          .newItemSupplier(EventItem::new)
          .extend(KEYS)
          .addAttribute(
              String.class, a -> a.name("etype").getter(i -> i.type).setter((i, v) -> i.type = v))
          .addAttribute(
              String.class, a -> a.name("data").getter(i -> i.data).setter((i, v) -> i.data = v))
          .build();

  static String shardKey(WorkspaceId workspace, String day, int shard) {
    return "WS#" + workspace.value() + "#EV#" + day + "#" + shard;
  }

  static int shardOf(EventId id) {
    return Math.floorMod(id.value().charAt(id.value().length() - 1), SHARDS);
  }

  static EventItem from(Event e) {
    EventItem item = new EventItem();
    item.setPk(ContactItem.pk(e.workspace(), e.contactId()));
    item.setSk(PREFIX + e.id().value());
    item.setGsi1pk(shardKey(e.workspace(), Ulid.day(e.id().value()), shardOf(e.id())));
    item.setGsi1sk(e.id().value());
    item.type = e.type();
    ObjectNode d = Json.object();
    d.put("c", e.contactId().value());
    d.set("p", JsonValues.toNode(e.properties()));
    e.traits().ifPresent(t -> d.set("tr", JsonValues.toNode(t)));
    d.put("ts", e.timestamp().text());
    d.put("tsi", e.timestamp().instant().toString());
    d.put("r", e.receivedAt().toEpochMilli());
    e.messageId().ifPresent(m -> d.put("m", m));
    ObjectNode ctx = d.putObject("x");
    List<Optional<String>> values = e.context().values();
    for (int i = 0; i < values.size(); i++) {
      String field = EventContext.FIELDS.get(i);
      values.get(i).ifPresent(v -> ctx.put(field, v));
    }
    d.put("rb", e.resolvedBy().name());
    ArrayNode triggers = d.putArray("tg");
    for (Trigger t : e.triggers()) {
      triggers
          .addObject()
          .put("id", t.id())
          .put("w", t.workflow())
          .put("rule", t.ruleId())
          .put("at", t.firedAt().toEpochMilli())
          .put("cause", t.cause());
    }
    item.data = Json.write(d);
    return item;
  }

  Event toDomain(WorkspaceId workspace) {
    EventId id = new EventId(getSk().substring(PREFIX.length()));
    JsonNode d = Json.read(data, "event " + id);
    ContactId contact = new ContactId(d.path("c").asText());
    List<Optional<String>> context = new ArrayList<>();
    for (String field : EventContext.FIELDS) {
      JsonNode v = d.path("x").get(field);
      context.add(v == null ? Optional.empty() : Optional.of(v.asText()));
    }
    List<Trigger> triggers = new ArrayList<>();
    for (JsonNode t : d.path("tg")) {
      triggers.add(
          new Trigger(
              t.get("id").asText(),
              t.get("w").asText(),
              workspace,
              contact,
              id,
              t.get("rule").asText(),
              Instant.ofEpochMilli(t.get("at").asLong()),
              t.get("cause").asText()));
    }
    return new Event(
        workspace,
        id,
        contact,
        type,
        (JsonValue.JsonObject) JsonValues.fromTrusted(d.path("p")),
        d.has("tr")
            ? Optional.of((JsonValue.JsonObject) JsonValues.fromTrusted(d.get("tr")))
            : Optional.empty(),
        new ClientTimestamp(d.path("ts").asText(), Instant.parse(d.path("tsi").asText())),
        Instant.ofEpochMilli(d.path("r").asLong()),
        d.has("m") ? Optional.of(d.get("m").asText()) : Optional.empty(),
        EventContext.fromValues(context),
        Resolution.valueOf(d.path("rb").asText()),
        triggers);
  }

  String type() {
    return type;
  }
}
