package dev.touchline.core.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.Excerpt;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.event.ClientTimestamp;
import dev.touchline.core.domain.event.EventContext;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.event.IngestLimits;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes {@code POST /v1/events} bodies (one event, or {@code {"events": [...]}}) into an ingest
 * command. Whole-request faults throw; a faulty item becomes an {@link IngestItem.Invalid} so the
 * other items still go through.
 */
public final class EventRequestDecoder {
  private static final Set<String> IDENTITY_FIELDS =
      Set.of("customer", "email", "phone", "externalId");
  private static final Set<String> EVENT_FIELDS;

  static {
    java.util.HashSet<String> fields =
        new java.util.HashSet<>(
            Set.of("event", "properties", "traits", "timestamp", "messageId", "context"));
    fields.addAll(IDENTITY_FIELDS);
    fields.addAll(EventContext.FIELDS);
    EVENT_FIELDS = Set.copyOf(fields);
  }

  /**
   * The deepest a body may nest at all; an item nested deeper than its limit is that item's error.
   */
  static final int MAX_BODY_DEPTH = 1000;

  /** How much of an item refused as too large the incoming log keeps. */
  static final int OVERSIZE_PAYLOAD_CHARS = 1024;

  private final IngestLimits limits;
  private final JsonFactory factory;

  public EventRequestDecoder(IngestLimits limits) {
    this.limits = limits;
    this.factory = JsonMappers.streaming(limits);
  }

  /**
   * Decodes a body; {@code idempotencyKey} (the header) becomes the messageId of a single event. An
   * item past a per-item limit (size, nesting, string, number) becomes an {@link
   * IngestItem.Invalid} naming the field, in a batch exactly as alone.
   *
   * @throws TouchlineException {@code payload_too_large} past the body or batch limit, {@code
   *     invalid_payload} for a body that is not UTF-8, malformed JSON, or a malformed envelope
   */
  public IngestCommand decode(byte[] body, Optional<String> idempotencyKey) {
    String text = JsonBodies.text(body, limits.maxBodyBytes());
    try (JsonParser p = factory.createParser(text)) {
      IngestCommand command = decode(p, text, idempotencyKey);
      refuseTrailingContent(p);
      return command;
    } catch (JsonProcessingException e) {
      throw JsonBodies.malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String source does not fail
    }
  }

