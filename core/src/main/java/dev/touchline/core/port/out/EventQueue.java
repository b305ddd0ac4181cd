package dev.touchline.core.port.out;

import dev.touchline.core.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where the asynchronous path puts events for a consumer to ingest later (an SQS queue). The
 * consumer hands them back to the engine with their incoming ids ({@code IngestCommand.Receipt}).
 */
public interface EventQueue {

  /**
   * Puts the events on the queue, in order.
   *
   * @throws StorageException when they could not all be queued (those already sent stay sent; their
   *     redelivery is harmless)
   */
  void enqueue(WorkspaceId workspace, Instant receivedAt, List<Queued> events);

  /**
   * One event: the incoming id its entry was recorded under, its JSON text, and its messageId when
   * the request gave it outside the text (an {@code Idempotency-Key} header): the queue must carry
   * it with the event.
   */
  record Queued(String incomingId, String payload, java.util.Optional<String> messageId) {
    public Queued {
      Objects.requireNonNull(incomingId, "incomingId");
      Objects.requireNonNull(payload, "payload");
      Objects.requireNonNull(messageId, "messageId");
    }

    public Queued(String incomingId, String payload) {
      this(incomingId, payload, java.util.Optional.empty());
    }
  }
}
