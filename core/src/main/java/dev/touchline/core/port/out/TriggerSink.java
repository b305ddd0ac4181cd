package dev.touchline.core.port.out;

import dev.touchline.core.domain.trigger.Trigger;

/** Where fired triggers go: the workflow system (in memory, a queue, ...). */
public interface TriggerSink {

  /**
   * Hands over a trigger that was just recorded. May throw {@link StorageException}; the event is
   * then reported failed and a retry delivers the trigger again.
   */
  void deliver(Trigger trigger);

  /**
   * Hands over the triggers one event fired, in the order the rules fired them. A sink that can
   * send several at once (a queue's batch call) overrides it; the default delivers them one by one.
   * Throws like {@link #deliver}: none of them is then taken as delivered, and a retry delivers
   * them again (consumers de-duplicate on the trigger id).
   */
  default void deliverAll(java.util.List<Trigger> triggers) {
    triggers.forEach(this::deliver);
  }
}
