package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.apikey.ApiKey;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.ApiKeyRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** API keys by the hash of their secret, listed per workspace through GSI1. */
public final class DynamoDbApiKeyRepository implements ApiKeyRepository {
  private final DynamoDbStore store;
  private final DynamoDbTable<ApiKeyItem> table;

  public DynamoDbApiKeyRepository(DynamoDbStore store) {
    this.store = store;
    this.table = store.enhanced().table(store.tableName(), ApiKeyItem.SCHEMA);
  }

  @Override
  public void save(ApiKey key) {
    store.run("store API key " + key.id(), () -> table.putItem(ApiKeyItem.from(key)));
  }

  @Override
  public Optional<ApiKey> findByHash(String hash) {
    return store.read(table, ApiKeyItem.pk(hash), "#", "API key").map(ApiKeyItem::toDomain);
  }

  @Override
  public List<ApiKey> listByWorkspace(WorkspaceId workspace) {
    List<ApiKey> keys = new ArrayList<>();
    store.run(
        "list API keys of " + workspace,
        () ->
            table
                .index(DynamoDbStore.GSI1)
                .query(
                    QueryConditional.keyEqualTo(
                        Key.builder().partitionValue(ApiKeyItem.byWorkspace(workspace)).build()))
                .forEach(page -> page.items().forEach(i -> keys.add(i.toDomain()))));
    return keys;
  }

  @Override
  public boolean revoke(WorkspaceId workspace, String keyId) {
    List<ApiKeyItem> found = new ArrayList<>();
    store.run(
        "find API key " + keyId,
        () ->
            table
                .index(DynamoDbStore.GSI1)
                .query(
                    QueryConditional.keyEqualTo(
                        Key.builder()
                            .partitionValue(ApiKeyItem.byWorkspace(workspace))
                            .sortValue(keyId)
                            .build()))
                .forEach(page -> found.addAll(page.items())));
    return !found.isEmpty()
        && store.setFlag(
            ApiKeyItem.pk(found.get(0).hash()),
            "#",
            "revoked",
            "workspace = :ws",
            Map.of(":ws", AttributeValue.fromS(workspace.value())),
            "revoke API key " + keyId);
  }
}
