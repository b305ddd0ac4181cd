package dev.touchline.testkit;

import dev.touchline.testkit.scenario.ConformanceSuite;
import dev.touchline.testkit.scenario.InProcessTarget;
import dev.touchline.testkit.scenario.ScenarioTarget;

/** The conformance scenarios against the in-process engine on in-memory adapters. */
class InProcessConformanceTest extends ConformanceSuite {
  @Override
  protected ScenarioTarget target() {
    return new InProcessTarget();
  }
}
