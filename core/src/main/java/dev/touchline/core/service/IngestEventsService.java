package dev.touchline.core.service;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.contact.AttributeValue;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.dedup.BusinessKey;
import dev.touchline.core.domain.dedup.DedupClaim;
import dev.touchline.core.domain.dedup.DedupKey;
import dev.touchline.core.domain.dedup.Throttle;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.event.ClientTimestamp;
import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.event.IngestLimits;
import dev.touchline.core.domain.event.Ulids;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.identity.InvalidIdentifierException;
import dev.touchline.core.domain.identity.Resolution;
import dev.touchline.core.domain.incoming.IncomingEntry;
import dev.touchline.core.domain.incoming.IncomingStatus;
import dev.touchline.core.domain.incoming.ProcessError;
import dev.touchline.core.domain.rule.ContactEvolution;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.workspace.WorkspaceConfig;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestEventsUseCase;
import dev.touchline.core.port.in.IngestItem;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.core.port.in.IngestResult;
import dev.touchline.core.port.out.ContactRepository;
import dev.touchline.core.port.out.DedupLedger;
import dev.touchline.core.port.out.EventRepository;
import dev.touchline.core.port.out.IncomingLog;
import dev.touchline.core.port.out.StorageException;
import dev.touchline.core.port.out.TriggerRepository;
import dev.touchline.core.port.out.TriggerSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ingestion pipeline: validate, bot check, messageId and business-key claims, identity
 * resolution, throttles, then the event is stored, the contact evolves and triggers fire.
 *
 * <p>Crash safety: claims taken by an event that then fails before it is stored are released, so a
 * retry succeeds. Once the event is stored, its claims stay: a retry of the same messageId after
 * {@code inFlightGrace} adopts the stored event id and finishes the work (the contact records the
 * ids of the events applied to it, so nothing is applied twice, and trigger ids are deterministic).
 */
public final class IngestEventsService implements IngestEventsUseCase {
  private static final Logger LOG = Logger.getLogger(IngestEventsService.class.getName());
  private static final int MAX_CREATE_ATTEMPTS = 5;

  private final WorkspaceConfigs configs;
  private final ContactRepository contacts;
  private final EventRepository events;
  private final DedupLedger ledger;
  private final IncomingLog incoming;
  private final TriggerRepository triggers;
  private final TriggerSink sink;
  private final IdentityResolver resolver;
  private final Ulids ids;
  private final Clock clock;
  private final IngestLimits limits;
  private final Duration inFlightGrace;
  private final BatchRunner runner;

  public IngestEventsService(
      WorkspaceConfigs configs,
      ContactRepository contacts,
      EventRepository events,
      DedupLedger ledger,
      IncomingLog incoming,
      TriggerRepository triggers,
      TriggerSink sink,
      Ulids ids,
      Clock clock,
      IngestLimits limits,
      Duration inFlightGrace,
      BatchRunner runner) {
    this.configs = configs;
    this.contacts = contacts;
    this.events = events;
    this.ledger = ledger;
    this.incoming = incoming;
    this.triggers = triggers;
    this.sink = sink;
    this.resolver = new IdentityResolver(contacts, ids);
    this.ids = ids;
    this.clock = clock;
    this.limits = limits;
    this.inFlightGrace = inFlightGrace;
    this.runner = runner;
  }

  @Override
  public IngestResult ingest(Caller caller, IngestCommand command) {
    caller.require(Scope.EVENTS_WRITE);
    if (command.items().size() > limits.maxBatchItems()) {
      throw new TouchlineException(
          ErrorCode.PAYLOAD_TOO_LARGE,
          "a batch holds at most "
              + limits.maxBatchItems()
              + " events, this one has "
              + command.items().size(),
          "events");
    }
    WorkspaceId workspace = caller.workspace();
    WorkspaceConfig config = configs.current(workspace);
    List<IngestItem> items = command.items();
    // Receipt times and ids are given in batch order before any item runs, so timelines and the
    // incoming log sort as if the items had run one by one.
    Slot[] slots = new Slot[items.size()];
    for (int i = 0; i < slots.length; i++) {
      Instant receivedAt = clock.instant();
      slots[i] = new Slot(receivedAt, new EventId(ids.next(receivedAt)), ids.next(receivedAt));
    }
    IngestOutcome[] outcomes = new IngestOutcome[items.size()];
    runner.run(
        groups(workspace, config, items),
        i -> outcomes[i] = ingest(workspace, config, items.get(i), slots[i]));
    return new IngestResult(List.of(outcomes));
  }

