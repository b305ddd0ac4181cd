package dev.touchline.core.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.event.ClientTimestamp;
import dev.touchline.core.domain.event.EventContext;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.event.IngestLimits;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestItem;
import java.io.IOException;
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

  private final IngestLimits limits;
  private final ObjectMapper mapper;

  public EventRequestDecoder(IngestLimits limits) {
    this.limits = limits;
    this.mapper = JsonMappers.strict(limits);
  }

  /**
   * Decodes a body; {@code idempotencyKey} (the header) becomes the messageId of a single event.
   *
   * @throws TouchlineException {@code payload_too_large} past the body or batch limit, {@code
   *     invalid_payload} for malformed JSON or a malformed envelope
   */
  public IngestCommand decode(byte[] body, Optional<String> idempotencyKey) {
    JsonNode root = parse(body, limits, mapper);
    if (!root.isObject()) {
      throw TouchlineException.invalid(null, "the body must be a JSON object");
    }
    JsonNode events = root.get("events");
    if (events == null) {
      return IngestCommand.single(item(root, idempotencyKey));
    }
    if (idempotencyKey.isPresent()) {
      throw TouchlineException.invalid(
          "Idempotency-Key",
          "Idempotency-Key applies to single-event requests; give each batch item a messageId");
    }
    Iterator<String> names = root.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!name.equals("events")) {
        throw TouchlineException.invalid(
            name, "a batch body holds only \"events\"; unexpected field '" + name + "'");
      }
    }
    if (!events.isArray()) {
      throw TouchlineException.invalid("events", "events must be an array");
    }
    if (events.isEmpty()) {
      throw TouchlineException.invalid("events", "events must not be empty");
    }
    if (events.size() > limits.maxBatchItems()) {
      throw new TouchlineException(
          ErrorCode.PAYLOAD_TOO_LARGE,
          "a batch holds at most "
              + limits.maxBatchItems()
              + " events, this one has "
              + events.size(),
          "events");
    }
    List<IngestItem> items = new ArrayList<>(events.size());
    for (JsonNode node : events) {
      items.add(item(node, Optional.empty()));
    }
    return IngestCommand.batch(items);
  }

  /** Parses a whole body under the limits, with request-level errors. */
  static JsonNode parse(byte[] body, IngestLimits limits, ObjectMapper mapper) {
    if (body.length > limits.maxBodyBytes()) {
      throw new TouchlineException(
          ErrorCode.PAYLOAD_TOO_LARGE,
          "the body is " + body.length + " bytes; the limit is " + limits.maxBodyBytes());
    }
    if (body.length == 0) {
      throw TouchlineException.invalid(null, "the body is empty; expected a JSON object");
    }
    try {
      return mapper.readTree(body);
    } catch (StreamConstraintsException e) {
      throw TouchlineException.invalid(null, "the body exceeds a limit: " + firstLine(e));
    } catch (JsonProcessingException e) {
      throw TouchlineException.invalid(null, "malformed JSON: " + firstLine(e));
    } catch (IOException e) {
      throw TouchlineException.invalid(null, "unreadable body: " + e.getMessage());
    }
  }

  private static String firstLine(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    var location = e.getLocation();
    return (message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(""))
        + (location == null
            ? ""
            : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")");
  }

  private IngestItem item(JsonNode node, Optional<String> idempotencyKey) {
    String payload = node.toString();
    int size = payload.getBytes(StandardCharsets.UTF_8).length;
    if (size > limits.maxEventBytes()) {
      return new IngestItem.Invalid(
          ErrorCode.PAYLOAD_TOO_LARGE,
          "the event is " + size + " bytes; the limit is " + limits.maxEventBytes(),
          Optional.empty(),
          payload);
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
        throw TouchlineException.invalid(name, "unknown field '" + name + "'");
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
              "context." + name, "unknown field 'context." + name + "'");
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
