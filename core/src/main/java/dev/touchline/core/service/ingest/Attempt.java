package dev.touchline.core.service.ingest;

import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.incoming.IncomingStatus;
import dev.touchline.core.domain.workspace.WorkspaceConfig;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.core.port.out.StorageException;
import dev.touchline.core.service.IdentityResolver;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One event going through the pipeline, in the order of the README's *Dedup and noise*: validation,
 * the bot check, the dedup keys (read, then claimed), the throttles, identity resolution (creating
 * the contact when the policy allows, again if another event created it first), the commit, and the
 * incoming-log entry of anything that was not accepted.
 *
 * <p>Crash safety: claims taken by an event that then fails before it is stored are released, so a
 * retry succeeds. Once the event is stored, its claims stay: a retry of the same messageId after
 * the in-flight grace adopts the stored event id and finishes the work.
 */
final class Attempt {
  private static final Logger LOG = Logger.getLogger(Attempt.class.getName());
  private static final int MAX_CREATE_ATTEMPTS = 5;

  final WorkspaceId workspace;
  final WorkspaceConfig config;
  final EventInput input;
  final String fingerprint;
  final String incomingId;

  /** When the event's entry was recorded as received (the asynchronous path); else empty. */
  private final Optional<Instant> received;

  /** The messageId the stored event shows: none when the runtime derived it (a queue's). */
  final Optional<String> shownMessageId;

  /** The claims this event holds, by stored key. */
  final Set<String> taken = new LinkedHashSet<>();

  Instant receivedAt;
  EventId eventId;

  /**
   * Whether the event (or the contact carrying it) is stored, or may be (a write was sent whose
   * answer was lost): its claims then stay, so a resend finishes this event instead of storing a
   * second one.
   */
  boolean stored;

  private final Stages stages;

  /** The identifiers the batch normalised for this event already; empty: validation does it. */
  private final Optional<List<Identifier>> normalized;

  /** What the batch read before it ran, as this item may use it; empty for a lone event. */
  private final Optional<BatchReads.View> reads;

  Attempt(
      Stages stages,
      Optional<List<Identifier>> normalized,
      Optional<BatchReads.View> reads,
      WorkspaceId workspace,
      WorkspaceConfig config,
      EventInput input,
      Instant receivedAt,
      EventId eventId,
      String incomingId,
      Optional<Instant> received,
      boolean derivedMessageId) {
    this.stages = stages;
    this.received = received;
    this.shownMessageId = derivedMessageId ? Optional.empty() : input.messageId();
    this.normalized = normalized;
    this.reads = reads;
    this.workspace = workspace;
    this.config = config;
    this.input = input;
    this.receivedAt = receivedAt;
    this.eventId = eventId;
    this.incomingId = incomingId;
    this.fingerprint = input.fingerprint();
  }

