package dev.touchline.core.service.ingest;

import dev.touchline.core.domain.error.ErrorCode;
import dev.touchline.core.domain.event.IngestLimits;
import dev.touchline.core.domain.event.Ulids;
import dev.touchline.core.domain.incoming.IncomingEntry;
import dev.touchline.core.domain.incoming.IncomingStatus;
import dev.touchline.core.domain.workspace.WorkspaceConfig;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.in.IngestItem;
import dev.touchline.core.port.in.IngestOutcome;
import dev.touchline.core.port.in.IngestResult;
import dev.touchline.core.port.out.EventQueue;
import dev.touchline.core.port.out.IncomingLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The first half of the asynchronous path: each item checked as the pipeline's validation checks it
 * (a refused item is answered and logged as on the synchronous path), each valid one recorded as
 * {@code received} (the records written at once) and put on the event queue. When the queue refuses
 * them, their entries become {@code failed} and they are answered {@code internal_error}: nothing
 * was queued that the client is not told to send again.
 */
final class EventReceiver {
  private static final Logger LOG = Logger.getLogger(EventReceiver.class.getName());

  private final IncomingLog incoming;
  private final IncomingRecorder recorder;
  private final Optional<EventQueue> queue;
  private final Ulids ids;
  private final Clock clock;
  private final IngestLimits limits;
  private final BatchRunner runner;

  EventReceiver(
      IncomingLog incoming,
      IncomingRecorder recorder,
      Optional<EventQueue> queue,
      Ulids ids,
      Clock clock,
      IngestLimits limits,
      BatchRunner runner) {
    this.incoming = incoming;
    this.recorder = recorder;
    this.queue = queue;
    this.ids = ids;
    this.clock = clock;
    this.limits = limits;
    this.runner = runner;
  }

  IngestResult receive(WorkspaceId workspace, WorkspaceConfig config, List<IngestItem> items) {
    EventQueue target =
        queue.orElseThrow(
            () -> new IllegalStateException("no event queue: build the engine with eventQueue(…)"));
    Instant at = clock.instant();
    IngestOutcome[] outcomes = new IngestOutcome[items.size()];
    List<IncomingEntry> received = new ArrayList<>();
    List<Integer> receivedAt = new ArrayList<>();
    List<EventQueue.Queued> queued = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String id = ids.next(at);
      IngestItem item = items.get(i);
      if (item instanceof IngestItem.Invalid invalid) {
        IngestOutcome.Rejected rejected =
            new IngestOutcome.Rejected(invalid.code(), invalid.message(), invalid.field());
        recorder.log(workspace, at, id, invalid.payload(), rejected);
        outcomes[i] = rejected;
        continue;
      }
      IngestItem.Valid valid = (IngestItem.Valid) item;
      EventValidation.Result checked =
          EventValidation.validate(valid.input(), config, limits, at, Optional.empty());
      if (checked instanceof EventValidation.Refused refused) {
        recorder.log(workspace, at, id, valid.input().payload(), refused.rejection());
        outcomes[i] = refused.rejection();
        continue;
      }
      received.add(
          new IncomingEntry(
              workspace,
              id,
              at,
              IncomingStatus.RECEIVED,
              Optional.empty(),
              valid.input().payload(),
              Optional.empty()));
      receivedAt.add(i);
      queued.add(new EventQueue.Queued(id, valid.input().payload(), valid.input().messageId()));
      outcomes[i] = new IngestOutcome.Received(id);
    }
    if (queued.isEmpty()) {
      return new IngestResult(List.of(outcomes));
    }
    try {
      // Recorded before they are queued, so a consumer never finds an entry missing.
      runner.all(
          received.stream()
              .<Callable<Void>>map(
                  e ->
                      () -> {
                        incoming.save(e);
                        return null;
                      })
              .toList());
      target.enqueue(workspace, at, queued);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "events could not be queued in workspace " + workspace, e);
      IngestOutcome.Rejected failed =
          new IngestOutcome.Rejected(
              ErrorCode.INTERNAL_ERROR,
              "the event could not be queued; it can be sent again",
              Optional.empty());
      for (int k = 0; k < received.size(); k++) {
        IncomingEntry entry = received.get(k);
        outcomes[receivedAt.get(k)] = failed;
        try {
          recorder.record(
              workspace,
              at,
              entry.id(),
              entry.payload(),
              IncomingStatus.FAILED,
              failed,
              Optional.empty());
        } catch (RuntimeException logFailure) {
          LOG.log(Level.WARNING, "could not mark entry " + entry.id() + " failed", logFailure);
        }
      }
    }
    return new IngestResult(List.of(outcomes));
  }
}
