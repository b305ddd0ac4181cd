package dev.touchline.adapter.dynamodb;

import dev.touchline.core.Touchline;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Puts every storage port of an engine on one DynamoDB table:
 *
 * <pre>{@code
 * DynamoDbStore store = new DynamoDbStore(DynamoDbClient.create(), "touchline");
 * Touchline engine = DynamoDbStorage.on(store, Clock.systemUTC()).configure(Touchline.builder()).build();
 * }</pre>
 *
 * The trigger sink is not storage and stays whatever the builder has.
 */
public final class DynamoDbStorage {
  private final DynamoDbStore store;
  private final Clock clock;
  private final Duration incomingRetention;

  private DynamoDbStorage(DynamoDbStore store, Clock clock, Duration incomingRetention) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.incomingRetention = Objects.requireNonNull(incomingRetention, "incomingRetention");
  }

  /** The adapters on a store; {@code clock} must be the engine's clock (it bounds listings). */
  public static DynamoDbStorage on(DynamoDbStore store, Clock clock) {
    return new DynamoDbStorage(store, clock, DynamoDbIncomingLog.DEFAULT_RETENTION);
  }

  /** How long incoming-log entries are kept (TTL), 30 days by default. */
  public DynamoDbStorage incomingRetention(Duration retention) {
    return new DynamoDbStorage(store, clock, retention);
  }

  /**
   * Builds the item classes' table schemas now, which the first {@link #configure} would otherwise
   * do (a tenth of a second on a cold JVM). For start-up code with a spare thread, e.g. a Lambda
   * function's init building its SDK client meanwhile; calling it is never required.
   */
  public static void prepareSchemas() {
    List.of(
            ApiKeyItem.SCHEMA,
            ConfigItem.SCHEMA,
            ContactItem.SCHEMA,
            DedupClaimItem.SCHEMA,
            EventDayItem.SCHEMA,
            EventItem.SCHEMA,
            IdentityClaimItem.SCHEMA,
            IncomingItem.SCHEMA,
            MembershipItem.SCHEMA,
            TriggerItem.SCHEMA,
            WorkspaceItem.SCHEMA)
        .forEach(schema -> schema.attributeNames());
  }

  /** Sets every storage adapter and the clock on the builder. */
  public Touchline.Builder configure(Touchline.Builder builder) {
    return builder
        .clock(clock)
        .contacts(new DynamoDbContactRepository(store))
        .events(new DynamoDbEventRepository(store))
        .dedupLedger(new DynamoDbDedupLedger(store))
        .incomingLog(new DynamoDbIncomingLog(store, clock, incomingRetention))
        .triggers(new DynamoDbTriggerRepository(store))
        .workspaceConfigs(new DynamoDbWorkspaceConfigRepository(store))
        .apiKeys(new DynamoDbApiKeyRepository(store))
        .workspaces(new DynamoDbWorkspaceRepository(store));
  }
}
