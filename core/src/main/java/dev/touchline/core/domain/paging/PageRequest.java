package dev.touchline.core.domain.paging;

import java.util.Objects;
import java.util.Optional;

/** A page to read: at most {@code limit} items after an opaque cursor from a previous page. */
public record PageRequest(int limit, Optional<String> cursor) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  public PageRequest {
    Objects.requireNonNull(cursor, "cursor");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
    }
  }

  public static PageRequest first(int limit) {
    return new PageRequest(limit, Optional.empty());
  }

  public PageRequest after(String nextCursor) {
    return new PageRequest(limit, Optional.of(nextCursor));
  }
}
