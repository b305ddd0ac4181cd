package dev.touchline.core.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchline.core.domain.apikey.ApiKey;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.event.ApiTimes;
import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.event.EventContext;
import dev.touchline.core.domain.identity.IdentityConflict;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.incoming.IncomingEntry;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.workspace.Workspace;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.core.port.in.IngestResult;
import dev.touchline.core.port.in.ManageApiKeysUseCase;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes the response documents of the public API (the README's *The API*), shared by every
 * runtime.
 */
public final class Documents {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final ObjectMapper MAPPER = JsonMappers.writer();

  private Documents() {}

  /** The HTTP status a single-event request answers with. */
  public static int singleStatus(IngestOutcome outcome) {
    if (outcome instanceof IngestOutcome.Accepted) {
      return 201;
    }
    if (outcome instanceof IngestOutcome.Rejected r) {
      return r.code().httpStatus();
    }
    if (outcome instanceof IngestOutcome.Received) {
      return 202;
    }
    return 200;
  }

  /** The body of a single-event response, or the error document when it was rejected. */
  public static ObjectNode single(IngestOutcome outcome) {
    if (outcome instanceof IngestOutcome.Rejected r) {
      return error(r.code(), r.message(), r.field());
    }
    return outcomeBody(outcome);
  }

  /** {@code {accepted, duplicates, discarded, rejected, results: [...]}}, results in item order. */
  public static ObjectNode batch(IngestResult result) {
    ObjectNode root = NODES.objectNode();
    root.put("accepted", result.accepted());
    root.put("duplicates", result.duplicates());
    root.put("discarded", result.discarded());
    root.put("rejected", result.rejected());
    if (result.received() > 0) {
      root.put("received", result.received());
    }
    ArrayNode results = root.putArray("results");
    List<IngestOutcome> outcomes = result.outcomes();
    for (int i = 0; i < outcomes.size(); i++) {
      IngestOutcome outcome = outcomes.get(i);
      if (outcome instanceof IngestOutcome.Rejected r) {
        ObjectNode item = error(r.code(), r.message(), r.field());
        ObjectNode withIndex = NODES.objectNode();
        withIndex.put("index", i);
        withIndex.set("error", item.get("error"));
        results.add(withIndex);
      } else {
        results.add(outcomeBody(outcome));
      }
    }
    return root;
  }

  private static ObjectNode outcomeBody(IngestOutcome outcome) {
    ObjectNode body = NODES.objectNode();
    if (outcome instanceof IngestOutcome.Accepted a) {
      body.put("eventId", a.eventId().value());
      body.put("customerId", a.contactId().value());
      body.put("resolved", a.resolved().wireName());
      body.put("status", "accepted");
      if (!a.conflicts().isEmpty()) {
        ArrayNode conflicts = body.putArray("conflicts");
        for (IdentityConflict c : a.conflicts()) {
          ObjectNode node = conflicts.addObject();
          node.put("type", c.type().wireName());
          node.put("value", c.value());
          if (c.ownedBy().isPresent()) {
            node.put("ownedBy", c.ownedBy().get().value());
          } else {
            node.putNull("ownedBy");
          }
        }
      }
    } else if (outcome instanceof IngestOutcome.Duplicate d) {
      body.put("eventId", d.eventId().value());
      d.contactId().ifPresent(c -> body.put("customerId", c.value()));
      body.put("status", "duplicate");
      body.put("reason", d.reason().wireName());
      if (d.inFlight()) {
        // The first attempt is not known to have finished: it may still be running, or have
        // been cut short. A resend after the in-flight grace finishes it if it was.
        body.put("inFlight", true);
      }
    } else if (outcome instanceof IngestOutcome.Discarded d) {
      d.contactId().ifPresent(c -> body.put("customerId", c.value()));
      body.put("status", "discarded");
      body.put("reason", d.reason().wireName());
    } else if (outcome instanceof IngestOutcome.Received r) {
      body.put("incomingId", r.incomingId());
      body.put("status", "received");
    }
    return body;
  }

  /** The longest error message an answer carries; longer ones are cut (a safety net). */
  static final int MAX_MESSAGE_CHARS = 1024;

  /** The longest {@code field} an answer carries; longer ones are cut (a safety net). */
  static final int MAX_FIELD_CHARS = 256;

  /**
   * {@code {"error": {code, message, field?}}}. Messages quote client input only as short excerpts;
   * as a safety net, a message or field longer than its cap is cut.
   */
  public static ObjectNode error(ErrorCode code, String message, Optional<String> field) {
    ObjectNode root = NODES.objectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code.wireName());
    error.put("message", cut(message, MAX_MESSAGE_CHARS));
    field.ifPresent(f -> error.put("field", cut(f, MAX_FIELD_CHARS)));
    return root;
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  public static ObjectNode error(TouchlineException e) {
    return error(e.code(), e.getMessage(), e.field());
  }

  /** An event document. */
  public static ObjectNode event(Event e) {
    ObjectNode node = NODES.objectNode();
    node.put("id", e.id().value());
    node.put("event", e.type());
    node.put("customerId", e.contactId().value());
    node.set("properties", JsonValues.toNode(e.properties()));
    e.traits().ifPresent(t -> node.set("traits", JsonValues.toNode(t)));
    node.put("timestamp", e.timestamp().text());
    node.put("receivedAt", ApiTimes.format(e.receivedAt()));
    e.messageId().ifPresent(m -> node.put("messageId", m));
    List<Optional<String>> values = e.context().values();
    for (int i = 0; i < values.size(); i++) {
      String field = EventContext.FIELDS.get(i);
      values.get(i).ifPresent(v -> node.put(field, v));
    }
    node.put("resolvedBy", e.resolvedBy().wireName());
    return node;
  }

  /** A contact document. */
  public static ObjectNode contact(Contact c) {
    ObjectNode node = NODES.objectNode();
    node.put("id", c.id().value());
    for (IdentityType type : IdentityType.values()) {
      c.identities().get(type).ifPresent(id -> node.put(type.wireName(), id.value()));
    }
    ObjectNode attributes = node.putObject("attributes");
    c.attributes().forEach((k, v) -> attributes.set(k, JsonValues.toNode(v.toJson())));
    ArrayNode tags = node.putArray("tags");
    c.tags().forEach(tags::add);
    node.put("score", c.score());
    ArrayNode segments = node.putArray("segments");
    c.segments().forEach(segments::add);
    c.lifecycle().ifPresent(stage -> node.put("lifecycle", stage));
    ObjectNode stats = node.putObject("eventStats");
    c.stats()
        .forEach(
            (type, s) -> {
              ObjectNode st = stats.putObject(type);
              st.put("count", s.count());
              st.put("firstAt", ApiTimes.format(s.firstAt()));
              st.put("lastAt", ApiTimes.format(s.lastAt()));
            });
    node.put("createdAt", ApiTimes.format(c.createdAt()));
    node.put("updatedAt", ApiTimes.format(c.updatedAt()));
    return node;
  }

  /**
   * An incoming-log entry; the payload is embedded as JSON when it still parses (it may be cut).
   */
  public static ObjectNode incoming(IncomingEntry entry) {
    ObjectNode node = NODES.objectNode();
    node.put("id", entry.id());
    node.put("status", entry.status().wireName());
    entry
        .processError()
        .ifPresent(
            e -> {
              ObjectNode error = node.putObject("processError");
              error.put("code", e.code());
              error.put("message", e.message());
            });
    node.put("receivedAt", ApiTimes.format(entry.receivedAt()));
    entry.eventId().ifPresent(id -> node.put("eventId", id.value()));
    node.set("payload", payload(entry.payload()));
    return node;
  }

  /** A trigger document. */
  public static ObjectNode trigger(Trigger t) {
    ObjectNode node = NODES.objectNode();
    node.put("triggerId", t.id());
    node.put("workflow", t.workflow());
    node.put("workspace", t.workspace().value());
    node.put("contactId", t.contactId().value());
    node.put("eventId", t.eventId().value());
    node.put("ruleId", t.ruleId());
    node.put("firedAt", ApiTimes.format(t.firedAt()));
    node.put("cause", t.cause());
    return node;
  }

  /**
   * An API key as its workspace's admins see it: never the secret or its hash, only the last
   * characters of the secret as a hint.
   */
  public static ObjectNode apiKey(ApiKey k) {
    ObjectNode node = NODES.objectNode();
    node.put("id", k.id());
    if (k.name().isEmpty()) {
      node.putNull("name");
    } else {
      node.put("name", k.name());
    }
    ArrayNode scopes = node.putArray("scopes");
    k.scopes().stream().map(Scope::wireName).sorted().forEach(scopes::add);
    ObjectNode rate = node.putObject("rateLimit");
    double perSecond = k.rateLimit().perSecond();
    if (perSecond == Math.rint(perSecond)) {
      rate.put("perSecond", (long) perSecond);
    } else {
      rate.put("perSecond", perSecond);
    }
    rate.put("burst", k.rateLimit().burst());
    node.put("createdAt", ApiTimes.format(k.createdAt()));
    node.put("revoked", k.revoked());
    if (k.hint().isEmpty()) {
      node.putNull("hint");
    } else {
      node.put("hint", k.hint());
    }
    return node;
  }

  /** A key just issued: its document and, this once, its secret. */
  public static ObjectNode issuedKey(ManageApiKeysUseCase.IssuedKey issued) {
    ObjectNode node = apiKey(issued.key());
    node.put("secret", issued.secret());
    return node;
  }

  /** A workspace document. */
  public static ObjectNode workspace(Workspace w) {
    ObjectNode node = NODES.objectNode();
    node.put("id", w.id().value());
    if (w.name().isEmpty()) {
      node.putNull("name");
    } else {
      node.put("name", w.name());
    }
    node.put("createdAt", ApiTimes.format(w.createdAt()));
    return node;
  }

  /** {@code {"data": [...], "nextCursor": "…" | null}}. */
  public static <T> ObjectNode list(Page<T> page, Function<T, ObjectNode> item) {
    ObjectNode root = NODES.objectNode();
    ArrayNode data = root.putArray("data");
    page.items().forEach(i -> data.add(item.apply(i)));
    if (page.nextCursor().isPresent()) {
      root.put("nextCursor", page.nextCursor().get());
    } else {
      root.putNull("nextCursor");
    }
    return root;
  }

  /** Serialises a document to UTF-8 bytes. */
  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode payload(String text) {
    if (text.isEmpty()) {
      return NODES.nullNode();
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return NODES.textNode(text);
    }
  }
}
