package dev.touchline.testkit;

import dev.touchline.core.Touchline;
import dev.touchline.testkit.race.IngestRaceSuite;
import java.time.Clock;

/** The race suite on the in-memory adapters. */
class InMemoryIngestRaceTest extends IngestRaceSuite {
  @Override
  protected Touchline.Builder storage(Clock clock) {
    return Touchline.builder();
  }
}
