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

  /** The claims this event holds, by stored key. */
  final Set<String> taken = new LinkedHashSet<>();

  Instant receivedAt;
  EventId eventId;

  /** Whether the event (or the contact carrying it) is stored: its claims then stay. */
  boolean stored;

  private final Stages stages;

  /** The identifiers the batch normalised for this event already; empty: validation does it. */
  private final Optional<List<Identifier>> normalized;

  /** What the batch read before it ran, for the first item of a group; empty otherwise. */
  private final Optional<BatchReads> reads;

  Attempt(
      Stages stages,
      Optional<List<Identifier>> normalized,
      Optional<BatchReads> reads,
      WorkspaceId workspace,
      WorkspaceConfig config,
      EventInput input,
      Instant receivedAt,
      EventId eventId,
      String incomingId) {
    this.stages = stages;
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
      stages.recorder().log(workspace, receivedAt, incomingId, input.payload(), outcome);
    }
    return outcome;
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

    // Read-only checks first, so that a duplicate or a throttled event is answered without writing
    // a claim; the conditional claims below stay the atomic guard. The contact is looked up while
    // the dedup keys are read: neither depends on the other, so on a remote store they cost one
    // wait instead of two.
    List<DedupGate.PreKey> keys = DedupGate.keys(config, input);
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
    for (DedupGate.PreKey key : keys) {
      if (reads.isPresent() && reads.get().free(key.key().stored())) {
        continue; // nobody held it when the batch started, and nothing of this group ran since
      }
      Optional<IngestOutcome> held = stages.dedup().read(this, key);
      if (held.isPresent()) {
        lookup.cancel(false);
        return held.get();
      }
    }
    Optional<IdentityResolver.Match> known = BatchRunner.join(lookup);
    if (known.isPresent()) {
      Optional<IngestOutcome> throttled =
          stages.throttles().taken(this, known.get().contact().id());
      if (throttled.isPresent()) {
        return throttled.get();
      }
    }
    for (DedupGate.PreKey key : keys) {
      Optional<IngestOutcome> held = stages.dedup().claim(this, key);
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
