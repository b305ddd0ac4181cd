package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.Workspace;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.WorkspaceRepository;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;

/** Workspaces, each created with a put conditional on its absence; listed by id through GSI1. */
public final class DynamoDbWorkspaceRepository implements WorkspaceRepository {
  private static final Expression ABSENT =
      Expression.builder().expression("attribute_not_exists(PK)").build();

  private final DynamoDbStore store;
  private final DynamoDbTable<WorkspaceItem> table;

  public DynamoDbWorkspaceRepository(DynamoDbStore store) {
    this.store = store;
    this.table = store.enhanced().table(store.tableName(), WorkspaceItem.SCHEMA);
  }

  @Override
  public boolean create(Workspace workspace) {
    return store
        .putIf(table, WorkspaceItem.from(workspace), ABSENT, "create workspace " + workspace.id())
        .written();
  }

  @Override
  public Optional<Workspace> find(WorkspaceId id) {
    return store
        .read(table, WorkspaceItem.pk(id), "#", "workspace " + id)
        .map(WorkspaceItem::toDomain);
  }

  @Override
  public Page<Workspace> list(PageRequest page) {
    return Queries.page(
        store,
        Queries.Partition.ofIndex(
            table.index(DynamoDbStore.GSI1), WorkspaceItem.LISTING, Optional.empty(), true),
        "workspaces",
        page,
        WorkspaceItem::toDomain);
  }
}
