package dev.touchline.core.domain.paging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The opaque page cursor storage adapters hand out: the listing it belongs to and the strings that
 * say where the next page starts, with a check of 6 bytes of SHA-256, base64url-encoded. A cursor
 * from another listing, or text that is not a cursor, is refused with {@link
 * InvalidCursorException} instead of being silently misused.
 */
public final class ListingCursor {
  private static final String SEP = "\u001f";

  private ListingCursor() {}

  /** Bytes of SHA-256 appended to a cursor, so a changed or cut cursor is refused. */
  private static final int CHECK_BYTES = 6;

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
    byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
    byte[] sealed = Arrays.copyOf(content, content.length + CHECK_BYTES);
    System.arraycopy(check(content), 0, sealed, content.length, CHECK_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
  }

  /**
   * The position a cursor of {@code listing} carries, if a cursor was given.
   *
   * @throws InvalidCursorException if it is not a cursor of this listing, or was changed
   */
  public static Optional<List<String>> decode(Optional<String> cursor, String listing) {
    if (cursor.isEmpty()) {
      return Optional.empty();
    }
    byte[] sealed;
    try {
      sealed = Base64.getUrlDecoder().decode(cursor.get());
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException("not a cursor");
    }
    if (sealed.length <= CHECK_BYTES
        || !Base64.getUrlEncoder().withoutPadding().encodeToString(sealed).equals(cursor.get())) {
      // also refuses a last character changed only in bits base64 ignores, and padding
      throw new InvalidCursorException("not a cursor");
    }
    byte[] content = Arrays.copyOf(sealed, sealed.length - CHECK_BYTES);
    byte[] check = Arrays.copyOfRange(sealed, content.length, sealed.length);
    if (!MessageDigest.isEqual(check, Arrays.copyOf(check(content), CHECK_BYTES))) {
      throw new InvalidCursorException("not a cursor (changed or cut)");
    }
    String text = new String(content, StandardCharsets.UTF_8);
    List<String> parts = List.of(text.split(SEP, -1));
    if (parts.size() < 2 || !parts.get(0).equals(listing)) {
      throw new InvalidCursorException("the cursor belongs to another listing");
    }
    return Optional.of(parts.subList(1, parts.size()));
  }

  /**
   * The one position string a cursor of {@code listing} carries, if a cursor was given (for
   * listings that resume after a single key).
   *
   * @throws InvalidCursorException if it is not a cursor of this listing, or was changed
   */
  public static Optional<String> decodeKey(Optional<String> cursor, String listing) {
    return decode(cursor, listing)
        .map(
            position -> {
              if (position.size() != 1) {
                throw new InvalidCursorException("the cursor belongs to another listing");
              }
              return position.get(0);
            });
  }

  private static byte[] check(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
