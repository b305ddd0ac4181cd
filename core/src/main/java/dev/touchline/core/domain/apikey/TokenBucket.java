package dev.touchline.core.domain.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A token bucket for one key in one process; thread-safe. */
public final class TokenBucket {
  private final RateLimit limit;
  private double tokens;
  private Instant last;

  public TokenBucket(RateLimit limit, Instant now) {
    this.limit = limit;
    this.tokens = limit.burst();
    this.last = now;
  }

  /**
   * Takes {@code cost} tokens if there are enough.
   *
   * @return empty when allowed; otherwise how long until enough tokens have refilled
   */
  public synchronized Optional<Duration> tryTake(long cost, Instant now) {
    if (now.isAfter(last)) {
      double elapsed = Duration.between(last, now).toNanos() / 1e9;
      tokens = Math.min(limit.burst(), tokens + elapsed * limit.perSecond());
      last = now;
    }
    double needed = Math.min(cost, limit.burst());
    if (tokens >= needed) {
      tokens -= needed;
      return Optional.empty();
    }
    double seconds = (needed - tokens) / limit.perSecond();
    return Optional.of(Duration.ofNanos((long) Math.ceil(seconds * 1e9)));
  }
}