  private IngestCommand decode(JsonParser p, String text, Optional<String> idempotencyKey)
      throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw TouchlineException.invalid(null, "the body must be a JSON object");
    }
    BoundedJsonReader reader = new BoundedJsonReader(limits.maxDepth());
    ObjectNode single = JsonNodeFactory.instance.objectNode();
    BoundedJsonReader.Fault singleFault = null;
    List<IngestItem> items = null;
    String firstOther = null;
    boolean eventsNotArray = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (name.equals("events")) {
        if (items != null || single.has("events")) {
          throw TouchlineException.invalid("events", "the key 'events' appears twice");
        }
        if (p.currentToken() == JsonToken.START_ARRAY) {
          items = items(p, text, reader);
          continue;
        }
        eventsNotArray = true;
      } else if (firstOther == null) {
        firstOther = name;
      }
      if (singleFault != null) {
        p.skipChildren();
        continue;
      }
      try {
        if (single.has(name)) {
          throw new BoundedJsonReader.Fault(
              TouchlineException.invalid(
                  Excerpt.of(name), "the key " + Excerpt.quoted(name) + " appears twice"));
        }
        single.set(name, reader.read(p, name, 1));
      } catch (BoundedJsonReader.Fault fault) {
        singleFault = fault;
        p.skipChildren();
      }
    }
    if (items == null && !eventsNotArray) {
      return IngestCommand.single(single(text, single, singleFault, idempotencyKey));
    }
    if (idempotencyKey.isPresent()) {
      throw TouchlineException.invalid(
          "Idempotency-Key",
          "Idempotency-Key applies to single-event requests; give each batch item a messageId");
    }
    if (firstOther != null) {
      throw TouchlineException.invalid(
          Excerpt.of(firstOther),
          "a batch body holds only \"events\"; unexpected field " + Excerpt.quoted(firstOther));
    }
    if (eventsNotArray) {
      throw TouchlineException.invalid("events", "events must be an array");
    }
    if (items.isEmpty()) {
      throw TouchlineException.invalid("events", "events must not be empty");
    }
    return IngestCommand.batch(items);
  }

  private IngestItem single(
      String text,
      ObjectNode node,
      BoundedJsonReader.Fault fault,
      Optional<String> idempotencyKey) {
    if (fault != null) {
      return invalid(fault.error(), text);
    }
    return item(node, idempotencyKey);
  }

  private List<IngestItem> items(JsonParser p, String text, BoundedJsonReader reader)
      throws IOException {
    List<IngestItem> items = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (items.size() == limits.maxBatchItems()) {
        throw new TouchlineException(
            ErrorCode.PAYLOAD_TOO_LARGE,
            "a batch holds at most " + limits.maxBatchItems() + " events",
            "events");
      }
      int start = (int) p.currentTokenLocation().getCharOffset();
      try {
        items.add(item(reader.read(p, null, 0), Optional.empty()));
      } catch (BoundedJsonReader.Fault fault) {
        int end = (int) p.currentLocation().getCharOffset();
        items.add(invalid(fault.error(), text.substring(start, Math.max(start, end))));
      }
    }
    return items;
  }

  private static void refuseTrailingContent(JsonParser p) throws IOException {
    if (p.nextToken() != null) {
      var at = p.currentTokenLocation();
      throw TouchlineException.invalid(
          null,
          "malformed JSON at line "
              + at.getLineNr()
              + ", column "
              + at.getColumnNr()
              + ": content follows the end of the JSON document");
    }
  }

  /** An item refused while it was read: too large if it is, else its first fault. */
  private IngestItem invalid(TouchlineException fault, String raw) {
    int size = raw.getBytes(StandardCharsets.UTF_8).length;
    if (size > limits.maxEventBytes()) {
      return tooLarge(size, raw);
    }
    return new IngestItem.Invalid(fault.code(), fault.getMessage(), fault.field(), raw);
  }

  private IngestItem tooLarge(int size, String payload) {
    return new IngestItem.Invalid(
        ErrorCode.PAYLOAD_TOO_LARGE,
        "the event is " + size + " bytes; the limit is " + limits.maxEventBytes(),
        Optional.empty(),
        payload.substring(0, Math.min(payload.length(), OVERSIZE_PAYLOAD_CHARS)));
  }

  /**
   * Reads a body that is one JSON object (not an event) under the same limits as an event, e.g.
   * {@code POST /v1/contacts}.
   *
   * @throws TouchlineException {@code invalid_payload} naming the field at fault
   */
  JsonNode readObject(byte[] body) {
    return readObject(body, limits.maxDepth());
  }

  /** As {@link #readObject(byte[])}, with another nesting bound (a body that embeds a document). */
  JsonNode readObject(byte[] body, int maxDepth) {
    String text = JsonBodies.text(body, limits.maxBodyBytes());
    try (JsonParser p = factory.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw TouchlineException.invalid(null, "the body must be a JSON object");
      }
      JsonNode node;
      try {
        node = new BoundedJsonReader(maxDepth).read(p, null, 0);
      } catch (BoundedJsonReader.Fault fault) {
        throw fault.error();
      }
      refuseTrailingContent(p);
      return node;
    } catch (JsonProcessingException e) {
      throw JsonBodies.malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private IngestItem item(JsonNode node, Optional<String> idempotencyKey) {
    String payload = node.toString();
    int size = payload.getBytes(StandardCharsets.UTF_8).length;
    if (size > limits.maxEventBytes()) {
      return tooLarge(size, payload);
    }
    try {
      return new IngestItem.Valid(event(node, idempotencyKey, payload));
    } catch (TouchlineException e) {
      return new IngestItem.Invalid(e.code(), e.getMessage(), e.field(), payload);
    }
  }

  private EventInput event(JsonNode node, Optional<String> idempotencyKey, String payload) {
    if (!node.isObject()) {
      throw TouchlineException.invalid(null, "an event must be a JSON object");
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!EVENT_FIELDS.contains(name)) {
        throw TouchlineException.invalid(Excerpt.of(name), "unknown field " + Excerpt.quoted(name));
      }
    }
    JsonNode type = node.get("event");
    if (type == null || type.isNull()) {
      throw TouchlineException.invalid("event", "event is required");
    }
    if (!type.isTextual()) {
      throw TouchlineException.invalid("event", "event must be a string");
    }
    Optional<String> messageId = text(node, "messageId", true);
    if (idempotencyKey.isPresent()) {
      if (messageId.isPresent() && !messageId.get().equals(idempotencyKey.get())) {
        throw TouchlineException.invalid(
            "messageId", "the Idempotency-Key header and messageId differ");
      }
      messageId = idempotencyKey;
    }
    Optional<ClientTimestamp> timestamp = text(node, "timestamp", false).map(t -> timestamp(t));
    EventContextAndBot context = context(node);
    return new EventInput(
        type.textValue(),
        text(node, "customer", true),
        text(node, "email", false),
        text(node, "phone", true),
        text(node, "externalId", true),
        object(node, "properties").orElse(JsonValue.JsonObject.EMPTY),
        object(node, "traits"),
        timestamp,
        messageId,
        EventContext.fromValues(context.values),
        context.bot,
        payload);
  }

  private record EventContextAndBot(List<Optional<String>> values, boolean bot) {}

  private EventContextAndBot context(JsonNode node) {
    JsonNode nested = node.get("context");
    if (nested != null && !nested.isNull() && !nested.isObject()) {
      throw TouchlineException.invalid("context", "context must be an object");
    }
    boolean bot = false;
    if (nested != null && nested.isObject()) {
      Iterator<String> names = nested.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!name.equals("bot") && !EventContext.FIELDS.contains(name)) {
          throw TouchlineException.invalid(
              "context." + Excerpt.of(name), "unknown field " + Excerpt.quoted("context." + name));
        }
      }
      JsonNode botNode = nested.get("bot");
      if (botNode != null && !botNode.isNull()) {
        if (!botNode.isBoolean()) {
          throw TouchlineException.invalid("context.bot", "context.bot must be a boolean");
        }
        bot = botNode.booleanValue();
      }
    }
    List<Optional<String>> values = new ArrayList<>();
    for (String field : EventContext.FIELDS) {
      Optional<String> flat = text(node, field, false);
      Optional<String> inner =
          nested != null && nested.isObject()
              ? text(nested, field, false, "context.")
              : Optional.empty();
      if (flat.isPresent() && inner.isPresent() && !flat.get().equals(inner.get())) {
        throw TouchlineException.invalid(
            field, field + " and context." + field + " differ; send one of them");
      }
      values.add(flat.isPresent() ? flat : inner);
    }
    return new EventContextAndBot(values, bot);
  }

  private Optional<String> text(JsonNode node, String field, boolean numbersAllowed) {
    return text(node, field, numbersAllowed, "");
  }

  private Optional<String> text(
      JsonNode node, String field, boolean numbersAllowed, String prefix) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    String path = prefix + field;
    if (value.isTextual()) {
      checkLength(value.textValue(), path);
      return Optional.of(value.textValue());
    }
    if (numbersAllowed && value.isIntegralNumber()) {
      return Optional.of(value.bigIntegerValue().toString());
    }
    throw TouchlineException.invalid(
        path, path + " must be a string" + (numbersAllowed ? " or an integer" : ""));
  }

  private void checkLength(String value, String path) {
    if (value.length() > limits.maxStringLength()) {
      throw TouchlineException.invalid(
          path, path + " is longer than " + limits.maxStringLength() + " characters");
    }
  }

  private Optional<JsonValue.JsonObject> object(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    return Optional.of(
        JsonValues.toObject(value, field, limits.maxDepth(), limits.maxStringLength()));
  }

  private static ClientTimestamp timestamp(String text) {
    try {
      return ClientTimestamp.parse(text);
    } catch (IllegalArgumentException e) {
      throw TouchlineException.invalid("timestamp", e.getMessage());
    }
  }
}
