package dev.touchline.adapter.lambda;

import dev.touchline.testkit.hostile.HostileSuite;
import dev.touchline.testkit.scenario.ScenarioTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/** The hostile corpus through the API Gateway handlers, on DynamoDB Local. */
@Timeout(600)
class LambdaHostileTest extends HostileSuite {
  private static RoleCheckedDynamoDb dynamoDb;

  @BeforeAll
  static void start() {
    dynamoDb = new RoleCheckedDynamoDb("hostile");
  }

  @AfterAll
  static void stop() {
    dynamoDb.close();
  }

  @Override
  protected ScenarioTarget target() {
    return new LambdaTarget(dynamoDb.client(), "hostile");
  }

  @Override
  protected boolean overHttp() {
    return false;
  }
}
