package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.event.Event;
import dev.touchline.core.domain.event.EventId;
import dev.touchline.core.domain.event.EventQuery;
import dev.touchline.core.domain.paging.InvalidCursorException;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.EventRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The timeline: events in their contact's partition (a contact's timeline is one query, newest
 * first), and workspace-wide through GSI1 day shards, merged newest first.
 */
public final class DynamoDbEventRepository implements EventRepository {
  private final DynamoDbStore store;
  private final DynamoDbTable<EventItem> events;
  private final DynamoDbIndex<EventItem> byDay;
  private final DynamoDbTable<EventDayItem> days;
  private final Set<String> knownDays = ConcurrentHashMap.newKeySet();

  public DynamoDbEventRepository(DynamoDbStore store) {
    this.store = store;
    this.events = store.enhanced().table(store.tableName(), EventItem.SCHEMA);
    this.byDay = events.index(DynamoDbStore.GSI1);
    this.days = store.enhanced().table(store.tableName(), EventDayItem.SCHEMA);
  }

  @Override
  public void append(Event event) {
    String day = Ulid.day(event.id().value());
    if (knownDays.add(event.workspace().value() + "|" + day)) {
      // once per process and day: an idempotent put that lets listings skip empty days
      store.run(
          "record event day " + day, () -> days.putItem(EventDayItem.of(event.workspace(), day)));
    }
    store.run("store event " + event.id(), () -> events.putItem(EventItem.from(event)));
  }

  @Override
  public Optional<Event> findById(WorkspaceId workspace, EventId id) {
    String shard = EventItem.shardKey(workspace, Ulid.day(id.value()), EventItem.shardOf(id));
    List<EventItem> found = new ArrayList<>();
    store.run(
        "read event " + id,
        () ->
            byDay
                .query(
                    QueryConditional.keyEqualTo(
                        Key.builder().partitionValue(shard).sortValue(id.value()).build()))
                .forEach(p -> found.addAll(p.items())));
    return found.stream().findFirst().map(i -> i.toDomain(workspace));
  }

  @Override
  public Page<Event> query(EventQuery query) {
    String listing =
        "events|"
            + query.contactId().map(Object::toString).orElse("*")
            + "|"
            + query.type().orElse("*");
    if (query.contactId().isPresent()) {
      Queries.Partition<EventItem> timeline =
          Queries.Partition.ofTable(
                  events,
                  ContactItem.pk(query.workspace(), query.contactId().get()),
                  Optional.of(EventItem.PREFIX),
                  false)
              .keeping(i -> query.type().map(t -> t.equals(i.type())).orElse(true));
      return Queries.page(
          store, timeline, listing, query.page(), i -> i.toDomain(query.workspace()));
    }
    return workspaceWide(query, listing);
  }

  private Page<Event> workspaceWide(EventQuery query, String listing) {
    Optional<Map<String, AttributeValue>> cursor = Cursors.decode(query.page().cursor(), listing);
    Optional<String> fromDay = cursor.map(c -> c.get("day")).map(AttributeValue::s);
    Optional<String> before = cursor.map(c -> c.get("before")).map(AttributeValue::s);
    if (cursor.isPresent() && fromDay.isEmpty()) {
      throw new InvalidCursorException("the cursor has no day");
    }
    int limit = query.page().limit();
    List<Event> items = new ArrayList<>(limit);
    List<String> dayList = daysNewestFirst(query.workspace(), fromDay);
    for (int d = 0; d < dayList.size(); d++) {
      String day = dayList.get(d);
      List<EventItem> merged = new ArrayList<>();
      for (int shard = 0; shard < EventItem.SHARDS; shard++) {
        merged.addAll(
            shardNewestFirst(
                EventItem.shardKey(query.workspace(), day, shard),
                before,
                limit - items.size() + 1,
                query.type()));
      }
      merged.sort(Comparator.comparing(EventItem::getGsi1sk).reversed());
      for (EventItem item : merged) {
        if (items.size() == limit) {
          return new Page<>(items, cursor(listing, day, items.get(items.size() - 1).id().value()));
        }
        items.add(item.toDomain(query.workspace()));
      }
      before = Optional.empty();
      if (items.size() == limit && d + 1 < dayList.size()) {
        return new Page<>(items, cursor(listing, dayList.get(d + 1), null));
      }
    }
    return new Page<>(items, Optional.empty());
  }

  /** Up to {@code want} events of one shard with ids below {@code before}, newest first. */
  private List<EventItem> shardNewestFirst(
      String shard, Optional<String> before, int want, Optional<String> type) {
    QueryConditional condition =
        before.isPresent()
            ? QueryConditional.sortLessThan(
                Key.builder().partitionValue(shard).sortValue(before.get()).build())
            : QueryConditional.keyEqualTo(Key.builder().partitionValue(shard).build());
    List<EventItem> out = new ArrayList<>();
    Map<String, AttributeValue> resume = null;
    do {
      QueryEnhancedRequest request =
          QueryEnhancedRequest.builder()
              .queryConditional(condition)
              .scanIndexForward(false)
              .limit(want - out.size())
              .exclusiveStartKey(resume)
              .build();
      var page = store.call("query " + shard, () -> byDay.query(request).iterator().next());
      for (EventItem item : page.items()) {
        if (type.map(t -> t.equals(item.type())).orElse(true)) {
          out.add(item);
        }
      }
      resume = page.lastEvaluatedKey();
    } while (out.size() < want && resume != null && !resume.isEmpty());
    return out;
  }

  private List<String> daysNewestFirst(WorkspaceId workspace, Optional<String> fromDay) {
    QueryConditional condition =
        fromDay.isPresent()
            ? QueryConditional.sortLessThanOrEqualTo(
                Key.builder()
                    .partitionValue(EventDayItem.pk(workspace))
                    .sortValue(fromDay.get())
                    .build())
            : QueryConditional.keyEqualTo(
                Key.builder().partitionValue(EventDayItem.pk(workspace)).build());
    List<String> out = new ArrayList<>();
    store.run(
        "list event days of " + workspace,
        () ->
            days.query(
                    QueryEnhancedRequest.builder()
                        .queryConditional(condition)
                        .scanIndexForward(false)
                        .build())
                .forEach(p -> p.items().forEach(i -> out.add(i.getSk()))));
    return out;
  }

  private static Optional<String> cursor(String listing, String day, String before) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put("day", AttributeValue.fromS(day));
    if (before != null) {
      key.put("before", AttributeValue.fromS(before));
    }
    return Cursors.encode(listing, key);
  }
}