  /** What an item is given before it runs. */
  private record Slot(Instant receivedAt, EventId eventId, String incomingId) {}

  /** The batch's groups: one when it is worked one item at a time. */
  private List<int[]> groups(
      WorkspaceId workspace, WorkspaceConfig config, List<IngestItem> items) {
    List<int[]> sequential = List.of(java.util.stream.IntStream.range(0, items.size()).toArray());
    if (runner.concurrency() == 1 || items.size() == 1) {
      return sequential;
    }
    try {
      return BatchGroups.of(workspace, config, items, contacts);
    } catch (RuntimeException e) {
      // Without the owners of its identifiers a batch cannot be split safely: work it in order.
      LOG.log(Level.WARNING, "could not group a batch; it is worked one item at a time", e);
      return sequential;
    }
  }

  private IngestOutcome ingest(
      WorkspaceId workspace, WorkspaceConfig config, IngestItem item, Slot slot) {
    if (item instanceof IngestItem.Invalid invalid) {
      IngestOutcome.Rejected rejected =
          new IngestOutcome.Rejected(invalid.code(), invalid.message(), invalid.field());
      log(workspace, slot.receivedAt(), slot.incomingId(), invalid.payload(), rejected);
      return rejected;
    }
    EventInput input = ((IngestItem.Valid) item).input();
    return new Attempt(workspace, config, input, slot).run();
  }

  /** One event going through the pipeline. */
  private final class Attempt {
    private final WorkspaceId workspace;
    private final WorkspaceConfig config;
    private final EventInput input;
    private final String fingerprint;
    private final Set<String> taken = new LinkedHashSet<>();
    private final String incomingId;
    private Instant receivedAt;
    private EventId eventId;
    private boolean stored;

    Attempt(WorkspaceId workspace, WorkspaceConfig config, EventInput input, Slot slot) {
      this.workspace = workspace;
      this.config = config;
      this.input = input;
      this.receivedAt = slot.receivedAt();
      this.eventId = slot.eventId();
      this.incomingId = slot.incomingId();
      this.fingerprint = input.fingerprint();
    }

    IngestOutcome run() {
      IngestOutcome outcome;
      try {
        outcome = process();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "event processing failed in workspace " + workspace, e);
        if (!stored) {
          releaseClaims();
        }
        outcome =
            new IngestOutcome.Rejected(
                ErrorCode.INTERNAL_ERROR,
                "processing failed in the store; the event can be sent again"
                    + (stored ? " with the same messageId" : ""),
                Optional.empty());
        try {
          record(
              workspace,
              receivedAt,
              incomingId,
              input.payload(),
              IncomingStatus.FAILED,
              outcome,
              Optional.ofNullable(stored ? eventId : null));
        } catch (RuntimeException logFailure) {
          e.addSuppressed(logFailure);
          LOG.log(Level.WARNING, "could not record the failure in the incoming log", logFailure);
        }
        return outcome;
      }
      if (!(outcome instanceof IngestOutcome.Accepted)) {
        releaseClaims(); // only an accepted event keeps its claims; a resend is judged afresh
        log(workspace, receivedAt, incomingId, input.payload(), outcome);
      }
      return outcome;
    }

