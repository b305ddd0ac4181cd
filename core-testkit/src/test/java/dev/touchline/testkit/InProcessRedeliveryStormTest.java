package dev.touchline.testkit;

import dev.touchline.testkit.race.RedeliveryStormSuite;
import dev.touchline.testkit.scenario.InProcessTarget;
import dev.touchline.testkit.scenario.ScenarioTarget;

/** The redelivery storm through the router, in process, on the in-memory store. */
class InProcessRedeliveryStormTest extends RedeliveryStormSuite {
  @Override
  protected ScenarioTarget target() {
    return new InProcessTarget();
  }
}
