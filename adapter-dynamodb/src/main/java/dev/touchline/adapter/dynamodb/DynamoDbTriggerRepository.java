package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.contact.ContactId;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.trigger.Trigger;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.TriggerRepository;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;

/** Fired triggers: recorded with a conditional put, marked delivered with a conditional update. */
public final class DynamoDbTriggerRepository implements TriggerRepository {
  private final DynamoDbStore store;
  private final DynamoDbTable<TriggerItem> table;

  public DynamoDbTriggerRepository(DynamoDbStore store) {
    this.store = store;
    this.table = store.enhanced().table(store.tableName(), TriggerItem.SCHEMA);
  }

  @Override
  public boolean recordOnce(Trigger trigger) {
    return store
        .putIf(
            table,
            TriggerItem.from(trigger),
            Expression.builder().expression("attribute_not_exists(PK)").build(),
            "record trigger " + trigger.id())
        .written();
  }

  @Override
  public void markDelivered(WorkspaceId workspace, String triggerId) {
    // false when nothing is recorded under that id: then there is nothing to mark
    store.setFlag(
        TriggerItem.pk(workspace, triggerId),
        "#",
        "delivered",
        "attribute_exists(PK)",
        Map.of(),
        "mark trigger " + triggerId + " delivered");
  }

  @Override
  public Optional<Recorded> findById(WorkspaceId workspace, String triggerId) {
    return store
        .read(table, TriggerItem.pk(workspace, triggerId), "#", "trigger " + triggerId)
        .map(i -> new Recorded(i.toDomain(workspace), i.delivered()));
  }

  @Override
  public Page<Trigger> listByContact(WorkspaceId workspace, ContactId contactId, PageRequest page) {
    String partition = TriggerItem.byContact(workspace, contactId);
    return Queries.page(
        store,
        Queries.Partition.ofIndex(
            table.index(DynamoDbStore.GSI1), partition, Optional.empty(), true),
        "triggers|" + partition,
        page,
        i -> i.toDomain(workspace));
  }
}
