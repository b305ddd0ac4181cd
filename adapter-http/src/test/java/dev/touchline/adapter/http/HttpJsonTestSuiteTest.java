package dev.touchline.adapter.http;

import dev.touchline.testkit.hostile.JsonTestSuiteSuite;
import dev.touchline.testkit.scenario.ScenarioTarget;
import java.util.Map;

/** JSONTestSuite's parsing cases against the real server over HTTP. */
class HttpJsonTestSuiteTest extends JsonTestSuiteSuite {
  @Override
  protected ScenarioTarget target() {
    return new HttpTarget(Map.of());
  }
}
