package dev.touchline.core.domain.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The opaque page cursor storage adapters hand out: the listing it belongs to and the strings that
 * say where the next page starts, base64url-encoded. A cursor from another listing, or text that is
 * not a cursor, is refused with {@link InvalidCursorException} instead of being silently misused.
 */
public final class ListingCursor {
  private static final String SEP = "\u001f";

  private ListingCursor() {}

  /**
   * The cursor for {@code listing} resuming after {@code position}.
   *
   * @throws IllegalArgumentException if a part contains U+001F, the separator
   */
  public static String encode(String listing, List<String> position) {
    StringBuilder text = new StringBuilder(listing);
    for (String part : position) {
      if (part.contains(SEP)) {
        throw new IllegalArgumentException("a cursor part contains U+001F: " + part);
      }
      text.append(SEP).append(part);
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position a cursor of {@code listing} carries, if a cursor was given.
   *
   * @throws InvalidCursorException if it is not a cursor of this listing
   */
  public static Optional<List<String>> decode(Optional<String> cursor, String listing) {
    if (cursor.isEmpty()) {
      return Optional.empty();
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor.get()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException("not a cursor");
    }
    List<String> parts = List.of(text.split(SEP, -1));
    if (parts.size() < 2 || !parts.get(0).equals(listing)) {
      throw new InvalidCursorException("the cursor belongs to another listing");
    }
    return Optional.of(parts.subList(1, parts.size()));
  }
}
