package dev.touchline.testkit;

import dev.touchline.testkit.hostile.JsonTestSuiteSuite;
import dev.touchline.testkit.scenario.InProcessTarget;
import dev.touchline.testkit.scenario.ScenarioTarget;

/** JSONTestSuite's parsing cases against the in-process API. */
class InProcessJsonTestSuiteTest extends JsonTestSuiteSuite {
  @Override
  protected ScenarioTarget target() {
    return new InProcessTarget();
  }
}
