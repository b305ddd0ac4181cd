package dev.touchline.core.service.ingest;

import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.dedup.BusinessKey;
import dev.touchline.core.domain.dedup.DedupClaim;
import dev.touchline.core.domain.dedup.DedupKey;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.Excerpt;
import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.workspace.WorkspaceConfig;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.core.port.out.ContactRepository;
import dev.touchline.core.port.out.DedupLedger;
import dev.touchline.core.port.out.EventRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The messageId and business-key claims, checked before the contact is resolved so that a duplicate
 * never creates one. An event's keys are read first, in one call (a duplicate then writes nothing),
 * and claimed after (the conditional claim stays the atomic guard against concurrent twins). A key
 * another event holds is in one of the {@link Held} states.
 */
final class DedupGate {
  /** What a key held by another event means for this one. */
  enum Held {
    /** The same messageId with another payload: {@code idempotency_conflict}. */
    CONFLICT,
    /** The holder was applied: this event is its duplicate. */
    DUPLICATE,
    /** The holder is still being worked (within the in-flight grace): answered as a duplicate. */
    IN_FLIGHT,
    /** The holder stopped part-way and its grace is over: this event takes over its id. */
    ABANDONED
  }

  /** A dedup key checked before identity resolution, with its window (empty: no expiry). */
  record PreKey(DedupKey key, Optional<Duration> window) {
    boolean messageId() {
      return key instanceof DedupKey.MessageId;
    }
  }

  private final DedupLedger ledger;
  private final EventRepository events;
  private final ContactRepository contacts;
  private final TriggerDispatch dispatch;
  private final Clock clock;
  private final InFlight inFlight;

  DedupGate(
      DedupLedger ledger,
      EventRepository events,
      ContactRepository contacts,
      TriggerDispatch dispatch,
      Clock clock,
      InFlight inFlight) {
    this.ledger = ledger;
    this.events = events;
    this.contacts = contacts;
    this.dispatch = dispatch;
    this.clock = clock;
    this.inFlight = inFlight;
  }

  /** The messageId and business-key claims an event needs, in checking order. */
  static List<PreKey> keys(WorkspaceConfig config, EventInput input) {
    List<PreKey> keys = new ArrayList<>();
    if (input.messageId().isPresent()) {
      keys.add(
          new PreKey(
              new DedupKey.MessageId(input.messageId().get()),
              Optional.of(config.dedup().messageIdWindow())));
    }
    keys.addAll(businessKeys(config, input));
    return keys;
  }

  /** The business-key claims an event needs, in checking order. */
  static List<PreKey> businessKeys(WorkspaceConfig config, EventInput input) {
    List<PreKey> keys = new ArrayList<>();
    for (BusinessKey businessKey : config.dedup().businessKeysFor(input.type())) {
      keyValue(input.properties(), businessKey.propertyPath())
          .ifPresent(
              value ->
                  keys.add(
                      new PreKey(
                          new DedupKey.BusinessKeyValue(
                              input.type(), businessKey.propertyPath(), value),
                          businessKey.window())));
    }
    return keys;
  }

  /** A scalar property value as a dedup key part; empty when missing or not a string/number. */
  static Optional<String> keyValue(JsonValue.JsonObject properties, String path) {
    return properties
        .at(path)
        .filter(v -> v instanceof JsonValue.JsonString || v instanceof JsonValue.JsonNumber)
        .map(JsonValue::canonical);
  }

  /**
   * Reads keys without claiming them (one call for all of them): empty when the event may go on
   * (nobody holds them, it holds them itself, or it took over an abandoned holder), else the answer
   * for the first key, in checking order, that another event holds.
   */
  Optional<IngestOutcome> read(Attempt a, List<PreKey> keys) {
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    Set<String> stored = new LinkedHashSet<>();
    keys.forEach(k -> stored.add(k.key().stored()));
    Map<String, DedupClaim> live =
        stored.size() == 1
            ? ledger
                .find(a.workspace, stored.iterator().next(), clock.instant())
                .map(c -> Map.of(c.key(), c))
                .orElse(Map.of())
            : ledger.findAll(a.workspace, stored, clock.instant());
    for (PreKey pre : keys) {
      DedupClaim held = live.get(pre.key().stored());
      if (held != null && !held.holder().equals(a.eventId)) {
        Optional<IngestOutcome> answer = answer(a, held, pre);
        if (answer.isPresent()) {
          return answer;
        }
      }
    }
    return Optional.empty();
  }

