package dev.touchline.adapter.lambda;

import dev.touchline.testkit.scenario.ConformanceSuite;
import dev.touchline.testkit.scenario.ScenarioTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * The conformance scenarios through the API Gateway handlers on DynamoDB Local: the same results as
 * in process. Every DynamoDB call they make is recorded, and must be one the template's roles
 * allow.
 */
@Timeout(900)
class LambdaConformanceTest extends ConformanceSuite {
  private static RoleCheckedDynamoDb dynamoDb;

  @BeforeAll
  static void start() {
    dynamoDb = new RoleCheckedDynamoDb("conformance");
  }

  @AfterAll
  static void stop() {
    dynamoDb.close();
  }

  @Override
  protected ScenarioTarget target() {
    return new LambdaTarget(dynamoDb.client(), "conformance");
  }
}
