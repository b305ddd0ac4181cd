package dev.touchline.adapter.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import dev.touchline.adapter.dynamodb.DynamoDbStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * DynamoDB Local in process with a table made as the adapter makes it, behind a client that records
 * the IAM action of every call; {@link #close} checks that the template's roles allow them all.
 */
final class RoleCheckedDynamoDb implements AutoCloseable {
  private final Set<String> calls = ConcurrentHashMap.newKeySet();
  private final AmazonDynamoDBLocal local;
  private final DynamoDbClient client;

  RoleCheckedDynamoDb(String table) {
    System.setProperty("ddb.local.telemetry", "false");
    local = DynamoDBEmbedded.create();
    DynamoDbClient raw = local.dynamoDbClient();
    new DynamoDbStore(raw, table).createTableIfMissing(false);
    client = InterceptedDynamoDb.wrap(raw, this::record);
  }

  /** The recording client. */
  DynamoDbClient client() {
    return client;
  }

  /** Stops DynamoDB Local, then checks the calls made against both functions' roles. */
  @Override
  public void close() {
    local.shutdownNow();
    SamTemplate template = SamTemplate.read();
    for (String function : List.of("ApiFunction", "EventsFunction")) {
      assertThat(template.actions(template.roleOf(function)))
          .as("the DynamoDB calls made are allowed to " + function)
          .containsAll(calls);
    }
    assertThat(calls).as("calls were recorded").contains("dynamodb:GetItem", "dynamodb:PutItem");
  }

  /** The IAM actions of a call (a transaction's are those of its parts: what IAM checks). */
  private void record(SdkRequest request) {
    if (request instanceof TransactWriteItemsRequest tx) {
      for (TransactWriteItem item : tx.transactItems()) {
        if (item.put() != null) calls.add("dynamodb:PutItem");
        if (item.update() != null) calls.add("dynamodb:UpdateItem");
        if (item.delete() != null) calls.add("dynamodb:DeleteItem");
        if (item.conditionCheck() != null) calls.add("dynamodb:ConditionCheckItem");
      }
    } else {
      String name = request.getClass().getSimpleName();
      calls.add("dynamodb:" + name.substring(0, name.length() - "Request".length()));
    }
  }
}
