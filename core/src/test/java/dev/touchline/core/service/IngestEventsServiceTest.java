package dev.touchline.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchline.core.Touchline;
import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.contact.Contact;
import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.event.EventQuery;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.identity.IdentityType;
import dev.touchline.core.domain.incoming.IncomingStatus;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.value.JsonValue;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.inmemory.InMemoryContactRepository;
import dev.touchline.core.inmemory.InMemoryEventRepository;
import dev.touchline.core.inmemory.InMemoryIncomingLog;
import dev.touchline.core.inmemory.InMemoryTriggerRepository;
import dev.touchline.core.inmemory.InMemoryTriggerSink;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestItem;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.core.port.out.ContactRepository;
import dev.touchline.core.port.out.EventRepository;
import dev.touchline.core.port.out.StorageException;
import dev.touchline.core.port.out.TriggerRepository;
import dev.touchline.core.port.out.TriggerSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's failure handling: claims released on failure, interrupted events finished by a
 * resend, optimistic conflicts retried, triggers fired once. Failures are injected into real
 * in-memory adapters.
 */
class IngestEventsServiceTest {
  private static final WorkspaceId WS = new WorkspaceId("ws");
  private static final Caller CALLER = Caller.trusted(WS);
  private static final String CONFIG =
      "{\"rules\":[{\"id\":\"w\",\"when\":{\"event\":\"signup\"},\"then\":[{\"score\":5},{\"trigger\":\"welcome\"}]}]}";

  private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final InMemoryIncomingLog incoming = new InMemoryIncomingLog();
  private final InMemoryTriggerSink sink = new InMemoryTriggerSink();

  private Touchline engine(
      ContactRepository contacts,
      EventRepository events,
      TriggerRepository triggers,
      TriggerSink sink) {
    return engine(contacts, events, triggers, sink, Instant.MIN);
  }

  /** An engine on these stores; claims taken before {@code abandonedBefore} are abandoned. */
  private Touchline engine(
      ContactRepository contacts,
      EventRepository events,
      TriggerRepository triggers,
      TriggerSink sink,
      Instant abandonedBefore) {
    Touchline t =
        Touchline.builder()
            .clock(clock)
            .contacts(contacts)
            .events(events)
            .triggers(triggers)
            .triggerSink(sink)
            .incomingLog(incoming)
            .inFlightGrace(Duration.ofSeconds(30))
            .abandonedBefore(abandonedBefore)
            .build();
    t.workspaceConfig().replace(CALLER, CONFIG);
    return t;
  }

  private static IngestOutcome ingest(Touchline t, EventInput input) {
    return t.ingest()
        .ingest(CALLER, IngestCommand.single(new IngestItem.Valid(input)))
        .outcomes()
        .get(0);
  }

  private static EventInput signup(String messageId) {
    return EventInput.of("signup", "email", "ann@example.com").withMessageId(messageId);
  }

  private Contact ann(Touchline t) {
    return t.contacts()
        .findByIdentifier(CALLER, IdentityType.EMAIL, "ann@example.com")
        .orElseThrow();
  }

