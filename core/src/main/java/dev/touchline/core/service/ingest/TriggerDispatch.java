package dev.touchline.core.service.ingest;

import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.port.out.TriggerRepository;
import dev.touchline.core.port.out.TriggerSink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Records an event's triggers once (pending), hands them to the sink and marks them delivered;
 * after an interruption, finishes what a first attempt left pending (delivery is at least once).
 */
final class TriggerDispatch {
  private final TriggerRepository triggers;
  private final TriggerSink sink;
  private final Clock clock;
  private final InFlight inFlight;
  private final BatchRunner runner;

  TriggerDispatch(
      TriggerRepository triggers,
      TriggerSink sink,
      Clock clock,
      InFlight inFlight,
      BatchRunner runner) {
    this.runner = runner;
    this.triggers = triggers;
    this.sink = sink;
    this.clock = clock;
    this.inFlight = inFlight;
  }

  /**
   * Fires the triggers of an event just stored: each recorded once (pending), then handed to the
   * sink in the order the rules fired them (in one call, {@code TriggerSink.deliverAll}), then
   * marked delivered. The records of several triggers are written at once, and so are their marks:
   * on a remote store an event that fires three triggers waits for two writes instead of six. A
   * trigger whose record failed is left for a resend to finish, with any other that was recorded
   * but not delivered ({@link #finish}).
   */
  void fire(Event event) {
    List<Trigger> fired = event.triggers();
    if (fired.size() <= 1) {
      for (Trigger trigger : fired) {
        if (triggers.recordOnce(trigger)) {
          deliver(trigger);
        }
      }
      return;
    }
    List<Boolean> recorded =
        runner.all(
            fired.stream().<Callable<Boolean>>map(t -> () -> triggers.recordOnce(t)).toList());
    List<Trigger> delivered = new ArrayList<>();
    for (int i = 0; i < fired.size(); i++) {
      if (recorded.get(i)) {
        delivered.add(fired.get(i));
      }
    }
    if (!delivered.isEmpty()) {
      sink.deliverAll(delivered);
    }
    runner.all(
        delivered.stream()
            .<Callable<Void>>map(
                t ->
                    () -> {
                      triggers.markDelivered(t.workspace(), t.id());
                      return null;
                    })
            .toList());
  }

  /**
   * After an interruption the event may be applied but its triggers not yet recorded or not yet
   * delivered: finish both (at least once; consumers de-duplicate on the trigger id).
   */
  void finish(Event first) {
    if (first.triggers().isEmpty() || inFlight.mayStillRun(first.receivedAt(), clock.instant())) {
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
