package dev.touchline.core.inmemory;

import dev.touchline.core.domain.paging.ListingCursor;
import dev.touchline.core.domain.paging.Page;
import dev.touchline.core.domain.paging.PageRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.Predicate;

/** Cuts a page out of a sorted map, filtering as it goes. */
final class Paging {
  private Paging() {}

  /**
   * Items of {@code source} in its iteration order, strictly after the cursor's key, that pass
   * {@code filter}; at most {@code page.limit()}, with a cursor when more may follow.
   */
  static <V> Page<V> page(
      NavigableMap<String, V> source, String listing, PageRequest page, Predicate<V> filter) {
    Optional<String> after = ListingCursor.decodeKey(page.cursor(), listing);
    NavigableMap<String, V> rest = after.map(key -> source.tailMap(key, false)).orElse(source);
    List<V> items = new ArrayList<>(page.limit());
    String lastKey = null;
    Iterator<Map.Entry<String, V>> it = rest.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, V> e = it.next();
      if (!filter.test(e.getValue())) {
        continue;
      }
      if (items.size() == page.limit()) {
        return new Page<>(items, Optional.of(ListingCursor.encode(listing, List.of(lastKey))));
      }
      items.add(e.getValue());
      lastKey = e.getKey();
    }
    return new Page<>(items, Optional.empty());
  }
}
