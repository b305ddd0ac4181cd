package dev.touchline.core.service.ingest;

import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.contact.Identities;
import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.identity.Resolution;
import dev.touchline.core.domain.rule.ContactEvolution;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.core.port.out.ContactRepository;
import dev.touchline.core.port.out.EventRepository;
import dev.touchline.core.port.out.StorageRefusedException;
import dev.touchline.core.service.ContactUpdates;
import dev.touchline.core.service.IdentityResolver;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Stores an event and applies it to its contact, then fires its triggers. The event is stored
 * before the contact changes, so a crash in between leaves a resend the stored event to finish; a
 * new contact is created with the event already applied (one transaction with its identity claims)
 * and the event stored after; a resend that finds the contact carrying the event rebuilds the event
 * if it was never stored.
 */
final class EventCommit {
  private final ContactRepository contacts;
  private final EventRepository events;
  private final TriggerDispatch dispatch;
  private final Clock clock;

  EventCommit(
      ContactRepository contacts, EventRepository events, TriggerDispatch dispatch, Clock clock) {
    this.contacts = contacts;
    this.events = events;
    this.dispatch = dispatch;
    this.clock = clock;
  }

  /** Applies the event to an existing contact (optimistic, retried) and stores it. */
  IngestOutcome store(Attempt a, EventValidation.Valid valid, IdentityResolver.Resolved resolved) {
    ContactEvolution.EventFacts facts = facts(a, valid);
    Event[] appended = {
      null
    }; // the event as last stored by a try, reused if a retry finds it applied
    Event event =
        ContactUpdates.withRetries(
            contacts,
            a.workspace,
            resolved.withAttached(),
            resolved.attach(),
            current -> {
              if (current.hasApplied(a.eventId)) {
                // The contact carries this event: whatever fails now, its claims must stay, or a
                // resend would apply it a second time.
                a.stored = true;
                Event applied =
                    appended[0] != null
                        ? appended[0]
                        : events.findById(a.workspace, a.eventId).orElse(null);
                if (applied == null) {
                  applied = eventThatCreated(a, valid, current, facts);
                  events.append(applied);
                }
                return applied;
              }
              ContactEvolution.Result result =
                  ContactEvolution.apply(a.config, current, facts, clock.instant());
              Event fresh = event(a, valid, current.id(), resolved.resolution(), result.triggers());
              written(a, () -> events.append(fresh));
              appended[0] = fresh;
              contacts.update(current, result.contact());
              return fresh;
            });
    dispatch.fire(event);
    return new IngestOutcome.Accepted(
        a.eventId, event.contactId(), event.resolvedBy(), resolved.conflicts());
  }

  /**
   * Creates the contact with this event already applied (one conditional transaction with its
   * identity claims), then stores the event and fires its triggers. Empty when an identifier turned
   * out to be taken, so nothing was written.
   */
  Optional<IngestOutcome> createWithEvent(Attempt a, EventValidation.Valid valid, Contact fresh) {
    ContactEvolution.Result result =
        ContactEvolution.apply(a.config, fresh, facts(a, valid), clock.instant());
    boolean storedBefore = a.stored;
    ContactRepository.CreateResult[] created = {null};
    written(a, () -> created[0] = contacts.create(result.contact()));
    if (!(created[0] instanceof ContactRepository.Created)) {
      a.stored = storedBefore; // an identifier was taken: this write changed nothing
      return Optional.empty();
    }
    Event event = event(a, valid, fresh.id(), Resolution.NEW, result.triggers());
    events.append(event);
    dispatch.fire(event);
    return Optional.of(
        new IngestOutcome.Accepted(a.eventId, fresh.id(), Resolution.NEW, List.of()));
  }

  /**
   * The event that created {@code contact} and was interrupted before it was stored: rebuilt, its
   * triggers recomputed from the empty contact it started from, at the creation time (trigger ids
   * are the same). An event applied to a contact that already existed was stored before it was
   * applied, so an applied event that is not stored is the one that created the contact, however
   * many events the contact has taken since.
   */
  private Event eventThatCreated(
      Attempt a, EventValidation.Valid valid, Contact contact, ContactEvolution.EventFacts facts) {
    Contact empty =
        Contact.create(
            a.workspace, contact.id(), Identities.of(valid.identifiers()), contact.createdAt());
    ContactEvolution.Result replay =
        ContactEvolution.apply(a.config, empty, facts, contact.createdAt());
    return event(a, valid, contact.id(), Resolution.NEW, replay.triggers());
  }

  /**
   * Runs a write of the event (or of the contact carrying it); from then on the event keeps its
   * claims, also when the write fails other than by a refusal: its answer may have been lost with
   * the write done, and a resend must then finish this event, never store a second one.
   */
  private static void written(Attempt a, Runnable write) {
    try {
      write.run();
    } catch (StorageRefusedException refused) {
      throw refused; // nothing was written
    } catch (RuntimeException maybeWritten) {
      a.stored = true;
      throw maybeWritten;
    }
    a.stored = true;
  }

  private static ContactEvolution.EventFacts facts(Attempt a, EventValidation.Valid valid) {
    return new ContactEvolution.EventFacts(
        a.eventId,
        a.input.type(),
        a.input.properties(),
        a.input.traits(),
        valid.timestamp().instant());
  }

  private static Event event(
      Attempt a,
      EventValidation.Valid valid,
      ContactId contactId,
      Resolution resolution,
      List<Trigger> fired) {
    return new Event(
        a.workspace,
        a.eventId,
        contactId,
        a.input.type(),
        a.input.properties(),
        a.input.traits(),
        valid.timestamp(),
        a.receivedAt,
        a.shownMessageId,
        a.input.context(),
        resolution,
        fired);
  }
}