  /** Takes over the id and receipt time of an earlier attempt that stopped part-way. */
  void adopt(EventId holder, Instant claimedAt) {
    this.eventId = holder;
    this.receivedAt = claimedAt;
    // The abandoned attempt may have stored its event, or the contact carrying it, before it
    // stopped: the claims now held for it stay whatever happens, or a later resend would store the
    // event a second time under a new id.
    this.stored = true;
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
        stages
            .recorder()
            .record(
                workspace,
                received.orElse(receivedAt),
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
    if (!(outcome instanceof IngestOutcome.Accepted) && !stored) {
      releaseClaims(); // only an accepted event keeps its claims; a resend is judged afresh
    }
    if (received.isPresent()) {
      recordReceived(outcome);
    } else if (!(outcome instanceof IngestOutcome.Accepted)) {
      stages.recorder().log(workspace, receivedAt, incomingId, input.payload(), outcome);
    }
    return outcome;
  }

  /**
   * Moves the {@code received} entry of an event of the asynchronous path to its outcome: {@code
   * processed} (with the event) when it was stored, now or by an earlier delivery of the same
   * messageId; left {@code received} while that earlier delivery may still be running (the queue
   * delivers it again); else refused, discarded or duplicate (of another event's business key) as
   * on the synchronous path.
   */
  private void recordReceived(IngestOutcome outcome) {
    Instant at = received.orElseThrow();
    Optional<EventId> processed = Optional.empty();
    if (outcome instanceof IngestOutcome.Accepted a) {
      processed = Optional.of(a.eventId());
    } else if (outcome instanceof IngestOutcome.Duplicate d
        && d.reason() == IngestOutcome.DuplicateReason.MESSAGE_ID) {
      if (d.inFlight()) {
        return;
      }
      processed = Optional.of(d.eventId());
    }
    if (processed.isPresent()) {
      stages.recorder().processed(workspace, at, incomingId, input.payload(), processed.get());
    } else {
      stages.recorder().log(workspace, at, incomingId, input.payload(), outcome);
    }
  }

  private IngestOutcome process() {
    EventValidation.Result checked =
        EventValidation.validate(input, config, stages.limits(), receivedAt, normalized);
    if (checked instanceof EventValidation.Refused refused) {
      return refused.rejection();
    }
    EventValidation.Valid valid = (EventValidation.Valid) checked;
    if (config.dedup().bots().isBot(input)) {
      return new IngestOutcome.Discarded(IngestOutcome.DiscardReason.BOT, Optional.empty());
    }

    // The contact is looked up while the dedup keys are read and claimed: neither depends on the
    // other, so on a remote store they cost one wait instead of two. Keys are read before they are
    // claimed, so a duplicate writes no claim; when a throttle of the event's type may still
    // discard it once the contact is known, the claims wait for that, so a throttled event writes
    // none either. The conditional claims stay the atomic guard against concurrent twins.
    List<DedupGate.PreKey> keys = DedupGate.keys(config, input);
    boolean throttled = !config.dedup().throttlesFor(input.type()).isEmpty();
    Optional<Optional<IdentityResolver.Match>> fromBatch =
        reads.flatMap(r -> r.lookup(valid.customer(), valid.identifiers()));
    IdentityResolver resolver = stages.resolver();
    Callable<Optional<IdentityResolver.Match>> find =
        fromBatch.isPresent()
            ? fromBatch::get
            : () -> resolver.lookup(workspace, valid.customer(), valid.identifiers());
    FutureTask<Optional<IdentityResolver.Match>> lookup =
        keys.isEmpty() || fromBatch.isPresent()
            ? new FutureTask<>(find)
            : stages.runner().fork(find);
    Optional<IngestOutcome> held = stages.dedup().read(this, unread(keys));
    if (held.isEmpty() && !throttled) {
      held = stages.dedup().claim(this, keys);
    }
    if (held.isPresent()) {
      lookup.cancel(false);
      return held.get();
    }
    Optional<IdentityResolver.Match> known = BatchRunner.join(lookup);
    if (throttled) {
      if (known.isPresent()) {
        Optional<IngestOutcome> discarded =
            stages.throttles().taken(this, known.get().contact().id());
        if (discarded.isPresent()) {
          return discarded.get();
        }
      }
      held = stages.dedup().claim(this, keys);
      if (held.isPresent()) {
        return held.get();
      }
    }
    boolean knownAbsent =
        fromBatch.isPresent() && fromBatch.get().isEmpty() && valid.customer().isEmpty();
    return resolveAndCommit(valid, known, knownAbsent);
  }

  /**
   * Resolves the contact, claims its throttle slots and commits; when the contact to create was
   * created by another event first, gives the slots back and resolves again.
   */
  private IngestOutcome resolveAndCommit(
      EventValidation.Valid valid, Optional<IdentityResolver.Match> known, boolean knownAbsent) {
    for (int attempt = 0; attempt < MAX_CREATE_ATTEMPTS; attempt++) {
      IdentityResolver.Outcome resolution =
          attempt == 0 && knownAbsent
              ? stages
                  .resolver()
                  .planKnownAbsent(
                      workspace,
                      valid.identifiers(),
                      config.identity().unknownContacts(),
                      receivedAt)
              : stages
                  .resolver()
                  .plan(
                      workspace,
                      valid.customer(),
                      valid.identifiers(),
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
      ThrottleGate.Claims slots = stages.throttles().claim(this, contactId);
      if (slots.throttled().isPresent()) {
        return slots.throttled().get();
      }
      if (resolution instanceof IdentityResolver.Resolved resolved) {
        return stages.commit().store(this, valid, resolved);
      }
      Optional<IngestOutcome> created =
          stages
              .commit()
              .createWithEvent(this, valid, ((IdentityResolver.Planned) resolution).contact());
      if (created.isPresent()) {
        return created.get();
      }
      stages.throttles().release(this, slots.keys());
    }
    throw new StorageException(
        "creating a contact for this event kept conflicting; gave up after "
            + MAX_CREATE_ATTEMPTS
            + " attempts");
  }

  /**
   * The keys to read: all of them, but those the batch found free when it started and no earlier
   * item carries.
   */
  private List<DedupGate.PreKey> unread(List<DedupGate.PreKey> keys) {
    return reads.isEmpty()
        ? keys
        : keys.stream().filter(k -> !reads.get().free(k.key().stored())).toList();
  }

  private void releaseClaims() {
    for (String key : taken) {
      try {
        stages.ledger().release(workspace, key, eventId);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not release claim " + key, e);
      }
    }
    taken.clear();
  }
}