    private IngestOutcome process() {
      Validated valid;
      try {
        valid = validate();
      } catch (InvalidIdentifierException e) {
        return invalid(e.field(), e.getMessage());
      } catch (TouchlineException e) {
        return new IngestOutcome.Rejected(e.code(), e.getMessage(), e.field());
      }
      if (config.dedup().bots().isBot(input)) {
        return new IngestOutcome.Discarded(IngestOutcome.DiscardReason.BOT, Optional.empty());
      }

      // Read-only checks first, in the order of the README's *Dedup and noise*, so that a duplicate
      // or a throttled event is
      // answered without writing a claim; the conditional claims below stay the atomic guard.
      List<PreKey> preKeys = preResolutionKeys();
      // The contact is looked up while the dedup keys are read: neither depends on the other, so on
      // a remote store they cost one wait instead of two.
      Callable<Optional<IdentityResolver.Match>> find =
          () -> resolver.lookup(workspace, valid.customer, valid.identifiers);
      FutureTask<Optional<IdentityResolver.Match>> lookup =
          preKeys.isEmpty() ? new FutureTask<>(find) : runner.fork(find);
      for (PreKey pre : preKeys) {
        Optional<DedupClaim> live = ledger.find(workspace, pre.key().stored(), clock.instant());
        if (live.isPresent() && !live.get().holder().equals(eventId)) {
          Optional<IngestOutcome> held = judge(live.get(), pre.key().stored(), pre.messageId());
          if (held.isPresent()) {
            lookup.cancel(false);
            return held.get();
          }
        }
      }
      Optional<IdentityResolver.Match> known = BatchRunner.join(lookup);
      if (!config.dedup().throttlesFor(input.type()).isEmpty()) {
        Optional<IngestOutcome> throttled = throttledBeforeClaims(known);
        if (throttled.isPresent()) {
          return throttled.get();
        }
      }

      for (PreKey pre : preKeys) {
        Optional<IngestOutcome> held = claim(pre.key().stored(), pre.window(), pre.messageId());
        if (held.isPresent()) {
          return held.get();
        }
      }

      for (int attempt = 0; attempt < MAX_CREATE_ATTEMPTS; attempt++) {
        IdentityResolver.Outcome resolution =
            resolver.plan(
                workspace,
                valid.customer,
                valid.identifiers,
                config.identity().unknownContacts(),
                receivedAt,
                known);
        known = Optional.empty();
        if (resolution instanceof IdentityResolver.NotFound notFound) {
          return new IngestOutcome.Rejected(
              ErrorCode.CONTACT_NOT_FOUND, notFound.message(), Optional.of(notFound.field()));
        }
        ContactId contactId =
            resolution instanceof IdentityResolver.Planned planned
                ? planned.contact().id()
                : ((IdentityResolver.Resolved) resolution).contact().id();
        List<String> throttleKeys = new ArrayList<>();
        for (Throttle throttle : config.dedup().throttlesFor(input.type())) {
          String key = throttleKey(throttle, contactId);
          DedupClaim claim =
              DedupClaim.forWindow(
                  workspace, key, eventId, fingerprint, receivedAt, Optional.of(throttle.window()));
          DedupLedger.ClaimResult result = ledger.claim(claim, clock.instant());
          if (result instanceof DedupLedger.Held held
              && !held.existing().holder().equals(eventId)) {
            return new IngestOutcome.Discarded(
                IngestOutcome.DiscardReason.THROTTLED, Optional.of(contactId));
          }
          taken.add(key);
          throttleKeys.add(key);
        }
        if (resolution instanceof IdentityResolver.Resolved resolved) {
          return store(valid, resolved);
        }
        Optional<IngestOutcome> created =
            createWithEvent(valid, ((IdentityResolver.Planned) resolution).contact());
        if (created.isPresent()) {
          return created.get();
        }
        // Another event created a contact with one of these identifiers first: resolve again.
        for (String key : throttleKeys) {
          ledger.release(workspace, key, eventId);
          taken.remove(key);
        }
      }
      throw new StorageException(
          "creating a contact for this event kept conflicting; gave up after "
              + MAX_CREATE_ATTEMPTS
              + " attempts");
    }

