package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.WorkspaceConfigRepository.StoredConfig;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** A workspace's configuration document: {@code PK = WS#<ws>#CONFIG}, {@code SK = #}. */
final class ConfigItem extends KeyedItem {
  private String document;
  private Long version;
  private Long updatedAtMs;

  static final StaticTableSchema<ConfigItem> SCHEMA =
      StaticTableSchema.builder(ConfigItem.class)
          .newItemSupplier(ConfigItem::new)
          .extend(KEYS)
          .addAttribute(
              String.class,
              a -> a.name("document").getter(i -> i.document).setter((i, v) -> i.document = v))
          .addAttribute(
              Long.class,
              a -> a.name("version").getter(i -> i.version).setter((i, v) -> i.version = v))
          .addAttribute(
              Long.class,
              a ->
                  a.name("updatedAt")
                      .getter(i -> i.updatedAtMs)
                      .setter((i, v) -> i.updatedAtMs = v))
          .build();

  static String pk(WorkspaceId workspace) {
    return "WS#" + workspace.value() + "#CONFIG";
  }

  static ConfigItem of(WorkspaceId workspace, String document, long version, Instant updatedAt) {
    ConfigItem item = new ConfigItem();
    item.setPk(pk(workspace));
    item.setSk("#");
    item.document = document;
    item.version = version;
    item.updatedAtMs = updatedAt.toEpochMilli();
    return item;
  }

  StoredConfig toDomain() {
    return new StoredConfig(document, version, Instant.ofEpochMilli(updatedAtMs));
  }
}
