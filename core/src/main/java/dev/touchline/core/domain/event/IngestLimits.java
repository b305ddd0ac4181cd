package dev.touchline.core.domain.event;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds on client input. Every runtime enforces the same ones; each has a precise error.
 *
 * @param maxBodyBytes a request body (413 {@code payload_too_large} past it)
 * @param maxEventBytes one event's JSON (per-item {@code payload_too_large})
 * @param maxBatchItems events in one batch request
 * @param maxDepth nesting depth of properties and traits (the object itself is depth 1)
 * @param maxStringLength characters in any string value or key
 * @param maxTypeLength characters in an event type
 * @param maxFutureSkew how far in the future a timestamp may lie
 */
public record IngestLimits(
    int maxBodyBytes,
    int maxEventBytes,
    int maxBatchItems,
    int maxDepth,
    int maxStringLength,
    int maxTypeLength,
    Duration maxFutureSkew) {

  public static final IngestLimits DEFAULT =
      new IngestLimits(1024 * 1024, 32 * 1024, 500, 16, 8 * 1024, 64, Duration.ofHours(24));

  /** The longest messageId (or Idempotency-Key) accepted. */
  public static final int MAX_MESSAGE_ID_LENGTH = 256;

  public IngestLimits {
    positive(maxBodyBytes, "maxBodyBytes");
    positive(maxEventBytes, "maxEventBytes");
    positive(maxBatchItems, "maxBatchItems");
    positive(maxDepth, "maxDepth");
    positive(maxStringLength, "maxStringLength");
    positive(maxTypeLength, "maxTypeLength");
    Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
    if (maxEventBytes > maxBodyBytes) {
      throw new IllegalArgumentException("maxEventBytes must not exceed maxBodyBytes");
    }
  }

  private static void positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