    /**
     * Claims a pre-resolution key; empty when this attempt now holds it (fresh, or adopted from an
     * abandoned attempt), else the outcome for the held key.
     */
    private Optional<IngestOutcome> claim(
        String key, Optional<Duration> window, boolean messageId) {
      DedupClaim claim =
          DedupClaim.forWindow(workspace, key, eventId, fingerprint, receivedAt, window);
      DedupLedger.ClaimResult result = ledger.claim(claim, clock.instant());
      if (result instanceof DedupLedger.Claimed) {
        taken.add(key);
        return Optional.empty();
      }
      DedupClaim existing = ((DedupLedger.Held) result).existing();
      if (existing.holder().equals(eventId)) {
        taken.add(key);
        return Optional.empty();
      }
      return judge(existing, key, messageId);
    }

    /**
     * The outcome for a key another event holds: a conflict (same messageId, other payload), a
     * duplicate, or, when that event was abandoned part-way, empty after adopting its id.
     */
    private Optional<IngestOutcome> judge(DedupClaim existing, String key, boolean messageId) {
      if (messageId && !existing.fingerprint().equals(fingerprint)) {
        return Optional.of(
            new IngestOutcome.Rejected(
                ErrorCode.IDEMPOTENCY_CONFLICT,
                "messageId '"
                    + input.messageId().orElseThrow()
                    + "' was already used for a different event ("
                    + existing.holder().value()
                    + ")",
                Optional.of("messageId")));
      }
      EventId holder = existing.holder();
      Optional<Event> first = events.findById(workspace, holder);
      Optional<Contact> owner = first.flatMap(e -> contacts.findById(workspace, e.contactId()));
      boolean applied = owner.map(c -> appliedOrTooOld(c, holder)).orElse(false);
      boolean abandoned =
          !applied && !clock.instant().isBefore(existing.claimedAt().plus(inFlightGrace));
      if (abandoned) {
        // The first attempt stopped part-way: take over its id and finish the work.
        eventId = holder;
        receivedAt = existing.claimedAt();
        taken.add(key);
        return Optional.empty();
      }
      if (applied) {
        finishTriggers(first.get());
      }
      return Optional.of(
          new IngestOutcome.Duplicate(
              holder,
              first.map(Event::contactId),
              messageId
                  ? IngestOutcome.DuplicateReason.MESSAGE_ID
                  : IngestOutcome.DuplicateReason.BUSINESS_KEY));
    }

