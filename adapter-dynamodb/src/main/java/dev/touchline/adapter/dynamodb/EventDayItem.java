package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.workspace.WorkspaceId;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * One day on which a workspace had events ({@code PK = WS#<ws>#EVDAYS}, {@code SK = <day>}), so a
 * workspace-wide listing visits only days that have events.
 */
final class EventDayItem extends KeyedItem {
  static final StaticTableSchema<EventDayItem> SCHEMA =
      StaticTableSchema.builder(EventDayItem.class)
          .newItemSupplier(EventDayItem::new)
          .extend(KEYS)
          .build();

  static String pk(WorkspaceId workspace) {
    return "WS#" + workspace.value() + "#EVDAYS";
  }

  static EventDayItem of(WorkspaceId workspace, String day) {
    EventDayItem item = new EventDayItem();
    item.setPk(pk(workspace));
    item.setSk(day);
    return item;
  }
}
