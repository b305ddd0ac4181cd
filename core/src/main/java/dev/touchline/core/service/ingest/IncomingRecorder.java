package dev.touchline.core.service.ingest;

import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.incoming.IncomingEntry;
import dev.touchline.core.domain.incoming.IncomingStatus;
import dev.touchline.core.domain.incoming.ProcessError;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.core.port.out.IncomingLog;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes the incoming-log entry of every event that did not become a canonical event, and of every
 * event received earlier through the queue (its {@code received} entry moved to its outcome).
 */
final class IncomingRecorder {
  private final IncomingLog incoming;

  IncomingRecorder(IncomingLog incoming) {
    this.incoming = incoming;
  }

  /** The entry of an event refused, discarded or answered as a duplicate. */
  void log(
      WorkspaceId workspace,
      Instant receivedAt,
      String incomingId,
      String payload,
      IngestOutcome outcome) {
    IncomingStatus status;
    Optional<EventId> event = Optional.empty();
    if (outcome instanceof IngestOutcome.Duplicate d) {
      status = IncomingStatus.DUPLICATE;
      event = Optional.of(d.eventId());
    } else if (outcome instanceof IngestOutcome.Discarded) {
      status = IncomingStatus.DISCARDED;
    } else {
      status = IncomingStatus.REJECTED;
    }
    record(workspace, receivedAt, incomingId, payload, status, outcome, event);
  }

  /** An entry with the given status (e.g. {@code failed}, naming the stored event if any). */
  void record(
      WorkspaceId workspace,
      Instant receivedAt,
      String incomingId,
      String payload,
      IncomingStatus status,
      IngestOutcome outcome,
      Optional<EventId> event) {
    incoming.save(
        new IncomingEntry(
            workspace, incomingId, receivedAt, status, errorOf(outcome), payload, event));
  }

  /** The entry of an event received earlier, now stored (by this delivery or an earlier one). */
  void processed(
      WorkspaceId workspace, Instant receivedAt, String incomingId, String payload, EventId event) {
    incoming.save(
        new IncomingEntry(
            workspace,
            incomingId,
            receivedAt,
            IncomingStatus.PROCESSED,
            Optional.empty(),
            payload,
            Optional.of(event)));
  }

  private static Optional<ProcessError> errorOf(IngestOutcome outcome) {
    if (outcome instanceof IngestOutcome.Rejected r) {
      return Optional.of(new ProcessError(r.code().wireName(), r.message()));
    }
    if (outcome instanceof IngestOutcome.Discarded d) {
      String reason = d.reason().wireName();
      return Optional.of(new ProcessError(reason, "discarded: " + reason));
    }
    if (outcome instanceof IngestOutcome.Duplicate d) {
      return Optional.of(
          new ProcessError(
              "duplicate",
              "duplicate of event " + d.eventId().value() + " (" + d.reason().wireName() + ")"));
    }
    return Optional.empty();
  }
}