    /** The messageId and business-key claims this event needs, in checking order. */
    private List<PreKey> preResolutionKeys() {
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

    /** For a contact that exists already: whether a throttle slot is taken (reads only). */
    private Optional<IngestOutcome> throttledBeforeClaims(Optional<IdentityResolver.Match> known) {
      if (known.isEmpty()) {
        return Optional.empty();
      }
      ContactId contactId = known.get().contact().id();
      for (Throttle throttle : config.dedup().throttlesFor(input.type())) {
        Optional<DedupClaim> live =
            ledger.find(workspace, throttleKey(throttle, contactId), clock.instant());
        if (live.isPresent() && !live.get().holder().equals(eventId)) {
          return Optional.of(
              new IngestOutcome.Discarded(
                  IngestOutcome.DiscardReason.THROTTLED, Optional.of(contactId)));
        }
      }
      return Optional.empty();
    }

    private String throttleKey(Throttle throttle, ContactId contactId) {
      Optional<String> perValue =
          throttle
              .perProperty()
              .map(property -> keyValue(input.properties(), property).orElse("-"));
      return new DedupKey.ThrottleSlot(input.type(), contactId, perValue).stored();
    }

    /**
     * Creates the contact with this event already applied (one conditional transaction with its
     * identity claims), then stores the event and fires its triggers. Empty when an identifier
     * turned out to be taken, so nothing was written.
     */
    private Optional<IngestOutcome> createWithEvent(Validated valid, Contact fresh) {
      ContactEvolution.Result result =
          ContactEvolution.apply(config, fresh, facts(valid), clock.instant());
      if (!(contacts.create(result.contact()) instanceof ContactRepository.Created)) {
        return Optional.empty();
      }
      stored = true; // the contact carries this event now: keep the claims so a resend finishes it
      Event event = event(valid, fresh.id(), Resolution.NEW, result.triggers());
      events.append(event);
      fire(event);
      return Optional.of(
          new IngestOutcome.Accepted(eventId, fresh.id(), Resolution.NEW, List.of()));
    }

    private ContactEvolution.EventFacts facts(Validated valid) {
      return new ContactEvolution.EventFacts(
          eventId, input.type(), input.properties(), input.traits(), valid.timestamp.instant());
    }

    private Event event(
        Validated valid, ContactId contactId, Resolution resolution, List<Trigger> fired) {
      return new Event(
          workspace,
          eventId,
          contactId,
          input.type(),
          input.properties(),
          input.traits(),
          valid.timestamp,
          receivedAt,
          input.messageId(),
          input.context(),
          resolution,
          fired);
    }

    private void fire(Event event) {
      for (Trigger trigger : event.triggers()) {
        if (triggers.recordOnce(trigger)) {
          deliver(trigger);
        }
      }
    }

    private IngestOutcome store(Validated valid, IdentityResolver.Resolved resolved) {
      ContactEvolution.EventFacts facts = facts(valid);
      Event[] appended = {
        null
      }; // the event as last stored by a try, reused if a retry finds it applied
      Event event =
          ContactUpdates.withRetries(
              contacts,
              workspace,
              resolved.withAttached(),
              resolved.attach(),
              current -> {
                if (current.hasApplied(eventId)) {
                  Event applied =
                      appended[0] != null
                          ? appended[0]
                          : events.findById(workspace, eventId).orElse(null);
                  if (applied == null) {
                    applied = eventThatCreated(valid, current, facts);
                    events.append(applied);
                    stored = true;
                  }
                  return applied;
                }
                ContactEvolution.Result result =
                    ContactEvolution.apply(config, current, facts, clock.instant());
                Event fresh = event(valid, current.id(), resolved.resolution(), result.triggers());
                events.append(fresh);
                appended[0] = fresh;
                stored = true;
                contacts.update(result.contact());
                return fresh;
              });
      fire(event);
      return new IngestOutcome.Accepted(
          eventId, event.contactId(), event.resolvedBy(), resolved.conflicts());
    }

    /**
     * The event that created {@code contact} and was interrupted before it was stored: rebuilt, its
     * triggers recomputed from the empty contact it started from (trigger ids are the same).
     */
    private Event eventThatCreated(
        Validated valid, Contact contact, ContactEvolution.EventFacts facts) {
      if (!contact.appliedEvents().equals(List.of(eventId))) {
        throw new StorageException(
            "contact " + contact.id() + " has applied event " + eventId + " that is not stored");
      }
      Contact empty =
          Contact.create(
              workspace,
              contact.id(),
              dev.touchline.core.domain.contact.Identities.of(valid.identifiers),
              contact.createdAt());
      ContactEvolution.Result replay =
          ContactEvolution.apply(config, empty, facts, contact.updatedAt());
      return event(valid, contact.id(), Resolution.NEW, replay.triggers());
    }

    /**
     * After an interruption the event may be applied but its triggers not yet recorded or not yet
     * delivered: finish both (at least once; consumers de-duplicate on the trigger id).
     */
    private void finishTriggers(Event first) {
      if (first.triggers().isEmpty()
          || clock.instant().isBefore(first.receivedAt().plus(inFlightGrace))) {
        return;
      }
      for (Trigger trigger : first.triggers()) {
        Optional<TriggerRepository.Recorded> recorded = triggers.findById(workspace, trigger.id());
        if (recorded.isEmpty() ? triggers.recordOnce(trigger) : !recorded.get().delivered()) {
          deliver(trigger);
        }
      }
    }

    private void deliver(Trigger trigger) {
      sink.deliver(trigger);
      triggers.markDelivered(workspace, trigger.id());
    }

    private Validated validate() {
      String type = input.type();
      if (type.isBlank()) {
        throw TouchlineException.invalid("event", "event must not be blank");
      }
      if (type.length() > limits.maxTypeLength()) {
        throw TouchlineException.invalid(
            "event", "event must be at most " + limits.maxTypeLength() + " characters");
      }
      if (type.chars().anyMatch(Character::isISOControl)) {
        throw TouchlineException.invalid("event", "event must not contain control characters");
      }
      if (input.customer().isEmpty()
          && input.email().isEmpty()
          && input.phone().isEmpty()
          && input.externalId().isEmpty()) {
        throw TouchlineException.invalid(
            "customer", "an event needs at least one of customer, email, phone, externalId");
      }
      Optional<ContactId> customer = Optional.empty();
      if (input.customer().isPresent()) {
        String raw = input.customer().get().strip();
        if (raw.isBlank() || raw.length() > 64) {
          throw TouchlineException.invalid(
              "customer", "customer must be 1-64 characters, not blank");
        }
        customer = Optional.of(new ContactId(raw));
      }
      List<Identifier> identifiers =
          IdentityResolver.normalize(
              input.email(), input.phone(), input.externalId(), config.identity().defaultRegion());
      ClientTimestamp timestamp = input.timestamp().orElse(ClientTimestamp.of(receivedAt));
      if (timestamp.instant().isAfter(receivedAt.plus(limits.maxFutureSkew()))) {
        throw TouchlineException.invalid(
            "timestamp",
            "timestamp lies more than "
                + limits.maxFutureSkew().toHours()
                + "h in the future: "
                + timestamp.text());
      }
      if (input.messageId().isPresent()) {
        String messageId = input.messageId().get();
        if (messageId.isBlank() || messageId.length() > IngestLimits.MAX_MESSAGE_ID_LENGTH) {
          throw TouchlineException.invalid(
              "messageId",
              "messageId must be 1-" + IngestLimits.MAX_MESSAGE_ID_LENGTH + " characters");
        }
      }
      if (input.traits().isPresent()) {
        checkAttributes(input.traits().get(), "traits");
      }
      return new Validated(customer, identifiers, timestamp);
    }

    private void releaseClaims() {
      for (String key : taken) {
        try {
          ledger.release(workspace, key, eventId);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "could not release claim " + key, e);
        }
      }
      taken.clear();
    }
  }

  /** A dedup key checked before identity resolution, with its window (empty: no expiry). */
  record PreKey(DedupKey key, Optional<Duration> window) {
    boolean messageId() {
      return key instanceof DedupKey.MessageId;
    }
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

  private record Validated(
      Optional<ContactId> customer, List<Identifier> identifiers, ClientTimestamp timestamp) {}

  /** Checks that every value of an object can be a contact attribute. */
  static void checkAttributes(JsonValue.JsonObject values, String field) {
    for (Map.Entry<String, JsonValue> e : values.fields().entrySet()) {
      try {
        AttributeValue.fromJson(e.getValue());
      } catch (IllegalArgumentException notAnAttribute) {
        throw TouchlineException.invalid(
            field + "." + e.getKey(),
            field + "." + e.getKey() + ": " + notAnAttribute.getMessage());
      }
    }
  }

  private static boolean appliedOrTooOld(Contact contact, EventId holder) {
    if (contact.hasApplied(holder)) {
      return true;
    }
    List<EventId> applied = contact.appliedEvents();
    // Only the last few applied ids are remembered; an older event was applied long ago.
    return applied.size() >= Contact.APPLIED_EVENTS_KEPT && holder.compareTo(applied.get(0)) < 0;
  }

  private static IngestOutcome.Rejected invalid(String field, String message) {
    return new IngestOutcome.Rejected(ErrorCode.INVALID_PAYLOAD, message, Optional.of(field));
  }

  /** A scalar property value as a dedup key part; empty when missing or not a string/number. */
  private static Optional<String> keyValue(JsonValue.JsonObject properties, String path) {
    return properties
        .at(path)
        .filter(v -> v instanceof JsonValue.JsonString || v instanceof JsonValue.JsonNumber)
        .map(JsonValue::canonical);
  }

  private void log(
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

  private void record(
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
