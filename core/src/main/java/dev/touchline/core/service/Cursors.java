package dev.touchline.core.service;

import dev.touchline.core.domain.error.TouchlineException;
import dev.touchline.core.domain.paging.InvalidCursorException;
import java.util.function.Supplier;

/**
 * Turns a store's refusal of a cursor into the caller's {@code invalid_payload} on {@code cursor}.
 */
final class Cursors {
  private Cursors() {}

  static <T> T translate(Supplier<T> listing) {
    try {
      return listing.get();
    } catch (InvalidCursorException e) {
      throw TouchlineException.invalid(
          "cursor", "cursor is not valid for this listing: " + e.getMessage());
    }
  }
}
