package dev.touchline.testkit;

import dev.touchline.testkit.hostile.HostileSuite;
import dev.touchline.testkit.scenario.InProcessTarget;
import dev.touchline.testkit.scenario.ScenarioTarget;

/** The hostile corpus against the in-process API on in-memory adapters. */
class InProcessHostileTest extends HostileSuite {
  @Override
  protected ScenarioTarget target() {
    return new InProcessTarget();
  }

  @Override
  protected boolean overHttp() {
    return false;
  }
}
