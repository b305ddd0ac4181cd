package dev.touchline.adapter.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchline.core.domain.contact.AttributeValue;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.contact.EventStats;
import dev.touchline.core.domain.contact.Identities;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A contact: {@code PK = WS#<ws>#C#<id>}, {@code SK = #CONTACT}, its state as compact JSON in
 * {@code data} and its optimistic {@code version}. Its events live in the same partition.
 */
final class ContactItem extends KeyedItem {
  static final String SORT_KEY = "#CONTACT";

  private String data;
  private Long version;

  static final StaticTableSchema<ContactItem> SCHEMA =
      StaticTableSchema.builder(ContactItem.class)
          .newItemSupplier(ContactItem::new)
          .extend(KEYS)
          .addAttribute(
              String.class, a -> a.name("data").getter(i -> i.data).setter((i, v) -> i.data = v))
          .addAttribute(
              Long.class,
              a -> a.name("version").getter(i -> i.version).setter((i, v) -> i.version = v))
          .build();

  static String pk(WorkspaceId workspace, ContactId id) {
    return "WS#" + workspace.value() + "#C#" + id.value();
  }

  static ContactItem from(Contact c, long version) {
    ContactItem item = new ContactItem();
    item.setPk(pk(c.workspace(), c.id()));
    item.setSk(SORT_KEY);
    item.version = version;
    ObjectNode d = Json.object();
    ObjectNode ids = d.putObject("id");
    c.identities().byType().forEach((type, id) -> ids.put(type.wireName(), id.value()));
    ObjectNode attrs = d.putObject("a");
    c.attributes().forEach((k, v) -> attrs.set(k, attribute(v)));
    ArrayNode tags = d.putArray("t");
    c.tags().forEach(tags::add);
    d.put("s", c.score());
    ArrayNode segments = d.putArray("g");
    c.segments().forEach(segments::add);
    c.lifecycle().ifPresent(stage -> d.put("l", stage));
    ObjectNode stats = d.putObject("st");
    c.stats()
        .forEach(
            (type, s) ->
                stats
                    .putArray(type)
                    .add(s.count())
                    .add(s.firstAt().toEpochMilli())
                    .add(s.lastAt().toEpochMilli()));
    ObjectNode marks = d.putObject("m");
    c.scoreMarks().forEach((rule, at) -> marks.put(rule, at.toEpochMilli()));
    ArrayNode applied = d.putArray("ap");
    c.appliedEvents().forEach(e -> applied.add(e.value()));
    d.put("c", c.createdAt().toEpochMilli());
    d.put("u", c.updatedAt().toEpochMilli());
    item.data = Json.write(d);
    return item;
  }

  Contact toDomain(WorkspaceId workspace, ContactId id) {
    JsonNode d = Json.read(data, "contact " + id);
    List<Identifier> identifiers = new ArrayList<>();
    d.path("id")
        .fields()
        .forEachRemaining(
            e ->
                identifiers.add(
                    new Identifier(IdentityType.fromWireName(e.getKey()), e.getValue().asText())));
    Map<String, AttributeValue> attributes = new TreeMap<>();
    d.path("a").fields().forEachRemaining(e -> attributes.put(e.getKey(), attribute(e.getValue())));
    TreeSet<String> tags = new TreeSet<>();
    d.path("t").forEach(t -> tags.add(t.asText()));
    TreeSet<String> segments = new TreeSet<>();
    d.path("g").forEach(t -> segments.add(t.asText()));
    Map<String, EventStats> stats = new TreeMap<>();
    d.path("st")
        .fields()
        .forEachRemaining(
            e ->
                stats.put(
                    e.getKey(),
                    new EventStats(
                        e.getValue().get(0).asLong(),
                        Instant.ofEpochMilli(e.getValue().get(1).asLong()),
                        Instant.ofEpochMilli(e.getValue().get(2).asLong()))));
    Map<String, Instant> marks = new TreeMap<>();
    d.path("m")
        .fields()
        .forEachRemaining(e -> marks.put(e.getKey(), Instant.ofEpochMilli(e.getValue().asLong())));
    List<EventId> applied = new ArrayList<>();
    d.path("ap").forEach(e -> applied.add(new EventId(e.asText())));
    return new Contact(
        workspace,
        id,
        Identities.of(identifiers),
        new TreeMap<>(attributes),
        tags,
        d.path("s").asLong(),
        segments,
        d.hasNonNull("l") ? Optional.of(d.get("l").asText()) : Optional.empty(),
        new TreeMap<>(stats),
        new TreeMap<>(marks),
        applied,
        Instant.ofEpochMilli(d.path("c").asLong()),
        Instant.ofEpochMilli(d.path("u").asLong()),
        version);
  }

  private static JsonNode attribute(AttributeValue v) {
    ObjectNode n = Json.object();
    if (v instanceof AttributeValue.Text t) {
      n.put("s", t.value());
    } else if (v instanceof AttributeValue.Number num) {
      n.put("n", num.value().toString());
    } else if (v instanceof AttributeValue.Bool b) {
      n.put("b", b.value());
    } else if (v instanceof AttributeValue.Timestamp ts) {
      n.put("ts", ts.value().toString());
    } else if (v instanceof AttributeValue.ListValue l) {
      ArrayNode items = n.putArray("l");
      l.values().forEach(x -> items.add(attribute(x)));
    }
    return n;
  }

  private static AttributeValue attribute(JsonNode n) {
    if (n.has("s")) {
      return new AttributeValue.Text(n.get("s").asText());
    }
    if (n.has("n")) {
      return new AttributeValue.Number(new BigDecimal(n.get("n").asText()));
    }
    if (n.has("b")) {
      return new AttributeValue.Bool(n.get("b").asBoolean());
    }
    if (n.has("ts")) {
      return new AttributeValue.Timestamp(Instant.parse(n.get("ts").asText()));
    }
    List<AttributeValue> values = new ArrayList<>();
    n.path("l").forEach(x -> values.add(attribute(x)));
    return new AttributeValue.ListValue(values);
  }

  long version() {
    return version;
  }
}
