package dev.touchline.testkit;

import dev.touchline.testkit.admin.AdministrationSuite;
import dev.touchline.testkit.scenario.InProcessTarget;
import dev.touchline.testkit.scenario.ScenarioTarget;

/** The administration routes through the router, in process, on the in-memory store. */
class InProcessAdministrationTest extends AdministrationSuite {
  @Override
  protected ScenarioTarget target() {
    return new InProcessTarget();
  }
}
