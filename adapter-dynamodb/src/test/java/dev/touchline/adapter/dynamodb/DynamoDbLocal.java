package dev.touchline.adapter.dynamodb;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.util.UUID;

/**
 * DynamoDB Local, in process and in memory, started once per test JVM; each caller gets a table of
 * its own.
 */
final class DynamoDbLocal {
  private static AmazonDynamoDBLocal local;

  private DynamoDbLocal() {}

  static synchronized DynamoDbStore newStore() {
    if (local == null) {
      System.setProperty(
          "sqlite4java.library.path", "native-libs"); // unused: 2.6.1 bundles natives
      System.setProperty("ddb.local.telemetry", "false");
      local = DynamoDBEmbedded.create();
      Runtime.getRuntime().addShutdownHook(new Thread(local::shutdownNow));
    }
    DynamoDbStore store =
        new DynamoDbStore(local.dynamoDbClient(), "touchline-" + UUID.randomUUID());
    store.createTableIfMissing(false);
    return store;
  }
}
