package dev.touchline.core.domain.apikey;

/** A token bucket's shape: {@code burst} requests at once, refilled at {@code perSecond}. */
public record RateLimit(long burst, double perSecond) {
  public static final RateLimit DEFAULT = new RateLimit(200, 100);

  public RateLimit {
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1");
    }
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("perSecond must be positive");
    }
  }
}
