package dev.touchline.core.service.ingest;

import dev.touchline.core.domain.apikey.Caller;
import dev.touchline.core.domain.apikey.Scope;
import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.event.EventInput;
import dev.touchline.core.domain.event.IngestLimits;
import dev.touchline.core.domain.event.Ulids;
import dev.touchline.core.domain.identity.Identifier;
import dev.touchline.core.domain.workspace.WorkspaceConfig;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestCommand;
import dev.touchline.core.port.in.IngestEventsUseCase;
import dev.touchline.core.port.in.IngestItem;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.core.port.in.IngestResult;
import dev.touchline.core.port.out.ContactRepository;
import dev.touchline.core.port.out.DedupLedger;
import dev.touchline.core.port.out.EventQueue;
import dev.touchline.core.port.out.EventRepository;
import dev.touchline.core.port.out.IncomingLog;
import dev.touchline.core.port.out.TriggerRepository;
import dev.touchline.core.port.out.TriggerSink;
import dev.touchline.core.service.IdentityResolver;
import dev.touchline.core.service.WorkspaceConfigs;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * The ingestion use case: a batch's items go through the pipeline (one {@link Attempt} each, its
 * stages in this package: {@link EventValidation}, {@link DedupGate}, {@link ThrottleGate}, the
 * identity resolver, {@link EventCommit}, {@link TriggerDispatch}, {@link IncomingRecorder}),
 * grouped by {@link BatchGroups} so that items about different contacts run at once while the
 * answers and the state are those of working them one by one in batch order.
 */
public final class IngestEventsService implements IngestEventsUseCase {
  private static final Logger LOG = Logger.getLogger(IngestEventsService.class.getName());

  private final WorkspaceConfigs configs;
  private final ContactRepository contacts;
  private final DedupLedger ledger;
  private final Ulids ids;
  private final Clock clock;
  private final IngestLimits limits;
  private final BatchRunner runner;
  private final Stages stages;
  private final EventReceiver receiver;

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
      InFlight inFlight,
      BatchRunner runner,
      Optional<EventQueue> queue) {
    this.configs = configs;
    this.contacts = contacts;
    this.ledger = ledger;
    this.ids = ids;
    this.clock = clock;
    this.limits = limits;
    this.runner = runner;
    TriggerDispatch dispatch = new TriggerDispatch(triggers, sink, clock, inFlight, runner);
    this.stages =
        new Stages(
            limits,
            new IdentityResolver(contacts, ids),
            runner,
            ledger,
            new DedupGate(ledger, events, contacts, dispatch, clock, inFlight),
            new ThrottleGate(ledger, clock),
            new EventCommit(contacts, events, dispatch, clock),
            new IncomingRecorder(incoming));
    this.receiver =
        new EventReceiver(incoming, stages.recorder(), queue, ids, clock, limits, runner);
  }

  @Override
  public IngestResult receive(Caller caller, IngestCommand command) {
    check(caller, command);
    WorkspaceId workspace = caller.workspace();
    return receiver.receive(workspace, configs.current(workspace), command.items());
  }

  private void check(Caller caller, IngestCommand command) {
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
  }

  @Override
  public IngestResult ingest(Caller caller, IngestCommand command) {
    check(caller, command);
    WorkspaceId workspace = caller.workspace();
    WorkspaceConfig config = configs.current(workspace);
    List<IngestItem> items = command.items();
    // Receipt times and ids are given in batch order before any item runs, so timelines and the
    // incoming log sort as if the items had run one by one. Items received earlier (the
    // asynchronous path) keep the incoming ids and receipt time their entries were recorded with.
    Slot[] slots = new Slot[items.size()];
    Optional<IngestCommand.Receipt> receipt = command.receipt();
    for (int i = 0; i < slots.length; i++) {
      Instant receivedAt = clock.instant();
      EventId eventId = new EventId(ids.next(receivedAt));
      slots[i] =
          receipt.isPresent()
              ? new Slot(
                  receivedAt,
                  eventId,
                  receipt.get().incomingIds().get(i),
                  Optional.of(receipt.get().receivedAt()))
              : new Slot(receivedAt, eventId, ids.next(receivedAt), Optional.empty());
    }
    IngestOutcome[] outcomes = new IngestOutcome[items.size()];
    Prepared prepared = prepare(workspace, config, items);
    runner.run(
        prepared.groups(),
        i ->
            outcomes[i] =
                ingest(
                    workspace,
                    config,
                    items.get(i),
                    slots[i],
                    prepared.identifiers().get(i),
                    prepared.reads().map(r -> r.forItem(i, prepared.leaders()[i]))));
    return new IngestResult(List.of(outcomes));
  }

  /** The batch's groups, the first item of each, and what the batch read before it ran. */
  private record Prepared(
      List<int[]> groups,
      boolean[] leaders,
      Optional<BatchReads> reads,
      List<Optional<List<Identifier>>> identifiers) {}

  /**
   * What an item is given before it runs; {@code received}: when its entry was recorded as
   * received, for an item of the asynchronous path.
   */
  private record Slot(
      Instant receivedAt, EventId eventId, String incomingId, Optional<Instant> received) {}

  /**
   * A batch is grouped and its reads made up front (a few calls for all items); one item, or a
   * runner of one worker, is worked as it comes. When the batch's reads fail it is worked one item
   * at a time, each reading for itself.
   */
  private Prepared prepare(WorkspaceId workspace, WorkspaceConfig config, List<IngestItem> items) {
    Prepared sequential =
        new Prepared(
            List.of(IntStream.range(0, items.size()).toArray()),
            new boolean[items.size()],
            Optional.empty(),
            Collections.nCopies(items.size(), Optional.empty()));
    if (runner.concurrency() == 1 || items.size() == 1) {
      return sequential;
    }
    try {
      BatchGroups.Plan plan = BatchGroups.of(workspace, config, items, contacts);
      BatchReads reads =
          BatchReads.of(
              workspace, config, items, plan.owners(), ledger, contacts, runner, clock.instant());
      boolean[] leaders = new boolean[items.size()];
      for (int[] group : plan.groups()) {
        leaders[group[0]] = true;
      }
      return new Prepared(plan.groups(), leaders, Optional.of(reads), plan.identifiers());
    } catch (RuntimeException e) {
      // Without the owners of its identifiers a batch cannot be split safely: work it in order.
      LOG.log(Level.WARNING, "could not prepare a batch; it is worked one item at a time", e);
      return sequential;
    }
  }

  private IngestOutcome ingest(
      WorkspaceId workspace,
      WorkspaceConfig config,
      IngestItem item,
      Slot slot,
      Optional<List<Identifier>> identifiers,
      Optional<BatchReads.View> reads) {
    if (item instanceof IngestItem.Invalid invalid) {
      IngestOutcome.Rejected rejected =
          new IngestOutcome.Rejected(invalid.code(), invalid.message(), invalid.field());
      stages
          .recorder()
          .log(
              workspace,
              slot.received().orElse(slot.receivedAt()),
              slot.incomingId(),
              invalid.payload(),
              rejected);
      return rejected;
    }
    IngestItem.Valid valid = (IngestItem.Valid) item;
    EventInput input = valid.input();
    return new Attempt(
            stages,
            identifiers,
            reads,
            workspace,
            config,
            input,
            slot.receivedAt(),
            slot.eventId(),
            slot.incomingId(),
            slot.received(),
            valid.derivedMessageId())
        .run();
  }
}
