package dev.touchline.core.inmemory;

import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.port.out.TriggerSink;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Keeps delivered triggers in memory, in delivery order, for embedding code and tests to read. */
public final class InMemoryTriggerSink implements TriggerSink {
  private final ConcurrentLinkedQueue<Trigger> delivered = new ConcurrentLinkedQueue<>();

  @Override
  public void deliver(Trigger trigger) {
    delivered.add(trigger);
  }

  /** Everything delivered so far. */
  public List<Trigger> delivered() {
    return List.copyOf(delivered);
  }
}
