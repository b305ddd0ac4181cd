package dev.touchline.adapter.http;

import dev.touchline.testkit.race.RedeliveryStormSuite;
import dev.touchline.testkit.scenario.ScenarioTarget;
import java.util.Map;

/** The redelivery storm over HTTP against the real server (memory store). */
class HttpRedeliveryStormTest extends RedeliveryStormSuite {
  @Override
  protected ScenarioTarget target() {
    return new HttpTarget(Map.of("touchline.config-refresh", "0s"));
  }
}
