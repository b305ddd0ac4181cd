package dev.touchline.adapter.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.touchline.core.domain.event.Ulids;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.EventQueue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Puts events on the events queue as envelopes: a payload (the body of {@code POST /v1/events})
 * becomes one envelope, or several when it would not fit in one message, each at most {@code
 * maxMessageBytes}. On a FIFO queue (its URL ends in {@code .fifo}) the events are grouped by their
 * contact's first identifier (customer, else email, phone, externalId), each group in its own
 * messages with a message group derived from that identifier, so one contact's events stay in
 * order; the deduplication id comes from the items' messageIds when they all have one (else from
 * the envelope's id). Messages go out ten (and at most {@code maxMessageBytes}) per call.
 */
public final class SqsEventPublisher {
  private static final int SEND_MAX = 10;
  private static final int SEND_ATTEMPTS = 3;

  /** Room an envelope takes around its payload (the fields and their names, generously). */
  static final int ENVELOPE_OVERHEAD = 256;

  private final SqsClient sqs;
  private final String queueUrl;
  private final boolean fifo;
  private final int maxMessageBytes;
  private final Clock clock;
  private final Ulids ids = new Ulids();
  private final ObjectMapper mapper;

  public SqsEventPublisher(SqsClient sqs, String queueUrl, int maxMessageBytes, Clock clock) {
    this.sqs = Objects.requireNonNull(sqs, "sqs");
    this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    this.fifo = queueUrl.endsWith(".fifo");
    if (maxMessageBytes < 1024 || maxMessageBytes > SqsConsumerSettings.MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException(
          "maxMessageBytes must be 1024-"
              + SqsConsumerSettings.MAX_MESSAGE_BYTES
              + ", got "
              + maxMessageBytes);
    }
    this.maxMessageBytes = maxMessageBytes;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.mapper = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    mapper
        .getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).build());
  }

  /** The envelopes a payload becomes, without sending them. */
  public List<Outgoing> envelopes(WorkspaceId workspace, String payload) {
    JsonNode root = parse(payload, "payload");
    if (!root.isObject()) {
      throw new IllegalArgumentException(
          "payload: must be a JSON object (an event or {\"events\": [...]})");
    }
    Instant now = clock.instant();
    JsonNode events = root.get("events");
    if (events == null || !events.isArray()) {
      return List.of(single(workspace, root, now));
    }
    List<Item> items = new ArrayList<>();
    for (JsonNode item : events) {
      items.add(new Item(item, item.toString(), null));
    }
    return plan(workspace, now, items);
  }

  /**
   * The envelopes of events already recorded in the incoming log (the asynchronous path), each
   * envelope naming its items' incoming ids.
   */
  public List<Outgoing> envelopes(
      WorkspaceId workspace, Instant receivedAt, List<EventQueue.Queued> events) {
    List<Item> items = new ArrayList<>(events.size());
    for (EventQueue.Queued q : events) {
      JsonNode node = parse(q.payload(), "event");
      String text = q.payload();
      if (q.messageId().isPresent()
          && node instanceof com.fasterxml.jackson.databind.node.ObjectNode object
          && !object.has("messageId")) {
        object.put("messageId", q.messageId().get()); // given by a header: it travels in the event
        text = object.toString();
      }
      items.add(new Item(node, text, q.incomingId()));
    }
    return plan(workspace, receivedAt, items);
  }

  private JsonNode parse(String text, String what) {
    try {
      JsonNode node = mapper.readTree(text);
      if (node == null) {
        throw new IllegalArgumentException(what + ": empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + ": not JSON: " + e.getOriginalMessage());
    }
  }

  /** An event to put in an envelope: its tree (for its group), its text, its incoming id. */
  private record Item(JsonNode node, String text, String incomingId) {}

  private List<Outgoing> plan(WorkspaceId workspace, Instant at, List<Item> items) {
    Map<String, List<Item>> groups = new LinkedHashMap<>();
    for (Item item : items) {
      groups.computeIfAbsent(fifo ? group(item.node()) : "", g -> new ArrayList<>()).add(item);
    }
    List<Outgoing> out = new ArrayList<>();
    int empty = "{\"events\":[]}".length();
    int room = maxMessageBytes - ENVELOPE_OVERHEAD;
    for (Map.Entry<String, List<Item>> group : groups.entrySet()) {
      List<Item> chunk = new ArrayList<>();
      int size = empty;
      for (Item item : group.getValue()) {
        int bytes =
            item.text().getBytes(StandardCharsets.UTF_8).length
                + (item.incomingId() == null ? 0 : item.incomingId().length() + 3);
        if (bytes + empty > room) {
          throw new IllegalArgumentException(
              "an event of "
                  + bytes
                  + " bytes cannot fit in a message of "
                  + maxMessageBytes
                  + " bytes");
        }
        if (!chunk.isEmpty() && size + 1 + bytes > room) {
          out.add(batch(workspace, group.getKey(), chunk, at));
          chunk = new ArrayList<>();
          size = empty;
        }
        chunk.add(item);
        size += bytes + 1;
      }
      if (!chunk.isEmpty()) {
        out.add(batch(workspace, group.getKey(), chunk, at));
      }
    }
    return out;
  }

  /**
   * Sends a payload as envelopes and returns their incoming ids, in order.
   *
   * @throws IllegalArgumentException when the payload is not a JSON object, or one event alone is
   *     larger than a message
   * @throws PublishException when a message could not be sent after {@value #SEND_ATTEMPTS}
   *     attempts (the ones sent before it stay sent)
   */
  public List<String> publish(WorkspaceId workspace, String payload) {
    return send(envelopes(workspace, payload));
  }

  /** Sends events already recorded as received (the asynchronous path). */
  public List<String> publish(
      WorkspaceId workspace, Instant receivedAt, List<EventQueue.Queued> events) {
    return send(envelopes(workspace, receivedAt, events));
  }

  private List<String> send(List<Outgoing> envelopes) {
    List<Outgoing> pending = new ArrayList<>();
    int size = 0;
    for (Outgoing o : envelopes) {
      int bytes = o.body().getBytes(StandardCharsets.UTF_8).length;
      if (!pending.isEmpty() && (pending.size() == SEND_MAX || size + bytes > maxMessageBytes)) {
        sendBatch(pending);
        pending = new ArrayList<>();
        size = 0;
      }
      pending.add(o);
      size += bytes;
    }
    if (!pending.isEmpty()) {
      sendBatch(pending);
    }
    return envelopes.stream().map(o -> o.envelope().incomingId()).toList();
  }

  private void sendBatch(List<Outgoing> messages) {
    Map<String, Outgoing> left = new LinkedHashMap<>();
    for (int i = 0; i < messages.size(); i++) {
      left.put(Integer.toString(i), messages.get(i));
    }
    String lastError = "";
    for (int attempt = 0; attempt < SEND_ATTEMPTS && !left.isEmpty(); attempt++) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      left.forEach(
          (id, o) -> {
            SendMessageBatchRequestEntry.Builder e =
                SendMessageBatchRequestEntry.builder().id(id).messageBody(o.body());
            o.groupId().ifPresent(e::messageGroupId);
            o.deduplicationId().ifPresent(e::messageDeduplicationId);
            entries.add(e.build());
          });
      SendMessageBatchResponse response =
          sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
      response.successful().forEach(s -> left.remove(s.id()));
      for (BatchResultErrorEntry failed : response.failed()) {
        lastError = failed.code() + ": " + failed.message();
        if (failed.senderFault()) {
          throw new PublishException("the queue refused an envelope: " + lastError);
        }
      }
    }
    if (!left.isEmpty()) {
      throw new PublishException(
          left.size()
              + " envelopes could not be sent after "
              + SEND_ATTEMPTS
              + " attempts: "
              + lastError);
    }
  }

  private Outgoing single(WorkspaceId workspace, JsonNode event, Instant now) {
    String text = event.toString();
    if (text.getBytes(StandardCharsets.UTF_8).length > maxMessageBytes - ENVELOPE_OVERHEAD) {
      throw new IllegalArgumentException(
          "an event of "
              + text.length()
              + " characters cannot fit in a message of "
              + maxMessageBytes
              + " bytes");
    }
    Envelope envelope = new Envelope(workspace, ids.next(now), now, text);
    Optional<String> messageId = text(event, "messageId");
    return outgoing(
        envelope,
        fifo ? Optional.of(group(event)) : Optional.empty(),
        messageId.map(m -> List.of(m)));
  }

  private Outgoing batch(WorkspaceId workspace, String group, List<Item> items, Instant now) {
    StringBuilder payload = new StringBuilder("{\"events\":[");
    List<String> messageIds = new ArrayList<>();
    List<String> incomingIds = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      payload.append(i == 0 ? "" : ",").append(item.text());
      if (messageIds != null) {
        Optional<String> m = text(item.node(), "messageId");
        if (m.isPresent()) {
          messageIds.add(m.get());
        } else {
          messageIds = null;
        }
      }
      if (item.incomingId() != null) {
        incomingIds.add(item.incomingId());
      }
    }
    payload.append("]}");
    Envelope envelope =
        new Envelope(
            workspace,
            ids.next(now),
            now,
            payload.toString(),
            incomingIds.size() == items.size() ? Optional.of(incomingIds) : Optional.empty());
    return outgoing(
        envelope, fifo ? Optional.of(group) : Optional.empty(), Optional.ofNullable(messageIds));
  }

  private Outgoing outgoing(
      Envelope envelope, Optional<String> group, Optional<List<String>> messageIds) {
    Optional<String> dedup =
        fifo
            ? Optional.of(
                messageIds
                    .map(ids -> "m-" + sha256(String.join("\n", ids)).substring(0, 64))
                    .orElse("e-" + envelope.incomingId()))
            : Optional.empty();
    return new Outgoing(envelope, envelope.write(), group, dedup);
  }

  /**
   * A FIFO message group from the event's first identifier, hashed (no address in the group id).
   */
  static String group(JsonNode event) {
    for (String field : new String[] {"customer", "email", "phone", "externalId"}) {
      Optional<String> value = text(event, field);
      if (value.isPresent()) {
        String v = value.get().strip();
        String normal =
            switch (field) {
              case "email" -> v.toLowerCase(Locale.ROOT);
              case "phone" -> v.replaceAll("[^0-9+]", "");
              default -> v;
            };
        return "c-" + sha256(field + ":" + normal).substring(0, 40);
      }
    }
    return "c-none";
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An envelope ready to send, with its FIFO group and deduplication id when the queue is FIFO. */
  public record Outgoing(
      Envelope envelope, String body, Optional<String> groupId, Optional<String> deduplicationId) {}

  /** Envelopes could not be put on the queue. */
  public static final class PublishException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PublishException(String message) {
      super(message);
    }
  }
}
