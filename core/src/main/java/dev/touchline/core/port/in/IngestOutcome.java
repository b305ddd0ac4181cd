package dev.touchline.core.port.in;

import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.identity.IdentityConflict;
import dev.touchline.core.domain.identity.Resolution;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What became of one event. */
public sealed interface IngestOutcome
    permits IngestOutcome.Accepted,
        IngestOutcome.Duplicate,
        IngestOutcome.Discarded,
        IngestOutcome.Rejected,
        IngestOutcome.Received {

  /**
   * Taken for later (the asynchronous path): valid, recorded in the incoming log as {@code
   * received} under {@code incomingId}, and queued; the queue's consumer moves the entry to its
   * outcome.
   */
  record Received(String incomingId) implements IngestOutcome {
    public Received {
      Objects.requireNonNull(incomingId, "incomingId");
    }
  }

  /** Stored as a canonical event for a contact. */
  record Accepted(
      EventId eventId, ContactId contactId, Resolution resolved, List<IdentityConflict> conflicts)
      implements IngestOutcome {
    public Accepted {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(contactId, "contactId");
      Objects.requireNonNull(resolved, "resolved");
      conflicts = List.copyOf(conflicts);
    }
  }

  /**
   * Already seen: the same messageId (or business key) was ingested before; {@code eventId} is the
   * first event's. {@code inFlight}: the first attempt is not known to be finished and may still be
   * running (within the in-flight grace); a resend after the grace finishes it if it stopped. A
   * queue consumer keeps such a message for redelivery instead of deleting it.
   */
  record Duplicate(
      EventId eventId, Optional<ContactId> contactId, DuplicateReason reason, boolean inFlight)
      implements IngestOutcome {
    public Duplicate {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(contactId, "contactId");
      Objects.requireNonNull(reason, "reason");
    }

    /** A duplicate of an event known to be applied. */
    public Duplicate(EventId eventId, Optional<ContactId> contactId, DuplicateReason reason) {
      this(eventId, contactId, reason, false);
    }
  }

  /** Why an event is a duplicate. */
  enum DuplicateReason {
    MESSAGE_ID("messageId"),
    BUSINESS_KEY("businessKey");

    private final String wireName;

    DuplicateReason(String wireName) {
      this.wireName = wireName;
    }

    /** As the API writes it: {@code messageId} or {@code businessKey}. */
    public String wireName() {
      return wireName;
    }
  }

  /** Dropped on purpose: a bot, or throttled. */
  record Discarded(DiscardReason reason, Optional<ContactId> contactId) implements IngestOutcome {
    public Discarded {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(contactId, "contactId");
    }
  }

  /** Why an event was dropped. */
  enum DiscardReason {
    BOT("bot"),
    THROTTLED("throttled");

    private final String wireName;

    DiscardReason(String wireName) {
      this.wireName = wireName;
    }

    /** As the API writes it: {@code bot} or {@code throttled}. */
    public String wireName() {
      return wireName;
    }
  }

  /** Refused, with the error code, message and the field at fault. */
  record Rejected(ErrorCode code, String message, Optional<String> field) implements IngestOutcome {
    public Rejected {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(field, "field");
    }
  }
}
