package dev.touchline.core.inmemory;

import dev.touchline.core.domain.paging.InvalidCursorException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The in-memory adapters' opaque cursor: the listing it belongs to and the last key returned,
 * base64url-encoded, so a cursor from another listing is refused instead of silently misused.
 */
final class PageCursor {
  private PageCursor() {}

  static String encode(String listing, String lastKey) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((listing + "\n" + lastKey).getBytes(StandardCharsets.UTF_8));
  }

  /** The last key of the previous page, if a cursor was given. */
  static Optional<String> decode(Optional<String> cursor, String listing) {
    if (cursor.isEmpty()) {
      return Optional.empty();
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor.get()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException("not a cursor");
    }
    int nl = text.indexOf('\n');
    if (nl < 0 || !text.substring(0, nl).equals(listing)) {
      throw new InvalidCursorException("the cursor belongs to another listing");
    }
    return Optional.of(text.substring(nl + 1));
  }
}
