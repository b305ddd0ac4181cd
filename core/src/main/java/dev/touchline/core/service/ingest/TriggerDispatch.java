package dev.touchline.core.service.ingest;

import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.port.out.TriggerRepository;
import dev.touchline.core.port.out.TriggerSink;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Records an event's triggers once (pending), hands them to the sink and marks them delivered;
 * after an interruption, finishes what a first attempt left pending (delivery is at least once).
 */
final class TriggerDispatch {
  private final TriggerRepository triggers;
  private final TriggerSink sink;
  private final Clock clock;
  private final Duration inFlightGrace;

  TriggerDispatch(
      TriggerRepository triggers, TriggerSink sink, Clock clock, Duration inFlightGrace) {
    this.triggers = triggers;
    this.sink = sink;
    this.clock = clock;
    this.inFlightGrace = inFlightGrace;
  }

  /** Fires the triggers of an event just stored: each recorded once, then delivered. */
  void fire(Event event) {
    for (Trigger trigger : event.triggers()) {
      if (triggers.recordOnce(trigger)) {
        deliver(trigger);
      }
    }
  }

  /**
   * After an interruption the event may be applied but its triggers not yet recorded or not yet
   * delivered: finish both (at least once; consumers de-duplicate on the trigger id).
   */
  void finish(Event first) {
    if (first.triggers().isEmpty()
        || clock.instant().isBefore(first.receivedAt().plus(inFlightGrace))) {
      return;
    }
    for (Trigger trigger : first.triggers()) {
      Optional<TriggerRepository.Recorded> recorded =
          triggers.findById(first.workspace(), trigger.id());
      if (recorded.isEmpty() ? triggers.recordOnce(trigger) : !recorded.get().delivered()) {
        deliver(trigger);
      }
    }
  }

  private void deliver(Trigger trigger) {
    sink.deliver(trigger);
    triggers.markDelivered(trigger.workspace(), trigger.id());
  }
}
