package dev.touchline.testkit;

import dev.touchline.core.Touchline;
import dev.touchline.testkit.race.BatchEquivalenceSuite;
import java.time.Clock;

/** Batches worked concurrently against one by one, on the in-memory adapters. */
class InMemoryBatchEquivalenceTest extends BatchEquivalenceSuite {
  @Override
  protected Touchline.Builder storage(Clock clock) {
    return Touchline.builder();
  }
}
