package dev.touchline.core.domain.incoming;

import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A record of an event that did not become a canonical event (or that was accepted for asynchronous
 * processing): what was sent, what became of it and why.
 *
 * @param id a ULID, so entries list newest first
 * @param payload the original JSON, at most {@link #MAX_PAYLOAD_BYTES} bytes (cut and marked past
 *     it)
 */
public record IncomingEntry(
    WorkspaceId workspace,
    String id,
    Instant receivedAt,
    IncomingStatus status,
    Optional<ProcessError> processError,
    String payload,
    Optional<EventId> eventId) {

  /** The most payload text an entry keeps. */
  public static final int MAX_PAYLOAD_BYTES = 32 * 1024;

  public IncomingEntry {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(processError, "processError");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(eventId, "eventId");
    payload = bounded(payload);
  }

  /** This entry moved to another status. */
  public IncomingEntry withOutcome(
      IncomingStatus newStatus, Optional<ProcessError> error, Optional<EventId> resultingEvent) {
    return new IncomingEntry(workspace, id, receivedAt, newStatus, error, payload, resultingEvent);
  }

  private static String bounded(String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_PAYLOAD_BYTES) {
      return payload;
    }
    String marker = "…[truncated " + bytes.length + " bytes]";
    int keep = MAX_PAYLOAD_BYTES - marker.getBytes(StandardCharsets.UTF_8).length;
    String cut = new String(bytes, 0, keep, StandardCharsets.UTF_8);
    if (!cut.isEmpty() && cut.charAt(cut.length() - 1) == '\uFFFD') {
      cut = cut.substring(0, cut.length() - 1); // a code point split by the cut
    }
    return cut + marker;
  }
}
