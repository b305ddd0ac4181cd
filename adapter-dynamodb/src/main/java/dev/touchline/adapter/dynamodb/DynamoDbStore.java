package dev.touchline.adapter.dynamodb;

import dev.touchline.core.port.out.StorageException;
import dev.touchline.core.port.out.StorageRefusedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * The one table every repository of this adapter shares: its name, the clients, the table
 * definition (created on request), and the translation of SDK failures into the ports' {@link
 * StorageException}, with throttling retried under exponential backoff.
 */
public final class DynamoDbStore {
  static final String PK = "PK";
  static final String SK = "SK";
  static final String GSI1 = "GSI1";
  static final String GSI1PK = "GSI1PK";
  static final String GSI1SK = "GSI1SK";
  static final String TTL = "ttl";

  private static final int MAX_THROTTLE_RETRIES = 5;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

  private final DynamoDbClient client;
  private final DynamoDbEnhancedClient enhanced;
  private final String tableName;

  public DynamoDbStore(DynamoDbClient client, String tableName) {
    this.client = Objects.requireNonNull(client, "client");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
    this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
  }

  /** How long one HTTP attempt of a store call may take before it is abandoned (and retried). */
  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

  /** How long a store call may take in all, the SDK's retries included. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The client settings this adapter's clients are built with: the SDK's default retries (a reset
   * connection or a timed-out attempt is tried again), each attempt abandoned after {@code attempt}
   * and the whole call after {@code call}. Without them a connection that stalls mid-answer holds
   * its request for the HTTP client's 30-second read timeout, three times over.
   */
  public static ClientOverrideConfiguration clientOverrides(Duration attempt, Duration call) {
    return ClientOverrideConfiguration.builder()
        .apiCallAttemptTimeout(attempt)
        .apiCallTimeout(call)
        .build();
  }

  /** {@link #clientOverrides(Duration, Duration)} with the default timeouts. */
  public static ClientOverrideConfiguration clientOverrides() {
    return clientOverrides(DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_CALL_TIMEOUT);
  }

  public String tableName() {
    return tableName;
  }

  DynamoDbClient client() {
    return client;
  }

  DynamoDbEnhancedClient enhanced() {
    return enhanced;
  }

  /**
   * Creates the table (on-demand billing, one GSI, TTL on {@code ttl}) unless it exists.
   *
   * @param enableTtl whether to turn on TTL expiry; tests that write fixed past instants turn it
   *     off so the emulator does not delete their items (reads filter expired items either way)
   */
  public void createTableIfMissing(boolean enableTtl) {
    try {
      client.createTable(
          CreateTableRequest.builder()
              .tableName(tableName)
              .billingMode(BillingMode.PAY_PER_REQUEST)
              .attributeDefinitions(
                  attribute(PK), attribute(SK), attribute(GSI1PK), attribute(GSI1SK))
              .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
              .globalSecondaryIndexes(
                  GlobalSecondaryIndex.builder()
                      .indexName(GSI1)
                      .keySchema(key(GSI1PK, KeyType.HASH), key(GSI1SK, KeyType.RANGE))
                      .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                      .build())
              .build());
      client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
      if (enableTtl) {
        client.updateTimeToLive(
            UpdateTimeToLiveRequest.builder()
                .tableName(tableName)
                .timeToLiveSpecification(
                    TimeToLiveSpecification.builder().enabled(true).attributeName(TTL).build())
                .build());
      }
    } catch (ResourceInUseException exists) {
      // created before (or by a concurrent starter): nothing to do
    } catch (SdkException e) {
      throw new StorageException("could not create table " + tableName + ": " + e.getMessage(), e);
    }
  }

