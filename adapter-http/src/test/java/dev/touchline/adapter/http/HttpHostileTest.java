package dev.touchline.adapter.http;

import dev.touchline.testkit.hostile.HostileSuite;
import dev.touchline.testkit.scenario.ScenarioTarget;
import java.util.Map;

/** The hostile corpus against the real server over HTTP (memory store). */
class HttpHostileTest extends HostileSuite {
  @Override
  protected ScenarioTarget target() {
    return new HttpTarget(Map.of("touchline.config-refresh", "0s"));
  }

  @Override
  protected boolean overHttp() {
    return true;
  }
}
