package dev.touchline.core.service;

import dev.touchline.core.port.out.StorageException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause between two attempts of an optimistic write that lost to a concurrent one: exponential
 * with full jitter (up to 1, 2, 4 … 64 ms), so writers contending for one contact spread out
 * instead of colliding again at once. Shared by every optimistic update loop of the services.
 */
final class ContentionBackoff {
  /** How many attempts an optimistic update makes before it gives up. */
  static final int MAX_ATTEMPTS = 12;

  private static final long CAP_MILLIS = 64;

  private ContentionBackoff() {}

  /** Waits before attempt {@code attempt + 1} (attempts count from 0). */
  static void pause(int attempt) {
    long cap = Math.min(CAP_MILLIS, 1L << Math.min(attempt, 6));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting to retry a contended update", e);
    }
  }
}
