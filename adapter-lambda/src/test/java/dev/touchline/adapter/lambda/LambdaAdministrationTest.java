package dev.touchline.adapter.lambda;

import dev.touchline.testkit.admin.AdministrationSuite;
import dev.touchline.testkit.scenario.ScenarioTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * The administration routes through the API Gateway handlers on DynamoDB Local, every DynamoDB call
 * checked against the template's roles.
 */
@Timeout(600)
class LambdaAdministrationTest extends AdministrationSuite {
  private static RoleCheckedDynamoDb dynamoDb;

  @BeforeAll
  static void start() {
    dynamoDb = new RoleCheckedDynamoDb("administration");
  }

  @AfterAll
  static void stop() {
    dynamoDb.close();
  }

  @Override
  protected ScenarioTarget target() {
    return new LambdaTarget(dynamoDb.client(), "administration");
  }
}
