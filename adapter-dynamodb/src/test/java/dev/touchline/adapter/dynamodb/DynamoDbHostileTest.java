package dev.touchline.adapter.dynamodb;

import dev.touchline.testkit.hostile.HostileSuite;
import dev.touchline.testkit.scenario.InProcessTarget;
import dev.touchline.testkit.scenario.ScenarioTarget;
import org.junit.jupiter.api.Timeout;

/** The hostile corpus with every port on DynamoDB Local: the same answers as in memory. */
@Timeout(600)
class DynamoDbHostileTest extends HostileSuite {
  private static final DynamoDbStore STORE = DynamoDbLocal.newStore();

  @Override
  protected ScenarioTarget target() {
    return new InProcessTarget(
        (builder, clock) -> DynamoDbStorage.on(STORE, clock).configure(builder));
  }

  @Override
  protected boolean overHttp() {
    return false;
  }
}
