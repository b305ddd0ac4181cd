package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.paging.InvalidCursorException;
import dev.touchline.core.domain.paging.ListingCursor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque cursors: a query's {@code LastEvaluatedKey} (string keys only), as names and values in
 * name order, carried by the core's {@link ListingCursor}.
 */
final class Cursors {
  private Cursors() {}

  static Optional<String> encode(String listing, Map<String, AttributeValue> lastKey) {
    if (lastKey == null || lastKey.isEmpty()) {
      return Optional.empty();
    }
    List<String> position = new ArrayList<>(2 * lastKey.size());
    for (Map.Entry<String, AttributeValue> e : new TreeMap<>(lastKey).entrySet()) {
      position.add(e.getKey());
      position.add(e.getValue().s());
    }
    return Optional.of(ListingCursor.encode(listing, position));
  }

  static Optional<Map<String, AttributeValue>> decode(Optional<String> cursor, String listing) {
    return ListingCursor.decode(cursor, listing).map(Cursors::toKey);
  }

  private static Map<String, AttributeValue> toKey(List<String> position) {
    if (position.size() % 2 != 0) {
      throw new InvalidCursorException("the cursor belongs to another listing");
    }
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (int i = 0; i < position.size(); i += 2) {
      key.put(position.get(i), AttributeValue.fromS(position.get(i + 1)));
    }
    return key;
  }
}
