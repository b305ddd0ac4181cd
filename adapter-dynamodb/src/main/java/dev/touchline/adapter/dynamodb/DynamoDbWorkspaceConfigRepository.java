package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.ConcurrentUpdateException;
import dev.touchline.core.port.out.WorkspaceConfigRepository;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Configuration documents, replaced with a put conditional on the version read. */
public final class DynamoDbWorkspaceConfigRepository implements WorkspaceConfigRepository {
  private final DynamoDbStore store;
  private final DynamoDbTable<ConfigItem> table;

  public DynamoDbWorkspaceConfigRepository(DynamoDbStore store) {
    this.store = store;
    this.table = store.enhanced().table(store.tableName(), ConfigItem.SCHEMA);
  }

  @Override
  public Optional<StoredConfig> find(WorkspaceId workspace) {
    return store
        .read(table, ConfigItem.pk(workspace), "#", "configuration of " + workspace)
        .map(ConfigItem::toDomain);
  }

  @Override
  public StoredConfig save(
      WorkspaceId workspace, String document, long expectedVersion, Instant now) {
    Expression condition =
        expectedVersion == 0
            ? Expression.builder().expression("attribute_not_exists(PK)").build()
            : Expression.builder()
                .expression("version = :v")
                .expressionValues(
                    Map.of(":v", AttributeValue.fromN(Long.toString(expectedVersion))))
                .build();
    ConfigItem item = ConfigItem.of(workspace, document, expectedVersion + 1, now);
    if (!store.putIf(table, item, condition, "store configuration of " + workspace).written()) {
      throw new ConcurrentUpdateException(
          "configuration of " + workspace + " is no longer at version " + expectedVersion);
    }
    return item.toDomain();
  }
}
