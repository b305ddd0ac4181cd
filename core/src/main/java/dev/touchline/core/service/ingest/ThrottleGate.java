package dev.touchline.core.service.ingest;

import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.dedup.DedupClaim;
import dev.touchline.core.domain.dedup.DedupKey;
import dev.touchline.core.domain.dedup.Throttle;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.core.port.out.DedupLedger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The throttles of an event's type, per contact (and per property value when configured): the slot
 * is read first for a contact that exists already (a throttled event then writes nothing), and
 * claimed once the contact is known.
 */
final class ThrottleGate {
  private final DedupLedger ledger;
  private final Clock clock;

  ThrottleGate(DedupLedger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  /** For a contact that exists already: whether a slot is taken (reads only). */
  Optional<IngestOutcome> taken(Attempt a, ContactId contact) {
    for (Throttle throttle : a.config.dedup().throttlesFor(a.input.type())) {
      Optional<DedupClaim> live =
          ledger.find(a.workspace, slot(a, throttle, contact), clock.instant());
      if (live.isPresent() && !live.get().holder().equals(a.eventId)) {
        return Optional.of(throttled(contact));
      }
    }
    return Optional.empty();
  }

  /**
   * Claims the event's slots for {@code contact}: the keys claimed, or the answer when a slot is
   * held by another event.
   */
  Claims claim(Attempt a, ContactId contact) {
    List<String> claimed = new ArrayList<>();
    for (Throttle throttle : a.config.dedup().throttlesFor(a.input.type())) {
      String key = slot(a, throttle, contact);
      DedupClaim claim =
          DedupClaim.forWindow(
              a.workspace,
              key,
              a.eventId,
              a.fingerprint,
              a.receivedAt,
              Optional.of(throttle.window()));
      DedupLedger.ClaimResult result = ledger.claim(claim, clock.instant());
      if (result instanceof DedupLedger.Held held && !held.existing().holder().equals(a.eventId)) {
        return new Claims(claimed, Optional.of(throttled(contact)));
      }
      a.taken.add(key);
      claimed.add(key);
    }
    return new Claims(claimed, Optional.empty());
  }

  /** The slots claimed, and the answer when the event is throttled. */
  record Claims(List<String> keys, Optional<IngestOutcome> throttled) {}

  /** Gives back slots claimed for a contact the event did not end up with. */
  void release(Attempt a, List<String> keys) {
    for (String key : keys) {
      ledger.release(a.workspace, key, a.eventId);
      a.taken.remove(key);
    }
  }

  private static String slot(Attempt a, Throttle throttle, ContactId contact) {
    Optional<String> perValue =
        throttle
            .perProperty()
            .map(property -> DedupGate.keyValue(a.input.properties(), property).orElse("-"));
    return new DedupKey.ThrottleSlot(a.input.type(), contact, perValue).stored();
  }

  private static IngestOutcome.Discarded throttled(ContactId contact) {
    return new IngestOutcome.Discarded(IngestOutcome.DiscardReason.THROTTLED, Optional.of(contact));
  }
}
