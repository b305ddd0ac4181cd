package dev.touchline.core.port.in;

import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.event.EventInput;
import java.util.Objects;
import java.util.Optional;

/** One item of an ingest request: a decoded event, or an item the decoder already refused. */
public sealed interface IngestItem permits IngestItem.Valid, IngestItem.Invalid {

  /**
   * A decoded event, still to be validated against limits and resolved. {@code derivedMessageId}:
   * its messageId was not sent by the client but given by the runtime that carried it (a queue
   * consumer's {@code <incomingId>-<index>}), so that redeliveries are duplicates; it serves as the
   * dedup key but the stored event shows none, as it was sent.
   */
  record Valid(EventInput input, boolean derivedMessageId) implements IngestItem {
    public Valid {
      Objects.requireNonNull(input, "input");
      if (derivedMessageId && input.messageId().isEmpty()) {
        throw new IllegalArgumentException("a derived messageId needs a messageId");
      }
    }

    public Valid(EventInput input) {
      this(input, false);
    }
  }

  /** An item that could not be decoded; it becomes a rejected result and an incoming entry. */
  record Invalid(ErrorCode code, String message, Optional<String> field, String payload)
      implements IngestItem {
    public Invalid {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(payload, "payload");
    }
  }
}
