package dev.touchline.adapter.dynamodb;

import dev.touchline.testkit.scenario.ConformanceSuite;
import dev.touchline.testkit.scenario.InProcessTarget;
import dev.touchline.testkit.scenario.ScenarioTarget;
import org.junit.jupiter.api.Timeout;

/** The conformance scenarios with every port on DynamoDB Local: the same results as in memory. */
@Timeout(600)
class DynamoDbConformanceTest extends ConformanceSuite {
  private static final DynamoDbStore STORE = DynamoDbLocal.newStore();

  @Override
  protected ScenarioTarget target() {
    return new InProcessTarget(
        (builder, clock) -> DynamoDbStorage.on(STORE, clock).configure(builder));
  }
}