  /** Claims keys in checking order: empty when the event now holds them all, else the answer. */
  Optional<IngestOutcome> claim(Attempt a, List<PreKey> keys) {
    for (PreKey key : keys) {
      Optional<IngestOutcome> held = claim(a, key);
      if (held.isPresent()) {
        return held;
      }
    }
    return Optional.empty();
  }

  /**
   * Claims a key: empty when the event now holds it (fresh, or adopted from an abandoned holder),
   * else the answer for the held key.
   */
  private Optional<IngestOutcome> claim(Attempt a, PreKey pre) {
    String key = pre.key().stored();
    DedupClaim claim =
        DedupClaim.forWindow(
            a.workspace, key, a.eventId, a.fingerprint, a.receivedAt, pre.window());
    DedupLedger.ClaimResult result = ledger.claim(claim, clock.instant());
    if (result instanceof DedupLedger.Claimed) {
      a.taken.add(key);
      return Optional.empty();
    }
    DedupClaim existing = ((DedupLedger.Held) result).existing();
    if (existing.holder().equals(a.eventId)) {
      a.taken.add(key);
      return Optional.empty();
    }
    return answer(a, existing, pre);
  }

  private Optional<IngestOutcome> answer(Attempt a, DedupClaim existing, PreKey pre) {
    EventId holder = existing.holder();
    Optional<Event> first = Optional.empty();
    Held state;
    if (pre.messageId() && !existing.fingerprint().equals(a.fingerprint)) {
      state = Held.CONFLICT;
    } else {
      first = events.findById(a.workspace, holder);
      Optional<Contact> owner = first.flatMap(e -> contacts.findById(a.workspace, e.contactId()));
      if (owner.map(c -> appliedOrTooOld(c, holder)).orElse(false)) {
        state = Held.DUPLICATE;
      } else if (inFlight.mayStillRun(existing.claimedAt(), clock.instant())) {
        state = Held.IN_FLIGHT;
      } else {
        state = Held.ABANDONED;
      }
    }
    switch (state) {
      case CONFLICT:
        return Optional.of(
            new IngestOutcome.Rejected(
                ErrorCode.IDEMPOTENCY_CONFLICT,
                "messageId "
                    + Excerpt.quoted(a.input.messageId().orElseThrow())
                    + " was already used for a different event ("
                    + holder.value()
                    + ")",
                Optional.of("messageId")));
      case ABANDONED:
        // The first attempt stopped part-way: take over its id and finish the work.
        a.adopt(holder, existing.claimedAt());
        a.taken.add(pre.key().stored());
        return Optional.empty();
      case DUPLICATE:
        dispatch.finish(first.orElseThrow());
        return Optional.of(duplicate(holder, first, pre, false));
      default:
        return Optional.of(duplicate(holder, first, pre, true));
    }
  }

  private static IngestOutcome.Duplicate duplicate(
      EventId holder, Optional<Event> first, PreKey pre, boolean inFlight) {
    return new IngestOutcome.Duplicate(
        holder,
        first.map(Event::contactId),
        pre.messageId()
            ? IngestOutcome.DuplicateReason.MESSAGE_ID
            : IngestOutcome.DuplicateReason.BUSINESS_KEY,
        inFlight);
  }

  private static boolean appliedOrTooOld(Contact contact, EventId holder) {
    if (contact.hasApplied(holder)) {
      return true;
    }
    List<EventId> applied = contact.appliedEvents();
    // Only the greatest few applied ids are remembered (ascending): a stored event older than all
    // of them was applied before them, even when the contact's events were applied out of order.
    return applied.size() >= Contact.APPLIED_EVENTS_KEPT && holder.compareTo(applied.get(0)) < 0;
  }
}
