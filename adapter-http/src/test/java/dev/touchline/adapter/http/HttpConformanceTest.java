package dev.touchline.adapter.http;

import dev.touchline.testkit.scenario.ConformanceSuite;
import dev.touchline.testkit.scenario.ScenarioTarget;
import java.util.Map;

/** The core's conformance scenarios through the real server: the same results as in process. */
class HttpConformanceTest extends ConformanceSuite {

  @Override
  protected ScenarioTarget target() {
    return new HttpTarget(Map.of("touchline.config-refresh", "0s"));
  }
}