  /** Whether the table exists. */
  public boolean tableExists() {
    try {
      client.describeTable(b -> b.tableName(tableName));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  /**
   * Runs one store call, retrying throttling with exponential backoff and turning any other SDK
   * failure into a {@link StorageException} naming what was attempted. A failed condition is not a
   * failure but an answer: {@link ConditionalCheckFailedException} and {@link
   * TransactionCanceledException} reach the caller as they are.
   */
  <T> T call(String what, Supplier<T> call) {
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 0; ; attempt++) {
      try {
        return call.get();
      } catch (ConditionalCheckFailedException | TransactionCanceledException answer) {
        throw answer;
      } catch (DynamoDbException e) {
        if (!isThrottling(e) || attempt >= MAX_THROTTLE_RETRIES) {
          // DynamoDB answered: a 4xx (throttling, validation) changed nothing; a 5xx may have.
          throw e.statusCode() >= 400 && e.statusCode() < 500
              ? new StorageRefusedException(what + " failed: " + e.getMessage(), e)
              : new StorageException(what + " failed: " + e.getMessage(), e);
        }
      } catch (SdkException e) {
        throw new StorageException(what + " failed: " + e.getMessage(), e);
      }
      sleep(backoff);
      backoff = backoff.multipliedBy(2);
    }
  }

  /** A strongly consistent read of one item; empty when there is none. */
  /** The most keys one BatchGetItem request may carry. */
  private static final int BATCH_GET_LIMIT = 100;

  <T> Optional<T> read(DynamoDbTable<T> table, String pk, String sk, String what) {
    Key key = Key.builder().partitionValue(pk).sortValue(sk).build();
    return Optional.ofNullable(
        call("read " + what, () -> table.getItem(r -> r.key(key).consistentRead(true))));
  }

  /**
   * The items at these keys that exist, read consistently with one {@code BatchGetItem} per 100
   * keys (the enhanced client asks again for keys DynamoDB leaves unprocessed).
   */
  <T> List<T> readAll(DynamoDbTable<T> table, Class<T> type, List<Key> keys, String what) {
    List<T> found = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
      List<Key> chunk = keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT));
      ReadBatch.Builder<T> batch = ReadBatch.builder(type).mappedTableResource(table);
      for (Key key : chunk) {
        batch.addGetItem(GetItemEnhancedRequest.builder().key(key).consistentRead(true).build());
      }
      found.addAll(
          call(
              "read " + chunk.size() + " " + what,
              () ->
                  enhanced
                      .batchGetItem(r -> r.readBatches(batch.build()))
                      .resultsForTable(table)
                      .stream()
                      .toList()));
    }
    return found;
  }

  /** The key of an item. */
  static Key key(String pk, String sk) {
    return Key.builder().partitionValue(pk).sortValue(sk).build();
  }

  /**
   * Sets a boolean attribute to true on one item if {@code condition} holds.
   *
   * @return false when the condition did not hold (nothing was written)
   */
  boolean setFlag(
      String pk,
      String sk,
      String attribute,
      String condition,
      Map<String, AttributeValue> conditionValues,
      String what) {
    Map<String, AttributeValue> values = new HashMap<>(conditionValues);
    values.put(":flag", AttributeValue.fromBool(true));
    try {
      run(
          what,
          () ->
              client.updateItem(
                  b ->
                      b.tableName(tableName)
                          .key(Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk)))
                          .updateExpression("SET " + attribute + " = :flag")
                          .conditionExpression(condition)
                          .expressionAttributeValues(values)));
      return true;
    } catch (ConditionalCheckFailedException conditionFailed) {
      return false;
    }
  }

  /**
   * What a conditional put found: written, or the item that stood in its way (empty when the
   * condition failed and the item has gone since).
   */
  record Put<T>(boolean written, Optional<T> inTheWay) {}

  /**
   * Puts {@code item} if {@code condition} holds. The SDK tries a put again when its connection
   * broke or its answer timed out, and a put whose first try was written before its answer was lost
   * then finds its own item in the way. So when the condition fails the item is read back
   * (consistently): an item equal to this one counts as written by this call. An item that two
   * calls could write identically must therefore carry something of its call (a token, an attempt's
   * id, an instant), or a second call would count as the first.
   */
  <T> Put<T> putIf(DynamoDbTable<T> table, T item, Expression condition, String what) {
    try {
      run(
          what,
          () ->
              table.putItem(
                  PutItemEnhancedRequest.builder(table.tableSchema().itemType().rawClass())
                      .item(item)
                      .conditionExpression(condition)
                      .build()));
      return new Put<>(true, Optional.empty());
    } catch (ConditionalCheckFailedException conditionFailed) {
      Key key = table.keyFrom(item);
      T stored =
          call("read back " + what, () -> table.getItem(r -> r.key(key).consistentRead(true)));
      if (stored != null
          && table
              .tableSchema()
              .itemToMap(stored, true)
              .equals(table.tableSchema().itemToMap(item, true))) {
        return new Put<>(true, Optional.empty());
      }
      return new Put<>(false, Optional.ofNullable(stored));
    }
  }

  void run(String what, Runnable call) {
    call(
        what,
        () -> {
          call.run();
          return null;
        });
  }

  private static boolean isThrottling(DynamoDbException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return e.isThrottlingException()
        || e instanceof ProvisionedThroughputExceededException
        || e instanceof RequestLimitExceededException
        || (code != null // List.contains(null) throws: an exception without details has no code
            && List.of(
                    "ProvisionedThroughputExceededException",
                    "ThrottlingException",
                    "RequestLimitExceeded")
                .contains(code));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while backing off from throttling", e);
    }
  }

  private static AttributeDefinition attribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }
}
