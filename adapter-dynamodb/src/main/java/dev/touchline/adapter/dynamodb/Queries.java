package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pages out of one partition of the table or of GSI1, with the adapter's opaque cursors. A page
 * carries a cursor only when another matching item exists, and the cursor resumes exactly after the
 * last item returned.
 */
final class Queries {
  private Queries() {}

  /** What to read: a partition of the table or of GSI1, optionally a sort-key prefix, a filter. */
  record Partition<I extends KeyedItem>(
      Function<QueryEnhancedRequest, software.amazon.awssdk.enhanced.dynamodb.model.Page<I>> query,
      boolean onIndex,
      String partition,
      Optional<String> prefix,
      boolean ascending,
      Predicate<I> keep,
      boolean consistent) {

    static <I extends KeyedItem> Partition<I> ofTable(
        DynamoDbTable<I> table, String partition, Optional<String> prefix, boolean ascending) {
      return new Partition<>(
          r -> table.query(r).iterator().next(),
          false,
          partition,
          prefix,
          ascending,
          i -> true,
          false);
    }

    static <I extends KeyedItem> Partition<I> ofIndex(
        DynamoDbIndex<I> index, String partition, Optional<String> prefix, boolean ascending) {
      return new Partition<>(
          r -> index.query(r).iterator().next(),
          true,
          partition,
          prefix,
          ascending,
          i -> true,
          false);
    }

    Partition<I> keeping(Predicate<I> filter) {
      return new Partition<>(query, onIndex, partition, prefix, ascending, filter, consistent);
    }

    /** Read with strong consistency (a table partition only: an index cannot be). */
    Partition<I> consistently() {
      if (onIndex) {
        throw new IllegalStateException("an index cannot be read consistently");
      }
      return new Partition<>(query, onIndex, partition, prefix, ascending, keep, true);
    }
  }

  static <I extends KeyedItem, T> Page<T> page(
      DynamoDbStore store,
      Partition<I> source,
      String listing,
      PageRequest page,
      Function<I, T> mapper) {
    Slice<T> slice =
        slice(store, source, listing, Cursors.decode(page.cursor(), listing), page.limit(), mapper);
    return new Page<>(slice.items(), slice.resumeAfter().flatMap(k -> Cursors.encode(listing, k)));
  }

  /** Up to {@code limit} items, and the key to resume after when another matching item exists. */
  record Slice<T>(List<T> items, Optional<Map<String, AttributeValue>> resumeAfter) {}

  static <I extends KeyedItem, T> Slice<T> slice(
      DynamoDbStore store,
      Partition<I> source,
      String what,
      Optional<Map<String, AttributeValue>> start,
      int limit,
      Function<I, T> mapper) {
    Map<String, AttributeValue> resume = start.orElse(null);
    Key key =
        Key.builder()
            .partitionValue(source.partition())
            .sortValue(source.prefix().orElse(""))
            .build();
    QueryConditional condition =
        source.prefix().isPresent()
            ? QueryConditional.sortBeginsWith(key)
            : QueryConditional.keyEqualTo(Key.builder().partitionValue(source.partition()).build());
    List<T> items = new ArrayList<>(limit);
    Map<String, AttributeValue> lastReturned = null;
    while (true) {
      QueryEnhancedRequest request =
          QueryEnhancedRequest.builder()
              .queryConditional(condition)
              .scanIndexForward(source.ascending())
              .consistentRead(source.consistent())
              .limit(limit - items.size() + 1)
              .exclusiveStartKey(resume)
              .build();
      software.amazon.awssdk.enhanced.dynamodb.model.Page<I> result =
          store.call("query " + what, () -> source.query().apply(request));
      for (I item : result.items()) {
        if (!source.keep().test(item)) {
          continue;
        }
        if (items.size() == limit) {
          return new Slice<>(items, Optional.of(lastReturned));
        }
        items.add(mapper.apply(item));
        lastReturned = keyOf(item, source.onIndex());
      }
      if (result.lastEvaluatedKey() == null || result.lastEvaluatedKey().isEmpty()) {
        return new Slice<>(items, Optional.empty());
      }
      resume = result.lastEvaluatedKey();
    }
  }

  /** The key DynamoDB would report as LastEvaluatedKey for this item. */
  static Map<String, AttributeValue> keyOf(KeyedItem item, boolean onIndex) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put(DynamoDbStore.PK, AttributeValue.fromS(item.getPk()));
    key.put(DynamoDbStore.SK, AttributeValue.fromS(item.getSk()));
    if (onIndex) {
      key.put(DynamoDbStore.GSI1PK, AttributeValue.fromS(item.getGsi1pk()));
      key.put(DynamoDbStore.GSI1SK, AttributeValue.fromS(item.getGsi1sk()));
    }
    return key;
  }
}
