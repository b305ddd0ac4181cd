package dev.touchline.adapter.http;

import dev.touchline.testkit.admin.AdministrationSuite;
import dev.touchline.testkit.scenario.ScenarioTarget;
import java.util.Map;

/** The administration routes on the real server, over HTTP. */
class HttpAdministrationTest extends AdministrationSuite {
  @Override
  protected ScenarioTarget target() {
    return new HttpTarget(Map.of("touchline.config-refresh", "0s"));
  }
}
