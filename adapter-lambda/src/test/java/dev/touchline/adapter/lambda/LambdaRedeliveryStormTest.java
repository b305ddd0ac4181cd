package dev.touchline.adapter.lambda;

import dev.touchline.testkit.race.RedeliveryStormSuite;
import dev.touchline.testkit.scenario.ScenarioTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/** The redelivery storm through the API Gateway handlers, on DynamoDB Local. */
@Timeout(900)
class LambdaRedeliveryStormTest extends RedeliveryStormSuite {
  private static RoleCheckedDynamoDb dynamoDb;

  @BeforeAll
  static void start() {
    dynamoDb = new RoleCheckedDynamoDb("storm");
  }

  @AfterAll
  static void stop() {
    dynamoDb.close();
  }

  @Override
  protected ScenarioTarget target() {
    return new LambdaTarget(dynamoDb.client(), "storm");
  }
}
