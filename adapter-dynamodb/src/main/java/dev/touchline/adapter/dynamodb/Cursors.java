package dev.touchline.adapter.dynamodb;

import dev.touchline.core.domain.paging.InvalidCursorException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Opaque cursors: a query's {@code LastEvaluatedKey} (string keys only) plus the listing it belongs
 * to, base64url-encoded, so a cursor from another listing is refused.
 */
final class Cursors {
  private static final char SEP = '\u001f';

  private Cursors() {}

  static Optional<String> encode(String listing, Map<String, AttributeValue> lastKey) {
    if (lastKey == null || lastKey.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder(listing);
    for (Map.Entry<String, AttributeValue> e : new TreeMap<>(lastKey).entrySet()) {
      text.append(SEP).append(e.getKey()).append(SEP).append(e.getValue().s());
    }
    return Optional.of(
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static Optional<Map<String, AttributeValue>> decode(Optional<String> cursor, String listing) {
    if (cursor.isEmpty()) {
      return Optional.empty();
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor.get()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException("not a cursor");
    }
    String[] parts = text.split(String.valueOf(SEP), -1);
    if (parts.length < 3 || parts.length % 2 != 1 || !parts[0].equals(listing)) {
      throw new InvalidCursorException("the cursor belongs to another listing");
    }
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i += 2) {
      key.put(parts[i], AttributeValue.fromS(parts[i + 1]));
    }
    return Optional.of(key);
  }
}