  @Test
  void aFailureBeforeAnyWriteOfTheEvent_releasesTheClaims_soAResendSucceeds() {
    FlakyContacts contacts = new FlakyContacts(0);
    Touchline t =
        engine(contacts, new InMemoryEventRepository(), new InMemoryTriggerRepository(), sink);
    assertThat(ingest(t, EventInput.of("page_viewed", "email", "ann@example.com")))
        .isInstanceOf(IngestOutcome.Accepted.class);
    contacts.failFindByIdentifier = 1;

    IngestOutcome first = ingest(t, signup("m-1"));

    assertThat(first)
        .isInstanceOfSatisfying(
            IngestOutcome.Rejected.class,
            r -> {
              assertThat(r.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
              assertThat(r.message()).contains("can be sent again");
            });
    assertThat(incoming.list(WS, Optional.of(IncomingStatus.FAILED), PageRequest.first(10)).items())
        .singleElement()
        .satisfies(
            e -> assertThat(e.processError().orElseThrow().code()).isEqualTo("internal_error"));
    assertThat(ann(t).score()).as("nothing of the failed attempt was applied").isZero();

    IngestOutcome resend = ingest(t, signup("m-1"));
    assertThat(resend).isInstanceOf(IngestOutcome.Accepted.class);
    assertThat(ann(t).score()).isEqualTo(5);
    assertThat(sink.delivered()).hasSize(1);
  }

  @Test
  void
      anEventAnEarlierRunLeftBetweenItsWrites_isFinishedByItsFirstResend_whenClaimsBeforeAreAbandoned() {
    FlakyContacts contacts = new FlakyContacts(0);
    InMemoryEventRepository events = new InMemoryEventRepository();
    InMemoryTriggerRepository triggers = new InMemoryTriggerRepository();
    Touchline crashed = engine(contacts, events, triggers, sink);
    assertThat(ingest(crashed, EventInput.of("page_viewed", "email", "ann@example.com")))
        .isInstanceOf(IngestOutcome.Accepted.class);
    contacts.failures = 1;
    assertThat(ingest(crashed, signup("m-1")))
        .as("stored, then the run died before the contact's update")
        .isInstanceOf(IngestOutcome.Rejected.class);

    clock.advance(Duration.ofSeconds(1));
    Touchline restarted = engine(contacts, events, triggers, sink, clock.instant());

    assertThat(ingest(restarted, signup("m-1")))
        .as("within the grace, but the run that took the claim is gone: finished at once")
        .isInstanceOf(IngestOutcome.Accepted.class);
    assertThat(ann(restarted).score()).isEqualTo(5);
    assertThat(sink.delivered()).hasSize(1);
    assertThat(ingest(restarted, signup("m-1"))).isInstanceOf(IngestOutcome.Duplicate.class);
    assertThat(ann(restarted).score()).isEqualTo(5);
  }

  @Test
  void theInFlightGrace_isBetweenZeroAndAnHour() {
    assertThat(Touchline.builder().inFlightGrace(Duration.ZERO)).isNotNull();
    assertThat(Touchline.builder().inFlightGrace(Duration.ofHours(1))).isNotNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Touchline.builder().inFlightGrace(Duration.ofHours(1).plusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0 and 1 hour");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Touchline.builder().inFlightGrace(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFailedWriteOfTheEvent_mayHaveStoredIt_soItsClaimsStay_andAResendAfterTheGraceFinishesIt() {
    FlakyEvents events = new FlakyEvents(0);
    Touchline t =
        engine(new InMemoryContactRepository(), events, new InMemoryTriggerRepository(), sink);
    assertThat(ingest(t, EventInput.of("page_viewed", "email", "ann@example.com")))
        .isInstanceOf(IngestOutcome.Accepted.class);
    events.failures = 1;

    assertThat(ingest(t, signup("m-1"))).isInstanceOf(IngestOutcome.Rejected.class);
    assertThat(ann(t).score()).as("nothing of the failed attempt was applied").isZero();

    assertThat(ingest(t, signup("m-1")))
        .as("within the grace: the write's answer may have been lost, the event stored")
        .isInstanceOfSatisfying(
            IngestOutcome.Duplicate.class, d -> assertThat(d.inFlight()).isTrue());
    clock.advance(Duration.ofSeconds(30));
    assertThat(ingest(t, signup("m-1"))).isInstanceOf(IngestOutcome.Accepted.class);
    assertThat(ann(t).score()).isEqualTo(5);
    assertThat(sink.delivered()).hasSize(1);
    assertThat(ingest(t, signup("m-1"))).isInstanceOf(IngestOutcome.Duplicate.class);
    assertThat(ann(t).score()).isEqualTo(5);
  }

  @Test
  void anEventInterruptedAfterItWasStored_isFinishedByAResendAfterTheGrace_exactlyOnce() {
    FlakyContacts contacts = new FlakyContacts(1);
    InMemoryEventRepository events = new InMemoryEventRepository();
    Touchline t = engine(contacts, events, new InMemoryTriggerRepository(), sink);
    assertThat(ingest(t, EventInput.of("page_viewed", "email", "ann@example.com")))
        .as("creating a contact writes no update")
        .isInstanceOf(IngestOutcome.Accepted.class);

    IngestOutcome first = ingest(t, signup("m-2"));
    assertThat(first).isInstanceOf(IngestOutcome.Rejected.class);
    EventId stored = newest(events).id();
    assertThat(ann(t).score()).as("the contact update was lost").isZero();

    IngestOutcome early = ingest(t, signup("m-2"));
    assertThat(early)
        .as("within the grace the first attempt may still be running")
        .isInstanceOfSatisfying(
            IngestOutcome.Duplicate.class, d -> assertThat(d.eventId()).isEqualTo(stored));

    clock.advance(Duration.ofSeconds(30));
    IngestOutcome late = ingest(t, signup("m-2"));
    assertThat(late)
        .isInstanceOfSatisfying(
            IngestOutcome.Accepted.class, a -> assertThat(a.eventId()).isEqualTo(stored));
    assertThat(ann(t).score()).isEqualTo(5);
    assertThat(sink.delivered()).hasSize(1);

    assertThat(ingest(t, signup("m-2"))).isInstanceOf(IngestOutcome.Duplicate.class);
    assertThat(ann(t).score()).isEqualTo(5);
    assertThat(sink.delivered()).hasSize(1);
    assertThat(newest(events).id()).isEqualTo(stored);
  }

  @Test
  void aNewContactCreatedWithItsEvent_butTheEventNotStored_isFinishedByTheResend_exactlyOnce() {
    FlakyEvents events = new FlakyEvents(1);
    Touchline t =
        engine(new InMemoryContactRepository(), events, new InMemoryTriggerRepository(), sink);

    assertThat(ingest(t, signup("m-7"))).isInstanceOf(IngestOutcome.Rejected.class);
    Contact created = ann(t);
    assertThat(created.score()).as("the contact was created with the event applied").isEqualTo(5);
    assertThat(sink.delivered()).isEmpty();

    assertThat(ingest(t, signup("m-7")))
        .as("within the grace: the first attempt may still be running")
        .isInstanceOf(IngestOutcome.Duplicate.class);

    clock.advance(Duration.ofSeconds(30));
    IngestOutcome late = ingest(t, signup("m-7"));
    assertThat(late)
        .isInstanceOfSatisfying(
            IngestOutcome.Accepted.class,
            a -> {
              assertThat(a.eventId()).isEqualTo(created.appliedEvents().get(0));
              assertThat(a.resolved()).isEqualTo(dev.touchline.core.domain.identity.Resolution.NEW);
            });
    assertThat(events.findById(WS, created.appliedEvents().get(0))).isPresent();
    assertThat(ann(t).score()).isEqualTo(5);
    assertThat(sink.delivered())
        .singleElement()
        .satisfies(tr -> assertThat(tr.workflow()).isEqualTo("welcome"));
    assertThat(ingest(t, signup("m-7"))).isInstanceOf(IngestOutcome.Duplicate.class);
    assertThat(sink.delivered()).hasSize(1);
  }

  @Test
  void triggersLostAfterTheContactWasUpdated_areDeliveredByALaterResend_once() {
    FlakyTriggers triggers = new FlakyTriggers(1);
    Touchline t =
        engine(new InMemoryContactRepository(), new InMemoryEventRepository(), triggers, sink);

    assertThat(ingest(t, signup("m-3"))).isInstanceOf(IngestOutcome.Rejected.class);
    assertThat(ann(t).score()).isEqualTo(5);
    assertThat(sink.delivered()).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    assertThat(ingest(t, signup("m-3"))).isInstanceOf(IngestOutcome.Duplicate.class);
    assertThat(sink.delivered()).hasSize(1);
    assertThat(ingest(t, signup("m-3"))).isInstanceOf(IngestOutcome.Duplicate.class);
    assertThat(sink.delivered()).hasSize(1);
    assertThat(ann(t).score()).isEqualTo(5);
  }

  @Test
  void triggersRecordedAtOnce_oneRecordLost_allAreDeliveredByALaterResend_eachOnce() {
    FlakyTriggers triggers = new FlakyTriggers(0);
    Touchline t =
        engine(new InMemoryContactRepository(), new InMemoryEventRepository(), triggers, sink);
    t.workspaceConfig()
        .replace(
            CALLER,
            "{\"rules\":["
                + "{\"id\":\"a\",\"when\":{\"event\":\"signup\"},\"then\":[{\"score\":5},{\"trigger\":\"first\"}]},"
                + "{\"id\":\"b\",\"when\":{\"event\":\"signup\"},\"then\":[{\"trigger\":\"second\"}]},"
                + "{\"id\":\"c\",\"when\":{\"event\":\"signup\"},\"then\":[{\"trigger\":\"third\"}]}]}");
    triggers.failOnWorkflow = "second";

    assertThat(ingest(t, signup("m-8"))).isInstanceOf(IngestOutcome.Rejected.class);
    assertThat(ann(t).score()).as("the contact carries the event").isEqualTo(5);
    assertThat(sink.delivered()).as("no trigger is delivered before all are recorded").isEmpty();
    assertThat(triggers.recorded()).as("the other two records were written").hasSize(2);

    triggers.failOnWorkflow = null;
    assertThat(ingest(t, signup("m-8")))
        .as("within the grace: the first attempt may still be running")
        .isInstanceOf(IngestOutcome.Duplicate.class);
    assertThat(sink.delivered()).isEmpty();

    clock.advance(Duration.ofSeconds(30));
    assertThat(ingest(t, signup("m-8"))).isInstanceOf(IngestOutcome.Duplicate.class);
    assertThat(sink.delivered())
        .extracting(dev.touchline.core.domain.trigger.Trigger::workflow)
        .containsExactly("first", "second", "third");
    assertThat(triggers.recorded()).hasSize(3).allSatisfy(r -> assertThat(r.delivered()).isTrue());

    assertThat(ingest(t, signup("m-8"))).isInstanceOf(IngestOutcome.Duplicate.class);
    assertThat(sink.delivered()).hasSize(3);
    assertThat(ann(t).score()).isEqualTo(5);
  }

  @Test
  void aTriggerTheSinkRefused_isDeliveredByALaterResend_once() {
    FailingSink failing = new FailingSink(1);
    InMemoryTriggerRepository triggers = new InMemoryTriggerRepository();
    Touchline t =
        engine(new InMemoryContactRepository(), new InMemoryEventRepository(), triggers, failing);

    assertThat(ingest(t, signup("m-6"))).isInstanceOf(IngestOutcome.Rejected.class);
    assertThat(failing.delivered()).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    assertThat(ingest(t, signup("m-6"))).isInstanceOf(IngestOutcome.Duplicate.class);
    assertThat(failing.delivered()).hasSize(1);
    assertThat(triggers.findById(WS, failing.delivered().get(0).id()).orElseThrow().delivered())
        .isTrue();
    assertThat(ingest(t, signup("m-6"))).isInstanceOf(IngestOutcome.Duplicate.class);
    assertThat(failing.delivered()).hasSize(1);
    assertThat(ann(t).score()).isEqualTo(5);
  }

  @Test
  void aConcurrentContactChange_isRetriedOnFreshState() {
    ConflictingContacts contacts = new ConflictingContacts();
    Touchline t =
        engine(contacts, new InMemoryEventRepository(), new InMemoryTriggerRepository(), sink);
    assertThat(ingest(t, signup("m-4"))).isInstanceOf(IngestOutcome.Accepted.class);

    contacts.conflictsLeft = 2; // another writer touches the contact twice before we write
    assertThat(ingest(t, EventInput.of("signup", "email", "ann@example.com")))
        .isInstanceOf(IngestOutcome.Accepted.class);
    Contact c = ann(t);
    assertThat(c.score()).isEqualTo(10 + 100 * 2).as("our change applied on top of theirs");
    assertThat(c.stats().get("signup").count()).isEqualTo(2);
  }

  @Test
  void contactNotFound_releasesTheMessageId_soTheSameEventWorksOnceTheContactExists() {
    Touchline t =
        engine(
            new InMemoryContactRepository(),
            new InMemoryEventRepository(),
            new InMemoryTriggerRepository(),
            sink);
    t.workspaceConfig().replace(CALLER, "{\"identity\":{\"unknownContacts\":\"reject\"}}");
    assertThat(ingest(t, signup("m-5")))
        .isInstanceOfSatisfying(
            IngestOutcome.Rejected.class,
            r -> assertThat(r.code()).isEqualTo(ErrorCode.CONTACT_NOT_FOUND));
    t.upsertContacts()
        .upsert(
            CALLER,
            new dev.touchline.core.port.in.UpsertContactUseCase.Command(
                Optional.of("ann@example.com"),
                Optional.empty(),
                Optional.empty(),
                JsonValue.JsonObject.EMPTY));
    assertThat(ingest(t, signup("m-5"))).isInstanceOf(IngestOutcome.Accepted.class);
  }

  @Test
  void withoutTheWriteScope_nothingIsIngested() {
    Touchline t =
        engine(
            new InMemoryContactRepository(),
            new InMemoryEventRepository(),
            new InMemoryTriggerRepository(),
            sink);
    Caller reader = new Caller(WS, "k", EnumSet.of(Scope.EVENTS_READ));
    assertThatThrownBy(
            () ->
                t.ingest().ingest(reader, IngestCommand.single(new IngestItem.Valid(signup("m")))))
        .isInstanceOfSatisfying(
            TouchlineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN_SCOPE));
    assertThat(t.contacts().findByIdentifier(CALLER, IdentityType.EMAIL, "ann@example.com"))
        .isEmpty();
  }

  @Test
  void aBatchOverTheItemLimit_isRefusedWhole() {
    Touchline t =
        engine(
            new InMemoryContactRepository(),
            new InMemoryEventRepository(),
            new InMemoryTriggerRepository(),
            sink);
    List<IngestItem> items =
        Collections.nCopies(501, new IngestItem.Valid(EventInput.of("x", "email", "a@b.co")));
    assertThatThrownBy(() -> t.ingest().ingest(CALLER, IngestCommand.batch(items)))
        .isInstanceOfSatisfying(
            TouchlineException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
    List<IngestItem> atLimit =
        Collections.nCopies(500, new IngestItem.Valid(EventInput.of("x", "email", "a@b.co")));
    assertThat(t.ingest().ingest(CALLER, IngestCommand.batch(atLimit)).accepted()).isEqualTo(500);
  }

  @Test
  void anInfrastructureFailureOnOneItem_neverLosesTheOthers() {
    FlakyEvents events = new FlakyEvents(0);
    Touchline t =
        engine(new InMemoryContactRepository(), events, new InMemoryTriggerRepository(), sink);
    events.failOnType = "boom";
    var result =
        t.ingest()
            .ingest(
                CALLER,
                IngestCommand.batch(
                    List.of(
                        new IngestItem.Valid(EventInput.of("a", "email", "a@b.co")),
                        new IngestItem.Valid(EventInput.of("boom", "email", "a@b.co")),
                        new IngestItem.Valid(EventInput.of("c", "email", "a@b.co")))));
    assertThat(result.outcomes()).hasSize(3);
    assertThat(result.outcomes().get(0)).isInstanceOf(IngestOutcome.Accepted.class);
    assertThat(result.outcomes().get(1)).isInstanceOf(IngestOutcome.Rejected.class);
    assertThat(result.outcomes().get(2)).isInstanceOf(IngestOutcome.Accepted.class);
  }

  @Test
  void messageIdAndEmailLengths_atTheLimitAndPastIt() {
    Touchline t =
        engine(
            new InMemoryContactRepository(),
            new InMemoryEventRepository(),
            new InMemoryTriggerRepository(),
            sink);
    assertThat(ingest(t, EventInput.of("x", "email", "a@b.co").withMessageId("m".repeat(256))))
        .isInstanceOf(IngestOutcome.Accepted.class);
    assertThat(ingest(t, EventInput.of("x", "email", "a@b.co").withMessageId("m".repeat(257))))
        .isInstanceOfSatisfying(
            IngestOutcome.Rejected.class, r -> assertThat(r.field()).contains("messageId"));
    String local = "l".repeat(64);
    String domain =
        "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(58) + ".co"; // 254 in all
    assertThat((local + "@" + domain)).hasSize(254);
    assertThat(ingest(t, EventInput.of("x", "email", local + "@" + domain)))
        .isInstanceOf(IngestOutcome.Accepted.class);
    assertThat(ingest(t, EventInput.of("x", "email", local + "@d" + domain)))
        .isInstanceOfSatisfying(
            IngestOutcome.Rejected.class, r -> assertThat(r.field()).contains("email"));
  }

  /** The most recent event of the workspace. */
  private static Event newest(InMemoryEventRepository events) {
    Page<Event> page =
        events.query(new EventQuery(WS, Optional.empty(), Optional.empty(), PageRequest.first(10)));
    assertThat(page.items()).isNotEmpty();
    return page.items().get(0);
  }

  /** Fails the first {@code failures} appends, and any append of {@code failOnType}. */
  private static final class FlakyEvents implements EventRepository {
    private final InMemoryEventRepository delegate = new InMemoryEventRepository();
    int failures;
    String failOnType;

    FlakyEvents(int failures) {
      this.failures = failures;
    }

    @Override
    public void append(Event event) {
      if (failures > 0 || event.type().equals(failOnType)) {
        failures--;
        throw new StorageException("injected: store unreachable");
      }
      delegate.append(event);
    }

    @Override
    public Optional<Event> findById(WorkspaceId workspace, EventId id) {
      return delegate.findById(workspace, id);
    }

    @Override
    public Page<Event> query(EventQuery query) {
      return delegate.query(query);
    }
  }

  /** Contacts whose first {@code failures} updates fail as if the process died mid-way. */
  private static class FlakyContacts implements ContactRepository {
    final InMemoryContactRepository delegate = new InMemoryContactRepository();
    int failures;
    int failFindByIdentifier;

    FlakyContacts(int failures) {
      this.failures = failures;
    }

    @Override
    public Optional<Contact> findById(WorkspaceId workspace, ContactId id) {
      return delegate.findById(workspace, id);
    }

    @Override
    public Optional<Contact> findByIdentifier(WorkspaceId workspace, Identifier identifier) {
      if (failFindByIdentifier-- > 0) {
        throw new StorageException("injected: the identity read failed");
      }
      return delegate.findByIdentifier(workspace, identifier);
    }

    @Override
    public CreateResult create(Contact contact) {
      return delegate.create(contact);
    }

    @Override
    public ContactId claimIdentifier(
        WorkspaceId workspace, Identifier identifier, ContactId contactId) {
      return delegate.claimIdentifier(workspace, identifier, contactId);
    }

    @Override
    public Contact update(Contact read, Contact changed) {
      if (failures-- > 0) {
        throw new StorageException("injected: connection reset");
      }
      return delegate.update(read, changed);
    }
  }

  /** Before each of our updates, another writer adds 100 points while conflicts remain. */
  private static final class ConflictingContacts extends FlakyContacts {
    int conflictsLeft;

    ConflictingContacts() {
      super(0);
    }

    @Override
    public Contact update(Contact read, Contact changed) {
      if (conflictsLeft > 0) {
        conflictsLeft--;
        Contact current = delegate.findById(read.workspace(), read.id()).orElseThrow();
        delegate.update(current, current.toBuilder().addScore(100).build(current.updatedAt()));
      }
      return delegate.update(read, changed);
    }
  }

  /** Fails the first {@code failures} trigger records, and any record of {@code failOnWorkflow}. */
  private static final class FlakyTriggers implements TriggerRepository {
    private final InMemoryTriggerRepository delegate = new InMemoryTriggerRepository();
    private final java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private int failures;
    volatile String failOnWorkflow;

    /** The triggers recorded so far, as stored. */
    List<Recorded> recorded() {
      return ids.stream().map(id -> delegate.findById(WS, id).orElseThrow()).toList();
    }

    FlakyTriggers(int failures) {
      this.failures = failures;
    }

    @Override
    public boolean recordOnce(dev.touchline.core.domain.trigger.Trigger trigger) {
      if (failures-- > 0 || trigger.workflow().equals(failOnWorkflow)) {
        throw new StorageException("injected: throttled");
      }
      ids.add(trigger.id());
      return delegate.recordOnce(trigger);
    }

    @Override
    public void markDelivered(WorkspaceId workspace, String triggerId) {
      delegate.markDelivered(workspace, triggerId);
    }

    @Override
    public Optional<Recorded> findById(WorkspaceId workspace, String triggerId) {
      return delegate.findById(workspace, triggerId);
    }

    @Override
    public Page<dev.touchline.core.domain.trigger.Trigger> listByContact(
        WorkspaceId workspace, ContactId contactId, PageRequest page) {
      return delegate.listByContact(workspace, contactId, page);
    }
  }

  /** A sink that refuses its first {@code failures} deliveries. */
  private static final class FailingSink implements TriggerSink {
    private final InMemoryTriggerSink delegate = new InMemoryTriggerSink();
    private int failures;

    FailingSink(int failures) {
      this.failures = failures;
    }

    @Override
    public void deliver(dev.touchline.core.domain.trigger.Trigger trigger) {
      if (failures-- > 0) {
        throw new StorageException("injected: queue unavailable");
      }
      delegate.deliver(trigger);
    }

    List<dev.touchline.core.domain.trigger.Trigger> delivered() {
      return delegate.delivered();
    }
  }

  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
