package dev.touchline.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.touchline.adapter.dynamodb.DynamoDbStore;
import dev.touchline.testkit.scenario.ConformanceSuite;
import dev.touchline.testkit.scenario.ScenarioTarget;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The conformance scenarios through the API Gateway handlers on DynamoDB Local: the same results as
 * in process. Every DynamoDB call they make is recorded, and must be one the template's roles
 * allow.
 */
@Timeout(900)
class LambdaConformanceTest extends ConformanceSuite {
  private static final Set<String> CALLS = ConcurrentHashMap.newKeySet();
  private static AmazonDynamoDBLocal local;
  private static DynamoDbClient recording;

  @BeforeAll
  static void start() {
    System.setProperty("ddb.local.telemetry", "false");
    local = DynamoDBEmbedded.create();
    DynamoDbClient client = local.dynamoDbClient();
    new DynamoDbStore(client, "conformance").createTableIfMissing(false);
    recording = InterceptedDynamoDb.wrap(client, LambdaConformanceTest::record);
  }

  @AfterAll
  static void stop() {
    local.shutdownNow();
    SamTemplate template = SamTemplate.read();
    for (String function : List.of("ApiFunction", "EventsFunction")) {
      assertThat(template.actions(template.roleOf(function)))
          .as("the DynamoDB calls the scenarios made are allowed to " + function)
          .containsAll(CALLS);
    }
    assertThat(CALLS).as("calls were recorded").contains("dynamodb:GetItem", "dynamodb:PutItem");
  }

  @Override
  protected ScenarioTarget target() {
    return new LambdaTarget(recording, "conformance");
  }

  /** The IAM actions of a call (a transaction's are those of its parts: what IAM checks). */
  private static void record(SdkRequest request) {
    if (request instanceof TransactWriteItemsRequest tx) {
      for (TransactWriteItem item : tx.transactItems()) {
        if (item.put() != null) CALLS.add("dynamodb:PutItem");
        if (item.update() != null) CALLS.add("dynamodb:UpdateItem");
        if (item.delete() != null) CALLS.add("dynamodb:DeleteItem");
        if (item.conditionCheck() != null) CALLS.add("dynamodb:ConditionCheckItem");
      }
    } else {
      String name = request.getClass().getSimpleName();
      CALLS.add("dynamodb:" + name.substring(0, name.length() - "Request".length()));
    }
  }
}
