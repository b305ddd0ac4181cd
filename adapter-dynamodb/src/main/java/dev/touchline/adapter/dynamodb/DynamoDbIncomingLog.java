package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.incoming.IncomingEntry;
import dev.touchline.core.domain.incoming.IncomingStatus;
import dev.touchline.core.domain.paging.InvalidCursorException;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import dev.touchline.core.domain.workspace.WorkspaceId;
import dev.touchline.core.port.out.IncomingLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The incoming log in day partitions, kept for {@code retention} (TTL). A listing walks the days
 * newest first, from tomorrow back to the retention horizon, skipping lapsed entries and, when a
 * status is asked for, the others.
 */
public final class DynamoDbIncomingLog implements IncomingLog {
  /** How long entries are kept by default. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  private static final String DAY = "day";

  private final DynamoDbStore store;
  private final DynamoDbTable<IncomingItem> table;
  private final Clock clock;
  private final Duration retention;

  public DynamoDbIncomingLog(DynamoDbStore store, Clock clock, Duration retention) {
    this.store = store;
    this.table = store.enhanced().table(store.tableName(), IncomingItem.SCHEMA);
    this.clock = clock;
    this.retention = retention;
  }

  @Override
  public void save(IncomingEntry entry) {
    store.run(
        "store incoming entry " + entry.id(),
        () -> table.putItem(IncomingItem.from(entry, retention)));
  }

  @Override
  public Optional<IncomingEntry> findById(WorkspaceId workspace, String id) {
    String day;
    try {
      day = Ulid.day(id);
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException notOurs) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return store
        .read(table, IncomingItem.pk(workspace, day), id, "incoming entry " + id)
        .filter(i -> !i.expiredAt(now))
        .map(i -> i.toDomain(workspace));
  }

  @Override
  public Page<IncomingEntry> list(
      WorkspaceId workspace, Optional<IncomingStatus> status, PageRequest page) {
    String listing = "incoming|" + status.map(IncomingStatus::wireName).orElse("*");
    Instant now = clock.instant();
    LocalDate horizon = LocalDate.parse(Ulid.day(now.minus(retention))).minusDays(1);
    LocalDate day = LocalDate.parse(Ulid.day(now)).plusDays(1);
    Optional<Map<String, AttributeValue>> start = Optional.empty();
    Optional<Map<String, AttributeValue>> cursor = Cursors.decode(page.cursor(), listing);
    if (cursor.isPresent()) {
      Map<String, AttributeValue> key = new HashMap<>(cursor.get());
      AttributeValue cursorDay = key.remove(DAY);
      if (cursorDay == null) {
        throw new InvalidCursorException("the cursor has no day");
      }
      day = LocalDate.parse(cursorDay.s());
      start = key.isEmpty() ? Optional.empty() : Optional.of(key);
    }
    // Read one entry more than the page holds, across days if need be, so that a cursor is given
    // exactly when another entry exists.
    List<Found> found = new ArrayList<>();
    while (!day.isBefore(horizon) && found.size() <= page.limit()) {
      String dayText = day.toString();
      Queries.Partition<IncomingItem> source =
          Queries.Partition.ofTable(
                  table, IncomingItem.pk(workspace, dayText), Optional.empty(), false)
              .keeping(i -> !i.expiredAt(now) && status.map(i::hasStatus).orElse(true));
      Queries.Slice<Found> slice =
          Queries.slice(
              store,
              source,
              listing,
              start,
              page.limit() + 1 - found.size(),
              i -> new Found(i.toDomain(workspace), dayText, Queries.keyOf(i, false)));
      found.addAll(slice.items());
      day = day.minusDays(1);
      start = Optional.empty();
    }
    if (found.size() <= page.limit()) {
      return new Page<>(found.stream().map(Found::entry).toList(), Optional.empty());
    }
    List<Found> shown = found.subList(0, page.limit());
    Found last = shown.get(shown.size() - 1);
    return new Page<>(
        shown.stream().map(Found::entry).toList(), cursor(listing, last.day(), last.key()));
  }

  private record Found(IncomingEntry entry, String day, Map<String, AttributeValue> key) {}

  private static Optional<String> cursor(
      String listing, String day, Map<String, AttributeValue> key) {
    Map<String, AttributeValue> withDay = new HashMap<>(key);
    withDay.put(DAY, AttributeValue.fromS(day));
    return Cursors.encode(listing, withDay);
  }
}
