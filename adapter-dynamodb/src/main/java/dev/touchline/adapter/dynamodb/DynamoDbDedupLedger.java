package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.dedup.DedupClaim;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.DedupLedger;
import dev.touchline.core.port.out.StorageException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Dedup claims as conditional puts: one item per key, replaced only once it has lapsed. */
public final class DynamoDbDedupLedger implements DedupLedger {
  private final DynamoDbStore store;
  private final DynamoDbTable<DedupClaimItem> table;

  public DynamoDbDedupLedger(DynamoDbStore store) {
    this.store = store;
    this.table = store.enhanced().table(store.tableName(), DedupClaimItem.SCHEMA);
  }

  @Override
  public ClaimResult claim(DedupClaim claim, Instant now) {
    Expression freeOrLapsed =
        Expression.builder()
            .expression(
                "attribute_not_exists(PK) OR (attribute_exists(expiresAt) AND expiresAt <= :now)")
            .expressionValues(
                Map.of(":now", AttributeValue.fromN(Long.toString(now.toEpochMilli()))))
            .build();
    for (int attempt = 0; attempt < 3; attempt++) {
      DynamoDbStore.Put<DedupClaimItem> put =
          store.putIf(table, DedupClaimItem.from(claim), freeOrLapsed, "claim " + claim.key());
      if (put.written()) {
        return new Claimed();
      }
      Optional<DedupClaim> existing =
          put.inTheWay()
              .map(i -> i.toDomain(claim.workspace(), claim.key()))
              .filter(c -> !c.isExpiredAt(now));
      if (existing.isPresent()) {
        return new Held(existing.get());
      }
      // released or lapsed between our put and our read: try again
    }
    throw new StorageException("claim " + claim.key() + " kept changing");
  }

  @Override
  public Optional<DedupClaim> find(WorkspaceId workspace, String key, Instant now) {
    return store
        .read(table, DedupClaimItem.pk(workspace, key), "#", "claim " + key)
        .map(i -> i.toDomain(workspace, key))
        .filter(c -> !c.isExpiredAt(now));
  }

  /** One {@code BatchGetItem} (consistent) per 100 keys. */
  @Override
  public Map<String, DedupClaim> findAll(
      WorkspaceId workspace, Collection<String> keys, Instant now) {
    Map<String, String> byPk = new LinkedHashMap<>();
    for (String key : keys) {
      byPk.put(DedupClaimItem.pk(workspace, key), key);
    }
    List<Key> itemKeys = byPk.keySet().stream().map(pk -> DynamoDbStore.key(pk, "#")).toList();
    Map<String, DedupClaim> live = new LinkedHashMap<>();
    for (DedupClaimItem item : store.readAll(table, DedupClaimItem.class, itemKeys, "claims")) {
      String key = byPk.get(item.getPk());
      DedupClaim claim = item.toDomain(workspace, key);
      if (!claim.isExpiredAt(now)) {
        live.put(key, claim);
      }
    }
    return live;
  }

  @Override
  public void release(WorkspaceId workspace, String key, EventId holder) {
    try {
      store.run(
          "release claim " + key,
          () ->
              table.deleteItem(
                  DeleteItemEnhancedRequest.builder()
                      .key(key(workspace, key))
                      .conditionExpression(
                          Expression.builder()
                              .expression("holder = :holder")
                              .expressionValues(
                                  Map.of(":holder", AttributeValue.fromS(holder.value())))
                              .build())
                      .build()));
    } catch (ConditionalCheckFailedException heldByAnother) {
      // another event holds the key (or nobody does): leave it alone
    }
  }

  private static Key key(WorkspaceId workspace, String key) {
    return Key.builder().partitionValue(DedupClaimItem.pk(workspace, key)).sortValue("#").build();
  }
}
