package dev.touchline.adapter.sqs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.touchline.core.domain.error.Excerpt;
import dev.touchline.core.domain.event.ApiTimes;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What travels on the events queue: {@code {"workspace", "incomingId", "receivedAt", "payload"}},
 * where {@code payload} is the same single-event or batch document {@code POST /v1/events} takes.
 * {@code incomingId} names the envelope (1–64 letters, digits, {@code _} or {@code -}; a ULID when
 * Touchline writes it): items without a messageId are given {@code <incomingId>-<index>}, so every
 * redelivery of the envelope carries the same messageIds. {@code receivedAt} is when the producer
 * received the events (ISO-8601, UTC). {@code incomingIds} (optional; written by the asynchronous
 * API path, left out by producers): the incoming-log ids the payload's items were recorded under as
 * {@code received}, one per item in order; the consumer moves each entry to its outcome.
 */
public record Envelope(
    WorkspaceId workspace,
    String incomingId,
    Instant receivedAt,
    String payload,
    Optional<List<String>> incomingIds) {
  private static final Pattern INCOMING_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** The deepest an envelope may nest: the payload's own limit, plus the envelope's level. */
  static final int MAX_DEPTH = 1001;

  public Envelope {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(incomingId, "incomingId");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(payload, "payload");
    if (!INCOMING_ID.matcher(incomingId).matches()) {
      throw new IllegalArgumentException(
          "incomingId must be 1-64 letters, digits, '_' or '-': " + Excerpt.quoted(incomingId));
    }
    incomingIds = incomingIds.map(List::copyOf);
    incomingIds.ifPresent(
        ids ->
            ids.forEach(
                id -> {
                  if (!INCOMING_ID.matcher(id).matches()) {
                    throw new IllegalArgumentException(
                        "incomingIds: each must be 1-64 letters, digits, '_' or '-': "
                            + Excerpt.quoted(id));
                  }
                }));
  }

  /** An envelope as producers write it: its items not yet in the incoming log. */
  public Envelope(WorkspaceId workspace, String incomingId, Instant receivedAt, String payload) {
    this(workspace, incomingId, receivedAt, payload, Optional.empty());
  }

  /** The envelope as its message body; {@code payload} is written as it is (a JSON object). */
  public String write() {
    StringWriter out = new StringWriter(payload.length() + 160);
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("workspace", workspace.value());
      g.writeStringField("incomingId", incomingId);
      g.writeStringField("receivedAt", ApiTimes.format(receivedAt));
      if (incomingIds.isPresent()) {
        g.writeArrayFieldStart("incomingIds");
        for (String id : incomingIds.get()) {
          g.writeString(id);
        }
        g.writeEndArray();
      }
      g.writeFieldName("payload");
      g.writeRawValue(payload);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  /**
   * Reads a message body. The payload is handed on as the text it was sent as; the request decoder
   * holds it to the API's limits.
   *
   * @throws PoisonMessage when the body is not an envelope: not JSON, a field missing, unknown,
   *     twice or of the wrong shape, or longer than {@code maxBytes}
   */
  static Envelope read(String body, int maxBytes) throws PoisonMessage {
    int bytes = body.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxBytes) {
      throw poison(
          "the message is " + bytes + " bytes, more than the " + maxBytes + " a message may have",
          null,
          null);
    }
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxDocumentLength(maxBytes)
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(maxBytes)
                    .maxNameLength(maxBytes)
                    .maxNumberLength(maxBytes)
                    .build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    String workspace = null;
    String incomingId = null;
    String receivedAt = null;
    String payload = null;
    List<String> incomingIds = null;
    try (JsonParser p = factory.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw poison("the message is not an envelope: its body must be a JSON object", null, null);
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (!seen.add(name)) {
          // Only the envelope's own fields: the payload's items are held to the API's per-item
          // rules (a key twice in an item refuses that item) by the request decoder.
          throw poison("the envelope has the field " + Excerpt.quoted(name) + " twice", name, null);
        }
        switch (name) {
          case "workspace" -> workspace = string(p, value, name);
          case "incomingId" -> incomingId = string(p, value, name);
          case "receivedAt" -> receivedAt = string(p, value, name);
          case "incomingIds" -> incomingIds = strings(p, value, name);
          case "payload" -> {
            if (value != JsonToken.START_OBJECT) {
              throw poison(
                  "payload must be a JSON object (an event or {\"events\": [...]})", name, null);
            }
            int start = (int) p.currentTokenLocation().getCharOffset();
            p.skipChildren();
            int end = (int) p.currentLocation().getCharOffset();
            payload = body.substring(start, end);
          }
          default ->
              throw poison(
                  "the envelope has an unknown field "
                      + Excerpt.quoted(name)
                      + " (it takes workspace, incomingId, receivedAt, payload and incomingIds)",
                  name,
                  null);
        }
      }
      if (p.nextToken() != null) {
        throw poison("the envelope has content after its closing brace", null, null);
      }
    } catch (JsonProcessingException e) {
      throw poison(
          "the message is not an envelope: malformed JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + Excerpt.of(e.getOriginalMessage()),
          null,
          null);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String source does not fail
    }
    WorkspaceId ws = workspace(workspace);
    Optional<WorkspaceId> named = Optional.of(ws);
    if (incomingId == null) {
      throw poison("the envelope has no incomingId", "incomingId", ws);
    }
    if (!INCOMING_ID.matcher(incomingId).matches()) {
      throw poison(
          "incomingId must be 1-64 letters, digits, '_' or '-', got " + Excerpt.quoted(incomingId),
          "incomingId",
          ws);
    }
    if (receivedAt == null) {
      throw poison("the envelope has no receivedAt", "receivedAt", ws);
    }
    Instant at;
    try {
      at = Instant.parse(receivedAt);
    } catch (DateTimeParseException e) {
      throw poison(
          "receivedAt must be an ISO-8601 UTC time such as 2026-03-01T12:00:00Z, got "
              + Excerpt.quoted(receivedAt),
          "receivedAt",
          ws);
    }
    if (payload == null) {
      throw new PoisonMessage("the envelope has no payload", "payload", named);
    }
    if (incomingIds != null) {
      for (String id : incomingIds) {
        if (!INCOMING_ID.matcher(id).matches()) {
          throw poison(
              "incomingIds: each must be 1-64 letters, digits, '_' or '-', got "
                  + Excerpt.quoted(id),
              "incomingIds",
              ws);
        }
      }
    }
    return new Envelope(ws, incomingId, at, payload, Optional.ofNullable(incomingIds));
  }

  private static WorkspaceId workspace(String value) throws PoisonMessage {
    if (value == null) {
      throw poison("the envelope has no workspace", "workspace", null);
    }
    try {
      return new WorkspaceId(value);
    } catch (IllegalArgumentException e) {
      throw poison(
          "workspace must be 1-64 letters, digits, '_' or '-', got " + Excerpt.quoted(value),
          "workspace",
          null);
    }
  }

  private static String string(JsonParser p, JsonToken value, String name)
      throws IOException, PoisonMessage {
    if (value != JsonToken.VALUE_STRING) {
      p.skipChildren();
      throw poison(name + " must be a string", name, null);
    }
    return p.getText();
  }

  private static List<String> strings(JsonParser p, JsonToken value, String name)
      throws IOException, PoisonMessage {
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      throw poison(name + " must be an array of strings", name, null);
    }
    List<String> out = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_STRING) {
        p.skipChildren();
        throw poison(name + " must be an array of strings", name, null);
      }
      out.add(p.getText());
    }
    return out;
  }

  private static PoisonMessage poison(String message, String field, WorkspaceId workspace) {
    return new PoisonMessage(message, field, Optional.ofNullable(workspace));
  }
}
