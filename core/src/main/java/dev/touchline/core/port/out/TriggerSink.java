package dev.touchline.core.port.out;

import dev.touchline.core.domain.trigger.Trigger;

/** Where fired triggers go: the workflow system (in memory, a queue, ...). */
public interface TriggerSink {

  /**
   * Hands over a trigger that was just recorded. May throw {@link StorageException}; the event is
   * then reported failed and a retry delivers the trigger again.
   */
  void deliver(Trigger trigger);
}
