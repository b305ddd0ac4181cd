package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.workspace.Workspace;
import dev.touchline.core.domain.workspace.WorkspaceId;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A workspace: {@code PK = WS#<ws>#META}, {@code SK = #}; listed through GSI1 ({@code WORKSPACES},
 * sorted by id). Workspaces are created rarely, so the one listing partition stays cold.
 */
final class WorkspaceItem extends KeyedItem {
  static final String LISTING = "WORKSPACES";

  private String id;
  private String name;
  private Long createdAtMs;

  static final StaticTableSchema<WorkspaceItem> SCHEMA =
      StaticTableSchema.builder(WorkspaceItem.class)
          .newItemSupplier(WorkspaceItem::new)
          .extend(KEYS)
          .addAttribute(
              String.class, a -> a.name("id").getter(i -> i.id).setter((i, v) -> i.id = v))
          .addAttribute(
              String.class, a -> a.name("name").getter(i -> i.name).setter((i, v) -> i.name = v))
          .addAttribute(
              Long.class,
              a ->
                  a.name("createdAt")
                      .getter(i -> i.createdAtMs)
                      .setter((i, v) -> i.createdAtMs = v))
          .build();

  static String pk(WorkspaceId workspace) {
    return "WS#" + workspace.value() + "#META";
  }

  static WorkspaceItem from(Workspace workspace) {
    WorkspaceItem item = new WorkspaceItem();
    item.setPk(pk(workspace.id()));
    item.setSk("#");
    item.setGsi1pk(LISTING);
    item.setGsi1sk(workspace.id().value());
    item.id = workspace.id().value();
    item.name = workspace.name().isEmpty() ? null : workspace.name();
    item.createdAtMs = workspace.createdAt().toEpochMilli();
    return item;
  }

  Workspace toDomain() {
    return new Workspace(
        new WorkspaceId(id), name == null ? "" : name, Instant.ofEpochMilli(createdAtMs));
  }
}
